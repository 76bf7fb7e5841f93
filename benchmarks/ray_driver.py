"""The Ray side of benchmarks/ray_engine.py, run in a child process of its own: starts a
local Ray with the CPUs asked for, then runs ``newslint check --engine ray``'s function
on the corpus, and prints the two times (Ray's start-up, the run) as JSON.

    python benchmarks/ray_driver.py CORPUS OUTPUT_FOLDER CPUS
"""

from __future__ import annotations

import sys
import time

import orjson


def main(corpus: str, output: str, cpus: int) -> None:
    started = time.perf_counter()
    from newslint import Checker
    from newslint.engines import ray as newslint_ray

    imported = time.perf_counter()
    with newslint_ray.session(cpus=cpus, quiet=True):
        ready = time.perf_counter()
        totals = newslint_ray.check(Checker(), [corpus], output, jobs=cpus)
        done = time.perf_counter()
    print(
        orjson.dumps(
            {
                "import_seconds": imported - started,
                "ray_startup_seconds": ready - imported,
                "run_seconds": done - ready,
                "shutdown_seconds": time.perf_counter() - done,
                "documents": totals.documents,
            }
        ).decode()
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
