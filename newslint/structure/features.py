"""The features of the structure view: what each paragraph of a page looks like, and
what lies around it. This module is the whole of the feature computation, the context
features computed by the compiled core (``core/src/structure.rs``, held bit for bit to
the Python definitions they replaced by ``tests/test_structure_parity.py``), as are the
markers and dates (``core/src/markers.rs``, ``tests/test_markers_parity.py``): the
training script calls the same functions.

A unit is a paragraph as written (:mod:`newslint.reflow`: a line, or hard-wrapped lines
joined). Each unit gets

- its own features (:data:`OWN`), computed on its first :data:`HEAD_CHARS` characters:
  words, function words, punctuation, capitals, digits, links, list and table marks,
  and page-furniture words and dates (:mod:`.markers`), all of a page's units in one
  call of the compiled core (``core/src/units.rs``, with Python's str semantics);
- context features (:data:`CONTEXT`): those of its neighbours, the run of same-shaped
  units it belongs to, how far the nearest prose is above and below it. Nothing says
  where in the page it is: a long article's last paragraphs are as much the article as
  its first (a model that knows the position learns that the end of a page is comments).

:data:`NAMES` is both, in the order of a row: the input of the line model.
"""

from __future__ import annotations

from dataclasses import dataclass

import newslint._core as _core
from newslint.structure.function_words import FunctionWords
from newslint.structure.markers import (
    MAX_WORDS,
    Marker,
    line_markers,
    marker_reader,
    signed_tails,
    tail_words,
)

#: Characters of a unit looked at for its shares of words and signs: some 20 words,
#: enough to tell prose from a label, and a unit's cost does not grow with its length.
HEAD_CHARS = 120

OWN = (
    "log_words",  # log(1 + words)
    "function_share",  # share of function words / the language's coverage, at most 2
    "sentence_end",  # ends with . ! ? … (possibly before a closing quote or bracket)
    "colon_end",  # ends with ":"
    "open_end",  # ends with a letter or a digit
    "list_item",  # starts with a bullet or "1."
    "title_share",  # share of words in title case
    "upper",  # written in capitals
    "number_share",  # share of words that are numbers
    "link",  # holds a URL, an e-mail address or a @handle
    "pipes",  # "|" signs, at most 3
    "lower_start",  # starts with a lower-case letter
    "comma_rate",  # commas per word
    "repeated",  # the same unit occurs elsewhere in the page
    "few_words",  # at most 3 words
    "bracketed",  # starts with "[" or "("
    "marked_comments",  # starts with the words of a comment section (markers.py)
    "marked_navigation",  # ... of a menu, a list of related links, a tag list
    "marked_furniture",  # ... of a share, subscription, legal, credit or "About" box, CMS output
    "tail_words",  # holds words of a subscription, follow or legal box
    "wrapped",  # log of the physical lines it spans
    "no_letter",  # no letter and no digit
    "date_time",  # holds a date or a time of day
    "separators",  # » › · • signs, at most 3
    "question_end",  # ends with "?"
)

#: Own features repeated for the units just above and below (suffixes _p1, _n1) and
#: two away (_p2, _n2: the first two only). Shape only: whether a neighbour is marked
#: is for the segmentation to weigh (a model that learns it takes the paragraph after
#: an inline "Read also" link for a teaser).
NEIGHBOUR = ("log_words", "function_share", "sentence_end", "list_item", "open_end")
NEIGHBOUR_FAR = ("log_words", "function_share")

CONTEXT = (
    *(f"{name}_{side}1" for side in "pn" for name in NEIGHBOUR),
    *(f"{name}_{side}2" for side in "pn" for name in NEIGHBOUR_FAR),
    "run",  # log(1 + units in the run of same-shaped units this one belongs to)
    "gap_above",  # log(1 + units since the last unit of prose above), log(1 + units) if none
    "gap_below",  # the same below
    "window_words",  # mean log_words of the units within three of this one
)

NAMES = (*OWN, *CONTEXT)

_BULLETS = frozenset("-–—*+•·▪►>o◦‣")
_SENTENCE_END = frozenset(".!?…")
_CLOSERS = frozenset("\"'”’»)]")
_DIGITS = "0123456789"
Row = list[float]
#: The markers by the core's indexes (their order in :class:`Marker`), and back.
_MARKERS = tuple(Marker)
_MARKER_INDEX = {found: index for index, found in enumerate(Marker)}


@dataclass(frozen=True)
class PageMarks:
    """What the markers say of a page's units, computed once for both
    :func:`plainly_article` and :func:`unit_features`: the marker of each unit of at most
    :data:`MAX_WORDS` words or :data:`HEAD_CHARS` characters (None for the others), and
    whether each ends with a comment's signature (None: the page holds no hint of one)."""

    markers: list[Marker | None]
    signed: list[bool] | None


def page_marks(texts: list[str], signatures: bool = True) -> PageMarks:
    """The :class:`PageMarks` of ``texts``: two calls of the compiled core."""
    lowered = [
        text.lower() if len(text) <= HEAD_CHARS or text.count(" ") < MAX_WORDS else None
        for text in texts
    ]
    return PageMarks(line_markers(texts, lowered), signed_tails(texts) if signatures else None)


def unit_features(
    texts: list[str],
    function_words: FunctionWords,
    wraps: list[int] | None = None,
    hints: tuple[bool, bool] = (True, True),
    marks: PageMarks | None = None,
) -> tuple[list[Row], list[Marker | None], list[int], list[bool]]:
    """Own features (:data:`OWN`), markers, word counts and plain-prose flags of
    ``texts``, the units of a page (stripped, hard-wrapped lines joined by a space);
    ``wraps`` is how many physical lines each spans (1 when not given); ``hints`` whether
    the page may hold comment signatures and words of a subscription or legal box
    (``markers.page_hints``; without them those tests are skipped); ``marks`` the
    page's :func:`page_marks` when already computed.

    A long unit that starts like a sentence and ends one, unmarked, is plain prose: the
    model does not score it (it gets the score of plain prose, see ``model.py``) and its
    row holds only what its neighbours' context reads (:data:`NEIGHBOUR`), at the cost
    of a few character tests: most paragraphs of most pages are such prose."""
    if marks is None:
        marks = page_marks(texts, hints[0])
    rows, kinds, sizes, prose = _core.unit_features(
        function_words.reader,
        marker_reader(),
        texts,
        [None if found is None else _MARKER_INDEX[found] for found in marks.markers],
        marks.signed,
        wraps if wraps is not None else [1] * len(texts),
        hints[1],
    )
    markers = [None if kind is None else _MARKERS[kind] for kind in kinds]
    return rows, markers, sizes, prose


def context_rows(
    rows: list[Row], sizes: list[int], scored: list[bool] | None = None
) -> list[Row | None]:
    """The full rows (:data:`NAMES`) of a page's units: each own row followed by its
    context features; None for the units not ``scored`` (plain prose). Computed by the
    compiled core (``core/src/structure.rs``), which the line model also calls directly
    (``LineModel.page_log_odds``) so that a page's rows never become Python lists."""
    return _core.context_rows(rows, sizes, scored)


def _last_sign(text: str) -> str:
    """The last character of ``text`` before closing quotes and brackets."""
    last = text[-1]
    if last in _CLOSERS and len(text) > 2:
        last = text[-2] if text[-2] not in _CLOSERS else text[-3]
    return last


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
    signature; a paragraph of prose comes
    within the first ``head_window`` units (what comes before is the headline, byline
    and date the view leaves alone); after the last paragraph of prose, no list item (a
    list of links), no row of a table and no line without a letter, and, there and in
    the last three units, no words of a subscription, follow or legal box. What the view would report on such a page is nothing.
    ``marks``: the page's :func:`page_marks` when already computed."""
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


def is_list_item(text: str) -> bool:
    """``text`` (stripped, not empty) starts like an item of a list."""
    return _is_list_item(text, text[0])


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
