"""M001 broken-sentence."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.garbling._boundaries import lower_case_starts


@rule(code="M001", name="broken-sentence", severity="warning")
def broken_sentence(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A stray capitalised word before a full stop, and a sentence in lower case after.

    What it flags: ``lower-case words Capitalised. lower-case words``: a capitalised
    word in the middle of a sentence, closed by a full stop, followed by a sentence that
    starts in lower case. This is the signature of garbled machine translation and of
    extraction that spliced two fragments together: ``... de la frontière
    russo-ukrainienne Soldat. pays voisins.``

    Why it matters: the sentence is corrupted; the text no longer says what the source
    said.

    Example: "en cas d'éventuelle invasion de la frontière russo-ukrainienne Soldat.
    pays voisins." gives M001 at "Soldat. pays". "Il a rencontré Lavrov. Puis il est
    parti." gives nothing, nor does a mere lower-case start (see M005).

    Fix: none (the intended sentence is unknown).
    """
    for start, end, prev, stray in lower_case_starts(doc):
        if stray:
            yield Violation(
                start,
                end,
                f"broken sentence: stray capitalised '{prev}.' before a"
                " lower-case sentence (garbled text?)",
            )
