"""Runs one child process and measures it: wall time, peak RSS, and RSS over time.

Wall time runs from just before the child is started to the moment it is reaped, so it
includes the interpreter's start-up and imports. Peak RSS is the kernel's: the
``ru_maxrss`` that ``wait4`` returns for that one child, which is what
``resource.getrusage(RUSAGE_CHILDREN)`` would report in a fresh parent (the largest RSS
of the child and of the descendants it waited for, e.g. its pool workers; a maximum, not
a sum). A thread also samples the memory of the child's process tree from /proc, to
show the total with workers and whether memory grows during the run: the summed PSS
(proportional set size: a page shared by n processes counts 1/n in each, so workers
forked with the parent's tables are not counted n times), or RSS where PSS is missing.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class ChildRun:
    argv: list[str]
    returncode: int
    wall_seconds: float
    max_rss_bytes: int
    tree_rss_peak_bytes: int
    #: user + system CPU time of the child and of the descendants it waited for
    cpu_seconds: float
    #: the machine's 1-minute load average just before the start: other work running
    load_before: float
    #: CPU time the rest of the machine used during the run (all CPUs busy time, less the
    #: child's): other work competing with the measurement
    other_cpu_seconds: float
    #: (seconds since start, summed RSS of the process tree in bytes)
    rss_samples: list[tuple[float, int]] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""

    def check(self) -> ChildRun:
        if self.returncode != 0:
            command = " ".join(self.argv)
            raise RuntimeError(f"`{command}` exited {self.returncode}:\n{self.stderr[-4000:]}")
        return self


def run(
    argv: Sequence[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    sample_every: float = 1.0,
) -> ChildRun:
    """Run ``argv`` to completion; its output goes to temporary files, not pipes."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        load = os.getloadavg()[0]
        busy_before = machine_busy_seconds()
        start = time.perf_counter()
        child = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=out, stderr=err)
        sampler = _Sampler(child.pid, start, sample_every)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        busy = machine_busy_seconds() - busy_before
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        sampler.stop()
        out.seek(0)
        err.seek(0)
        return ChildRun(
            argv=list(argv),
            returncode=child.returncode,
            wall_seconds=wall,
            max_rss_bytes=usage.ru_maxrss * 1024,  # Linux reports KiB
            tree_rss_peak_bytes=max((rss for _, rss in sampler.samples), default=0),
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            load_before=load,
            other_cpu_seconds=max(0.0, busy - usage.ru_utime - usage.ru_stime),
            rss_samples=sampler.samples,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


class _Sampler(threading.Thread):
    """Sums the memory of a process and its descendants every ``every`` seconds."""

    def __init__(self, pid: int, start: float, every: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.start_time, self.every = pid, start, every
        self.samples: list[tuple[float, int]] = []
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.every):
            rss = tree_rss(self.pid)
            if rss:
                self.samples.append((time.perf_counter() - self.start_time, rss))

    def stop(self) -> None:
        self._done.set()
        self.join()


def machine_busy_seconds() -> float:
    """CPU time all CPUs have spent busy since boot (the first line of /proc/stat)."""
    fields = [int(n) for n in _read("/proc/stat").split("\n", 1)[0].split()[1:]]
    if len(fields) < 8:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / TICKS


def tree_rss(root: int) -> int:
    """Summed memory (PSS, else RSS) of ``root`` and every descendant, from /proc (0 if
    gone)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            stat = _read(f"/proc/{entry.name}/stat")
            if stat:
                # "pid (comm) state ppid ...": comm may hold spaces, so split after ')'.
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        tree.update(children)
        frontier.extend(children)
    return sum(_rss(pid) for pid in tree)


def _rss(pid: int) -> int:
    """PSS of ``pid`` (see the module docstring), else its RSS; 0 if it is gone."""
    for line in _read(f"/proc/{pid}/smaps_rollup").splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    statm = _read(f"/proc/{pid}/statm")
    return int(statm.split()[1]) * PAGE if statm else 0


def _read(path: str) -> str:
    try:
        with open(path) as handle:
            return handle.read()
    except OSError:  # the process ended between listing and reading
        return ""
