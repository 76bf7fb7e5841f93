"""G004 punctuation-error."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.grammar._categories import PUNCTUATION
from newslint.rules.grammar._report import violations


@rule(code="G004", name="punctuation-error", severity="info", fixable=True, default_enabled=False)
def punctuation_error(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A punctuation problem: a missing or doubled comma, an unpaired mark.

    What it flags: a LanguageTool match in the ``PUNCTUATION`` category: a comma
    missing before a clause, doubled punctuation, an unpaired bracket or quote inside a
    sentence. Info: punctuation rules are the noisiest part of LanguageTool on news.

    Why it matters: extraction that drops or doubles punctuation changes how a sentence
    reads.

    Example: "Paris is nice,, and Rome too." gives G004 at ',,'.
    "Paris is nice, and Rome too." gives nothing.

    Fix: LanguageTool's first suggestion (unsafe).
    Needs a LanguageTool server: see ``--languagetool`` and languagetool/README.md.
    """
    yield from violations(doc, PUNCTUATION)
