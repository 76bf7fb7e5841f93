"""A worker process ends with its parent.

A parent that is killed without a chance to stop its workers (``kill -9``, the OOM
killer, a CI runner's hard timeout) would otherwise leave them running, reparented,
busy with a run nobody reads. Two watches, for the systems newslint runs on:

- on Linux, the kernel's parent-death signal (``prctl(PR_SET_PDEATHSIG, SIGKILL)``):
  the worker is killed the moment its parent dies, even inside C code. The kernel
  sends it when the *thread* that forked the worker ends, so it is asked for only when
  the workers are forked from the main thread, which lives as long as the process;
- everywhere, a thread of the worker that waits for the parent's exit and ends the
  worker: a pidfd on Linux (5.3 and later), a kqueue process event on macOS and the
  BSDs, else a look at the parent's process id every second.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import select
import signal
import sys
import threading
import time

#: prctl(2) option: the signal a process gets when its parent dies (linux/prctl.h).
_PR_SET_PDEATHSIG = 1
#: Exit status of a worker that ended because its parent had died.
ORPHANED = 128 + signal.SIGKILL


def end_with_parent(parent: int, forked_by_main_thread: bool) -> None:
    """Make this process (a worker forked by ``parent``) end when ``parent`` ends. Call
    it first thing in the worker."""
    if forked_by_main_thread:
        _ask_the_kernel()
    threading.Thread(target=_wait_for, args=(parent,), name="parent-watch", daemon=True).start()
    if os.getppid() != parent:  # the parent died before the watches began
        os._exit(ORPHANED)


def _ask_the_kernel() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _wait_for(parent: int) -> None:
    """Return only once ``parent`` has ended, then end this process."""
    if not (_wait_pidfd(parent) or _wait_kqueue(parent)):
        while os.getppid() == parent:
            time.sleep(1.0)
    os._exit(ORPHANED)


def _wait_pidfd(parent: int) -> bool:
    """Wait on a pidfd of ``parent`` (readable once it exits); False where there is none."""
    if not hasattr(os, "pidfd_open"):
        return False
    try:
        descriptor = os.pidfd_open(parent)
    except OSError:  # an old kernel, or the parent is gone already
        return os.getppid() != parent
    if os.getppid() == parent:  # the pidfd is the parent's, not a reused number's
        select.select([descriptor], [], [])
    return True


def _wait_kqueue(parent: int) -> bool:
    """Wait for ``parent``'s exit event; False where kqueue is missing."""
    if sys.platform in ("linux", "win32") or not hasattr(select, "kqueue"):
        return False
    queue = select.kqueue()
    event = select.kevent(
        parent,
        filter=select.KQ_FILTER_PROC,
        flags=select.KQ_EV_ADD | select.KQ_EV_ONESHOT,
        fflags=select.KQ_NOTE_EXIT,
    )
    with contextlib.suppress(OSError):  # no such process: the parent is gone already
        queue.control([event], 1, None)
    return True
