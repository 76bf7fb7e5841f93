"""Translates the YAML rules' regular expressions (Python's ``re``/``regex`` syntax) into
the syntax of the compiled core (Rust's ``regex-automata``).

The pattern is read with the standard library's parser (``re._parser``, as
``literals.py`` reads it) and written again in the core's syntax. The translation matches
what Python matches, wherever Python's and the core's character tables agree
(``_unicode_gaps.py`` lists where they do not). A construct the core has no equivalent
for (look-around, back-reference, atomic group, possessive repetition, syntax of the
``regex`` module only) makes the pattern untranslatable: it runs on the Python path, and
``newslint rules`` says so.
"""

from __future__ import annotations

import importlib
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import newslint._core as _core

sre: Any
sre_parse: Any
try:  # private modules: if a Python release moves them, every pattern runs on Python
    sre = importlib.import_module("re._constants")
    sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    sre = sre_parse = None

Engine = Literal["re", "regex"]

# Syntax of the `regex` module that the standard parser would read as something else:
# fuzzy matching ("{e<=1}"), VERSION1 set operations and nested sets, named lists.
_FOREIGN_SYNTAX = re.compile(r"\{\s*[a-zA-Z]|\[\[|--|&&|\|\||~~|\\L<")
# Unicode properties, which the standard parser does not know: each is swapped for a
# private-use character while parsing, and written back as the property.
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Z]")
_PLACEHOLDER_BASE = 0xF0000
_PLACEHOLDERS = re.compile("[\U000f0000-\U000ffffd]")


class Untranslatable(Exception):
    """A pattern (or a part of one) that the core cannot match exactly; says why."""


@dataclass(frozen=True)
class Translation:
    """A pattern in the core's syntax (``exact``), or None and the ``reason``; and
    ``relaxed``, the same without its word-boundary assertions (which match wherever
    ``exact`` does, and which the core's fast automata run on any text: they stop at
    the first non-ASCII byte when a Unicode word boundary is to be decided)."""

    exact: str | None
    reason: str | None = None
    relaxed: str | None = None


@lru_cache(maxsize=1024)
def translate(
    pattern: str,
    engine: Engine,
    flags: int = 0,
    multiline: bool = True,
    ignore_case: bool = False,
) -> Translation:
    """``pattern``, read as ``engine`` reads it, in the core's syntax (see above).

    ``flags``: flags the pattern is compiled with that only change how it is read
    (``re.VERBOSE``). ``multiline``: ``^`` and ``$`` at lines (the kinds compile every
    pattern MULTILINE); else ``^`` is the start of the text and ``$`` its end or a final
    newline, which the core has no assertion for: it is written as an optional newline
    and the end, the same
    only where nothing follows ``$`` in its branch (as in the structure view's markers,
    whose parity test holds it). ``ignore_case``: the pattern is matched ignoring case,
    and its classes of letters are written already folded (:func:`_folded`)."""
    if sre_parse is None:
        return Translation(None, "the standard library's regex parser is unavailable")
    if _PLACEHOLDERS.search(pattern):
        return Translation(None, "holds private-use characters of planes 15-16")
    properties: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        properties.append(match.group())
        return f"\\U{_PLACEHOLDER_BASE + len(properties) - 1:08x}"

    readable = _PROPERTY.sub(placeholder, pattern)
    if _FOREIGN_SYNTAX.search(readable):
        return Translation(None, "uses syntax of the regex module only")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = sre_parse.parse(readable, flags)
    except (re.error, RecursionError, OverflowError, ValueError) as exc:
        return Translation(None, f"cannot read its syntax: {exc}")
    if tree.state.flags & ~(sre.SRE_FLAG_UNICODE | flags):
        return Translation(None, "sets global flags inside the pattern")
    try:
        exact = _Writer(engine, properties, False, multiline, ignore_case).sequence(list(tree))
    except Untranslatable as exc:
        return Translation(
            None, str(exc), _looser(engine, properties, tree, multiline, ignore_case)
        )
    relaxed = _Writer(engine, properties, True, multiline, ignore_case).sequence(list(tree))
    return Translation(exact, None, relaxed)


def _looser(
    engine: Engine, properties: list[str], tree: Any, multiline: bool, ignore_case: bool
) -> str | None:
    """For a pattern the core cannot match exactly (a look-around): the relaxed
    expression without its look-arounds either, which matches, from the same start,
    wherever the pattern does; the Python path then tries the pattern only where it
    matches. None when the core cannot write even that."""
    try:
        return _Writer(engine, properties, True, multiline, ignore_case).sequence(list(tree))
    except Untranslatable:
        return None


_BOUND = re.compile(r"(?<!\\)\{(\d+),(\d+)\}")


#: A class with a property or a category: its folding costs milliseconds.
_LARGE_CLASS = re.compile(r"\\[pPwWdDsS]")


@lru_cache(maxsize=256)
def _folded(written: str) -> str:
    """The class ``written`` (core syntax) as it matches ignoring case, in a form the
    core's compiler need not fold again (``_core.case_closed``): the same characters,
    compiled ten times faster in a unit of a few dozen classes of letters."""
    return _core.case_closed(written)


def unbounded(written: str, above: int) -> str:
    """``written`` (core syntax) with its repetitions of more than ``above`` unbounded
    (``.{0,160}`` becomes ``.{0,}``): it matches wherever ``written`` does, and a lazy
    DFA need not count (a bounded repetition makes as many states as its bound)."""
    return _BOUND.sub(lambda m: m.group() if int(m[2]) <= above else f"{{{m[1]},}}", written)


_META = set("\\.+*?()|[]{}^$#&-~")
_FLAG_LETTERS = {
    sre.SRE_FLAG_IGNORECASE: "i",
    sre.SRE_FLAG_MULTILINE: "m",
    sre.SRE_FLAG_DOTALL: "s",
}


def _char(code: int) -> str:
    """One character as the core's syntax writes it, inside a class or out of one."""
    char = chr(code)
    if not char.isprintable() or char.isspace():
        return f"\\x{{{code:X}}}"
    if char in _META or (char.isascii() and not char.isalnum() and char not in "<>"):
        return "\\" + char
    return char


_CATEGORIES = (
    {}
    if sre is None
    else {
        sre.CATEGORY_DIGIT: (r"\d", r"\d"),
        sre.CATEGORY_NOT_DIGIT: (r"\D", r"\D"),
        sre.CATEGORY_WORD: (r"\w", r"\w"),
        sre.CATEGORY_NOT_WORD: (r"\W", r"\W"),
        # Python's \s for str patterns (re) counts \x1c-\x1f as space; the core's does not.
        sre.CATEGORY_SPACE: (r"[\s\x1C-\x1F]", r"\s"),
        sre.CATEGORY_NOT_SPACE: (r"[^\s\x1C-\x1F]", r"\S"),
    }
)


class _Writer:
    """Writes one syntax tree in the core's syntax."""

    def __init__(
        self,
        engine: Engine,
        properties: list[str],
        relaxed: bool = False,
        multiline: bool = True,
        ignore_case: bool = False,
    ) -> None:
        self.engine, self.properties, self.relaxed = engine, properties, relaxed
        self.multiline = multiline
        self.ignore_case = ignore_case  # here, inside the inline flags around

    def sequence(self, items: list[tuple[Any, Any]]) -> str:
        return "".join(self.node(op, av) for op, av in items)

    def node(self, op: Any, av: Any) -> str:
        if op is sre.LITERAL:
            return self.folded(self.literal(av)) if self.property(av) else self.literal(av)
        if op is sre.NOT_LITERAL:
            return f"[^{self.literal(av)}]"
        if op is sre.ANY:
            return "."
        if op is sre.IN:
            return self.folded(self.char_class(av))
        if op is sre.CATEGORY:
            return self.folded(self.category(av))
        if op is sre.BRANCH:
            return "(?:" + "|".join(self.sequence(list(alt)) for alt in av[1]) + ")"
        if op is sre.SUBPATTERN:
            return self.group(av)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            return self.repeat(op, *av)
        if op is sre.AT:
            return self.at(av)
        if self.relaxed and op in (sre.ASSERT, sre.ASSERT_NOT):
            return ""  # no condition: matches wherever the assertion's pattern does
        what = {
            sre.ASSERT: "a look-around assertion",
            sre.ASSERT_NOT: "a look-around assertion",
            sre.GROUPREF: "a back-reference",
            sre.GROUPREF_EXISTS: "a conditional group",
            sre.ATOMIC_GROUP: "an atomic group",
            getattr(sre, "POSSESSIVE_REPEAT", None): "a possessive repetition",
        }.get(op, f"the construct {op}")
        raise Untranslatable(f"uses {what}, which the compiled core cannot match")

    def property(self, code: int) -> str | None:
        """The Unicode property a placeholder stands for (None: not a placeholder)."""
        index = code - _PLACEHOLDER_BASE
        return self.properties[index] if 0 <= index < len(self.properties) else None

    def literal(self, code: int) -> str:
        prop = self.property(code)
        return _char(code) if prop is None else prop

    def folded(self, written: str) -> str:
        """A class as written, or already folded when case is ignored (:func:`_folded`)."""
        return _folded(written) if self.ignore_case and _LARGE_CLASS.search(written) else written

    def category(self, code: Any) -> str:
        if code not in _CATEGORIES:
            raise Untranslatable(f"uses the category {code}, which the compiled core lacks")
        return _CATEGORIES[code][0 if self.engine == "re" else 1]

    def char_class(self, items: list[tuple[Any, Any]]) -> str:
        negate = bool(items) and items[0][0] is sre.NEGATE
        parts = []
        for op, av in items[1:] if negate else items:
            if op is sre.LITERAL:
                parts.append(self.literal(av))
            elif op is sre.RANGE and self.property(av[0]) is None and self.property(av[1]) is None:
                parts.append(f"{_char(av[0])}-{_char(av[1])}")
            elif op is sre.CATEGORY:
                parts.append(self.category(av))
            else:
                raise Untranslatable(f"uses the class item {op}, which the core cannot match")
        if not parts:
            raise Untranslatable("uses an empty class")
        return "[" + ("^" if negate else "") + "".join(parts) + "]"

    def group(self, av: Any) -> str:
        _, add_flags, del_flags, body = av
        if (add_flags | del_flags) & ~sum(_FLAG_LETTERS) & ~sre.SRE_FLAG_UNICODE:
            raise Untranslatable("uses an inline flag other than i, m and s")
        flags = "".join(letter for bit, letter in _FLAG_LETTERS.items() if add_flags & bit)
        off = "".join(letter for bit, letter in _FLAG_LETTERS.items() if del_flags & bit)
        switch = flags + (f"-{off}" if off else "")
        outer = self.ignore_case
        if add_flags & sre.SRE_FLAG_IGNORECASE or del_flags & sre.SRE_FLAG_IGNORECASE:
            self.ignore_case = bool(add_flags & sre.SRE_FLAG_IGNORECASE)
        try:
            return f"(?{switch}:{self.sequence(list(body))})"
        finally:
            self.ignore_case = outer

    def repeat(self, op: Any, low: int, high: int, body: Any) -> str:
        count = f"{{{low},}}" if high == sre.MAXREPEAT else f"{{{low},{high}}}"
        lazy = "?" if op is sre.MIN_REPEAT else ""
        return f"(?:{self.sequence(list(body))}){count}{lazy}"

    def at(self, code: Any) -> str:
        anchors = {
            sre.AT_BEGINNING: "(?m:^)",  # the kinds compile every pattern MULTILINE
            sre.AT_END: "(?m:$)",
            sre.AT_BEGINNING_STRING: r"\A",
            sre.AT_END_STRING: r"\z",
            sre.AT_BOUNDARY: r"\b",
            sre.AT_NON_BOUNDARY: r"\B",
        }
        if not self.multiline:  # see translate()
            anchors |= {sre.AT_BEGINNING: r"\A", sre.AT_END: r"(?:\n?\z)"}
        if code not in anchors:
            raise Untranslatable(f"uses the anchor {code}, which the compiled core lacks")
        if self.relaxed and code in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):
            return ""
        return anchors[code]
