"""Required literals of patterns (what the compiled pass screens documents with): what
the analysis finds, that it never claims a literal a match can lack, and that rules find
exactly the same things with the screening and the core as with every pattern run by
Python on every document."""

from __future__ import annotations

import json
import random
import re
import warnings
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.checking.engine import run_rule
from newslint.checking.prefilter import LiteralIndex
from newslint.config.settings import Settings
from newslint.declarative import literals
from newslint.declarative.compiled import CompiledPass
from newslint.declarative.kinds import PhraseIndex, RuleSpec, pattern_check
from newslint.declarative.literals import required_literals
from newslint.declarative.loader import builtin_pack_folder, load_rule_file
from newslint.model.document import Document
from newslint.model.rule import rule

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "aeb.jsonl"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("Lire aussi", {"lire aussi"}),
        (r"(?:Buy|Shop)(?: it)? now\b", {"buy now", "buy it now", "shop now", "shop it now"}),
        (r".{0,160}?[©ⓒ].{0,250}$", {"©", "ⓒ"}),
        (r"Copyright\s*(?:[©ⓒ]|\(c\)|\d{4}\b)", {"copyright"}),
        (r"\bAs an Amazon Associate,? (?:I|we) earn\b", None),  # checked below: 4 strings
        (
            r"Suivez (?-i:\p{Lu})[^\n]{0,40}? sur (?:Facebook|Twitter)",
            {" sur facebook", " sur twitter"},
        ),
        (r"(?:Advertisements?|Ads?)", {"ad"}),  # "ad" is in every one of them
        (r"\d{1,3}\s?(?:€|EUR)", {"€", "eur"}),
        # a known run followed by an item whose start is known: "/" + " "? + the agency
        (
            r"[^\n/]{2,60}/ ?(?:AP|Getty Images(?: for [\p{L} ]{2,30})?)",
            {"/ap", "/ ap", "/getty images", "/ getty images"},
        ),
    ],
)
def test_the_literals_found_in_a_pattern(pattern, expected):
    found = required_literals(pattern)
    if expected is None:
        assert found == {
            "as an amazon associate i earn",
            "as an amazon associate we earn",
            "as an amazon associate, i earn",
            "as an amazon associate, we earn",
        }
    else:
        assert found == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d+",  # nothing literal
        r"(?:foo|\w+)",  # one alternative needs nothing
        r"(?:x)?y?",  # everything optional
        r"[^\n]{3,}",
        r"\.",  # too common to tell documents apart
        r"(?:foo){e<=1}",  # regex-module fuzzy matching: the standard parser misreads it
        r"[[a-z]--[aeiou]]+tion",  # VERSION1 set operations
        r"(?|(a)|(b))",  # branch reset: not standard syntax
        r"\mword\M",  # regex-module word boundaries
    ],
)
def test_no_literal_is_claimed_when_none_is_certain(pattern):
    assert required_literals(pattern) is None


def _shipped_patterns() -> list[str]:
    found = []
    for path in sorted(builtin_pack_folder().rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for patterns in (data.get("patterns") or {}).values():
            found.extend(patterns)
    return found


def _standard_form(pattern: str) -> str | None:
    """The pattern in the standard `re` syntax hypothesis generates from, if it has one
    (lookarounds make hypothesis filter, often everything out: left to the corpus test)."""
    if re.search(r"\(\?<?[=!]", pattern):
        return None
    converted = literals._PROPERTY.sub(r"\\w", pattern)
    try:
        re.compile(converted)
    except re.error:
        return None
    return converted


@pytest.mark.parametrize("pattern", _shipped_patterns())
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_string_a_shipped_pattern_matches_contains_one_of_its_literals(pattern, data):
    needed = required_literals(pattern)
    standard = _standard_form(pattern)
    if needed is None or standard is None:
        return
    try:
        text = data.draw(st.from_regex(standard, fullmatch=True))
    except Exception:  # a construct hypothesis cannot generate from (lookbehind...)
        return
    folded = text.casefold()
    assert any(literal in folded for literal in needed), (text, sorted(needed))


def _rules_with_and_without_prefilter(tmp_path: Path):
    """Each shipped pattern rule, with a check that runs it as before the core: every
    pattern on the Python path, on every document."""

    pairs = []
    for path in sorted(builtin_pack_folder().rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data["kind"] != "pattern":
            continue
        rule = load_rule_file(path, PhraseIndex())
        spec = RuleSpec(
            code=data["code"],
            message=data["message"],
            scope=data.get("scope", "anywhere"),
            fix=data.get("fix", "none"),
            entries={k: tuple(v) for k, v in data["patterns"].items()},
            ignore_case=data.get("ignore-case", True),
        )
        pairs.append((rule, pattern_check(spec, CompiledPass(reference=True))))
    return pairs


@pytest.fixture(scope="module")
def with_and_without(tmp_path_factory):
    return _rules_with_and_without_prefilter(tmp_path_factory.mktemp("rules"))


def _fragments() -> list[str]:
    """Pieces that trip the shipped patterns: their literals, and strings they match."""
    pieces: set[str] = set()
    rng = random.Random(7)
    for pattern in _shipped_patterns():
        pieces.update(required_literals(pattern) or ())
        standard = _standard_form(pattern)
        if standard is None:
            continue
        strategy = st.from_regex(standard, fullmatch=True)
        for _ in range(3):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # .example() outside a test: on purpose
                    pieces.add(strategy.example())
            except Exception:  # a construct hypothesis cannot generate from
                break
    ordered = sorted(pieces)
    rng.shuffle(ordered)
    return ordered


FRAGMENTS = _fragments()
CASES = (str.lower, str.upper, str.title, lambda text: text)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_prefilter_changes_no_finding_on_generated_texts(with_and_without, data):
    """Lines of fragments, words and punctuation in any case: every shipped pattern rule
    finds exactly the same with the prefilter as without it."""
    piece = st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(["Le", "the", "news", "©", "2024", ":", "»", "|", "Inc.", "\t"]),
        st.text(max_size=6),
    )
    line = st.tuples(st.lists(piece, max_size=6), st.sampled_from(CASES)).map(
        lambda parts: parts[1](" ".join(parts[0]))
    )
    text = "\n".join(data.draw(st.lists(line, min_size=1, max_size=5)))
    lang = data.draw(st.sampled_from([None, "en", "fr", "de"]))
    for rule_, unfiltered in with_and_without:
        with_prefilter = list(rule_.check(Document(text, "a.txt", lang=lang), {}))
        without = list(unfiltered(Document(text, "a.txt", lang=lang), {}))
        assert with_prefilter == without, (rule_.code, text)


@pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/corpus beside the project")
def test_the_prefilter_changes_no_finding_on_real_articles(with_and_without):
    pairs = with_and_without
    flagged = 0
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for rule, unfiltered in pairs:
                doc = Document(record["text"], "a.jsonl", lang=record.get("lang"))
                plain = Document(record["text"], "a.jsonl", lang=record.get("lang"))
                with_prefilter = list(rule.check(doc, {}))
                without = list(unfiltered(plain, {}))
                assert with_prefilter == without, (rule.code, record["id"])
                flagged += len(with_prefilter)
    assert flagged > 50  # the corpus does exercise the rules


def test_a_pattern_whose_literal_is_absent_is_not_run(tmp_path):
    spec = RuleSpec(
        code="ZZ001",
        message="{match}",
        scope="anywhere",
        fix="none",
        entries={"any": ("Copyright \\d{4}", "\\d{4} Inc")},
        ignore_case=True,
    )
    check = pattern_check(spec)
    doc = Document("COPYRIGHT 2019 Foo.\n", "a.txt")
    assert [v.message for v in check(doc, {})] == ["COPYRIGHT 2019"]
    assert check.compiled.state(doc).present >= {"copyright "}
    assert " inc" not in check.compiled.state(doc).present


def test_a_checker_looks_for_the_strings_its_python_rules_require_in_one_pass():
    """The Checker's prefilter serves the Python rules' ``requires``; the YAML rules'
    strings are looked for by their compiled pass."""
    from newslint.checking.checker import Checker
    from newslint.checking.prefilter import PRESENT

    checker = Checker({"select": ["E", "B", "H"]}, load_entry_points=False)
    wanted = {lit for rule in checker.rules for lit in (*(rule.requires or ()), *rule.literals)}
    assert checker.literals.literals == wanted and wanted
    yaml_rules = [rule for rule in checker.rules if rule.python_path is not None]
    assert yaml_rules and not any(rule.literals or rule.requires for rule in yaml_rules)
    doc = Document("Read more: the full story.\n", "a.txt", lang="en")
    checker.check_document(doc)
    index, present = doc.stash[PRESENT]
    assert index is checker.literals and present == index.present(doc)


@rule(code="ZZ901", name="zz-marker", severity="warning", requires=("ZZ:",))
def zz_marker(doc, options):
    """Counts its calls; flags nothing."""
    zz_marker_calls.append(doc.text)
    return []


zz_marker_calls: list[str] = []


def test_a_python_rule_is_not_called_on_a_text_without_what_it_requires():
    zz_marker_calls.clear()
    run_rule(Document("Nothing to see here.\n", "a.txt"), zz_marker, Settings())
    assert zz_marker_calls == []
    run_rule(Document("A line with zz: in lower case.\n", "a.txt"), zz_marker, Settings())
    assert zz_marker_calls == ["A line with zz: in lower case.\n"]
    assert zz_marker.requires == {"zz:"}


def test_a_pass_of_another_index_is_trusted_only_for_the_strings_it_looked_for():
    from newslint.checking.prefilter import PRESENT, present_in

    doc = Document("alpha beta\n", "a.txt")
    run = LiteralIndex(["alpha"])
    doc.stash[PRESENT] = (run, run.present(doc))
    assert present_in(doc, LiteralIndex(["alpha"])) == {"alpha"}
    # a rule the run's index does not know: its own pass, not an answer without "beta"
    assert present_in(doc, LiteralIndex(["beta"])) == {"beta"}


def test_a_pattern_without_literals_does_not_hide_its_neighbours_on_the_python_path():
    """A unit whose patterns do not all require a string is screened as a whole (it runs
    on every document): on the Python path each of its patterns must then run, whatever
    strings the screening happened to find."""
    spec = RuleSpec(
        code="ZZ002",
        message="{match}",
        scope="line-start",
        fix="none",
        # the look-ahead keeps the unit on the Python path; the last pattern needs no string
        entries={"any": ("Cover image\\s*:(?=.)", "\\d{1,3}\\s*/\\s*\\d{1,3}$")},
        ignore_case=True,
    )
    check = pattern_check(spec)
    assert not check.compiled.runs_in_core(Document("x", "a.txt"), check.units["any"][0])
    assert check.units["any"][0].requires is None
    found = check(Document("Cover image: the harbour at dawn\n2/7\n", "a.txt"), {})
    assert [v.message for v in found] == ["Cover image:", "2/7"]
