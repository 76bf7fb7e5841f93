"""CSV reader: one row is one article (a header row names the fields); ``.csv`` files,
or standard input with ``--input-format csv``. Streams row by row.

Rows are parsed strictly: a quote that is never closed would otherwise swallow every
later row into one field. A malformed row is an X001 finding at that row, and reading
goes on from the physical line after the one the row started on; so does a row longer
than ``max-record-bytes``, which is never held whole.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import deque
from collections.abc import Iterator
from typing import Any, TextIO

from newslint.config.settings import Settings
from newslint.io.readers.records import problem_document, record_document
from newslint.markers import hookimpl
from newslint.model.document import Document, InputProblem
from newslint.running import progress

SUFFIXES = (".csv",)
# Rows are bounded by _Lines (max-record-bytes), not by the csv module's 128 KiB limit.
csv.field_size_limit(2**31 - 1)
# Bytes that are not UTF-8 are read as lone surrogates (errors="surrogateescape"), then
# replaced by U+FFFD with an X001, as the text and JSONL readers do.
_ESCAPED = re.compile(r"[\udc80-\udcff]+")
_CHUNK = 1 << 20


@hookimpl
def newslint_read(source: str, settings: Settings) -> Iterator[Document] | None:
    if source == "-":
        return read_csv(source, settings) if settings.input_format == "csv" else None
    return read_csv(source, settings) if source.lower().endswith(SUFFIXES) else None


class RowTooLarge(Exception):
    """A row past the size limit; its lines up to the next line break were skipped."""


class _Lines:
    """The physical lines of a text stream, for the csv module: each line at most
    ``limit`` characters (a longer one raises :class:`RowTooLarge` and is skipped), the
    lines of the current row kept so that they can be read again after an error."""

    def __init__(self, stream: TextIO, limit: int) -> None:
        self.stream, self.limit = stream, limit
        self.row: list[str] = []  # lines of the row being parsed
        self.row_size = 0
        self.replay: deque[str] = deque()
        self.line = 0  # physical lines read so far

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.replay.popleft() if self.replay else self._read()
        self.row.append(line)
        self.row_size += len(line)
        if self.row_size > self.limit:
            raise RowTooLarge(f"row longer than {self.limit:,} characters (max-record-bytes)")
        return line

    def _read(self) -> str:
        line = self.stream.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.line += 1
        if len(line) > self.limit and not line.endswith("\n"):
            while (rest := self.stream.readline(_CHUNK)) and not rest.endswith("\n"):
                pass
            raise RowTooLarge(f"line longer than {self.limit:,} characters (max-record-bytes)")
        return line

    def start_row(self) -> None:
        self.row, self.row_size = [], 0

    @property
    def row_start(self) -> int:
        """The physical line (1-based) the current row starts on."""
        return self.line - len(self.row) + len(self.replay) + 1

    def retry_after_first_line(self) -> None:
        """Read the lines of the failed row again, but its first: the row that went wrong
        is given up, the rows it swallowed are not."""
        self.replay.extendleft(reversed(self.row[1:]))


def read_csv(source: str, settings: Settings) -> Iterator[Document]:
    header: list[str] | None = None
    for row, _, cells, error in parsed_rows(source, settings.max_record_bytes):
        if error is not None:
            yield problem_document(source, row, error)
        elif header is None:
            header = cells
        else:
            record, problems = _record(header, cells or [], settings.text_field)
            yield record_document(record, source, row, settings, problems)


def parsed_rows(source: str, limit: int) -> Iterator[tuple[int, int, list[str] | None, str | None]]:
    """``(row, first line, cells, None)`` for the header (row 0) and each row of the CSV
    file ``source`` (rows 1-based, lines of the file 1-based), ``(row, first line, None,
    message)`` for a row that cannot be read. The reader and the output formats that
    point at a row's line in the file (github, sarif) go through this."""
    row = 0
    try:
        with _open(source) as stream:
            lines = _Lines(stream, limit)
            reader = csv.reader(lines, strict=True)
            header = next(reader, None)
            if header is None:
                return
            yield 0, 1, header, None
            while True:
                lines.start_row()
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except (csv.Error, RowTooLarge) as exc:
                    row += 1
                    where = f"row {row} (line {lines.row_start})"
                    yield row, lines.row_start, None, f"cannot read CSV {where}: {exc}"
                    if isinstance(exc, csv.Error):
                        lines.retry_after_first_line()
                    reader = csv.reader(lines, strict=True)
                    continue
                row += 1
                yield row, lines.row_start, cells, None
    except (OSError, UnicodeError) as exc:
        yield row + 1, 0, None, f"cannot read CSV row {row + 1}: {exc}"


def _open(source: str) -> TextIO:
    if source == "-":
        return io.TextIOWrapper(
            sys.stdin.buffer, encoding="utf-8-sig", errors="surrogateescape", newline=""
        )
    raw = progress.track(source, open(source, "rb"))
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _record(
    header: list[str], cells: list[str], text_field: str
) -> tuple[dict[str, Any], tuple[InputProblem, ...]]:
    record: dict[str, Any] = dict(zip(header, cells, strict=False))
    problems = []
    if len(cells) > len(header):
        extra = len(cells) - len(header)
        problems.append(InputProblem(f"row has {extra} more cells than the header (ignored)"))
    bad = [k for k, v in record.items() if _ESCAPED.search(v)]
    if bad:
        text = record.get(text_field, "")
        match = _ESCAPED.search(text) if isinstance(text, str) else None
        record = {
            k: _ESCAPED.sub(lambda m: "\ufffd" * len(m.group()), v) for k, v in record.items()
        }
        names = ", ".join(repr(k) for k in bad)
        offset = match.start() if match else 0
        problems.append(InputProblem(f"invalid UTF-8 in field {names} (replaced)", offset=offset))
    return record, tuple(problems)
