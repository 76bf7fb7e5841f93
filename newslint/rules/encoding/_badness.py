"""ftfy's ``is_bad`` without trying its regex at every character.

``ftfy.badness.BADNESS_RE`` is a large alternation tried at each position of the text,
some 0.1-0.2 µs a character. Each of its alternatives holds, within its first few
characters, an item that only matches non-ASCII characters (a mojibake character of
some kind). Taking in each alternative the item of the rarest characters, the union of
them (the anchors: symbols, a few rare letters) is such that every match starts at most
``lead`` characters before an anchor. Trying the regex only there finds a match when
there is one, and anchors are few in text, even in Greek or Russian.

The anchors are read from the regex when the module loads; should a future ftfy hold an
alternative that this reading cannot follow, ``is_bad`` is called as before.
"""

from __future__ import annotations

import re
from typing import Any

from ftfy.badness import BADNESS_RE, is_bad

try:
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python without these private modules
    _sre = _sre_parse = None

_MAX_LEAD = 3  # look no further into an alternative than this many characters


def _members(op: Any, av: Any) -> set[int] | None:
    """Code points a one-character item (op, av) can match, when they are all
    non-ASCII; None otherwise (an ASCII member, a category, a negation...)."""
    if op is _sre.LITERAL:
        return {av} if av >= 0x80 else None
    if op is not _sre.IN:
        return None
    members: set[int] = set()
    for kind, value in av:
        if kind is _sre.LITERAL and value >= 0x80:
            members.add(value)
        elif kind is _sre.RANGE and value[0] >= 0x80:
            members.update(range(value[0], value[1] + 1))
        else:
            return None
    return members


def _cost(members: set[int]) -> int:
    """How often text holds these characters, roughly: prefer symbols to rare
    letters, and those to typographic punctuation and the letters of Latin-1,
    Greek and Russian."""
    return sum(_rarity(code) for code in members)


def _rarity(code: int) -> int:
    if 0x2010 <= code <= 0x2027 or code == 0xA0:
        return 1000  # dashes, quotation marks, ellipsis, no-break space
    if not chr(code).isalpha():
        return 1
    common = 0xC0 <= code <= 0xFF or 0x391 <= code <= 0x3C9 or 0x410 <= code <= 0x44F
    return 1000 if common else 100


def _anchor_of(items: list[tuple[Any, Any]]) -> tuple[set[int], int] | None:
    """(members, largest offset) of the cheapest item, among the first _MAX_LEAD + 1
    characters of an alternative, that matches only non-ASCII characters; None when
    there is none or the items are too complex to follow."""
    offsets = {0}
    one_char = (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY)
    best: tuple[set[int], int] | None = None
    for op, av in items:
        if max(offsets) > _MAX_LEAD:
            break
        members = _members(op, av)
        if members is not None and (best is None or _cost(members) < _cost(best[0])):
            best = members, max(offsets)
        if op is _sre.AT:
            continue  # ^, $, \\b...: no width
        if op in one_char:
            offsets = {offset + 1 for offset in offsets}
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, sub = av
            if len(sub.data) != 1 or sub.data[0][0] not in one_char or high > _MAX_LEAD:
                break
            offsets = {offset + count for offset in offsets for count in range(low, high + 1)}
        else:
            break
    return best


def _anchors() -> tuple[re.Pattern[str], int] | None:
    """A class of the characters one of which every BADNESS_RE match holds, and how
    far into the match it may lie; None when that cannot be worked out."""
    if _sre_parse is None or BADNESS_RE.flags & re.IGNORECASE:
        return None  # ignoring case lets non-ASCII letters match ASCII ones
    try:
        parsed = _sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
        if len(parsed.data) == 1 and parsed.data[0][0] is _sre.BRANCH:
            alternatives = [list(sub.data) for sub in parsed.data[0][1][1]]
        else:
            alternatives = [list(parsed.data)]
        anchors = [_anchor_of(items) for items in alternatives]
    except Exception:  # a private API: any surprise means "cannot tell"
        return None
    if any(anchor is None for anchor in anchors):
        return None
    codes = sorted(set().union(*(anchor[0] for anchor in anchors if anchor)))
    lead = max(anchor[1] for anchor in anchors if anchor)
    return re.compile("[" + "".join(re.escape(chr(code)) for code in codes) + "]"), lead


_ANCHORS = _anchors()


def looks_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, tried only just before the characters that every
    BADNESS_RE match holds."""
    if _ANCHORS is None:
        return is_bad(text)
    anchor, lead = _ANCHORS
    match = BADNESS_RE.match
    tried = -1  # last position tried
    for character in anchor.finditer(text):
        index = character.start()
        for position in range(max(index - lead, tried + 1), index + 1):
            if match(text, position):
                return True
        tried = index
    return False
