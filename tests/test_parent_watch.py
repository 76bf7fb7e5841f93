"""newslint.running.parent_watch: a worker ends when its parent is killed, by each watch the
systems newslint runs on offer (the ones this machine lacks are skipped, saying so)."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

#: A parent that forks a worker watching it with one watch only, prints the worker's
#: process id, then waits to be killed.
SCRIPT = textwrap.dedent(
    """
    import os, select, sys, time
    from newslint.running import parent_watch

    watch = sys.argv[1]
    parent = os.getpid()
    worker = os.fork()
    if worker == 0:
        if watch != "pidfd":
            del os.pidfd_open
        if watch != "kqueue" and hasattr(select, "kqueue"):
            del select.kqueue
        parent_watch.end_with_parent(parent, forked_by_main_thread=watch == "prctl")
        if watch == "prctl":  # the kernel alone: the watching thread never ends it
            parent_watch.os._exit = lambda code: time.sleep(3600)
        time.sleep(3600)
        os._exit(0)
    print(worker, flush=True)
    time.sleep(3600)
    """
)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


WATCHES = {
    "prctl": sys.platform.startswith("linux"),
    "pidfd": hasattr(os, "pidfd_open"),
    "kqueue": hasattr(select, "kqueue"),
    "polling": True,
}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize(
    "watch",
    # Each system has some of the watches only: a skip here is not a missing tool.
    [pytest.param(watch, marks=pytest.mark.may_skip) for watch in WATCHES],
)
def test_a_worker_ends_when_its_parent_is_killed(watch):
    if not WATCHES[watch]:
        pytest.skip(f"no {watch} on this system")
    parent = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, watch], stdout=subprocess.PIPE, text=True
    )
    try:
        worker = int(parent.stdout.readline())
        time.sleep(0.5)  # the watch is set up
        assert _running(worker)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 10
        while _running(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        alive = _running(worker)
        if alive:
            os.kill(worker, signal.SIGKILL)
        assert not alive, f"the worker outlived its parent with the {watch} watch"
    finally:
        parent.kill()
        parent.wait(timeout=30)
