"""Offsets between Python strings (code points) and LanguageTool (UTF-16 code units).

LanguageTool is written in Java, whose strings count UTF-16 code units: a character
outside the Basic Multilingual Plane (most emoji, some CJK, mathematical letters) is
two units there and one character in Python. Every offset after such a character is
shifted by one per astral character before it.
"""

from __future__ import annotations

import bisect


class Utf16Index:
    """Converts offsets of one text between code points and UTF-16 code units."""

    def __init__(self, text: str) -> None:
        # Code-point offsets of the astral characters, in order.
        self._astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]
        # Their UTF-16 offsets: each earlier astral character adds one unit.
        self._astral_units = [i + n for n, i in enumerate(self._astral)]
        self._length = len(text)

    def to_units(self, offset: int) -> int:
        """UTF-16 offset of the code-point ``offset``."""
        return offset + bisect.bisect_left(self._astral, offset)

    def to_code_points(self, units: int) -> int:
        """Code-point offset of the UTF-16 offset ``units``; an offset that falls between
        the two halves of a surrogate pair goes to the start of that character."""
        # Each astral character that starts before ``units`` took one unit more; one
        # whose second half is at ``units`` counts too, which lands on its start.
        before = bisect.bisect_left(self._astral_units, units)
        return max(0, min(units - before, self._length))

    def span(self, start_units: int, length_units: int) -> tuple[int, int]:
        """Code-point ``(start, end)`` of a UTF-16 ``(offset, length)``."""
        start = self.to_code_points(start_units)
        end = self.to_code_points(start_units + length_units)
        return start, max(start, end)
