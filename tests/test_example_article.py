"""End to end through the CLI on the article newslint was specified from
(examples/fr-blinken-lavrov.txt; its expected findings are in the .expected.md beside it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.cli.main import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "fr-blinken-lavrov.txt"
WARNING_PLUS = {"warning", "error"}

#: The *must* rows of fr-blinken-lavrov.expected.md: (line, family letter).
MUST = [(2, "H"), (3, "D"), (5, "B"), (6, "M"), (9, "T"), (9, "Q")]
#: The *should* rows.
SHOULD = [(6, "Q"), (4, "M")]
CLEAN_LINES = [1, 7, 8]


@pytest.fixture(scope="module")
def findings() -> list[dict[str, object]]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["check", str(EXAMPLE), "--format", "json"])
    assert code == 1  # the article has errors: the run must fail
    return json.loads(out.getvalue())


@pytest.mark.parametrize(("line", "family"), MUST + SHOULD)
def test_every_expected_defect_is_found_on_its_line(findings, line, family):
    families = {str(f["code"])[0] for f in findings if f["line"] == line}
    assert family in families, f"line {line}: expected a {family} finding, got {families}"


@pytest.mark.parametrize("line", CLEAN_LINES)
def test_clean_lines_have_nothing_at_warning_level(findings, line):
    loud = [f for f in findings if f["line"] == line and f["severity"] in WARNING_PLUS]
    assert loud == []


def test_text_output_is_editor_parseable(capsys):
    main(["check", str(EXAMPLE)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2].startswith("Found ")
    assert lines[-1].endswith(" fixable with the --fix option.")
    for line in lines[:-2]:
        path, line_no, column, rest = line.split(":", 3)
        assert path == str(EXAMPLE) and int(line_no) >= 1 and int(column) >= 1
        assert rest[1] in "DTMHBEQX" and rest[2:5].isdigit()


def test_one_defect_gives_one_finding_on_line_5(findings):
    # B001 ('Lire aussi') and the structure view's B015 say the same thing: one stays
    on_line_5 = [f["code"] for f in findings if f["line"] == 5]
    assert on_line_5 == ["B001"]
