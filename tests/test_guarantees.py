"""What newslint promises about inputs, outputs, signals, limits and exit codes (README,
"Guarantees"): each case of a hostile week of use, through the command line.

Outputs never replace an input of the run, a folder or a device; FIFOs and devices are
written into; --fix never loses an edit made during the run nor splits hard links; a
worker that dies costs its documents an X900, not the run; SIGTERM leaves no temporary
file and no stray worker; records, rule files and config files have size limits; bad
configuration is exit 2 naming the key and the file.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, children_of, newslint_process, no_traceback
from conftest import rules_plugin as plugin
from conftest import run_cli as run

from newslint import Document, Violation, rule
from newslint.config.safe_yaml import MAX_NODES
from newslint.declarative import kinds
from newslint.running.workers import CHUNK_DOCUMENTS

LEAD = (
    "Après une conversation téléphonique entre les chefs des affaires étrangères des "
    "États-Unis et de la Russie, Washington a admis ne pas avoir obtenu les engagements "
    "russes de désamorcer immédiatement la situation à la frontière ukrainienne."
)
SECOND = (
    "Le secrétaire d'État américain Antony Blinken et le ministre russe des Affaires "
    "étrangères Sergueï Lavrov se sont de nouveau entretenus au téléphone pour tenter de "
    "désamorcer une crise à haut risque."
)
HASHTAGS = "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes"
DIRTY = f"{LEAD}\n{HASHTAGS}\n{SECOND}\n"  # H001, with a safe fix
CLEAN = f"{LEAD}\n{SECOND}\n"


@pytest.fixture(autouse=True)
def plugins(cli_plugins: dict[str, object]) -> dict[str, object]:
    """Built-in plugins plus those a test adds, in an empty temporary folder."""
    return cli_plugins


def write_jsonl(
    path: str, count: int, text: Any = lambda n: DIRTY if n % 3 == 0 else CLEAN
) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for n in range(1, count + 1):
            out.write(json.dumps({"id": f"a{n}", "lang": "fr", "text": text(n)}) + "\n")


# ------------------------------------------------------ 1. outputs never replace an input


def test_check_output_onto_its_own_input_is_refused_and_the_input_kept(capsys):
    Path("a.txt").write_text(DIRTY, encoding="utf-8")
    code, _out, err = run(capsys, "check", "a.txt", "--output", "a.txt")
    assert code == 2 and "--output a.txt: is one of the inputs of this run" in err
    assert Path("a.txt").read_text(encoding="utf-8") == DIRTY
    no_traceback(err)


@pytest.mark.parametrize("option", ["-o", "--rejected"])
def test_clean_outputs_through_a_symlink_to_the_input_are_refused(capsys, option):
    write_jsonl("corpus.jsonl", 3)
    before = Path("corpus.jsonl").read_bytes()
    Path("link.jsonl").symlink_to("corpus.jsonl")
    other = ["--rejected", "bad.jsonl"] if option == "-o" else ["-o", "good.jsonl"]
    code, _, err = run(capsys, "clean", "corpus.jsonl", option, "link.jsonl", *other)
    assert code == 2 and "is one of the inputs of this run" in err
    assert Path("corpus.jsonl").read_bytes() == before
    assert not Path("bad.jsonl").exists() and not Path("good.jsonl").exists()


def test_an_output_inside_a_folder_of_inputs_is_refused_when_it_is_one(capsys):
    Path("data").mkdir()
    write_jsonl("data/b.jsonl", 2)
    before = Path("data/b.jsonl").read_bytes()
    code, _, err = run(capsys, "clean", "data", "-o", "data/b.jsonl")
    assert code == 2 and "data/b.jsonl: is one of the inputs" in err
    assert Path("data/b.jsonl").read_bytes() == before


# ------------------------------------------- 2. devices, FIFOs and folders are not replaced


def test_output_into_a_fifo_streams_the_report_and_keeps_the_fifo(capsys):
    Path("a.txt").write_text(DIRTY, encoding="utf-8")
    os.mkfifo("report.fifo")
    received: list[str] = []
    reader = threading.Thread(
        target=lambda: received.append(Path("report.fifo").read_text(encoding="utf-8"))
    )
    reader.start()
    code, _, err = run(capsys, "check", "a.txt", "--output", "report.fifo")
    reader.join(timeout=30)
    assert code == 1, err
    assert stat.S_ISFIFO(os.stat("report.fifo").st_mode)
    assert "a.txt:2:1: H001" in received[0]
    assert not [p for p in Path().iterdir() if p.name.endswith(".tmp")]


@pytest.mark.may_skip
def test_output_onto_a_character_device_writes_into_it_and_keeps_it(capsys):
    Path("a.txt").write_text(DIRTY, encoding="utf-8")
    try:  # a /dev/null of our own: a bug here must not replace the machine's
        os.mknod("null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    for command in (["check", "a.txt", "--output", "null"], ["clean", "a.txt", "-o", "null"]):
        _code, _, err = (
            run(capsys, *command, "--rejected", "null2")
            if command[0] == "clean"
            else run(capsys, *command)
        )
        no_traceback(err)
        assert stat.S_ISCHR(os.stat("null").st_mode)
        assert os.stat("null").st_rdev == os.makedev(1, 3)


def test_output_to_dev_stdout_in_a_pipe_reaches_the_pipe(tmp_path):
    Path("a.txt").write_text(DIRTY, encoding="utf-8")
    process = newslint_process("check", "a.txt", "--output", "/dev/stdout", cwd=tmp_path)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1, err
    assert "a.txt:2:1: H001" in out
    no_traceback(err)


def test_output_onto_a_folder_is_a_clear_error(capsys):
    Path("a.txt").write_text(DIRTY, encoding="utf-8")
    Path("reports").mkdir()
    code, out, err = run(capsys, "check", "a.txt", "--output", "reports")
    assert code == 2 and "--output reports: is a folder" in err
    assert Path("reports").is_dir() and out == ""
    no_traceback(err)


# ------------------------------------------------------ 3. a CSV quote that never closes


def test_an_unterminated_csv_quote_is_an_x001_and_the_next_rows_are_read(capsys):
    Path("export.csv").write_text(
        "id,text\n"
        f'r1,"{LEAD}"\n'
        f'r2,"{SECOND} and a quote that never closes\n'
        f'r3,"{LEAD}\n{HASHTAGS}"\n'
        f"r4,{SECOND}\n",
        encoding="utf-8",
    )
    _, out, err = run(capsys, "check", "export.csv", "--format", "json", "--select", "X,H001")
    findings = [(f["record_number"], f["record"], f["code"]) for f in json.loads(out)]
    assert findings == [(2, None, "X001"), (3, "r3", "H001")]
    assert "cannot read CSV row 2 (line 3)" in json.loads(out)[0]["message"]
    _code, _, err = run(capsys, "clean", "export.csv", "-o", "clean.jsonl")
    assert "4 records read: 3 written" in err and "1 rejected" in err


# --------------------------------------------------------- 4. --fix never loses an edit


_SAVED: set[str] = set()


@rule(code="ZZE001", name="edits-during-the-run", severity="info")
def edits_during_the_run(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Appends a line to ``edited.txt`` while it is being checked: an editor saving."""
    path = os.path.abspath(doc.path)
    if doc.path.endswith("edited.txt") and path not in _SAVED:
        _SAVED.add(path)
        with open(doc.path, "a", encoding="utf-8") as out:
            out.write("A paragraph saved by the editor.\n")
    return iter(())


def test_fix_keeps_an_edit_made_during_the_run_and_fixes_the_other_files(capsys, plugins):
    plugins["editor"] = plugin(edits_during_the_run)
    Path("edited.txt").write_text(DIRTY, encoding="utf-8")
    Path("other.txt").write_text(DIRTY, encoding="utf-8")
    code, out, err = run(
        capsys, "check", "--fix", "edited.txt", "other.txt", "--select", "H001,X,ZZ"
    )
    assert (
        Path("edited.txt").read_text(encoding="utf-8")
        == DIRTY + "A paragraph saved by the editor.\n"
    )
    assert Path("other.txt").read_text(encoding="utf-8") == CLEAN
    assert "edited.txt:1:1: X004 file not rewritten: it changed on disk during the run" in out
    assert code == 1
    no_traceback(err)


def test_fix_refuses_a_file_with_hard_links_and_keeps_them(capsys):
    Path("a.txt").write_text(DIRTY, encoding="utf-8")
    os.link("a.txt", "b.txt")
    code, out, _err = run(capsys, "check", "--fix", "a.txt")
    assert "a.txt:1:1: X004 file not rewritten: it has 2 hard links" in out
    assert os.stat("a.txt").st_ino == os.stat("b.txt").st_ino
    assert Path("b.txt").read_text(encoding="utf-8") == DIRTY
    assert code == 1


# ------------------------------------------------------------------------ 5. SIGTERM


def test_sigterm_leaves_no_temporary_file_and_no_worker(tmp_path):
    write_jsonl(str(tmp_path / "corpus.jsonl"), 30_000)
    process = newslint_process(
        "check", "corpus.jsonl", "--jobs", "2", "--format", "jsonl", "--output", "out.jsonl",
        cwd=tmp_path,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".out.jsonl.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be terminated"
    time.sleep(1.0)  # the workers are busy
    children = children_of(process.pid)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM
    assert err.strip().endswith("newslint: terminated"), err
    no_traceback(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl"]
    time.sleep(0.5)
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()], (
        "a worker outlived the run"
    )


# ------------------------------------------------------------- 6. a worker that dies


@rule(code="ZZK001", name="kills-its-process", severity="info")
def kills_its_process(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A plugin rule with a fatal bug in C code: its process dies on some documents."""
    if "#exit" in doc.text:
        os._exit(3)
    if "#kill" in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    return iter(())


def test_a_worker_that_dies_costs_its_documents_an_x900_and_the_run_finishes(capsys, plugins):
    plugins["killer"] = plugin(kills_its_process)
    records = 6 * CHUNK_DOCUMENTS
    marked = {150: "#exit", 300: "#kill"}
    write_jsonl("corpus.jsonl", records, lambda n: f"{DIRTY}{marked.get(n, '')}\n")
    timer = threading.Timer(300, lambda: os.kill(os.getpid(), signal.SIGINT))  # a hang guard
    timer.start()
    try:
        code, out, err = run(capsys, "check", "corpus.jsonl", "--jobs", "2", "--format", "json")
    finally:
        timer.cancel()
    findings = json.loads(out)
    lost = [(f["record_number"], f["code"]) for f in findings if f["code"] == "X900"]
    assert lost == [(150, "X900"), (300, "X900")]
    assert "worker process checking this document died" in findings[0]["message"] or any(
        "died" in f["message"] for f in findings if f["code"] == "X900"
    )
    hashtags = {f["record_number"] for f in findings if f["code"] == "H001"}
    assert hashtags == set(range(1, records + 1)) - set(marked)
    assert code == 1
    no_traceback(err)


# ----------------------------------------------------------- 7. a record that is too big


def test_a_record_past_the_size_limit_is_an_x001_and_the_next_records_are_read(capsys):
    Path("newslint.yaml").write_text("max-record-bytes: 2000\n", encoding="utf-8")
    write_jsonl("corpus.jsonl", 3, lambda n: DIRTY * (10 if n == 2 else 1))
    _code, out, _err = run(
        capsys, "check", "corpus.jsonl", "--format", "json", "--select", "X,H001"
    )
    findings = [(f["record_number"], f["code"]) for f in json.loads(out)]
    assert findings == [(1, "H001"), (2, "X001"), (3, "H001")]
    assert "larger than max-record-bytes (2,000)" in json.loads(out)[1]["message"]


def test_a_huge_single_record_in_a_small_gzip_keeps_memory_bounded(tmp_path):
    """600 MB of one JSON string inflated from 600 KB: read through, never held."""
    with gzip.open(tmp_path / "bomb.jsonl.gz", "wb", compresslevel=1) as out:
        out.write(b'{"id": "big", "text": "')
        block = b"a" * (1 << 20)
        for _ in range(600):
            out.write(block)
        out.write(b'"}\n')
        out.write(json.dumps({"id": "next", "lang": "fr", "text": DIRTY}).encode() + b"\n")
    # VmHWM: the peak of this process's own memory; ru_maxrss would count the pytest
    # process it was forked from.
    script = (
        "import re, sys\n"
        "from newslint.cli.main import main\n"
        "code = main(sys.argv[1:])\n"
        "sys.stdout.flush()\n"
        "status = open('/proc/self/status').read()\n"
        "peak = re.search(r'VmHWM:\\s+(\\d+)', status)[1]\n"
        "print('peak-kib=' + peak, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "check", "bomb.jsonl.gz", "--select", "X,H001", "--jobs", "1"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "bomb.jsonl.gz#1[?]" not in result.stdout
    assert re.search(r"bomb\.jsonl\.gz#1:1:1: X001 record of 629,145,\d+ bytes", result.stdout)
    assert "bomb.jsonl.gz#2[next]:2:1: H001" in result.stdout
    peak_mib = int(re.search(r"peak-kib=(\d+)", result.stderr)[1]) // 1024
    assert peak_mib < 400, f"peak memory {peak_mib} MiB for a 600 MB record"


# -------------------------------------------------------------- 8. hostile rule files


def billion_laughs(key: str, levels: int = 9) -> str:
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    body = "\n".join("  " + line for line in lines)
    return f"{key}:\n{body}\n"


RULE_HEAD = "code: ZZB001\nname: bomb\nseverity: warning\nmessage: m\ndoc: d\n"


def test_a_rule_file_with_a_billion_laughs_is_refused_by_name(capsys):
    Path("house").mkdir()
    Path("house/bomb.yaml").write_text(
        RULE_HEAD + "kind: phrase\nphrases: [boom]\n" + billion_laughs("examples"), encoding="utf-8"
    )
    Path("a.txt").write_text(DIRTY, encoding="utf-8")
    code, out, err = run(capsys, "check", "a.txt", "--rule-path", "house")
    assert code == 2
    assert f"house/bomb.yaml: cannot read: more than {MAX_NODES:,} values" in err
    assert "a.txt:2:1: H001" in out  # the other rules ran


def test_a_config_file_with_a_billion_laughs_is_refused_by_name(capsys):
    Path("newslint.yaml").write_text(billion_laughs("dictionary"), encoding="utf-8")
    Path("a.txt").write_text(DIRTY, encoding="utf-8")
    code, _, err = run(capsys, "check", "a.txt")
    assert code == 2 and "newslint.yaml: cannot read: more than" in err


def test_a_rule_file_that_refers_to_itself_is_refused(capsys):
    Path("house").mkdir()
    Path("house/loop.yaml").write_text(
        RULE_HEAD + "kind: phrase\nphrases: [boom]\nexamples: &e {flagged: [*e]}\n",
        encoding="utf-8",
    )
    Path("a.txt").write_text(CLEAN, encoding="utf-8")
    code, _, err = run(capsys, "check", "a.txt", "--rule-path", "house")
    assert code == 2 and "house/loop.yaml: cannot read: an alias refers to the node" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("x" * 3_000_000, "file larger than 2,000,000 bytes"),
        (RULE_HEAD + "kind: pattern\npatterns: [" + "a" * 30_000 + "]\n", "longer than 20,000"),
    ],
)
def test_huge_rule_files_and_patterns_are_refused_by_name(capsys, content, message):
    Path("house").mkdir()
    Path("house/big.yaml").write_text(content, encoding="utf-8")
    Path("a.txt").write_text(CLEAN, encoding="utf-8")
    _code, _, err = run(capsys, "check", "a.txt", "--rule-path", "house")
    assert "house/big.yaml" in err and message in err


def test_patterns_past_their_compile_time_are_refused_by_name(capsys, monkeypatch):
    monkeypatch.setattr(kinds, "PATTERN_COMPILE_SECONDS", 0.05)
    Path("a.txt").write_text(CLEAN, encoding="utf-8")
    words = "|".join(f"w{n:05d}x(?:a|b)+y" for n in range(1_000))
    Path("house").mkdir()
    patterns = "\n".join(f"  - '(?:{words})z{n}'" for n in range(40))
    Path("house/slow.yaml").write_text(
        RULE_HEAD + f"kind: pattern\npatterns:\n{patterns}\n", encoding="utf-8"
    )
    _code, _, err = run(capsys, "check", "a.txt", "--rule-path", "house")
    assert "house/slow.yaml:8: patterns: regular expressions took more than 0.05 s" in err


# ------------------------------------------------ 9, 10. clear errors for what cannot work


@rule(code="ZZW001", name="fixable-line", severity="warning")
def fixable_line(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Flags a line "delete me" with a fix."""
    from newslint.model.finding import Fix

    index = doc.text.find("delete me\n")
    if index >= 0:
        yield Violation(index, index + 9, "line to delete", Fix.delete(index, index + 10, "Delete"))


def test_fix_with_an_unwritable_file_reports_it_and_fixes_the_others(capsys, monkeypatch):
    for name in ("a.txt", "locked/b.txt", "c.txt"):
        Path(name).parent.mkdir(exist_ok=True)
        Path(name).write_text(DIRTY, encoding="utf-8")
    real = tempfile.mkstemp

    def refuse_in_locked(*args: Any, **kwargs: Any) -> Any:
        if Path(kwargs.get("dir", ".")).name == "locked":
            raise PermissionError(13, "Permission denied", str(kwargs["dir"]))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse_in_locked)
    code, out, err = run(capsys, "check", "--fix", "a.txt", "locked/b.txt", "c.txt")
    assert "locked/b.txt:1:1: X004 file not rewritten: Permission denied" in out
    assert Path("a.txt").read_text(encoding="utf-8") == CLEAN
    assert Path("c.txt").read_text(encoding="utf-8") == CLEAN
    assert Path("locked/b.txt").read_text(encoding="utf-8") == DIRTY
    assert code == 1
    no_traceback(err)


def test_an_output_that_cannot_be_created_is_a_clear_error(capsys, monkeypatch):
    Path("a.txt").write_text(DIRTY, encoding="utf-8")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", "report.txt")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, _, err = run(capsys, "check", "a.txt", "--output", "report.txt")
    assert code == 2 and "Permission denied" in err
    no_traceback(err)


def test_a_full_standard_output_is_a_clear_error(tmp_path):
    write_jsonl(str(tmp_path / "corpus.jsonl"), 300)
    with open("/dev/full", "w") as full:
        process = newslint_process("check", "corpus.jsonl", cwd=tmp_path, stdout=full)
        _, err = process.communicate(timeout=120)
    assert process.returncode == 2
    assert "No space left on device" in err
    no_traceback(err)


CONFIG_ERRORS = [
    ("options: {H001: {min_hashtags: three}}", "option min_hashtags of H001: expected an integer"),
    (
        "options: {H001: {min_hashtagz: 3}}",
        "H001 has no option 'min_hashtagz' (did you mean 'min_hashtags'?)",
    ),
    (
        "options: {D002: {min_similarity: -50}}",
        "option min_similarity of D002: -50.0 is below the minimum 0",
    ),
    ("options: {D002: {min_similarity: .inf}}", "expected a finite number"),
    ("options: {Z999: {a: 1}}", "options: no rule Z999"),
    ("options: {H001: [3]}", "options: expected a mapping"),
    ("rule-timeout: 0", "rule-timeout: expected seconds, more than 0"),
    ("rule-timeout: -1", "rule-timeout: expected seconds, more than 0"),
    ("language: [fr]", "language: expected a non-empty string"),
    ("language: 5", "language: expected a non-empty string"),
    ("language: français", "language: 'français' is not a language tag"),
    ("max-record-bytes: 0", "max-record-bytes: expected a whole number from 1 to 2,147,483,647"),
    ("select: [D, 5]", "select: expected a list of strings"),
    ("severity: {D001: loud}", "severity: unknown severity 'loud'"),
    ("languagetool-optional: maybe", "languagetool-optional: expected true or false"),
]


@pytest.mark.parametrize(("config", "message"), CONFIG_ERRORS)
def test_a_bad_config_value_is_exit_2_naming_the_key_and_the_file(capsys, config, message):
    Path("newslint.yaml").write_text(config + "\n", encoding="utf-8")
    Path("a.txt").write_text(DIRTY, encoding="utf-8")
    code, out, err = run(capsys, "check", "a.txt")
    assert (code, out) == (2, "")
    assert "newslint.yaml: " in err and message in err, err
    no_traceback(err)


def test_a_bad_config_value_in_pyproject_names_the_file(capsys):
    Path("pyproject.toml").write_text("[tool.newslint]\nlanguage = 5\n", encoding="utf-8")
    Path("a.txt").write_text(DIRTY, encoding="utf-8")
    code, _, err = run(capsys, "check", "a.txt")
    assert code == 2 and "pyproject.toml: language: expected a non-empty string, got 5" in err


RULE_FILE_ERRORS = [
    ("examples: [1, 2]", "examples: expected a mapping with the keys flagged and clean"),
    ("examples: {flagged: {fr: boom}}", "examples: flagged: expected a list of strings"),
    ("ignore-case: 'no'", "ignore-case: expected true or false, got 'no'"),
    ("enabled: maybe", "enabled: expected true or false, got 'maybe'"),
    ("message: [m]", "message: expected a non-empty string"),
]


@pytest.mark.parametrize(("line", "message"), RULE_FILE_ERRORS)
def test_a_rule_file_of_the_wrong_shape_is_named_and_the_run_goes_on(capsys, line, message):
    Path("house").mkdir()
    head = RULE_HEAD.replace("message: m\n", "") if line.startswith("message") else RULE_HEAD
    Path("house/r.yaml").write_text(
        head + "kind: phrase\nphrases: [boom]\n" + line + "\n", encoding="utf-8"
    )
    Path("a.txt").write_text(DIRTY, encoding="utf-8")
    code, out, err = run(capsys, "check", "a.txt", "--rule-path", "house")
    assert code == 2 and "house/r.yaml:" in err and message in err, err
    assert "a.txt:2:1: H001" in out
    no_traceback(err)


# --------------------------------------- 11. newslint's own findings obey the selection


@rule(code="ZZC001", name="crashes", severity="warning")
def crashes(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Always crashes: a plugin bug."""
    raise RuntimeError("plugin bug")


def test_x900_follows_ignore_and_severity_like_any_rule(capsys, plugins):
    plugins["crashing"] = plugin(crashes)
    Path("a.txt").write_text(CLEAN, encoding="utf-8")
    code, out, _ = run(capsys, "check", "a.txt", "--format", "json")
    assert [(f["code"], f["severity"]) for f in json.loads(out)] == [("X900", "error")]
    assert code == 1
    code, out, _ = run(capsys, "check", "a.txt", "--format", "json", "--ignore", "X900")
    assert (code, json.loads(out)) == (0, [])
    Path("newslint.yaml").write_text("severity: {X900: info}\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "a.txt", "--format", "json")
    assert [(f["code"], f["severity"]) for f in json.loads(out)] == [("X900", "info")]
    assert code == 0


# ---------------------------------------------------- 13. no silent skip under .ci/run


def test_a_skip_fails_under_newslint_ci_unless_marked_may_skip(tmp_path):
    (tmp_path / "test_skips.py").write_text(
        textwrap.dedent(
            """
            import pytest

            def test_needs_a_tool():
                pytest.skip("the tool is missing")

            @pytest.mark.may_skip
            def test_cannot_run_as_root():
                pytest.skip("root reads any file")
            """
        ),
        encoding="utf-8",
    )
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "ci_skips",
        "-p",
        "no:cacheprovider",
        "-rs",
        "test_skips.py",
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO / "tests")}
    strict = subprocess.run(
        command, cwd=tmp_path, env={**env, "NEWSLINT_CI": "1"}, capture_output=True, text=True
    )
    assert strict.returncode == 1
    assert "1 failed, 1 skipped" in strict.stdout
    assert "NEWSLINT_CI=1 forbids skips" in strict.stdout and "the tool is missing" in strict.stdout
    lenient = subprocess.run(
        command, cwd=tmp_path, env={**env, "NEWSLINT_CI": "0"}, capture_output=True, text=True
    )
    assert lenient.returncode == 0 and "2 skipped" in lenient.stdout
    assert re.search(r"SKIPPED \[1\] test_skips.py:\d+: the tool is missing", lenient.stdout)


# --------------------------------------------------------- 14. records of odd JSON


def test_an_escaped_lone_surrogate_is_replaced_and_linted(capsys):
    Path("corpus.jsonl").write_text(
        '{"id": "s1", "lang": "fr", "text": "Moscou \\ud800 dément.\\n' + HASHTAGS + '"}\n',
        encoding="utf-8",
    )
    _code, out, _ = run(
        capsys, "check", "corpus.jsonl", "--format", "json", "--select", "E006,X,H001"
    )
    assert [(f["code"], f["line"], f["column"]) for f in json.loads(out)] == [
        ("E006", 1, 8),
        ("H001", 2, 1),
    ]


def test_rejected_records_that_are_not_json_name_their_record_number(capsys):
    Path("corpus.jsonl").write_text(
        '{"id": "a1", "text": "Moscou dément."}\n{not json\n[1, 2]\n', encoding="utf-8"
    )
    run(capsys, "clean", "corpus.jsonl", "-o", "out.jsonl")
    rejected = [json.loads(line) for line in Path("out.rejected.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rejected] == ["corpus.jsonl#2", "corpus.jsonl#3"]
    assert [r["record_number"] for r in rejected] == [2, 3]
