"""Plain text reader: one ``.txt`` / ``.md`` file (or standard input) is one document."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from newslint.config import Settings
from newslint.document import Document, InputProblem
from newslint.plugins import hookimpl
from newslint.readers.decoding import byte_order_mark, decode, looks_binary

SUFFIXES = (".txt", ".md", ".text", ".markdown")


@hookimpl(trylast=True)
def newslint_read(source: str, settings: Settings) -> Iterator[Document] | None:
    # The fallback reader: any source no other reader claims is read as plain text.
    return read_text(source, settings)


def read_text(source: str, settings: Settings) -> Iterator[Document]:
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        yield Document(
            "",
            source,
            lang=settings.language,
            problems=(InputProblem(f"cannot read file: {reason}"),),
        )
        return
    if looks_binary(data):
        problem = InputProblem("binary file (NUL bytes): not linted")
        yield Document("", source, lang=settings.language, problems=(problem,))
        return
    text, problems = decode(data)
    bom, encoding = byte_order_mark(data)
    # What --fix needs to write the file back as it was: same encoding, same BOM.
    metadata = {"encoding": encoding, "bom": bom}
    yield Document(
        text, source, lang=settings.language, problems=tuple(problems), metadata=metadata
    )
