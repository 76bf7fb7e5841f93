"""G003 typography-error."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.grammar._categories import TYPOGRAPHY
from newslint.rules.grammar._report import violations


@rule(code="G003", name="typography-error", severity="info", fixable=True, default_enabled=False)
def typography_error(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A typographical slip: spacing, quotes, dashes, capitalisation.

    What it flags: a LanguageTool match about typography: issue types
    ``typographical`` and ``whitespace``, categories ``TYPOGRAPHY`` and ``CASING``, and
    the white-space and quote rules (``FRENCH_WHITESPACE``, ``WHITESPACE_RULE``,
    ``EN_QUOTES``...). Info: house styles differ, and Q004 already reports French
    spacing.

    Why it matters: doubled spaces, a missing no-break space before ``:`` or inside
    guillemets, a sentence that starts in lower case: small, but a sign of careless
    extraction or re-typing.

    Example: "It was late ,and the office was closed." gives G003 at ' ,'.
    "It was late, and the office was closed." gives nothing.

    Fix: LanguageTool's first suggestion (unsafe).
    Needs a LanguageTool server: see ``--languagetool`` and languagetool/README.md.
    """
    yield from violations(doc, TYPOGRAPHY)
