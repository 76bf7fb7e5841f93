"""Q004 french-spacing."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.quotes._paragraphs import paragraphs_with

# French typography puts a (narrow) no-break space inside « » and before ; : ! ?
# Each alternative starts with its mark and looks behind it only then, so that the
# regex jumps from mark to mark instead of trying its look-behinds at every character.
_MISSING = re.compile(
    r"«(?=[^\s\u00a0\u202f])|»(?<=[^\s\u00a0\u202f]»)|[;!?](?<=[^\W\d_][;!?])(?=\s|$)"
)
_MARKS = "«»;!?"


@rule(code="Q004", name="french-spacing", severity="info", languages=["fr"])
def french_spacing(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """French typography without the space inside guillemets or before ; ! ?

    What it flags: in French articles, ``«mot»`` written without the (narrow) no-break
    space French typography wants inside the guillemets, and ``;``, ``!``, ``?`` glued
    to the preceding word. One note per paragraph, at info level: many sites drop
    these spaces on purpose.

    Why it matters: consistency, and tokenisers that treat «mot» as one token.

    Example: "Menace de sanctions «rapides et sévères»" gives Q004. "Menace de sanctions
    « rapides et sévères »" gives nothing.

    Fix: none.
    """
    for _, paragraph in paragraphs_with(doc, _MARKS):
        matches = list(_MISSING.finditer(paragraph.text))
        if matches:
            first = matches[0]
            yield Violation(
                paragraph.start + first.start(),
                paragraph.start + first.end(),
                f"French typography wants a no-break space here ({len(matches)} in this paragraph)",
            )
