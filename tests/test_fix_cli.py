"""``newslint check --fix / --diff / --unsafe-fixes / --show-fixes`` on plain files:
what is rewritten, what is kept byte for byte (encoding, BOM, line endings, final line
break), and what is never rewritten (unreadable files, corpus files, standard input)."""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli as run

from newslint.cli import main as cli
from newslint.fixing.in_place import FixWriter
from newslint.io.formatters.base import Summary
from newslint.io.formatters.text import fixable_line
from newslint.model.finding import Edit, Finding, Fix, Severity

LEAD = (
    "Après une conversation téléphonique entre les chefs des affaires étrangères des "
    "États-Unis et de la Russie, Washington a admis ne pas avoir obtenu les engagements "
    "russes de désamorcer immédiatement la situation à la frontière ukrainienne."
)
BODY = (
    "Le secrétaire d'État américain Blinken et le ministre russe des Affaires étrangères "
    "Sergueï Lavrov se sont de nouveau entretenus au téléphone pour tenter de désamorcer "
    "une crise à haut risque."
)
HASHTAGS = "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes"
IMPORT_TIME_LOG = FixWriter.__init__.__kwdefaults__["log"]
#: Lines 2, 3 and 5 of the example: the hashtag line, the copy of the lead, "Lire aussi".
EXAMPLE_FIXED_AWAY = (2, 3, 5)
SHARED_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"


@pytest.fixture(autouse=True)
def builtin_plugins_only(cli_plugins: dict[str, object]) -> None:
    """``main`` runs in an empty temporary folder with the built-in plugins only."""


@pytest.fixture
def article(example_article: Path, tmp_path: Path) -> Path:
    """A copy of the example article (9 lines, no final line break) in tmp_path."""
    path = tmp_path / "article.txt"
    shutil.copyfile(example_article, path)
    return path


def example_lines(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")


def leftovers(folder: Path) -> list[str]:
    """Temporary files of atomic writes left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# ---------------------------------------------------------------------------- --fix


def test_fix_deletes_the_fixable_lines_of_the_example_and_keeps_every_other_byte(article, capsys):
    before = example_lines(article)
    assert len(before) == 9 and before[-1], "the example has 9 lines and no final newline"

    code, out, err = run(capsys, "check", "--fix", "article.txt")

    fixed = article.read_bytes()
    kept = [line for number, line in enumerate(before, 1) if number not in EXAMPLE_FIXED_AWAY]
    assert fixed == b"\n".join(kept)  # every other line byte for byte, no final newline
    assert b"#Blinkenexhorte" not in fixed
    assert fixed.count(before[0]) == 1  # the lead, once
    assert b"Lire aussi" not in fixed
    assert err == "Fixed 3 findings in 1 file.\n"
    # The report is the findings that remain, at their lines in the fixed file.
    assert "article.txt:6:357: T001 text stops mid-word at 'inq'" in out
    assert not any(f" {code} " in out for code in ("H001", "H002", "D001", "B001"))
    assert code == 1  # T001 (error) remains
    assert leftovers(article.parent) == []


def test_a_second_fix_finds_nothing_to_do_and_leaves_the_file_alone(article, capsys):
    run(capsys, "check", "--fix", "article.txt")
    once = os.stat(article)
    _, _, err = run(capsys, "check", "--fix", "article.txt")
    again = os.stat(article)
    assert err == "Fixed 0 findings in 0 files.\n"
    assert (again.st_ino, again.st_mtime_ns) == (once.st_ino, once.st_mtime_ns)


def test_fix_keeps_the_permissions_of_the_file(article, capsys):
    article.chmod(0o640)
    run(capsys, "check", "--fix", "article.txt")
    assert stat.S_IMODE(article.stat().st_mode) == 0o640


def test_fix_rewrites_only_the_files_that_change(article, tmp_path, capsys):
    clean = tmp_path / "clean.txt"
    clean.write_bytes(f"{LEAD}\n{BODY}".encode())
    before = os.stat(clean)
    _, _, err = run(capsys, "check", "--fix", "--select", "H,D,B", "article.txt", "clean.txt")
    assert err == "Fixed 3 findings in 1 file.\n"
    assert os.stat(clean).st_mtime_ns == before.st_mtime_ns


def test_deleting_the_last_line_adds_no_final_newline(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_bytes(f"{LEAD}\n{BODY}\n{HASHTAGS}".encode())
    run(capsys, "check", "--fix", "--select", "H001", "article.txt")
    assert path.read_bytes() == f"{LEAD}\n{BODY}".encode()


def test_fix_through_a_symbolic_link_fixes_the_linked_file(article, tmp_path, capsys):
    link = tmp_path / "link.txt"
    link.symlink_to(article.name)
    run(capsys, "check", "--fix", "link.txt")
    assert link.is_symlink()
    assert b"#Blinkenexhorte" not in article.read_bytes()


# ---------------------------------------------------------------------------- --diff


def test_diff_prints_a_unified_diff_and_changes_nothing(article, capsys):
    before = article.read_bytes()
    mtime = article.stat().st_mtime_ns
    lines = before.decode().split("\n")

    code, out, err = run(capsys, "check", "--diff", "article.txt")

    assert code == 1  # there would be changes
    assert article.read_bytes() == before and article.stat().st_mtime_ns == mtime
    assert out.startswith("--- a/article.txt\n+++ b/article.txt\n@@ ")
    body = out.splitlines()[2:]
    removed = [line[1:] for line in body if line.startswith("-")]
    added = [line[1:] for line in body if line.startswith("+")]
    # difflib may take either copy of the lead as the deleted one: same text.
    assert sorted(removed) == sorted(lines[n - 1] for n in EXAMPLE_FIXED_AWAY)
    assert added == []
    assert err == "Would fix 3 findings in 1 file.\n"
    assert leftovers(article.parent) == []


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch program")
def test_the_diff_applies_with_patch_and_gives_what_fix_writes(article, tmp_path, capsys):
    _, diff, _ = run(capsys, "check", "--diff", "article.txt")
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copyfile(article, copy / "article.txt")
    subprocess.run(
        ["patch", "-p1", "--quiet"], input=diff.encode(), cwd=copy, check=True, timeout=30
    )
    run(capsys, "check", "--fix", "article.txt")
    assert (copy / "article.txt").read_bytes() == article.read_bytes()


def test_diff_exits_0_and_prints_nothing_when_nothing_would_change(article, capsys):
    run(capsys, "check", "--fix", "article.txt")
    code, out, err = run(capsys, "check", "--diff", "article.txt")
    assert (code, out, err) == (0, "", "Would fix 0 findings in 0 files.\n")


def test_diff_with_exit_zero_exits_0(article, capsys):
    code, out, _ = run(capsys, "check", "--diff", "--exit-zero", "article.txt")
    assert code == 0 and out.startswith("--- a/article.txt")


def test_diff_of_an_absolute_path_names_the_path_itself(article, capsys):
    _, out, _ = run(capsys, "check", "--diff", str(article))
    assert out.startswith(f"--- {article}\n+++ {article}\n")


def test_diff_marks_a_last_line_without_line_break(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_bytes(f"{LEAD}\n{HASHTAGS}\n{BODY}".encode())
    _, out, _ = run(capsys, "check", "--diff", "--select", "H001", "article.txt")
    assert f"-{HASHTAGS}\n" in out
    assert out.endswith(f" {BODY}\n\\ No newline at end of file\n")


def test_diff_works_on_standard_input(monkeypatch, capsys):
    data = f"{LEAD}\n{HASHTAGS}\n{BODY}\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = run(capsys, "check", "--diff", "--select", "H001", "-")
    assert f"-{HASHTAGS}\n" in out
    assert code == 1
    assert "cannot be rewritten" not in err


def test_fix_on_standard_input_is_refused(monkeypatch, capsys):
    data = f"{LEAD}\n{HASHTAGS}\n{BODY}\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = run(capsys, "check", "--fix", "--select", "H001", "-")
    assert "newslint: -: standard input cannot be rewritten" in err
    assert "-:2:1: H001" in out and code == 1


# ---------------------------------------------------------------------------- --show-fixes


def test_show_fixes_lists_each_fix_on_stderr(article, capsys):
    _, out, err = run(capsys, "check", "--fix", "--show-fixes", "article.txt")
    assert err.splitlines() == [
        "fixed article.txt:2:1: H001 Delete the hashtag line",
        "fixed article.txt:3:1: D001 Delete the repeated paragraph",
        "fixed article.txt:5:1: B001 Delete the line",
        "Fixed 3 findings in 1 file.",
    ]
    assert "fixed " not in out


def test_show_fixes_with_diff_lists_the_fixes_it_would_make(article, capsys):
    _, out, err = run(capsys, "check", "--diff", "--show-fixes", "article.txt")
    assert err.splitlines()[:3] == [
        "fixed article.txt:2:1: H001 Delete the hashtag line",
        "fixed article.txt:3:1: D001 Delete the repeated paragraph",
        "fixed article.txt:5:1: B001 Delete the line",
    ]
    assert out.startswith("--- a/article.txt")


def test_without_show_fixes_the_fixes_are_not_listed(article, capsys):
    _, _, err = run(capsys, "check", "--fix", "article.txt")
    assert "fixed " not in err


# ---------------------------------------------------------------------------- encodings


def encoded(text: str, bom: bytes, encoding: str) -> bytes:
    return bom + text.encode(encoding)


@pytest.mark.parametrize(
    ("bom", "encoding", "newline"),
    [
        (b"", "utf-8", "\r\n"),
        (b"", "utf-8", "\r"),
        (codecs.BOM_UTF8, "utf-8", "\n"),
        (codecs.BOM_UTF8, "utf-8", "\r\n"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "\n"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "\r\n"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "\n"),
    ],
    ids=["crlf", "cr", "utf8-bom", "utf8-bom-crlf", "utf16-le", "utf16-be-crlf", "utf32-le"],
)
def test_fix_keeps_the_encoding_the_bom_and_the_line_endings(
    tmp_path, capsys, bom, encoding, newline
):
    path = tmp_path / "article.txt"
    nl = newline
    path.write_bytes(encoded(f"{LEAD}{nl}{HASHTAGS}{nl}{LEAD}{nl}{BODY}{nl}", bom, encoding))
    code, out, err = run(capsys, "check", "--fix", "--select", "H001,D001", "article.txt")
    assert path.read_bytes() == encoded(f"{LEAD}{nl}{BODY}{nl}", bom, encoding)
    assert (code, out, err) == (
        0,
        "All clear: no findings in 1 document.\n",
        "Fixed 2 findings in 1 file.\n",
    )


def test_a_utf16_file_written_by_python_stays_utf16(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text(f"{LEAD}\n{HASHTAGS}\n{BODY}\n", encoding="utf-16")
    run(capsys, "check", "--fix", "--select", "H001", "article.txt")
    assert path.read_text(encoding="utf-16") == f"{LEAD}\n{BODY}\n"
    assert path.read_bytes()[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def test_a_file_with_invalid_utf8_is_not_rewritten(tmp_path, capsys):
    path = tmp_path / "article.txt"
    data = f"{LEAD}\n{HASHTAGS}\n{BODY}\n".encode() + b"Fin de l'article \xff\xfe.\n"
    path.write_bytes(data)
    code, out, err = run(capsys, "check", "--fix", "article.txt")
    assert path.read_bytes() == data
    assert "newslint: article.txt: the file could not be read cleanly; not rewritten" in err
    assert "article.txt:4:18: X001 invalid UTF-8" in out
    assert "article.txt:2:1: H001" in out  # still reported, not fixed
    assert code == 1
    code, out, _ = run(capsys, "check", "--diff", "article.txt")
    assert (code, out) == (0, "")


# ---------------------------------------------------------------------------- unsafe fixes


DOUBLED = f"Il a rencontré le le ministre des affaires étrangères mardi.\n{BODY}\n"
GLUED = f"Le ministre est arrivé mardi.Les discussions ont duré trois heures.\n{BODY}\n"


@pytest.mark.parametrize(
    ("text", "code", "fixed"),
    [
        (DOUBLED, "M003", DOUBLED.replace("le le", "le")),
        (GLUED, "M002", GLUED.replace("mardi.Les", "mardi. Les")),
    ],
)
def test_unsafe_fixes_are_applied_only_with_unsafe_fixes(tmp_path, capsys, text, code, fixed):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode())
    flags = ("--select", code, "--language", "fr")

    status, out, err = run(capsys, "check", "--fix", *flags, "article.txt")
    assert path.read_bytes() == text.encode()
    assert "article.txt:1:" in out and f" {code} " in out
    assert (status, err) == (1, "Fixed 0 findings in 0 files.\n")

    status, out, _ = run(capsys, "check", "--diff", *flags, "article.txt")
    assert (status, out) == (0, "")

    status, out, _ = run(capsys, "check", "--diff", "--unsafe-fixes", *flags, "article.txt")
    assert status == 1 and out.startswith("--- a/article.txt")
    assert path.read_bytes() == text.encode()

    status, out, err = run(capsys, "check", "--fix", "--unsafe-fixes", *flags, "article.txt")
    assert path.read_bytes() == fixed.encode()
    assert (status, out, err) == (
        0,
        "All clear: no findings in 1 document.\n",
        "Fixed 1 finding in 1 file.\n",
    )


# ---------------------------------------------------------------------------- corpus files


RECORD = (
    '{"id": "a1", "lang": "fr", "text": "'
    + f"{LEAD}\\n{HASHTAGS}\\n{BODY}".replace('"', '\\"')
    + '"}\n'
)


@pytest.mark.parametrize("flag", ["--fix", "--diff"])
def test_jsonl_is_never_rewritten_in_place(tmp_path, capsys, flag):
    path = tmp_path / "corpus.jsonl"
    path.write_text(RECORD, encoding="utf-8")
    mtime = path.stat().st_mtime_ns
    _, out, err = run(capsys, "check", flag, "--select", "H001", "corpus.jsonl")
    assert path.read_text(encoding="utf-8") == RECORD and path.stat().st_mtime_ns == mtime
    assert "newslint: corpus.jsonl: records of a corpus file are never rewritten in place" in err
    assert "use `newslint clean`" in err
    assert "corpus.jsonl#1[a1]:2:1: H001" in out if flag == "--fix" else out == ""
    assert leftovers(tmp_path) == []


def test_compressed_jsonl_is_never_rewritten_either(tmp_path, capsys):
    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(gzip.compress(RECORD.encode()))
    before = path.read_bytes()
    _, _, err = run(capsys, "check", "--fix", "--select", "H001", "corpus.jsonl.gz")
    assert path.read_bytes() == before
    assert "use `newslint clean`" in err


def test_a_corpus_file_without_fixable_findings_gives_no_message(tmp_path, capsys):
    path = tmp_path / "corpus.jsonl"
    path.write_text('{"id": "a1", "lang": "fr", "text": "Un texte propre."}\n', encoding="utf-8")
    _, _, err = run(capsys, "check", "--fix", "--select", "H001", "corpus.jsonl")
    assert err == "Fixed 0 findings in 0 files.\n"


def test_fix_messages_go_to_the_current_stderr(article, monkeypatch, capsys):
    monkeypatch.setitem(FixWriter.__init__.__kwdefaults__, "log", IMPORT_TIME_LOG)
    stream = io.StringIO()
    with contextlib.redirect_stderr(stream):
        cli.main(["check", "--fix", "--show-fixes", "article.txt"])
    assert "fixed article.txt:2:1: H001 Delete the hashtag line" in stream.getvalue()


# ------------------------------------------------- "N fixable" is what --fix applies


def fixable_count(out: str) -> int:
    found = re.search(r"^\[\*\] (\d+) fixable with the --fix option", out, re.M)
    return int(found[1]) if found else 0


def fixed_count(err: str) -> int:
    found = re.search(r"^(?:Fixed|Would fix) (\d+) findings? in ", err, re.M)
    assert found, err
    return int(found[1])


def test_the_fixable_count_of_the_example_is_what_fix_applies(article, capsys):
    _, out, _ = run(capsys, "check", "article.txt")
    _, _, err = run(capsys, "check", "--fix", "article.txt")
    assert fixable_count(out) == fixed_count(err) > 0


def test_two_fixes_of_the_same_text_count_once():
    # B001 and B015 both delete the "Lire aussi" line of the example: one deletion
    # fixes both, --fix applies one of them, and the summary says 1, not 2.
    line = Fix((Edit(10, 40),), "Delete the line")
    hashtags = Fix((Edit(50, 60),), "Delete")

    def found(code: str, fix: Fix) -> Finding:
        return Finding("a.txt", None, 5, 1, 5, 30, code, "rule", Severity.WARNING, "m", fix=fix)

    findings = [found("B001", line), found("B015", line), found("H001", hashtags)]
    summary = Summary()
    summary.add_document(findings)
    assert summary.fixable.total() == 2 and summary.total == 3
    assert fixable_line(summary) == "[*] 2 fixable with the --fix option."


@pytest.mark.skipif(not SHARED_ARTICLES.is_dir(), reason="needs ../shared/corpus")
def test_the_fixable_count_is_what_fix_applies_on_the_shared_articles(tmp_path, capsys):
    folder = tmp_path / "articles"
    shutil.copytree(SHARED_ARTICLES, folder)
    counts = {}
    for unsafe in ((), ("--unsafe-fixes",)):
        _, out, _ = run(capsys, "check", "articles", "--exit-zero", "--jobs", "1", *unsafe)
        _, _, err = run(capsys, "check", "articles", "--diff", "--jobs", "1", *unsafe)
        counts[unsafe] = fixable_count(out)
        assert counts[unsafe] == fixed_count(err) > 100
    assert counts[("--unsafe-fixes",)] > counts[()]
    _, _, err = run(capsys, "check", "articles", "--fix", "--jobs", "1")
    assert fixed_count(err) == counts[()]


def test_fix_says_apart_the_findings_its_fixes_uncovered(tmp_path, capsys):
    # Fixes can uncover findings the report did not have: "&amp;amp;" decoded once is
    # "&amp;", which the next round decodes; the report counted one finding.
    path = tmp_path / "article.txt"
    path.write_text(
        "The council voted on Tuesday to close the old bridge to cars, officials said.\n\n"
        "Repairs by Smith &amp;amp; Sons will take three years, the mayor said.\n",
        encoding="utf-8",
    )
    _, out, _ = run(capsys, "check", str(path), "--exit-zero")
    assert fixable_count(out) == 1
    _, _, err = run(capsys, "check", str(path), "--fix")
    assert err.strip().endswith("Fixed 1 finding in 1 file (and 1 finding the fixes uncovered)."), (
        err
    )
    assert "Smith & Sons" in path.read_text(encoding="utf-8")
