"""M003 doubled-word."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.document import Document
from newslint.finding import Fix, Violation
from newslint.rule import rule

_DOUBLED = re.compile(r"(?<![\w'’-])([^\W\d_]+)([ \t]+)(\1)(?![\w'’-])", re.IGNORECASE)
#: Doublings that are grammatical or idiomatic somewhere ("nous nous", "had had").
_ALLOWED = frozenset(
    """
    had that is so very bye ha haha no yes yeah oh ah uh well now bla blah tut chop go
    knock night pretty far many
    nous vous
    die der das sie
    """.split()
)


# Languages whose grammar doubles words (Indonesian and Malay plurals: "biasa-biasa",
# often written "biasa biasa") or that are written without case and spaces as we know
# them: the check says nothing useful there.
_REDUPLICATING = frozenset({"id", "ms", "tl", "jv", "su", "vi", "zh", "ja", "ko", "th"})


@rule(code="M003", name="doubled-word", severity="warning", fixable=True)
def doubled_word(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The same word twice in a row.

    What it flags: ``the the``, ``de de``, ``la la``: a word repeated with only spaces
    between, case aside. Doublings that grammar allows (``nous nous``, ``had had``,
    ``that that``) and names (``Walla Walla``, both capitalised) are left alone.

    Why it matters: a doubled word is a typical join error of extraction or machine
    translation.

    Example: "Il a rencontré le le ministre." gives M003. "Nous nous sommes
    rencontrés." gives nothing.

    Fix: delete the second copy (unsafe: a few doublings are intended).
    """
    if doc.language is None or doc.language in _REDUPLICATING:
        return  # without a known language, grammatical doubling cannot be ruled out
    for match in _DOUBLED.finditer(doc.text):
        first, second = match.group(1), match.group(3)
        if first.lower() in _ALLOWED or (first[0].isupper() and second[0].isupper()):
            continue
        if first.isupper() and len(first) > 1:  # acronyms in tables and lists
            continue
        yield Violation(
            match.start(),
            match.end(),
            f"doubled word '{first} {second}'",
            Fix.delete(match.end(1), match.end(3), "Delete the doubled word", safety="unsafe"),
        )
