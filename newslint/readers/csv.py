"""CSV reader: one row is one article (a header row names the fields); ``.csv`` files,
or standard input with ``--input-format csv``. Streams row by row."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator
from typing import Any

from newslint.config import Settings
from newslint.document import Document, InputProblem
from newslint.plugins import hookimpl
from newslint.readers.records import problem_document, record_document

SUFFIXES = (".csv",)
# Articles are long: lift the csv module's default limit of 128 KiB per field.
csv.field_size_limit(2**31 - 1)
# Bytes that are not UTF-8 are read as lone surrogates (errors="surrogateescape"), then
# replaced by U+FFFD with an X001, as the text and JSONL readers do.
_ESCAPED = re.compile(r"[\udc80-\udcff]+")


@hookimpl
def newslint_read(source: str, settings: Settings) -> Iterator[Document] | None:
    if source == "-":
        return read_csv(source, settings) if settings.input_format == "csv" else None
    return read_csv(source, settings) if source.lower().endswith(SUFFIXES) else None


def read_csv(source: str, settings: Settings) -> Iterator[Document]:
    row = 0
    try:
        stream = (
            io.TextIOWrapper(
                sys.stdin.buffer, encoding="utf-8-sig", errors="surrogateescape", newline=""
            )
            if source == "-"
            else open(source, encoding="utf-8-sig", errors="surrogateescape", newline="")
        )
        with stream:
            for row, record in enumerate(csv.DictReader(stream), 1):
                record, problems = _replace_invalid_bytes(record, settings.text_field)
                yield record_document(record, source, row, settings, problems)
    except (OSError, csv.Error) as exc:
        yield problem_document(source, row + 1, f"cannot read CSV row {row + 1}: {exc}")


def _replace_invalid_bytes(
    record: dict[Any, Any], text_field: str
) -> tuple[dict[Any, Any], tuple[InputProblem, ...]]:
    bad = [k for k, v in record.items() if isinstance(v, str) and _ESCAPED.search(v)]
    if not bad:
        return record, ()
    text = record.get(text_field)
    match = _ESCAPED.search(text) if isinstance(text, str) else None
    fixed = {
        k: _ESCAPED.sub(lambda m: "\ufffd" * len(m.group()), v) if isinstance(v, str) else v
        for k, v in record.items()
    }
    names = ", ".join(repr(k) for k in bad)
    problem = InputProblem(
        f"invalid UTF-8 in field {names} (replaced)", offset=match.start() if match else 0
    )
    return fixed, (problem,)
