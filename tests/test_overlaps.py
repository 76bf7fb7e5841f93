"""One defect, one finding (newslint.checking.overlaps): a block of the structure view
and a line rule of its family on the same lines become one finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cli_json

from newslint.checking.overlaps import one_finding_per_defect
from newslint.model.finding import Finding, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def finding(code: str, line: int, end_line: int | None = None, severity=WARNING) -> Finding:
    end = line if end_line is None else end_line
    return Finding("a.txt", None, line, 1, end, 9, code, code.lower(), severity, code)


def test_a_block_of_one_line_gives_way_to_the_line_rule():
    kept = one_finding_per_defect([finding("B001", 5), finding("B015", 5)])
    assert [f.code for f in kept] == ["B001"]


def test_a_longer_block_takes_in_the_line_findings_of_its_family():
    kept = one_finding_per_defect([finding("B015", 5, 8), finding("B002", 6), finding("B005", 8)])
    assert [f.code for f in kept] == ["B015"]


def test_findings_of_another_family_or_outside_the_block_stay():
    findings = [finding("B015", 5, 8), finding("Q001", 6), finding("B001", 9), finding("M001", 5)]
    assert one_finding_per_defect(findings) == findings


def test_a_more_severe_line_finding_is_not_taken_in():
    findings = [finding("B015", 5, 8), finding("B009", 6, severity=ERROR)]
    assert one_finding_per_defect(findings) == findings


def test_comment_sections_take_in_the_h_family():
    kept = one_finding_per_defect([finding("H006", 10, 14), finding("H003", 12)])
    assert [f.code for f in kept] == ["H006"]


def test_a_span_ending_at_the_start_of_a_line_does_not_cover_it():
    block = Finding("a.txt", None, 5, 1, 6, 1, "B015", "b015", WARNING, "B015")
    findings = [block, finding("B001", 6)]
    assert one_finding_per_defect(findings) == findings


def test_an_ignore_of_the_line_finding_takes_the_block_of_its_family_too(tmp_path):
    text = tmp_path / "a.txt"
    body = (
        "Le conseil municipal a adopté mardi soir un budget révisé, après un long débat sur le"
        " coût de la rénovation du vieux pont qui enjambe la rivière.\n"
        "Les élus ont voté à sept voix contre deux en faveur du projet, qui transfère une partie"
        " des crédits prévus pour les routes vers le chantier du pont.\n"
        "Lire aussi Les travaux du pont commenceront au printemps  newslint: ignore[B001]\n"
    )
    text.write_text(body, encoding="utf-8")
    findings = cli_json(tmp_path, "a.txt", "--select", "B001,B015", "--exit-zero")
    # The ignore says the line is the article's: the B015 block that starts on it goes too
    # (an inline ignore covers a block of its family that starts on its line).
    assert [f["code"] for f in findings if f["line"] == 3] == []
    unsuppressed = body.replace("  newslint: ignore[B001]", "")
    text.write_text(unsuppressed, encoding="utf-8")
    findings = cli_json(tmp_path, "a.txt", "--select", "B001,B015", "--exit-zero")
    assert [f["code"] for f in findings if f["line"] == 3] == ["B001"]


def test_a_cut_marker_inside_a_block_is_left_out():
    """A teaser's "... Read more" (T004) in a list of links: the line is not the
    article, whose end is elsewhere."""
    findings = [finding("B015", 5, 8), finding("T004", 6), finding("T004", 20)]
    assert [(f.code, f.line) for f in one_finding_per_defect(findings)] == [
        ("B015", 5),
        ("T004", 20),
    ]


def test_a_cut_at_the_end_inside_a_block_stays():
    """A last paragraph that breaks off (T006) where the view sees comments: one of the
    two is wrong, likelier the block; both are reported."""
    findings = [finding("H006", 10, 14), finding("T006", 14)]
    assert one_finding_per_defect(findings) == findings


def test_a_cut_inside_a_block_that_gives_way_to_its_line_rule_is_left_out_too():
    kept = one_finding_per_defect([finding("B001", 5), finding("B015", 5), finding("T004", 5)])
    assert [f.code for f in kept] == ["B001"]


@pytest.mark.parametrize("lang", ["en", "fr", "de"])
def test_the_teasers_of_a_related_links_list_are_one_block_not_cuts(tmp_path, lang):
    """An article, then "Related articles" and three teasers that end "... Read more":
    one B015 over the list, no T004 on its lines."""
    source = Path(__file__).parent / "data" / "overlaps" / f"teasers-{lang}.txt"
    (tmp_path / "a.txt").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    findings = cli_json(tmp_path, "a.txt", "--exit-zero")
    warned = [f for f in findings if f["severity"] != "info"]
    assert [(f["code"], f["line"], f["end_line"]) for f in warned] == [("B015", 5, 8)]
