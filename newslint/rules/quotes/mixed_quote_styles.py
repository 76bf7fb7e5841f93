"""Q003 mixed-quote-styles.

The counting and the search for the minority style are the compiled core's
(``core/src/quotes.rs``, ``QuoteText.mixed_quote_styles``); the Python it replaced is kept
as the oracle in ``tests/quotes_oracle.py``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.quotes._paragraphs import quote_text

_LABELS = {
    "straight": 'straight quotes (")',
    "guillemets": "guillemets (« »)",
    "curly": "curly quotes (“ ”)",
}
#: The styles in the core's order (0, 1, 2): by name, as Python sorted ties.
_NAMES = ("curly", "guillemets", "straight")
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
    if sum(1 for chars in _STYLE_CHARS.values() if any(c in text for c in chars)) < 2:
        return  # the usual case, told by a few str.find over the text
    # Counted in paragraphs, not marks: one long quotation must not outweigh many short ones.
    mixed = quote_text(doc).mixed_quote_styles()
    if mixed is None:
        return
    minority, majority, offsets = mixed
    message = (
        f"{_LABELS[_NAMES[minority]]} while the article mostly uses {_LABELS[_NAMES[majority]]}"
    )
    for offset in offsets:
        yield Violation(offset, offset + 1, message)
