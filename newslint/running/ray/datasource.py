"""A Ray Data datasource for corpus files: reads JSONL and Parquet through newslint's own
readers (``numbered_lines``, ``numbered_records``), so that record numbers, invalid JSON
lines and unreadable files come out as they do in ``newslint check``.

Each row is one record, not yet parsed: where it comes from (``source``, the index of
its ``file`` in the run, its record ``number``), a ``kind`` and a ``payload``: the bytes
of a JSON line, a pickled Parquet row, or the message of a read error. Every input gives
the same columns, so that blocks of JSONL and Parquet files can be bundled together;
the actors turn rows into Documents (:func:`document`).
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import ray
from ray.data.datasource import FileBasedDatasource

from newslint.config.settings import Settings
from newslint.io.readers.jsonl import numbered_lines, parse_line
from newslint.io.readers.parquet import SUFFIXES as PARQUET_SUFFIXES
from newslint.io.readers.parquet import numbered_records
from newslint.io.readers.records import problem_document, record_document
from newslint.model.document import Document
from newslint.running.ray.inputs import Inputs

JSON_LINE, RECORD, READ_ERROR = 0, 1, 2
ROW_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("file", pa.int32()),
        ("number", pa.int64()),
        ("kind", pa.int8()),
        ("payload", pa.binary()),
    ]
)
#: rows per block a read task yields
BLOCK_ROWS = 1024


class CorpusDatasource(FileBasedDatasource):
    """The records of ``inputs`` as rows of :data:`ROW_SCHEMA`, file after file."""

    def __init__(self, inputs: Inputs, settings: Settings) -> None:
        super().__init__([f.native for f in inputs.files], filesystem=inputs.filesystem)
        where = {f.native: (index, f.display) for index, f in enumerate(inputs.files)}
        # Read tasks carry the datasource: the file table goes through the object store.
        self._where_ref = ray.put(where)
        self._settings = settings

    def get_name(self) -> str:
        return "NewslintCorpus"

    def resolve_compression(self, path: str, open_args: dict[str, Any]) -> str | None:
        return None  # newslint decompresses .gz and .zst itself, with its own errors

    def _open_input_source(self, filesystem: Any, path: str, **open_args: Any) -> Any:
        if path.lower().endswith(PARQUET_SUFFIXES):
            return filesystem.open_input_file(path)  # Parquet needs random access
        return super()._open_input_source(filesystem, path, **open_args)

    def _read_stream(self, f: pa.NativeFile, path: str) -> Iterator[pa.Table]:
        index, display = _where(self._where_ref)[path]
        if path.lower().endswith(PARQUET_SUFFIXES):
            rows = _parquet_rows(f, display, self._settings)
        else:
            rows = _jsonl_rows(f, display, self._settings.max_record_bytes)
        block: list[tuple[int, int, bytes]] = []
        for row in rows:
            block.append(row)
            if len(block) >= BLOCK_ROWS:
                yield _table(block, display, index)
                block = []
        if block:
            yield _table(block, display, index)


_WHERE: dict[Any, dict[str, tuple[int, str]]] = {}


def _where(ref: Any) -> dict[str, tuple[int, str]]:
    """The run's file table, fetched once per worker process."""
    if ref not in _WHERE:
        _WHERE.clear()
        _WHERE[ref] = ray.get(ref)
    return _WHERE[ref]


def _jsonl_rows(f: pa.NativeFile, display: str, limit: int) -> Iterator[tuple[int, int, bytes]]:
    # Arrow's input streams read blocks, not lines: buffered, they iterate by line.
    lines = numbered_lines(lambda: io.BufferedReader(f, 1 << 16), display, limit)
    for number, line, error in lines:
        if line is None:
            yield number, READ_ERROR, (error or "").encode("utf-8")
        else:
            yield number, JSON_LINE, line


def _parquet_rows(
    f: pa.NativeFile, display: str, settings: Settings
) -> Iterator[tuple[int, int, bytes]]:
    for row, record, error in numbered_records(lambda: f, display, settings):
        if error is None:
            yield row, RECORD, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        else:
            yield row, READ_ERROR, error.encode("utf-8")


def _table(rows: list[tuple[int, int, bytes]], display: str, index: int) -> pa.Table:
    numbers, kinds, payloads = zip(*rows, strict=True)
    columns = [
        pa.array([display] * len(rows), pa.string()),
        pa.array([index] * len(rows), pa.int32()),
        pa.array(numbers, pa.int64()),
        pa.array(kinds, pa.int8()),
        pa.array(payloads, pa.binary()),
    ]
    return pa.Table.from_arrays(columns, schema=ROW_SCHEMA)


def document(source: str, number: int, kind: int, payload: bytes, settings: Settings) -> Document:
    """The Document of one row, built exactly as ``newslint check``'s readers build it."""
    if kind == JSON_LINE:
        return parse_line(payload, source, number, settings)
    if kind == RECORD:
        return record_document(pickle.loads(payload), source, number, settings)
    return problem_document(source, number, payload.decode("utf-8"))


def actors_for(jobs: int | None) -> int:
    """Actors of a run: ``jobs``, else one per CPU of the cluster."""
    resources: dict[str, float] = ray.cluster_resources()  # type: ignore[no-untyped-call]
    return jobs or max(1, int(resources.get("CPU", 1)))


def corpus_dataset(inputs: Inputs, settings: Settings, progress: bool) -> ray.data.Dataset:
    """The records of ``inputs`` as a dataset, in input order."""
    # Reading is light next to checking: read tasks take no CPU of their own, so that
    # the actors, one CPU each, can use them all without starving the reads.
    datasource = CorpusDatasource(inputs, settings)
    dataset: ray.data.Dataset = ray.data.read_datasource(datasource, num_cpus=0)
    options = dataset.context.execution_options
    options.preserve_order = True
    dataset.context.enable_progress_bars = progress
    return dataset
