"""The Ray Data engine (``--engine ray``): the findings and cleaned records of
``newslint check --jobs 1`` and ``newslint clean``, through Ray readers, actors and
writers, on one local Ray of 2 CPUs shared by the session (``local_ray``)."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest
import zstandard
from conftest import RAY_WORKER_PLUGINS_DIR, SHARED, import_extra
from conftest import run_cli as run

from newslint.checking.checker import Checker

CORPUS = SHARED / "corpus" / "aeb.jsonl"


def articles(count: int, start: int = 0) -> list[dict[str, Any]]:
    with CORPUS.open("rb") as lines:
        records = [orjson.loads(line) for line in lines if line.strip()]
    return records[start : start + count]


def jsonl(*records: dict[str, Any] | str) -> bytes:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, aeb_corpus: Path) -> Path:
    """A folder of every input kind the engine reads, with broken records: JSONL with a
    blank line, invalid JSON, a non-object and a record without text; gzip; a truncated
    zstd file; Parquet with a null text."""
    folder = tmp_path_factory.mktemp("ray-corpus")
    first = articles(4)
    broken = ['{"id": "cut", "text": "no end', "[1, 2]", json.dumps({"id": "empty"})]
    (folder / "a.jsonl").write_bytes(jsonl(first[0], first[1], "", *broken, first[2], first[3]))
    (folder / "b.jsonl.gz").write_bytes(gzip.compress(jsonl(*articles(3, 4))))
    whole = zstandard.ZstdCompressor().compress(jsonl(*articles(3, 7)))
    (folder / "c.jsonl.zst").write_bytes(whole[: len(whole) * 2 // 3])
    pq = pytest.importorskip("pyarrow.parquet")
    rows = [*articles(3, 10), {"id": "null-text", "text": None}]
    pq.write_table(_table(rows), folder / "d.parquet")
    return folder


def _table(rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    return pa.Table.from_pylist(rows)


@pytest.fixture
def ray_cli(local_ray: Any, cli_plugins: dict[str, object]) -> None:
    """``newslint`` in process, in an empty folder, with the session's Ray."""


def test_check_on_ray_reports_exactly_what_jobs_1_reports(ray_cli, corpus, capsys):
    expected = run(capsys, "check", str(corpus), "--jobs", "1")
    got = run(capsys, "check", str(corpus), "--engine", "ray", "-j", "1")
    assert got[:2] == expected[:2]
    assert "X001" in got[1] and "d.parquet#4[null-text]" in got[1] and "c.jsonl.zst#" in got[1]
    assert "a.jsonl#4:1:1: X001 invalid JSON" in got[1]  # numbers count the blank line


def test_findings_files_sorted_by_name_hold_the_jsonl_report(ray_cli, corpus, capsys, tmp_path):
    code, expected, _ = run(capsys, "check", str(corpus), "--jobs", "1", "--format", "jsonl")
    output = tmp_path / "findings"
    assert (
        run(capsys, "check", str(corpus), "--engine", "ray", "-j", "1", "-o", str(output))[0]
        == code
    )
    parts = sorted(output.glob("part-*.jsonl"))
    assert parts and (output / "_SUCCESS").exists()
    assert b"".join(p.read_bytes() for p in parts).decode() == expected


def test_an_output_folder_that_holds_files_is_refused_before_the_run(ray_cli, corpus, capsys):
    Path("findings").mkdir()
    Path("findings", "old.jsonl").write_text("{}\n")
    code, _, err = run(capsys, "check", str(corpus), "--engine", "ray", "-o", "findings")
    assert code == 2 and "findings: folder is not empty" in err
    assert sorted(p.name for p in Path("findings").iterdir()) == ["old.jsonl"]


def test_clean_on_ray_writes_what_clean_writes(ray_cli, corpus, capsys, tmp_path):
    local = run(capsys, "clean", str(corpus), "-o", str(tmp_path / "clean.jsonl"), "-j", "1")
    code, _, err = run(capsys, "clean", str(corpus), "--engine", "ray", "-j", "1", "-o", "out")
    assert (code, local[0]) == (0, 0)
    for folder, file in (("out", "clean.jsonl"), ("out.rejected", "clean.rejected.jsonl")):
        parts = sorted(Path(folder).glob("part-*.jsonl"))
        assert b"".join(p.read_bytes() for p in parts) == (tmp_path / file).read_bytes()
    assert err.splitlines()[-1] == local[2].splitlines()[-1].replace(
        str(tmp_path / "clean.jsonl"), "out"
    ).replace(str(tmp_path / "clean.rejected.jsonl"), "out.rejected")


def test_clean_on_ray_applies_the_corpus_rules_as_clean_does(ray_cli, capsys, tmp_path):
    # Copies and a site's template line: C003's deletion and --drop-duplicates.
    newsletter = "Sign up for our morning newsletter to get the day's top stories first."
    records = [
        {**r, "url": f"https://news.example.org/{n}", "text": f"{r['text']}\n{newsletter}"}
        for n, r in enumerate(articles(6, 30))
    ]
    copy = {**records[1], "id": "copy", "url": "https://mirror.example.net/copy"}
    corpus = tmp_path / "site.jsonl"
    corpus.write_bytes(jsonl(*records, copy))
    args = ("clean", str(corpus), "--drop-duplicates", "-j", "1")
    assert run(capsys, *args, "-o", str(tmp_path / "clean.jsonl"))[0] == 0
    assert run(capsys, *args, "--engine", "ray", "-o", "out")[0] == 0
    for folder, file in (("out", "clean.jsonl"), ("out.rejected", "clean.rejected.jsonl")):
        parts = sorted(Path(folder).glob("part-*.jsonl"))
        assert b"".join(p.read_bytes() for p in parts) == (tmp_path / file).read_bytes()
    kept = [json.loads(line) for line in (tmp_path / "clean.jsonl").read_text().splitlines()]
    assert len(kept) == 6 and not any(newsletter in r["text"] for r in kept)
    [rejected] = [json.loads(line) for line in (tmp_path / "clean.rejected.jsonl").open()]
    assert rejected["id"] == "copy"


def test_clean_on_ray_writes_parquet(ray_cli, corpus, capsys, tmp_path):
    pq = import_extra("pyarrow.parquet", "ray")
    run(capsys, "clean", str(corpus / "a.jsonl"), "-o", str(tmp_path / "c.jsonl"), "-j", "1")
    args = ("clean", str(corpus / "a.jsonl"), "--engine", "ray", "-j", "1", "-o", "out", "--format")
    assert run(capsys, *args, "parquet")[0] == 0
    kept = [row for p in sorted(Path("out").glob("*.parquet")) for row in _rows(pq, p)]
    assert kept == [json.loads(line) for line in (tmp_path / "c.jsonl").read_text().splitlines()]


def _rows(pq: Any, path: Path) -> list[dict[str, Any]]:
    return pq.read_table(path).to_pylist()  # type: ignore[no-any-return]


def test_inputs_on_a_pyarrow_filesystem_and_findings_as_parquet_at_a_uri(
    ray_cli, corpus, capsys, tmp_path, monkeypatch
):
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    from newslint.running import ray as newslint_ray

    monkeypatch.chdir(corpus)
    _, expected, _ = run(capsys, "check", "a.jsonl", "--jobs", "1", "--format", "jsonl")
    filesystem = pafs.SubTreeFileSystem(str(corpus), pafs.LocalFileSystem())
    output = f"file://{tmp_path}/findings"
    totals = newslint_ray.check(
        Checker(), ["a.jsonl"], output, format="parquet", filesystem=filesystem, jobs=1
    )
    rows = [r for p in sorted((tmp_path / "findings").glob("*.parquet")) for r in _rows(pq, p)]
    assert rows == [json.loads(line) for line in expected.splitlines()]
    assert (totals.documents, sum(totals.by_severity().values())) == (7, len(rows))


def test_a_record_that_crashes_a_rule_or_kills_its_worker_gets_x900(
    local_ray, aeb_corpus, tmp_path
):
    from newslint.running import ray as newslint_ray

    markers = _markers()
    path = tmp_path / "hazards.jsonl"
    first, second = articles(2, 20)
    path.write_bytes(
        jsonl(
            first,
            {"id": "raises", "text": f"A short text. {markers['RAISE_MARKER']}."},
            {"id": "exits", "text": f"A short text. {markers['EXIT_MARKER']}."},
            second,
        )
    )
    checker = Checker()
    with newslint_ray.Run(checker, [str(path)]) as ray_run:
        findings = list(newslint_ray.iter_findings(ray_run))
    internal = [(f.record_number, f.code) for f in findings if f.code.startswith("X")]
    assert internal == [(2, "X900"), (3, "X900")]
    messages = {f.record_number: f.message for f in findings if f.code == "X900"}
    assert "ZZH001" in messages[2] or "raising-rule" in messages[2]
    assert "worker" in messages[3] and "died" in messages[3]
    expected = [
        (n, f.code, f.line, f.column)
        for n, record in ((1, first), (4, second))
        for f in checker.check(record["text"], lang=record.get("lang"), title=record.get("title"))
    ]
    got = [
        (f.record_number, f.code, f.line, f.column) for f in findings if f.record_number in (1, 4)
    ]
    assert got == expected


def test_a_run_that_cannot_finish_says_which_input_failed(local_ray, tmp_path):
    from newslint.running import ray as newslint_ray

    path = tmp_path / "k.jsonl"
    path.write_bytes(jsonl({"id": "exits", "text": f"Text. {_markers()['EXIT_MARKER']}."}))
    ray_run = newslint_ray.Run(Checker(), [str(path)], attempts=1)
    with ray_run, pytest.raises(newslint_ray.RunFailed) as failed:
        list(newslint_ray.iter_findings(ray_run))
    assert f"{path} records 1-1" in str(failed.value)


def _markers() -> dict[str, str]:
    source = (RAY_WORKER_PLUGINS_DIR / "newslint_hazards.py").read_text()
    namespace: dict[str, str] = {}
    for line in source.splitlines():
        if line.endswith('_MARKER"') or "_MARKER = " in line:
            name, value = line.split(" = ")
            namespace[name] = value.strip('"')
    return namespace


@pytest.fixture
def ray_engine() -> Any:
    import_extra("ray", "ray")
    from newslint.running import ray as newslint_ray

    return newslint_ray


def test_inputs_are_listed_as_newslint_check_walks_them(ray_engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("b/2.jsonl.zst", "b/1.parquet", "a.jsonl", "notes.txt", "b/table.csv"):
        Path(name).parent.mkdir(exist_ok=True)
        Path(name).write_bytes(b"")
    inputs = ray_engine.list_inputs([".", "gone.jsonl"])
    assert [f.display for f in inputs.files] == ["./a.jsonl", "./b/1.parquet", "./b/2.jsonl.zst"]
    assert inputs.files[0].native == str(tmp_path / "a.jsonl")
    assert inputs.missing == ("gone.jsonl",)
    uris = ray_engine.list_inputs([f"file://{tmp_path}/b"])
    assert [f.display for f in uris.files] == [
        f"file://{tmp_path}/b/1.parquet",
        f"file://{tmp_path}/b/2.jsonl.zst",
    ]


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        (["notes.txt"], "notes.txt: the Ray engine reads JSONL"),
        (["-"], "not standard input"),
        (["a.jsonl", "s3://bucket/b.jsonl"], "one run reads from one filesystem"),
    ],
)
def test_inputs_the_ray_engine_cannot_read_are_refused(
    ray_engine, tmp_path, monkeypatch, paths, message
):
    monkeypatch.chdir(tmp_path)
    Path("notes.txt").write_text("text")
    with pytest.raises(ray_engine.InputError, match=message):
        ray_engine.list_inputs(paths)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "x.jsonl", "--engine", "ray", "--fix"], "--fix runs on this machine only"),
        (["check", "x.jsonl", "--engine", "ray", "--baseline", "b.json"], "--baseline runs on"),
        (
            ["check", "x.jsonl", "--engine", "ray", "-o", "out", "--format", "sarif"],
            "--format jsonl or",
        ),
        (["check", "x.jsonl", "-o", "s3://bucket/findings"], "URIs are for --engine ray"),
        (
            ["clean", "x.jsonl", "-o", "out.jsonl", "--format", "parquet"],
            "Parquet with --engine ray",
        ),
    ],
)
def test_options_the_engine_cannot_honour_are_usage_errors(
    ray_engine, cli_plugins, capsys, argv, message
):
    Path("x.jsonl").write_text('{"text": "Un texte."}\n')
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err


def test_a_ray_shutdown_that_blocks_is_ended_by_stopping_the_local_ray(monkeypatch):
    """Ray's shutdown can wait for good on a GCS server that does not answer: ``stop``
    kills the Ray processes this process started, which ends the wait."""
    import subprocess
    import sys
    import time

    ray = import_extra("ray", "ray")
    from newslint.running.ray import run as ray_run

    gcs = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", "fake-ray-gcs"])

    def blocked_shutdown(*args: Any, **kwargs: Any) -> None:
        while gcs.poll() is None:  # the RPC fails once its server is gone
            time.sleep(0.02)

    monkeypatch.setattr(ray, "shutdown", blocked_shutdown)
    started = time.monotonic()
    assert ray_run.stop(timeout=0.5) is True
    assert gcs.wait(timeout=5) != 0
    assert time.monotonic() - started < 30  # a guard against a hang, not a timing test


# --- what a person at a terminal sees of a run


def test_a_local_run_prints_no_error_line(tmp_path, aeb_corpus):
    """A normal ``--engine ray`` run, as a separate program with its own local Ray: its
    standard error holds no error line (Ray's core logs one per actor, about restarts
    and the object store, that concerns nothing the user did: newslint drops it)."""
    import_extra("ray", "ray")
    (tmp_path / "news.jsonl").write_bytes(jsonl(*articles(20)))
    done = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "news.jsonl", "--engine", "ray", "--jobs", "2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "RAY_USAGE_STATS_ENABLED": "0"},
    )
    assert done.returncode == 1, done.stderr[-3000:]
    assert done.stdout.splitlines()[-2].endswith("in 20 documents.")
    errors = [
        line
        for line in done.stderr.splitlines()
        if re.match(r"\[[\d-]+ [\d:,.]+ E \d+ \d+\]", line)
        or "ERROR" in line
        or "Traceback" in line
    ]
    assert errors == [], done.stderr[-3000:]
    assert "core_worker.cc" not in done.stderr
