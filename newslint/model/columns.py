"""Column units: findings count columns in characters (code points); editors and
formats count them otherwise (vim's ``%c`` and Emacs count bytes or screen cells, LSP
and VS Code UTF-16 code units). Conversions between them, for one line of text."""

from __future__ import annotations

import dataclasses
from typing import Literal

from newslint.model.document import Document
from newslint.model.finding import Finding

ColumnUnit = Literal["char", "byte", "utf-16"]
#: ``--column-unit`` values: characters (code points, the default), UTF-8 bytes, UTF-16
#: code units.
COLUMN_UNITS: tuple[ColumnUnit, ...] = ("char", "byte", "utf-16")


def width(text: str, unit: ColumnUnit) -> int:
    """How many ``unit`` ``text`` takes: code points, UTF-8 bytes or UTF-16 units."""
    if unit == "char" or text.isascii():
        return len(text)
    if unit == "byte":
        return len(text.encode("utf-8", "surrogatepass"))
    # Characters beyond the Basic Multilingual Plane take a surrogate pair.
    return len(text) + sum(1 for c in text if c > "\uffff")


def column_in(line_text: str, column: int, unit: ColumnUnit) -> int:
    """The 1-based character ``column`` of ``line_text`` as a 1-based column in ``unit``."""
    return width(line_text[: column - 1], unit) + 1


def char_column(line_text: str, column: int, unit: ColumnUnit) -> int:
    """The 1-based column in ``unit`` as a 1-based character column of ``line_text``; a
    column inside a character (half a surrogate pair, a byte of a multibyte character)
    gives that character's column."""
    if unit == "char" or line_text.isascii():
        return column
    remaining = column - 1
    for index, char in enumerate(line_text):
        remaining -= width(char, unit)
        if remaining < 0:
            return index + 1
    return len(line_text) + 1 + max(0, remaining)


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
        column=column_in(lines[finding.line - 1], finding.column, unit),
        end_column=column_in(lines[finding.end_line - 1], finding.end_column, unit),
    )
