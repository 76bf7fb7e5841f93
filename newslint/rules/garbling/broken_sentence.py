"""M001 broken-sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.document import Document
from newslint.finding import Violation
from newslint.rule import rule
from newslint.text import ABBREVIATIONS

# "<word>. <lowercase word>": a full stop right after a word of 2+ letters, then a
# sentence that starts in lower case. Ellipses ("...") and initials ("U.S.") are not
# matched because a letter must stand right before the full stop.
_LOWER_START = re.compile(r"(?<![\w.])(?P<prev>[^\W\d_]{2,})\.[ \t]+(?P<next>[^\W\d_A-Z]{2,})")


def _stray_capital(doc: Document, start: int) -> str | None:
    """The capitalised word before ``start`` when the word before it is lower case."""
    before = doc.text[max(0, start - 60) : start].split()
    if len(before) >= 1 and before[-1][:1].islower():
        return before[-1]
    return None


@rule(code="M001", name="broken-sentence", severity="warning")
def broken_sentence(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A sentence that starts in lower case right after a full stop.

    What it flags: ``word. word`` where the second word is lower case and the first is
    not an abbreviation (``etc.``, ``Mr.``, ``z. B.``...). Garbled machine translation
    and bad extraction leave such broken boundaries, often with a stray capitalised
    word before the full stop: ``... de la frontière russo-ukrainienne Soldat. pays
    voisins.``

    Why it matters: the sentence is corrupted; the text no longer says what the source
    said.

    Example: "en cas d'éventuelle invasion de la frontière russo-ukrainienne Soldat.
    pays voisins." gives M001 at "Soldat. pays". "Il a parlé avec M. Lavrov, etc. et
    avec d'autres." gives nothing.

    Fix: none (the intended sentence is unknown).
    """
    for match in _LOWER_START.finditer(doc.text):
        prev, nxt = match.group("prev"), match.group("next")
        if prev.lower() in ABBREVIATIONS or nxt.lower() in ("com", "org", "net", "html"):
            continue
        message = f"sentence starts in lower case after '{prev}.'"
        if prev[0].isupper() and _stray_capital(doc, match.start()):
            message += f" ('{prev}' looks stray: garbled text?)"
        yield Violation(match.start(), match.end(), message)
