"""The command line as a ruff user expects it: --output-format, accumulating selectors,
errors that name the valid values, the fixable marker and line, --stdin-filename,
per-file-ignores, bare ``newslint``, ``newslint rules``."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from newslint.cli import main as cli

LEAD = (
    "Après une conversation téléphonique entre les chefs des affaires étrangères, "
    "Washington a admis ne pas avoir obtenu les engagements russes."
)
HASHTAGS = "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes #russesfrontière"
RELATED = "Lire aussi Affrontement entre la Russie et les États-Unis à l'ONU"
# H001 (safe fix), H002 (no fix), B001 (safe fix), M003 (unsafe fix: "le le")
ARTICLE = (
    f"{LEAD}\n{HASHTAGS}\n{RELATED}\n"
    "Le secrétaire d'État a parlé avec le le ministre russe pendant une heure.\n"
)


@pytest.fixture
def article(cli_plugins) -> str:
    Path("article.txt").write_text(ARTICLE, encoding="utf-8")
    return "article.txt"


def codes(out: str) -> list[str]:
    return [line.split(": ")[1].split()[0] for line in out.splitlines() if ": " in line]


def test_output_format_and_its_alias_format(capsys, article):
    _, by_new_name, _ = run_cli(capsys, "check", article, "--output-format", "json")
    _, by_alias, _ = run_cli(capsys, "check", article, "--format", "json")
    assert json.loads(by_new_name) == json.loads(by_alias) != []


def test_an_unknown_output_format_names_the_known_ones(capsys, article):
    code, _, err = run_cli(capsys, "check", article, "--output-format", "teletype")
    assert code == 2
    assert "unknown format 'teletype'; known formats: github, json, jsonl, junit, sarif" in err


@pytest.mark.parametrize("flag", ["--select", "--extend-select"])
def test_repeated_selectors_accumulate(capsys, article, flag):
    base = ["--select", "X"] if flag == "--extend-select" else []
    _, out, _ = run_cli(capsys, "check", article, *base, flag, "H001", flag, "B001", "-q")
    assert set(codes(out)) == {"H001", "B001"}


def test_repeated_ignores_accumulate(capsys, article):
    _, out, _ = run_cli(capsys, "check", article, "--ignore", "H", "--ignore", "B001,M", "-q")
    found = set(codes(out))
    assert found and not {c for c in found if c[0] in "HM" or c == "B001"}


@pytest.mark.parametrize("flag", ["--select", "--extend-select", "--ignore"])
def test_an_unknown_selector_is_an_error_in_every_flag(capsys, article, flag):
    code, out, err = run_cli(capsys, "check", article, flag, "QQ")
    assert (code, out) == (2, "")
    assert f"{flag[2:]}: selector 'QQ' matches no rule" in err


@pytest.mark.parametrize("key", ["select", "extend-select", "ignore"])
def test_an_unknown_selector_in_the_config_is_an_error(capsys, article, key):
    Path("newslint.yaml").write_text(f"{key}: [H, QQ]\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "check", article)
    assert (code, out) == (2, "")
    assert f"{key}: selector 'QQ' matches no rule" in err


def test_an_unknown_language_tag_is_a_clear_error(capsys, article):
    with pytest.raises(SystemExit) as caught:
        run_cli(capsys, "check", article, "--language", "xx")
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "argument --language: unknown language tag 'xx': expected an ISO 639 code" in err


@pytest.mark.parametrize("tag", ["fr", "FR", "fr-CA", "pt_BR", "zh"])
def test_known_language_tags_are_accepted(capsys, article, tag):
    assert run_cli(capsys, "check", article, "--language", tag, "-q")[0] == 1


@pytest.mark.parametrize(
    ("tag", "said"),
    [("xx", "unknown language tag 'xx'"), ("french", "'french' is not a language tag")],
)
def test_an_unknown_language_in_the_config_is_an_error(capsys, article, tag, said):
    Path("newslint.yaml").write_text(f"language: {tag}\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", article)
    assert code == 2 and said in err


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--fail-on", "warn"], "unknown severity 'warn' (expected one of: info, warning, error)"),
        (["--column-unit", "bytes"], "(choose from 'char', 'byte', 'utf-16')"),
        (["--input-format", "xml"], "(choose from 'text', 'jsonl', 'csv')"),
    ],
)
def test_enumerated_choices_are_named_in_errors(capsys, article, argv, named):
    with pytest.raises(SystemExit) as caught:
        run_cli(capsys, "check", article, *argv)
    assert caught.value.code == 2
    assert named in capsys.readouterr().err


def test_a_bad_severity_in_the_config_names_the_valid_ones(capsys, article):
    Path("newslint.yaml").write_text("fail-on: warn\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", article)
    assert code == 2
    assert "unknown severity 'warn' (expected one of: info, warning, error)" in err


def test_fixable_findings_are_marked_and_counted(capsys, article):
    code, out, _ = run_cli(capsys, "check", article, "--select", "H,B001,M003")
    lines = out.splitlines()
    assert code == 1
    by_code = {line.split(": ", 1)[1].split()[0]: line for line in lines if ": " in line}
    assert " H001 [*] " in by_code["H001"] and " B001 [*] " in by_code["B001"]
    assert "[*]" not in by_code["H002"]  # no fix
    assert "[*]" not in by_code["M003"]  # unsafe: not applied by --fix alone
    assert lines[-1] == (
        "[*] 2 fixable with the --fix option "
        "(1 hidden fix can be enabled with the --unsafe-fixes option)."
    )


def test_unsafe_fixes_count_as_fixable_with_unsafe_fixes(capsys, article):
    # --unsafe-fixes alone reports (as ruff does); with --diff it would show them
    _, out, _ = run_cli(capsys, "check", article, "--select", "M003", "--unsafe-fixes")
    assert " M003 [*] " in out
    assert out.splitlines()[-1] == "[*] 1 fixable with the --fix option."


def test_statistics_mark_the_fixable_codes(capsys, article):
    _, out, _ = run_cli(capsys, "check", article, "--select", "H,B001,M003", "--statistics")
    rows = {line.split()[1]: line for line in out.splitlines() if " findings " not in line}
    del rows["2"]  # the closing "[*] 2 fixable ..." line
    assert "[*] hashtag-line" in rows["H001"] and "[*] related-link" in rows["B001"]
    assert "[*]" not in rows["H002"] and "[*]" not in rows["M003"]
    # aligned: the names start in one column
    assert len({line.index(line.split()[-1]) for line in rows.values()}) == 1
    assert out.splitlines()[-1].startswith("[*] 2 fixable with the --fix option")


def test_stdin_filename_names_standard_input(capsys, cli_plugins, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    argv = ["check", "-", "--stdin-filename", "news/2022/article.md", "--select", "H001", "-q"]
    code, out, _ = run_cli(capsys, *argv)
    assert code == 1
    assert out.startswith("news/2022/article.md:2:1: H001 [*] line of 5 hashtags")


def test_per_file_ignores_apply_to_standard_input_by_its_filename(capsys, cli_plugins, monkeypatch):
    Path("newslint.yaml").write_text("per-file-ignores:\n  'news/**': [H]\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    argv = ["check", "-", "--stdin-filename", "news/2022/article.md", "--select", "H", "-q"]
    assert run_cli(capsys, *argv)[:2] == (0, "")


def test_per_file_ignores_take_globs_relative_to_the_config(capsys, cli_plugins, monkeypatch):
    config = "per-file-ignores:\n  'archive/*.txt': [H001, B]\n  '*.md': [ALL]\n"
    Path("newslint.yaml").write_text(config, encoding="utf-8")
    for name in ("archive/old.txt", "live/new.txt", "live/notes.md"):
        Path(name).parent.mkdir(exist_ok=True)
        Path(name).write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir("live")  # globs stay relative to the config file's folder
    _, out, _ = run_cli(capsys, "check", "../archive/old.txt", "new.txt", "notes.md", "-q")
    found = {(line.split(":")[0], line.split(": ")[1].split()[0]) for line in out.splitlines()}
    assert ("../archive/old.txt", "H002") in found
    assert not {("../archive/old.txt", "H001"), ("../archive/old.txt", "B001")} & found
    # The related link is B001, or B015 when the structure view takes the short page's
    # last lines for a block of links (one finding per defect: the block then holds it).
    assert ("new.txt", "H001") in found
    assert {("new.txt", "B001"), ("new.txt", "B015")} & found
    assert not [f for f in found if f[0] == "notes.md"]


def test_per_file_ignores_must_be_a_mapping(capsys, article):
    Path("newslint.yaml").write_text("per-file-ignores: [H001]\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", article)
    assert code == 2 and "per-file-ignores: expected a mapping of glob to codes" in err


def test_bare_newslint_prints_the_help(capsys):
    code = cli.main([])
    out = capsys.readouterr().out
    assert code == 2
    assert out.startswith("usage: newslint")
    for command in ("check", "clean", "rules", "rule", "server"):
        assert f"    {command} " in out


def test_rules_lists_full_one_line_summaries_in_aligned_columns(capsys, cli_plugins):
    code, out, _ = run_cli(capsys, "rules")
    assert code == 0
    lines = out.splitlines()
    related = next(line for line in lines if line.startswith("B001 "))
    # the YAML doc's first sentence, whole, not its first wrapped line; then how many of
    # its patterns the compiled core cannot match (they run on the Python path)
    assert related.endswith(
        '("Story Timeline", "Most read", "Don\'t Miss", "Les plus lus"). '
        "[8 patterns on the Python path]"
    )
    summaries = {line.split()[0]: line for line in lines}
    start = {line.index(summaries_text) for line, summaries_text in _summary_starts(lines)}
    assert len(start) == 1, "the summaries must start in one column"
    assert "opt-in" in summaries["G001"] and "fix" in summaries["B001"]


def _summary_starts(lines: list[str]) -> list[tuple[str, str]]:
    from newslint.config.selection import Registry
    from newslint.plugins import plugin_manager

    pm = plugin_manager(load_entry_points=False)
    from newslint.config.settings import Settings

    registry = Registry(r for batch in pm.hook.newslint_rules(settings=Settings()) for r in batch)
    return [(line, registry.get(line.split()[0]).summary) for line in lines]


def test_rules_as_json(capsys, cli_plugins):
    code, out, _ = run_cli(capsys, "rules", "--output-format", "json")
    assert code == 0
    rules = {rule["code"]: rule for rule in json.loads(out)}
    assert rules["D001"] == {
        "code": "D001",
        "name": "duplicate-paragraph",
        "severity": "error",
        "languages": None,
        "fixable": True,
        "default_enabled": True,
        "summary": "A paragraph that repeats an earlier paragraph word for word.",
    }
    assert rules["Q004"]["languages"] == ["fr"]
    assert rules["G001"]["default_enabled"] is False
