"""The literal prefilter: the strings rules need, found in one pass per document.

A Python rule that cannot find anything in a text lacking certain strings says so with
``@rule(requires=...)`` (H004 needs "t.co/" or "pic.twitter.com/"). Every such string is
registered in one index per process; one Aho-Corasick pass over a document (a DFA over
the UTF-8 of the casefolded text) tells which of them it holds, and the engine skips the
rules that cannot match it. (The YAML rules' strings, computed from their syntax by
``declarative/literals.py``, are looked for by the compiled core: ``compiled.py``.)

Strings are compared casefolded, so a requirement stays necessary for case-insensitive
matching.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick_rs

from newslint.document import Document
from newslint.text import lf_line_ends


def searched_text(doc: Document) -> str:
    """The document text behind a "\\n", lone "\\r" line ends made "\\n" (offsets shift
    by one): what YAML patterns search, a line start being written "\\n"."""
    text = doc.cache.get(searched_text)
    if text is None:
        text = doc.cache[searched_text] = "\n" + lf_line_ends(doc.text)
    return text  # type: ignore[no-any-return]


class LiteralIndex:
    """Registered strings, looked for together in each document."""

    def __init__(self) -> None:
        self._literals: set[str] = set()
        self._sorted: list[str] = []
        self._automaton: ahocorasick_rs.BytesAhoCorasick | None = None
        self._version = 0  # bumped by each new string: a document's answer is then stale

    def register(self, literals: Iterable[str] | None) -> frozenset[str] | None:
        """Register ``literals``; return them casefolded (None, "no requirement", stays
        None: the rule or pattern always runs)."""
        if literals is None:
            return None
        folded = frozenset(literal.casefold() for literal in literals)
        if not folded or "" in folded:
            raise ValueError("a requirement is one or more non-empty strings")
        if not folded <= self._literals:
            self._literals |= folded
            self._automaton = None
            self._version += 1
        return folded

    def present(self, doc: Document) -> frozenset[str]:
        """The registered strings that occur in ``doc`` (casefolded); once per document."""
        cached = doc.cache.get(self)
        if cached is None or cached[0] != self._version:
            cached = doc.cache[self] = (self._version, self._search(doc))
        return cached[1]  # type: ignore[no-any-return]

    def _search(self, doc: Document) -> frozenset[str]:
        if not self._literals:
            return frozenset()
        if self._automaton is None:
            self._sorted = sorted(self._literals)
            self._automaton = ahocorasick_rs.BytesAhoCorasick(
                [s.encode("utf-8", "surrogatepass") for s in self._sorted],
                implementation=ahocorasick_rs.Implementation.DFA,  # twice the default's speed
            )
        text = searched_text(doc).casefold().encode("utf-8", "surrogatepass")
        found = self._automaton.find_matches_as_indexes(text, overlapping=True)
        return frozenset(self._sorted[i] for i, _, _ in found)


#: The index of this process: every rule registers its strings here, so that one pass
#: per document serves them all.
SHARED = LiteralIndex()


def may_match(requires: frozenset[str] | None, doc: Document) -> bool:
    """Whether a rule or pattern that requires ``requires`` can match ``doc``."""
    return requires is None or not requires.isdisjoint(SHARED.present(doc))
