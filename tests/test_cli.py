"""Command line: ``newslint check / rules / rule``, flags, exit codes, config discovery.

Every run here selects its rules (mostly ZZZ001 from the test plugin and X001), so
that rules added to newslint later do not change what these tests see.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from newslint import __version__, hookimpl
from newslint.checking import checker as api
from newslint.cli import main as cli

SHOUTING = (
    "LA RUSSIE MASSE DES TROUPES À LA FRONTIÈRE UKRAINIENNE\n"
    "Le secrétaire d'État américain Antony Blinken a appelé Moscou à la désescalade.\n"
)
CLEAN = "Le secrétaire d'État américain Antony Blinken a appelé Moscou à la désescalade.\n"
FINDING = "1:1: ZZZ001 line written entirely in capitals"
HOUSE_RULE = """\
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


@pytest.fixture(autouse=True)
def plugins(monkeypatch, tmp_path, shouting_plugin) -> dict[str, object]:
    """Runs ``main`` in an empty temporary folder with the built-in plugins plus the
    ones in the returned dict (the shouting plugin to start with), no entry points."""
    extra: dict[str, object] = {"shouting": shouting_plugin}
    real = api.plugin_manager

    def plugin_manager(blocked=(), load_entry_points=True):
        pm = real(blocked=blocked, load_entry_points=False)
        for name, plugin in extra.items():
            if not pm.is_blocked(name):
                pm.register(plugin, name=name)
        return pm

    monkeypatch.setattr(api, "plugin_manager", plugin_manager)
    monkeypatch.chdir(tmp_path)
    return extra


def write(path: Path | str, text: str) -> str:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_input_exits_0(capsys):
    path = write("clean.txt", CLEAN)
    assert run(capsys, "check", "--select", "ZZZ,X", path) == (
        0,
        "All clear: no findings in 1 document.\n",
        "",
    )


def test_findings_exit_1_and_print_path_line_col_code_message(capsys):
    path = write("breaking.txt", SHOUTING)
    code, out, err = run(capsys, "check", "--select", "ZZZ,X", path)
    assert code == 1
    lines = out.splitlines()
    assert lines[:-1] == [f"breaking.txt:{FINDING}"]
    assert lines[-1].startswith("Found 1 finding") and lines[-1].endswith(" in 1 document.")
    assert err == ""


def test_the_real_example_article_is_valid_utf8(capsys, example_article):
    assert run(capsys, "check", "--select", "X", str(example_article))[0] == 0


def test_ignore_drops_a_selected_rule(capsys):
    path = write("breaking.txt", SHOUTING)
    code, out, _ = run(capsys, "check", "--select", "ZZZ,X", "--ignore", "zzz001", path)
    assert (code, out) == (0, "All clear: no findings in 1 document.\n")


def test_extend_select_adds_to_the_selection(capsys):
    path = write("breaking.txt", SHOUTING)
    assert run(capsys, "check", "--select", "X001", "--extend-select", "ZZZ", path)[0] == 1


def test_a_selector_matching_no_rule_exits_2(capsys):
    path = write("clean.txt", CLEAN)
    code, out, err = run(capsys, "check", "--select", "ZZZ,NOPE9", path)
    assert code == 2
    assert out == ""
    assert (
        err == "newslint: error: select: selector 'NOPE9' matches no rule (see `newslint rules`)\n"
    )


@pytest.mark.parametrize(
    ("severity", "fail_on", "expected"),
    [
        ("warning", None, 1),
        ("warning", "error", 0),
        ("warning", "info", 1),
        ("info", None, 0),
        ("info", "info", 1),
        ("error", "error", 1),
    ],
)
def test_fail_on_sets_the_lowest_failing_severity(capsys, severity, fail_on, expected):
    write("newslint.yaml", f"severity:\n  ZZZ001: {severity}\n")
    path = write("breaking.txt", SHOUTING)
    flags = ["--fail-on", fail_on] if fail_on else []
    code, out, _ = run(capsys, "check", "--select", "ZZZ", *flags, path)
    assert code == expected
    assert FINDING in out  # the finding is printed whether or not it fails the run


def test_exit_zero_prints_findings_and_exits_0(capsys):
    path = write("breaking.txt", SHOUTING)
    code, out, _ = run(capsys, "check", "--select", "ZZZ", "--exit-zero", path)
    assert code == 0
    assert FINDING in out


def test_an_unknown_format_lists_the_known_ones_and_exits_2(capsys):
    path = write("clean.txt", CLEAN)
    code, out, err = run(capsys, "check", "--format", "teletype", "--select", "ZZZ", path)
    assert code == 2
    assert out == ""
    prefix = "newslint: error: unknown format 'teletype'; known formats: "
    assert err.startswith(prefix) and err.endswith("\n")
    known = err[len(prefix) : -1].split(", ")
    assert {"json", "text"} <= set(known)
    assert known == sorted(known)


def test_json_format(capsys):
    path = write("breaking.txt", SHOUTING)
    code, out, _ = run(capsys, "check", "--format", "json", "--select", "ZZZ", path)
    assert code == 1
    [item] = json.loads(out)
    assert (item["path"], item["line"], item["code"], item["severity"]) == (
        "breaking.txt",
        1,
        "ZZZ001",
        "warning",
    )


def test_a_missing_path_exits_2_but_the_other_paths_are_linted(capsys):
    path = write("breaking.txt", SHOUTING)
    code, out, err = run(capsys, "check", "--select", "ZZZ", "absent.txt", path, "gone/")
    assert code == 2
    assert f"breaking.txt:{FINDING}" in out
    assert out.endswith("in 1 document; 2 paths not found.\n")
    assert err.splitlines() == [
        "newslint: error: absent.txt: no such file or folder",
        "newslint: error: gone/: no such file or folder",
    ]


def test_a_missing_path_still_gives_valid_json(capsys):
    code, out, _ = run(capsys, "check", "--format", "json", "--select", "ZZZ", "absent.txt")
    assert code == 2
    assert json.loads(out) == []


def test_dash_reads_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SHOUTING.encode())))
    code, out, _ = run(capsys, "check", "--select", "ZZZ", "-")
    assert code == 1
    assert out.splitlines()[0] == f"-:{FINDING}"


def test_folders_are_linted_recursively(capsys):
    write("corpus/a.txt", SHOUTING)
    write("corpus/2022/b.txt", CLEAN)
    write("corpus/2022/c.md", SHOUTING)
    write("corpus/notes.json", SHOUTING)
    code, out, _ = run(capsys, "check", "--select", "ZZZ", "corpus")
    assert code == 1
    lines = out.splitlines()
    assert lines[:-1] == [
        f"{os.path.join('corpus', 'a.txt')}:{FINDING}",
        f"{os.path.join('corpus', '2022', 'c.md')}:{FINDING}",
    ]
    assert lines[-1].startswith("Found 2 findings") and lines[-1].endswith(" in 3 documents.")


def test_check_without_paths_lints_the_current_folder(capsys):
    write("sub/breaking.txt", SHOUTING)
    code, out, _ = run(capsys, "check", "--select", "ZZZ")
    assert code == 1
    assert "breaking.txt:1:1: ZZZ001" in out


def test_invalid_utf8_is_an_error_finding(capsys):
    Path("latin1.txt").write_bytes("Sergueï Lavrov a démenti.\n".encode("latin-1"))
    code, out, _ = run(capsys, "check", "--select", "X001", "latin1.txt")
    assert code == 1
    assert out.startswith("latin1.txt:1:7: X001 invalid UTF-8 at byte 6: ")


def test_rules_lists_every_code(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    codes = [line.split()[0] for line in out.splitlines()]
    assert codes == sorted(codes)
    assert {"X001", "X900", "ZZZ001"} <= set(codes)
    [shouting] = [line for line in out.splitlines() if line.startswith("ZZZ001")]
    assert shouting.split()[1:4] == ["shouting-line", "warning", "all"]
    assert shouting.endswith("A line written entirely in capital letters.")


def test_rules_honours_blocked_plugins(capsys):
    code, out, _ = run(capsys, "rules", "-p", "no:newslint.rules", "-p", "no:shouting")
    assert code == 0
    codes = {line.split()[0] for line in out.splitlines()}
    assert not codes & {"X001", "X900", "ZZZ001"}


@pytest.mark.parametrize("name", ["X001", "x001", "unreadable-input"])
def test_rule_prints_the_documentation(capsys, name):
    code, out, _ = run(capsys, "rule", name)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "X001 unreadable-input"
    assert lines[1].startswith("severity: error")
    assert "What it flags:" in out
    assert "Why it matters:" in out


def test_rule_of_a_plugin(capsys):
    code, out, _ = run(capsys, "rule", "ZZZ001")
    assert code == 0
    assert "defined in: newslint_shouting" in out
    assert "LA RUSSIE MASSE DES TROUPES" in out


def test_an_unknown_rule_exits_2(capsys):
    assert run(capsys, "rule", "NOPE") == (
        2,
        "",
        "newslint: error: no rule 'NOPE' (see `newslint rules`)\n",
    )


def test_config_is_found_from_the_current_folder_upward(capsys, tmp_path, monkeypatch):
    write("newslint.yaml", "select: [ZZZ]\n")
    write("2022/janvier/breaking.txt", SHOUTING)
    monkeypatch.chdir(tmp_path / "2022" / "janvier")
    code, out, _ = run(capsys, "check", "breaking.txt")
    assert code == 1
    assert out.splitlines()[0] == f"breaking.txt:{FINDING}"


def test_config_in_pyproject_and_flags_override_it(capsys, tmp_path, monkeypatch):
    write("pyproject.toml", '[tool.newslint]\nselect = ["ZZZ"]\nignore = ["ZZZ001"]\n')
    write("sub/breaking.txt", SHOUTING)
    monkeypatch.chdir(tmp_path / "sub")
    assert run(capsys, "check", "breaking.txt")[0] == 0
    assert run(capsys, "check", "--ignore", "X", "breaking.txt")[0] == 1


def test_an_explicit_config_file(capsys):
    write("newslint.yaml", "select: [X]\n")
    write("strict/newslint.yaml", "select: [ZZZ]\nfail-on: error\n")
    path = write("breaking.txt", SHOUTING)
    code, out, _ = run(capsys, "check", "--config", "strict/newslint.yaml", path)
    assert code == 0
    assert FINDING in out


def test_rule_paths_of_the_config_are_relative_to_it(capsys, tmp_path, monkeypatch):
    write("newslint.yaml", "select: [ZZY]\nrule-paths: [house-rules]\n")
    write("house-rules/agency_credit.yaml", HOUSE_RULE)
    write("2022/kiev.txt", "Kiev attend des garanties.\nAFP\n")
    monkeypatch.chdir(tmp_path / "2022")
    code, out, err = run(capsys, "check", "kiev.txt")
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == "kiev.txt:2:1: ZZY001 agency credit left on its own line: 'AFP'"


def test_a_broken_rule_file_exits_2_and_the_other_rules_still_run(capsys):
    write("house/agency_credit.yaml", HOUSE_RULE)
    write("house/broken.yaml", "code: ZZY002\nname: [unclosed\n")
    path = write("breaking.txt", SHOUTING + "Reuters\n")
    code, out, err = run(capsys, "check", "--rule-path", "house", "--select", "ZZ", path)
    assert code == 2
    assert "broken.yaml" in err and err.startswith("newslint: error: ")
    assert out.splitlines()[:2] == [
        f"breaking.txt:{FINDING}",
        "breaking.txt:3:1: ZZY001 agency credit left on its own line: 'Reuters'",
    ]


def test_a_bad_config_file_exits_2(capsys):
    write("newslint.yaml", "selcet: [ZZZ]\n")
    code, out, err = run(capsys, "rules")
    assert (code, out) == (2, "")
    assert err.startswith("newslint: error: ") and "selcet" in err


@pytest.mark.parametrize(
    "argv", [["lint"], ["check", "--fail-on", "fatal"], ["rule"], ["check", "--nope"]]
)
def test_bad_usage_exits_2(capsys, argv):
    with pytest.raises(SystemExit) as caught:
        cli.main(argv)
    assert caught.value.code == 2
    assert "usage: newslint" in capsys.readouterr().err


def test_version(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"newslint {__version__}\n"


class NoisyPlugin:
    """A plugin whose dependency warns while its rules load."""

    @hookimpl
    def newslint_rules(self, settings):
        warnings.warn("pkg_resources is deprecated as an API", DeprecationWarning, stacklevel=1)
        return []


class BrokenPlugin:
    @hookimpl
    def newslint_rules(self, settings):
        raise RuntimeError("cannot load my rules")


def test_an_unrelated_warning_while_rules_load_is_not_a_rule_error(capsys, plugins):
    plugins["noisy"] = NoisyPlugin()
    path = write("clean.txt", CLEAN)
    code, _, err = run(capsys, "check", "--select", "ZZZ", path)
    assert "newslint: error" not in err
    assert code == 0


def test_a_crashing_plugin_exits_2(capsys, plugins):
    plugins["broken"] = BrokenPlugin()
    path = write("clean.txt", CLEAN)
    code, _, err = run(capsys, "check", "--select", "ZZZ", path)
    assert code == 2
    assert "cannot load my rules" in err


def test_a_p_option_without_no_prefix_is_a_usage_error(capsys):
    code, _, err = run(capsys, "rules", "-p", "newslint_shouting")
    assert code == 2
    assert "no:" in err


# --- the installed console script, in a child process


def console_script() -> str:
    beside = Path(sys.executable).with_name("newslint")
    found = str(beside) if beside.exists() else shutil.which("newslint")
    if found is None:
        pytest.fail("the newslint console script is not installed")
    return found


def test_the_console_script(tmp_path):
    Path(tmp_path, "latin1.txt").write_bytes("Sergueï Lavrov a démenti.\n".encode("latin-1"))
    write(tmp_path / "clean.txt", CLEAN)
    result = subprocess.run(
        [console_script(), "check", "--select", "X", "latin1.txt", "clean.txt", "absent.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert lines[:-1] == [
        "latin1.txt:1:7: X001 invalid UTF-8 at byte 6: b'\\xef La' (decoded with replacement "
        "characters)",
    ]
    assert lines[-1].startswith("Found 1 finding") and lines[-1].endswith(
        " in 2 documents; 1 path not found."
    )
    assert result.stderr == "newslint: error: absent.txt: no such file or folder\n"


@pytest.mark.parametrize("argv", [["rules"], ["check", "--select", "X", "latin1.txt"]])
def test_a_closed_stdout_ends_quietly(tmp_path, argv):
    # `newslint check corpus | head`: the reader goes away before newslint is done
    Path(tmp_path, "latin1.txt").write_bytes("Sergueï Lavrov a démenti.\n".encode("latin-1"))
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [console_script(), *argv],
            cwd=tmp_path,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode != 0


def test_rule_says_which_texts_a_rule_needs(capsys):
    code, out, _ = run(capsys, "rule", "H004")
    assert code == 0
    assert "runs only on texts containing one of: 'pic.twitter.com/', 't.co/' (any case)" in out
