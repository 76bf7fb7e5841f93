"""Finds YAML rule files (the packs shipped in ``rules/`` plus the user's folders),
loads them with ``yaml.safe_load``, validates them and builds Rule objects."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import math
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import regex

from newslint.config import safe_yaml
from newslint.config.safe_yaml import YamlLimitError, load_yaml, read_capped
from newslint.config.settings import Settings
from newslint.declarative import kinds
from newslint.declarative.compiled import CompiledPass, translation_of
from newslint.declarative.kinds import (
    FIXES,
    SCOPES,
    PatternTimeout,
    PhraseIndex,
    RuleSpec,
    pattern_check,
)
from newslint.declarative.pattern_cache import CACHE
from newslint.disk_cache import DiskCache, code_version
from newslint.errors import ConfigError
from newslint.markers import hookimpl
from newslint.model.finding import Severity
from newslint.model.rule import CODE_PATTERN, Check, Rule

KINDS = ("phrase", "pattern")
REQUIRED = ("code", "name", "severity", "kind", "message", "doc")
OPTIONAL = ("scope", "phrases", "patterns", "fix", "examples", "ignore-case", "enabled")
#: Longest phrase or pattern a rule file may hold (a longer one is a mistake or an attack).
MAX_ENTRY_CHARS = 20_000
#: Deepest nesting of groups a pattern may have: the regex parser recurses once per
#: level, and no readable pattern comes near it.
MAX_PATTERN_NESTING = 100


class RuleFileError(ConfigError):
    """A YAML rule file that cannot be used; names the file and line."""


class RuleFileWarning(UserWarning):
    """Emitted (not raised) for a broken rule file, so the run goes on without it."""


def builtin_pack_folder() -> Path:
    """``rules/`` as shipped: inside the wheel (``newslint/_packs``) or the source tree."""
    packaged = Path(__file__).resolve().parent.parent / "_packs"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "rules"


@hookimpl
def newslint_rules(settings: Settings) -> list[Rule]:
    folders = [builtin_pack_folder(), *settings.rule_paths]
    return load_folders(folders, python_patterns=settings.python_patterns)


def load_folders(folders: Iterable[Path], *, python_patterns: bool = False) -> list[Rule]:
    """Rules from every ``*.yaml`` below ``folders``; a broken file is warned about and
    skipped. The rules of one call share one compiled pass (``compiled.py``);
    ``python_patterns``: theirs matches every pattern on the Python path, as before the
    compiled core (the reference of the parity tests)."""
    index = PhraseIndex(CompiledPass(reference=python_patterns))
    rules = []
    for folder in folders:
        if not folder.is_dir():
            warnings.warn(RuleFileWarning(f"{folder}: rule folder not found"), stacklevel=2)
            continue
        for path in sorted(folder.rglob("*.y*ml")):
            try:
                rules.append(load_rule_file(path, index))
            except RuleFileError as exc:
                warnings.warn(RuleFileWarning(str(exc)), stacklevel=2)
    CACHE.save()
    RULE_FILES.save()
    return rules


def _yaml_version() -> str:
    # PyYAML's own module (which holds its version) is hashed rather than imported.
    spec = importlib.util.find_spec("yaml")
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    return code_version([Path(safe_yaml.__file__), *([origin] if origin else [])])


#: The data of the rule files that loaded, by the SHA-256 of their bytes: PyYAML's
#: parser, in pure Python, takes longer over the shipped packs than checking a small
#: file; the data of the same bytes is the same.
RULE_FILES = DiskCache("rule-files", _yaml_version)


def load_rule_file(path: Path, index: PhraseIndex) -> Rule:
    try:
        raw = read_capped(path)
    except (OSError, YamlLimitError) as exc:
        raise RuleFileError(f"{path}: cannot read: {exc}") from exc
    key = hashlib.sha256(raw).hexdigest()
    kept = RULE_FILES.peek("data", key)
    if isinstance(kept, dict):
        # Without the YAML's nodes a failure could not say its line: it is read again.
        with contextlib.suppress(RuleFileError):
            return build_rule(path, kept, None, index)
    import yaml  # here: with the data of the shipped packs kept, most runs parse none

    try:
        data, node = load_yaml(raw.decode("utf-8"))
    except (UnicodeDecodeError, YamlLimitError) as exc:
        raise RuleFileError(f"{path}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise RuleFileError(f"{path}{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    rule = build_rule(path, data, node, index)
    if _plain(data):  # what JSON gives back as it was
        RULE_FILES.put("data", key, data)
    return rule


def _plain(value: Any) -> bool:
    """``value`` is made of what JSON keeps as it is: strings, booleans, None, integers,
    finite floats, lists, and mappings with string keys (a YAML date, or a key such as
    ``no:``, which YAML reads as false, is not)."""
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def build_rule(path: Path, data: Any, node: Any, index: PhraseIndex) -> Rule:
    """The Rule of a parsed rule file (``node``: its YAML node, for line numbers)."""
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}:1: a rule file must be a mapping of keys")
    return _build(path, data, node, index)


def _line_of(node: Any, key: str) -> int:
    for key_node, value_node in getattr(node, "value", ()):
        if getattr(key_node, "value", None) == key:
            return int(value_node.start_mark.line) + 1
    return 1


def _build(path: Path, data: dict[str, Any], node: Any, index: PhraseIndex) -> Rule:
    def fail(key: str, message: str) -> RuleFileError:
        return RuleFileError(f"{path}:{_line_of(node, key)}: {key}: {message}")

    for key in REQUIRED:
        if key not in data:
            raise RuleFileError(f"{path}:1: missing required key '{key}'")
    unknown = set(data) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        key = sorted(unknown)[0]
        raise fail(key, f"unknown key (known: {', '.join(REQUIRED + OPTIONAL)})")
    for key in ("code", "name", "message", "doc"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise fail(key, f"expected a non-empty string, got {data[key]!r}")
    for key in ("ignore-case", "enabled"):
        if key in data and not isinstance(data[key], bool):
            raise fail(key, f"expected true or false, got {data[key]!r}")
    code = data["code"]
    if not CODE_PATTERN.match(code):
        raise fail("code", f"{code!r} is not a code like B001")
    try:
        severity = Severity.parse(data["severity"])
    except ValueError as exc:
        raise fail("severity", str(exc)) from None
    kind = data["kind"]
    if kind not in KINDS:
        raise fail("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    scope = data.get("scope", "anywhere")
    if scope not in SCOPES:
        raise fail("scope", f"{scope!r} is not one of {', '.join(SCOPES)}")
    fix = data.get("fix", "none")
    if fix not in FIXES:
        raise fail("fix", f"{fix!r} is not one of {', '.join(FIXES)}")
    entries_key = "phrases" if kind == "phrase" else "patterns"
    entries = _entries(data.get(entries_key), lambda m: fail(entries_key, m))
    examples = _examples(data.get("examples"), lambda m: fail("examples", m))
    spec = RuleSpec(
        code=code,
        message=data["message"],
        scope=scope,
        fix=fix,
        entries=entries,
        ignore_case=data.get("ignore-case", True),
    )
    check: Check
    if kind == "phrase":
        index.add(spec)
        check = index.check_for(spec)
    else:
        _check_nesting(entries, lambda m: fail("patterns", m))
        try:
            check = pattern_check(spec, index.compiled)
        except regex.error as exc:
            raise fail("patterns", f"invalid regular expression: {exc}") from None
        except RecursionError:  # a nesting the count above did not see (not expected)
            raise fail("patterns", "a pattern is nested too deeply to be parsed") from None
        except PatternTimeout:
            limit = f"{kinds.PATTERN_COMPILE_SECONDS:g} s"
            raise fail(
                "patterns", f"regular expressions took more than {limit} to compile"
            ) from None
    languages = None if "any" in entries else frozenset(entries)
    python_path = () if kind == "phrase" else _python_path(entries)
    return Rule(
        code=code,
        name=data["name"],
        severity=severity,
        check=check,
        doc=_doc(data["doc"], examples),
        languages=languages,
        fixable=fix != "none",
        default_enabled=data.get("enabled", True),
        origin=str(path),
        python_path=python_path,
    )


def _python_path(entries: Mapping[str, tuple[str, ...]]) -> tuple[tuple[str, str], ...]:
    """The patterns the compiled core cannot match, with why (they run in Python)."""
    found = {}
    for patterns in entries.values():
        for pattern in patterns:
            reason = translation_of(pattern, "regex").reason
            if reason is not None:
                found[pattern] = reason
    return tuple(found.items())


def _entries(value: Any, fail: Any) -> Mapping[str, tuple[str, ...]]:
    if isinstance(value, list):
        value = {"any": value}
    if not isinstance(value, dict) or not value:
        raise fail("expected a mapping of language code to a list of strings")
    entries = {}
    for lang, items in value.items():
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise fail(f"language {lang!r}: expected a list of non-empty strings")
        too_long = next((i for i in items if len(i) > MAX_ENTRY_CHARS), None)
        if too_long is not None:
            raise fail(f"language {lang!r}: an entry is longer than {MAX_ENTRY_CHARS:,} characters")
        entries[str(lang)] = tuple(items)
    return entries


def _check_nesting(entries: Mapping[str, tuple[str, ...]], fail: Any) -> None:
    for lang, patterns in entries.items():
        for pattern in patterns:
            depth = nesting_depth(pattern)
            if depth > MAX_PATTERN_NESTING:
                raise fail(
                    f"language {lang!r}: a pattern has groups nested {depth:,} deep, more "
                    f"than {MAX_PATTERN_NESTING}"
                )


def nesting_depth(pattern: str) -> int:
    """How deep the groups of a regular expression nest: unescaped parentheses outside
    character classes (nested classes, ``[[a-z]--[aeiou]]``, count as one)."""
    depth = deepest = in_class = 0
    escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class += 1
        elif char == "]" and in_class:
            in_class -= 1
        elif in_class:
            continue
        elif char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")" and depth:
            depth -= 1
    return deepest


#: ``examples:`` keys, with the heading each gets in the rule's documentation.
EXAMPLE_KINDS = {"flagged": "Flagged", "clean": "Not flagged"}


def _examples(value: Any, fail: Any) -> dict[str, list[tuple[str, str]]]:
    """``examples.flagged`` / ``examples.clean`` as (language, text) pairs: each a list
    of strings, or a mapping of language code to a list of strings."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not set(value) <= set(EXAMPLE_KINDS):
        raise fail(f"expected a mapping with the keys {' and '.join(EXAMPLE_KINDS)}")
    examples = {}
    for kind, samples in value.items():
        by_language = {"any": samples} if isinstance(samples, list) else samples
        if not isinstance(by_language, dict) or not all(
            isinstance(items, list) and all(isinstance(i, str) for i in items)
            for items in by_language.values()
        ):
            raise fail(f"{kind}: expected a list of strings, or language code -> list of strings")
        examples[kind] = [(str(lang), i) for lang, items in by_language.items() for i in items]
    return examples


def _doc(doc: str, examples: Mapping[str, list[tuple[str, str]]]) -> str:
    """The rule's documentation: its ``doc`` text followed by its own examples."""
    text = doc.strip()
    for kind, label in EXAMPLE_KINDS.items():
        samples = examples.get(kind)
        if samples:
            lines = "\n".join(f"  [{lang}] {sample}" for lang, sample in samples)
            text += f"\n\n{label}:\n{lines}"
    return text


def examples_by_language(value: Any) -> list[tuple[str, str]]:
    """``examples.flagged`` / ``examples.clean`` of a rule file as (language, text) pairs."""
    return _examples({"flagged": value}, _raise).get("flagged", []) if value else []


def _raise(message: str) -> RuleFileError:
    return RuleFileError(message)
