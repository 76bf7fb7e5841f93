"""Scoring for the training script: the structure view alone on labelled pages (to
choose thresholds), and the whole of newslint on held-out pages, scored as the
corpus's score.py scores (recall of defect lines at warning level and above, false
positives per article on unlabelled non-blank lines, residue lines counting neither way,
a finding counting on every line it spans)."""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import ARTICLE, DEFECT, SETS, Page

from newslint.checking.checker import Checker
from newslint.model.document import Document
from newslint.model.finding import Severity
from newslint.structure import Part, compute
from newslint.structure.model import MODEL_VARIABLE, LineModel, line_model

SET_NAMES = [name for name, _, _ in SETS]


@dataclass
class Score:
    """Counts of one set: defect lines, those found, false positive lines, pages."""

    defects: int = 0
    found: int = 0
    false_positives: int = 0
    pages: int = 0

    @property
    def recall(self) -> float:
        return 100.0 * self.found / max(1, self.defects)

    @property
    def fp_per_article(self) -> float:
        return self.false_positives / max(1, self.pages)


def score_page(page: Page, flagged: dict[int, set[str]], score: Score) -> None:
    """Add ``page``, whose line numbers ``flagged`` carry findings of these families."""
    score.pages += 1
    for number, (kind, family) in enumerate(zip(page.classes, page.families, strict=True), 1):
        families = flagged.get(number, set())
        if kind == DEFECT:
            score.defects += 1
            score.found += bool(families) if family == "*" else family in families
        elif kind == ARTICLE and families:
            score.false_positives += 1


def structure_flags(page: Page, model: LineModel) -> dict[int, set[str]]:
    """The lines the structure rules (H006, B015-B017) flag on ``page`` with ``model``."""
    found = compute(Document(page.text, "page", lang=page.lang), model)
    if found is None:
        return {}
    return {
        number: {"H" if part is Part.COMMENTS else "B"}
        for number, part in zip(found.numbers, found.parts, strict=True)
        if part is not Part.BODY
    }


def structure_scores(pages: Iterable[Page], model: LineModel) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    for page in pages:
        score_page(page, structure_flags(page, model), scores[page.set_name])
    return scores


def newslint_scores(pages: Iterable[Page], checker: Checker) -> dict[str, Score]:
    """Every rule of a default run on ``pages``, scored per set."""
    scores: dict[str, Score] = defaultdict(Score)
    for page in pages:
        document = Document(page.text, "page", record=page.id, title=page.title, lang=page.lang)
        flagged: dict[int, set[str]] = defaultdict(set)
        for finding in checker.check_document(document):
            if finding.severity < Severity.WARNING:
                continue
            last = finding.end_line if finding.end_line > finding.line else finding.line
            if last > finding.line and finding.end_column == 1:
                last -= 1
            for number in range(finding.line, last + 1):
                flagged[number].add(finding.code[0])
        score_page(page, flagged, scores[page.set_name])
    return scores


def with_model(model: dict[str, Any], run: Callable[[], Any]) -> Any:
    """``run()`` with ``model`` as the structure view's line model."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "line_model.json"
        path.write_text(json.dumps(model), encoding="utf-8")
        previous = os.environ.get(MODEL_VARIABLE)
        os.environ[MODEL_VARIABLE] = str(path)
        line_model.cache_clear()
        try:
            return run()
        finally:
            if previous is None:
                del os.environ[MODEL_VARIABLE]
            else:
                os.environ[MODEL_VARIABLE] = previous
            line_model.cache_clear()


def table(rows: dict[str, tuple[Score, Score]], title: str) -> str:
    lines = [
        title,
        "",
        "| set | defect lines | recall, held out | FP/article, held out |"
        " recall, shipped model | FP/article, shipped model |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in SET_NAMES:
        if name not in rows:
            continue
        held, shipped = rows[name]
        lines.append(
            f"| {name} | {held.defects} | {held.recall:.1f}% | {held.fp_per_article:.3f} |"
            f" {shipped.recall:.1f}% | {shipped.fp_per_article:.3f} |"
        )
    return "\n".join(lines)


def report(
    pages: list[Page],
    fit: Callable[[list[Page]], dict[str, Any]],
    half_of: Callable[[str], int],
) -> None:
    """Fit on one half of the sites, score newslint on the other half; both ways."""
    totals: dict[str, tuple[Score, Score]] = {}
    shipped_checker = Checker({}, load_entry_points=False)
    for held in (0, 1):
        train = [p for p in pages if half_of(p.site) != held]
        test = [p for p in pages if half_of(p.site) == held]
        model = fit(train)
        sites = len({p.site for p in test})
        print(f"half {held}: fitted on {len({p.site for p in train})} sites, "
              f"measured on {sites} others ({len(test)} pages in all sets); "
              f"thresholds chosen: {model['thresholds']}")  # fmt: skip
        held_scores = with_model(
            model, lambda test=test: newslint_scores(test, Checker({}, load_entry_points=False))
        )
        shipped_scores = newslint_scores(test, shipped_checker)
        for name in SET_NAMES:
            held_total, shipped_total = totals.setdefault(name, (Score(), Score()))
            for total, part in (
                (held_total, held_scores[name]),
                (shipped_total, shipped_scores[name]),
            ):
                total.defects += part.defects
                total.found += part.found
                total.false_positives += part.false_positives
                total.pages += part.pages
        for name in SET_NAMES:
            part = held_scores[name]
            print(f"  {name:26} recall {part.recall:5.1f}%  FP/article {part.fp_per_article:.3f}")
    print()
    print(table(totals, "Both halves, each measured with the model fitted on the other half:"))
