"""Ray Data datasinks that write a run's outputs into folders (local, or any filesystem
pyarrow writes: ``s3://``, ``gs://``, ``hdfs://``...).

Each write task writes one file per output, named after the input position of its first
row: ``part-FFFFF-NNNNNNNNNNNN-TTTTTT.EXT`` (F: index of the input file in the run, N:
record number, T: write task). Rows are in input order inside a file and, since the run
preserves order, sorting the names gives the whole output in input order. A ``_SUCCESS``
file is written last: a folder without it holds an unfinished run.
"""

from __future__ import annotations

import pickle
import posixpath
from collections.abc import Callable, Iterable
from typing import IO, Any

import orjson
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
from ray.data.block import Block, BlockAccessor
from ray.data.datasource import Datasink, WriteResult

from newslint.errors import UsageError
from newslint.io.arrow import written_columns

FORMATS = ("jsonl", "parquet")
SUCCESS = "_SUCCESS"


class OutputError(UsageError, ValueError):
    """An output folder that cannot be written (not empty, not a folder)."""


def output_location(
    folder: str, filesystem: pafs.FileSystem | None = None
) -> tuple[pafs.FileSystem, str]:
    """The filesystem and path of ``folder``: a URI, else a path on ``filesystem``, else
    a local path."""
    if "://" in folder:
        return pafs.FileSystem.from_uri(folder)  # type: ignore[no-any-return]
    if filesystem is not None:
        return filesystem, folder
    return pafs.LocalFileSystem(), posixpath.abspath(folder)


def check_empty(filesystem: pafs.FileSystem, path: str, name: str) -> None:
    """Refuse an output folder that holds anything: a run never mixes its files with
    another's, nor replaces what is there."""
    info = filesystem.get_file_info(path)
    if info.type == pafs.FileType.NotFound:
        return
    if info.type != pafs.FileType.Directory:
        raise OutputError(f"{name}: exists and is not a folder")
    if filesystem.get_file_info(pafs.FileSelector(path)):
        raise OutputError(f"{name}: folder is not empty (choose a new or empty folder)")


class _FolderSink(Datasink[None]):
    def __init__(self, filesystem: pafs.FileSystem, path: str) -> None:
        self.filesystem, self.path = filesystem, path

    @property
    def supports_distributed_writes(self) -> bool:
        # A local folder is on the driver's machine: write there, not on other nodes.
        return not isinstance(self.filesystem, pafs.LocalFileSystem)

    def on_write_start(self, schema: pa.Schema | None = None) -> None:
        for path in self._folders():
            self.filesystem.create_dir(path, recursive=True)

    def on_write_complete(self, write_result: WriteResult[None]) -> None:
        for path in self._folders():
            self.filesystem.create_dir(path, recursive=True)  # a run may write no part
            with self.filesystem.open_output_stream(posixpath.join(path, SUCCESS)):
                pass

    def _folders(self) -> list[str]:
        return [self.path]

    def _write(self, folder: str, name: str, write: Callable[[IO[bytes]], object]) -> None:
        with self.filesystem.open_output_stream(posixpath.join(folder, name)) as stream:
            write(stream)


def _part_name(file: int, number: int, task: int, extension: str) -> str:
    return f"part-{file:05d}-{number:012d}-{task:06d}.{extension}"


def _one_table(blocks: Iterable[Block]) -> pa.Table | None:
    tables = [BlockAccessor.for_block(block).to_arrow() for block in blocks]
    tables = [table for table in tables if table.num_rows]
    return pa.concat_tables(tables) if tables else None


class FindingsSink(_FolderSink):
    """Findings, one per row (the fields of ``newslint check --format json``), as JSON
    Lines (each line as ``--format jsonl`` writes it) or Parquet."""

    def __init__(self, filesystem: pafs.FileSystem, path: str, format: str) -> None:
        super().__init__(filesystem, path)
        self.format = format

    def write(self, blocks: Iterable[Block], ctx: Any) -> None:
        table = _one_table(blocks)
        if table is None:
            return
        name = _part_name(
            table["file"][0].as_py(), table["record_number"][0].as_py(), ctx.task_idx, self.format
        )
        findings = written_columns(table)
        if self.format == "parquet":
            self._write(self.path, name, lambda stream: pq.write_table(findings, stream))
            return
        lines = b"".join(orjson.dumps(row) + b"\n" for row in findings.to_pylist())
        self._write(self.path, name, lambda stream: stream.write(lines))


class CleanSink(_FolderSink):
    """Repaired records to one folder, rejected ones (with their findings) to another,
    as JSON Lines or Parquet; every input record lands in exactly one of them."""

    def __init__(self, filesystem: pafs.FileSystem, kept: str, rejected: str, format: str) -> None:
        super().__init__(filesystem, kept)
        self.rejected, self.format = rejected, format

    def _folders(self) -> list[str]:
        return [self.path, self.rejected]

    def write(self, blocks: Iterable[Block], ctx: Any) -> None:
        table = _one_table(blocks)
        if table is None:
            return
        rejected = table["rejected"].to_pylist()
        for folder, wanted in ((self.path, False), (self.rejected, True)):
            rows = table.filter(pa.array([flag is wanted for flag in rejected]))
            if rows.num_rows:
                first = (rows["file"][0].as_py(), rows["number"][0].as_py())
                name = _part_name(*first, ctx.task_idx, self.format)
                self._write(folder, name, self._writer(rows["payload"].to_pylist()))

    def _writer(self, payloads: list[bytes]) -> Callable[[IO[bytes]], object]:
        if self.format == "jsonl":
            lines = b"".join(payload + b"\n" for payload in payloads)
            return lambda stream: stream.write(lines)
        records = [pickle.loads(payload) for payload in payloads]
        try:
            table = pa.Table.from_pylist(records)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise OutputError(
                f"these records do not fit one Parquet table ({exc}); write JSON Lines instead"
            ) from exc
        return lambda stream: pq.write_table(table, stream)
