"""G002 grammar-error."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.grammar._categories import GRAMMAR
from newslint.rules.grammar._report import violations


@rule(code="G002", name="grammar-error", severity="warning", fixable=True, default_enabled=False)
def grammar_error(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A grammatical error: agreement, conjugation, a confused word.

    What it flags: a LanguageTool match of issue type ``grammar`` or of a grammatical
    category (``GRAMMAR``, ``CONFUSED_WORDS``...): a verb that does not agree with its
    subject, a wrong article, ``their``/``there``, ``a``/``à``. The message gives
    LanguageTool's rule id and its first suggestion.

    Why it matters: edited news is grammatical; agreement errors in a scraped article
    usually come from machine translation or from sentences glued by the extractor.

    Example: "He go to the office every day." gives G002 at 'go' (→ 'goes').
    "He goes to the office every day." gives nothing.

    Fix: the first suggestion (unsafe: LanguageTool can be wrong about grammar).
    Needs a LanguageTool server: see ``--languagetool`` and languagetool/README.md.
    """
    yield from violations(doc, GRAMMAR)
