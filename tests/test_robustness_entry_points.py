"""Issue 17: the entry points added since issue 6 (the report, suppression comments, big
records, the corpus stage's workers and spill folder) under hostile use.

Each test is one case of the hostile pass, through the real command line (``cli.main``
in an empty temporary folder, or a child process where memory, signals or resource
limits are involved). The language server's cases are in
``tests/test_robustness_server.py``.
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import children_of, newslint_process, no_traceback
from conftest import run_cli as run

from newslint.config.settings import MAX_RECORD_BYTES

LEAD = (
    "Après une conversation téléphonique entre les chefs des affaires étrangères des "
    "États-Unis et de la Russie, Washington a admis ne pas avoir obtenu les engagements "
    "russes de désamorcer la situation."
)
SECOND = (
    "Les États-Unis ont reconnu mardi qu'ils n'avaient pas réussi à obtenir de la Russie "
    "la promesse de désamorcer immédiatement la situation à la frontière ukrainienne."
)
HASHTAGS = "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes"
DIRTY = f"{LEAD}\n{HASHTAGS}\n{SECOND}\n"  # H001, with a safe fix
CLEAN = f"{LEAD}\n{SECOND}\n"
#: Reading a peak of memory in a child: VmHWM is the child's own (ru_maxrss on Linux
#: keeps the RSS of the pytest process it was forked from).
PEAK_SCRIPT = (
    "import re, sys\n"
    "from newslint.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "sys.stdout.flush()\n"
    "status = open('/proc/self/status').read()\n"
    "print('peak-kib=' + re.search(r'VmHWM:\\s+(\\d+)', status)[1], file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@pytest.fixture(autouse=True)
def plugins(cli_plugins: dict[str, object]) -> dict[str, object]:
    """Built-in plugins, in an empty temporary folder."""
    return cli_plugins


def write_jsonl(path: str | Path, count: int, text: Any = lambda n: DIRTY) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for n in range(1, count + 1):
            out.write(json.dumps({"id": f"a{n}", "lang": "fr", "text": text(n)}) + "\n")


def _cap_address_space() -> None:
    # A run that would read without bound fails with a MemoryError at 4 GiB of address
    # space instead of taking the machine's memory.
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def peak_run(tmp_path: Path, *argv: str) -> tuple[subprocess.CompletedProcess[str], int]:
    """``newslint ARGV`` in a child process in ``tmp_path`` (at most 4 GiB of address
    space): the run and its peak memory in MiB."""
    result = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, *argv],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=600,
        preexec_fn=_cap_address_space,
    )  # fmt: skip
    peak = re.search(r"peak-kib=(\d+)", result.stderr)
    assert peak, result.stderr
    return result, int(peak[1]) // 1024


# ------------------------------------------------------------------ 1, 2. data loss


def test_report_onto_its_own_corpus_is_refused_and_the_corpus_kept(capsys):
    write_jsonl("corpus.jsonl", 3)
    before = Path("corpus.jsonl").read_bytes()
    Path("link.jsonl").symlink_to("corpus.jsonl")
    for output in ("corpus.jsonl", "link.jsonl"):
        code, _, err = run(capsys, "report", "corpus.jsonl", "-o", output, "-q")
        assert code == 2 and f"--output {output}: is one of the inputs of this run" in err
        assert Path("corpus.jsonl").read_bytes() == before
        no_traceback(err)


def test_report_from_a_findings_file_onto_itself_is_refused_and_the_file_kept(capsys):
    write_jsonl("corpus.jsonl", 3)
    code, _, _ = run(capsys, "check", "corpus.jsonl", "--format", "jsonl", "-o", "found.jsonl")
    assert code == 1
    before = Path("found.jsonl").read_bytes()
    for paths in ([], ["corpus.jsonl"]):
        argv = ["report", *paths, "--from", "found.jsonl", "-o", "found.jsonl", "-q"]
        code, _, err = run(capsys, *argv)
        assert code == 2 and "--output found.jsonl: is one of the inputs of this run" in err
        assert Path("found.jsonl").read_bytes() == before
        no_traceback(err)


# -------------------------------------------------------------------- 3. security


def test_a_disable_comment_inside_a_corpus_record_does_not_switch_the_linter_off(capsys):
    """A scraped record that says ``<!-- newslint-disable -->`` is still linted and
    repaired; only ``record-suppressions: true`` lets records carry suppressions."""
    hostile = f"<!-- newslint-disable -->\n{DIRTY}"
    write_jsonl("corpus.jsonl", 2, lambda n: hostile if n == 1 else DIRTY)
    code, out, _ = run(capsys, "check", "corpus.jsonl", "--select", "H001", "--format", "json")
    assert code == 1
    assert [(f["record"], f["code"]) for f in json.loads(out)] == [("a1", "H001"), ("a2", "H001")]

    code, _, err = run(capsys, "clean", "corpus.jsonl", "-o", "clean.jsonl", "--select", "H001")
    assert code == 0, err
    cleaned = [json.loads(line)["text"] for line in Path("clean.jsonl").read_text().splitlines()]
    assert cleaned == [f"<!-- newslint-disable -->\n{CLEAN}", CLEAN]

    Path("newslint.yaml").write_text("record-suppressions: true\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "corpus.jsonl", "--select", "H001", "--format", "json")
    assert [(f["record"], f["code"]) for f in json.loads(out)] == [("a2", "H001")]


# ------------------------------------------------------------ 6, 8, 9, 10. resources


def long_line(characters: int) -> str:
    """One line of French prose with emoji (two UTF-16 units, four bytes) and HTML
    entities (E002 findings all along it)."""
    sentence = "Le ministre 😀 a dit « non » &amp; Lavrov a souri 🇺🇦 après l'appel. "
    return (sentence * (characters // len(sentence) + 1))[:characters].rstrip()


def cpu_seconds_of_check(capsys, *argv: str) -> tuple[float, str]:
    start = time.process_time()
    _code, out, _err = run(capsys, "check", *argv)
    return time.process_time() - start, out


def test_columns_in_utf16_cost_no_more_than_columns_in_characters_on_a_long_line(capsys):
    """The report's columns in UTF-16 units (``--column-unit utf-16``, the ``github``
    format) are counted in one pass over a line, not once per finding: on a line of
    300,000 characters with thousands of findings they cost about what characters do.
    Measured as CPU time in the same process, a ratio, not a time limit."""
    Path("big.txt").write_text(long_line(300_000) + "\n", encoding="utf-8")
    argv = ("big.txt", "--select", "E002", "-q", "--jobs", "1")
    chars, out = cpu_seconds_of_check(capsys, *argv)
    assert out.count(" E002 ") > 4000
    utf16, out16 = cpu_seconds_of_check(capsys, *argv, "--column-unit", "utf-16")
    github, outgh = cpu_seconds_of_check(capsys, *argv, "--format", "github")
    assert len(out16.splitlines()) == len(out.splitlines())
    assert outgh.count("title=E002") == out.count(" E002 ")
    assert utf16 < 3 * chars + 1.0, f"utf-16 {utf16:.1f} s against {chars:.1f} s in characters"
    assert github < 3 * chars + 1.0, f"github {github:.1f} s against {chars:.1f} s"
    last = out.splitlines()[-1]
    last16 = out16.splitlines()[-1]
    line_16 = Path("big.txt").read_text(encoding="utf-8").rstrip("\n")
    column = int(last.split(":")[2])
    assert int(last16.split(":")[2]) == len(line_16[: column - 1].encode("utf-16-le")) // 2 + 1


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its reaper does not)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_kill_9_of_the_parent_ends_its_workers(tmp_path):
    """The parent of a corpus run is killed without a chance to stop its workers (the
    OOM killer, ``kill -9``): each worker watches its parent and ends with it."""
    write_jsonl(tmp_path / "corpus.jsonl", 30_000)
    process = newslint_process(
        "check", "corpus.jsonl", "--select", "C,H001", "--jobs", "2", "-q", "--format", "jsonl",
        "--output", "out.jsonl", cwd=tmp_path, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
        workers = children_of(process.pid)
    assert len(workers) >= 2, "the run did not start its workers"
    process.kill()
    process.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:  # do not leave them to the next tests
        os.kill(pid, signal.SIGKILL)
    assert not left, f"workers {left} outlived their parent"


def test_a_record_past_the_default_limit_is_an_x001_naming_it_and_memory_stays_low(tmp_path):
    """The default ``max-record-bytes`` (5 MB) keeps one record's memory to what a
    machine running a worker per core holds (README, Guarantees: about 100x the record
    in the worst shapes measured); a bigger record is an X001 naming the limit, read
    through without being held, and the next records are read."""
    with open(tmp_path / "corpus.jsonl", "w", encoding="utf-8") as out:
        big = f"{SECOND}\n" * (6_000_000 // len(SECOND.encode()))
        out.write(json.dumps({"id": "big", "lang": "fr", "text": big}) + "\n")
        out.write(json.dumps({"id": "next", "lang": "fr", "text": DIRTY}) + "\n")
    del big
    result, peak_mib = peak_run(
        tmp_path, "check", "corpus.jsonl", "--select", "X,H001", "--jobs", "1", "-q"
    )
    assert result.returncode == 1, result.stderr
    assert re.search(
        r"corpus\.jsonl#1:1:1: X001 record of [67],\d{3},\d{3} bytes, larger than "
        r"max-record-bytes \(5,000,000\)",
        result.stdout,
    ), result.stdout
    assert "corpus.jsonl#2[next]:2:1: H001" in result.stdout
    assert peak_mib < 300, f"peak memory {peak_mib} MiB for a record that is not read"
    assert MAX_RECORD_BYTES == 5_000_000


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "corpus.jsonl", "--baseline", "/dev/zero"],
        ["report", "--from", "/dev/zero", "-o", "report.html"],
        ["report", "corpus.jsonl", "--from", "/dev/zero", "-o", "report.html"],
    ],
    ids=["baseline", "report-from", "report-from-with-corpus"],
)
def test_an_endless_device_as_a_baseline_or_findings_file_is_refused(tmp_path, argv):
    write_jsonl(tmp_path / "corpus.jsonl", 3)
    result, peak_mib = peak_run(tmp_path, *argv)
    assert result.returncode == 2, result.stderr
    assert "/dev/zero" in result.stderr
    assert re.search(r"not a newslint baseline|cannot read findings", result.stderr)
    no_traceback(result.stderr)
    assert peak_mib < 400, f"peak memory {peak_mib} MiB reading /dev/zero"
    assert not (tmp_path / "report.html").exists()


# ------------------------------------------------------------- 11, 12. crashes


def test_a_huge_max_record_bytes_is_exit_2_naming_the_key_and_the_file(capsys):
    write_jsonl("corpus.jsonl", 2)
    Path("newslint.yaml").write_text("max-record-bytes: 99999999999999999999\n")
    code, out, err = run(capsys, "check", "corpus.jsonl")
    assert code == 2 and out == ""
    assert "newslint.yaml: max-record-bytes: expected a whole number from 1 to " in err
    no_traceback(err)


def test_a_pattern_nested_too_deeply_is_refused_by_name_and_the_other_rules_run(capsys):
    depth = 9_990
    pattern = "(" * depth + "a" + ")" * depth
    Path("rules").mkdir()
    Path("rules/deep.yaml").write_text(
        "code: ZZD001\nname: deep\nseverity: warning\nkind: pattern\nmessage: m\ndoc: d\n"
        f'patterns:\n  - "{pattern}"\n',
        encoding="utf-8",
    )
    Path("a.txt").write_text(DIRTY, encoding="utf-8")
    code, out, err = run(capsys, "check", "a.txt", "--rule-path", "rules", "--select", "H001")
    assert code == 2
    assert "deep.yaml" in err and "nested" in err, err
    assert "a.txt:2:1: H001" in out
    no_traceback(err)


# -------------------------------------------------------------- 14-18. wrong answers


def test_report_with_g_selected_and_no_languagetool_is_exit_2_before_any_work(capsys):
    write_jsonl("corpus.jsonl", 3)
    code, _, err = run(
        capsys, "report", "corpus.jsonl", "-o", "report.html", "--select", "G",
        "--languagetool", "http://127.0.0.1:9", "-q",
    )  # fmt: skip
    assert code == 2
    assert "G rules selected, but the LanguageTool server at http://127.0.0.1:9" in err
    assert not Path("report.html").exists()
    no_traceback(err)


def test_enable_with_a_code_after_a_disable_of_every_code_turns_that_code_back_on(capsys):
    Path("a.txt").write_text(
        "<!-- newslint-disable -->\n"
        f"{LEAD} &amp; la suite.\n{HASHTAGS}\n"
        "<!-- newslint-enable E002 -->\n"
        f"{SECOND} &amp; la fin.\n{HASHTAGS}\n",
        encoding="utf-8",
    )
    _code, out, _ = run(capsys, "check", "a.txt", "--select", "E002,H001", "--format", "json")
    assert [(f["line"], f["code"]) for f in json.loads(out)] == [(5, "E002")]


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["--version"]])
def test_help_onto_a_full_standard_output_is_a_clear_error(tmp_path, argv):
    with open("/dev/full", "w") as full:
        process = newslint_process(*argv, cwd=tmp_path, stdout=full)
        _, err = process.communicate(timeout=120)
    assert process.returncode == 2, err
    assert "No space left on device" in err
    no_traceback(err)


def test_clean_writes_an_id_or_site_with_a_lone_surrogate_as_it_was(capsys):
    """An escaped lone surrogate (``"\\ud800"``) in an id or site is written back as the
    same escape, not silently replaced by U+FFFD; the text is linted as before."""
    line = (
        '{"id": "a\\ud800b", "site": "x\\udc00.example", "lang": "fr", '
        f'"text": {json.dumps(DIRTY)}}}\n'
    )
    Path("corpus.jsonl").write_text(line, encoding="utf-8")
    code, _, err = run(capsys, "clean", "corpus.jsonl", "-o", "clean.jsonl", "--select", "H001")
    assert code == 0, err
    written = Path("clean.jsonl").read_text(encoding="utf-8")
    assert "\ufffd" not in written
    record = json.loads(written)
    assert record["id"] == "a\ud800b" and record["site"] == "x\udc00.example"
    assert record["text"] == CLEAN


# ------------------------------------------------------------- 19. the spill folder


def corpus_run(tmp_path: Path, spill: Path, *argv: str, **kwargs: Any) -> Any:
    env = {**os.environ, "NEWSLINT_SPILL_DIR": str(spill)}
    return newslint_process(
        "check", "corpus.jsonl", "--select", "C", "--jobs", "1", "-q", *argv,
        cwd=tmp_path, env=env, **kwargs,
    )  # fmt: skip


def _limit_file_size() -> None:
    # Files this process writes stop at 256 KiB (EFBIG, as a full disk stops them with
    # ENOSPC); SIGXFSZ, which would kill it, is ignored.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 << 10, 256 << 10))


def test_a_full_spill_folder_is_named_with_the_reason(tmp_path):
    write_jsonl(tmp_path / "corpus.jsonl", 3_000, lambda n: f"{LEAD} {n}\n{SECOND} {n}\n")
    spill = tmp_path / "spill"
    spill.mkdir()
    process = corpus_run(tmp_path, spill, preexec_fn=_limit_file_size)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 2, err
    assert "File too large" in err and str(spill) in err and "NEWSLINT_SPILL_DIR" in err, err
    assert "requested and" not in err
    no_traceback(err)
    assert list(spill.iterdir()) == []


def test_a_spill_folder_left_by_a_killed_run_is_removed_by_the_next_run(tmp_path):
    write_jsonl(tmp_path / "corpus.jsonl", 30_000, lambda n: f"{LEAD} {n}\n{SECOND} {n}\n")
    spill = tmp_path / "spill"
    spill.mkdir()
    process = corpus_run(tmp_path, spill, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(spill.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # spilling
    process.kill()
    process.wait(timeout=30)
    [left] = spill.iterdir()
    assert left.name.startswith(f"newslint-corpus-{process.pid}-"), left.name
    mine = spill / "not-newslint"
    mine.mkdir()
    write_jsonl(tmp_path / "corpus.jsonl", 200)
    process = corpus_run(tmp_path, spill, stdout=subprocess.DEVNULL)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 1, err  # the 200 records are exact duplicates: C001
    assert list(spill.iterdir()) == [mine], "a stale spill folder was kept"
