"""T003 trailing-ellipsis."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule

# An ellipsis glued to the last word: "discipline....", "All..." (a teaser cut), not a
# quoted trailing-off sentence that closes its quote.
_CUT = re.compile(r"[^\W_](?:\.{3,}|…)\s*$")


@rule(code="T003", name="trailing-ellipsis", severity="warning")
def trailing_ellipsis(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The article ends on an ellipsis glued to its last word.

    What it flags: a last paragraph ending with ``...`` or ``…`` right after a word,
    the mark that teaser and paywall pages leave where they cut the text ("All...",
    "could face a further fine....").

    Why it matters: the text after the cut is missing; the article is a teaser.

    Example: a last line "All..." gives T003. A last line "« Nous verrons... »,
    a-t-il conclu." gives nothing.

    Fix: none (the missing text cannot be recovered).
    """
    if not doc.paragraphs:
        return
    last = doc.paragraphs[-1]
    match = _CUT.search(last.text)
    if match:
        start = last.start + match.start() + 1
        yield Violation(
            start,
            last.start + len(last.text.rstrip()),
            "text ends on an ellipsis: cut teaser or paywall?",
        )
