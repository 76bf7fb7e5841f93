"""Plain text reader: one ``.txt`` / ``.md`` file (or standard input) is one document."""

from __future__ import annotations

import sys
from collections.abc import Iterator

from newslint.config.settings import Settings
from newslint.io.readers.decoding import byte_order_mark, decode, looks_binary
from newslint.markers import hookimpl
from newslint.model.document import Document, InputProblem

SUFFIXES = (".txt", ".md", ".text", ".markdown")


@hookimpl(trylast=True)
def newslint_read(source: str, settings: Settings) -> Iterator[Document] | None:
    # The fallback reader: any source no other reader claims is read as plain text.
    return read_text(source, settings)


def read_text(source: str, settings: Settings) -> Iterator[Document]:
    limit = settings.max_record_bytes
    try:
        data = _read(source, limit)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        yield _problem(source, settings, f"cannot read file: {reason}")
        return
    if len(data) > limit:
        yield _problem(source, settings, f"file larger than max-record-bytes ({limit:,} bytes)")
        return
    if looks_binary(data):
        yield _problem(source, settings, "binary file (NUL bytes): not linted")
        return
    text, problems = decode(data)
    bom, encoding = byte_order_mark(data)
    # What --fix needs to write the file back as it was: same encoding, same BOM.
    metadata = {"encoding": encoding, "bom": bom}
    yield Document(
        text, source, lang=settings.language, problems=tuple(problems), metadata=metadata
    )


def _read(source: str, limit: int) -> bytes:
    """The bytes of ``source``, or only its first ``limit + 1`` when it is longer."""
    if source == "-":
        return sys.stdin.buffer.read(limit + 1)
    with open(source, "rb") as stream:
        return stream.read(limit + 1)


def _problem(source: str, settings: Settings, message: str) -> Document:
    return Document("", source, lang=settings.language, problems=(InputProblem(message),))
