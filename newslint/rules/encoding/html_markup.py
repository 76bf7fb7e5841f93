"""E003 html-markup."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule

_TAGS = (
    "a abbr article aside b blockquote body br caption cite code div em figcaption figure"
    " font footer h1 h2 h3 h4 h5 h6 head header hr html i iframe img input label li link"
    " meta nav noscript ol p picture script section small source span strong style sub sup"
    " table tbody td th thead tr u ul video"
).split()
_MARKUP = re.compile(
    r"<!--.*?-->|</?(?:" + "|".join(_TAGS) + r")(?:\s[^<>]{0,300})?/?>",
    re.IGNORECASE | re.DOTALL,
)


@rule(code="E003", name="html-markup", severity="warning")
def html_markup(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """HTML tags or comments left in the text.

    What it flags: opening, closing and self-closing tags of HTML elements (``<p>``,
    ``</div>``, ``<br/>``, ``<a href="...">``) and ``<!-- comments -->``.

    Why it matters: the extractor kept markup; it is not text and may carry scripts or
    tracking code.

    Example: "Le ministre a démissionné.<br/>Il sera remplacé." gives E003. "Un score de
    3 < 5 et 7 > 2" gives nothing.

    Fix: none (removing a tag can glue words; strip markup upstream).
    """
    if "<" not in doc.text:
        return
    for match in _MARKUP.finditer(doc.text):
        snippet = match.group()
        shown = snippet if len(snippet) <= 40 else snippet[:37] + "..."
        yield Violation(match.start(), match.end(), f"HTML markup '{shown}'")
