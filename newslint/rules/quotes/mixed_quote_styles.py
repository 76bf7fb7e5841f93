"""Q003 mixed-quote-styles."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.quotes._paragraphs import paragraphs_with

_LABELS = {
    "straight": 'straight quotes (")',
    "guillemets": "guillemets (« »)",
    "curly": "curly quotes (“ ”)",
}
_STYLES = {
    "straight": re.compile(r'"'),
    "guillemets": re.compile(r"[«»]"),
    "curly": re.compile(r"[“”„]"),
}
#: The characters of each style, for str.find (much faster than a regex scan).
_STYLE_CHARS = {"straight": '"', "guillemets": "«»", "curly": "“”„"}


@rule(code="Q003", name="mixed-quote-styles", severity="info")
def mixed_quote_styles(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Straight and typographic double quotes mixed in one article.

    What it flags: the paragraphs that use the article's less frequent style (counted in
    paragraphs) of double
    quotation marks, when an article uses both straight quotes (``"``) and typographic
    ones (``« »`` or ``“ ”``). An info note: publishers do ship mixed styles, but in
    scraped text the mix usually marks paragraphs that came from another source (a
    wire copy, a machine translation).

    Why it matters: consistent quotes make quotations searchable and tokenisable; the
    odd paragraph out is often the damaged one.

    Example: a French article quoting «comme ceci» everywhere and "comme cela" in one
    paragraph gives Q003 on that paragraph. An article that only uses « » gives nothing.

    Fix: none (converting quotes needs to know which mark opens and which closes).
    """
    text = doc.text
    present = [name for name, chars in _STYLE_CHARS.items() if any(c in text for c in chars)]
    if len(present) < 2:
        return  # the usual case, told by a few str.find over the text
    # Count paragraphs, not marks: one long quotation must not outweigh many short ones.
    counts = {name: sum(1 for _ in paragraphs_with(doc, _STYLE_CHARS[name])) for name in present}
    used = sorted((n, name) for name, n in counts.items() if n)
    if len(used) < 2 or used[0][0] == used[-1][0]:
        return
    minority, majority = used[0][1], used[-1][1]
    for _, paragraph in paragraphs_with(doc, _STYLE_CHARS[minority]):
        match = _STYLES[minority].search(paragraph.text)
        if match:
            yield Violation(
                paragraph.start + match.start(),
                paragraph.start + match.end(),
                f"{_LABELS[minority]} while the article mostly uses {_LABELS[majority]}",
            )
