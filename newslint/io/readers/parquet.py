"""Parquet reader (the ``parquet`` extra, pyarrow): one row is one article, read in row
batches so that memory stays flat whatever the file size."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from newslint.config.settings import Settings
from newslint.errors import MissingExtraError
from newslint.io.readers.records import (
    DEFAULT_ID_FIELDS,
    DEFAULT_LANG_FIELDS,
    DEFAULT_SITE_FIELDS,
    DEFAULT_TITLE_FIELDS,
    problem_document,
    record_document,
)
from newslint.markers import hookimpl
from newslint.model.document import Document

SUFFIXES = (".parquet", ".pq")
BATCH_ROWS = 512


@hookimpl
def newslint_read(source: str, settings: Settings) -> Iterator[Document] | None:
    return read_parquet(source, settings) if source.lower().endswith(SUFFIXES) else None


def _columns(names: list[str], settings: Settings) -> list[str]:
    """Top-level columns the field mapping can use: read only those."""
    wanted = [settings.text_field]
    for chosen, defaults in (
        (settings.id_field, DEFAULT_ID_FIELDS),
        (settings.title_field, DEFAULT_TITLE_FIELDS),
        (settings.lang_field, DEFAULT_LANG_FIELDS),
        (settings.site_field, DEFAULT_SITE_FIELDS),
    ):
        wanted.extend((chosen,) if chosen else defaults)
    tops = {path if path in names else path.split(".")[0] for path in wanted}
    return [name for name in names if name in tops]


def require_pyarrow(source: str) -> None:
    """A Parquet input without pyarrow stops the run with the command that installs it:
    it is the installation that is incomplete, not the file that is bad."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError(f"reading Parquet ({source})", "parquet", str(exc)) from None


def read_parquet(source: str, settings: Settings) -> Iterator[Document]:
    require_pyarrow(source)
    for row, record, error in numbered_records(lambda: source, source, settings):
        if error is None:
            yield record_document(record, source, row, settings)
        else:
            yield problem_document(source, row, error)


def numbered_records(
    open_file: Callable[[], Any], name: str, settings: Settings
) -> Iterator[tuple[int, dict[str, Any], str | None]]:
    """``(row, record, None)`` for each row of the Parquet file ``open_file()`` (a path or
    a random-access file), 1-based, with the columns the settings need; then
    ``(row, {}, message)`` if it cannot be read to its end. Every engine reads Parquet
    through this, so that row numbers and read errors are the same everywhere."""
    import pyarrow.parquet as pq

    row = 0
    try:
        parquet = pq.ParquetFile(open_file())
        names = parquet.schema_arrow.names
        # `newslint clean` writes whole records out again: it needs every column.
        columns = names if settings.keep_records else _columns(names, settings)

        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            for record in batch.to_pylist():
                row += 1
                yield row, record, None
    except Exception as exc:  # pyarrow raises many types for corrupt files
        yield row + 1, {}, f"cannot read Parquet after row {row}: {exc}"
