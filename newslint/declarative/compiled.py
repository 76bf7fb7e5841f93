"""The YAML rules' phrases and patterns, matched by the compiled core.

Every regular expression the phrase and pattern kinds run (a rule's alternation for one
language, inside its scope's template) is a *unit*, registered once in :data:`PASS`.
For each document, one call to the core looks for the strings the units require
(``literals.py``: one of them is in every match) in one Aho-Corasick pass and tells
which units can match; only those run, each in the core when it could be translated
(``translate.py``) and the document holds no character on which Python's engine and the
core's tables disagree (``_unicode_gaps.py``), else on the Python path (the unit's
Python regex, with its time bound). Both paths give the same matches: the core is
tested against the Python regex pattern by pattern (``tests/test_translate.py``) and on
every shared corpus (``tests/test_core_parity.py``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from newslint import _core
from newslint.declarative import _unicode_gaps
from newslint.declarative.literals import required_literals
from newslint.declarative.pattern_cache import CACHE
from newslint.declarative.translate import Engine, Translation, translate
from newslint.document import Document
from newslint.prefilter import searched_text

Template = Literal["anywhere", "line-start", "whole-line", "line-end", "anchored"]

# The scopes' templates in the core's syntax: the same as kinds.py's Python templates,
# "(?<!\w(?=\w))" and "(?!(?<=\w)\w)" (not between two word characters) written with the
# half word boundaries.
_NOT_IN_WORD = r"(?:\b{start-half}|\b{end-half})"
_LINE_START = r"\n[ \t]*(?:[\-–—•*>|\#]+[ \t]*)?"
_WHOLE_LINE_START = r"\n[ \t]*(?:[\-–—•*>|]+[ \t]*)?"
_WHOLE_LINE_END = r"[ \t]*[:.!?…»>›→]*[ \t]*\r?$"
#: The templates without word-boundary assertions (see ``Translation.relaxed``).
RELAXED_TEMPLATES: dict[Template, str] = {
    "anywhere": "(?P<m>{alt})",
    "line-start": _LINE_START + "(?P<m>{alt})",
    "whole-line": _WHOLE_LINE_START + "(?P<m>{alt})" + _WHOLE_LINE_END,
    "line-end": r"(?P<m>{alt})[ \t]*\r?$",
    "anchored": r"\n(?P<m>{alt})",
}
EXACT_TEMPLATES: dict[Template, str] = {
    "anywhere": _NOT_IN_WORD + "(?P<m>{alt})" + _NOT_IN_WORD,
    "line-start": _LINE_START + "(?P<m>{alt})" + _NOT_IN_WORD,
    "whole-line": _WHOLE_LINE_START + "(?P<m>{alt})" + _WHOLE_LINE_END,
    "line-end": r"\b{start-half}(?P<m>{alt})[ \t]*\r?$",
    "anchored": r"\n(?P<m>{alt})" + _NOT_IN_WORD,
}
Span = tuple[int, int]  # of group "m" in searched_text(doc)


@dataclass(eq=False)
class Unit:
    """One regular expression of a YAML kind, with its Python form (the fallback and the
    reference) and its translations."""

    index: int
    engine: Engine
    source: str  # the alternation, in Python's syntax
    python: Callable[..., Iterator[Span]]  # (text, strings it holds)
    translation: Translation
    requires: frozenset[str] | None  # casefolded strings one of which every match holds
    exact: str | None = None  # the whole unit in the core's syntax, when it can run there
    relaxed: str | None = None  # the same without word-boundary assertions
    reason: str | None = None  # why it runs on the Python path


@dataclass
class _DocumentState:
    version: int
    candidates: frozenset[int]
    disputed: frozenset[Engine]  # engines whose tables disagree with the core's here
    present: frozenset[str]  # the required strings the text holds (casefolded)
    found: dict[int, list[Span]] = field(default_factory=dict)


class CompiledPass:
    """Every registered unit, and the core's pass over them."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self._by_key: dict[tuple[Any, ...], Unit] = {}
        self._core: _core.PatternPass | None = None
        self._version = 0
        self.core_units = 0  # documents' units matched in the core (for tests and stats)
        self.python_units = 0  # and on the Python path
        #: Every unit on the Python path, unscreened: the reference the tests compare with
        self.reference = False

    def unit(
        self,
        engine: Engine,
        ignore_case: bool,
        template: Template,
        alternation: str,
        python: Callable[..., Iterator[Span]],  # (text, the required strings it holds)
        requires: frozenset[str] | None,
        parts: Sequence[str] | None = None,
    ) -> Unit:
        """The unit of ``alternation`` in ``template``, registered on first request;
        ``requires``: strings one of which every match holds (casefolded; None: unknown);
        ``parts``: the patterns whose alternation it is, each translated once."""
        key = (engine, ignore_case, template, alternation)
        if key in self._by_key:
            return self._by_key[key]
        translation = _translated(alternation, engine, parts)
        flags = "(?m)" + ("(?i)" if ignore_case else "")
        unit = Unit(len(self.units), engine, alternation, python, translation, requires)
        unit.reason = translation.reason
        # Compiled by the core on first use (a refusal then sends it to the Python path).
        if translation.exact is not None and translation.relaxed is not None:
            unit.exact = flags + EXACT_TEMPLATES[template].replace("{alt}", translation.exact)
            unit.relaxed = flags + RELAXED_TEMPLATES[template].replace("{alt}", translation.relaxed)
        self.units.append(unit)
        self._by_key[key] = unit
        self._core, self._version = None, self._version + 1
        return unit

    def matches(self, doc: Document, unit: Unit) -> list[Span]:
        """The spans of group ``m`` of every match of ``unit`` in ``doc``'s searched text,
        in the order of Python's ``finditer``."""
        if self.reference:
            return list(unit.python(searched_text(doc), None))
        state = self._state(doc)
        # Where the engines disagree on a character, the required strings (compared
        # casefolded) may miss a match Python finds ('ı' is 'i' to re): no screening.
        if unit.index not in state.candidates and unit.engine not in state.disputed:
            return []
        found = state.found.get(unit.index)
        if found is None:
            found = state.found[unit.index] = self._find(doc, unit, state)
        return found

    @contextlib.contextmanager
    def reference_run(self) -> Iterator[None]:
        """Within the block, every unit runs on the Python path, unscreened (the
        behaviour before the core: what the parity tests compare with)."""
        self.reference = True
        try:
            yield
        finally:
            self.reference = False

    def _find(self, doc: Document, unit: Unit, state: _DocumentState) -> list[Span]:
        text = searched_text(doc)
        if unit.exact is not None and unit.engine not in state.disputed:
            self.core_units += 1
            try:
                return [(start, end) for _, start, end in self._pass().find(text, [unit.index])]
            except UnicodeEncodeError:  # lone surrogates: the core reads UTF-8 only
                pass
            except ValueError as exc:  # the core cannot compile it: Python's from now on
                unit.exact, unit.reason = None, f"the compiled core refuses it: {exc}"
        self.python_units += 1
        present = None if unit.engine in state.disputed else state.present
        return list(unit.python(text, present))

    def _state(self, doc: Document) -> _DocumentState:
        state: _DocumentState | None = doc.cache.get(self)
        if state is None or state.version != self._version:
            text = searched_text(doc)
            try:
                candidates, flags, present = self._pass().screen(text, text.casefold())
            except UnicodeEncodeError:  # lone surrogates: every unit, on the Python path
                candidates, flags, present = range(len(self.units)), [0, 1], _strings(text)
            state = doc.cache[self] = _DocumentState(
                self._version,
                frozenset(candidates),
                frozenset(_ENGINES[flag] for flag in flags),
                frozenset(present),
            )
        return state

    def _pass(self) -> _core.PatternPass:
        if self._core is None:
            units = [(u.exact, u.relaxed) if u.exact and u.relaxed else None for u in self.units]
            requires = [None if u.requires is None else sorted(u.requires) for u in self.units]
            self._core = _core.PatternPass(units, requires, self._gaps())
        return self._core

    def _gaps(self) -> list[str]:
        """One class per engine: the characters on which it and the core disagree, given
        the characters the units hold (for the pairs that match ignoring case)."""
        classes = []
        for engine in _ENGINES:
            base, pairs = _GAPS[engine]
            held = {c for unit in self.units if unit.engine == engine for c in unit.source}
            held |= {c.swapcase() for c in held}
            partners = {pairs[i + 1] for i in range(0, len(pairs), 2) if pairs[i] in held}
            extra = "".join(f"\\x{{{ord(c):X}}}" for c in sorted(partners))
            classes.append(f"[{base}{extra}]")
        return classes


_ENGINES: tuple[Engine, ...] = ("re", "regex")
_GAPS: dict[Engine, tuple[str, str]] = {
    "re": (_unicode_gaps.RE_GAPS, _unicode_gaps.RE_CASE_PAIRS),
    "regex": (_unicode_gaps.REGEX_GAPS, _unicode_gaps.REGEX_CASE_PAIRS),
}


#: The units of this process: the kinds register theirs when rules load.
PASS = CompiledPass()


def translation_of(pattern: str, engine: Engine) -> Translation:
    """:func:`translate`, remembered between runs (``pattern_cache.py``)."""
    return CACHE.get(
        "translate",
        f"{engine}\0{pattern}",
        lambda: translate(pattern, engine),
        lambda t: [t.exact, t.reason, t.relaxed],
        lambda v: Translation(v[0], v[1], v[2]),
    )


def required_strings(pattern: str) -> frozenset[str] | None:
    """:func:`required_literals`, remembered between runs (``pattern_cache.py``)."""
    return CACHE.get(
        "literals",
        pattern,
        lambda: required_literals(pattern),
        lambda v: None if v is None else sorted(v),
        lambda v: None if v is None else frozenset(v),
    )


def _translated(alternation: str, engine: Engine, parts: Sequence[str] | None) -> Translation:
    """The translation of ``alternation``, from those of its ``parts`` when given (the
    same patterns recur in a rule's units for each language)."""
    if parts is None:
        return translation_of(alternation, engine)
    pieces = [translation_of(part, engine) for part in parts]
    refused = next((piece for piece in pieces if piece.exact is None), None)
    if refused is not None:
        return refused
    return Translation(
        "(?:" + "|".join(f"(?:{piece.exact})" for piece in pieces) + ")",
        None,
        "(?:" + "|".join(f"(?:{piece.relaxed})" for piece in pieces) + ")",
    )


def finditer_spans(pattern: Any, **options: Any) -> Callable[..., Iterator[Span]]:
    """A unit's Python path: ``pattern.finditer`` over the searched text, group ``m``."""

    def spans(text: str, present: frozenset[str] | None = None) -> Iterator[Span]:
        for match in pattern.finditer(text, **options):
            yield match.span("m")

    return spans


def _strings(text: str) -> list[str]:
    """Every required string of the registered units that ``text`` holds (casefolded)."""
    folded = text.casefold()
    strings = {s for unit in PASS.units for s in unit.requires or ()}
    return [s for s in strings if s in folded]


def describe(unit: Unit) -> str | None:
    """Why ``unit`` runs on the Python path (None: it runs in the core)."""
    return None if unit.exact is not None else unit.reason
