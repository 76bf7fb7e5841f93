"""The spill store: rows of hashes appended to disk in partitions, read back one
partition at a time, so that the corpus checks' memory stays bounded on any corpus.

Rows are buffered in memory (``array`` columns, a few MiB) and appended, on flush, to
one file per partition chosen by the top bits of the row's key; the analysis then loads
one partition (1/``PARTITIONS`` of the rows) at a time. This is the "sorted runs"
scheme of external aggregation with hash partitioning instead of a merge.

The rows live in a :class:`SpillFolder` (in ``$NEWSLINT_SPILL_DIR``, else the system's
temporary folder), named ``newslint-corpus-PID-XXXXXXXX`` and locked while its run
lives: a run killed before it could remove its folder leaves it behind, and the next
run removes every such folder whose lock no process holds. A write that fails (a full
disk) is a :class:`SpillError` naming the folder and the reason.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from array import array
from collections.abc import Iterator
from pathlib import Path

import numpy as np

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows, where newslint's workers do not run
    fcntl = None  # type: ignore[assignment]

#: Start of the name of every spill folder (the process id follows).
PREFIX = "newslint-corpus-"
_LOCK = ".lock"


class SpillError(OSError):
    """A spill folder that cannot be written (a full disk): names the folder."""


def _failed(folder: Path, exc: OSError) -> SpillError:
    reason = exc.strerror or str(exc)
    return SpillError(
        f"cannot write the corpus checks' spill folder {folder}: {reason} "
        "(NEWSLINT_SPILL_DIR chooses a folder with more room)"
    )


class SpillFolder:
    """A folder of spilled rows for one run, locked while the run lives (see above)."""

    def __init__(self, parent: str | Path | None = None) -> None:
        base = Path(parent or tempfile.gettempdir())
        remove_stale(base)
        try:
            self.path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=base))
            self._lock = _locked(self.path)
        except OSError as exc:
            raise _failed(base, exc) from None

    def cleanup(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def _locked(folder: Path) -> int | None:
    """Hold an exclusive lock on the folder's lock file, for as long as the process
    lives. The file is locked under another name, then renamed: another run never sees
    a lock file that is not locked yet."""
    if fcntl is None:
        return None
    pending = folder / f"{_LOCK}.{os.getpid()}"
    descriptor = os.open(pending, os.O_WRONLY | os.O_CREAT, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    os.rename(pending, folder / _LOCK)
    return descriptor


def remove_stale(base: Path) -> list[Path]:
    """Remove the spill folders in ``base`` that no living run holds; the folders
    removed. A folder without its lock file yet (a run starting) is left alone."""
    removed: list[Path] = []
    try:
        entries = list(base.iterdir()) if fcntl is not None else []
    except OSError:
        return removed
    for folder in entries:
        if not folder.name.startswith(PREFIX):
            continue
        try:
            descriptor = os.open(folder / _LOCK, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held: its run is alive
            os.close(descriptor)
            continue
        shutil.rmtree(folder, ignore_errors=True)
        os.close(descriptor)
        removed.append(folder)
    return removed


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
        try:
            for number in range(PARTITIONS):
                start, end = bounds[number], bounds[number + 1]
                if start < end:
                    with open(self._path(number), "ab") as out:
                        # Not ndarray.tofile: its error on a full disk says only
                        # "N requested and M written".
                        out.write(rows[start:end].tobytes())
        except OSError as exc:
            raise _failed(self.folder, exc) from None
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
        try:
            self._file.write(row.tobytes())
        except OSError as exc:
            raise _failed(self.path.parent, exc) from None
        self.rows += 1

    def close(self) -> None:
        with contextlib.suppress(OSError):  # a full disk was reported when it was met
            self._file.close()

    def read(self, numbers: np.ndarray) -> np.ndarray:
        """Rows ``numbers`` (any order, repeats allowed), as a (len, width) array."""
        if not self._file.closed:
            try:
                self._file.flush()
            except OSError as exc:
                raise _failed(self.path.parent, exc) from None
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
