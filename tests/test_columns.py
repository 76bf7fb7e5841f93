"""``--column-unit char|byte|utf-16`` in every output with columns, on accented, emoji
and CJK lines (newslint.model.columns)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.model.columns import LineColumns, char_column, column_in, width

#: A YAML rule that flags the word MARK wherever it stands.
MARK_RULE = """\
code: ZZM001
name: mark
severity: warning
kind: pattern
scope: anywhere
message: "mark"
patterns:
  any: ["MARK"]
doc: The word MARK.
"""
#: Lines where MARK stands after accented letters, an emoji (outside the BMP: two
#: UTF-16 units, four bytes) and CJK characters (one UTF-16 unit, three bytes).
LINES = [
    "Sergueï Lavrov a démenti, déjà MARK ici.",
    "Le ministre 😀 a souri 🇺🇦 MARK.",
    "北京 和 東京 的 MARK 记者。",
    "Plain ASCII MARK.",
]


def expected(line: str, unit: str) -> tuple[int, int]:
    """Start and end columns of MARK in ``line``, counted the slow and obvious way."""
    prefix, through = line[: line.index("MARK")], line[: line.index("MARK") + 4]
    if unit == "char":
        return len(prefix) + 1, len(through) + 1
    if unit == "byte":
        return len(prefix.encode("utf-8")) + 1, len(through.encode("utf-8")) + 1
    return len(prefix.encode("utf-16-le")) // 2 + 1, len(through.encode("utf-16-le")) // 2 + 1


@pytest.fixture
def article(cli_plugins, tmp_path: Path) -> str:
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "mark.yaml").write_text(MARK_RULE, encoding="utf-8")
    (tmp_path / "article.txt").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return "article.txt"


def check(capsys, *argv: str) -> str:
    code, out, err = run_cli(capsys, "check", "--rule-path", "house", "--select", "ZZM", *argv)
    assert code == 1, err
    return out


@pytest.mark.parametrize("unit", ["char", "byte", "utf-16"])
def test_text_and_json_columns_count_the_unit_asked(capsys, article, unit):
    text = check(capsys, article, "--column-unit", unit, "-q").splitlines()
    assert text == [
        f"article.txt:{n}:{expected(line, unit)[0]}: ZZM001 mark"
        for n, line in enumerate(LINES, start=1)
    ]
    records = json.loads(check(capsys, article, "--column-unit", unit, "--format", "json"))
    assert [(r["column"], r["end_column"]) for r in records] == [
        expected(line, unit) for line in LINES
    ]


def test_char_is_the_default(capsys, article):
    assert check(capsys, article) == check(capsys, article, "--column-unit", "char")


@pytest.mark.parametrize(
    ("unit", "kind"), [("char", "unicodeCodePoints"), ("utf-16", "utf16CodeUnits")]
)
def test_sarif_declares_its_column_kind_and_its_columns_match(capsys, article, unit, kind):
    sarif = json.loads(check(capsys, article, "--column-unit", unit, "--format", "sarif"))
    [run] = sarif["runs"]
    assert run["columnKind"] == kind
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run["results"]]
    assert [(r["startColumn"], r["endColumn"]) for r in regions] == [
        expected(line, unit) for line in LINES
    ]


def test_sarif_cannot_count_bytes(capsys, article):
    code, out, err = run_cli(
        capsys,
        "check",
        "--rule-path",
        "house",
        article,
        "--format",
        "sarif",
        "--column-unit",
        "byte",
    )
    assert (code, out) == (2, "")
    assert "--column-unit byte: the sarif format counts columns in one of: char, utf-16" in err


@pytest.mark.parametrize("unit", ["char", "byte", "utf-16"])
def test_github_annotations_always_count_utf16_units(capsys, article, unit):
    out = check(capsys, article, "--format", "github", "--column-unit", unit, "-q")
    columns = [
        tuple(
            int(part.split("=")[1])
            for part in line.split(",")
            if part.startswith(("col=", "endColumn="))
        )
        for line in out.splitlines()
    ]
    assert columns == [expected(line, "utf-16") for line in LINES]


@pytest.mark.parametrize("unit", ["char", "byte", "utf-16"])
def test_junit_locations_count_the_unit_asked(capsys, article, unit):
    out = check(capsys, article, "--format", "junit", "--column-unit", unit)
    for n, line in enumerate(LINES, start=1):
        assert f"article.txt:{n}:{expected(line, unit)[0]}: ZZM001 mark" in out


def test_an_unknown_unit_names_the_valid_ones(capsys, article):
    with pytest.raises(SystemExit):
        run_cli(capsys, "check", article, "--column-unit", "bytes")
    err = capsys.readouterr().err
    assert "invalid choice: 'bytes' (choose from 'char', 'byte', 'utf-16')" in err


@pytest.mark.parametrize("line", [*LINES, "", "e\u0301 combining", "\ud800 lone surrogate"])
@pytest.mark.parametrize("unit", ["char", "byte", "utf-16"])
def test_conversions_round_trip(line, unit):
    for column in range(1, len(line) + 2):
        converted = column_in(line, column, unit)
        assert converted == width(line[: column - 1], unit) + 1
        assert char_column(line, converted, unit) == column


def test_a_column_inside_a_character_gives_that_character():
    line = "a😀b"
    assert [char_column(line, c, "utf-16") for c in (1, 2, 3, 4)] == [1, 2, 2, 3]
    assert [char_column(line, c, "byte") for c in (1, 2, 3, 4, 5, 6)] == [1, 2, 2, 2, 2, 3]


def reference_char_column(line_text: str, column: int, unit: str) -> int:
    """The one-character-at-a-time conversion LineColumns replaces."""
    remaining = column - 1
    for index, char in enumerate(line_text):
        remaining -= width(char, unit)
        if remaining < 0:
            return index + 1
    return len(line_text) + 1 + max(0, remaining)


LINE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("aé€😀\U0010ffff\ud800\udfff\u07ff\u0800 "),
        st.characters(codec="utf-8"),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(line=LINE_TEXT, unit=st.sampled_from(["char", "byte", "utf-16"]))
def test_line_columns_agree_with_measuring_the_prefix(line, unit):
    """LineColumns (one pass per line) against the conversions that measure the text
    up to each column (and, from the unit, past the end of the line too)."""
    columns = LineColumns(line, unit)
    for column in range(1, len(line) + 2):
        assert columns.to_unit(column) == column_in(line, column, unit)
    for column in range(1, width(line, unit) + 4):
        assert columns.to_char(column) == reference_char_column(line, column, unit)
