"""Memory of one big record: the peak of a ``newslint check`` of a corpus holding one
record of a given size and shape, above the peak of the same run on a tiny record.

    python benchmarks/record_memory.py                  # 1 and 5 MB, every shape
    python benchmarks/record_memory.py --sizes 0.5 2    # other sizes, in MB

Each run is a fresh child process (``--jobs 1``, every default rule, rule-timeout 10 s);
its peak is the kernel's high-water mark of its resident memory (``VmHWM``, Linux). The
multiple is (peak - baseline) / record size: what the default ``max-record-bytes``
(5 MB) is chosen against (README, Guarantees). Prints a Markdown table; a benchmark,
not a test: it never fails.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Texts repeated to the size asked: prose as scraped (one paragraph a line, or one
#: line), the worst shapes found (one-letter words, one-letter lines), and CJK.
SHAPES = {
    "prose, one paragraph a line": (
        "Le ministre a dit que la Russie n'a pas l'intention d'envahir l'Ukraine, a "
        "déclaré Blinken mardi.\n",
        "fr",
    ),
    "prose, one line": (
        "The minister said the talks would resume next week, the agency reported. ",
        "en",
    ),
    "one-letter words": ("a ", "en"),
    "one-letter lines": ("a\n", "en"),
    "CJK, one line": ("北京和東京的记者报道了会谈的结果。", "zh"),
}
PEAK = (
    "import re, sys\n"
    "from newslint.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "sys.stdout.flush()\n"
    "status = open('/proc/self/status').read()\n"
    "print('peak-kib=' + re.search(r'VmHWM:\\s+(\\d+)', status)[1], file=sys.stderr)\n"
)


def peak_mib(folder: Path, text: str, lang: str) -> tuple[float, float, int]:
    """(peak MiB, wall seconds, findings) of checking one record of ``text``."""
    corpus = folder / "corpus.jsonl"
    record = {"id": "big", "lang": lang, "text": text}
    corpus.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "newslint.yaml").write_text("max-record-bytes: 100000000\n", encoding="utf-8")
    argv = ["check", "corpus.jsonl", "--jobs", "1", "--format", "jsonl", "-q", "--exit-zero"]
    start = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-c", PEAK, *argv], cwd=folder, capture_output=True, text=True
    )
    seconds = time.monotonic() - start
    found = re.search(r"peak-kib=(\d+)", run.stderr)
    if found is None:
        raise SystemExit(f"the run failed: {run.stderr[-2000:]}")
    return int(found[1]) / 1024, seconds, len(run.stdout.splitlines())


def sized(unit: str, megabytes: float) -> str:
    size = int(megabytes * 1_000_000)
    text = unit * (size // len(unit.encode("utf-8")) + 1)
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1.0, 5.0], help="MB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newslint-record-memory-") as tmp:
        folder = Path(tmp)
        baseline, _, _ = peak_mib(folder, "Le ministre a dit.\n", "fr")
        print(f"baseline (a record of 19 bytes): {baseline:.0f} MiB\n")
        print("| record | size | peak MiB | above baseline | multiple | seconds | findings |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, (unit, lang) in SHAPES.items():
            for megabytes in args.sizes:
                peak, seconds, findings = peak_mib(folder, sized(unit, megabytes), lang)
                above = max(0.0, peak - baseline)
                multiple = above * (1 << 20) / (megabytes * 1_000_000)
                print(
                    f"| {name} | {megabytes:g} MB | {peak:.0f} | {above:.0f} | "
                    f"{multiple:.0f}x | {seconds:.1f} | {findings:,} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
