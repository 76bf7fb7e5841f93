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

from corpus import ARTICLE, DEFECT, SETS, SOURCES, Page
from labelled_units import PageUnits

from newslint.checking.checker import Checker
from newslint.model.document import Document
from newslint.model.finding import Severity
from newslint.structure import Part, assemble
from newslint.structure.model import MODEL_VARIABLE, line_model

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

    def add(self, other: Score) -> None:
        self.defects += other.defects
        self.found += other.found
        self.false_positives += other.false_positives
        self.pages += other.pages


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


def structure_scores(
    items: Iterable[PageUnits], log_odds: list[list[float]], thresholds: dict[str, float]
) -> dict[str, Score]:
    """The structure rules (H006, B015-B017) alone on ``items``, whose units have
    ``log_odds``, segmented with ``thresholds``."""
    scores: dict[str, Score] = defaultdict(Score)
    for item, odds in zip(items, log_odds, strict=True):
        flagged: dict[int, set[str]] = {}
        if item.units is not None:
            found = assemble(item.document, item.units, odds, thresholds)
            flagged = {
                number: {"H" if part is Part.COMMENTS else "B"}
                for number, part in zip(found.numbers, found.parts, strict=True)
                if part is not Part.BODY
            }
        score_page(item.page, flagged, scores[item.page.set_name])
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


def measured(model: dict[str, Any], test: list[Page]) -> dict[str, Score]:
    """All of newslint, with ``model``, on ``test``."""
    return with_model(model, lambda: newslint_scores(test, Checker({}, load_entry_points=False)))


def table(columns: dict[str, dict[str, Score]], title: str) -> str:
    """A Markdown table: per set, recall and false positives per article of each column."""
    heads = "".join(f" recall, {name} | FP/article, {name} |" for name in columns)
    lines = [
        title,
        "",
        f"| set | defect lines |{heads}",
        "|---|---:|" + "---:|---:|" * len(columns),
    ]
    for set_name in SET_NAMES:
        present = [scores[set_name] for scores in columns.values() if set_name in scores]
        if not present:
            continue
        cells = "".join(f" {s.recall:.1f}% | {s.fp_per_article:.3f} |" for s in present)
        lines.append(f"| {set_name} | {present[0].defects} |{cells}")
    return "\n".join(lines)


def _split_run(
    items: list[PageUnits],
    fit: Callable[[list[PageUnits]], dict[str, Any]],
    side: Callable[[PageUnits], Any],
    label: Callable[[Any], str],
) -> dict[str, Score]:
    """Fit on all sides but one, measure on that one, for each side; summed per set."""
    totals: dict[str, Score] = defaultdict(Score)
    for held in sorted({side(item) for item in items}):
        train = [item for item in items if side(item) != held]
        test = [item.page for item in items if side(item) == held]
        model = fit(train)
        scores = measured(model, test)
        print(f"{label(held)}: fitted on {len(train)} pages, measured on {len(test)}; "
              f"thresholds {model['thresholds']}", flush=True)  # fmt: skip
        for name, score in sorted(scores.items()):
            print(f"  {name:26} recall {score.recall:5.1f}%  FP/article {score.fp_per_article:.3f}")
            totals[name].add(score)
    return totals


def report(
    items: list[PageUnits],
    fit: Callable[[list[PageUnits]], dict[str, Any]],
    half_of: Callable[[str], int],
) -> None:
    """The held-out figures: by site halves, and leave one source out (see the
    training script's docstring), next to the shipped model on the same pages."""
    halves = _split_run(
        items, fit, lambda item: half_of(item.page.site), lambda held: f"sites of half {held}"
    )
    sources = _split_run(
        items, fit, lambda item: item.page.source, lambda held: f"source {held} held out"
    )
    shipped = newslint_scores((item.page for item in items), Checker({}, load_entry_points=False))
    print()
    print(table({"held-out sites": halves, "shipped model": shipped},
                "By site: each half measured with the model fitted on the other half"))  # fmt: skip
    print()
    print(table({"source held out": sources},
                f"Leave one source out ({' / '.join(SOURCES)}): each source measured with the "
                "model fitted on the other"))  # fmt: skip
