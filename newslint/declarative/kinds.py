"""The kinds a YAML rule can be: ``phrase`` (lists of literal phrases, all rules matched
together in one pass per document) and ``pattern`` (regular expressions run with a
time bound). Each kind turns a validated rule spec into a check function."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import regex

from newslint import budget
from newslint.declarative.literals import required_literals
from newslint.document import Document
from newslint.finding import Fix, Violation
from newslint.prefilter import SHARED, LiteralIndex, searched_text

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
    "whole-line": r"\n[ \t]*(?:[-–—•*>|]+[ \t]*)?(?P<m>{alt})[ \t]*[:.!?…»>›→]*[ \t]*\r?$",
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
    """All phrase rules of one load, matched together: one regex pass per scope per
    document, whatever the number of rules and phrases."""

    def __init__(self) -> None:
        self._owners: dict[tuple[Scope, str], dict[str, list[RuleSpec]]] = defaultdict(dict)
        self._compiled: dict[tuple[Scope, str | None], re.Pattern[str] | None] = {}

    def add(self, spec: RuleSpec) -> None:
        for lang, phrases in spec.entries.items():
            table = self._owners[(spec.scope, lang)]
            for phrase in phrases:
                table.setdefault(normalise(phrase), []).append(spec)
        self._compiled.clear()

    def _languages(self, language: str | None) -> set[str]:
        known = {lang for _, lang in self._owners}
        # An article in an unknown language is checked against every language's phrases.
        return known if language is None else {language, ANY_LANGUAGE}

    def _regex(self, scope: Scope, language: str | None) -> re.Pattern[str] | None:
        key = (scope, language)
        if key not in self._compiled:
            phrases = {
                phrase
                for lang in self._languages(language)
                for phrase in self._owners.get((scope, lang), {})
            }
            if not phrases:
                self._compiled[key] = None
            else:
                alternation = "|".join(
                    _phrase_regex(p) for p in sorted(phrases, key=len, reverse=True)
                )
                template = _SCOPE_TEMPLATES[scope].format(alt=alternation)
                self._compiled[key] = re.compile(template, re.IGNORECASE | re.MULTILINE)
        return self._compiled[key]

    def matches(self, doc: Document) -> dict[RuleSpec, list[tuple[int, int, str]]]:
        """Matches per rule in ``doc``, computed once and cached on the document."""
        cached = doc.cache.get(self)
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        found: dict[RuleSpec, list[tuple[int, int, str]]] = defaultdict(list)
        languages = self._languages(doc.language)
        for scope in SCOPES:
            pattern = self._regex(scope, doc.language)
            if pattern is None:
                continue
            for match in pattern.finditer(searched_text(doc)):
                key = normalise(match.group("m"))
                owners = {
                    id(s): s
                    for lang in languages
                    for s in self._owners.get((scope, lang), {}).get(key, ())
                }
                start, end = match.start("m") - 1, match.end("m") - 1
                for spec in owners.values():
                    found[spec].append((start, end, match.group("m")))
        doc.cache[self] = found
        return found

    def check_for(self, spec: RuleSpec):  # type: ignore[no-untyped-def]
        def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
            for start, end, matched in self.matches(doc).get(spec, ()):
                yield _violation(doc, spec, start, end, matched)

        return check


def _compile(spec: RuleSpec, patterns: list[str]) -> list[Any]:
    """One regex for the patterns anchored with "^", one for the others."""
    flags = regex.MULTILINE | regex.VERSION1 | (regex.IGNORECASE if spec.ignore_case else 0)
    for pattern in patterns:
        # Each alone first: an unbalanced ")" would otherwise close the group that wraps
        # it in the alternation, and the match group would not take part in a match.
        regex.compile(pattern, flags)
    anchored = [p[1:] for p in patterns if spec.scope == "anywhere" and p.startswith("^")]
    free = [p for p in patterns if not (spec.scope == "anywhere" and p.startswith("^"))]
    compiled = []
    for template, group in ((_ANCHORED_TEMPLATE, anchored), (_SCOPE_TEMPLATES[spec.scope], free)):
        if group:
            alternation = "|".join(f"(?:{p})" for p in group)
            # (?-f): simple case folding; full folding makes \w and \p{L} ~30x slower.
            compiled.append(regex.compile("(?-f)" + template.format(alt=alternation), flags))
    return compiled


def compile_patterns(spec: RuleSpec) -> dict[str, list[Any]]:
    """Compiled patterns per language, to validate a rule when it loads; raises
    ``regex.error`` on bad input and :class:`PatternTimeout` past
    :data:`PATTERN_COMPILE_SECONDS`."""
    with budget.watchdog(PATTERN_COMPILE_SECONDS):
        budget.start(PATTERN_COMPILE_SECONDS)
        try:
            return {lang: _compile(spec, list(ps)) for lang, ps in spec.entries.items()}
        except budget.RuleTimeout:
            raise PatternTimeout(f"patterns of {spec.code} took too long to compile") from None
        finally:
            budget.stop()


class _PatternGroup:
    """The patterns of one rule for one language (with "any"), in their order."""

    def __init__(self, patterns: list[tuple[str, frozenset[str] | None]]) -> None:
        self.patterns = patterns
        self.always = tuple(source for source, needed in patterns if needed is None)
        self.literals = frozenset().union(*(needed or () for _, needed in patterns))

    def runnable(self, present: frozenset[str]) -> tuple[str, ...]:
        """The patterns that can match a text holding the literals ``present``."""
        if self.literals.isdisjoint(present):  # the usual case: one set operation
            return self.always
        return tuple(
            source
            for source, needed in self.patterns
            if needed is None or not needed.isdisjoint(present)
        )


#: Compiled alternations kept per rule (one per set of runnable patterns).
_MAX_COMPILED = 256


def pattern_check(spec: RuleSpec, literals: LiteralIndex | None = None):  # type: ignore[no-untyped-def]
    compile_patterns(spec)  # fail at load time, not on the first document
    index = literals if literals is not None else SHARED
    needed = {p: index.register(required_literals(p)) for ps in spec.entries.values() for p in ps}
    groups: dict[str | None, _PatternGroup] = {}
    compiled: dict[tuple[str, ...], list[Any]] = {}

    def group(language: str | None) -> _PatternGroup:
        # A document's language and "any" are searched together, in one pass per regex.
        if language not in groups:
            chosen = spec.entries if language is None else (language, ANY_LANGUAGE)
            sources = [p for lang in chosen for p in spec.entries.get(lang, ())]
            groups[language] = _PatternGroup([(p, needed[p]) for p in sources])
        return groups[language]

    def regexes(doc: Document) -> list[Any]:
        # Leaving out alternatives that cannot match anywhere in the text changes no match.
        runnable = group(doc.language).runnable(index.present(doc))
        if runnable not in compiled:
            if len(compiled) >= _MAX_COMPILED:
                compiled.clear()
            compiled[runnable] = _compile(spec, list(runnable)) if runnable else []
        return compiled[runnable]

    def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
        seen: set[tuple[int, int]] = set()
        text = searched_text(doc)
        for pattern in regexes(doc):
            try:
                matches = list(pattern.finditer(text, timeout=PATTERN_TIMEOUT_SECONDS))
            except TimeoutError as exc:
                raise PatternTimeout(
                    f"pattern of {spec.code} ran past {PATTERN_TIMEOUT_SECONDS}s; stopped"
                ) from exc
            for match in matches:
                start, end = match.start("m") - 1, match.end("m") - 1
                if (start, end) not in seen:
                    seen.add((start, end))
                    yield _violation(doc, spec, start, end, match.group("m"))

    return check
