"""Benchmark of the corpus-wide checks (family C): throughput of ``newslint check`` with
the C rules against the same command without them, and peak memory of the C checks as
the corpus grows (100,000 and 400,000 articles by default). All figures come from one
run; ratios compare measurements of that run.

    python benchmarks/corpus_checks.py              # about 40 minutes on an idle 2-core machine
    python benchmarks/corpus_checks.py --quick      # 2,000 and 8,000 articles: two minutes

Two corpora of each size are built from the 181 shared articles (see corpus.py):

- ``repeated``: record ``i`` is article ``i % 181`` under a new id, as in run.py. Every
  record after the 181st is an exact copy, so C001 fires on nearly all of them.
- ``distinct``: the same, with a record-specific word inserted after every fourth word of
  each line and the record's own site (one of 2,000 hosts). Every text, line and word
  5-shingle is then new, as in a corpus of different articles, so that the LSH bands, the
  line hashes and the signatures all reach their full size in the spill store.

Throughput: ``check CORPUS --jobs 1 --format jsonl --output OUT --quiet --exit-zero``
with the default rules (C included) and with ``--ignore C``; rate = articles / wall time
of the command. Memory: peak RSS (``ru_maxrss`` of the child, from wait4) of
``check --select C --jobs 1`` at each size, so that it is the C checks' own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure
from corpus import build, load_records

HERE = Path(__file__).resolve().parent
MIB = 1 << 20


def build_distinct(records: list[dict[str, object]], target: Path, articles: int) -> Path:
    """Records made different from each other (see the module docstring)."""
    with target.open("wb") as out:
        for i in range(articles):
            record = dict(records[i % len(records)])
            record["id"] = f"{record.get('id', 'article')}-{i}"
            record["url"] = f"https://site{i % 2000}.example/{record['id']}"
            token = _letters(i)  # no digits: lines are compared with numbers masked
            lines = []
            for line in str(record["text"]).split("\n"):
                words = line.split(" ")
                for at in range(len(words) - len(words) % 4, 0, -4):
                    words.insert(at, token)
                lines.append(" ".join(words))
            record["text"] = "\n".join(lines)
            out.write(orjson.dumps(record))
            out.write(b"\n")
    return target


def _letters(number: int) -> str:
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not number:
            return "q" + letters


def check(corpus: Path, workdir: Path, *flags: str) -> measure.ChildRun:
    output = workdir / "findings.jsonl"
    argv = [sys.executable, "-m", "newslint", "check", str(corpus), "--jobs", "1"]
    argv += ["--format", "jsonl", "--output", str(output), "--quiet", "--exit-zero", *flags]
    env = dict(os.environ, NEWSLINT_SPILL_DIR=str(workdir))
    result = measure.run(argv, cwd=workdir, env=env).check()
    result.stdout = str(sum(1 for _ in output.open("rb")))  # findings written
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,400000", help="corpus sizes (articles)")
    parser.add_argument("--quick", action="store_true", help="sizes 2000,8000")
    parser.add_argument(
        "--source", type=Path, default=HERE.parent.parent / "shared/corpus/aeb.jsonl"
    )
    parser.add_argument("--kinds", default="repeated,distinct", help="corpora to build")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "corpus_checks.json")
    args = parser.parse_args(argv)
    sizes = [2000, 8000] if args.quick else [int(s) for s in args.sizes.split(",")]
    records = load_records(args.source)
    results: dict[str, object] = {"machine": platform.node(), "cpus": os.cpu_count(), "runs": []}
    runs: list[dict[str, object]] = results["runs"]  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="newslint-cbench-") as folder:
        workdir = Path(folder)
        for kind in args.kinds.split(","):
            for size in sizes:
                corpus = workdir / f"{kind}-{size}.jsonl"
                if kind == "repeated":
                    build(records, corpus, size)
                else:
                    build_distinct(records, corpus, size)
                row: dict[str, object] = {"kind": kind, "articles": size}
                memory = check(corpus, workdir, "--select", "C")
                row["c_only_seconds"] = memory.wall_seconds
                row["c_only_cpu_seconds"] = memory.cpu_seconds
                row["c_only_peak_rss_mib"] = memory.max_rss_bytes / MIB
                if size == sizes[0]:
                    with_c = check(corpus, workdir)
                    without = check(corpus, workdir, "--ignore", "C")
                    row["rate_with_c"] = size / with_c.wall_seconds
                    row["rate_without_c"] = size / without.wall_seconds
                    row["rate_ratio"] = without.wall_seconds / with_c.wall_seconds
                    row["cpu_ratio"] = without.cpu_seconds / with_c.cpu_seconds
                    row["cpu_with_c"] = with_c.cpu_seconds
                    row["cpu_without_c"] = without.cpu_seconds
                    row["findings_with_c"] = int(with_c.stdout)
                    row["findings_without_c"] = int(without.stdout)
                    row["others_cpu_seconds"] = with_c.other_cpu_seconds + without.other_cpu_seconds
                runs.append(row)
                corpus.unlink()
                print(json.dumps(row), flush=True)
    for kind in args.kinds.split(","):
        rows = [r for r in runs if r["kind"] == kind]
        small, large = rows[0], rows[-1]
        memory_ratio = float(large["c_only_peak_rss_mib"]) / float(small["c_only_peak_rss_mib"])
        print(
            f"{kind}: with C {small['rate_with_c']:.0f} articles/s, without {small['rate_without_c']:.0f}"
            f" (ratio {small['rate_ratio']:.2f}, from CPU time {small['cpu_ratio']:.2f}; target"
            f" >= 0.60); C-only peak RSS "
            f"{small['c_only_peak_rss_mib']:.0f} MiB at {small['articles']:,}, "
            f"{large['c_only_peak_rss_mib']:.0f} MiB at {large['articles']:,} "
            f"(ratio {memory_ratio:.2f}, target <= 2 and <= 2048 MiB)"
        )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
