"""E004 invisible-character."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Fix, Violation
from newslint.model.rule import rule
from newslint.rules.encoding._chars import INVISIBLE_CLASS, has_invisible

# Zero-width space, word joiner, zero-width no-break space (a BOM inside the text),
# and the invisible operators. Zero-width joiners and non-joiners are left alone:
# emoji sequences and several scripts need them.
_INVISIBLE = re.compile(f"[{INVISIBLE_CLASS}]+")
_NAMES = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
}


@rule(code="E004", name="invisible-character", severity="warning", fixable=True)
def invisible_character(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Zero-width and other invisible characters.

    What it flags: U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, U+FEFF inside the text,
    U+2061-U+2064 and U+180E: characters that CMS editors leave behind and no reader
    sees. Joiners that emoji and scripts need (U+200C, U+200D) are not flagged.

    Why it matters: they split words for search and tokenisers, break exact matching
    and duplicate detection, and make "empty" lines that are not empty.

    Example: a line holding only U+200B gives E004. "Le drapeau 🏳️‍🌈 flottait" (with a
    zero-width joiner inside the emoji) gives nothing.

    Fix: delete the characters (safe).
    """
    if not has_invisible(doc):
        return  # the usual case, known from the scan shared with E001 and E005
    for match in _INVISIBLE.finditer(doc.text):
        if match.start() == 0 and match.group() == "\ufeff":
            continue  # a byte-order mark at the very start belongs to the encoding
        name = _NAMES.get(match.group()[0], f"U+{ord(match.group()[0]):04X}")
        count = len(match.group())
        what = name if count == 1 else f"{count} x {name}"
        yield Violation(
            match.start(),
            match.end(),
            f"invisible character {what}",
            Fix.delete(match.start(), match.end(), "Delete invisible characters"),
        )
