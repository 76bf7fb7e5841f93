"""E006 replacement-character."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule


@rule(code="E006", name="replacement-character", severity="error")
def replacement_character(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The Unicode replacement character U+FFFD.

    What it flags: ``�``, which a decoder writes in place of bytes it could not decode.

    Why it matters: the original character is lost; the text was decoded with the
    wrong encoding somewhere upstream.

    Example: "Le minist�re a d�menti" gives E006 twice. "Le ministère a démenti"
    gives nothing.

    Fix: none (the lost character cannot be known).
    """
    text = doc.text
    start = text.find("\ufffd")
    while start != -1:
        end = start
        while end < len(text) and text[end] == "\ufffd":
            end += 1
        yield Violation(
            start, end, "replacement character U+FFFD: a character was lost in decoding"
        )
        start = text.find("\ufffd", end)
