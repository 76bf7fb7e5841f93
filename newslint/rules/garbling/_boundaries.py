"""Sentence boundaries followed by a lower-case start, shared by M001 and M005."""

from __future__ import annotations

import re

from newslint.document import Document
from newslint.text import ABBREVIATIONS

# "<word>. <lower-case word>": a full stop right after a word of 2+ letters. Ellipses
# ("...") and initials ("U.S.") do not match: a letter must stand right before the stop.
_BOUNDARY = re.compile(r"(?<![\w.'’])(?P<prev>[^\W\d_]{2,})\.[ \t]+(?P<next>[^\W_]+)")


def lower_case_starts(doc: Document) -> list[tuple[int, int, str, bool]]:
    """(start, end, previous word, previous word is a stray capital) per boundary."""
    cached = doc.cache.get(lower_case_starts)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    found = []
    text = doc.text
    for match in _BOUNDARY.finditer(text):
        prev, nxt = match.group("prev"), match.group("next")
        if not nxt[0].islower() or not nxt.isalpha() or nxt != nxt.lower():
            continue  # capitalised, a number, or a brand such as iPhone / my6sense
        if prev.lower() in ABBREVIATIONS or nxt in ("com", "org", "net", "html"):
            continue
        found.append((match.start(), match.end(), prev, _is_stray(text, match.start(), prev)))
    doc.cache[lower_case_starts] = found
    return found


def _is_stray(text: str, start: int, prev: str) -> bool:
    """``prev`` is capitalised (not all capitals) and follows a lower-case word."""
    if not (prev[0].isupper() and prev[1:].islower()):
        return False
    before = text[max(0, start - 60) : start].split()
    return bool(before) and before[-1][:1].islower() and before[-1][-1:].isalpha()
