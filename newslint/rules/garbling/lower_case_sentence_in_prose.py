"""M006 lower-case-sentence-in-prose."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.garbling._prose_boundaries import prose_boundaries


@rule(code="M006", name="lower-case-sentence-in-prose", severity="warning")
def lower_case_sentence_in_prose(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A sentence that starts in lower case in the middle of clean prose.

    What it flags: the strong cases of lower-case-sentence (M005): ``word. word`` where
    the second word is lower case, inside a paragraph of running text in the article's
    language (its function words), not a list item, not inside a quotation, between two
    full sentences (six words or more on each side), both words common words of the
    language (wordfreq's Zipf frequency at least 3: not a brand, a code or a unit).
    Needs a language with a word list.

    Why it matters: in edited prose a sentence starts with a capital; a lower-case start
    after a full stop there is where machine translation or extraction joined two pieces,
    or lost the words between them.

    Example: "Le conseil municipal a voté mardi le budget de la ville pour l'an prochain.
    les travaux du pont commenceront au printemps selon le maire." gives M006 at
    "prochain. les". "Il a parlé avec M. Lavrov, etc. et avec d'autres." gives nothing,
    nor does "« Nous verrons. peut-être », a-t-il dit".

    Fix: none (the intended sentence is unknown).
    """
    for start, end, prev, _ in prose_boundaries(doc):
        yield Violation(start, end, f"sentence starts in lower case after '{prev}.' in prose")
