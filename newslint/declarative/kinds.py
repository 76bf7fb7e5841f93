"""The kinds a YAML rule can be: ``phrase`` (lists of literal phrases, all rules matched
together in one pass per document) and ``pattern`` (regular expressions run with a
time bound). Each kind turns a validated rule spec into a check function; the regular
expressions they build are matched by the compiled core (``compiled.py``), or by
Python where the core cannot match them."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import regex

from newslint.checking.budget import Budget, RuleTimeout
from newslint.checking.prefilter import searched_text
from newslint.declarative.compiled import (
    CompiledPass,
    PythonPath,
    Span,
    Template,
    Unit,
    finditer_spans,
    required_strings,
)
from newslint.declarative.pattern_cache import CACHE
from newslint.model.document import Document
from newslint.model.finding import Fix, Violation
from newslint.model.rule import Check

Scope = Literal["anywhere", "line-start", "whole-line", "line-end"]
SCOPES: tuple[Scope, ...] = ("anywhere", "line-start", "whole-line", "line-end")
FIXES = ("none", "delete-line", "delete-match")
#: A user pattern that runs longer than this on one document is stopped.
PATTERN_TIMEOUT_SECONDS = 1.0
#: The patterns of one rule file must compile within this time.
PATTERN_COMPILE_SECONDS = 5.0
ANY_LANGUAGE = "any"

# Where a match counts; {alt} is the alternation of phrases or patterns. Every search
# runs over the text with a "\n" put in front, and a line start is written "\n" rather
# than "^": a pattern that begins with a literal character is searched for ten times
# faster than one that must try "^" at every position.
_SCOPE_TEMPLATES: dict[Scope, str] = {
    # A match never starts or ends inside a word; one that starts or ends on punctuation
    # ("Read more:", "[사진=") may touch a letter ("Read more:Trump").
    "anywhere": r"(?<!\w(?=\w))(?P<m>{alt})(?!(?<=\w)\w)",
    "line-start": r"\n[ \t]*(?:[-–—•*>|#]+[ \t]*)?(?P<m>{alt})(?!(?<=\w)\w)",
    "whole-line": (
        r"\n[ \t]*(?:[-–—•*>|][ \t]*)*(?P<m>{alt})[ \t]*[:.!?…»>›→]*(?:[ \t]*\|)*[ \t]*\r?$"
    ),
    "line-end": r"(?<!\w)(?P<m>{alt})[ \t]*\r?$",
}
#: A user pattern that starts with "^" is searched from each line start in the same way.
_ANCHORED_TEMPLATE = r"\n(?P<m>{alt})(?!(?<=\w)\w)"
_APOSTROPHES = "'’ʼ`´"


class PatternTimeout(Exception):
    """A user-supplied pattern ran past its time bound on one document."""


@dataclass(frozen=True, eq=False)  # hashed by identity: entries is a dict
class RuleSpec:
    """What the loader validated from one YAML file, kind-independent."""

    code: str
    message: str
    scope: Scope
    fix: str
    entries: Mapping[str, tuple[str, ...]]  # language (or "any") -> phrases or patterns
    ignore_case: bool


def normalise(phrase: str) -> str:
    """Key under which a phrase and its matches meet: NFC, casefolded, one apostrophe,
    single spaces."""
    text = unicodedata.normalize("NFC", phrase).casefold()
    for apostrophe in _APOSTROPHES[1:]:
        text = text.replace(apostrophe, "'")
    return " ".join(text.split())


def _phrase_regex(phrase: str) -> str:
    parts = []
    for word in unicodedata.normalize("NFC", phrase).split():
        escaped = re.escape(word)
        for apostrophe in _APOSTROPHES:
            escaped = escaped.replace(re.escape(apostrophe), f"[{_APOSTROPHES}]")
        parts.append(escaped)
    # Any horizontal space, the no-break and narrow no-break spaces of French included.
    return r"[^\S\r\n]+".join(parts)


def _line_bounds(doc: Document, start: int, end: int) -> tuple[int, int]:
    line_no, _ = doc.position(start)
    end_line_no, _ = doc.position(end)
    return doc.lines[line_no - 1].start, doc.lines[end_line_no - 1].end


def _inside_a_paragraph(doc: Document, spec: RuleSpec, start: int) -> bool:
    """A match of a line-start or whole-line rule on a line that goes on with the
    sentence of the line above (a hard-wrapped paragraph, ``Document.paragraph_groups``):
    the line starts no paragraph, whatever its first words."""
    if spec.scope not in ("line-start", "whole-line"):
        return False
    continuing = doc.view(_continuation_lines)
    return bool(continuing) and doc.position(start)[0] in continuing


def _continuation_lines(doc: Document) -> frozenset[int]:
    """The numbers of the lines that go on with the paragraph of the line above."""
    numbers = doc.paragraph_numbers
    return frozenset(
        numbers[index]
        for first, last in doc.paragraph_groups
        for index in range(first + 1, last + 1)
    )


def _violation(doc: Document, spec: RuleSpec, start: int, end: int, matched: str) -> Violation:
    if spec.scope in ("line-start", "whole-line"):
        start, end = _line_bounds(doc, start, end)
    message = spec.message.replace("{match}", matched.strip())
    fix = None
    if spec.fix == "delete-line":
        line_no, _ = doc.position(start)
        del_start, del_end = doc.line_span(line_no, with_break=True)
        fix = Fix.delete(del_start, del_end, "Delete the line")
    elif spec.fix == "delete-match":
        fix = Fix.delete(start, end, f"Delete '{matched.strip()}'")
    return Violation(start, end, message, fix)


class PhraseIndex:
    """All phrase rules of one load, matched together: one regular expression per scope
    and language, whatever the number of rules and phrases. ``compiled``: the load's
    compiled pass, which its phrase and pattern rules share (a new one when None)."""

    def __init__(self, compiled: CompiledPass | None = None) -> None:
        self.compiled = compiled if compiled is not None else CompiledPass()
        self._owners: dict[tuple[Scope, str], dict[str, list[RuleSpec]]] = defaultdict(dict)
        self._units: dict[tuple[Scope, str | None], Unit | None] = {}

    def add(self, spec: RuleSpec) -> None:
        for lang, phrases in spec.entries.items():
            table = self._owners[(spec.scope, lang)]
            for phrase in phrases:
                table.setdefault(normalise(phrase), []).append(spec)
        self._units.clear()

    def _languages(self, language: str | None) -> set[str]:
        known = {lang for _, lang in self._owners}
        # An article in an unknown language is checked against every language's phrases.
        return known if language is None else {language, ANY_LANGUAGE}

    def _unit(self, scope: Scope, language: str | None) -> Unit | None:
        key = (scope, language)
        if key not in self._units:
            phrases = {
                phrase
                for lang in self._languages(language)
                for phrase in self._owners.get((scope, lang), {})
            }
            if not phrases:
                self._units[key] = None
            else:
                alternation = "|".join(
                    _phrase_regex(p) for p in sorted(phrases, key=len, reverse=True)
                )
                template = _SCOPE_TEMPLATES[scope].format(alt=alternation)
                python = re.compile(template, re.IGNORECASE | re.MULTILINE)
                spans = finditer_spans(python)
                needs = required_strings(alternation)
                unit = self.compiled.unit("re", True, scope, alternation, spans, needs)
                self._units[key] = unit
        return self._units[key]

    def matches(self, doc: Document) -> dict[RuleSpec, list[tuple[int, int, str]]]:
        """Matches per rule in ``doc``, computed once and shared by the phrase rules."""
        return doc.view(self._matches)

    def _matches(self, doc: Document) -> dict[RuleSpec, list[tuple[int, int, str]]]:
        found: dict[RuleSpec, list[tuple[int, int, str]]] = defaultdict(list)
        languages = self._languages(doc.language)
        text = searched_text(doc)
        for scope in SCOPES:
            unit = self._unit(scope, doc.language)
            if unit is None:
                continue
            for start, end in self.compiled.matches(doc, unit):
                matched = text[start:end]
                key = normalise(matched)
                owners = {
                    id(s): s
                    for lang in languages
                    for s in self._owners.get((scope, lang), {}).get(key, ())
                }
                for spec in owners.values():
                    found[spec].append((start - 1, end - 1, matched))
        return found

    def check_for(self, spec: RuleSpec) -> Check:
        def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
            for start, end, matched in self.matches(doc).get(spec, ()):
                if not _inside_a_paragraph(doc, spec, start):
                    yield _violation(doc, spec, start, end, matched)

        return check


def _groups(spec: RuleSpec, patterns: list[str]) -> list[tuple[Template, list[str]]]:
    """(template, patterns): the patterns anchored with "^" (without it), the others."""
    anchored = [p[1:] for p in patterns if spec.scope == "anywhere" and p.startswith("^")]
    free = [p for p in patterns if not (spec.scope == "anywhere" and p.startswith("^"))]
    groups: list[tuple[Template, list[str]]] = []
    for template, group in (("anchored", anchored), (spec.scope, free)):
        if group:
            groups.append((template, group))  # type: ignore[arg-type]
    return groups


def _union(requirements: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """What an alternation requires: one string of any alternative's (None if one has
    no known requirement)."""
    found: frozenset[str] = frozenset()
    for needed in requirements:
        if needed is None:
            return None
        found |= needed
    return found


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _python_source(template: Template, alternation: str) -> str:
    python = _ANCHORED_TEMPLATE if template == "anchored" else _SCOPE_TEMPLATES[template]
    # (?-f): simple case folding; full folding makes \w and \p{L} ~30x slower.
    return "(?-f)" + python.format(alt=alternation)


def _flags(spec: RuleSpec) -> int:
    return regex.MULTILINE | regex.VERSION1 | (regex.IGNORECASE if spec.ignore_case else 0)


def _compile(spec: RuleSpec, patterns: list[str]) -> list[Any]:
    """The compiled Python regex of each of :func:`_groups`."""
    for pattern in patterns:
        # Each alone first: an unbalanced ")" would otherwise close the group that wraps
        # it in the alternation (here and in the compiled core), and the rule would
        # crash on every document instead of failing to load.
        regex.compile(pattern, _flags(spec))
    return [
        regex.compile(_python_source(template, _alternation(group)), _flags(spec))
        for template, group in _groups(spec, patterns)
    ]


def compile_patterns(spec: RuleSpec) -> dict[str, list[Any]]:
    """Compiled patterns per language, to validate a rule when it loads; raises
    ``regex.error`` on bad input and :class:`PatternTimeout` past
    :data:`PATTERN_COMPILE_SECONDS`."""
    budget = Budget()
    with budget.watchdog(PATTERN_COMPILE_SECONDS):
        budget.start(PATTERN_COMPILE_SECONDS)
        try:
            return {lang: _compile(spec, list(ps)) for lang, ps in spec.entries.items()}
        except RuleTimeout:
            raise PatternTimeout(f"patterns of {spec.code} took too long to compile") from None
        finally:
            budget.stop()


def _language_key(spec: RuleSpec, language: str | None) -> str | None:
    """The languages whose patterns apply are the same for every language the rule has
    no entry for: one key for all of them."""
    if language is None or language in spec.entries:
        return language
    return ANY_LANGUAGE


def _sources(spec: RuleSpec, key: str | None) -> list[str]:
    """The patterns that apply to a document, in order: its language's, then "any"'s
    (every language's when the document's is unknown)."""
    chosen = tuple(spec.entries) if key is None else tuple(dict.fromkeys((key, ANY_LANGUAGE)))
    return [p for lang in chosen for p in spec.entries.get(lang, ())]


def pattern_units(spec: RuleSpec, compiled: CompiledPass) -> dict[str | None, list[Unit]]:
    """The units of a pattern rule for each language key (None: unknown language),
    registered in ``compiled``."""
    keys: list[str | None] = [None, ANY_LANGUAGE, *spec.entries]
    units: dict[str | None, list[Unit]] = {}
    for key in dict.fromkeys(keys):
        units[key] = [
            compiled.unit(
                "regex",
                spec.ignore_case,
                template,
                _alternation(group),
                _timed(spec, template, group),
                _union(required_strings(p) for p in group),
                group,
            )
            for template, group in _groups(spec, _sources(spec, key))
        ]
    return units


#: Compiled alternations kept per unit (one per set of runnable patterns).
_MAX_COMPILED = 64


def _timed(spec: RuleSpec, template: Template, patterns: list[str]) -> PythonPath:
    """A unit's Python path: ``finditer`` with the time bound of user patterns, over the
    alternation of only the patterns whose required strings the text holds (leaving out
    alternatives that cannot match anywhere in the text changes no match); compiled on
    first use, as most units never need it. Tried only at given starts, the whole
    alternation is as quick, and compiled once: each set of runnable patterns would be
    compiled anew (hundreds of compiles a run)."""
    needed = [(p, required_strings(p)) for p in patterns]
    compiled: dict[tuple[str, ...], Any] = {}

    def run(
        text: str, present: frozenset[str] | None = None, starts: Sequence[int] | None = None
    ) -> Iterator[Span]:
        """``present``: the required strings ``text`` holds (None: run every pattern);
        ``starts``: the only places a match may begin (None: anywhere)."""
        runnable = tuple(
            p for p, n in needed if n is None or present is None or not n.isdisjoint(present)
        )
        if runnable and starts is not None:
            runnable = tuple(patterns)
        if runnable not in compiled:
            if len(compiled) >= _MAX_COMPILED:
                compiled.clear()
            alternation = "|".join(f"(?:{p})" for p in runnable)
            compiled[runnable] = runnable and regex.compile(
                _python_source(template, alternation), _flags(spec)
            )
        if not runnable:
            return
        try:
            spans = finditer_spans(compiled[runnable], timeout=PATTERN_TIMEOUT_SECONDS)
            yield from spans(text, None, starts)
        except TimeoutError as exc:
            raise PatternTimeout(
                f"pattern of {spec.code} ran past {PATTERN_TIMEOUT_SECONDS}s; stopped"
            ) from exc

    return run


def _validated(spec: RuleSpec) -> None:
    """:func:`compile_patterns`, once per set of patterns (remembered between runs)."""
    key = json.dumps([spec.entries, spec.scope, spec.ignore_case], sort_keys=True)
    CACHE.get("compiles", key, lambda: bool(compile_patterns(spec)) or True, bool, bool)


class PatternCheck:
    """The check of a pattern rule: its units for each language key, matched by its
    load's compiled pass."""

    def __init__(self, spec: RuleSpec, compiled: CompiledPass) -> None:
        self.spec = spec
        self.compiled = compiled
        self.units = pattern_units(spec, compiled)

    def __call__(self, doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
        spec, seen = self.spec, set()
        text = searched_text(doc)
        for unit in self.units[_language_key(spec, doc.language)]:
            for start, end in self.compiled.matches(doc, unit):
                if (start - 1, end - 1) not in seen:
                    seen.add((start - 1, end - 1))
                    if not _inside_a_paragraph(doc, spec, start - 1):
                        yield _violation(doc, spec, start - 1, end - 1, text[start:end])


def pattern_check(spec: RuleSpec, compiled: CompiledPass | None = None) -> PatternCheck:
    """The check of a pattern rule, its units registered in ``compiled`` (its load's
    pass; a pass of its own when None). Raises ``regex.error`` for a pattern Python
    cannot compile and :class:`PatternTimeout` for one that takes too long to."""
    _validated(spec)  # fail at load time, not on the first document
    return PatternCheck(spec, compiled if compiled is not None else CompiledPass())
