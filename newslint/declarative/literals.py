"""Required literals of a regular expression: a small set of strings one of which every
match must contain. A pattern whose literals are all absent from a document cannot match
it, so it is not run there: one Aho-Corasick pass over the document replaces a scan per
pattern (the technique of RE2's and codesearch's prefilters).

The analysis reads the pattern with the standard library's parser (``re._parser``);
anything it cannot prove gives ``None`` ("no requirement known": the pattern always
runs), never a wrong requirement. Strings are casefolded, and so is the text they are
looked for in, which keeps the test necessary for case-insensitive patterns too.
"""

from __future__ import annotations

import importlib
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

sre: Any
sre_parse: Any
try:  # private modules: if a Python release moves them, patterns simply always run
    sre = importlib.import_module("re._constants")
    sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    sre = sre_parse = None

#: Largest set of exact strings tracked for one piece of a pattern.
MAX_STRINGS = 64
# Syntax of the `regex` module that the standard parser would read as something else:
# fuzzy matching ("{e<=1}"), VERSION1 set operations and nested sets, named lists.
_FOREIGN_SYNTAX = re.compile(r"\{\s*[a-zA-Z]|\[\[|--|&&|\|\||~~|\\L<")
# \p{...} / \P{...} (Unicode properties): any character class will do for the analysis.
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Z]")
# Single characters too common to tell documents apart.
_USELESS = set(" \t\n.,;:'-()\"!?/")


@dataclass(frozen=True)
class _Info:
    """What one piece of a pattern matches: exactly one of ``exact`` (when known and
    small), always some string of ``required``, and a string that starts with one of
    ``prefix`` (each when known)."""

    exact: frozenset[str] | None = None
    required: frozenset[str] | None = None
    prefix: frozenset[str] | None = None

    @property
    def starts(self) -> frozenset[str] | None:
        return self.exact if self.exact is not None else self.prefix

    def needed(self) -> frozenset[str] | None:
        if self.required is not None:
            return self.required
        if self.exact is not None and "" not in self.exact:
            return self.exact
        return None


_EMPTY = _Info(exact=frozenset({""}))  # zero-width: adds no characters
_UNKNOWN = _Info()


@lru_cache(maxsize=4096)  # a pattern is analysed once per unit it is part of
def required_literals(pattern: str) -> frozenset[str] | None:
    """Casefolded strings one of which every match of ``pattern`` contains, or None."""
    pattern = _PROPERTY.sub(r"\\w", pattern)
    if sre_parse is None or _FOREIGN_SYNTAX.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = sre_parse.parse(pattern, 0)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    needed = _sequence(list(parsed)).needed()
    if not needed or any(_is_useless(s) for s in needed):
        return None
    return _shortest(needed)


def _shortest(strings: frozenset[str]) -> frozenset[str]:
    """Drop the strings that contain another one of the set: finding it is enough."""
    kept: list[str] = []
    for candidate in sorted(strings, key=len):
        if not any(shorter in candidate for shorter in kept):
            kept.append(candidate)
    return frozenset(kept)


def _is_useless(literal: str) -> bool:
    return not literal.strip() or (len(literal) == 1 and literal in _USELESS)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirements: none too common, then the longer
    shortest string, then fewer strings."""
    if a is None or b is None:
        return a if b is None else b
    return a if _selectivity(a) >= _selectivity(b) else b


def _selectivity(strings: frozenset[str]) -> tuple[bool, int, int]:
    return not any(map(_is_useless, strings)), min(map(len, strings)), -len(strings)


def _product(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) * len(right) > MAX_STRINGS:
        return None
    return frozenset(a + b for a in left for b in right)


def _informative(strings: frozenset[str] | None) -> frozenset[str] | None:
    return strings if strings is not None and "" not in strings else None


def _sequence(items: list[tuple[Any, Any]]) -> _Info:
    best: frozenset[str] | None = None
    run = frozenset({""})  # exact strings of the items since the last unknown one
    prefix: frozenset[str] | None = None
    for op, av in items:
        info = _node(op, av)
        joined = _product(run, info.exact) if info.exact is not None else None
        if joined is not None:
            run = joined
            continue
        # The run, then the start of this item: "/ ?" + (AP|Getty Images(?: for ...)?)
        extended = _product(run, info.starts) if info.starts is not None else None
        if prefix is None:
            prefix = extended if extended is not None else run
        for candidate in (run, extended, info.needed()):
            best = _better(best, _informative(candidate))
        run = info.exact if info.exact is not None else frozenset({""})
    best = _better(best, _informative(run))
    if prefix is None:  # every item was exact
        return _Info(exact=run, required=best)
    return _Info(required=best, prefix=prefix)


def _node(op: Any, av: Any) -> _Info:
    if op is sre.LITERAL:
        return _Info(exact=frozenset({chr(av).casefold()}))
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # zero-width: adds no characters
        return _EMPTY
    if op in (sre.SUBPATTERN,):
        return _sequence(list(av[-1]))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is sre.BRANCH:
        return _branch([_sequence(list(alt)) for alt in av[1]])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        return _repeat(*av)
    if op is sre.IN:
        return _class(av)
    return _UNKNOWN


def _joined(sets: list[frozenset[str] | None]) -> Iterator[str]:
    for strings in sets:
        yield from strings or ()


def _branch(alternatives: list[_Info]) -> _Info:
    exact: frozenset[str] | None = None
    if all(alt.exact is not None for alt in alternatives):
        union = frozenset(s for alt in alternatives for s in alt.exact or ())
        exact = union if len(union) <= MAX_STRINGS else None
    needs = [alt.needed() for alt in alternatives]
    required = None if any(n is None for n in needs) else frozenset(_joined(needs))
    starts = [alt.starts for alt in alternatives]
    prefix = None if any(s is None for s in starts) else frozenset(_joined(starts))
    if prefix is not None and len(prefix) > MAX_STRINGS:
        prefix = None
    return _Info(exact=exact, required=required, prefix=prefix)


def _repeat(low: int, high: Any, body: Any) -> _Info:
    inner = _sequence(list(body))
    if low == 0:
        optional = inner.exact | {""} if inner.exact is not None and high == 1 else None
        return _Info(exact=optional)
    exact = inner.exact if low == high else None
    for _ in range(low - 1):
        if exact is None:
            break
        exact = _product(exact, inner.exact)  # type: ignore[arg-type]
    return _Info(exact=exact, required=inner.needed(), prefix=inner.starts)


def _class(items: list[tuple[Any, Any]]) -> _Info:
    """A class of a few single characters (``[©ⓒ]``) is a set of exact strings."""
    if len(items) > 8 or any(op is not sre.LITERAL for op, _ in items):
        return _UNKNOWN
    return _Info(exact=frozenset(chr(av).casefold() for _, av in items))
