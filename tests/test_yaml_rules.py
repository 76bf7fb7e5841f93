"""The YAML rule packs shipped in ``rules/``: every rule's own examples (flagged and
clean) run through the engine, the conventions of the packs (one file per rule, file
name from the rule name, family folder), the loader's validation errors, and the time
bound on user patterns."""

from __future__ import annotations

import re
import time
import warnings
from pathlib import Path

import pytest
import yaml

from newslint import Document
from newslint.checking.engine import INTERNAL_ERROR_CODE, run_rule
from newslint.config.settings import Settings
from newslint.declarative import kinds
from newslint.declarative.kinds import PatternTimeout, PhraseIndex, RuleSpec, pattern_check
from newslint.declarative.loader import (
    RuleFileError,
    RuleFileWarning,
    builtin_pack_folder,
    examples_by_language,
    load_folders,
    load_rule_file,
)

PACKS = builtin_pack_folder()
RULE_FILES = sorted(PACKS.rglob("*.yaml"))
FAMILY_FOLDERS = {"B": "boilerplate", "H": "social", "T": "truncation", "M": "garbling"}
#: Codes this pack owns; the Python rules own every other code of these families.
PACK_CODES = {f"B{n:03d}" for n in range(1, 15)} | {"H010", "T004", "M010"}


def _rel(path: Path) -> str:
    return path.relative_to(PACKS).as_posix()


def _examples() -> list[tuple[Path, str, str, str]]:
    """(file, "flagged" or "clean", language, text) for every example of every file."""
    cases = []
    for path in RULE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("flagged", "clean"):
            for lang, text in examples_by_language((data.get("examples") or {}).get(key)):
                cases.append((path, key, lang, text))
    return cases


EXAMPLES = _examples()


def _findings(path: Path, text: str, lang: str) -> list:
    rule = load_rule_file(path, PhraseIndex())
    document = Document(text, "example.txt", lang=None if lang == "any" else lang)
    findings = run_rule(document, rule, Settings())
    crashes = [f.message for f in findings if f.code == INTERNAL_ERROR_CODE]
    assert not crashes, crashes
    return [f for f in findings if f.code == rule.code]


# --- the shipped packs ---------------------------------------------------------------


def test_the_packs_hold_the_expected_rules():
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuleFileWarning)
        rules = load_folders([PACKS])
    codes = [rule.code for rule in rules]
    assert len(codes) == len(set(codes)), codes
    assert set(codes) == PACK_CODES


@pytest.mark.parametrize("path", RULE_FILES, ids=_rel)
def test_a_rule_file_follows_the_pack_conventions(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert path.stem == data["name"].replace("-", "_"), "file name = snake_case of the name"
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", data["name"]), "name is kebab-case"
    assert path.parent.name == FAMILY_FOLDERS[data["code"][0]]
    assert len(str(data["doc"]).split()) >= 30, "doc says what is flagged and why"
    examples = data.get("examples") or {}
    flagged = examples_by_language(examples.get("flagged"))
    clean = examples_by_language(examples.get("clean"))
    assert flagged and clean, "every rule ships flagged and clean examples"
    if data["code"].startswith("B") or data["code"] in ("H010", "T004"):
        languages = {lang for lang, _ in flagged}
        if "any" not in languages:
            assert {"en", "fr", "de", "es", "it", "pt"} <= languages


@pytest.mark.parametrize(
    ("path", "key", "lang", "text"),
    EXAMPLES,
    ids=[f"{_rel(p)}-{k}-{lang}-{i}" for i, (p, k, lang, _) in enumerate(EXAMPLES)],
)
def test_a_rule_example_is_judged_as_its_file_says(path, key, lang, text):
    findings = _findings(path, text, lang)
    if key == "flagged":
        assert findings, f"{_rel(path)}: not flagged [{lang}] {text!r}"
    else:
        assert not findings, f"{_rel(path)}: flagged [{lang}] {text!r}: {findings}"


def test_the_example_article_gets_exactly_the_expected_pack_findings():
    # shared/examples/fr-blinken-lavrov.txt, lines 1, 4, 5, 7 and 8, verbatim.
    lines = [
        "Après une conversation téléphonique entre les chefs des affaires étrangères "
        "des États-Unis et de la Russie, Washington a admis ne pas avoir obtenu les "
        "engagements russes de désamorcer immédiatement la situation à la frontière "
        "ukrainienne.",
        "Les États-Unis ont reconnu mardi qu'ils n'avaient pas réussi à obtenir de la "
        "Russie la promesse de désamorcer immédiatement la situation à la frontière "
        "ukrainienne, mais les chefs étrangers des deux puissances rivales semblaient "
        "vouloir poursuivre le dialogue. Le secrétaire d'État américain Blinken et le "
        "ministre russe des Affaires étrangères Sergueï Lavrov se sont de nouveau "
        "entretenus au téléphone pour tenter de désamorcer une crise à haut risque "
        "qui pourrait dégénérer en une guerre en Europe.",
        "Lire aussi Affrontement entre la Russie et les États-Unis à l'ONU à propos de l'Ukraine",
        "Menace de sanctions «rapides et sévères»",
        "«Nous continuons d'entendre les assurances selon lesquelles la Russie n'a "
        "pas l'intention d'envahir, mais toutes les actions que nous voyons disent "
        "clairement l'inverse», a regretté ce responsable. La Russie dément toute "
        "intention belliqueuse, mais conditionne toute désescalade à des garanties "
        "pour sa sécurité, notamment l'assurance que l'Ukraine ne sera jamais membre "
        "de l'Otan et que l'Alliance retirera ses forces sur ses positions de 1997, "
        "soit celles d'avant ses élargissements successifs en Europe orientale. "
        "Washington a rejeté ces demandes dans un courrier la semaine dernière, tout "
        "ouvrant la porte à des négociations sur d'autres sujets, comme le "
        "déploiement de missiles ou des limites réciproques aux exercices militaires.",
    ]
    document = Document("\n".join(lines), "fr-blinken-lavrov.txt", lang="fr")
    found = set()
    for rule in load_folders([PACKS]):
        if rule.applies_to(document.language):
            found |= {(f.line, f.code) for f in run_rule(document, rule, Settings())}
    assert found == {(2, "M010"), (3, "B001")}


# --- the loader's validation ---------------------------------------------------------

VALID = """\
code: ZZ001
name: test-rule
severity: warning
kind: pattern
scope: line-start
message: "found '{match}'"
doc: A rule for the tests.
patterns:
  en: ['Read more:']
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _load_error(tmp_path: Path, text: str) -> str:
    path = _write(tmp_path, "broken_rule.yaml", text)
    with pytest.raises(RuleFileError) as excinfo:
        load_rule_file(path, PhraseIndex())
    message = str(excinfo.value)
    assert message.startswith(f"{path}:"), message
    return message


def test_a_valid_rule_file_loads(tmp_path):
    rule = load_rule_file(_write(tmp_path, "test_rule.yaml", VALID), PhraseIndex())
    [finding] = run_rule(Document("Read more: X\n", "a.txt", lang="en"), rule, Settings())
    assert (finding.code, finding.message) == ("ZZ001", "found 'Read more:'")


def test_a_missing_key_names_the_file_and_the_key(tmp_path):
    message = _load_error(tmp_path, VALID.replace("doc: A rule for the tests.\n", ""))
    assert re.search(r"broken_rule\.yaml:1: missing required key 'doc'", message)


def test_a_bad_code_names_its_line(tmp_path):
    message = _load_error(tmp_path, VALID.replace("code: ZZ001", "code: zz-1"))
    assert re.search(r"broken_rule\.yaml:1: code: 'zz-1' is not a code", message)


def test_an_unknown_kind_names_its_line(tmp_path):
    message = _load_error(tmp_path, VALID.replace("kind: pattern", "kind: regexp"))
    assert re.search(r"broken_rule\.yaml:4: kind: 'regexp' is not one of", message)


def test_an_invalid_regular_expression_names_its_line(tmp_path):
    message = _load_error(tmp_path, VALID.replace("['Read more:']", "['Read (more:']"))
    assert re.search(r"broken_rule\.yaml:9: patterns: invalid regular expression", message)


def test_a_pattern_that_closes_a_group_it_did_not_open_is_invalid(tmp_path):
    """Found by the fuzzer (issue 17): "Email)?|Copy link" compiled inside the rule's
    alternation, where its ")" closed the group around it, and the rule crashed on
    every document; each pattern is now compiled alone first."""
    patterns = "['Email)?|Copy link', '(?:Pin it']"  # balanced together, not each alone
    message = _load_error(tmp_path, VALID.replace("['Read more:']", patterns))
    assert re.search(r"broken_rule\.yaml:9: patterns: invalid regular expression", message)


def test_invalid_yaml_names_its_line(tmp_path):
    message = _load_error(tmp_path, VALID.replace("  en: ['Read more:']", "  en: ['Read more:'"))
    assert re.search(r"broken_rule\.yaml:\d+: invalid YAML", message)


def test_a_broken_file_is_skipped_with_a_warning_and_the_others_load(tmp_path):
    _write(tmp_path, "good_rule.yaml", VALID)
    _write(tmp_path, "bad_rule.yaml", VALID.replace("code: ZZ001", "code: ZZ002").replace(
        "kind: pattern", "kind: nonsense"))  # fmt: skip
    with pytest.warns(RuleFileWarning, match=r"bad_rule\.yaml:4: kind"):
        rules = load_folders([tmp_path])
    assert [rule.code for rule in rules] == ["ZZ001"]


# --- the time bound on user patterns -------------------------------------------------


def _catastrophic(pattern: str):
    spec = RuleSpec("ZZ900", "slow '{match}'", "anywhere", "none", {"any": (pattern,)}, True)
    return pattern_check(spec)


# (a|aa)+ then a tail that fails: exponential backtracking in Python's engine. With a
# look-around the compiled core cannot match it, and it runs on the Python path.
ON_THE_PYTHON_PATH = r"(a|aa)+(?!b)b"


def test_a_catastrophic_pattern_the_core_matches_ends_at_once():
    check = _catastrophic(r"(a|aa)+$")
    started = time.monotonic()
    assert list(check(Document("a" * 5000 + "b", "a.txt", lang="en"), {})) == []
    assert [v.start for v in check(Document("b " + "a" * 5000, "a.txt", lang="en"), {})] == [2]
    assert time.monotonic() - started < 1


def test_a_catastrophic_pattern_is_stopped_by_the_time_bound(monkeypatch):
    monkeypatch.setattr(kinds, "PATTERN_TIMEOUT_SECONDS", 0.2)
    check = _catastrophic(ON_THE_PYTHON_PATH)
    started = time.monotonic()
    with pytest.raises(PatternTimeout, match="ZZ900"):
        list(check(Document("a" * 5000 + "b", "a.txt", lang="en"), {}))
    assert time.monotonic() - started < 5


def test_a_nested_quantifier_never_hangs_the_run(monkeypatch):
    # The regex module defuses part of the backtracking of (a+)+$: depending on the
    # machine it either ends without a match within the bound or is stopped by it.
    monkeypatch.setattr(kinds, "PATTERN_TIMEOUT_SECONDS", 0.2)
    check = _catastrophic(r"(a+)+$")
    started = time.monotonic()
    try:
        findings = list(check(Document("a" * 5000 + "b", "a.txt", lang="en"), {}))
    except PatternTimeout:
        findings = []
    assert findings == []
    assert time.monotonic() - started < 5


def test_a_timed_out_pattern_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(kinds, "PATTERN_TIMEOUT_SECONDS", 0.2)
    path = _write(tmp_path, "slow_rule.yaml", VALID.replace("['Read more:']", f"['{ON_THE_PYTHON_PATH}']")
                  .replace("scope: line-start", "scope: anywhere"))  # fmt: skip
    rule = load_rule_file(path, PhraseIndex())
    [finding] = run_rule(Document("a" * 5000 + "b", "a.txt", lang="en"), rule, Settings())
    assert finding.code == "X003"
    assert "ZZ001" in finding.message and "stopped" in finding.message
