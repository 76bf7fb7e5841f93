"""Lines Ray's C++ core prints on this process's standard error that say nothing to a
newslint user and look like failures, dropped while a run executes.

Ray Data passes each pool actor its arguments through the object store and lets Ray
restart actors that die (newslint relies on that). Ray's core then logs, once per actor
and at error level, ``[... E ...] core_worker.cc:NNNN: Actor with class name:
'MapWorker(...)' ... has constructor arguments in the object store and max_restarts >
0 ...`` (ray-project/ray#57733, open with Ray 2.60): on every run, for nothing the user
did or can change. The C++ core writes to file descriptor 2 directly, past Python's
``sys.stderr`` and ``logging``, so the filter sits on the descriptor: a pipe in its
place, and a thread that copies everything to the real standard error but those lines.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import sys
import threading
from collections.abc import Iterator

#: What is dropped: the whole line, from its ``[date time E pid tid]`` prefix.
DROPPED = re.compile(
    rb"\[\d{4}-\d\d-\d\d [\d:,.]+ E \d+ \d+\] core_worker\.cc:\d+: Actor with class name: "
    rb"'[^'\n]*' and ID: '\w+' has constructor arguments in the object store and "
    rb"max_restarts > 0\.[^\n]*\n?"
)
#: The start of a C++ log line, possibly cut by a read: held back until it is whole.
_LOG_START = re.compile(
    rb"\[(?:\d{0,4}|\d{4}-\d{0,2}|\d{4}-\d\d-\d{0,2}|\d{4}-\d\d-\d\d [^\n]*)$", re.S
)
#: A line held back this long is written as it is (a read that never completes).
HOLD_SECONDS = 0.2


@contextlib.contextmanager
def without_core_noise(stream_fd: int = 2) -> Iterator[None]:
    """While the block runs, standard error (``stream_fd``) without :data:`DROPPED`.
    Start it after ``ray.init``: the Ray processes started there keep the real one."""
    try:
        sys.stderr.flush()
        real = os.dup(stream_fd)
    except (OSError, ValueError):  # no standard error to filter
        yield
        return
    reader, writer = os.pipe()
    os.dup2(writer, stream_fd)
    os.close(writer)
    pump = threading.Thread(
        target=_pump, args=(reader, real), name="newslint-ray-stderr", daemon=True
    )
    pump.start()
    try:
        yield
    finally:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.flush()
        os.dup2(real, stream_fd)  # the pipe's last writer closes: the pump ends
        pump.join(timeout=5)
        os.close(real)


def _pump(reader: int, real: int) -> None:
    pending = b""
    try:
        while True:
            ready, _, _ = select.select([reader], [], [], HOLD_SECONDS if pending else None)
            if not ready:  # nothing more came: what was held back goes out as it is
                _write(real, pending)
                pending = b""
                continue
            chunk = os.read(reader, 1 << 16)
            if not chunk:
                break
            pending = DROPPED.sub(b"", pending + chunk)
            cut = _held_from(pending)
            _write(real, pending[:cut])
            pending = pending[cut:]
        _write(real, DROPPED.sub(b"", pending))
    finally:
        os.close(reader)


def _held_from(pending: bytes) -> int:
    """Where the part to hold back starts: a last line that may become a dropped one."""
    start = pending.rfind(b"[")
    if start < 0 or not _LOG_START.match(pending, start):
        return len(pending)
    return start


def _write(fd: int, data: bytes) -> None:
    while data:
        try:
            written = os.write(fd, data)
        except OSError:  # standard error went away: nothing more to show
            return
        data = data[written:]
