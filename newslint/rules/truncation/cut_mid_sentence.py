"""T002 cut-mid-sentence."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.model.text import FUNCTION_WORDS
from newslint.rules.truncation._ending import CUT_MIN_WORDS, ending


@rule(code="T002", name="cut-mid-sentence", severity="warning", languages=FUNCTION_WORDS)
def cut_mid_sentence(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The article stops in the middle of a sentence.

    What it flags: a last paragraph that ends, without punctuation, on a word after
    which no sentence can end: an article, a preposition, a conjunction ("... give the
    small corner shops an"), or that ends on a comma.

    Why it matters: the end of the article is missing; a paywall or a length limit cut
    it.

    Example: "Loyalty schemes give the small corner shops an" as the last line gives
    T002. "Loyalty schemes give the small corner shops an edge." gives nothing, nor
    does a last line that is a credit or a heading ("With Post wires").

    Fix: none (the missing text cannot be recovered).
    """
    if not doc.paragraphs:
        return
    last = doc.reflowed_paragraphs[-1]  # hard-wrapped lines joined
    stripped = last.text.rstrip()
    if stripped.endswith((",", ";")) and len(stripped.split()) >= CUT_MIN_WORDS:
        yield Violation(
            last.start + len(stripped) - 1,
            last.start + len(stripped),
            "text stops mid-sentence, on a comma",
        )
        return
    end = ending(doc)
    lang = doc.language
    if end is None or lang not in FUNCTION_WORDS or len(stripped.split()) < CUT_MIN_WORDS:
        return
    if end.last_word.islower() and end.last_word in FUNCTION_WORDS[lang]:
        yield Violation(
            end.last_word_start,
            end.last_word_start + len(end.last_word),
            f"text stops mid-sentence, after '{end.last_word}'",
        )
