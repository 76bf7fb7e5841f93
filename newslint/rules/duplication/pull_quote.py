"""D004 pull-quote."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from rapidfuzz import fuzz

from newslint.document import Document, Line
from newslint.finding import Violation
from newslint.rule import rule
from newslint.rules.duplication._repetition import repetition

_WORDS = re.compile(r"[^\W_]+")
_SHINGLE = 4  # words per shingle used to find candidate pairs cheaply


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


@rule(
    code="D004",
    name="pull-quote",
    severity="warning",
    options={"min_words": 8, "max_words": 60, "min_similarity": 99},
)
def pull_quote(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A short paragraph whose text also stands inside a longer paragraph.

    What it flags: a paragraph of ``min_words`` to ``max_words`` words (default 8-60)
    that is contained, nearly word for word (rapidfuzz partial ratio at least
    ``min_similarity``, default 99), in another, longer paragraph of the same article.
    Magazine layouts repeat a sentence in large type (a pull quote); extraction flattens
    it into the body, where it reads as a duplicated sentence.

    Why it matters: the sentence appears twice in the text and out of place once.

    Example: the line "Since 2008, there hasn't been a single year of revenue gain in the
    newspaper industry as a whole." above a paragraph that contains that sentence gives
    D004 on the short line. A short paragraph that shares a few words or a name with
    another gives nothing, nor do templated pages (see D001).

    Fix: none (deleting the copy is usually right, but the copy may be the only one
    kept in a shortened version; check by eye).
    """
    repeated = repetition(doc)
    if repeated.templated:
        return
    paragraphs = doc.paragraphs[:400]
    # Compare words, not punctuation: a pull quote ends with "." where the sentence in
    # the body goes on with ",".
    folded = {p.number: _WORDS.findall(repeated.folded[p.number]) for p in paragraphs}
    owners: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for number, words in folded.items():
        for shingle in _shingles(words):
            owners[shingle].add(number)
    by_number = {p.number: p for p in paragraphs}
    for paragraph in paragraphs:
        words = folded[paragraph.number]
        if not options["min_words"] <= len(words) <= options["max_words"]:
            continue
        if repeated.copies(paragraph.number) > 1:  # exact copies are D001's
            continue
        host = _host(paragraph, words, folded, owners, float(options["min_similarity"]))
        if host is not None:
            yield Violation(
                paragraph.start,
                paragraph.end,
                f"paragraph repeats text of line {by_number[host].number} (pull quote?)",
            )


def _host(
    paragraph: Line,
    words: list[str],
    folded: dict[int, list[str]],
    owners: dict[tuple[str, ...], set[int]],
    min_similarity: float,
) -> int | None:
    shingles = _shingles(words)
    hits: dict[int, int] = defaultdict(int)
    for shingle in shingles:
        for number in owners[shingle]:
            if number != paragraph.number:
                hits[number] += 1
    text = " ".join(words)
    for number, count in sorted(hits.items(), key=lambda item: (-item[1], item[0])):
        other = folded[number]
        if count * 2 < len(shingles) or len(other) <= len(words):
            continue
        if fuzz.partial_ratio(text, " ".join(other), score_cutoff=min_similarity):
            return number
    return None
