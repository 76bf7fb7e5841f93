"""The structure view's features and trees as Python computed them before the compiled
core took them over (``core/src/units.rs``: the own features; ``core/src/markers.rs``:
the markers and the date pattern, from ``markers_oracle.py``; ``core/src/structure.rs``:
the context features and the trees): kept
as the oracle of ``test_structure_parity.py``, which holds the core to these
definitions bit for bit. Not used at run time."""

from __future__ import annotations

from collections import Counter
from math import log1p

import numpy as np
from markers_oracle import date, line_marker, signed, tail_marker
from markers_oracle import plain_prose_unit as _plain_prose_unit
from page_oracle import _CLOSERS, _DIGITS, _SENTENCE_END, _is_list_item

from newslint.structure.features import HEAD_CHARS, NEIGHBOUR, OWN
from newslint.structure.function_words import FunctionWords
from newslint.structure.markers import MAX_WORDS, SIGNATURE_TAIL, Marker
from newslint.structure.model import LineModel

_NAVIGATION = frozenset({Marker.RELATED, Marker.NAVIGATION, Marker.TAGS})

_SEPARATORS = "»›·•"
_OWN_INDEX = {name: index for index, name in enumerate(OWN)}
Row = list[float]


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
    counts = Counter(texts)
    rows: list[Row] = []
    markers: list[Marker | None] = []
    sizes: list[int] = []
    prose: list[bool] = []
    signatures = hints[0]
    for index, text in enumerate(texts):
        lines = wraps[index] if wraps is not None else 1
        plain = _plain_prose_unit(text, signatures)
        if plain is not None:
            row, n = _prose_row(text, function_words, plain)
            found = None
        else:
            row, n, found = _own(text, function_words, counts[text] > 1, lines, hints)
        rows.append(row)
        markers.append(found)
        sizes.append(n)
        prose.append(plain is not None)
    return rows, markers, sizes, prose


def _prose_row(text: str, function_words: FunctionWords, n: int) -> tuple[Row, int]:
    """The row of a unit of plain prose: its words, share of function words and ending,
    what the context of its neighbours reads; the rest is never scored."""
    lowered = text[:HEAD_CHARS].lower()
    if "'" in lowered or "’" in lowered:
        lowered = lowered.replace("'", "' ").replace("’", "’ ")
    pieces = lowered.split()
    share = sum(map(function_words.words.__contains__, pieces)) / (
        len(pieces) * function_words.coverage
    )
    row = [0.0] * len(OWN)
    row[0] = log1p(n)
    row[1] = share if share < 2.0 else 2.0
    row[2] = 1.0  # sentence_end
    return row, n


def _own(
    text: str, function_words: FunctionWords, repeated: bool, lines: int, hints: tuple[bool, bool]
) -> tuple[Row, int, Marker | None]:
    signatures, tails = hints
    head = text[:HEAD_CHARS]
    n = text.count(" ") + 1 if len(text) > HEAD_CHARS else len(head.split())
    lowered = head.lower()
    found = None
    if n <= MAX_WORDS:
        found = (
            line_marker(text, text.lower())
            if len(text) > HEAD_CHARS
            else line_marker(head, lowered)
        )
    if found is None and signatures and signed(text[-SIGNATURE_TAIL:].lower()):
        found = Marker.SIGNATURE  # a comment with its signature glued at its end
    pieces = head.split()
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
        1.0 if found is Marker.COMMENTS else 0.0,
        1.0 if found in _NAVIGATION else 0.0,
        1.0
        if found is not None and found is not Marker.COMMENTS and found not in _NAVIGATION
        else 0.0,
        1.0 if tails and tail_marker(lowered) else 0.0,
        log1p(lines - 1),
        0.0 if any(map(str.isalnum, head)) else 1.0,
        1.0 if (_has_digit(head) and date(lowered)) else 0.0,
        float(min(3, sum(map(head.count, _SEPARATORS)))),
        1.0 if last == "?" else 0.0,
    ]
    return row, n, found


def _has_digit(text: str) -> bool:
    return any(map(text.__contains__, _DIGITS))


def _last_sign(text: str) -> str:
    """The last character of ``text`` before closing quotes and brackets."""
    last = text[-1]
    if last in _CLOSERS and len(text) > 2:
        last = text[-2] if text[-2] not in _CLOSERS else text[-3]
    return last


def context_rows(
    rows: list[Row], sizes: list[int], scored: list[bool] | None = None
) -> list[Row | None]:
    """The full rows (NAMES) of a page's units: each own row followed by its context
    features; None for the units not ``scored`` (plain prose)."""
    count = len(rows)
    words = [row[0] for row in rows]
    shares = [row[1] for row in rows]
    prose = [
        size >= 8 and share >= 0.6 and row[2] > 0.0
        for row, size, share in zip(rows, sizes, shares, strict=True)
    ]
    gaps_above = _gaps(prose, count)
    gaps_below = _gaps(prose[::-1], count)[::-1]
    runs = _runs([_shape(row) for row in rows])
    neighbour = [_OWN_INDEX[name] for name in NEIGHBOUR]
    blank = [0.0] * len(NEIGHBOUR)
    full: list[Row | None] = []
    for index, row in enumerate(rows):
        if scored is not None and not scored[index]:
            full.append(None)
            continue
        near = []
        for offset in (-1, 1):
            other = index + offset
            if 0 <= other < count:
                side = rows[other]
                near += [side[i] for i in neighbour]
            else:
                near += blank
        for offset in (-2, 2):
            other = index + offset
            if 0 <= other < count:
                near += [words[other], shares[other]]
            else:
                near += [0.0, 0.0]
        window = words[max(0, index - 3) : index + 4]
        full.append(
            row
            + near
            + [
                log1p(runs[index]),
                log1p(gaps_above[index]),
                log1p(gaps_below[index]),
                sum(window) / len(window),
            ]
        )
    return full


def _gaps(prose: list[bool], count: int) -> list[int]:
    gaps: list[int] = []
    last = None
    for index, value in enumerate(prose):
        gaps.append(count if last is None else index - last)
        if value:
            last = index
    return gaps


def _shape(row: Row) -> tuple[int, float, float, float]:
    words = row[0]
    length = 0 if words <= 1.39 else 1 if words <= 2.2 else 2 if words <= 3.05 else 3
    return length, row[2], row[5], row[10]


def _runs(shapes: list[tuple[int, float, float, float]]) -> list[int]:
    runs: list[int] = []
    start = 0
    for index in range(1, len(shapes) + 1):
        if index < len(shapes) and shapes[index] == shapes[start]:
            continue
        runs += [index - start] * (index - start)
        start = index
    return runs


def log_odds(model: LineModel, rows: list[Row]) -> list[float]:
    """The model's log-odds of ``rows`` with numpy, all units and all trees at once."""
    if not rows:
        return []
    x = np.asarray(rows, dtype=np.float32)
    count, width = x.shape
    features_array = np.asarray(model.features, dtype=np.intp)
    splits_array = np.asarray(model.splits, dtype=np.float32)
    leaves_array = np.asarray(model.leaves, dtype=np.float64)
    inner = features_array.shape[1]
    tree_base = np.arange(features_array.shape[0]) * inner
    features, splits = features_array.ravel(), splits_array.ravel()
    flat = x.ravel()
    row_base = (np.arange(count) * width)[:, None]
    node = np.zeros((count, tree_base.size), dtype=np.intp)
    for _ in range(model.depth):
        at = node + tree_base
        value = flat.take(features.take(at) + row_base)
        node = node * 2 + 1 + (value > splits.take(at))
    leaf = node - inner + np.arange(tree_base.size) * (inner + 1)
    scores: list[float] = (leaves_array.ravel().take(leaf).sum(axis=1) + model.base).tolist()
    return scores
