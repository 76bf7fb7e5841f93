"""The YAML rules' phrases and patterns, matched by the compiled core.

Every regular expression the phrase and pattern kinds run (a rule's alternation for one
language, inside its scope's template) is a *unit*, registered once in the
:class:`CompiledPass` of its rule load (one per ``load_folders`` call: one per Checker,
never shared by the Checkers of a process). For each document, one call to the core looks for the strings the units require
(``literals.py``: one of them is in every match) in one Aho-Corasick pass and tells
which units can match; only those run, each in the core when it could be translated
(``translate.py``) and the document holds no character on which Python's engine and the
core's tables disagree (``_unicode_gaps.py``), else on the Python path (the unit's
Python regex, with its time bound). Both paths give the same matches: the core is
tested against the Python regex pattern by pattern (``tests/test_translate.py``) and on
every shared corpus (``tests/test_core_parity.py``). What a pass learns about a document
(the candidate units, their matches) lives in the document's stash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

import newslint._core as _core
from newslint.checking.prefilter import folded_searched_text, searched_text
from newslint.declarative import _unicode_gaps
from newslint.declarative.literals import required_literals
from newslint.declarative.pattern_cache import CACHE
from newslint.declarative.translate import Engine, Translation, translate, unbounded
from newslint.model.document import Document
from newslint.model.stash import StashKey

Template = Literal["anywhere", "line-start", "whole-line", "line-end", "anchored"]

# The scopes' templates in the core's syntax: the same as kinds.py's Python templates,
# "(?<!\w(?=\w))" and "(?!(?<=\w)\w)" (not between two word characters) written with the
# half word boundaries.
_NOT_IN_WORD = r"(?:\b{start-half}|\b{end-half})"
_LINE_START = r"\n[ \t]*(?:[\-–—•*>|\#]+[ \t]*)?"
_WHOLE_LINE_START = r"\n[ \t]*(?:[\-–—•*>|][ \t]*)*"
_WHOLE_LINE_END = r"[ \t]*[:.!?…»>›→]*(?:[ \t]*\|)*[ \t]*\r?$"
# The same conditions for ASCII word characters only: they hold wherever the Unicode
# ones do (a character that is not a word character is not an ASCII one either), and
# the lazy DFA decides them on any text, where a Unicode word boundary stops it at the
# first non-ASCII byte.
_NOT_IN_ASCII_WORD = r"(?-u:\b{start-half}|\b{end-half})"
#: The templates with the ASCII conditions only (see ``Translation.relaxed``).
RELAXED_TEMPLATES: dict[Template, str] = {
    "anywhere": _NOT_IN_ASCII_WORD + "(?P<m>{alt})" + _NOT_IN_ASCII_WORD,
    "line-start": _LINE_START + "(?P<m>{alt})" + _NOT_IN_ASCII_WORD,
    "whole-line": _WHOLE_LINE_START + "(?P<m>{alt})" + _WHOLE_LINE_END,
    "line-end": r"(?-u:\b{start-half})(?P<m>{alt})[ \t]*\r?$",
    "anchored": r"\n(?P<m>{alt})" + _NOT_IN_ASCII_WORD,
}
EXACT_TEMPLATES: dict[Template, str] = {
    "anywhere": _NOT_IN_WORD + "(?P<m>{alt})" + _NOT_IN_WORD,
    "line-start": _LINE_START + "(?P<m>{alt})" + _NOT_IN_WORD,
    "whole-line": _WHOLE_LINE_START + "(?P<m>{alt})" + _WHOLE_LINE_END,
    "line-end": r"\b{start-half}(?P<m>{alt})[ \t]*\r?$",
    "anchored": r"\n(?P<m>{alt})" + _NOT_IN_WORD,
}
Span: TypeAlias = tuple[int, int]  # of group "m" in searched_text(doc)
#: A unit's Python path: (searched text, the required strings it holds or None: all
#: patterns, the only starts where a match may begin or None: anywhere) -> spans of
#: group "m", as ``finditer`` gives them.
PythonPath: TypeAlias = Callable[[str, frozenset[str] | None, Sequence[int] | None], Iterator[Span]]
#: More candidate starts than this in a text: the Python path searches it all.
MAX_STARTS = 256
#: The relaxed form of a unit repeats nothing a bounded number of
#: times above this: ".{0,160}" is ".{0,}" there (counting makes as many DFA states).
MAX_RELAXED_BOUND = 8


@dataclass(eq=False)
class Unit:
    """One regular expression of a YAML kind, with its Python form (the fallback and the
    reference) and its translations."""

    index: int
    engine: Engine
    source: str  # the alternation, in Python's syntax
    python: PythonPath
    translation: Translation
    requires: frozenset[str] | None  # casefolded strings one of which every match holds
    exact: str | None = None  # the whole unit in the core's syntax, when it can run there
    # the same without word-boundary assertions (and, for a unit on the Python path,
    # without look-arounds: where it matches is where the Python path tries the unit)
    relaxed: str | None = None
    reason: str | None = None  # why it runs on the Python path


@dataclass
class _DocumentState:
    version: int
    candidates: frozenset[int]
    disputed: frozenset[Engine]  # engines whose tables disagree with the core's here
    present: frozenset[str]  # the required strings the text holds (casefolded)
    found: dict[int, list[Span]] = field(default_factory=dict)


class CompiledPass:
    """The units of one rule load (the YAML rules of one Checker), and the core's pass
    over them. What it learns about a document lives in the document's stash.

    ``reference``: every unit runs on the Python path, unscreened: how newslint matched
    the YAML rules before the core, what the parity tests compare with (the setting
    ``python_patterns``)."""

    def __init__(self, *, reference: bool = False) -> None:
        self.units: list[Unit] = []
        self.reference = reference
        self._by_key: dict[tuple[Any, ...], Unit] = {}
        self._core: _core.PatternPass | None = None
        self._version = 0
        self._state_key: StashKey[_DocumentState] = StashKey("compiled pass")

    def unit(
        self,
        engine: Engine,
        ignore_case: bool,
        template: Template,
        alternation: str,
        python: PythonPath,
        requires: frozenset[str] | None,
        parts: Sequence[str] | None = None,
    ) -> Unit:
        """The unit of ``alternation`` in ``template``, registered on first request;
        ``python``: its Python path; ``requires``: strings one of which every match holds
        (casefolded; None: unknown); ``parts``: the patterns whose alternation it is,
        each translated once."""
        key = (engine, ignore_case, template, alternation)
        if key in self._by_key:
            return self._by_key[key]
        translation = _translated(alternation, engine, parts, ignore_case)
        flags = "(?m)" + ("(?i)" if ignore_case else "")
        unit = Unit(len(self.units), engine, alternation, python, translation, requires)
        unit.reason = translation.reason
        # Compiled by the core on first use (a refusal then sends it to the Python path).
        if translation.exact is not None:
            unit.exact = flags + EXACT_TEMPLATES[template].replace("{alt}", translation.exact)
        if translation.relaxed is not None:
            # It only says where to try the unit: loose is quick (a lazy DFA that counts
            # a class of letters to 40 thrashes its cache and gives way to a slow engine).
            relaxed = unbounded(translation.relaxed, MAX_RELAXED_BOUND)
            unit.relaxed = flags + RELAXED_TEMPLATES[template].replace("{alt}", relaxed)
        self.units.append(unit)
        self._by_key[key] = unit
        self._core, self._version = None, self._version + 1
        return unit

    def matches(self, doc: Document, unit: Unit) -> list[Span]:
        """The spans of group ``m`` of every match of ``unit`` in ``doc``'s searched text,
        in the order of Python's ``finditer``."""
        if self.reference:
            return list(unit.python(searched_text(doc), None, None))
        state = self.state(doc)
        # Where the engines disagree on a character, the required strings (compared
        # casefolded) may miss a match Python finds ('ı' is 'i' to re): no screening.
        if unit.index not in state.candidates and unit.engine not in state.disputed:
            return []
        found = state.found.get(unit.index)
        if found is None:
            found = state.found[unit.index] = self._find(doc, unit, state)
        return found

    def runs_in_core(self, doc: Document, unit: Unit) -> bool:
        """Whether ``unit`` is matched by the core in ``doc`` (else on the Python path)."""
        state = self.state(doc)
        return not self.reference and unit.exact is not None and unit.engine not in state.disputed

    def _find(self, doc: Document, unit: Unit, state: _DocumentState) -> list[Span]:
        text = searched_text(doc)
        if unit.exact is not None and unit.engine not in state.disputed:
            try:
                return [(start, end) for _, start, end in self.core().find(text, [unit.index])]
            except UnicodeEncodeError:  # lone surrogates: the core reads UTF-8 only
                pass
            except ValueError as exc:  # the core cannot compile it: Python's from now on
                unit.exact, unit.reason = None, f"the compiled core refuses it: {exc}"
        if unit.engine in state.disputed:
            return list(unit.python(text, None, None))
        # The screening looked for a unit's strings only when every one of its patterns
        # requires some: otherwise what it found present says nothing of its patterns'.
        present = state.present if unit.requires is not None else None
        return list(unit.python(text, present, self._starts(text, unit)))

    def _starts(self, text: str, unit: Unit) -> list[int] | None:
        """Where a match of a unit on the Python path may start: where its relaxed form
        (no look-arounds) matches, found by the core's lazy DFA; None: anywhere (no
        relaxed form, too many starts, or text the core cannot read)."""
        if unit.relaxed is None:
            return None
        try:
            return self.core().starts(text, unit.index, MAX_STARTS)
        except UnicodeEncodeError:
            return None
        except ValueError:  # the core cannot compile it: the Python path alone from now on
            unit.relaxed = None
            return None

    def state(self, doc: Document) -> _DocumentState:
        """What the screening pass found in ``doc``: the candidate units, the engines
        whose tables disagree with the core's on one of its characters, the required
        strings it holds (computed once per document, again if units were added since)."""
        state = doc.stash.get(self._state_key, None)
        if state is None or state.version != self._version:
            text = searched_text(doc)
            try:
                candidates, flags, present = self.core().screen(text, folded_searched_text(doc))
            except UnicodeEncodeError:  # lone surrogates: every unit, on the Python path
                candidates, flags, present = (
                    list(range(len(self.units))),
                    [0, 1],
                    self._strings(text),
                )
            state = _DocumentState(
                self._version,
                frozenset(candidates),
                frozenset(_ENGINES[flag] for flag in flags),
                frozenset(present),
            )
            doc.stash[self._state_key] = state
        return state

    def core(self) -> _core.PatternPass:
        """The core's pass over the registered units (built again after a registration)."""
        if self._core is None:
            units = [(u.exact, u.relaxed) if u.relaxed else None for u in self.units]
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

    def _strings(self, text: str) -> list[str]:
        """Every required string of the units that ``text`` holds (casefolded)."""
        folded = text.casefold()
        strings = {s for unit in self.units for s in unit.requires or ()}
        return [s for s in strings if s in folded]


_ENGINES: tuple[Engine, ...] = ("re", "regex")
_GAPS: dict[Engine, tuple[str, str]] = {
    "re": (_unicode_gaps.RE_GAPS, _unicode_gaps.RE_CASE_PAIRS),
    "regex": (_unicode_gaps.REGEX_GAPS, _unicode_gaps.REGEX_CASE_PAIRS),
}


def translation_of(pattern: str, engine: Engine, ignore_case: bool = False) -> Translation:
    """:func:`translate`, remembered between runs (``pattern_cache.py``)."""
    return CACHE.get(
        "translate",
        f"{engine}\0{ignore_case:d}\0{pattern}",
        lambda: translate(pattern, engine, ignore_case=ignore_case),
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


def _translated(
    alternation: str, engine: Engine, parts: Sequence[str] | None, ignore_case: bool
) -> Translation:
    """The translation of ``alternation``, from those of its ``parts`` when given (the
    same patterns recur in a rule's units for each language)."""
    if parts is None:
        return translation_of(alternation, engine, ignore_case)
    pieces = [translation_of(part, engine, ignore_case) for part in parts]
    relaxed = None
    if all(piece.relaxed is not None for piece in pieces):
        relaxed = "(?:" + "|".join(f"(?:{piece.relaxed})" for piece in pieces) + ")"
    refused = next((piece for piece in pieces if piece.exact is None), None)
    if refused is not None:
        return Translation(None, refused.reason, relaxed)
    return Translation(
        "(?:" + "|".join(f"(?:{piece.exact})" for piece in pieces) + ")", None, relaxed
    )


def finditer_spans(pattern: Any, **options: Any) -> PythonPath:
    """A unit's Python path: ``pattern.finditer`` over the searched text, group ``m``."""

    def spans(
        text: str, present: frozenset[str] | None = None, starts: Sequence[int] | None = None
    ) -> Iterator[Span]:
        found = None if starts is None else _matches_at(pattern, text, starts, options)
        if found is None:
            found = [match.span("m") for match in pattern.finditer(text, **options)]
        yield from found

    return spans


def _matches_at(
    pattern: Any, text: str, starts: Sequence[int], options: dict[str, Any]
) -> list[Span] | None:
    """What ``finditer`` finds, given that no match begins outside ``starts`` (sorted):
    the pattern is tried at each start past the last match, as ``finditer`` would try it
    there. None when a match is empty (``finditer``'s rules for those are its own)."""
    found: list[Span] = []
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start, **options)
        if match is not None:
            if match.end() == start:
                return None
            found.append(match.span("m"))
            end = match.end()
    return found


def describe(unit: Unit) -> str | None:
    """Why ``unit`` runs on the Python path (None: it runs in the core)."""
    return None if unit.exact is not None else unit.reason
