"""D002 near-duplicate-paragraph."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import rule
from newslint.model.text import fold
from newslint.rules.duplication._repetition import repetition


@rule(
    code="D002",
    name="near-duplicate-paragraph",
    severity="warning",
    options={
        "min_chars": Option(80, minimum=1),
        "min_similarity": Option(90.0, minimum=0.0, maximum=100.0),
        "max_paragraphs": Option(400, minimum=2),
    },
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
    different words give nothing, nor do templated pages (see D001), table rows that
    share a template ("| 12 | Sam Ortega | 2190 | 1 | 0 | 6 | 11 |"), or the same short
    question put to each person of a series of interviews.

    Fix: none (which version to keep is an editorial choice).
    """
    repeated = repetition(doc)
    limit = len(range(len(repeated))[: options["max_paragraphs"]])
    min_similarity = float(options["min_similarity"])
    # The core finds the pairs worth a ratio (earlier paragraphs for each later one, in
    # document order): the others are proven too unlike by their sketches.
    suspects = repeated.near_suspects(options["min_chars"], limit, min_similarity)
    if not suspects:
        return
    # Imported here, with two paragraphs to compare: most texts have none.
    from rapidfuzz import fuzz

    numbers = repeated.numbers
    lines = doc.line_texts  # not doc.paragraphs: Line objects only for a finding
    keys: dict[int, str] = {}

    def key_of(i: int) -> str:
        if i not in keys:
            keys[i] = fold(lines[numbers[i] - 1])  # as the core folded it
        return keys[i]

    for i, earlier_indexes in suspects:
        key = key_of(i)
        for j in earlier_indexes:
            earlier = key_of(j)
            if earlier == key or not 0.85 <= len(key) / len(earlier) <= 1.18:
                continue
            score = fuzz.ratio(key, earlier, score_cutoff=min_similarity)
            if score and not _template_line(lines[numbers[i] - 1]):
                paragraph = doc.paragraphs[i]
                yield Violation(
                    paragraph.start,
                    paragraph.end,
                    f"paragraph is {score:.0f}% similar to line {numbers[j]}",
                )
                break


def _template_line(text: str) -> bool:
    """A line whose likeness to another is the page's form, not a copy: a table row
    (cells parted by "|" or tabs), or a short question (the same question put to each
    person of a series of interviews)."""
    stripped = text.strip()
    if stripped.startswith("|") or stripped.count("|") >= 3 or stripped.count("\t") >= 2:
        return True
    return stripped.endswith("?") and len(stripped) <= 200
