"""CSV reader: one row is one article (a header row names the fields); ``.csv`` files,
or standard input with ``--input-format csv``. Streams row by row."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator

from newslint.config import Settings
from newslint.document import Document
from newslint.plugins import hookimpl
from newslint.readers.records import problem_document, record_document

SUFFIXES = (".csv",)
# Articles are long: lift the csv module's default limit of 128 KiB per field.
csv.field_size_limit(2**31 - 1)


@hookimpl
def newslint_read(source: str, settings: Settings) -> Iterator[Document] | None:
    if source == "-":
        return read_csv(source, settings) if settings.input_format == "csv" else None
    return read_csv(source, settings) if source.lower().endswith(SUFFIXES) else None


def read_csv(source: str, settings: Settings) -> Iterator[Document]:
    row = 0
    try:
        stream = (
            io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="replace", newline="")
            if source == "-"
            else open(source, encoding="utf-8-sig", errors="replace", newline="")
        )
        with stream:
            for row, record in enumerate(csv.DictReader(stream), 1):
                yield record_document(record, source, row, settings)
    except (OSError, csv.Error) as exc:
        yield problem_document(source, row + 1, f"cannot read CSV row {row + 1}: {exc}")
