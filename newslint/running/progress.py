"""The progress bar of a run on a terminal: bytes of input done against the input's size
(so it has a total and an ETA on one huge JSONL file as on a folder of small ones), the
documents done beside it, and gone before the summary is printed.

Documents are read ahead of the results (the workers have chunks in flight), so the
position of each document is taken when it is read and shown when its result comes
back: the bar follows the results, not the reader. Readers of files read as a stream
(JSONL, CSV) say which file object they read with :func:`track`; a Parquet file's
position is its row against its row count (from its footer); any other file counts
when its document is done.
"""

from __future__ import annotations

import io
import os
import sys
import weakref
from collections import deque
from collections.abc import Iterable, Iterator
from typing import IO, Any, TextIO, TypeVar, cast

from newslint.io.readers import iter_sources
from newslint.io.readers.parquet import SUFFIXES as PARQUET_SUFFIXES
from newslint.model.document import Document

T = TypeVar("T")

#: The file objects readers read from, by path: the byte position of a stream.
_TRACKED: dict[str, weakref.ReferenceType[IO[bytes]]] = {}
#: Seconds between two redraws of the bar.
REFRESH_SECONDS = 0.5


def track(source: str, raw: IO[bytes]) -> IO[bytes]:
    """Called by a reader with the binary file it reads ``source`` from (before any
    decompression: the position counts bytes of the file on disk); returns it."""
    if source != "-":
        _TRACKED[source] = weakref.ref(raw)
    return raw


def wanted(quiet: bool) -> bool:
    """A bar is for a person at a terminal: never with ``--quiet``, in CI or in a pipe."""
    return not quiet and sys.stderr.isatty()


class Progress:
    """One bar over the inputs of a run: wrap the documents read with :meth:`reading`,
    the results with :meth:`done`, and the report stream with :meth:`above`."""

    def __init__(self, paths: Iterable[str], label: str | None = None) -> None:
        paths = list(paths)
        self.paths = paths
        self._rows: dict[str, int] = {}  # rows of the Parquet inputs, read from their footers
        self.sizes = {s: _size(s) for s in iter_sources(paths) if s != "-"}
        known = all(size is not None for size in self.sizes.values()) and "-" not in paths
        self.total = sum(size or 0 for size in self.sizes.values()) if known else None
        self.by_bytes = self.total is not None
        self.label = label
        #: documents in all the inputs, where that is cheap to know: Parquet files only
        #: (their footers count rows); else None
        self.records = self._record_count()
        self._bar: Any = None
        self.positions: deque[int] = deque()
        self.documents = 0
        self._finished = 0  # bytes of the files read to their end
        self._current: str | None = None
        self._drawn_at = -1.0

    def again(self, label: str) -> Progress:
        """A bar of its own over the same inputs (a corpus run's first pass)."""
        return Progress(self.paths, label)

    @property
    def bar(self) -> Any:
        """The tqdm bar, drawn from the first result on (a corpus run's first pass has
        its own bar before it)."""
        if self._bar is None:
            from tqdm import tqdm

            columns, rows = terminal_size()
            self._bar = tqdm(
                total=self.total,
                desc=self.label,
                unit="B" if self.by_bytes else " docs",
                unit_scale=self.by_bytes,
                unit_divisor=1024,
                file=sys.stderr,
                leave=False,
                mininterval=REFRESH_SECONDS,
                ncols=columns,
                nrows=rows,
            )
        return self._bar

    def _record_count(self) -> int | None:
        sources = list(self.sizes)
        if not sources or not all(s.lower().endswith(PARQUET_SUFFIXES) for s in sources):
            return None
        for source in sources:
            self._rows[source] = _parquet_rows(source)
        return sum(self._rows.values())

    # --- reading side

    def reading(self, documents: Iterable[Document]) -> Iterator[Document]:
        """``documents``, noting where in the input each one ends."""
        for document in documents:
            self.positions.append(self._position(document))
            yield document

    def _position(self, document: Document) -> int:
        path = document.path
        if path != self._current:
            if self._current is not None:
                self._finished += self.sizes.get(self._current) or 0
            self._current = path
        size = self.sizes.get(path) or 0
        return self._finished + min(size, self._within(document, size))

    def _within(self, document: Document, size: int) -> int:
        """Bytes of ``document``'s file read so far."""
        path, row = document.path, document.record_number
        if row is not None and path.lower().endswith(PARQUET_SUFFIXES):
            rows = self._rows.get(path)
            if rows is None:
                rows = self._rows[path] = _parquet_rows(path)
            return size * row // rows if rows else size
        stream = _TRACKED.get(path)
        raw = stream() if stream is not None else None
        if raw is None or row is None:
            return size
        try:
            return raw.tell()
        except (OSError, ValueError):  # closed: read to its end
            return size

    # --- results side

    def done(self, results: Iterable[T]) -> Iterator[T]:
        """``results`` (one per document read, in order), moving the bar; the bar is
        closed when they end, before anything is printed after them."""
        try:
            for result in results:
                self.documents += 1
                if self.by_bytes:
                    position = self.positions.popleft() if self.positions else self.bar.n
                    self.bar.update(position - self.bar.n)
                else:
                    self.bar.update(1)
                of = f"/{self.records:,}" if self.records is not None else ""
                self.bar.set_postfix_str(f"{self.documents:,}{of} docs", refresh=False)
                yield result
        finally:
            self.close()

    def close(self) -> None:
        """Complete the bar (files without documents, a last stretch of blank lines)
        and remove it from the terminal."""
        if self._bar is None:
            return
        if self.total is not None and self._bar.n < self.total:
            self._bar.update(self.total - self._bar.n)
        self._bar.refresh()  # the last update may have come sooner than a redraw
        self._bar.close()

    # --- output on the same terminal

    def above(self, stream: TextIO) -> TextIO:
        """``stream``, cleared of the bar before each write when both are on the same
        terminal: a finding line never starts in the middle of the bar."""
        if not (_isatty(stream) and _same_terminal(stream, sys.stderr)):
            return stream
        return cast(TextIO, _AboveTheBar(stream, self))

    def clear(self) -> None:
        """Clear the bar's line if it was drawn since the last clear (it is drawn again
        at its next update)."""
        if self._bar is None or self._bar.disable:
            return
        drawn_at = getattr(self._bar, "last_print_t", 0.0)
        if drawn_at != self._drawn_at:
            self._bar.clear()
            self._drawn_at = drawn_at


class _AboveTheBar(io.TextIOBase):
    def __init__(self, stream: TextIO, progress: Progress) -> None:
        self.stream, self.progress = stream, progress

    def write(self, text: str) -> int:
        self.progress.clear()
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.stream.fileno()


def terminal_size() -> tuple[int, int]:
    """(columns, rows) of stderr's terminal. A pseudo-terminal whose size was never set
    (``script``, CI runners, some IDE consoles) says 0 x 0, from which tqdm would hide
    its bar (0 rows leave no room for it): 80 x 24 is assumed then."""
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError):
        return 80, 24
    return size.columns or 80, size.lines or 24


def _size(source: str) -> int | None:
    """Bytes of a regular file; 0 for a path that does not exist (reported apart, it
    reads nothing); None for what has no size known ahead (a FIFO, a device)."""
    try:
        if not os.path.lexists(source):
            return 0
        return os.path.getsize(source) if os.path.isfile(source) else None
    except OSError:
        return None


def _parquet_rows(path: str) -> int:
    try:
        import pyarrow.parquet as pq

        return int(pq.read_metadata(path).num_rows)
    except Exception:  # no pyarrow, a corrupt footer: the reader says so, not the bar
        return 0


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _same_terminal(a: TextIO, b: TextIO) -> bool:
    try:
        return os.path.samestat(os.fstat(a.fileno()), os.fstat(b.fileno()))
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return False
