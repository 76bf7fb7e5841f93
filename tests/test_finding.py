"""Findings, fixes and severities: immutable records."""

from __future__ import annotations

import dataclasses
import json

import pytest

from newslint.model.finding import Edit, Finding, Fix, Severity, Violation


def finding(**changes) -> Finding:
    fields = {
        "path": "articles/fr-blinken-lavrov.txt",
        "record": None,
        "line": 5,
        "column": 1,
        "end_line": 5,
        "end_column": 86,
        "code": "B001",
        "rule": "related-link",
        "severity": Severity.WARNING,
        "message": "related-article link left in the body: 'Lire aussi'",
    }
    return Finding(**{**fields, **changes})


def test_severities_are_ordered():
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert Severity.ERROR >= Severity.WARNING >= Severity.WARNING
    assert Severity.INFO <= Severity.INFO
    assert not Severity.ERROR < Severity.INFO
    assert max(Severity) is Severity.ERROR
    assert sorted([Severity.ERROR, Severity.INFO, Severity.WARNING]) == [
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("info", Severity.INFO), ("WARNING", Severity.WARNING), (" Error ", Severity.ERROR)],
)
def test_severity_parse_ignores_case_and_spaces(value, expected):
    assert Severity.parse(value) is expected
    assert Severity.parse(expected) is expected


def test_severity_parse_rejects_unknown_names_and_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"'fatal'.*info, warning, error"):
        Severity.parse("fatal")


def test_comparing_a_severity_with_a_string_is_a_type_error():
    with pytest.raises(TypeError):
        Severity.INFO < "warning"  # noqa: B015


def test_fix_helpers_build_one_edit():
    delete = Fix.delete(10, 95, "Delete the line")
    assert delete == Fix((Edit(10, 95, ""),), "Delete the line", "safe")
    replace = Fix.replace(3, 4, "«", "Use a guillemet", safety="unsafe")
    assert replace.edits == (Edit(3, 4, "«"),)
    assert replace.safety == "unsafe"
    assert Edit(0, 0).replacement == ""


def test_violation_has_no_fix_by_default():
    assert Violation(0, 4, "Lire aussi").fix is None


@pytest.mark.parametrize(
    "record", [finding(), Edit(0, 1), Fix.delete(0, 1, "x"), Violation(0, 1, "m")]
)
def test_records_are_frozen(record):
    field = dataclasses.fields(record)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, field, 0)


def test_findings_are_hashable_and_compare_without_their_fix():
    plain = finding()
    fixed = finding(fix=Fix.delete(0, 10, "Delete"))
    assert plain == fixed
    assert len({plain, fixed}) == 1


def test_sort_key_orders_by_position_then_code():
    findings = [
        finding(line=9, column=1, code="T001"),
        finding(line=5, column=30, code="B001"),
        finding(line=5, column=1, code="Q001"),
        finding(line=5, column=1, code="B001"),
    ]
    ordered = sorted(findings, key=Finding.sort_key)
    assert [(f.line, f.column, f.code) for f in ordered] == [
        (5, 1, "B001"),
        (5, 1, "Q001"),
        (5, 30, "B001"),
        (9, 1, "T001"),
    ]


def test_to_dict_is_plain_json():
    data = finding(record="42", record_number=7).to_dict()
    expected = {
        "path": "articles/fr-blinken-lavrov.txt",
        "record": "42",
        "record_number": 7,
        "line": 5,
        "column": 1,
        "end_line": 5,
        "end_column": 86,
        "code": "B001",
        "rule": "related-link",
        "severity": "warning",
        "message": "related-article link left in the body: 'Lire aussi'",
        "fix": None,
    }
    assert {key: data.get(key) for key in expected} == expected
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize(
    ("record_number", "record", "expected"),
    [
        (None, None, "corpus.jsonl"),
        (3, None, "corpus.jsonl#3"),
        (3, "afp-2022-0201", "corpus.jsonl#3[afp-2022-0201]"),
        (3, "https://www.lemonde.fr/a b[1]", "corpus.jsonl#3[https_//www.lemonde.fr/a_b_1_]"),
    ],
)
def test_location_names_the_record_and_stays_parseable(record_number, record, expected):
    located = finding(path="corpus.jsonl", record=record, record_number=record_number)
    assert located.location == expected


def test_to_dict_describes_the_fix():
    fix = Fix.replace(40, 41, "»", "Close the guillemet", safety="unsafe")
    assert finding(fix=fix).to_dict()["fix"] == {
        "title": "Close the guillemet",
        "safety": "unsafe",
        "edits": [{"start": 40, "end": 41, "replacement": "»"}],
    }


@pytest.mark.parametrize(
    "fix",
    [None, Fix((Edit(0, 3, ""), Edit(9, 9, "\u00a0")), "Delete and insert", "unsafe")],
)
def test_from_dict_gives_back_the_finding_and_its_fix(fix):
    original = finding(
        record="42", record_number=7, start=120, end=131, fix=fix, fingerprint="ab12"
    )
    data = json.loads(json.dumps({**original.to_dict(), "start": 120, "end": 131}))
    restored = Finding.from_dict(data)
    assert restored == original
    assert (restored.fix, restored.fingerprint, restored.start) == (fix, "ab12", 120)


def test_a_finding_with_its_fix_comes_back_from_a_worker_whole():
    """Findings travel back from worker processes pickled; their fix (left out of
    equality) and fingerprint must come back too."""
    import pickle

    fix = Fix((Edit(3, 9, ""), Edit(12, 12, "\n")), "Delete the template line", "unsafe")
    finding = Finding(
        "corpus.jsonl", "afp-1", 1, 4, 1, 10, "C003", "site-template-line", Severity.WARNING,
        "line in 11 articles", 3, 9, fix, 7, "6658149f56d63a0bd635",
    )  # fmt: skip
    copy = pickle.loads(pickle.dumps(finding, pickle.HIGHEST_PROTOCOL))
    assert copy == finding
    assert (copy.fix, copy.fingerprint) == (fix, finding.fingerprint)
    assert type(copy.fix.edits[0]) is Edit
