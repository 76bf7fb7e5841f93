"""The progress bar, as a person sees it: ``newslint check`` run on a pseudo-terminal
whose size was never set (as under ``script`` or a CI runner's pty), its output played
on a small terminal model. The bar has a total (bytes of input) and an ETA, ends at
100%, is gone before the summary, and never shares a line with a finding."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newslint.config.settings import Settings
from newslint.io.readers import jsonl
from newslint.model.document import Document

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "aeb.jsonl"
FINDING_LINE = re.compile(r"^\S+#\d+(\[[^\]]*\])?:\d+:\d+: [A-Z]+\d{3} .+$")


def screen(output: str) -> list[str]:
    """The lines a terminal shows after ``output``: a carriage return goes back to the
    start of the line, and what follows overwrites it character by character."""
    lines: list[str] = []
    for raw in output.replace("\r\n", "\n").split("\n"):
        cells: list[str] = []
        column = 0
        for part_index, part in enumerate(raw.split("\r")):
            if part_index:
                column = 0
            for char in part:
                if column < len(cells):
                    cells[column] = char
                else:
                    cells.append(char)
                column += 1
        lines.append("".join(cells).rstrip())
    return lines


def run_on_a_pty(argv: list[str], cwd: Path, timeout: float = 300) -> tuple[int, str]:
    """``newslint ARGV`` with stdout and stderr on a fresh pseudo-terminal of size 0 x 0:
    (exit code, everything written to the terminal)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "newslint", *argv],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        cwd=cwd,
        env={k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")},
    )
    os.close(follower)
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 1 << 16)
        except OSError:  # the other side closed: the program ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=30), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The shared corpus four times over: long enough for the bar to be redrawn."""
    if not SHARED_CORPUS.exists():
        pytest.skip("needs ../shared/corpus")
    path = tmp_path_factory.mktemp("progress") / "corpus.jsonl"
    path.write_bytes(SHARED_CORPUS.read_bytes() * 4)
    return path


def test_the_bar_has_a_total_and_an_eta_and_is_gone_before_the_summary(corpus):
    code, output = run_on_a_pty(
        ["check", corpus.name, "--select", "T", "--ignore", "C", "--jobs", "1", "--exit-zero"],
        corpus.parent,
    )
    assert code == 0, output
    size = corpus.stat().st_size
    # the bar counts bytes against the file's size, with an ETA and the documents done
    bars = re.findall(r"(\d+)%\|[^|]*\| ([\d.]+[kMG]?)/([\d.]+[kMG]?) \[[\d:]+<([\d:?]+), ", output)
    assert bars, output[-2000:]
    assert {total for *_, total, _ in bars} == {f"{size / 1024 / 1024:.2f}M"}
    assert any(eta != "?" for *_, eta in bars)
    assert re.search(r", \d+ docs\]", output)
    assert bars[-1][0] == "100"  # completed, not stopped short
    lines = [line for line in screen(output) if line]
    *findings, summary = lines
    assert re.fullmatch(r"Found \d+ findings \(.*\) in 724 documents\.", summary), lines[-3:]
    assert findings and all(FINDING_LINE.match(line) for line in findings), [
        line for line in findings if not FINDING_LINE.match(line)
    ][:3]


def test_no_bar_in_a_pipe_or_with_quiet(corpus):
    piped = subprocess.run(
        [sys.executable, "-m", "newslint", "check", str(corpus), "--select", "T001", "-j", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "%|" not in piped.stderr
    _, output = run_on_a_pty(["check", corpus.name, "--select", "T001", "-q"], corpus.parent)
    assert "%|" not in output


def test_positions_follow_the_bytes_read_of_a_jsonl_file(tmp_path):
    from newslint.running.progress import Progress

    path = tmp_path / "news.jsonl"
    records = [{"id": str(n), "text": f"Article {n}. " * (n + 1)} for n in range(3000)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    progress = Progress([str(path)])
    documents = list(progress.reading(jsonl.read_jsonl(str(path), Settings())))
    positions = list(progress.positions)
    assert len(documents) == len(positions) == 3000
    assert positions == sorted(positions)
    assert positions[-1] == path.stat().st_size
    assert positions[0] < path.stat().st_size / 10  # read in chunks, not all at once


def test_parquet_positions_are_rows_against_the_row_count(tmp_path):
    from newslint.running.progress import Progress

    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    path = tmp_path / "news.parquet"
    pq.write_table(pa.table({"text": [f"Article {n}." for n in range(100)]}), path)
    progress = Progress([str(path)])
    documents = [Document("x", str(path), record_number=row) for row in (1, 50, 100)]
    list(progress.reading(documents))
    size = path.stat().st_size
    assert list(progress.positions) == [size // 100, size // 2, size]
    assert progress.records == 100  # a Parquet file's row count is in its footer


def test_standard_input_counts_documents():
    from newslint.running.progress import Progress

    progress = Progress(["-"])
    assert not progress.by_bytes and progress.total is None


def test_the_corpus_checks_say_what_they_kept_on_a_line_of_their_own(corpus):
    code, output = run_on_a_pty(
        ["check", corpus.name, "--select", "T001,C003", "--jobs", "1", "--exit-zero"], corpus.parent
    )
    assert code == 0, output
    lines = [line for line in screen(output) if line]
    said = [line for line in lines if "corpus checks" in line]
    assert len(said) == 1 and said[0].startswith("newslint: corpus checks over 724 documents")
    assert "%|" not in said[0]
    assert lines[-1].endswith(" in 724 documents.")
