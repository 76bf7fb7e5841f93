"""E002 html-entity."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Fix, Violation
from newslint.model.rule import rule

_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


@rule(code="E002", name="html-entity", severity="warning", fixable=True)
def html_entity(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """An HTML character reference left undecoded.

    What it flags: ``&amp;``, ``&nbsp;``, ``&#39;``, ``&#x2019;`` and every other named
    or numeric reference that HTML would decode.

    Why it matters: the extractor forgot to decode the page; readers see ``&quot;``
    where a quotation mark belongs.

    Example: "L&#39;Ukraine ne sera jamais membre de l&#39;Otan" gives E002 twice. "AT&T
    a publié ses résultats" gives nothing.

    Fix: replace the reference with its character (safe).
    """
    if "&" not in doc.text:
        return
    for match in _ENTITY.finditer(doc.text):
        decoded = html.unescape(match.group())
        if decoded == match.group():
            continue
        yield Violation(
            match.start(),
            match.end(),
            f"HTML entity '{match.group()}' (meant '{decoded}')",
            Fix.replace(match.start(), match.end(), decoded, f"Decode '{match.group()}'"),
        )
