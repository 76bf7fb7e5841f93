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
  call of the compiled core (``core/src/page.rs`` and ``units.rs``, with Python's str
  semantics), which also tells a page that is plainly an article (:func:`page_units`);
- context features (:data:`CONTEXT`): those of its neighbours, the run of same-shaped
  units it belongs to, how far the nearest prose is above and below it. Nothing says
  where in the page it is: a long article's last paragraphs are as much the article as
  its first (a model that knows the position learns that the end of a page is comments).

:data:`NAMES` is both, in the order of a row: the input of the line model.
"""

from __future__ import annotations

import newslint._core as _core
from newslint.structure.function_words import FunctionWords
from newslint.structure.markers import Marker, marker_reader

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

Row = list[float]
#: The markers by the core's indexes (their order in :class:`Marker`).
_MARKERS = tuple(Marker)


def unit_features(
    texts: list[str],
    function_words: FunctionWords,
    wraps: list[int] | None = None,
    hints: tuple[bool, bool] = (True, True),
) -> tuple[list[Row], list[Marker | None], list[int], list[bool]]:
    """Own features (:data:`OWN`), markers, word counts and plain-prose flags of
    ``texts``, the units of a page (stripped, hard-wrapped lines joined by a space);
    ``wraps`` is how many physical lines each spans (1 when not given); ``hints`` whether
    the page may hold comment signatures and words of a subscription or legal box
    (``markers.page_hints``; without them those tests are skipped).

    A long unit that starts like a sentence and ends one, unmarked, is plain prose: the
    model does not score it (it gets the score of plain prose, see ``model.py``) and its
    row holds only what its neighbours' context reads (:data:`NEIGHBOUR`), at the cost
    of a few character tests: most paragraphs of most pages are such prose."""
    found = page_units(texts, function_words, wraps, hints, shortcut=False)
    assert found is not None  # a page is always scored without the shortcut
    return found


def page_units(
    texts: list[str],
    function_words: FunctionWords,
    wraps: list[int] | None = None,
    hints: tuple[bool, bool] = (True, True),
    *,
    shortcut: bool = True,
) -> tuple[list[Row], list[Marker | None], list[int], list[bool]] | None:
    """:func:`unit_features` of a page's units, in one call of the compiled core
    (``core/src/page.rs``): the markers of their starts and comment signatures of their
    ends, then their own features; None, with ``shortcut``, for a page that is plainly
    an article (no unit is page furniture, no two end with a comment's signature, a
    paragraph of prose comes within the first four units and, after the last one, no
    list item, row of a table, unit without a letter or words of a subscription, follow
    or legal box): on a corpus of clean articles, most pages cost a marker check per
    short unit. The Python definitions the core follows are the oracle of
    ``tests/test_page_parity.py`` (``tests/page_oracle.py``)."""
    found = _core.page_units(
        function_words.reader,
        marker_reader(),
        texts,
        wraps if wraps is not None else [1] * len(texts),
        hints[0],
        hints[1],
        shortcut,
    )
    if found is None:
        return None
    rows, kinds, sizes, prose = found
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
