"""What newslint says when the user gets something wrong: a missing path named (and
never "All clear"), "did you mean" for misspelt options, commands, choices, rules and
paths, usage errors in two lines, a missing extra named with the command that installs
it, plurals right, and one exception base for every error that is the user's to fix."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from newslint.cli import main as cli

ARTICLE = "Le ministre a parlé mardi à Paris devant la presse.\n"


@pytest.fixture(autouse=True)
def builtin_plugins_only(cli_plugins: dict[str, object]) -> None:
    """``main`` runs in an empty temporary folder with the built-in plugins only."""


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """The lines a usage error prints on stderr (exit code 2, nothing on stdout)."""
    with pytest.raises(SystemExit) as caught:
        cli.main(list(argv))
    out, err = capsys.readouterr()
    assert (caught.value.code, out) == (2, "")
    return err.splitlines()


# --- missing paths


def test_a_missing_path_is_named_and_nothing_is_called_clear(capsys):
    code, out, err = run_cli(capsys, "check", "nosuch.txt")
    assert code == 2
    assert err == "newslint: error: nosuch.txt: no such file or folder\n"
    assert out == "Nothing checked: 1 path not found.\n"
    assert "All clear" not in out


def test_a_missing_path_beside_others_is_in_the_summary(capsys):
    Path("article.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", "article.txt", "gone.txt", "--select", "T001")
    assert code == 2
    assert out == "All clear: no findings in 1 document; 1 path not found.\n"


def test_a_misspelt_path_gets_the_closest_name(capsys):
    Path("dépêche-afp.txt").write_text(ARTICLE, encoding="utf-8")
    _, _, err = run_cli(capsys, "check", "dépêche-afp.tx")
    assert err == (
        "newslint: error: dépêche-afp.tx: no such file or folder "
        "(did you mean 'dépêche-afp.txt'?)\n"
    )


# --- did you mean, and short usage errors


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["check", "--selct", "D", "x.txt"],
            "unrecognized argument: --selct (did you mean '--select'?)",
        ),
        (
            ["check", "--ignroe=Q", "x.txt"],
            "unrecognized argument: --ignroe=Q (did you mean '--ignore'?)",
        ),
        (["chek", "x.txt"], "invalid choice: 'chek' (choose from"),
        (["chek", "x.txt"], "(did you mean 'check'?)"),
        (
            ["check", "--fail-on", "warn"],
            "unknown severity 'warn' (expected one of: info, warning, error) (did you mean 'warning'?)",
        ),
        (["check", "--column-unit", "bytes"], "(did you mean 'byte'?)"),
        (["clean", "--input-format", "jsnl", "-o", "o.jsonl", "x"], "(did you mean 'jsonl'?)"),
    ],
)
def test_misspellings_get_did_you_mean(capsys, argv, said):
    first, *_ = usage_error(capsys, *argv)
    assert said in first


@pytest.mark.parametrize(
    "argv",
    [["check", "--fail-on", "fatal"], ["check", "--nope"], ["rule"], ["lint"], ["clean", "x"]],
)
def test_a_usage_error_is_two_lines_not_the_whole_usage(capsys, argv):
    error, usage = usage_error(capsys, *argv)
    assert error.startswith("newslint") and ": error: " in error
    assert usage.startswith("usage: newslint") and "--help" in usage


def test_a_misspelt_format_or_rule_gets_did_you_mean(capsys):
    Path("article.txt").write_text(ARTICLE, encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "article.txt", "--format", "jsn")
    assert code == 2 and "unknown format 'jsn' (did you mean 'json'?)" in err
    code, _, err = run_cli(capsys, "rule", "D01")
    assert code == 2 and "no rule 'D01' (did you mean 'D001'?)" in err


# --- a missing extra


def test_parquet_without_pyarrow_names_the_extra_before_any_work(capsys, monkeypatch):
    Path("news.parquet").write_bytes(b"PAR1 not really")
    for name in [m for m in sys.modules if m == "pyarrow" or m.startswith("pyarrow.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    code, out, err = run_cli(capsys, "check", "news.parquet", "--format", "json")
    assert (code, out) == (2, "")
    assert err.startswith(
        "newslint: error: reading Parquet (news.parquet) needs the [parquet] extra"
    )
    assert "pip install 'newslint[parquet]'" in err and "pip install '.[parquet]'" in err
    assert "X001" not in err


def test_parquet_without_pyarrow_inside_a_folder_stops_the_run(capsys, monkeypatch):
    Path("corpus").mkdir()
    Path("corpus/news.parquet").write_bytes(b"PAR1 not really")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    code, _, err = run_cli(capsys, "check", "corpus")
    assert code == 2 and "pip install 'newslint[parquet]'" in err


# --- plurals


def test_counts_are_singular_for_one(capsys, example_article):
    Path("article.txt").write_bytes(example_article.read_bytes())
    one = ("article.txt", "--select", "H001")
    _, out, _ = run_cli(capsys, "check", *one, "--statistics")
    assert out.splitlines()[-2:] == [
        "1 finding in 1 document",
        "[*] 1 fixable with the --fix option.",
    ]
    _, out, _ = run_cli(capsys, "check", *one, "--format", "github")
    assert out.splitlines()[-1] == "newslint: 1 finding in 1 document"
    _, out, _ = run_cli(capsys, "check", *one)
    assert out.splitlines()[-2] == "Found 1 finding (1 error) in 1 document."
    _, _, err = run_cli(capsys, "check", *one, "--fix")
    assert err == "Fixed 1 finding in 1 file.\n"


def test_clean_counts_are_singular_for_one(capsys):
    Path("one.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    _, _, err = run_cli(capsys, "clean", "one.jsonl", "-o", "out.jsonl", "--select", "T001")
    assert err.startswith("1 record read: 1 written to out.jsonl (0 repaired, 0 fixes), ")


# --- one base for the user's errors


def test_every_user_error_derives_from_one_base():
    from newslint.config.selection import RegistryError
    from newslint.config.settings import ConfigError
    from newslint.errors import MissingExtraError, NewslintError, UsageError
    from newslint.running.baseline import BaselineError

    for error in (ConfigError, RegistryError, UsageError, BaselineError, MissingExtraError):
        assert issubclass(error, NewslintError)
    assert not issubclass(NewslintError, (ValueError, OSError))  # not a bug's exception
