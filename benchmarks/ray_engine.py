"""newslint on Ray Data against ``newslint check --jobs N`` on the same corpus and the
same CPUs (not a test: it measures, it never fails on a slow figure).

    python benchmarks/ray_engine.py                   # 100,000 articles, 2 CPUs
    python benchmarks/ray_engine.py --articles 5000   # a quick look

Both runs write their findings as JSON Lines; they must be identical (the Ray files,
sorted by name, against the --jobs report). Ray's rate is given without its start-up
(a local Ray takes seconds to start, once per run, and a cluster is already up), and
with it. Memory is the peak of the process tree (summed PSS, sampled every second: for
Ray that includes its daemons, the actors and the object store pages they map).
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import corpus
import measure
import orjson

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parents[1] / "shared" / "corpus" / "aeb.jsonl"
DEFAULT_RESULTS = HERE / "results" / "ray.json"
MIB = 1024 * 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--cpus", type=int, default=2, help="--jobs N and Ray's CPUs")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_RESULTS)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="newslint-ray-bench-"))
    try:
        results = run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2) + b"\n")
    print(table(results))
    print(f"\nresults: {args.output}")
    return 0


def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    data = corpus.build(corpus.load_records(args.source), workdir / "corpus.jsonl", args.articles)
    _log(f"{data.articles:,} articles in {data.path}")
    local_report = workdir / "jobs.jsonl"
    argv = [sys.executable, "-m", "newslint", "check", str(data.path), "--jobs", str(args.cpus)]
    argv += ["--format", "jsonl", "--output", str(local_report), "--quiet", "--exit-zero"]
    _log(f"newslint check --jobs {args.cpus}")
    local = measure.run(argv, cwd=workdir).check()
    _log(f"  {local.wall_seconds:.1f} s")
    folder = workdir / "ray-findings"
    driver = [sys.executable, str(HERE / "ray_driver.py"), str(data.path), str(folder)]
    _log(f"Ray Data, {args.cpus} CPUs")
    remote = measure.run([*driver, str(args.cpus)], cwd=workdir).check()
    times = orjson.loads(remote.stdout.strip().splitlines()[-1])
    _log(
        f"  {remote.wall_seconds:.1f} s, of which Ray start-up {times['ray_startup_seconds']:.1f} s"
    )
    parts = sorted(folder.glob("part-*.jsonl"))
    ray_facts = _facts(remote, data.articles, times["run_seconds"])
    # wait4 does not see Ray's processes (the driver never waits for them): their CPU
    # time comes from the driver's own count over its process tree.
    ray_facts["cpu_seconds"] = times["run_cpu_seconds"]
    ray_facts["other_cpu_share"] = max(0.0, remote.other_cpu_seconds - times["run_cpu_seconds"]) / (
        remote.wall_seconds * (os.cpu_count() or 1)
    )
    return {
        "articles": data.articles,
        "cpus": args.cpus,
        "machine_cpus": os.cpu_count(),
        "identical_findings": _digest(parts) == _digest([local_report]),
        "findings": sum(1 for p in parts for _ in p.open("rb")),
        "jobs": _facts(local, data.articles, local.wall_seconds),
        "ray": {
            **ray_facts,
            **times,
            "rate_with_startup": data.articles / remote.wall_seconds,
            "files": len(parts),
        },
    }


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _facts(child: measure.ChildRun, articles: int, seconds: float) -> dict[str, Any]:
    return {
        "wall_seconds": child.wall_seconds,
        "rate": articles / seconds,
        "cpu_seconds": child.cpu_seconds,
        "max_rss_bytes": child.max_rss_bytes,
        "tree_pss_peak_bytes": child.tree_rss_peak_bytes,
        "load_before": child.load_before,
        "other_cpu_share": child.other_cpu_seconds / (child.wall_seconds * (os.cpu_count() or 1)),
    }


def table(results: dict[str, Any]) -> str:
    jobs, ray = results["jobs"], results["ray"]
    cpus = results["cpus"]
    rows = [
        "| run | articles/s | articles per CPU-second | peak memory (tree PSS) "
        "| largest process | others' CPU |",
        "|---|---:|---:|---:|---:|---:|",
        _row(f"`newslint check --jobs {cpus}`", jobs["rate"], jobs, results),
        _row(f"Ray Data, {cpus} CPUs, without Ray's start-up", ray["rate"], ray, results),
        _row(f"Ray Data, {cpus} CPUs, with start-up", ray["rate_with_startup"], ray, results),
    ]
    ratio = ray["rate"] / jobs["rate"]
    by_cpu = _per_cpu(ray, results) / _per_cpu(jobs, results)
    rows += [
        "",
        f"{results['articles']:,} articles; Ray start-up {ray['ray_startup_seconds']:.1f} s; "
        f"Ray / --jobs {cpus}: {ratio:.2f} by wall time, {by_cpu:.2f} by CPU time "
        f"(target ≥ 0.75: {'met' if min(ratio, by_cpu) >= 0.75 else 'NOT met'}); "
        f"findings identical: {results['identical_findings']} ({results['findings']:,} in "
        f"{ray['files']} files).",
    ]
    return "\n".join(rows)


def _per_cpu(run: dict[str, Any], results: dict[str, Any]) -> float:
    return float(results["articles"]) / float(run["cpu_seconds"])


def _row(name: str, rate: float, run: dict[str, Any], results: dict[str, Any]) -> str:
    return (
        f"| {name} | {rate:,.0f} | {_per_cpu(run, results):,.0f} "
        f"| {run['tree_pss_peak_bytes'] / MIB:,.0f} MiB "
        f"| {run['max_rss_bytes'] / MIB:,.0f} MiB | {run['other_cpu_share']:.0%} |"
    )


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
