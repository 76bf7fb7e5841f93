"""newslint's throughput and memory benchmark (not a test: it measures, it never fails
on a slow result). See benchmarks/README.md.

    python benchmarks/run.py            # 100,000 articles; memory at 100,000 and 400,000
    python benchmarks/run.py --quick    # a smoke run of about a minute
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import corpus
import datatrove_env
import measure
import orjson
import report

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_RESULTS = HERE / "results" / "latest.json"
QUICK_ARTICLES, QUICK_MEMORY = 2_000, (2_000, 6_000)
CPUS = os.cpu_count() or 1


def _counts(value: str) -> tuple[int, ...]:
    counts = tuple(int(part.replace("_", "")) for part in value.split(",") if part.strip())
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("a comma-separated list of positive counts")
    return counts


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--articles", type=int, default=100_000, help="corpus size for the rates")
    add("--memory-articles", type=_counts, default=(100_000, 400_000), help="e.g. 100000,400000")
    add("--memory-jobs", type=int, default=1, help="--jobs of the memory runs (default 1)")
    add("--quick", action="store_true", help=f"{QUICK_ARTICLES:,} articles, memory at 2k and 6k")
    add("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ folder")
    add("--source", type=Path, help="source JSONL (default SHARED/corpus/aeb.jsonl)")
    add("--datatrove-venv", type=Path, default=datatrove_env.DEFAULT_VENV)
    add("--datatrove-articles", type=int, help="run the trio on the first N articles only")
    add("--skip-datatrove", action="store_true", help="leave the peer out")
    add("--startup-runs", type=int, default=3, help="runs on an empty file (median kept)")
    add("--workdir", type=Path, help="where corpora and reports go (default: a temp folder)")
    add("--keep", action="store_true", help="keep the work folder")
    add("--output", type=Path, default=DEFAULT_RESULTS, help="results JSON")
    add("--report", type=Path, metavar="JSON", help="print the table of a results file, no run")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.report:
        results = orjson.loads(args.report.read_bytes())
        results["targets"] = report.targets(results)
        print(report.table(results))
        return 0
    if args.quick:
        args.articles, args.memory_articles = QUICK_ARTICLES, QUICK_MEMORY
    source = args.source or args.shared / "corpus" / "aeb.jsonl"
    trio_python = None if args.skip_datatrove else datatrove_env.ensure(args.datatrove_venv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="newslint-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        results = Benchmark(args, source, workdir, trio_python).run()
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    _save(results, args.output)
    print(report.table(results))
    print(f"\nresults: {args.output}")
    return 0


class Benchmark:
    """One run: build the corpora, then measure each figure in its own child process."""

    def __init__(
        self, args: argparse.Namespace, source: Path, workdir: Path, trio_python: Path | None
    ) -> None:
        self.args, self.source, self.workdir, self.trio_python = args, source, workdir, trio_python
        self.records = corpus.load_records(source)
        self.corpora: dict[int, corpus.Corpus] = {}
        self.fixed = 0.0  # newslint's start-up on an empty file, once measured

    def run(self) -> dict[str, Any]:
        args = self.args
        results: dict[str, Any] = {"meta": self.meta(), "config": self.config(), "errors": {}}
        package = _newslint_package(self.workdir)
        results["meta"]["newslint_package"] = str(package) if package else None
        digest = _source_digest(package)
        main = self.corpus(args.articles)
        results["corpus"] = {
            "source": str(self.source),
            "articles": main.articles,
            "distinct": main.distinct,
            "bytes": main.bytes,
        }

        def attempt(key: str, step: Callable[[], Any]) -> Any:
            """One measurement; a failure is recorded and the others still run."""
            try:
                results[key] = step()
            except (RuntimeError, OSError, ValueError) as exc:
                _log(f"{key} failed: {exc}")
                results["errors"][key] = str(exc)
            _save(results, self.args.output)  # a long run keeps what it has measured so far
            return results.get(key)

        self.fixed = (attempt("startup", lambda: self.startup(0)) or {}).get("seconds", 0.0)
        attempt("startup_one_article", lambda: self.startup(1))
        attempt("floor", lambda: self.floor(main))
        runs = {}
        for jobs in (1, 2):
            run = attempt(f"newslint_jobs{jobs}", functools.partial(self.newslint, main, jobs))
            if run:
                runs[jobs] = run
        if len(runs) == 2:
            runs[1]["output_identical_to_jobs2"] = (
                runs[1]["output_sha256"] == runs[2]["output_sha256"]
            )
        if self.trio_python and attempt("datatrove", lambda: self.datatrove(main)):
            results["meta"]["datatrove_version"] = results["datatrove"]["datatrove_version"]
        results["memory"] = self.memory(runs, results["errors"])
        results["targets"] = report.targets(results)
        results["meta"]["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
        results["meta"]["source_changed_during_run"] = _source_digest(package) != digest
        return results

    # -- the measurements ------------------------------------------------------------

    def startup(self, articles: int) -> dict[str, Any]:
        """``newslint check`` on an empty file (0) or on one article (1): the fixed costs,
        without and with what the rules load on their first document."""
        path = self.workdir / f"startup-{articles}.jsonl"
        corpus.build(self.records, path, articles)
        output = self.workdir / "findings-startup.jsonl"
        runs = [self.newslint_child(path, 1, output).check() for _ in range(self.args.startup_runs)]
        seconds = statistics.median(run.wall_seconds for run in runs)
        what = "an empty file" if not articles else f"{articles} article"
        _log(f"newslint on {what}: {seconds:.2f} s (median of {len(runs)})")
        return {
            "articles": articles,
            "seconds": seconds,
            "runs": [run.wall_seconds for run in runs],
            "max_rss_bytes": max(run.max_rss_bytes for run in runs),
        }

    def floor(self, main: corpus.Corpus) -> dict[str, Any]:
        _log(f"floor on {main.articles:,} articles")
        child = measure.run([sys.executable, str(HERE / "floor.py"), str(main.path)]).check()
        found = orjson.loads(child.stdout)
        rate = found["records"] / found["seconds"]
        _log(f"  {found['seconds']:.2f} s, {rate:,.0f} articles/s")
        return {**found, **_facts(child), "articles": found["records"], "rate": rate}

    def newslint(self, data: corpus.Corpus, jobs: int) -> dict[str, Any]:
        _log(f"newslint check --jobs {jobs} on {data.articles:,} articles")
        output = self.workdir / f"findings-{data.articles}-jobs{jobs}.jsonl"
        child = self.newslint_child(data.path, jobs, output).check()
        findings, digest = _lines_and_digest(output)
        output.unlink()
        rate = data.articles / child.wall_seconds
        _log(
            f"  {child.wall_seconds:,.1f} s, {rate:,.1f} articles/s, {findings:,} findings, "
            f"peak RSS {child.max_rss_bytes / report.MIB:,.0f} MiB"
        )
        return {
            **_facts(child),
            "articles": data.articles,
            "jobs": jobs,
            "rate": rate,
            "rate_less_startup": data.articles / max(1e-9, child.wall_seconds - self.fixed),
            "findings": findings,
            "output_sha256": digest,
            "rss_curve": _curve(child.rss_samples),
        }

    def newslint_child(self, path: Path, jobs: int, output: Path) -> measure.ChildRun:
        """The real command line, in a child: the installed package of this interpreter.

        The child runs in the work folder so that no newslint.yaml or pyproject.toml of
        the repository changes the default rule set.
        """
        argv = [sys.executable, "-m", "newslint", "check", str(path), "--jobs", str(jobs)]
        argv += ["--format", "jsonl", "--output", str(output), "--quiet", "--exit-zero"]
        return measure.run(argv, cwd=self.workdir)

    def datatrove(self, main: corpus.Corpus) -> dict[str, Any]:
        assert self.trio_python is not None
        limit = self.args.datatrove_articles
        articles = min(limit, main.articles) if limit else main.articles
        _log(f"datatrove trio on {articles:,} articles")
        argv = [str(self.trio_python), str(HERE / "datatrove_trio.py"), str(main.path)]
        if limit:
            argv.append(str(limit))
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONNOUSERSITE": "1"}
        env.pop("PYTHONPATH", None)
        child = measure.run(argv, cwd=self.workdir, env=env).check()
        found = orjson.loads(child.stdout)
        rate = found["records"] / child.wall_seconds
        _log(f"  {child.wall_seconds:,.1f} s, {rate:,.1f} articles/s, kept {found['kept']:,}")
        return {
            **found,
            **_facts(child),
            "articles": found["records"],
            "rate": rate,
            "processing_rate": found["records"] / found["seconds"],
        }

    def memory(
        self, runs: dict[int, dict[str, Any]], errors: dict[str, str]
    ) -> list[dict[str, Any]]:
        """Peak RSS at each corpus size; a throughput run of the same size and jobs counts."""
        jobs, entries = self.args.memory_jobs, []
        for articles in self.args.memory_articles:
            if articles == self.args.articles and jobs in runs:
                entries.append({**runs[jobs], "reused_from": f"--jobs {jobs} throughput"})
                continue
            try:
                entries.append(self.newslint(self.corpus(articles), jobs))
            except (RuntimeError, OSError, ValueError) as exc:
                _log(f"memory at {articles:,} failed: {exc}")
                errors[f"memory_{articles}"] = str(exc)
            finally:
                self.drop_corpus(articles)
        return entries

    # -- corpora and facts -----------------------------------------------------------

    def corpus(self, articles: int) -> corpus.Corpus:
        if articles not in self.corpora:
            target = self.workdir / f"corpus-{articles}.jsonl"
            _log(f"writing {articles:,} articles to {target}")
            self.corpora[articles] = corpus.build(self.records, target, articles)
        return self.corpora[articles]

    def drop_corpus(self, articles: int) -> None:
        if articles != self.args.articles and articles in self.corpora:
            self.corpora.pop(articles).path.unlink(missing_ok=True)

    def config(self) -> dict[str, Any]:
        args = self.args
        return {
            "articles": args.articles,
            "memory_articles": list(args.memory_articles),
            "memory_jobs": args.memory_jobs,
            "quick": args.quick,
            "source": str(self.source),
            "datatrove_articles": args.datatrove_articles,
            "workdir": str(self.workdir),
        }

    def meta(self) -> dict[str, Any]:
        version = subprocess.run(
            [sys.executable, "-m", "newslint", "--version"],
            capture_output=True,
            text=True,
            cwd=self.workdir,
        )
        return {
            "started": time.strftime("%Y-%m-%d %H:%M:%S"),
            "newslint_version": version.stdout.strip().removeprefix("newslint ") or None,
            "git_commit": _git_commit(),
            "repo": str(REPO),
            "python": platform.python_version(),
            "python_executable": sys.executable,
            "cpus": os.cpu_count(),
            "cpu_model": _cpu_model(),
            "memory_bytes": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"),
        }


def _save(results: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2) + b"\n")


def _facts(child: measure.ChildRun) -> dict[str, Any]:
    """What every measured child reports besides its own figures."""
    return {
        "wall_seconds": child.wall_seconds,
        "cpu_seconds": child.cpu_seconds,
        "max_rss_bytes": child.max_rss_bytes,
        "tree_rss_peak_bytes": child.tree_rss_peak_bytes,
        "load_before": child.load_before,
        "other_cpu_seconds": child.other_cpu_seconds,
        "other_cpu_share": child.other_cpu_seconds / (child.wall_seconds * CPUS),
    }


def _newslint_package(cwd: Path) -> Path | None:
    """Where this interpreter imports newslint from: the repository's ``newslint/`` for an
    editable install, site-packages for a snapshot installed with ``pip install .``."""
    done = subprocess.run(
        [sys.executable, "-c", "import newslint; print(newslint.__file__)"],
        capture_output=True,
        text=True,
        cwd=cwd,  # not the repository, whose newslint/ would shadow an installed copy
    )
    return Path(done.stdout.strip()).resolve().parent if done.returncode == 0 else None


def _source_digest(package: Path | None) -> str:
    """A digest of the newslint code and rules that the runs use, to tell whether they
    changed mid-run (the repository's ``rules/`` too, for an editable install)."""
    folders = [package] if package else []
    if package == (REPO / "newslint").resolve():
        folders.append(REPO / "rules")
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".yaml", ".yml"):
                digest.update(str(path.relative_to(folder.parent)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _lines_and_digest(path: Path) -> tuple[int, str]:
    digest, lines = hashlib.sha256(), 0
    with path.open("rb") as report_file:
        for block in iter(lambda: report_file.read(1 << 20), b""):
            digest.update(block)
            lines += block.count(b"\n")
    return lines, digest.hexdigest()


def _curve(samples: list[tuple[float, int]], points: int = 20) -> list[list[float]]:
    """At most ``points`` (seconds, MiB) samples, evenly spread, the last one kept."""
    if not samples:
        return []
    step = max(1, len(samples) // points)
    picked = samples[::step]
    if picked[-1] != samples[-1]:
        picked.append(samples[-1])
    return [[round(t, 1), round(rss / report.MIB, 1)] for t, rss in picked]


def _git_commit() -> str | None:
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return None
    dirty = git("status", "--porcelain", "--", "newslint", "rules", "pyproject.toml")
    return commit + ("+changes" if dirty else "")


def _cpu_model() -> str | None:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
