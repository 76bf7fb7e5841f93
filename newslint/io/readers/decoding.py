"""Bytes to text for every reader: BOMs, invalid UTF-8 and binary data become
input problems, never exceptions."""

from __future__ import annotations

import codecs

from newslint.model.document import InputProblem

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> tuple[str, list[InputProblem]]:
    """Decode ``data`` (UTF-8 unless a BOM says otherwise), replacing bad bytes."""
    encoding, skipped = "utf-8", 0
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding, skipped = data[len(bom) :], name, len(bom)
            break
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError as exc:
        text = data.decode(encoding, errors="replace")
        bad = data[exc.start : exc.start + 4]
        problem = InputProblem(
            f"invalid {encoding.upper()} at byte {skipped + exc.start}: {bad!r}"
            " (decoded with replacement characters)",
            offset=len(data[: exc.start].decode(encoding, errors="replace")),
        )
        return text, [problem]


def byte_order_mark(data: bytes) -> tuple[bytes, str]:
    """The BOM ``data`` starts with (or b"") and the encoding it stands for."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return bom, name
    return b"", "utf-8"


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first block mean a binary file (UTF-16 without BOM aside)."""
    return b"\x00" in data[:8192] and not data.startswith(tuple(bom for bom, _ in _BOMS))
