"""What ``--engine ray`` costs a run before and after the checking: a local Ray started
and stopped, the actor pool created, on a one-article corpus, against the same command
without Ray (not a test: it measures, it never fails on a slow figure).

    python benchmarks/ray_startup.py            # 5 runs of each, alternated
    python benchmarks/ray_startup.py --runs 3 --cpus 2

Each run is a whole ``newslint check`` process; the figure the docs quote is the median
of the Ray runs minus the median of the plain runs (wall seconds), and the runs' spread.
The Ray runs' standard error is kept: it must hold no error line.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARTICLE = {"id": "one", "text": "Le ministre a parlé mardi à Paris devant la presse.\n"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpus", type=int, default=2, help="Ray's CPUs (--jobs)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newslint-ray-startup-") as folder:
        corpus = Path(folder) / "one.jsonl"
        corpus.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
        base = [sys.executable, "-m", "newslint", "check", str(corpus), "-q", "--exit-zero"]
        ray = [*base, "--engine", "ray", "--jobs", str(args.cpus)]
        plain = [*base, "--jobs", "1"]
        timings: dict[str, list[float]] = {"ray": [], "plain": []}
        cpu: dict[str, list[float]] = {"ray": [], "plain": []}
        errors: list[str] = []
        for _ in range(args.runs):  # alternated, so that a drift of the machine hits both
            for name, command in (("ray", ray), ("plain", plain)):
                seconds, cpu_seconds, stderr = _timed(command)
                timings[name].append(seconds)
                cpu[name].append(cpu_seconds)
                if name == "ray":
                    errors += [line for line in stderr.splitlines() if _is_error(line)]
    for name, values in timings.items():
        print(
            f"{name:>5}: median {statistics.median(values):.1f} s wall "
            f"(min {min(values):.1f}, max {max(values):.1f}) over {len(values)} runs; "
            f"median {statistics.median(cpu[name]):.1f} s of CPU in the processes waited for"
        )
    cost = statistics.median(timings["ray"]) - statistics.median(timings["plain"])
    print(f"Ray's start-up and shutdown: {cost:.1f} s a run (median difference)")
    print(f"error lines on the Ray runs' standard error: {len(errors)}")
    for line in errors[:5]:
        print(f"  {line}")
    return 0


def _timed(command: list[str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the processes waited for, standard error)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, done.stderr


def _is_error(line: str) -> bool:
    return " E " in line[:40] or "ERROR" in line or "Traceback" in line


if __name__ == "__main__":
    sys.exit(main())
