"""Formatters: the text and JSON outputs, streamed finding by finding."""

from __future__ import annotations

import io
import json
import re

import pytest

from newslint.io.formatters.base import Formatter, Summary
from newslint.io.formatters.json import JsonFormatter
from newslint.io.formatters.text import TextFormatter
from newslint.model.finding import Finding, Fix, Severity
from newslint.plugins import plugin_manager

PATH = "corpus/fr-blinken-lavrov.txt"
TEXT_LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{1,3}\d{3}) (?P<msg>.+)$"
)
JSON_FIELDS = {
    "path",
    "record",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "rule",
    "severity",
    "message",
}


def finding(line, column, code, severity, message, record=None, fix=None) -> Finding:
    return Finding(PATH, record, line, column, line, column + 5, code, "some-rule",
                   severity, message, fix=fix)  # fmt: skip


FINDINGS = [
    finding(2, 1, "H001", Severity.ERROR, "line made of hashtags"),
    finding(5, 1, "B001", Severity.WARNING, "related-article link left in the body: 'Lire aussi'"),
    finding(7, 21, "Q004", Severity.INFO, "no non-breaking space after «"),
    finding(
        9,
        1089,
        "T001",
        Severity.ERROR,
        "the article stops mid-word: 'inq'",
        fix=Fix.delete(0, 3, "Delete the cut word"),
    ),
]


def render(formatter_class: type[Formatter], findings, documents: int = 1) -> str:
    stream = io.StringIO()
    formatter = formatter_class(stream)
    summary = Summary(documents=documents)
    formatter.start()
    for f in findings:
        formatter.write(f)
        summary.add(f)
    formatter.finish(summary)
    return stream.getvalue()


def test_text_is_one_path_line_col_code_message_line_per_finding_then_a_summary():
    lines = render(TextFormatter, FINDINGS).splitlines()
    assert lines[:-1] == [
        f"{PATH}:2:1: H001 line made of hashtags",
        f"{PATH}:5:1: B001 related-article link left in the body: 'Lire aussi'",
        f"{PATH}:7:21: Q004 no non-breaking space after «",
        f"{PATH}:9:1089: T001 [*] the article stops mid-word: 'inq'",
        "Found 4 findings (2 errors, 1 warning, 1 info) in 1 document.",
    ]
    for line in lines[:-2]:
        assert TEXT_LINE.match(line)
    assert not TEXT_LINE.match(lines[-2])
    assert lines[-1] == "[*] 1 fixable with the --fix option."


def test_text_summary_counts_by_severity_worst_first():
    summary = render(TextFormatter, FINDINGS, documents=3).splitlines()[-2]
    assert re.fullmatch(
        r"Found 4 findings \(2 errors?, 1 warnings?, 1 info\) in 3 documents\.", summary
    )


def test_text_summary_when_all_is_clear():
    assert render(TextFormatter, [], documents=1) == "All clear: no findings in 1 document.\n"
    assert render(TextFormatter, [], documents=0) == "All clear: no findings in 0 documents.\n"


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        (FINDINGS[:1], "Found 1 finding (1 error) in 1 document."),
        (FINDINGS, "Found 4 findings (2 errors, 1 warning, 1 info) in 1 document."),
    ],
    ids=["one", "several"],
)
def test_text_summary_is_good_english(findings, expected):
    summary = [
        line for line in render(TextFormatter, findings).splitlines() if "1 document" in line
    ]
    assert summary == [expected]


def test_text_keeps_one_finding_per_line_when_the_message_has_a_line_break():
    crash = finding(1, 1, "X900", Severity.ERROR, "rule T001 crashed: ValueError: bad\nvalue")
    lines = render(TextFormatter, [crash]).splitlines()
    assert len(lines) == 2
    assert TEXT_LINE.match(lines[0])


def test_json_is_a_list_of_finding_objects():
    data = json.loads(render(JsonFormatter, FINDINGS))
    assert isinstance(data, list)
    assert len(data) == len(FINDINGS)
    for item, original in zip(data, FINDINGS, strict=True):
        assert set(item) >= JSON_FIELDS
        assert item == original.to_dict()
    expected = {
        "path": PATH,
        "record": None,
        "line": 5,
        "column": 1,
        "end_line": 5,
        "end_column": 6,
        "code": "B001",
        "rule": "some-rule",
        "severity": "warning",
        "message": "related-article link left in the body: 'Lire aussi'",
        "fix": None,
    }
    assert {key: data[1][key] for key in expected} == expected
    assert data[3]["fix"]["edits"] == [{"start": 0, "end": 3, "replacement": ""}]


def test_json_keeps_non_ascii_text_readable():
    output = render(JsonFormatter, FINDINGS[2:3])
    assert "«" in output
    assert json.loads(output)[0]["message"] == "no non-breaking space after «"


def test_json_without_findings_is_an_empty_list():
    output = render(JsonFormatter, [])
    assert json.loads(output) == []
    assert output.endswith("\n")


def test_text_names_the_record_of_a_corpus_file():
    located = Finding("corpus.jsonl", "afp-17", 2, 4, 2, 9, "D001", "r", Severity.ERROR, "m",
                      record_number=3)  # fmt: skip
    assert render(TextFormatter, [located]).splitlines()[0] == "corpus.jsonl#3[afp-17]:2:4: D001 m"


def test_json_record_is_kept():
    [item] = json.loads(render(JsonFormatter, [finding(1, 1, "D001", Severity.ERROR, "m", "a-17")]))
    assert item["record"] == "a-17"


def test_formatters_are_plugins_found_by_name():
    pm = plugin_manager(load_entry_points=False)
    known = {}
    for batch in pm.hook.newslint_formatters():
        known.update(batch)
    assert known["text"] is TextFormatter
    assert known["json"] is JsonFormatter


def test_summary_counts():
    summary = Summary(documents=2)
    for f in FINDINGS:
        summary.add(f)
    assert summary.total == 4
    assert summary.by_severity[Severity.ERROR] == 2
    assert summary.by_code["B001"] == 1


def test_the_base_formatter_must_be_subclassed():
    with pytest.raises(NotImplementedError):
        Formatter(io.StringIO()).write(FINDINGS[0])
