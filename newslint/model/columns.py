"""Column units: findings count columns in characters (code points); editors and
formats count them otherwise (vim's ``%c`` and Emacs count bytes or screen cells, LSP
and VS Code UTF-16 code units). Conversions between them, for one line of text.

A line is measured once per unit (:class:`LineColumns`, kept in the document's stash):
every conversion after that is a binary search, so that converting the columns of all
the findings of a line costs one pass over the line, not one pass per finding (a line
of a megabyte can hold thousands of findings).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Literal

from newslint.model.document import Document
from newslint.model.finding import Finding
from newslint.model.stash import StashKey

ColumnUnit = Literal["char", "byte", "utf-16"]
#: ``--column-unit`` values: characters (code points, the default), UTF-8 bytes, UTF-16
#: code units.
COLUMN_UNITS: tuple[ColumnUnit, ...] = ("char", "byte", "utf-16")

# Runs of characters of one width: (pattern, units each character of a group takes).
# Lone surrogates count as UTF-8 encodes them with "surrogatepass" (3 bytes).
_WIDE_RUNS: dict[ColumnUnit, tuple[re.Pattern[str], tuple[int, ...]]] = {
    "byte": (
        re.compile("([\u0080-\u07ff]+)|([\u0800-\uffff]+)|([\U00010000-\U0010ffff]+)"),
        (2, 3, 4),
    ),
    "utf-16": (re.compile("([\U00010000-\U0010ffff]+)"), (2,)),
}


def width(text: str, unit: ColumnUnit) -> int:
    """How many ``unit`` ``text`` takes: code points, UTF-8 bytes or UTF-16 units."""
    if unit == "char" or text.isascii():
        return len(text)
    if unit == "byte":
        return len(text.encode("utf-8", "surrogatepass"))
    # Characters beyond the Basic Multilingual Plane take a surrogate pair.
    return len(text) + sum(1 for c in text if c > "\uffff")


class LineColumns:
    """The columns of one line in one unit: where its runs of wide characters (those
    that take more than one unit) start and end, and how many extra units come before
    each run."""

    __slots__ = ("_ends", "_extra_before", "_per_char", "_starts", "_unit_starts")

    def __init__(self, line_text: str, unit: ColumnUnit) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._per_char: list[int] = []  # extra units per character of the run
        self._extra_before: list[int] = []
        self._unit_starts: list[int] = []
        if unit == "char" or line_text.isascii():
            return
        pattern, sizes = _WIDE_RUNS[unit]
        extra = 0
        for match in pattern.finditer(line_text):
            start, end = match.span()
            per_char = sizes[match.lastindex - 1] - 1 if match.lastindex else 0
            self._starts.append(start)
            self._ends.append(end)
            self._per_char.append(per_char)
            self._extra_before.append(extra)
            self._unit_starts.append(start + extra)
            extra += (end - start) * per_char

    def _extra(self, characters: int) -> int:
        """Extra units taken by the first ``characters`` characters."""
        run = bisect.bisect_left(self._starts, characters) - 1
        if run < 0:
            return 0
        inside = min(characters, self._ends[run]) - self._starts[run]
        return self._extra_before[run] + inside * self._per_char[run]

    def to_unit(self, column: int) -> int:
        """The 1-based character ``column`` as a 1-based column in the unit."""
        return column + self._extra(max(0, column - 1))

    def to_char(self, column: int) -> int:
        """The 1-based column in the unit as a 1-based character column; a column
        inside a character (half a surrogate pair, a byte of a multibyte character)
        gives that character's column; past the end, one unit is one character."""
        units = column - 1
        run = bisect.bisect_right(self._unit_starts, units) - 1
        if run < 0:
            return column
        start, end, per_char = self._starts[run], self._ends[run], self._per_char[run]
        into = units - self._unit_starts[run]
        if into < (end - start) * (per_char + 1):
            return start + into // (per_char + 1) + 1
        return units - (self._extra_before[run] + (end - start) * per_char) + 1


def column_in(line_text: str, column: int, unit: ColumnUnit) -> int:
    """The 1-based character ``column`` of ``line_text`` as a 1-based column in ``unit``."""
    return width(line_text[: column - 1], unit) + 1


def char_column(line_text: str, column: int, unit: ColumnUnit) -> int:
    """The 1-based column in ``unit`` as a 1-based character column of ``line_text``; a
    column inside a character (half a surrogate pair, a byte of a multibyte character)
    gives that character's column."""
    if unit == "char" or line_text.isascii():
        return column
    return LineColumns(line_text, unit).to_char(column)


#: The lines of a document measured so far in each unit, by 1-based line number.
_MEASURED: dict[ColumnUnit, StashKey[dict[int, LineColumns]]] = {
    unit: StashKey(f"newslint.columns.{unit}") for unit in COLUMN_UNITS
}


def line_columns(document: Document, line: int, unit: ColumnUnit) -> LineColumns:
    """The columns of ``document``'s 1-based ``line`` in ``unit``, measured once and
    kept in the document's stash."""
    measured = document.stash.setdefault(_MEASURED[unit], {})
    found = measured.get(line)
    if found is None:
        found = measured[line] = LineColumns(document.line_texts[line - 1], unit)
    return found


def finding_in(finding: Finding, document: Document, unit: ColumnUnit) -> Finding:
    """``finding`` with its start and end columns counted in ``unit`` (``document`` is
    the text the finding is located in)."""
    if unit == "char":
        return finding
    lines = document.line_texts
    if finding.line > len(lines) or finding.end_line > len(lines):
        return finding
    return dataclasses.replace(
        finding,
        column=line_columns(document, finding.line, unit).to_unit(finding.column),
        end_column=line_columns(document, finding.end_line, unit).to_unit(finding.end_column),
    )
