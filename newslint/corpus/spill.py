"""The spill store: rows of hashes appended to disk in partitions, read back one
partition at a time, so that the corpus checks' memory stays bounded on any corpus.

Rows are buffered in memory (``array`` columns, a few MiB) and appended, on flush, to
one file per partition chosen by the top bits of the row's key; the analysis then loads
one partition (1/``PARTITIONS`` of the rows) at a time. This is the "sorted runs"
scheme of external aggregation with hash partitioning instead of a merge.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterator
from pathlib import Path

import numpy as np

PARTITIONS = 32
BUFFER_ROWS = 1 << 18


class PartitionedRows:
    """Rows of a few integer columns, the first one a 64-bit key that picks the partition."""

    def __init__(self, folder: Path, name: str, columns: dict[str, str]) -> None:
        self.folder, self.name = folder, name
        # array typecodes: "Q" (uint64 key), "I" (uint32 values)
        self.dtype = np.dtype([(column, _NUMPY[code]) for column, code in columns.items()])
        self._buffers = {column: array(code) for column, code in columns.items()}
        self.key_column = next(iter(columns))
        self.rows = 0
        self.bytes_written = 0

    def append(self, *values: int) -> None:
        for buffer, value in zip(self._buffers.values(), values, strict=True):
            buffer.append(value)
        if len(self._buffers[self.key_column]) >= BUFFER_ROWS:
            self.flush()

    def extend(self, *columns: list[int]) -> None:
        for buffer, column in zip(self._buffers.values(), columns, strict=True):
            buffer.extend(column)
        if len(self._buffers[self.key_column]) >= BUFFER_ROWS:
            self.flush()

    def flush(self) -> None:
        count = len(self._buffers[self.key_column])
        if not count:
            return
        rows = np.empty(count, dtype=self.dtype)
        for column, buffer in self._buffers.items():
            rows[column] = np.frombuffer(buffer, dtype=self.dtype[column])
            del buffer[:]
        partition = (rows[self.key_column] >> np.uint64(64 - _PARTITION_BITS)).astype(np.intp)
        order = np.argsort(partition, kind="stable")
        rows, partition = rows[order], partition[order]
        bounds = np.searchsorted(partition, np.arange(PARTITIONS + 1))
        for number in range(PARTITIONS):
            start, end = bounds[number], bounds[number + 1]
            if start < end:
                with open(self._path(number), "ab") as out:
                    rows[start:end].tofile(out)
        self.rows += count
        self.bytes_written += rows.nbytes

    def partitions(self) -> Iterator[np.ndarray]:
        """Each partition's rows in the order they were appended (empty ones skipped)."""
        self.flush()
        for number in range(PARTITIONS):
            path = self._path(number)
            if path.exists():
                yield np.fromfile(path, dtype=self.dtype)
                os.unlink(path)  # read once: free the disk as the analysis goes

    def _path(self, number: int) -> Path:
        return self.folder / f"{self.name}.{number:03d}"


class RowFile:
    """Fixed-size rows appended to one file, read back by row number.

    Rows are read with ``pread`` rather than through a memory map: the pages of a map
    that the analysis touches all over would count in the process's resident memory.
    """

    def __init__(self, path: Path, dtype: np.dtype, width: int) -> None:
        self.path, self.dtype, self.width = path, np.dtype(dtype), width
        self._file = open(path, "wb")  # closed by close()
        self.rows = 0

    @property
    def row_bytes(self) -> int:
        return self.dtype.itemsize * self.width

    def append(self, row: np.ndarray) -> None:
        self._file.write(row.tobytes())
        self.rows += 1

    def close(self) -> None:
        self._file.close()

    def read(self, numbers: np.ndarray) -> np.ndarray:
        """Rows ``numbers`` (any order, repeats allowed), as a (len, width) array."""
        if not self._file.closed:
            self._file.flush()
        unique, inverse = np.unique(numbers, return_inverse=True)
        size = self.row_bytes
        found = np.empty((len(unique), self.width), dtype=self.dtype)
        fd = os.open(self.path, os.O_RDONLY)
        try:
            for i, number in enumerate(unique.tolist()):
                found[i] = np.frombuffer(os.pread(fd, size, number * size), dtype=self.dtype)
        finally:
            os.close(fd)
        return found[inverse.reshape(-1)]


_PARTITION_BITS = PARTITIONS.bit_length() - 1
_NUMPY = {"Q": np.uint64, "I": np.uint32}
