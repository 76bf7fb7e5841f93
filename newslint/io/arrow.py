"""Findings as Arrow data (pyarrow, from the ``parquet`` extra): the fields of the JSON
format (``Finding.to_dict``) with fixed types, for the Ray engine's tables and Parquet
files and the columns the ``datasets`` recipe adds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyarrow as pa

from newslint.model.finding import Finding

_EDIT = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("replacement", pa.string())])
_FIX = pa.struct([("title", pa.string()), ("safety", pa.string()), ("edits", pa.list_(_EDIT))])

#: The columns written to findings files, in the order of ``Finding.to_dict``.
FINDING_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("record", pa.string()),
        ("record_number", pa.int64()),
        ("fingerprint", pa.string()),
        ("line", pa.int64()),
        ("column", pa.int64()),
        ("end_line", pa.int64()),
        ("end_column", pa.int64()),
        ("code", pa.string()),
        ("rule", pa.string()),
        ("severity", pa.string()),
        ("message", pa.string()),
        ("fix", _FIX),
    ]
)
#: Columns that travel between the stages of a run only: character offsets (for
#: ``Finding.from_dict``) and the index of the input file (to name output files).
EXTRA_SCHEMA = pa.schema([("start", pa.int64()), ("end", pa.int64()), ("file", pa.int32())])
ROW_SCHEMA = pa.unify_schemas([FINDING_SCHEMA, EXTRA_SCHEMA])


def findings_table(findings: Iterable[tuple[int, Finding]]) -> pa.Table:
    """(file index, finding) pairs as one table of :data:`ROW_SCHEMA`."""
    rows = [
        {**finding.to_dict(), "start": finding.start, "end": finding.end, "file": file}
        for file, finding in findings
    ]
    return pa.Table.from_pylist(rows, schema=ROW_SCHEMA)


#: One document's findings as a list column (the ``datasets`` recipe).
FINDINGS_TYPE = pa.list_(pa.struct(list(FINDING_SCHEMA)))


def findings_of(table: pa.Table) -> Iterator[Finding]:
    for row in table.to_pylist():
        yield Finding.from_dict(row)


def written_columns(table: pa.Table) -> pa.Table:
    """``table`` with the columns of a findings file only."""
    return table.select(FINDING_SCHEMA.names)
