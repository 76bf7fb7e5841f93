"""D002 near-duplicate-paragraph."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from rapidfuzz import fuzz

from newslint.document import Document
from newslint.finding import Violation
from newslint.rule import rule
from newslint.rules.duplication._repetition import repetition


@rule(
    code="D002",
    name="near-duplicate-paragraph",
    severity="warning",
    options={"min_chars": 80, "min_similarity": 90, "max_paragraphs": 400},
)
def near_duplicate_paragraph(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A paragraph that is almost the same as an earlier one.

    What it flags: a paragraph of at least ``min_chars`` characters (default 80) whose
    similarity to an earlier paragraph (rapidfuzz ratio, 0-100) is at least
    ``min_similarity`` (default 90) without being identical (identical copies are
    D001). Only the first ``max_paragraphs`` paragraphs are compared, so that a
    pathological document stays cheap.

    Why it matters: the same paragraph in two versions (an updated lead, a teaser and
    the body) is a scraping defect that exact matching misses.

    Example: "Le secrétaire d'État américain Antony Blinken a exhorté mardi la Russie à
    retirer ses troupes." followed later by the same sentence with "Anthony" for
    "Antony" gives D002 on the later line. Two paragraphs on the same subject in
    different words give nothing, nor do templated pages (see D001).

    Fix: none (which version to keep is an editorial choice).
    """
    repeated = repetition(doc)
    if repeated.templated:
        return
    seen: list[tuple[int, str]] = []
    min_similarity = float(options["min_similarity"])
    for paragraph in doc.paragraphs[: options["max_paragraphs"]]:
        key = repeated.folded[paragraph.number]
        if len(key) < options["min_chars"]:
            continue
        for number, earlier in seen:
            if earlier == key or not 0.85 <= len(key) / len(earlier) <= 1.18:
                continue
            score = fuzz.ratio(key, earlier, score_cutoff=min_similarity)
            if score:
                yield Violation(
                    paragraph.start,
                    paragraph.end,
                    f"paragraph is {score:.0f}% similar to line {number}",
                )
                break
        seen.append((paragraph.number, key))
