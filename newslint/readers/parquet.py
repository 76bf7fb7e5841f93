"""Parquet reader (the ``parquet`` extra, pyarrow): one row is one article, read in row
batches so that memory stays flat whatever the file size."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.config import Settings
from newslint.document import Document
from newslint.plugins import hookimpl
from newslint.readers.records import (
    DEFAULT_ID_FIELDS,
    DEFAULT_LANG_FIELDS,
    DEFAULT_SITE_FIELDS,
    DEFAULT_TITLE_FIELDS,
    problem_document,
    record_document,
)

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


def read_parquet(source: str, settings: Settings) -> Iterator[Document]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield problem_document(
            source, 1, "reading Parquet needs the extra: pip install 'newslint[parquet]'"
        )
        return
    row = 0
    try:
        parquet = pq.ParquetFile(source)
        names = parquet.schema_arrow.names
        # `newslint clean` writes whole records out again: it needs every column.
        columns = names if settings.keep_records else _columns(names, settings)

        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            for record in batch.to_pylist():
                row += 1
                yield record_document(record, source, row, settings)
    except Exception as exc:  # pyarrow raises many types for corrupt files
        yield problem_document(source, row + 1, f"cannot read Parquet after row {row}: {exc}")
