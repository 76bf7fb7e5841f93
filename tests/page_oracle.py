"""What the structure view read of a page's units before one call of the compiled core
(``core/src/page.rs``) took it over: the markers of their starts and the comment
signatures of their ends (``page_marks``), and whether the page is plainly an article
(``plainly_article``), as newslint/structure/features.py defined them. Kept as the
oracle of ``test_page_parity.py``. The markers, signatures and tail words are asked of
the core one by one as they were (``markers.py``'s batch calls, which
``test_markers_parity.py`` holds to Python's ``re``). Not used at run time."""

from __future__ import annotations

from dataclasses import dataclass

from newslint.structure.function_words import FunctionWords
from newslint.structure.markers import (
    MAX_WORDS,
    Marker,
    line_markers,
    signed_tails,
    tail_words,
)

#: features.HEAD_CHARS: the characters of a unit looked at for its shares of words.
HEAD_CHARS = 120

_BULLETS = frozenset("-–—*+•·▪►>o◦‣")
_SENTENCE_END = frozenset(".!?…")
_CLOSERS = frozenset("\"'”’»)]")
_DIGITS = "0123456789"


@dataclass(frozen=True)
class PageMarks:
    """What the markers say of a page's units, computed once for both
    :func:`plainly_article` and the units' features: the marker of each unit of at most
    :data:`MAX_WORDS` words or :data:`HEAD_CHARS` characters (None for the others), and
    whether each ends with a comment's signature (None: the page holds no hint of one)."""

    markers: list[Marker | None]
    signed: list[bool] | None


def page_marks(texts: list[str], signatures: bool = True) -> PageMarks:
    """The :class:`PageMarks` of ``texts``."""
    lowered = [
        text.lower() if len(text) <= HEAD_CHARS or text.count(" ") < MAX_WORDS else None
        for text in texts
    ]
    return PageMarks(line_markers(texts, lowered), signed_tails(texts) if signatures else None)


def plainly_article(
    texts: list[str],
    function_words: FunctionWords,
    head_window: int = 4,
    signatures: bool = True,
    marks: PageMarks | None = None,
) -> bool:
    """The page is an article and nothing else: the structure view need not score its
    units (on a corpus of clean articles, most pages cost a marker check per short unit).

    That is: no unit of it is page furniture (a marker), no two end with a comment's
    signature; a paragraph of prose comes within the first ``head_window`` units (what
    comes before is the headline, byline and date the view leaves alone); after the last
    paragraph of prose, no list item (a list of links), no row of a table and no line
    without a letter, and, there and in the last three units, no words of a
    subscription, follow or legal box. What the view would report on such a page is
    nothing. ``marks``: the page's :func:`page_marks` when already computed."""
    if marks is None:
        marks = page_marks(texts, signatures)
    if any(found is not None for found in marks.markers):
        return False
    if signatures and marks.signed is not None and sum(marks.signed) >= 2:
        return False  # a thread of signed comments
    first = next((i for i, text in enumerate(texts) if _prose(text, function_words)), None)
    if first is None or first > head_window:
        return False
    last = next(i for i in range(len(texts) - 1, -1, -1) if _prose(texts[i], function_words))
    if any(_is_list_item(text, text[0]) or _residue(text) for text in texts[last + 1 :]):
        return False
    return not any(tail_words([text.lower() for text in texts[min(last + 1, len(texts) - 3) :]]))


def _last_sign(text: str) -> str:
    """The last character of ``text`` before closing quotes and brackets."""
    last = text[-1]
    if last in _CLOSERS and len(text) > 2:
        last = text[-2] if text[-2] not in _CLOSERS else text[-3]
    return last


def _residue(text: str) -> bool:
    """A row of a table or a line without a letter or a digit."""
    return "|" in text or not any(map(str.isalnum, text))


def _prose(text: str, function_words: FunctionWords) -> bool:
    """A sentence-long unit of running text that ends a sentence."""
    if len(text) < 100 or _last_sign(text) not in _SENTENCE_END:
        return False
    pieces = text[:HEAD_CHARS].lower().split()
    share = sum(map(function_words.words.__contains__, pieces)) / len(pieces)
    return len(pieces) >= 12 and share >= 0.5 * function_words.coverage


def _is_list_item(text: str, first: str) -> bool:
    """``text`` starts like an item of a list: a bullet and a space, "1. ", "12) "."""
    if first in _BULLETS:
        return text[1:2] in (" ", "\t")
    if first not in _DIGITS:
        return False
    head = text[:4]
    digits = len(head) - len(head.lstrip(_DIGITS))
    return (
        digits < 3
        and text[digits : digits + 1] in (".", ")")
        and text[digits + 1 : digits + 2] == " "
    )
