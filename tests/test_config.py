"""Settings: config file discovery, validation, severities, options, rule paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.checking.checker import Checker
from newslint.config.selection import rule_options
from newslint.config.settings import (
    ConfigError,
    Settings,
    find_config,
    load_settings,
    settings_from_mapping,
)
from newslint.model.finding import Severity

PYPROJECT = """\
[project]
name = "corpus-fr"

[tool.newslint]
select = ["D", "H"]
extend_select = ["T005"]
ignore = ["H002"]
fail-on = "error"
language = "fr"
rule-paths = ["house-rules"]

[tool.newslint.severity]
T001 = "warning"

[tool.newslint.options.d002]
threshold = 90
"""

YAML = """\
# newslint settings for the French corpus
select: [D, H]
extend-select: T005
ignore: [h002]
fail-on: error
language: fr
rule-paths: [house-rules, /opt/newslint/rules]
severity:
  t001: warning
options:
  D002: {threshold: 90}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def subfolder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "2022" / "janvier"
    folder.mkdir(parents=True)
    return folder


@pytest.mark.parametrize(("name", "text"), [("newslint.yaml", YAML), ("pyproject.toml", PYPROJECT)])
def test_config_is_found_from_a_subfolder_upward(tmp_path, subfolder, name, text):
    config = write(tmp_path / name, text)
    assert find_config(subfolder) == config
    settings = load_settings(cwd=subfolder)
    assert settings.config_path == config
    assert settings.select == ("D", "H")
    assert settings.extend_select == ("T005",)
    assert settings.ignore == ("H002",)
    assert settings.fail_on is Severity.ERROR
    assert settings.language == "fr"
    assert settings.severity == {"T001": Severity.WARNING}
    assert settings.options == {"D002": {"threshold": 90}}
    assert settings.rule_paths[0] == tmp_path / "house-rules"


@pytest.mark.parametrize("name", ["newslint.yml", ".newslint.yaml"])
def test_other_config_file_names(tmp_path, subfolder, name):
    config = write(tmp_path / name, "select: [Q]\n")
    assert find_config(subfolder) == config
    assert load_settings(cwd=subfolder).select == ("Q",)


def test_a_pyproject_without_a_newslint_table_is_passed_over(tmp_path, subfolder):
    config = write(tmp_path / "newslint.yaml", "select: [Q]\n")
    write(tmp_path / "corpus" / "pyproject.toml", '[project]\nname = "corpus"\n')
    assert find_config(subfolder) == config


def test_the_nearest_config_wins(tmp_path, subfolder):
    write(tmp_path / "newslint.yaml", "select: [Q]\n")
    nearer = write(tmp_path / "corpus" / "pyproject.toml", '[tool.newslint]\nselect = ["T"]\n')
    assert find_config(subfolder) == nearer
    assert load_settings(cwd=subfolder).select == ("T",)


def test_newslint_yaml_wins_over_pyproject_in_the_same_folder(tmp_path):
    config = write(tmp_path / "newslint.yaml", "select: [Q]\n")
    write(tmp_path / "pyproject.toml", '[tool.newslint]\nselect = ["T"]\n')
    assert find_config(tmp_path) == config


def test_no_config_file_gives_the_defaults(tmp_path):
    if find_config(tmp_path) is not None:
        pytest.skip(f"a config file above {tmp_path} is in the way")
    assert load_settings(cwd=tmp_path) == Settings()


def test_an_explicit_config_path_skips_discovery(tmp_path, subfolder):
    write(tmp_path / "newslint.yaml", "select: [Q]\n")
    chosen = write(tmp_path / "elsewhere" / "strict.yaml", "select: [D001]\nfail-on: info\n")
    settings = load_settings(chosen, cwd=subfolder)
    assert settings.select == ("D001",)
    assert settings.fail_on is Severity.INFO
    assert settings.config_path == chosen


def test_an_empty_newslint_yaml_and_an_empty_table_give_the_defaults(tmp_path):
    empty_yaml = write(tmp_path / "a" / "newslint.yaml", "# nothing yet\n")
    empty_table = write(tmp_path / "b" / "pyproject.toml", "[tool.newslint]\n")
    assert load_settings(empty_yaml) == Settings(config_path=empty_yaml)
    assert load_settings(empty_table) == Settings(config_path=empty_table)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("newslint.yaml", "select: [D]\nselcet: [H]\n"),
        ("pyproject.toml", '[tool.newslint]\nselect = ["D"]\nselcet = ["H"]\n'),
    ],
)
def test_unknown_keys_are_an_error_naming_the_file_and_the_known_keys(tmp_path, name, text):
    # A key no plugin declares either: known once the plugins are, when the Checker is built.
    config = write(tmp_path / name, text)
    with pytest.raises(ConfigError) as caught:
        Checker(load_settings(config), load_entry_points=False)
    message = str(caught.value)
    assert str(config) in message
    assert "selcet" in message and "did you mean 'select'?" in message
    assert "extend-select" in message and "rule-paths" in message
    assert "languagetool" in message  # the G plugin's settings are known keys too


def test_underscores_and_dashes_are_the_same_key():
    settings = settings_from_mapping(
        {"extend_select": ["T005"], "rule-paths": ["r"], "fail_on": "info"}, Path("/c"), None
    )
    assert settings.extend_select == ("T005",)
    assert settings.rule_paths == (Path("/c/r"),)
    assert settings.fail_on is Severity.INFO


def test_codes_may_be_a_comma_separated_string_and_are_upper_cased():
    settings = settings_from_mapping({"select": "d, h001,", "ignore": ["q"]}, Path("."), None)
    assert settings.select == ("D", "H001")
    assert settings.ignore == ("Q",)


def test_severity_overrides_are_parsed():
    settings = settings_from_mapping(
        {"severity": {"x001": "WARNING", "T005": "error"}}, Path("."), None
    )
    assert settings.severity == {"X001": Severity.WARNING, "T005": Severity.ERROR}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"severity": {"T001": "fatal"}}, "'fatal'"),
        ({"fail-on": "never"}, "'never'"),
        ({"select": 12}, "expected a list"),
        ({"options": {"D002": 90}}, "configuration"),
    ],
)
def test_bad_values_are_config_errors(raw, expected):
    with pytest.raises(ConfigError, match=expected):
        settings_from_mapping(raw, Path("."), None)


def test_options_are_merged_over_the_rule_defaults(shouting_plugin):
    rule = shouting_plugin.shouting_line
    settings = settings_from_mapping({"options": {"zzz001": {"min-words": 2}}}, Path("."), None)
    assert rule_options(rule, settings) == {"min-words": 2}
    assert rule_options(rule, Settings()) == {"min-words": 4}


def test_rule_paths_are_relative_to_the_config_file_not_the_cwd(tmp_path, subfolder, monkeypatch):
    write(tmp_path / "newslint.yaml", "rule-paths: [house-rules, ../shared-rules]\n")
    monkeypatch.chdir(subfolder)
    settings = load_settings()
    assert settings.rule_paths == (tmp_path / "house-rules", tmp_path / "../shared-rules")


def test_absolute_rule_paths_stay_absolute(tmp_path):
    config = write(tmp_path / "newslint.yaml", YAML)
    assert load_settings(config).rule_paths[1] == Path("/opt/newslint/rules")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("newslint.yaml", "select: [D\n", "cannot read"),
        ("newslint.yaml", "- D\n- H\n", "expected a mapping"),
        ("pyproject.toml", "[tool.newslint\n", "cannot read"),
    ],
)
def test_unreadable_config_files_are_config_errors(tmp_path, name, text, expected):
    config = write(tmp_path / name, text)
    with pytest.raises(ConfigError, match=expected):
        load_settings(config)


def test_a_missing_explicit_config_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(tmp_path / "newslint.yaml")


def test_with_overrides_keeps_values_given_as_none():
    base = Settings(select=("D",), fail_on=Severity.ERROR)
    changed = base.with_overrides(select=None, ignore=("D002",), fail_on=None)
    assert changed == Settings(select=("D",), ignore=("D002",), fail_on=Severity.ERROR)
    assert base.ignore == ()
