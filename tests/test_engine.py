"""Engine: runs rules, isolates crashes, applies severities, locates and orders findings."""

from __future__ import annotations

import functools

import pytest

from newslint.checking.checker import Checker
from newslint.checking.engine import INTERNAL_ERROR_CODE, locate, run_rule
from newslint.config.settings import Settings
from newslint.model.document import Document
from newslint.model.finding import Fix, Severity, Violation
from newslint.model.rule import rule


@functools.cache
def _checker() -> Checker:
    return Checker(load_entry_points=False)


def _check(doc: Document, rules: list) -> list:
    """``rules`` run over ``doc`` by the engine's hook, as a Checker runs its own."""
    checker = _checker()
    findings = checker.hook.newslint_check_document(
        document=doc, rules=rules, settings=checker.settings, checker=checker
    )
    return findings


ARTICLE = (
    "Menace de sanctions «rapides et sévères»\n"
    "L'échange Lavrov-Blinken était le premier depuis cette lettre américaine.\n"
    "Lire aussi Affrontement entre la Russie et les États-Unis à l'ONU\n"
)


@rule(code="TST001", name="related-link", severity="warning")
def related_link(doc, options):
    """Lines that start with "Lire aussi"."""
    for line in doc.lines:
        if line.text.startswith("Lire aussi"):
            yield Violation(line.start, line.end, "related-article link", Fix.delete(0, 1, "x"))


@rule(code="TST002", name="guillemet", severity="info")
def guillemet(doc, options):
    """Every guillemet, reported last to first (the engine sorts)."""
    spots = [i for i, ch in enumerate(doc.text) if ch in "«»"]
    for i in reversed(spots):
        yield Violation(i, i + 1, f"guillemet {doc.text[i]}")


@rule(code="TST003", name="crashes-on-onu", severity="warning")
def crashes_on_onu(doc, options):
    """Raises on documents that mention the ONU."""
    if "ONU" in doc.text:
        raise KeyError("ONU")
    yield Violation(0, 4, "first word")


@rule(code="TST004", name="english-only", severity="warning", languages=["en"])
def english_only(doc, options):
    """Runs on English (and unknown-language) documents only."""
    yield Violation(0, 0, "ran")


def test_run_rule_locates_violations():
    doc = Document(ARTICLE, "fr.txt", record="17")
    [finding] = run_rule(doc, related_link, Settings())
    assert (finding.path, finding.record) == ("fr.txt", "17")
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, 1, 3, 66)
    assert (finding.code, finding.rule, finding.severity) == (
        "TST001",
        "related-link",
        Severity.WARNING,
    )
    assert finding.message == "related-article link"
    assert ARTICLE[finding.start : finding.end].startswith("Lire aussi")
    assert finding.fix == Fix.delete(0, 1, "x")


def test_locate_clamps_offsets_outside_the_text():
    doc = Document("Kiev\nMoscou", "a.txt")
    finding = locate(doc, related_link, Violation(-3, 500, "m"), Severity.INFO)
    assert (finding.start, finding.end) == (0, len(doc.text))
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 1, 2, 7)
    backwards = locate(doc, related_link, Violation(7, 2, "m"), Severity.INFO)
    assert backwards.start == backwards.end == 7


def test_severity_override_from_settings():
    doc = Document(ARTICLE, "fr.txt")
    settings = Settings(severity={"TST001": Severity.ERROR})
    assert [f.severity for f in run_rule(doc, related_link, settings)] == [Severity.ERROR]
    assert {f.severity for f in run_rule(doc, guillemet, settings)} == {Severity.INFO}


def test_options_reach_the_check(shouting_plugin):
    doc = Document("LA RUSSIE DÉMENT\nTOUTE INTENTION BELLIQUEUSE ICI\n", "a.txt")
    rule_ = shouting_plugin.shouting_line
    assert [f.line for f in run_rule(doc, rule_, Settings())] == [2]
    settings = Settings(options={"ZZZ001": {"min-words": 3}})
    assert [f.line for f in run_rule(doc, rule_, settings)] == [1, 2]


def test_a_crashing_rule_gives_one_internal_error_naming_it():
    doc = Document(ARTICLE, "fr.txt", record="3")
    [finding] = run_rule(doc, crashes_on_onu, Settings())
    assert finding.code == INTERNAL_ERROR_CODE == "X900"
    assert finding.rule == "internal-error"
    assert finding.severity is Severity.ERROR
    assert (finding.path, finding.record, finding.line, finding.column) == ("fr.txt", "3", 1, 1)
    assert "TST003 (crashes-on-onu) crashed: KeyError: 'ONU'" in finding.message
    assert f"{__file__}:" in finding.message  # where it crashed


def test_a_crash_affects_only_that_document_and_the_other_rules_still_run():
    documents = [
        Document("Moscou dément toute intention belliqueuse.", "ru.txt"),
        Document(ARTICLE, "onu.txt"),
        Document("Kiev « attend » des garanties.", "ua.txt"),
    ]
    rules = [crashes_on_onu, guillemet, related_link]
    results = [(doc, _check(doc, rules)) for doc in documents]
    assert [doc.path for doc, _ in results] == ["ru.txt", "onu.txt", "ua.txt"]
    codes = {doc.path: [f.code for f in findings] for doc, findings in results}
    assert codes["ru.txt"] == ["TST003"]
    assert codes["onu.txt"] == ["X900", "TST002", "TST002", "TST001"]
    assert codes["ua.txt"] == ["TST003", "TST002", "TST002"]


def test_findings_are_sorted_by_position_then_code():
    @rule(code="TST000", name="first-character", severity="info")
    def first_character(doc, options):
        """Reports the first character."""
        yield Violation(0, 1, "first")

    doc = Document("«Lire aussi» Kiev\nLire aussi l'analyse «en direct»\n", "a.txt")
    rules = [related_link, guillemet, first_character]
    findings = _check(doc, rules)
    assert [(f.line, f.column, f.code) for f in findings] == [
        (1, 1, "TST000"),
        (1, 1, "TST002"),
        (1, 12, "TST002"),
        (2, 1, "TST001"),
        (2, 22, "TST002"),
        (2, 32, "TST002"),
    ]


@pytest.mark.parametrize(
    ("text", "lang", "runs"),
    [
        ("The Kremlin denies any plan to invade Ukraine, officials said on Tuesday.", None, True),
        (
            "Le Kremlin dément toute intention d'envahir l'Ukraine, ont déclaré mardi des "
            "responsables.",
            None,
            False,
        ),
        ("Le Kremlin dément.", "en", True),  # the given language wins
        ("Le Kremlin dément.", "fr", False),
        ("Oui.", None, True),  # too short to tell: every rule runs
    ],
)
def test_rules_run_only_on_their_languages(text, lang, runs):
    doc = Document(text, "a.txt", lang=lang)
    findings = _check(doc, [english_only])
    assert bool(findings) is runs


def test_the_hook_returns_the_engine_findings():
    checker = Checker(load_entry_points=False)
    doc = Document(ARTICLE, "fr.txt")
    findings = checker.hook.newslint_check_document(
        document=doc, rules=[related_link], settings=Settings(), checker=checker
    )
    assert [f.code for f in findings] == ["TST001"]


@rule(code="TST005", name="bad-violation", severity="warning")
def bad_violation(doc, options):
    """Yields something that is not a Violation (a plugin bug)."""
    yield (0, 4, "not a Violation")


def test_a_rule_yielding_a_malformed_violation_gives_an_internal_error():
    doc = Document(ARTICLE, "fr.txt")
    [finding] = run_rule(doc, bad_violation, Settings())
    assert finding.code == INTERNAL_ERROR_CODE
    assert "TST005" in finding.message
