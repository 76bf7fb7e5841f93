"""Registry: the code table, select / ignore by prefix, opt-in rules, and the
conventions every built-in rule follows."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from pathlib import Path

import pytest

import newslint.rules
from newslint.config.selection import Registry, RegistryError
from newslint.config.settings import Settings
from newslint.model.rule import Rule, rule
from newslint.rules import builtin_rules


def make_rule(code: str, default_enabled: bool = True, origin: str = "tests") -> Rule:
    def check(doc, options):
        return iter(())

    check.__doc__ = f"Test rule {code}."
    made = rule(code=code, name=f"rule-{code.lower()}", severity="warning",
                default_enabled=default_enabled)(check)  # fmt: skip
    return dataclasses.replace(made, origin=origin)


CODES = ("B001", "B002", "D001", "D002", "D010", "Q001")


@pytest.fixture
def registry() -> Registry:
    # given out of order: the registry sorts by code
    return Registry([make_rule(code) for code in reversed(CODES)] + [make_rule("D099", False)])


def enabled(registry: Registry, **settings) -> list[str]:
    return [r.code for r in registry.enabled(Settings(**settings))]


def test_rules_are_kept_in_code_order(registry):
    assert [r.code for r in registry] == [*CODES[:5], "D099", "Q001"]
    assert len(registry) == 7


def test_get_and_lookup(registry):
    assert registry.get("D002").code == "D002"
    assert registry.get("d002").code == "D002"
    assert registry.get("Z001") is None
    assert registry.lookup("rule-q001").code == "Q001"
    assert registry.lookup(" D010 ").code == "D010"
    assert registry.lookup("nope") is None


def test_default_run_enables_every_rule_but_the_opt_in_ones(registry):
    assert enabled(registry) == list(CODES)


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"select": ("D",)}, ["D001", "D002", "D010", "D099"]),
        ({"select": ("D00",)}, ["D001", "D002"]),
        ({"select": ("D001", "Q")}, ["D001", "Q001"]),
        ({"ignore": ("D",)}, ["B001", "B002", "Q001"]),
        ({"ignore": ("B002", "D01")}, ["B001", "D001", "D002", "Q001"]),
        ({"select": ("B", "D"), "ignore": ("D0",)}, ["B001", "B002"]),
        ({"extend_select": ("D099",)}, [*CODES[:5], "D099", "Q001"]),
        ({"select": ("Q",), "extend_select": ("B001",)}, ["B001", "Q001"]),
    ],
)
def test_select_and_ignore_by_prefix(registry, settings, expected):
    assert enabled(registry, **settings) == expected


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        # the longer, more specific selector wins, whichever list it is in
        ({"select": ("D",), "ignore": ("D002",)}, ["D001", "D010", "D099"]),
        ({"select": ("D002",), "ignore": ("D",)}, ["D002"]),
        ({"select": ("D00",), "ignore": ("D",)}, ["D001", "D002"]),
        ({"select": ("D",), "ignore": ("D00",)}, ["D010", "D099"]),
        # on a tie, ignore wins
        ({"select": ("D001",), "ignore": ("D001",)}, []),
    ],
)
def test_longest_prefix_wins(registry, settings, expected):
    assert enabled(registry, **settings) == expected


def test_all_selects_every_rule_and_all_can_be_ignored(registry):
    assert enabled(registry, select=("ALL",)) == [r.code for r in registry]
    assert enabled(registry, ignore=("ALL",)) == []
    assert enabled(registry, ignore=("ALL",), extend_select=("Q001",)) == ["Q001"]


def test_opt_in_rules_run_only_when_selected(registry):
    assert "D099" not in enabled(registry)
    assert enabled(registry, select=("D099",)) == ["D099"]
    assert "D099" in enabled(registry, extend_select=("D099",))


@pytest.mark.parametrize("field", ["select", "extend_select"])
def test_a_selector_matching_no_rule_is_an_error(registry, field):
    with pytest.raises(RegistryError, match=r"'Z9' matches no rule"):
        registry.enabled(Settings(**{field: ("D", "Z9")}))


@pytest.mark.parametrize(
    ("field", "value", "option"),
    [
        ("ignore", ("D", "Z9"), "ignore"),
        ("per_file_ignores", (("*.md", ("Z9",)),), "per-file-ignores '*.md'"),
    ],
)
def test_an_ignore_matching_no_rule_is_an_error_too(registry, field, value, option):
    # a typo in a CI gate must not pass quietly (`--ignore QQ` used to be accepted)
    with pytest.raises(
        RegistryError, match="^" + re.escape(option) + r": selector 'Z9' matches no rule"
    ):
        registry.enabled(Settings(**{field: value}))


def test_a_code_defined_twice_is_an_error_naming_both_origins():
    first = make_rule("D001", origin="newslint.rules.duplication.duplicate_paragraph")
    second = make_rule("D001", origin="rules/duplication/duplicate.yaml")
    with pytest.raises(
        RegistryError, match=r"D001 defined twice: newslint\.rules.*duplicate\.yaml"
    ):
        Registry([first, second])


def test_an_empty_registry_enables_nothing():
    assert Registry([]).enabled(Settings()) == []


# --- conventions of the built-in Python rules (newslint/rules/<family>/<rule_name>.py)

BUILTIN = sorted(builtin_rules(), key=lambda r: r.code)
KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
#: Known departures, each to be fixed in the rule module (strict: it fails once fixed).


def test_builtin_codes_are_unique():
    codes = [r.code for r in BUILTIN]
    assert len(codes) == len(set(codes))
    assert Registry(BUILTIN)


@pytest.mark.parametrize("checked", BUILTIN, ids=lambda r: r.code)
def test_builtin_rule_is_documented_and_kebab_case(checked):
    assert KEBAB.match(checked.name), checked.name
    for section in ("What it flags", "Why it matters", "Example"):
        assert section in checked.doc, f"{checked.code}: doc lacks {section!r}"
    assert checked.summary != checked.name


@pytest.mark.parametrize("checked", BUILTIN, ids=lambda r: r.code)
def test_builtin_rule_file_is_named_for_the_rule(checked):
    assert checked.origin.rsplit(".", 1)[-1] == checked.name.replace("-", "_")


def test_one_builtin_rule_per_file():
    by_module = defaultdict(list)
    for r in BUILTIN:
        by_module[r.origin].append(r.code)
    assert {m: c for m, c in by_module.items() if len(c) > 1} == {}


def test_each_family_folder_has_one_code_prefix():
    by_family = defaultdict(set)
    for r in BUILTIN:
        family = r.origin.split(".")[2]
        by_family[family].add(re.match(r"[A-Z]+", r.code).group())
    assert {f: p for f, p in by_family.items() if len(p) > 1} == {}
    prefixes = [p for ps in by_family.values() for p in ps]
    assert len(prefixes) == len(set(prefixes)), "two family folders share a code prefix"


def test_builtin_rule_modules_live_in_a_family_folder():
    root = Path(newslint.rules.__file__).parent
    for r in BUILTIN:
        parts = r.origin.split(".")
        assert parts[:2] == ["newslint", "rules"] and len(parts) == 4, r.origin
        assert (root / parts[2] / f"{parts[3]}.py").is_file()
