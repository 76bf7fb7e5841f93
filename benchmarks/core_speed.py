"""The compiled core's targets (issue 20), measured in one run on the distinct-article
corpus (``distinct_corpus.py``). A benchmark: it measures and reports, never fails.

    python benchmarks/core_speed.py                          # 100,000 articles; memory at 100k and 400k
    python benchmarks/core_speed.py --articles 10000 --memory-articles 10000,40000

Each figure comes from a child process (``measure.py``: wall and CPU time, peak RSS):

1. the floor (``floor.py``: read the JSONL, decode, one regex) on the corpus;
2. ``newslint check CORPUS --jobs 1`` with the default rules (C included), ``lang`` in
   every record, then the same corpus without ``lang``, then ``--jobs 2``, then two
   ``--jobs 1`` side by side, each on half the corpus: what two processes get from this
   machine's two cores (on a VM whose cores slow each other down, ``--jobs 2`` cannot
   beat it), the baseline of the ``--jobs 2`` ratio;
3. start-up: ``newslint check`` on one small text file (the example article, whose
   language is detected), median of 5 runs;
4. peak memory of ``--jobs 1`` at each ``--memory-articles`` size.

Ratios compare figures of the same run; on a shared machine read the CPU-time ones.
Results go to ``benchmarks/results/core_speed.json``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
import distinct_corpus
import measure

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "fr-blinken-lavrov.txt"
MIB = 1 << 20


def check(
    corpus: Path, workdir: Path, jobs: int, output: str = "findings.jsonl"
) -> measure.ChildRun:
    output = workdir / output
    argv = [sys.executable, "-m", "newslint", "check", str(corpus), "--jobs", str(jobs)]
    argv += ["--format", "jsonl", "--output", str(output), "--quiet", "--exit-zero"]
    env = dict(os.environ, NEWSLINT_SPILL_DIR=str(workdir))
    run = measure.run(argv, cwd=workdir, env=env).check()
    run.stdout = str(sum(1 for _ in output.open("rb")))
    return run


def side_by_side(corpus: Path, workdir: Path) -> dict[str, float]:
    """Two ``--jobs 1`` runs at once, on the two halves of ``corpus``: wall time from the
    start of both to the end of the last, and their CPU time."""
    halves = [workdir / "first-half.jsonl", workdir / "second-half.jsonl"]
    with (
        corpus.open("rb") as records,
        halves[0].open("wb") as first,
        halves[1].open("wb") as second,
    ):
        for number, record in enumerate(records):
            (first if number % 2 == 0 else second).write(record)
    start = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda h: check(h, workdir, 1, f"{h.stem}.findings.jsonl"), halves))
    wall = time.perf_counter() - start
    for half in halves:
        half.unlink()
    return {"wall_seconds": wall, "cpu_seconds": sum(r.cpu_seconds for r in runs)}


def figures(run: measure.ChildRun, articles: int) -> dict[str, Any]:
    return {
        "wall_seconds": run.wall_seconds,
        "cpu_seconds": run.cpu_seconds,
        "rate": articles / run.wall_seconds,
        "rate_per_cpu_second": articles / run.cpu_seconds,
        "max_rss_mib": run.max_rss_bytes / MIB,
        "others_cpu_seconds": run.other_cpu_seconds,
        "findings": int(run.stdout or 0),
    }


def measure_all(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    n = args.articles
    given, missing = workdir / "with-lang.jsonl", workdir / "without-lang.jsonl"
    distinct_corpus.write(given, args.shared, n, with_lang=True)
    distinct_corpus.write(missing, args.shared, n, with_lang=False)
    floor_run = measure.run([sys.executable, str(HERE / "floor.py"), str(given)]).check()
    floor = orjson.loads(floor_run.stdout)
    results: dict[str, Any] = {
        "articles": n,
        "floor": {**floor, "rate": n / floor["seconds"], "cpu_seconds": floor_run.cpu_seconds},
        "jobs1": figures(check(given, workdir, 1), n),
        "jobs1_without_lang": figures(check(missing, workdir, 1), n),
        "jobs2": figures(check(given, workdir, 2), n),
        "halves": side_by_side(given, workdir),
    }
    starts = [
        measure.run(
            [sys.executable, "-m", "newslint", "check", str(EXAMPLE), "--exit-zero"], cwd=workdir
        )
        for _ in range(5)
    ]
    results["startup"] = {
        "wall_seconds": statistics.median(r.wall_seconds for r in starts),
        "cpu_seconds": statistics.median(r.cpu_seconds for r in starts),
    }
    results["memory"] = {}
    for size in args.memory_articles:
        corpus = workdir / f"memory-{size}.jsonl"
        distinct_corpus.write(corpus, args.shared, size, with_lang=True)
        results["memory"][size] = figures(check(corpus, workdir, 1), size)
        corpus.unlink()
    return results


def table(results: dict[str, Any]) -> str:
    floor, one, bare, two = (results[k] for k in ("floor", "jobs1", "jobs1_without_lang", "jobs2"))
    halves = results["halves"]
    sizes = sorted(results["memory"], key=int)
    low, high = results["memory"][sizes[0]], results["memory"][sizes[-1]]
    rows = [
        ("`--jobs 1` / floor (wall)", one["rate"] / floor["rate"], ">= 0.20"),
        ("`--jobs 1` / floor (CPU time)", floor["cpu_seconds"] / one["cpu_seconds"], ">= 0.20"),
        ("without `lang` / with (wall)", bare["wall_seconds"] / one["wall_seconds"], "<= 1.25"),
        ("without `lang` / with (CPU time)", bare["cpu_seconds"] / one["cpu_seconds"], "<= 1.25"),
        ("`--jobs 2` / `--jobs 1` (wall)", two["rate"] / one["rate"], ">= 1.8"),
        (
            "two `--jobs 1` on halves, side by side / `--jobs 1` (wall)",
            one["wall_seconds"] / halves["wall_seconds"],
            "the machine's own",
        ),
        (
            "`--jobs 2` / two `--jobs 1` on halves (wall)",
            halves["wall_seconds"] / two["wall_seconds"],
            "",
        ),
        ("start-up on the example, wall seconds", results["startup"]["wall_seconds"], "<= 0.4"),
        ("start-up on the example, CPU seconds", results["startup"]["cpu_seconds"], ""),
        (
            f"peak RSS {sizes[-1]} / {sizes[0]} articles",
            high["max_rss_mib"] / low["max_rss_mib"],
            "flat",
        ),
    ]
    lines = ["| figure | value | target |", "|---|---:|---|"]
    lines += [f"| {name} | {value:.2f} | {target} |" for name, value, target in rows]
    lines.append(
        f"\n{results['articles']:,} articles; floor {floor['rate']:,.0f}/s; "
        f"newslint --jobs 1 {one['rate']:,.0f}/s ({one['cpu_seconds']:.1f} CPU-s), "
        f"without lang {bare['rate']:,.0f}/s, --jobs 2 {two['rate']:,.0f}/s; peak RSS "
        + ", ".join(f"{s}: {results['memory'][s]['max_rss_mib']:.0f} MiB" for s in sizes)
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--memory-articles", default="100000,400000")
    parser.add_argument("--shared", type=Path, default=distinct_corpus.DEFAULT_SHARED)
    parser.add_argument("--output", type=Path, default=HERE / "results" / "core_speed.json")
    args = parser.parse_args(argv)
    args.memory_articles = [int(x) for x in args.memory_articles.split(",")]
    with tempfile.TemporaryDirectory(prefix="newslint-core-") as folder:
        results = measure_all(args, Path(folder))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(
        orjson.dumps(results, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)
    )
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
