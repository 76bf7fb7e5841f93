"""Per-line features of the structure view: what a line looks like, computed with str
methods only (no tokenising regex: this runs on every line of every document).

Each non-blank line gets a vector of numbers (:data:`NAMES` says which), the input of
the line model, and its marker (:mod:`newslint.structure.markers`). A long line that
ends a sentence and starts like one is plain prose: it gets no vector (None), the model
gives all of them the same score, and its cost is a few character tests.
"""

from __future__ import annotations

from collections import Counter
from math import log1p

from newslint.structure.function_words import FunctionWords
from newslint.structure.markers import MAX_WORDS, Marker, line_marker, tail_marker

#: Characters of a line looked at for its shares of words and signs: some 20 words,
#: enough to tell prose from a label, and a line's cost does not grow with its length.
HEAD_CHARS = 120

NAMES = (
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
    "repeated",  # the same line occurs elsewhere in the document
    "few_words",  # at most 3 words
    "bracketed",  # starts with "[" or "("
    "marked",  # starts with page-furniture words (markers.py)
)

_BULLETS = frozenset("-–—*+•·▪►>o◦‣")
_SENTENCE_END = frozenset(".!?…")
_CLOSERS = frozenset("\"'”’»)]")
_DIGITS = "0123456789"
#: First characters after which a long line is not taken for plain prose.
_NOT_PROSE_START = frozenset("-–—*+•·▪►>|[(#@0123456789")

Row = list[float] | None


def line_features(
    texts: list[str], function_words: FunctionWords, *, every_line: bool = False
) -> tuple[list[Row], list[Marker | None], list[int]]:
    """Features (None for plain prose, unless ``every_line``), markers and word counts
    of ``texts``, the non-blank lines of a document, stripped."""
    counts = Counter(texts)
    rows: list[Row] = []
    markers: list[Marker | None] = []
    sizes: list[int] = []
    for text in texts:
        if len(text) > HEAD_CHARS:
            n = text.count(" ") + 1
            found = line_marker(text, text.lower()) if n <= MAX_WORDS else None
            if found is None and not every_line and _plain_prose(text):
                rows.append(None)
                markers.append(None)
                sizes.append(n)
                continue
        else:
            n = 0  # counted below
            found = None
        row, n, found = _row(text, n, found, function_words, counts[text] > 1)
        rows.append(row)
        markers.append(found)
        sizes.append(n)
    return rows, markers, sizes


def _row(
    text: str, n: int, found: Marker | None, function_words: FunctionWords, repeated: bool
) -> tuple[list[float], int, Marker | None]:
    head = text[:HEAD_CHARS]
    lowered = head.lower()
    pieces = head.split()
    if n == 0:  # a short line: its words are those of its head
        n = len(pieces)
        found = line_marker(head, lowered) if n <= MAX_WORDS else None
    if "'" in lowered or "’" in lowered:
        lowered = lowered.replace("'", "' ").replace("’", "’ ")
    low_pieces = lowered.split()
    share: float = sum(map(function_words.words.__contains__, low_pieces))
    share /= len(low_pieces) * function_words.coverage
    last = _last_sign(text)
    first = text[0]
    count = len(pieces)
    row = [
        log1p(n),
        share if share < 2.0 else 2.0,
        1.0 if last in _SENTENCE_END else 0.0,
        1.0 if last == ":" else 0.0,
        1.0 if last.isalnum() else 0.0,
        1.0 if _is_list_item(text, first) else 0.0,
        sum(map(str.istitle, pieces)) / count,
        1.0 if head.isupper() else 0.0,
        sum(map(str.isdigit, pieces)) / count,
        1.0 if ("://" in head or "www." in head or "@" in head) else 0.0,
        float(min(3, head.count("|"))),
        1.0 if first.islower() else 0.0,
        head.count(",") / count,
        1.0 if repeated else 0.0,
        1.0 if n <= 3 else 0.0,
        1.0 if first in "[(" else 0.0,
        1.0 if found is not None else 0.0,
    ]
    return row, n, found


def _last_sign(text: str) -> str:
    """The last character of ``text`` before closing quotes and brackets."""
    last = text[-1]
    if last in _CLOSERS and len(text) > 2:
        last = text[-2] if text[-2] not in _CLOSERS else text[-3]
    return last


def _plain_prose(text: str) -> bool:
    """A long line that starts like a sentence and ends one."""
    first = text[0]
    return (
        first not in _NOT_PROSE_START and not first.islower() and _last_sign(text) in _SENTENCE_END
    )


def plainly_article(texts: list[str], function_words: FunctionWords, head_window: int = 4) -> bool:
    """The page is an article and nothing else: the structure view need not score its
    lines (on a corpus of clean articles, most pages cost a marker check per short line).

    That is: no line of it is page furniture (a marker); a paragraph of prose comes
    within the first ``head_window`` lines (what comes before is the headline, byline
    and date the view leaves alone); after the last paragraph of prose, no list item (a
    list of links) and, there and in the last three lines, no words of a subscription,
    follow or legal box. What the view would report on such a page is nothing."""
    if any(
        (len(text) <= HEAD_CHARS or text.count(" ") < MAX_WORDS) and line_marker(text, text.lower())
        for text in texts
    ):
        return False
    first = next((i for i, text in enumerate(texts) if _prose(text, function_words)), None)
    if first is None or first > head_window:
        return False
    last = next(i for i in range(len(texts) - 1, -1, -1) if _prose(texts[i], function_words))
    if any(_is_list_item(text, text[0]) for text in texts[last + 1 :]):
        return False
    return not any(tail_marker(text.lower()) for text in texts[min(last + 1, len(texts) - 3) :])


def _prose(text: str, function_words: FunctionWords) -> bool:
    """A sentence-long line of running text that ends a sentence."""
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
