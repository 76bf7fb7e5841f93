"""D002 near-duplicate-paragraph."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import rule
from newslint.model.text import fold_spacing
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
    if repeated.templated:
        return
    min_chars = options["min_chars"]
    texts = repeated.texts
    # A folded text is never longer than the prefolded one: fold only the long enough.
    indexes = [
        i for i in range(len(texts))[: options["max_paragraphs"]] if len(texts[i]) >= min_chars
    ]
    folded = [fold_spacing(texts[i]) for i in indexes]
    long = [i for i, key in zip(indexes, folded, strict=True) if len(key) >= min_chars]
    if len(long) < 2:
        return
    # Imported here, with two long paragraphs to compare: most short texts have none.
    from rapidfuzz import fuzz

    keys = [key for key in folded if len(key) >= min_chars]
    min_similarity = float(options["min_similarity"])
    if min_chars >= 1:
        sketched = [repeated.sketches[i] for i in long]
        suspects = _suspects(keys, sketched, min_similarity)
    else:  # an empty paragraph would break the bound: compare everything, as it always did
        suspects = {(a, b) for b in range(len(long)) for a in range(b)}
    # earlier positions worth comparing with each later one, in document order
    earlier_suspects: dict[int, list[int]] = {}
    for earlier_position, position in sorted(suspects):
        earlier_suspects.setdefault(position, []).append(earlier_position)
    for position, earlier_positions in sorted(earlier_suspects.items()):
        key = keys[position]
        for earlier_position in earlier_positions:
            earlier = keys[earlier_position]
            if earlier == key or not 0.85 <= len(key) / len(earlier) <= 1.18:
                continue
            score = fuzz.ratio(key, earlier, score_cutoff=min_similarity)
            if score and not _template_line(doc.paragraphs[long[position]].text):
                paragraph = doc.paragraphs[long[position]]
                yield Violation(
                    paragraph.start,
                    paragraph.end,
                    f"paragraph is {score:.0f}% similar to line "
                    f"{repeated.numbers[long[earlier_position]]}",
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


#: Lengths of two paragraphs compared by D002 differ by at most 18% (a bit more here, so
#: that rounding cannot matter).
_MAX_LENGTH_RATIO = 1.19


def _suspects(
    keys: list[str], sketched: list[bytes], min_similarity: float
) -> set[tuple[int, int]]:
    """Pairs of positions in ``keys`` (earlier first) of paragraphs that may be
    ``min_similarity`` similar. All other pairs are proven not to be by the Indel distance
    of their sketches (a lower bound of the paragraphs'), at a fraction of the cost of
    fuzz.ratio.
    """
    lengths = list(map(len, keys))
    order = sorted(range(len(keys)), key=lengths.__getitem__)
    sorted_lengths = [lengths[i] for i in order]
    sorted_sketches = [sketched[i] for i in order]
    # fuzz.ratio = 100 * (1 - indel / (len(a) + len(b))); one more edit absorbs rounding
    # (int() rounds towards zero: at or above the floor).
    from rapidfuzz.distance import Indel

    slack = 1 - min_similarity / 100
    distance = Indel.distance
    suspects: set[tuple[int, int]] = set()
    for rank in range(len(keys) - 1):
        length = sorted_lengths[rank]
        end = bisect.bisect_right(sorted_lengths, length * _MAX_LENGTH_RATIO, rank + 1)
        sketch = sorted_sketches[rank]
        # the bound of the window's longest pair first, each pair's own when it passes
        widest = int((length + sorted_lengths[end - 1]) * slack) + 1
        for other in range(rank + 1, end):
            indel = distance(sketch, sorted_sketches[other])
            if indel <= widest and indel <= int((length + sorted_lengths[other]) * slack) + 1:
                i, j = order[rank], order[other]
                suspects.add((i, j) if i < j else (j, i))
    return suspects
