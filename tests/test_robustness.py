"""Issue 6: bad input never kills a run, never loses data, never hangs.

Through the real command line (``cli.main`` in an empty temporary folder, or a child
process where memory is measured): every kind of bad input gives a clear X finding or
message while the good inputs of the same run are still linted; plugin rules that hang
or crash and catastrophic user patterns are stopped for one document (X003, X900); the
baseline survives lines and records added above; and hypothesis feeds arbitrary text to
every default rule and arbitrary bytes to the JSONL reader.

Already covered elsewhere, and not repeated here: the decoding of each BOM and the
folder walk (tests/test_readers.py), each kind of bad record, truncated or corrupt
archives and Parquet row groups (tests/test_corpus_readers.py), the engine's crash
isolation on documents (tests/test_engine.py), the loader's validation messages and the
time bound on one pattern (tests/test_yaml_rules.py), a crashing rule over a large
corpus with ``--jobs 1`` and ``--jobs 2`` (tests/test_workers.py).
"""

from __future__ import annotations

import bisect
import builtins
import codecs
import errno
import gc
import gzip
import io
import json
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import rules_plugin as plugin
from conftest import run_cli as run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint import Checker, Document, Violation, rule
from newslint.checking.engine import run_rule
from newslint.config.selection import Registry
from newslint.config.settings import Settings
from newslint.declarative import kinds
from newslint.model.finding import Finding
from newslint.plugins import plugin_manager
from newslint.running import workers
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
THIRD = (
    "La Russie dément toute intention belliqueuse, mais conditionne toute désescalade à des "
    "garanties pour sa sécurité."
)
HASHTAGS = "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes"
H001_MESSAGE = "line of 4 hashtags, not article text"
#: H001 on line 2
WITH_HASHTAGS = f"{LEAD}\n{HASHTAGS}\n{SECOND}\n"
#: D001 on line 3
WITH_REPEAT = f"{LEAD}\n{SECOND}\n{LEAD}\n"
CLEAN = f"{SECOND}\n{THIRD}\n"
SELECT = "D001,H001,X"


@pytest.fixture(autouse=True)
def plugins(cli_plugins: dict[str, object]) -> dict[str, object]:
    """Built-in plugins plus those a test adds, in an empty temporary folder."""
    return cli_plugins


def run_json(capsys, *argv: str) -> tuple[int, list[dict[str, Any]], str]:
    code, out, err = run(capsys, "check", "--format", "json", *argv)
    assert "Traceback" not in err and "internal error" not in err, err
    return code, json.loads(out), err


def jsonl_bytes(*records: object) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def by_path(findings: list[dict[str, Any]]) -> dict[str, list[tuple[Any, ...]]]:
    """(record_number, code, line, column) of the findings of each path, in order."""
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for f in findings:
        grouped.setdefault(f["path"], []).append(
            (f["record_number"], f["code"], f["line"], f["column"])
        )
    return grouped


# ------------------------------------------------------------------ bad inputs, one run


def truncated_gzip(records: int) -> bytes:
    data = jsonl_bytes(
        *({"id": f"afp-{n}", "text": f"{LEAD} ({n})\n{HASHTAGS}\n"} for n in range(1, records + 1))
    )
    compressed = gzip.compress(data)
    return compressed[: len(compressed) // 2]


def test_every_kind_of_bad_input_in_one_run_is_reported_and_the_good_files_are_linted(capsys):
    Path("good.txt").write_text(WITH_HASHTAGS, encoding="utf-8")
    Path("empty.txt").write_bytes(b"")
    Path("photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x00")
    latin1 = (
        f"{LEAD}\n".encode()
        + "Sergueï Lavrov a démenti.\n".encode("latin-1")  # the scraper saved it in Latin-1
        + f"{HASHTAGS}\n".encode()
    )
    Path("latin1.txt").write_bytes(latin1)
    Path("nul.txt").write_bytes(WITH_HASHTAGS.encode().replace(b"#troupes", b"#tr\x00oupes"))
    Path("utf16.txt").write_bytes(codecs.BOM_UTF16_LE + WITH_REPEAT.encode("utf-16-le"))
    Path("bom.txt").write_bytes(codecs.BOM_UTF8 + WITH_HASHTAGS.encode())
    Path("records.jsonl").write_bytes(
        b"this line is not JSON\n"
        b'["Moscou", "Kiev"]\n'
        b'"a JSON string, not an object"\n'
        + jsonl_bytes({"id": "afp-4", "text": 2022}, {"id": "afp-5", "text": WITH_HASHTAGS})
    )
    Path("cut.jsonl.gz").write_bytes(truncated_gzip(400))
    Path("broken.parquet").write_bytes(b"PAR1\x15\x04\x15\x00this is no parquet dataPAR1")
    Path("last.jsonl").write_bytes(jsonl_bytes({"id": "afp-9", "text": WITH_REPEAT}))

    code, findings, err = run_json(
        capsys,
        "--select",
        SELECT,
        "good.txt",
        "empty.txt",
        "photo.txt",
        "latin1.txt",
        "absent.txt",
        "nul.txt",
        "utf16.txt",
        "bom.txt",
        "records.jsonl",
        "cut.jsonl.gz",
        "broken.parquet",
        "last.jsonl",
    )
    assert code == 2  # a missing path
    assert err == "newslint: error: absent.txt: no such file or folder\n"
    found = by_path(findings)
    assert list(found) == [
        "good.txt",
        "empty.txt",
        "photo.txt",
        "latin1.txt",
        "nul.txt",
        "utf16.txt",
        "bom.txt",
        "records.jsonl",
        "cut.jsonl.gz",
        "broken.parquet",
        "last.jsonl",
    ]
    assert found["good.txt"] == [(None, "H001", 2, 1)]
    assert found["empty.txt"] == [(None, "X002", 1, 1)]
    assert found["photo.txt"] == found["nul.txt"] == [(None, "X001", 1, 1)]
    # the invalid byte is named by its offset, and the hashtag line after it is linted
    assert found["latin1.txt"] == [(None, "X001", 2, 7), (None, "H001", 3, 1)]
    assert found["utf16.txt"] == [(None, "D001", 3, 1)]
    assert found["bom.txt"] == [(None, "H001", 2, 1)]
    assert found["records.jsonl"] == [
        (1, "X001", 1, 1),
        (2, "X001", 1, 1),
        (3, "X001", 1, 1),
        (4, "X001", 1, 1),
        (5, "H001", 2, 1),
    ]
    *linted, stopped = found["cut.jsonl.gz"]
    assert linted and linted == [(n, "H001", 2, 1) for n in range(1, len(linted) + 1)]
    assert stopped == (len(linted) + 1, "X001", 1, 1)
    assert found["broken.parquet"] == [(1, "X001", 1, 1)]
    assert found["last.jsonl"] == [(1, "D001", 3, 1)]

    messages: dict[tuple[str, int | None], str] = {}
    for f in findings:  # the first message of each document
        messages.setdefault((f["path"], f["record_number"]), f["message"])
    bad_byte = len(f"{LEAD}\nSergue".encode())
    assert messages["latin1.txt", None].startswith(f"invalid UTF-8 at byte {bad_byte}: b'\\xef")
    assert messages["photo.txt", None] == "binary file (NUL bytes): not linted"
    assert messages["empty.txt", None] == "empty document: no text"
    assert messages["records.jsonl", 1].startswith("invalid JSON: ")
    assert messages["records.jsonl", 2] == "record is a JSON list, not an object"
    assert messages["records.jsonl", 3] == "record is a JSON str, not an object"
    assert messages["records.jsonl", 4] == "record has a int in its text field 'text'"
    assert messages["cut.jsonl.gz", len(linted) + 1].startswith("cannot read further after line")
    assert messages["broken.parquet", 1].startswith("cannot read Parquet after row 0: ")


def test_the_same_bad_inputs_in_text_output_give_one_line_each(capsys):
    Path("empty.txt").write_bytes(b"")
    Path("photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    Path("latin1.txt").write_bytes(b"Sergue\xef Lavrov a d\xe9menti.\n" + HASHTAGS.encode())
    Path("good.txt").write_text(WITH_HASHTAGS, encoding="utf-8")
    code, out, err = run(
        capsys, "check", "--select", SELECT, "empty.txt", "photo.txt", "latin1.txt", "good.txt"
    )
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "empty.txt:1:1: X002 empty document: no text",
        "photo.txt:1:1: X001 binary file (NUL bytes): not linted",
        "latin1.txt:1:7: X001 invalid UTF-8 at byte 6: b'\\xef La' (decoded with replacement "
        "characters)",
        f"latin1.txt:2:1: H001 [*] {H001_MESSAGE}",
        f"good.txt:2:1: H001 [*] {H001_MESSAGE}",
        "Found 5 findings (4 errors, 1 warning) in 4 documents.",
        "[*] 2 fixable with the --fix option.",
    ]


# ------------------------------------------------------- encodings and line endings

RELATED = "Lire aussi Affrontement entre la Russie et les États-Unis à l'ONU"
CALQUE = (
    "Les États-Unis ont reconnu mardi qu'ils n'avaient pas réussi à obtenir de la Russie la "
    "promesse de désamorcer la situation, mais les chefs étrangers des deux puissances "
    "rivales semblaient vouloir poursuivre le dialogue."
)
#: One defect per line for rules of every kind: Python rules that split lines
#: (H001, D001), Python rules with ^/$ patterns (H003, H005), YAML rules scoped
#: anywhere (M010), line-start (B001) and whole-line (B007, B008).
LINES = [
    LEAD,
    HASHTAGS,
    CALQUE,
    RELATED,
    "Publicité",
    "@AFP @franceinfo",
    "— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019",
    THIRD,
    "* * *",
    LEAD,
]
LINE_SELECT = "B001,B007,B008,D001,H001,H003,H005,M010,X"
EXPECTED_LINES = [
    (2, 1, "H001"),
    (3, CALQUE.index("chefs étrangers") + 1, "M010"),
    (4, 1, "B001"),
    (5, 1, "B007"),
    (6, 1, "H005"),
    (7, 1, "H003"),
    (9, 1, "B008"),
    (10, 1, "D001"),
]


@pytest.mark.parametrize(
    "newline",
    ["\n", "\r\n", "\r"],
    ids=["lf", "crlf", "cr"],
)
@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be"],
)
def test_line_endings_and_encodings_keep_every_finding_at_its_line_and_column(
    capsys, newline, encoding, bom
):
    Path("article.txt").write_bytes(bom + (newline.join(LINES) + newline).encode(encoding))
    code, findings, err = run_json(
        capsys, "--select", LINE_SELECT, "--language", "fr", "article.txt"
    )
    assert (code, err) == (1, "")
    assert [(f["line"], f["column"], f["code"]) for f in findings] == EXPECTED_LINES
    # an end position is never past its line's text (the line break is not part of it)
    for finding in findings:
        line = LINES[finding["end_line"] - 1]
        assert finding["end_column"] <= len(line) + 1, finding


def test_a_crlf_line_with_an_invalid_byte_keeps_the_columns_right(capsys):
    data = (
        f"{LEAD}\r\n".encode() + b"Sergue\xef Lavrov a d\xe9menti.\r\n" + f"{HASHTAGS}\r\n".encode()
    )
    Path("windows.txt").write_bytes(data)
    code, findings, _ = run_json(capsys, "--select", "H001,X", "windows.txt")
    assert code == 1
    assert [(f["line"], f["column"], f["code"]) for f in findings] == [
        (2, 7, "X001"),
        (3, 1, "H001"),
    ]
    bad_byte = data.index(b"\xef")
    assert f"at byte {bad_byte}:" in findings[0]["message"]


# ------------------------------------------------------------------------- NUL bytes


def test_nul_bytes_in_records_are_reported_and_the_next_records_are_linted(capsys):
    escaped = json.dumps({"id": "afp-1", "text": f"Moscou\u0000 dément.\n{HASHTAGS}\n"})
    raw = b'{"id": "afp-2", "text": "Kiev\x00 attend."}'  # a raw NUL: not valid JSON
    Path("nul.jsonl").write_bytes(
        escaped.encode() + b"\n" + raw + b"\n" + jsonl_bytes({"id": "afp-3", "text": WITH_REPEAT})
    )
    code, findings, err = run_json(capsys, "--select", "E005,D001,H001,X", "nul.jsonl")
    assert (code, err) == (1, "")
    assert [(f["record"], f["code"], f["line"], f["column"]) for f in findings] == [
        ("afp-1", "E005", 1, 7),
        ("afp-1", "H001", 2, 1),
        (None, "X001", 1, 1),
        ("afp-3", "D001", 3, 1),
    ]
    assert findings[2]["message"].startswith("invalid JSON: ")


# -------------------------------------------------------- a 20 MB single-line article


def test_a_20_mb_single_line_article_is_linted_and_the_run_goes_on(tmp_path):
    """In a child process, so that its peak memory can be read and does not stay in
    this one. Rules that need the whole text's views (lines, paragraphs, folded text,
    regexes over the line) are selected; the time budget bounds any rule anyway."""
    sentence = f"{SECOND} "
    line = sentence * (20_000_000 // len(sentence.encode()))
    assert len(line.encode()) > 19_900_000 and "\n" not in line
    Path("huge.txt").write_text(f"{line}\n{HASHTAGS}\n", encoding="utf-8")
    Path("good.txt").write_text(WITH_REPEAT, encoding="utf-8")
    del line
    # Past the default max-record-bytes (5 MB): a user who wants it linted raises it.
    Path("newslint.yaml").write_text(
        "rule-timeout: 5\nmax-record-bytes: 30000000\n", encoding="utf-8"
    )
    script = (
        "import resource, sys\n"
        "from newslint.cli.main import main\n"
        "code = main(sys.argv[1:])\n"
        "sys.stdout.flush()\n"
        # VmHWM, not ru_maxrss: on Linux a child's ru_maxrss keeps the RSS of the process
        # it was forked from (here pytest) across exec.
        "status = open('/proc/self/status').read() if sys.platform == 'linux' else ''\n"
        "hwm = [int(l.split()[1]) for l in status.splitlines() if l.startswith('VmHWM:')]\n"
        "peak = hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(f'peak-kib={peak}', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    argv = ["check", "--jobs", "1", "--select", "X,D,E,H001,Q003,T003", "huge.txt", "good.txt"]
    result = subprocess.run(
        [sys.executable, "-c", script, *argv],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,  # a guard against a hang, not a timing assertion
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert f"huge.txt:2:1: H001 [*] {H001_MESSAGE}" in lines
    assert "good.txt:3:1: D001 [*] paragraph repeats line 1 word for word" in lines
    assert lines[-2].endswith(" in 2 documents.")
    assert not [line for line in lines if " X900 " in line or " X001 " in line]
    peak_kib = int(re.search(r"peak-kib=(\d+)", result.stderr)[1])
    assert peak_kib < 1_500_000, f"peak memory {peak_kib // 1024} MiB for a 20 MB article"


# ---------------------------------------------------------------------- unreadable files

LOCKED = ("locked.txt", "locked.jsonl", "locked.jsonl.gz", "locked.csv", "locked.parquet")


def write_locked_inputs() -> None:
    Path("locked.txt").write_text(WITH_HASHTAGS, encoding="utf-8")
    Path("locked.jsonl").write_bytes(jsonl_bytes({"id": "a", "text": WITH_HASHTAGS}))
    Path("locked.jsonl.gz").write_bytes(gzip.compress(jsonl_bytes({"text": WITH_HASHTAGS})))
    Path("locked.csv").write_text(f"id,text\na,{HASHTAGS}\n", encoding="utf-8")
    pq.write_table(pa.Table.from_pylist([{"text": WITH_HASHTAGS}]), "locked.parquet")
    Path("good.txt").write_text(WITH_REPEAT, encoding="utf-8")


def check_locked(capsys) -> None:
    code, findings, err = run_json(capsys, "--select", SELECT, *LOCKED, "good.txt")
    assert (code, err) == (1, "")
    assert [(f["path"], f["code"], f["line"]) for f in findings] == [
        *((name, "X001", 1) for name in LOCKED),
        ("good.txt", "D001", 3),
    ]
    for finding in findings[:-1]:
        assert "permission denied" in finding["message"].lower(), finding["message"]
    assert [f["record_number"] for f in findings[:-1]] == [None, 1, 1, 1, 1]


def test_unreadable_files_of_every_format_are_x001_and_the_run_goes_on(capsys, monkeypatch):
    """Root reads any file whatever its mode: opening is refused by a monkeypatch."""
    write_locked_inputs()
    real_open, real_parquet = builtins.open, pq.ParquetFile

    def refused(file: Any) -> bool:
        return isinstance(file, (str, os.PathLike)) and os.path.basename(file) in LOCKED

    def guarded_open(file, *args, **kwargs):
        if refused(file):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    def guarded_parquet(source, *args, **kwargs):
        if refused(source):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(source))
        return real_parquet(source, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(pq, "ParquetFile", guarded_parquet)
    check_locked(capsys)


@pytest.mark.may_skip
@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_files_without_read_permission_are_x001_and_the_run_goes_on(capsys):
    write_locked_inputs()
    for name in LOCKED:
        os.chmod(name, 0)
    try:
        check_locked(capsys)
    finally:
        for name in LOCKED:
            os.chmod(name, 0o644)


@pytest.mark.may_skip
@pytest.mark.parametrize("how", ["monkeypatch", "chmod"])
def test_an_unreadable_subfolder_is_reported(capsys, monkeypatch, how):
    Path("corpus/locked").mkdir(parents=True)
    Path("corpus/a.txt").write_text(CLEAN, encoding="utf-8")
    Path("corpus/locked/b.txt").write_text(WITH_HASHTAGS, encoding="utf-8")
    locked = os.path.join("corpus", "locked")
    if how == "chmod":
        if os.name != "posix" or os.geteuid() == 0:
            pytest.skip("root lists any folder whatever its mode")
        os.chmod(locked, 0)
    else:
        real_scandir = os.scandir

        def guarded_scandir(path="."):
            if os.path.normpath(os.fspath(path)) == locked:
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", guarded_scandir)
    try:
        code, findings, err = run_json(capsys, "--select", SELECT, "corpus")
    finally:
        os.chmod(locked, 0o755)
    reported = [f for f in findings if f["path"].startswith(locked) and f["code"] == "X001"]
    assert reported or locked in err, (code, findings, err)
    assert code != 0


# ---------------------------------------------------------- symlink loops, missing paths


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_folder_with_a_symlink_loop_is_linted_once_and_the_run_ends(capsys):
    Path("corpus/fr/en").mkdir(parents=True)
    Path("corpus/fr/article.txt").write_text(WITH_HASHTAGS, encoding="utf-8")
    Path("corpus/fr/en/story.txt").write_text(WITH_REPEAT, encoding="utf-8")
    Path("corpus/fr/en/back").symlink_to(Path("corpus/fr").resolve(), target_is_directory=True)
    Path("corpus/fr/self").symlink_to(".", target_is_directory=True)
    Path("corpus/fr/en/up").symlink_to("..", target_is_directory=True)
    code, out, err = run(capsys, "check", "--select", SELECT, "corpus")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{os.path.join('corpus', 'fr', 'article.txt')}:2:1: H001 [*] {H001_MESSAGE}",
        f"{os.path.join('corpus', 'fr', 'en', 'story.txt')}:3:1: D001 [*] paragraph repeats "
        "line 1 word for word",
        "Found 2 findings (2 errors) in 2 documents.",
        "[*] 2 fixable with the --fix option.",
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_file_symlinks_that_loop_or_dangle_end_the_walk_with_a_message(capsys):
    Path("corpus").mkdir()
    Path("corpus/article.txt").write_text(WITH_HASHTAGS, encoding="utf-8")
    Path("corpus/loop-a.txt").symlink_to("loop-b.txt")
    Path("corpus/loop-b.txt").symlink_to("loop-a.txt")
    Path("corpus/dangling.txt").symlink_to("nowhere.txt")
    code, findings, err = run_json(capsys, "--select", SELECT, "corpus")
    linted = [f for f in findings if f["code"] == "H001"]
    assert [f["path"] for f in linted] == [os.path.join("corpus", "article.txt")]
    for name in ("loop-a.txt", "loop-b.txt", "dangling.txt"):  # said, on stderr or as X001
        path = os.path.join("corpus", name)
        assert path in err or any(f["path"] == path for f in findings), name
    assert code in (1, 2)


def test_a_missing_path_exits_2_and_the_other_paths_are_linted_and_printed(capsys):
    Path("records.jsonl").write_bytes(jsonl_bytes({"id": "afp-1", "text": WITH_HASHTAGS}))
    Path("article.txt").write_text(WITH_REPEAT, encoding="utf-8")
    code, out, err = run(
        capsys, "check", "--select", SELECT, "absent.jsonl", "records.jsonl", "gone/", "article.txt"
    )
    assert code == 2
    assert out.splitlines() == [
        f"records.jsonl#1[afp-1]:2:1: H001 [*] {H001_MESSAGE}",
        "article.txt:3:1: D001 [*] paragraph repeats line 1 word for word",
        "Found 2 findings (2 errors) in 2 documents; 2 paths not found.",
        "[*] 2 fixable with the --fix option.",
    ]
    assert err.splitlines() == [
        "newslint: error: absent.jsonl: no such file or folder",
        "newslint: error: gone/: no such file or folder",
    ]


# --------------------------------------------------- time budget: plugin rules that hang

#: A rule that does not honour its budget gives up by itself after this long, so that a
#: broken budget fails a test instead of hanging it.
GIVE_UP = 20.0


@rule(code="ZZT001", name="slow-rule", severity="info")
def slow_rule(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Sleeps on documents tagged #troupes, spins on documents tagged #boucle (plugin
    bugs); says "checked" on every other document."""
    deadline = time.monotonic() + GIVE_UP
    if "#troupes" in doc.text:
        time.sleep(GIVE_UP)
    elif "#boucle" in doc.text:
        while time.monotonic() < deadline:
            pass
    yield Violation(0, 0, "checked")


@rule(code="ZZC001", name="crash-rule", severity="warning")
def crash_rule(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Raises on documents tagged #crash (a plugin bug)."""
    if "#crash" in doc.text:
        raise ZeroDivisionError("no #crash, please")
    return iter(())


def test_a_rule_that_sleeps_or_spins_is_stopped_for_that_document_only(capsys, plugins):
    plugins["slow"] = plugin(slow_rule)
    Path("newslint.yaml").write_text("rule-timeout: 0.5\n", encoding="utf-8")
    Path("a.txt").write_text(CLEAN, encoding="utf-8")
    Path("b.txt").write_text(WITH_HASHTAGS, encoding="utf-8")  # #troupes: sleeps
    Path("c.txt").write_text(f"{LEAD}\n{LEAD}\n#boucle\n", encoding="utf-8")  # spins
    Path("d.txt").write_text(CLEAN, encoding="utf-8")
    files = ["a.txt", "b.txt", "c.txt", "d.txt"]
    code, findings, err = run_json(capsys, "--select", f"{SELECT},ZZT", "--jobs", "1", *files)
    assert (code, err) == (1, "")
    stopped = "rule ZZT001 (slow-rule) stopped: it ran past 0.5 s"
    assert [(f["path"], f["code"], f["line"], f["message"]) for f in findings] == [
        ("a.txt", "ZZT001", 1, "checked"),
        ("b.txt", "X003", 1, stopped),
        ("b.txt", "H001", 2, H001_MESSAGE),  # the other rules' findings are still there
        ("c.txt", "X003", 1, stopped),
        ("c.txt", "D001", 2, "paragraph repeats line 1 word for word"),
        ("d.txt", "ZZT001", 1, "checked"),  # the next document is checked normally
    ]
    assert all(f["severity"] == "error" for f in findings if f["code"] == "X003")


def test_timeouts_and_crashes_in_worker_processes_are_the_same_as_in_one_process(
    capsys, plugins, monkeypatch
):
    plugins["bugs"] = plugin(slow_rule, crash_rule)
    Path("newslint.yaml").write_text("rule-timeout: 0.3\n", encoding="utf-8")
    records = 2 * CHUNK_DOCUMENTS + 10  # more than two chunks: the pool is used
    marked = {3: HASHTAGS, 70: "#crash", 100: "#boucle", 135: "#crash #troupes"}
    Path("corpus.jsonl").write_bytes(
        jsonl_bytes(
            *(
                {"id": f"afp-{n}", "lang": "fr", "text": f"{LEAD} ({n})\n{marked.get(n, THIRD)}\n"}
                for n in range(1, records + 1)
            )
        )
    )
    pooled: list[int] = []
    real = workers._Pool.run

    def spy(*args, **kwargs):
        pooled.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(workers._Pool, "run", spy)
    argv = ["--select", f"{SELECT},ZZ", "corpus.jsonl"]
    two = run_json(capsys, "--jobs", "2", *argv)
    assert pooled == [1]  # worker processes checked the documents
    one = run_json(capsys, "--jobs", "1", *argv)
    assert pooled == [1]
    assert two == one
    code, findings, err = two
    assert (code, err) == (1, "")
    engine = [
        (f["record_number"], f["code"], f["message"]) for f in findings if f["code"] != "ZZT001"
    ]
    stopped = "rule ZZT001 (slow-rule) stopped: it ran past 0.3 s"
    crashed = "rule ZZC001 (crash-rule) crashed: ZeroDivisionError: no #crash, please at "
    assert [(n, c) for n, c, _ in engine] == [
        (3, "X003"),
        (3, "H001"),
        (70, "X900"),
        (100, "X003"),
        (135, "X003"),
        (135, "X900"),
    ]
    assert [m for _, c, m in engine if c == "X003"] == [stopped] * 3
    assert all(m.startswith(crashed) for _, c, m in engine if c == "X900")
    checked = [f["record_number"] for f in findings if f["code"] == "ZZT001"]
    assert checked == [n for n in range(1, records + 1) if n not in (3, 100, 135)]


@rule(code="ZZT002", name="swallowing-rule", severity="info")
def swallowing_rule(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Retries on any exception, as plugin code often does (and so eats the alarm)."""
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        try:
            time.sleep(0.01)
        except Exception:
            continue
    yield Violation(0, 0, "finished")


def test_a_rule_that_catches_every_exception_is_still_stopped():
    [finding] = run_rule(Document(CLEAN, "a.txt"), swallowing_rule, Settings(rule_timeout=0.3))
    assert finding.code == "X003"


@rule(code="ZZC002", name="exiting-rule", severity="warning")
def exiting_rule(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Calls sys.exit() on documents tagged #exit (a library meant for scripts does)."""
    if "#exit" in doc.text:
        sys.exit(0)
    return iter(())


def test_a_rule_that_calls_sys_exit_is_an_x900_and_the_run_goes_on(capsys, plugins):
    plugins["exiting"] = plugin(exiting_rule)
    Path("a.txt").write_text(f"{CLEAN}#exit\n", encoding="utf-8")
    Path("b.txt").write_text(WITH_HASHTAGS, encoding="utf-8")
    try:
        code, findings, _ = run_json(capsys, "--select", f"{SELECT},ZZC", "a.txt", "b.txt")
    except SystemExit as exc:
        pytest.fail(f"a rule ended the run: SystemExit({exc.code})")
    assert code == 1
    assert [(f["path"], f["code"]) for f in findings] == [("a.txt", "X900"), ("b.txt", "H001")]


# ---------------------------------------------- D002 / D004 on 5,000 paragraphs


@pytest.fixture(scope="module")
def default_rules() -> Registry:
    pm = plugin_manager(load_entry_points=False)
    return Registry(r for batch in pm.hook.newslint_rules(settings=Settings()) for r in batch)


def test_near_duplicates_and_pull_quotes_cap_their_comparisons_on_5000_paragraphs(
    default_rules,
):
    words = sorted(set((LEAD + " " + SECOND + " " + THIRD).split()))
    pick = random.Random(6).choice
    paragraphs = [" ".join(pick(words) for _ in range(30)) + "." for _ in range(5000)]

    def near_copy(paragraph: str) -> str:
        changed = paragraph.split()
        changed[15] = "Kiev"
        return " ".join(changed)

    # within the first 400 paragraphs: a near copy of paragraph 4, a pull quote of 7
    paragraphs[10] = near_copy(paragraphs[3])
    paragraphs[20] = " ".join(paragraphs[6].split()[5:17])
    # far past them, the same defects again: past the cap, not compared
    paragraphs[4500] = near_copy(paragraphs[4400])
    paragraphs[4600] = " ".join(paragraphs[4401].split()[5:17])
    doc = Document("\n".join(paragraphs), "long.txt", lang="fr")
    settings = Settings()  # the default budget of 10 s
    d002 = run_rule(doc, default_rules.get("D002"), settings)
    d004 = run_rule(doc, default_rules.get("D004"), settings)
    assert [(f.code, f.line) for f in d002] == [("D002", 11)]
    assert [(f.code, f.line) for f in d004] == [("D004", 21)]


# --------------------------------------------------------------- user YAML rules

SLOW_RULE = """\
code: {code}
name: {name}
severity: warning
kind: pattern
message: "slow '{{match}}'"
doc: A catastrophic pattern.
patterns:
  any: ['{pattern}']
"""
AGENCY_RULE = """\
code: ZZY001
name: agency-credit
severity: warning
kind: pattern
scope: whole-line
message: "agency credit left on its own line: '{match}'"
patterns:
  any: ["AFP", "Reuters"]
doc: A news agency credit on a line of its own.
"""


def write_rule(name: str, text: str) -> None:
    path = Path("house", name)
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_catastrophic_user_pattern_gives_x003_and_the_run_goes_on(capsys):
    # With a look-ahead the compiled core cannot match it: it runs on the Python path,
    # where (a|aa)+ before a failing tail backtracks exponentially.
    write_rule(
        "slow_a.yaml", SLOW_RULE.format(code="ZZS001", name="slow-a", pattern="(a|aa)+(?!b)b")
    )
    write_rule("slow_x.yaml", SLOW_RULE.format(code="ZZS002", name="slow-x", pattern="(x+x+)+y"))
    write_rule("agency_credit.yaml", AGENCY_RULE)
    Path("slow.txt").write_text(
        f"{'a' * 5000}b\n{'x' * 5000} y\n{HASHTAGS}\nAFP\n", encoding="utf-8"
    )
    Path("next.txt").write_text(f"{WITH_HASHTAGS}Reuters\n", encoding="utf-8")
    code, findings, err = run_json(
        capsys, "--rule-path", "house", "--select", "ZZ,H001,X", "slow.txt", "next.txt"
    )
    assert (code, err) == (1, "")
    found = [(f["path"], f["code"], f["line"]) for f in findings]
    # regex defuses (x+x+)+y on some machines: it either ends without a match or is stopped
    assert [f for f in found if f != ("slow.txt", "X003", 1)] == [
        ("slow.txt", "H001", 3),
        ("slow.txt", "ZZY001", 4),
        ("next.txt", "H001", 2),
        ("next.txt", "ZZY001", 4),
    ]
    timeouts = [f["message"] for f in findings if f["code"] == "X003"]
    assert timeouts and timeouts[0].startswith("rule ZZS001 (slow-a) stopped: ")
    assert all("ZZS001" in m or "ZZS002" in m for m in timeouts)


def test_the_x003_of_a_pattern_timeout_names_the_pattern_time_limit(capsys):
    Path("newslint.yaml").write_text("rule-timeout: 30\n", encoding="utf-8")
    write_rule(
        "slow_a.yaml", SLOW_RULE.format(code="ZZS001", name="slow-a", pattern="(a|aa)+(?!b)b")
    )
    Path("slow.txt").write_text(f"{'a' * 5000}b\n", encoding="utf-8")
    _, findings, _ = run_json(capsys, "--rule-path", "house", "--select", "ZZS,X", "slow.txt")
    [finding] = findings
    assert finding["code"] == "X003"
    assert "30 s" not in finding["message"]
    assert f"{kinds.PATTERN_TIMEOUT_SECONDS:g} s" in finding["message"]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("kind: pattern", "kind: regexp"), ":4: kind: 'regexp' is not one of phrase, pattern"),
        (("scope: whole-line", "scope: everywhere"), ":5: scope: 'everywhere' is not one of"),
        (('["AFP", "Reuters"]', '["(AFP"]'), ":8: patterns: invalid regular expression"),
        (("severity: warning", "severity: fatal"), ":3: severity: unknown severity 'fatal'"),
        (("doc: A news agency credit on a line of its own.\n", ""), ":1: missing required key"),
    ],
    ids=["kind", "scope", "regex", "severity", "missing-key"],
)
def test_a_rule_file_with_a_schema_error_is_named_on_stderr_and_the_other_rules_run(
    capsys, change, where
):
    write_rule("agency_credit.yaml", AGENCY_RULE)
    broken = AGENCY_RULE.replace("ZZY001", "ZZY002").replace("agency-credit", "agency-line")
    write_rule("broken_rule.yaml", broken.replace(*change))
    Path("article.txt").write_text(f"{WITH_HASHTAGS}AFP\n", encoding="utf-8")
    code, findings, err = run_json(
        capsys, "--rule-path", "house", "--select", "ZZ,H001,X", "article.txt"
    )
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith(f"newslint: error: {os.path.join('house', 'broken_rule.yaml')}{where}")
    assert [(f["code"], f["line"]) for f in findings] == [("H001", 2), ("ZZY001", 4)]


def test_a_python_tag_in_a_rule_file_is_rejected_not_executed(capsys):
    write_rule("agency_credit.yaml", AGENCY_RULE)
    write_rule(
        "evil_rule.yaml",
        AGENCY_RULE.replace(
            "code: ZZY001", 'code: !!python/object/apply:os.system ["touch pwned"]'
        ),
    )
    Path("article.txt").write_text(f"{WITH_HASHTAGS}Reuters\n", encoding="utf-8")
    code, findings, err = run_json(
        capsys, "--rule-path", "house", "--select", "ZZ,H001,X", "article.txt"
    )
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith(f"newslint: error: {os.path.join('house', 'evil_rule.yaml')}:1: ")
    assert "python/object/apply:os.system" in line
    assert not Path("pwned").exists()
    assert "pwned" not in capsys.readouterr().out
    assert [(f["code"], f["line"]) for f in findings] == [("H001", 2), ("ZZY001", 4)]


def test_a_python_tag_in_the_config_file_is_rejected_not_executed(capsys):
    Path("newslint.yaml").write_text(
        'select: !!python/object/apply:os.system ["touch pwned"]\n', encoding="utf-8"
    )
    Path("article.txt").write_text(WITH_HASHTAGS, encoding="utf-8")
    code, out, err = run(capsys, "check", "article.txt")
    assert (code, out) == (2, "")
    assert err.startswith("newslint: error: ") and "newslint.yaml: cannot read: " in err
    assert not Path("pwned").exists()


# ------------------------------------------------------------------------------ --baseline

BASELINE_SELECT = "B001,D001,H001,X"


def test_a_baseline_hides_old_findings_when_lines_are_added_above(capsys):
    article = Path("article.txt")
    article.write_text(f"{LEAD}\n{HASHTAGS}\n{SECOND}\n{LEAD}\n{RELATED}\n", encoding="utf-8")
    argv = ["check", "--select", BASELINE_SELECT, "--baseline", "base.json", "article.txt"]

    assert run(capsys, *argv) == (
        0,
        "All clear: no findings in 1 document.\n",
        "newslint: baseline of 3 findings written to base.json\n",
    )
    saved = Path("base.json").read_bytes()
    written = json.loads(saved)
    assert written["version"] == 1 and sum(written["fingerprints"].values()) == 3

    assert run(capsys, *argv) == (
        0,
        "All clear: no findings in 1 document.\n",
        "newslint: 3 findings in the baseline not shown\n",
    )

    crosshead = "Menace de sanctions rapides et sévères"
    new_hashtags = "#Kremlinrefuse #Otanrecule #troupes #frontière"
    article.write_text(
        f"{crosshead}\n{THIRD}\n\n{article.read_text(encoding='utf-8')}{new_hashtags}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, *argv)
    assert (code, err) == (1, "newslint: 3 findings in the baseline not shown\n")
    assert out.splitlines() == [
        f"article.txt:9:1: H001 [*] {H001_MESSAGE}",
        "Found 1 finding (1 error) in 1 document.",
        "[*] 1 fixable with the --fix option.",
    ]
    # the old findings are hidden, not gone
    code, out, _ = run(capsys, "check", "--select", BASELINE_SELECT, "article.txt")
    assert [line.split(": ")[0] for line in out.splitlines()[:-2]] == [
        "article.txt:5:1",
        "article.txt:7:1",
        "article.txt:8:1",
        "article.txt:9:1",
    ]
    assert Path("base.json").read_bytes() == saved  # reading a baseline never rewrites it


def test_a_baseline_of_a_corpus_follows_records_by_id_when_records_are_added_above(capsys):
    old = [
        {"id": "afp-1", "text": WITH_HASHTAGS},
        {"id": "afp-2", "text": CLEAN},
        {"id": "afp-3", "text": WITH_REPEAT},
    ]
    Path("corpus.jsonl").write_bytes(jsonl_bytes(*old))
    argv = ["--select", BASELINE_SELECT, "--baseline", "base.json", "corpus.jsonl"]
    assert run_json(capsys, *argv) == (
        0,
        [],
        "newslint: baseline of 2 findings written to base.json\n",
    )
    assert run_json(capsys, *argv) == (0, [], "newslint: 2 findings in the baseline not shown\n")

    new = [{"id": "afp-0", "text": f"{THIRD}\n{HASHTAGS}\n"}, {"id": "afp-00", "text": CLEAN}]
    Path("corpus.jsonl").write_bytes(jsonl_bytes(*new, *reversed(old)))
    code, findings, err = run_json(capsys, *argv)
    assert (code, err) == (1, "newslint: 2 findings in the baseline not shown\n")
    assert [(f["record_number"], f["record"], f["code"], f["line"]) for f in findings] == [
        (1, "afp-0", "H001", 2),
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"this is not JSON",
        b"",
        b"[]",
        b'{"version": 1}',
        b'{"version": 99, "fingerprints": {}}',
        b'{"version": 1, "fingerprints": {"0123456789abcdef0123": "many"}}',
        b'{"version": 1, "fingerprints": ["0123456789abcdef0123"]}',
        b"\xff\xfe\x00garbage",
    ],
    ids=["text", "empty", "list", "no-fingerprints", "version", "count", "fp-list", "binary"],
)
def test_a_corrupt_baseline_exits_2_with_a_clear_message_and_is_left_alone(capsys, content):
    Path("article.txt").write_text(WITH_HASHTAGS, encoding="utf-8")
    Path("base.json").write_bytes(content)
    code, out, err = run(
        capsys, "check", "--format", "json", "--baseline", "base.json", "article.txt"
    )
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert re.fullmatch(
        r"newslint: error: base\.json: (not a newslint baseline|unsupported baseline version).*",
        line,
    ), line
    assert Path("base.json").read_bytes() == content  # not overwritten


def test_a_baseline_that_cannot_be_written_is_a_clear_error(capsys):
    Path("article.txt").write_text(WITH_HASHTAGS, encoding="utf-8")
    code, _, err = run(capsys, "check", "--baseline", "no-such-folder/base.json", "article.txt")
    assert code == 2
    assert "Traceback" not in err and "internal error" not in err, err
    assert err.startswith("newslint: error: ") and "no-such-folder" in err


# ------------------------------------------------------------------------------ fuzzing

#: Deterministic examples, no database in the repository, no time limit per example.
FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FRAGMENTS = (
    LEAD,
    SECOND,
    HASHTAGS,
    RELATED,
    "Publicité",
    "@AFP @franceinfo",
    "— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019",
    "* * *",
    "«",
    "»",
    '"',
    "(",
    ")",
    "#",
    "&amp;",
    "<p>",
    "Ã©tÃ©",
    "\u200b",
    "\x00",
    "\ufffd",
    "…",
    "...",
    " ",
    "\u00a0",
    "\n",
    "\r\n",
    "\r",
    "\u2028",
    "Read more:",
    "la la",
    "inq",
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=25).map("".join),
)


@pytest.fixture(scope="module")
def fuzz_rules(default_rules) -> tuple[Any, list]:
    return Checker(load_entry_points=False), default_rules.enabled(Settings())


def reference_line_starts(text: str) -> list[int]:
    """Offsets where lines start: after "\\r\\n", a lone "\\r" or "\\n"."""
    starts, i = [0], 0
    while i < len(text):
        if text[i] == "\r" and text[i + 1 : i + 2] == "\n":
            i += 1
        if text[i] in "\r\n":
            starts.append(i + 1)
        i += 1
    return starts


def reference_position(starts: list[int], offset: int) -> tuple[int, int]:
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def lint(checker: Checker, rules: list, text: str, lang: str | None) -> list[Finding]:
    document = Document(text, "fuzz.txt", lang=lang)
    return checker.hook.newslint_check_document(
        document=document, rules=rules, settings=checker.settings, checker=checker
    )


@settings(FUZZ, max_examples=150)
@given(text=TEXTS, lang=st.sampled_from([None, "fr", "en", "de", "es"]))
def test_any_text_through_every_default_rule(fuzz_rules, text, lang):
    checker, rules = fuzz_rules
    findings = lint(checker, rules, text, lang)
    assert not [f.message for f in findings if f.code in ("X900", "X003")]
    starts = reference_line_starts(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert (f.line, f.column) == reference_position(starts, f.start), f
        assert (f.end_line, f.end_column) == reference_position(starts, f.end), f
        for edit in f.fix.edits if f.fix else ():
            assert 0 <= edit.start <= edit.end <= len(text), f
    again = lint(checker, rules, text, lang)
    assert [(f.to_dict(), f.start, f.end) for f in again] == [
        (f.to_dict(), f.start, f.end) for f in findings
    ]


@rule(code="ZZF001", name="seen", severity="info")
def seen(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """One finding per document, to count them."""
    yield Violation(0, 0, "seen")


def record_line(text: str, record_id: Any, lang: Any) -> bytes:
    record = {"id": record_id, "lang": lang, "text": text}
    return json.dumps(record, ensure_ascii=False).encode()


LINES_OF_BYTES = st.one_of(
    st.binary(max_size=60),
    st.builds(
        record_line,
        TEXTS,
        st.one_of(st.none(), st.text(max_size=8), st.integers()),
        st.one_of(st.none(), st.sampled_from(["fr", "en", "", "-", "zz_ZZ"]), st.integers()),
    ),
    st.sampled_from(
        [
            b"",
            b"   ",
            b"[]",
            b"null",
            b"{}",
            b'{"text": 5}',
            b'{"text": "Kiev\\u0000 attend."}',
            b'{"text": "\\ud800"}',
            b'\xef\xbb\xbf{"text": "Kiev attend."}',
            b'{"text": "Sergue\xef Lavrov"}',
            b'{"text": "Kiev", "id": 1e999}',
            b'{"text": "Kiev", "metadata": {"language": ["fr"]}}',
            b"\x1f\x8b\x08\x00",
            codecs.BOM_UTF8,
        ]
    ),
)
JSONL_FILES = st.one_of(
    st.binary(max_size=400),
    st.lists(LINES_OF_BYTES, max_size=6).map(b"\n".join),
    st.lists(LINES_OF_BYTES, max_size=6).map(b"\r\n".join),
)


def is_record(number: int, line: bytes) -> bool:
    """A line that is not blank (a UTF-8 BOM that starts the file aside)."""
    if number == 1 and line.startswith(codecs.BOM_UTF8):
        line = line[len(codecs.BOM_UTF8) :]
    return bool(line.strip())


@settings(FUZZ, max_examples=40)
@given(data=JSONL_FILES)
def test_any_bytes_as_a_jsonl_file_through_the_command_line(capsys, plugins, data):
    plugins["seen"] = plugin(seen)
    Path("fuzz.jsonl").write_bytes(data)
    code, out, err = run(capsys, "check", "--format", "json", "--jobs", "1", "fuzz.jsonl")
    assert code in (0, 1), err
    assert err == ""
    findings = json.loads(out)
    # every non-blank line is a document, whatever it holds: nothing is lost
    lines = [n for n, line in enumerate(data.split(b"\n"), 1) if is_record(n, line)]
    assert [f["record_number"] for f in findings if f["code"] == "ZZF001"] == lines
    assert not [f["message"] for f in findings if f["code"] in ("X900", "X003")]


def test_a_tick_during_a_garbage_collection_stops_the_rule_after_it(monkeypatch):
    """An exception raised in a collector callback (hypothesis installs one) or a
    finaliser is lost: a tick that comes while the collector runs waits for its end, and
    the rule is still stopped, at the first tick after it."""
    from newslint.checking.budget import Budget, RuleTimeout

    lost: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: lost.append(unraisable))

    def slow_callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            time.sleep(0.05)  # several ticks come while the collector runs

    budget = Budget()
    gc.callbacks.append(slow_callback)
    try:
        with pytest.raises(RuleTimeout), budget.watchdog(0.04):
            budget.start(0.01)
            gc.collect()
            while True:  # a rule that never ends
                pass
    finally:
        gc.callbacks.remove(slow_callback)
    assert lost == []
    assert slow_callback not in gc.callbacks and len(gc.callbacks) == len(set(gc.callbacks))


def test_a_host_that_clears_the_collector_callbacks_does_not_break_the_watchdog():
    from newslint.checking.budget import Budget

    saved = list(gc.callbacks)
    try:
        with Budget().watchdog(0.04):
            gc.callbacks.clear()  # what a host program may do
    finally:
        gc.callbacks[:] = saved
