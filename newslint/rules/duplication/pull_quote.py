"""D004 pull-quote."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from itertools import chain
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import rule
from newslint.rules.duplication._repetition import repetition

_WORDS = re.compile(r"[^\W_]+")


@rule(
    code="D004",
    name="pull-quote",
    severity="warning",
    options={"min_words": Option(8, minimum=1), "max_words": Option(60, minimum=1)},
)
def pull_quote(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A short paragraph whose words also stand, in the same order, inside a longer one.

    What it flags: a paragraph of ``min_words`` to ``max_words`` words (default 8-60)
    whose sequence of words (case, punctuation and quote marks aside) is contained in
    another, longer paragraph of the same article. Magazine layouts repeat a sentence in
    large type (a pull quote); extraction flattens it into the body, where it reads as a
    duplicated sentence.

    Why it matters: the sentence appears twice in the text and out of place once.

    Example: the line "Since 2010, not a single season has ended with a profit for the
    league as a whole." above a paragraph that contains that sentence gives
    D004 on the short line. A heading that restates a paragraph in other words ("Try
    going to bed at the same hour") gives nothing, nor do templated pages (see D001).

    Fix: none (deleting the copy is usually right, but check by eye).
    """
    repeated = repetition(doc)
    if repeated.templated:
        return
    framed: dict[int, str] = {}

    def words_of(i: int) -> str:
        # Words joined by single spaces and framed by spaces, so that a containment test is
        # a plain substring search that cannot stop inside a word. (Spacing separates words
        # like any other non-word character: the prefolded text splits as the folded one.)
        if i not in framed:
            framed[i] = " " + " ".join(_WORDS.findall(repeated.texts[i])) + " "
        return framed[i]

    sketches = repeated.sketches[:_MAX_PARAGRAPHS]
    haystack = b"\n".join(sketches)
    for i in _possible_pull_quotes(sketches, haystack, repeated.cut):
        if repeated.copies(i) > 1:  # exact copies are D001's
            continue
        words = words_of(i)
        count = words.count(" ") - 1
        if not options["min_words"] <= count <= options["max_words"]:
            continue
        # Only a paragraph whose sketch holds this one's can host it. A sketch occurs once
        # in its own line (it holds no line break): if no more, there is no host.
        sketch = sketches[i]
        if haystack.count(sketch) < 2:
            continue
        hosts = [j for j, other in enumerate(sketches) if sketch in other]
        host = next(
            (j for j in hosts if len(words_of(j)) > len(words) and words in words_of(j)), None
        )
        if host is not None:
            paragraph = doc.paragraphs[i]
            yield Violation(
                paragraph.start,
                paragraph.end,
                f"paragraph repeats text of line {repeated.numbers[host]} (pull quote?)",
            )


#: Only the first paragraphs are compared, so that a pathological document stays cheap.
_MAX_PARAGRAPHS = 400


#: Above this many byte comparisons, one search per paragraph through all the sketches
#: is slower than dismissing paragraphs with _unique_pieces (and only some after).
_SEARCH_BUDGET = 100_000


def _possible_pull_quotes(sketches: list[bytes], haystack: bytes, cut: bytes) -> list[int]:
    """Indexes of the ``sketches`` (``haystack`` holds them all, one a line) that another
    one may hold: the paragraphs that may be pull quotes."""
    if len(sketches) * len(haystack) > _SEARCH_BUDGET:
        return _unique_pieces(sketches, cut)
    return [i for i, found in enumerate(map(haystack.count, sketches)) if found > 1]


def _unique_pieces(sketches: list[bytes], cut: bytes) -> list[int]:
    """Indexes of the ``sketches`` that another one may hold.

    Cut at every ``cut`` byte, a sketch falls into pieces; a piece between two cuts
    reappears, whole and between two cuts, in every sketch that holds this one. So a
    sketch with an inner piece that no other sketch has is held by none: that dismisses
    most paragraphs in time linear in the text.
    """
    inner = [sketch.split(cut)[1:-1] for sketch in sketches]
    pieces = Counter(chain.from_iterable(inner))
    return [i for i, own in enumerate(inner) if 1 not in map(pieces.__getitem__, own)]
