"""Q001 unbalanced-quotes.

The per-paragraph work (which quotation is left open, whether it runs on) is the
compiled core's (``core/src/quotes.rs``, ``QuoteText.unbalanced_quotes``); the Python it
replaced is kept as the oracle in ``tests/quotes_oracle.py``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.quotes._paragraphs import quote_text


@rule(code="Q001", name="unbalanced-quotes", severity="warning")
def unbalanced_quotes(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A quotation mark opened in a paragraph and never closed.

    What it flags: per paragraph, an opening ``«``, ``“`` or ``„`` without its closing
    mark, or an odd number of straight ``"`` (unless one may be an inch mark, ``34"``; two
    single quotes ``''`` count as one, as typewritten copy closes quotations with them). Single
    quotes are not checked: ``’`` is also the apostrophe, and ``‘`` also marks the
    Arabic ʿayn in transliterations. A quotation that runs over
    several paragraphs, each reopened with the opening mark, follows the convention and
    is not flagged, nor is a quotation that a hard-wrapped text closes on the next line,
    nor a quotation that goes on to the end of a paragraph ending a sentence (the
    convention of a quotation continued in the next paragraph, which the page or the
    extraction may have left out: nothing in the text says it is cut). The same holds
    when a page or an extractor joined those paragraphs into one line: a mark that
    opens a quotation again right after a sentence of the quotation (``minutes. "After``)
    reopens it, and the marks are paired that way.

    Why it matters: an unclosed quotation is the trace of a cut or a garbled join: the
    reader can no longer tell who says what.

    Example: "a dit vouloir «poursuivre un échange substantiel avec la Russie sur les
    inq" gives Q001 at the «. "Menace de sanctions «rapides et sévères»" gives nothing.

    Fix: none (where the quotation ends is unknown).
    """
    for offset, mark, odd in quote_text(doc).unbalanced_quotes():
        message = (
            "odd number of straight double quotes" if odd else f"'{mark}' opened and never closed"
        )
        yield Violation(offset, offset + 1, message)
