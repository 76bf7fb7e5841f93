"""G006 other-language-issue."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.grammar._categories import OTHER
from newslint.rules.grammar._report import violations


@rule(
    code="G006", name="other-language-issue", severity="info", fixable=True, default_enabled=False
)
def other_language_issue(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Any other LanguageTool match (semantics, dates, numbers, miscellany).

    What it flags: a LanguageTool match that none of G001-G005 takes: issue types
    ``uncategorized``, ``duplication``, ``inconsistency`` and the rarer ones, in
    categories such as ``MISC`` or ``SEMANTICS``: a weekday that does not fit the date,
    a doubled word (which M003 reports too).

    Why it matters: these are real hints, but of mixed reliability; info keeps them
    visible without failing a run.

    Example: "We met on Monday, 3 October 2023." gives G006 at 'Monday, 3' (the 3rd
    was a Tuesday). "We met on Tuesday, 3 October 2023." gives nothing.

    Fix: LanguageTool's first suggestion (unsafe).
    Needs a LanguageTool server: see ``--languagetool`` and languagetool/README.md.
    """
    yield from violations(doc, OTHER)
