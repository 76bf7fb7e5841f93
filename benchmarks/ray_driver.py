"""The Ray side of benchmarks/ray_engine.py, run in a child process of its own: starts a
local Ray with the CPUs asked for, then runs ``newslint check --engine ray``'s function
on the corpus, and prints the two times (Ray's start-up, the run) as JSON.

    python benchmarks/ray_driver.py CORPUS OUTPUT_FOLDER CPUS
"""

from __future__ import annotations

import os
import sys
import time

import orjson

TICKS = os.sysconf("SC_CLK_TCK")


def main(corpus: str, output: str, cpus: int) -> None:
    started = time.perf_counter()
    from newslint import Checker
    from newslint.running import ray as newslint_ray

    imported = time.perf_counter()
    with newslint_ray.session(cpus=cpus, quiet=True):
        ready = time.perf_counter()
        before = tree_cpu_seconds(os.getpid())
        totals = newslint_ray.check(Checker(), [corpus], output, jobs=cpus)
        done = time.perf_counter()
        run_cpu = tree_cpu_seconds(os.getpid()) - before
    print(
        orjson.dumps(
            {
                "import_seconds": imported - started,
                "ray_startup_seconds": ready - imported,
                "run_seconds": done - ready,
                "shutdown_seconds": time.perf_counter() - done,
                "documents": totals.documents,
                "run_cpu_seconds": run_cpu,
            }
        ).decode()
    )


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU time of ``root`` and every process below it (Ray's daemons,
    actors and workers, which this process never waits for), and of the children they
    reaped; from /proc."""
    stats: dict[int, list[str]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as stat:
                    stats[int(entry.name)] = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, fields in stats.items() if int(fields[1]) == parent]
        tree.update(children)
        frontier.extend(children)
    # after ")": state ppid ... utime(12) stime(13) cutime(14) cstime(15)
    ticks = sum(sum(int(stats[pid][i]) for i in (11, 12, 13, 14)) for pid in tree if pid in stats)
    return ticks / TICKS


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
