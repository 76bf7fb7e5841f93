"""Per-line features of the structure view: what a line looks like, computed with str
methods only (no tokenising regex: prose lines are long and this runs on every line).

Each non-blank line gets a vector of numbers (:data:`NAMES` says which), the input of
the line model, plus its marker (:mod:`newslint.structure.markers`).
"""

from __future__ import annotations

from collections import Counter
from math import log1p

from newslint.structure.function_words import FunctionWords
from newslint.structure.markers import MAX_WORDS, Marker, marker

#: Only the first words of a line are looked at for shares: enough to tell prose.
SAMPLE_WORDS = 64

NAMES = (
    "log_words",  # log(1 + words)
    "function_share",  # share of function words / the language's coverage, at most 2
    "sentence_end",  # ends with . ! ? … (possibly before a closing quote or bracket)
    "colon_end",  # ends with ":"
    "open_end",  # ends with a letter or a digit
    "list_item",  # starts with a bullet or "1."
    "title_share",  # share of words in title case
    "upper",  # written in capitals
    "digit_share",  # digits / characters
    "link",  # holds a URL, an e-mail address or a @handle
    "separators",  # " | ", " • ", " · " ... at most 3
    "lower_start",  # starts with a lower-case letter
    "inner_sentences",  # sentence ends inside the line, at most 5
    "comma_rate",  # commas per word
    "table_row",  # starts with "|"
    "repeated",  # the same line occurs elsewhere in the document
    "few_words",  # at most 3 words
    "bracketed",  # starts with "[" or "("
    "marked",  # starts with page-furniture words (markers.py)
)

_BULLETS = frozenset("-–—*+•·▪►>o◦‣")
_SENTENCE_END = frozenset(".!?…")
_CLOSERS = frozenset("\"'”’»)]")
_DIGITS = "0123456789"


def line_features(
    texts: list[str], function_words: FunctionWords
) -> tuple[list[list[float]], list[Marker | None], list[int]]:
    """Features, markers and word counts of ``texts`` (the non-blank lines, stripped)."""
    counts = Counter(texts)
    words_set, coverage = function_words.words, function_words.coverage
    rows: list[list[float]] = []
    markers: list[Marker | None] = []
    sizes: list[int] = []
    for text in texts:
        pieces = text.split()
        n = len(pieces)
        sample = pieces if n <= SAMPLE_WORDS else pieces[:SAMPLE_WORDS]
        m = len(sample)
        lowered = text.lower()
        low_sample = lowered.replace("'", "' ").replace("’", "’ ").split()[: m + m // 4]
        share = sum(map(words_set.__contains__, low_sample)) / len(low_sample) / coverage
        last = text[-1]
        if last in _CLOSERS and len(text) > 1:
            last = text[-2] if text[-2] not in _CLOSERS or len(text) < 3 else text[-3]
        first = text[0]
        found = marker(lowered) if n <= MAX_WORDS else None
        rows.append(
            [
                log1p(n),
                share if share < 2.0 else 2.0,
                1.0 if last in _SENTENCE_END else 0.0,
                1.0 if last == ":" else 0.0,
                1.0 if last.isalnum() else 0.0,
                1.0 if (first in _BULLETS and text[1:2] in (" ", "\t")) or _numbered(text) else 0.0,
                sum(map(str.istitle, sample)) / m,
                1.0 if text.isupper() else 0.0,
                sum(map(text.count, _DIGITS)) / len(text),
                1.0 if ("://" in text or "www." in text or "@" in text) else 0.0,
                float(min(3, text.count(" | ") + text.count(" • ") + text.count(" · "))),
                1.0 if first.islower() else 0.0,
                float(min(5, text.count(". ") + text.count("? ") + text.count("! "))),
                text.count(",") / n,
                1.0 if first == "|" else 0.0,
                1.0 if counts[text] > 1 else 0.0,
                1.0 if n <= 3 else 0.0,
                1.0 if first in "[(" else 0.0,
                1.0 if found is not None else 0.0,
            ]
        )
        markers.append(found)
        sizes.append(n)
    return rows, markers, sizes


def _numbered(text: str) -> bool:
    """``text`` starts like an item of a numbered list: "1. ", "12) "."""
    head = text[:4]
    digits = len(head) - len(head.lstrip(_DIGITS))
    return 0 < digits < 3 and text[digits : digits + 1] in (".", ")") and text[digits + 1 : digits + 2] == " "
