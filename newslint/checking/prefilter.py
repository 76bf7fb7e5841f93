"""The literal prefilter: the strings rules need, found in one pass per document.

A rule that cannot find anything in a text lacking certain strings says so: a Python rule
with ``@rule(requires=...)`` (H004 needs "t.co/" or "pic.twitter.com/"), a YAML pattern
through the literals computed from its syntax (``declarative/literals.py``). Each Checker
puts the strings of its rules in one :class:`LiteralIndex`; one Aho-Corasick pass over a
document (a DFA over the UTF-8 of the casefolded text) tells which of them it holds, and
the engine skips the rules, and the pattern kind the patterns, that cannot match it.

Strings are compared casefolded, so a requirement stays necessary for case-insensitive
matching.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick_rs

from newslint.model.document import Document
from newslint.model.stash import StashKey
from newslint.model.text import lf_line_ends


def searched_text(doc: Document) -> str:
    """The document text behind a "\\n", lone "\\r" line ends made "\\n" (offsets shift
    by one): what YAML patterns search, a line start being written "\\n"."""
    return doc.view(_searched_text)


def _searched_text(doc: Document) -> str:
    return "\n" + lf_line_ends(doc.text)


def folded_searched_text(doc: Document) -> str:
    """:func:`searched_text` casefolded: where the literal prefilter and the compiled
    pass look for their strings (casefolding a page costs as much as one rule)."""
    return doc.view(_folded_searched_text)


def _folded_searched_text(doc: Document) -> str:
    return searched_text(doc).casefold()


class LiteralIndex:
    """A fixed set of casefolded strings, looked for together in each document."""

    def __init__(self, literals: Iterable[str] = ()) -> None:
        self.literals = frozenset(literal.casefold() for literal in literals)
        if "" in self.literals:
            raise ValueError("a literal is a non-empty string")
        self._sorted = sorted(self.literals)
        self._automaton: ahocorasick_rs.BytesAhoCorasick | None = None

    def covers(self, literals: frozenset[str]) -> bool:
        return literals <= self.literals

    def present(self, doc: Document) -> frozenset[str]:
        """The strings of the index that occur in ``doc`` (casefolded)."""
        if not self._sorted:
            return frozenset()
        if self._automaton is None:
            self._automaton = ahocorasick_rs.BytesAhoCorasick(
                [s.encode("utf-8", "surrogatepass") for s in self._sorted],
                implementation=ahocorasick_rs.Implementation.DFA,  # twice the default's speed
            )
        text = folded_searched_text(doc).encode("utf-8", "surrogatepass")
        found = self._automaton.find_matches_as_indexes(text, overlapping=True)
        return frozenset(self._sorted[i] for i, _, _ in found)


#: The literals of the run's index found in a document, set by the engine before the
#: rules run (with the index, so that a reader can tell whether it covers its strings).
PRESENT: StashKey[tuple[LiteralIndex, frozenset[str]]] = StashKey("present literals")


def present_in(doc: Document, wanted: LiteralIndex) -> frozenset[str]:
    """Which of ``wanted``'s strings ``doc`` holds: from the engine's pass when it looked
    for them, else from a pass of ``wanted``'s own (a rule run outside a Checker)."""
    found = doc.stash.get(PRESENT, None)
    if found is not None and found[0].covers(wanted.literals):
        return found[1]
    return wanted.present(doc)


def may_match(requires: frozenset[str] | None, present: frozenset[str]) -> bool:
    """Whether a rule or pattern that requires ``requires`` can match a document that
    holds the literals ``present``."""
    return requires is None or not requires.isdisjoint(present)
