"""Sentence boundaries followed by a lower-case start, shared by M001 and M005."""

from __future__ import annotations

import re

from newslint.model.document import Document
from newslint.model.text import ABBREVIATIONS

# "<word>. <lower-case word>": a full stop right after a word of 2+ letters. Ellipses
# ("...") and initials ("U.S.") do not match: a letter must stand right before the stop.
_BOUNDARY = re.compile(r"(?<![\w.'’])(?P<prev>[^\W\d_]{2,})\.[ \t]+(?P<next>[^\W_]+)")
# What every reported boundary contains from its full stop on: spaces, then a letter
# that is not an ASCII capital (a lower-case start). Starting with a literal, this scans
# the text many times faster than _BOUNDARY, whose leading look-behind is tried at
# every character.
_CANDIDATE = re.compile(r"\.[ \t]+[^\W\d_A-Z]")

Boundary = tuple[int, int, str, bool]


def lower_case_starts(doc: Document) -> list[Boundary]:
    """(start, end, previous word, previous word is a stray capital) per boundary."""
    return doc.view(_lower_case_starts)


def _lower_case_starts(doc: Document) -> list[Boundary]:
    text = doc.text
    found = _candidate_boundaries(text)
    if found is None:  # a boundary may hide behind another one: scan the whole text
        found = [b for m in _BOUNDARY.finditer(text) if (b := _kept(text, m)) is not None]
    return found


def _candidate_boundaries(text: str) -> list[Boundary] | None:
    """The boundaries of ``_BOUNDARY.finditer(text)`` that ``_kept`` keeps, found from
    the candidates alone; None when one of them may not be what finditer reports.

    A match of _BOUNDARY has one full stop, right after its previous word, so the only
    place it can start is the start of the run of letters before a candidate's stop.
    finditer reports matches that do not overlap: a match ending inside that run (its
    next word is our previous word) hides ours, and that needs ". " right before the
    run; then the answer is left to the full scan.
    """
    found = []
    for candidate in _CANDIDATE.finditer(text):
        if not text[candidate.end() - 1].islower():
            continue  # a capital (É, Д) or a letter without case (Hangul, CJK): never kept
        start = _letter_run_start(text, candidate.start())
        match = _BOUNDARY.match(text, start)
        if match is None:
            continue
        if _after_full_stop(text, start):
            return None
        boundary = _kept(text, match)
        if boundary is not None:
            found.append(boundary)
    return found


def _letter_run_start(text: str, end: int) -> int:
    """Start of the run of letters ([^\\W\\d_]) that ends at ``end``."""
    start = end
    while start and _is_letter(text[start - 1]):
        start -= 1
    return start


def _is_letter(char: str) -> bool:
    # re's [^\W\d_] for str patterns: alphanumeric (\w) but not a decimal digit (\d)
    return char.isalnum() and not char.isdecimal()


def _after_full_stop(text: str, start: int) -> bool:
    """``text[:start]`` ends with a full stop and spaces or tabs."""
    index = start
    while index and text[index - 1] in " \t":
        index -= 1
    return index < start and index > 0 and text[index - 1] == "."


def _kept(text: str, match: re.Match[str]) -> Boundary | None:
    """The boundary of a _BOUNDARY match, unless it is not a lower-case start."""
    prev, nxt = match.group("prev"), match.group("next")
    if not nxt[0].islower() or not nxt.isalpha() or nxt != nxt.lower():
        return None  # capitalised, a number, or a brand such as iPhone / my6sense
    if prev.lower() in ABBREVIATIONS or nxt in ("com", "org", "net", "html"):
        return None
    return match.start(), match.end(), prev, _is_stray(text, match.start(), prev)


def _is_stray(text: str, start: int, prev: str) -> bool:
    """``prev`` is capitalised (not all capitals) and follows a lower-case word."""
    if not (prev[0].isupper() and prev[1:].islower()):
        return False
    before = text[max(0, start - 60) : start].split()
    return bool(before) and before[-1][:1].islower() and before[-1][-1:].isalpha()
