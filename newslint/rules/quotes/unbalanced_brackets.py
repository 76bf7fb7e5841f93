"""Q002 unbalanced-brackets.

The per-paragraph bracket matching is the compiled core's (``core/src/quotes.rs``,
``QuoteText.unbalanced_brackets``); the Python it replaced is kept as the oracle in
``tests/quotes_oracle.py``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.quotes._paragraphs import quote_text


@rule(code="Q002", name="unbalanced-brackets", severity="warning")
def unbalanced_brackets(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A parenthesis or square bracket opened in a paragraph and never closed.

    What it flags: per paragraph, an ``(`` or ``[`` with no matching closer, including
    one left open when an outer bracket closes (``[1 cup (or 1 slice]``). Closers without
    an opener are not flagged (list items are numbered ``1)``, ``a)``), nor is a bracket
    that hard-wrapped text closes on the next line.

    Why it matters: an unclosed bracket marks text cut out of the middle of a sentence
    or a broken join.

    Example: "Le ministre (qui a démissionné mardi a été remplacé." gives Q002 at the
    "(". "Le ministre (démissionnaire) a été remplacé." gives nothing.

    Fix: none.
    """
    for offset, bracket in quote_text(doc).unbalanced_brackets():
        yield Violation(offset, offset + 1, f"'{bracket}' opened and never closed")
