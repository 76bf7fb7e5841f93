"""M002 glued-sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model import language
from newslint.model.document import Document
from newslint.model.finding import Fix, Violation
from newslint.model.options import Option
from newslint.model.rule import rule

# "Wednesday.The stabbing": lower-case word, full stop, capitalised common word, no space.
_GLUED = re.compile(r"(?<![\w./@])([^\W\d_]*[a-zà-ÿ]{2})([.!?])([A-ZÀ-Þ][a-zà-ÿ]{1,})\b(?![.@/]\w)")
# The punctuation of every _GLUED match, found by one literal-led scan per mark: many
# times faster than _GLUED itself, whose leading look-behind is tried at every character.
_MARKS = {mark: re.compile(re.escape(mark) + r"(?=[A-ZÀ-Þ][a-zà-ÿ])") for mark in (".", "!", "?")}


@rule(
    code="M002",
    name="glued-sentences",
    severity="warning",
    fixable=True,
    options={"min_zipf": Option(4.0, minimum=0.0, maximum=8.0)},
)
def glued_sentences(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Two sentences glued together without a space after the full stop.

    What it flags: ``word.Word`` where the second word is a common word of the article's
    language (word frequency at least ``min_zipf``, default 4.0), so that domain names,
    file names and product names (``Node.js``, ``ID.Buzz``) are left alone.

    Why it matters: extraction that drops paragraph breaks or markup glues sentences;
    tokenisers then see one bogus word.

    Example: "The broadcaster reported on Wednesday.The fire started during a rehearsal"
    gives M002 at "Wednesday.The". "Visit example.com for details." gives nothing.

    Fix: insert a space after the punctuation (unsafe: a rare product name may look
    the same).
    """
    lang = doc.language
    if lang is None or not language.has_word_list(lang):
        return
    for match in _glued(doc.text):
        if language.zipf(match.group(3).lower(), lang) < options["min_zipf"]:
            continue
        gap = match.end(2)
        yield Violation(
            match.start(),
            match.end(),
            f"no space between sentences in '{match.group()}'",
            Fix.replace(gap, gap, " ", "Insert a space", safety="unsafe"),
        )


def _glued(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_GLUED.finditer(text)``, tried only before candidate marks.

    A match's first word is made of letters (and "÷", which [a-zà-ÿ] holds) right
    before its mark, so it starts in the run of such characters that ends there; like
    finditer, a match may not start inside the previous one.
    """
    marks = sorted(
        m.start()
        for mark, pattern in _MARKS.items()
        if mark in text
        for m in pattern.finditer(text)
    )
    resume = 0  # where finditer would go on searching
    for mark in marks:
        start = mark
        while start > resume and _in_first_word(text[start - 1]):
            start -= 1
        for position in range(start, mark - 1):
            match = _GLUED.match(text, position)
            if match is not None:
                yield match
                resume = match.end()
                break


def _in_first_word(char: str) -> bool:
    # re's [^\W\d_] (a \w that is not a \d) or the one non-letter of [a-zà-ÿ]
    return (char.isalnum() and not char.isdecimal()) or char == "÷"
