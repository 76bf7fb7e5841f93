"""The structure view's marker lookups and date pattern as Python matched them before the
compiled core took them over (``core/src/markers.rs``): kept as the oracle of
``test_markers_parity.py``, which holds the core to these definitions on every line of
the shared corpus and on generated lines. Not used at run time.

The patterns are markers.py's (the one place they are written), but for two kept as
they were: _RELATED had a look-ahead ("more(?=\\s*:)"), which the core lacks, and
_SIGNED wrote "\\|" (which translate.py would take for syntax of the regex module)."""

from __future__ import annotations

import re
from functools import cache

from page_oracle import _CLOSERS, _SENTENCE_END, HEAD_CHARS

from newslint.structure import markers
from newslint.structure.markers import (
    _AMBIGUOUS,
    _AUTHORS,
    _FIRST_WORDS,
    _FOOTER,
    _LEAD,
    _LEAD_CHARS,
    _NOT_A_NAME,
    _SIGNED_HINTS,
    _SPECIAL,
    _TAIL_HINTS,
    _TAIL_WORDS,
    _TOKEN_END,
    DATE_TIME,
    MAX_WORDS,
    SIGNATURE_TAIL,
    TAIL_HEAD,
    Marker,
)

_RELATED_BEFORE = r"""
(?:related|more(?=\s*:)|also(?=\s*:)|also\s+on\s+\S+\.\w+|read\s+(?:more|also|next)|also\s+read|more\s+(?:from|on|about|in|stories|news|like\s+this)|
   you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)|recommended(?:\s+for\s+you)?|most\s+(?:read|popular|viewed|shared|commented|discussed)|
   popular(?:\s+(?:on|in|now|posts|stories))?|trending(?:\s+now)?|don[’']t\s+miss|see\s+(?:also|more)|explore\s+further|
   (?:top|latest|recent|more|other|similar)\s+(?:stories|articles|news|posts|videos)|
   lire\s+aussi|à\s+lire\s+(?:aussi|également)|sur\s+le\s+même\s+sujet|les\s+plus\s+lus|voir\s+aussi|
   (?:lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|das\s+könnte\s+sie\s+auch\s+interessieren|meistgelesen)|
   (?:lee\s+(?:también|más)|te\s+puede\s+interesar|noticias\s+relacionadas|lo\s+más\s+leído|ver\s+también)|
   (?:leggi\s+anche|potrebbe\s+interessarti|articoli\s+correlati|i\s+più\s+letti|vedi\s+anche)|
   (?:leia\s+(?:também|mais)|veja\s+(?:também|mais)|notícias\s+relacionadas|mais\s+lidas|saiba\s+mais))\b
"""
_PATTERNS = {**markers._PATTERNS, Marker.RELATED: _RELATED_BEFORE}
_SIGNED = markers._SIGNED.replace("(?:[|]|", r"(?:\||")
assert _SIGNED != markers._SIGNED


@cache
def _all() -> re.Pattern[str]:
    """One pattern for all kinds: the first group that matches names the kind."""
    return re.compile(
        _LEAD
        + "(?:"
        + "|".join(f"(?P<{kind.name}>{pattern})" for kind, pattern in _PATTERNS.items())
        + ")",
        re.VERBOSE,
    )


def marker(lowered: str) -> Marker | None:
    """The kind of page furniture a lower-cased line starts with, if any."""
    if not _may_be_marked(lowered):
        return None
    match = _all().match(lowered)
    if match is None:
        return None
    return Marker[match.lastgroup] if match.lastgroup else None


def _may_be_marked(lowered: str) -> bool:
    """A necessary condition for :func:`marker` to find something (see _FIRST_WORDS)."""
    stripped = lowered.lstrip(_LEAD_CHARS)
    if not stripped:
        return False
    if lowered[0] in _SPECIAL or stripped[0] in _SPECIAL:
        return True
    tokens = stripped.split(None, 2)
    token = tokens[0].rstrip(_TOKEN_END)
    if token in _FIRST_WORDS or tokens[0].endswith(":"):
        return True
    seconds = _AMBIGUOUS.get(token)
    if seconds is not None:
        second = tokens[1].rstrip(_TOKEN_END) if len(tokens) > 1 else ""
        if not second or second in seconds or second[:1].isdigit():
            return True
    if "@" in lowered and len(tokens) < 3:
        return True  # an e-mail address alone (or "Email: ...")
    if "contribut" in lowered or lowered.rstrip().endswith((":", "...", "…")):
        return True  # "... contributed to this report", "Mark says:", "Mark said..."
    return (" is " in lowered) and any(
        map(lowered.__contains__, _AUTHORS)
    )  # "Jane Doe is a reporter at ..."


def line_marker(text: str, lowered: str) -> Marker | None:
    """:func:`marker` of a line, where an "About" heading must name something."""
    found = marker(lowered)
    if found is Marker.ABOUT:
        rest = text.split()[1:]
        if not any(map(str.istitle, rest)) and (not rest or rest[0].lower() in _NOT_A_NAME):
            return None
    return found


def tail_marker(lowered: str) -> bool:
    """``lowered`` holds words of a subscription, follow or legal box (anywhere)."""
    head = lowered[:TAIL_HEAD]
    if not any(map(head.__contains__, _TAIL_HINTS)):
        return False
    return re.search(_TAIL_WORDS, head) is not None


def signed(lowered: str) -> bool:
    """A lower-cased paragraph ends with a comment's signature or its buttons."""
    start = max(0, len(lowered) - SIGNATURE_TAIL)
    tail = lowered[start:] if start else lowered
    if not any(map(tail.__contains__, _SIGNED_HINTS)):
        return False
    return re.search(_SIGNED, tail) is not None


def footer(lowered: str) -> bool:
    """``lowered`` is the rights line of a page footer."""
    return re.search(_FOOTER, lowered) is not None


def date(lowered: str) -> bool:
    """``lowered`` holds a date or a time of day."""
    return re.search(DATE_TIME, lowered) is not None


#: First characters after which a long line is not taken for plain prose.
_NOT_PROSE_START = frozenset("-–—*+•·▪►>|[(#@0123456789")


def _last_sign(text: str) -> str:
    """The last character of ``text`` before closing quotes and brackets."""
    last = text[-1]
    if last in _CLOSERS and len(text) > 2:
        last = text[-2] if text[-2] not in _CLOSERS else text[-3]
    return last


def _plain_prose(text: str) -> bool:
    """A line that starts like a sentence and ends one."""
    first = text[0]
    return (
        first not in _NOT_PROSE_START and not first.islower() and _last_sign(text) in _SENTENCE_END
    )


def plain_prose_unit(text: str, signatures: bool) -> int | None:
    """The word count of a unit of plain prose (long, starts and ends like a sentence,
    no page-furniture words at its start, no comment signature at its end), else None."""
    if len(text) <= HEAD_CHARS or not _plain_prose(text):
        return None
    n = text.count(" ") + 1
    if n <= MAX_WORDS and line_marker(text, text.lower()) is not None:
        return None
    if signatures and signed(text[-SIGNATURE_TAIL:].lower()):
        return None
    return n
