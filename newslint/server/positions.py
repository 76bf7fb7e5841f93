"""Positions between newslint and LSP: findings count 1-based lines and characters, LSP
0-based lines and code units of the negotiated position encoding (UTF-16 unless the
client offers UTF-8 or UTF-32). Conversions go through ``newslint.model.columns``, the code
``newslint check --column-unit`` uses, so the two always agree; each line is measured
once per document (``newslint.model.columns.line_columns``)."""

from __future__ import annotations

from newslint.model.columns import ColumnUnit, line_columns
from newslint.model.document import Document

#: LSP position encodings (PositionEncodingKind) and the column unit that counts alike.
ENCODING_UNITS: dict[str, ColumnUnit] = {"utf-8": "byte", "utf-16": "utf-16", "utf-32": "char"}

#: (line, character), both 0-based, the character in the encoding's code units
LspPosition = tuple[int, int]


def to_lsp(document: Document, line: int, column: int, unit: ColumnUnit) -> LspPosition:
    """A 1-based (line, character column) of ``document`` as an LSP position."""
    texts = document.line_texts
    if line > len(texts):  # past the end: the end of the last line
        line, column = len(texts), len(texts[-1]) + 1
    return line - 1, line_columns(document, line, unit).to_unit(column) - 1


def offset_to_lsp(document: Document, offset: int, unit: ColumnUnit) -> LspPosition:
    """A character offset into ``document.text`` as an LSP position."""
    line, column = document.position(offset)
    return to_lsp(document, line, column, unit)


def from_lsp(document: Document, position: LspPosition, unit: ColumnUnit) -> int:
    """The character offset of an LSP position (clamped to the document)."""
    line, character = position
    texts = document.line_texts
    if line >= len(texts):
        return len(document.text)
    column = min(
        line_columns(document, line + 1, unit).to_char(character + 1), len(texts[line]) + 1
    )
    return document.line_starts[line] + column - 1
