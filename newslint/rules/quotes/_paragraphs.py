"""Jump from paragraph to paragraph that holds one of some characters, instead of
testing each paragraph; and the document as the compiled core reads it for Q001 to Q003,
whose per-document loops run there. The paragraphs are those as written
(``Document.reflowed_paragraphs``): a quotation that a hard-wrapped text opens on one
line and closes on the next is one paragraph's."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from functools import cache

import newslint._core as _core
from newslint.model.document import Document, Paragraph


def paragraphs_with(doc: Document, chars: str) -> Iterator[tuple[int, Paragraph]]:
    """(index, paragraph) of the paragraphs, in order, that hold one of ``chars``.

    ``chars`` must not hold white space or line breaks, so that each of them in the
    text lies inside a paragraph. ``str.find`` runs at memchr speed and is asked once
    per paragraph found (and per character): most paragraphs are never looked at.
    """
    text = doc.text
    upcoming = {char: text.find(char) for char in chars}  # next occurrence of each
    upcoming = {char: at for char, at in upcoming.items() if at != -1}
    if not upcoming:
        return
    paragraphs = doc.reflowed_paragraphs
    starts = doc.view(_paragraph_starts)  # shared by the Q rules
    while upcoming:
        index = bisect.bisect_right(starts, min(upcoming.values())) - 1
        paragraph = paragraphs[index]
        yield index, paragraph
        for char, at in list(upcoming.items()):
            if at < paragraph.end:
                at = text.find(char, paragraph.end)
                if at == -1:
                    del upcoming[char]
                else:
                    upcoming[char] = at


def _paragraph_starts(doc: Document) -> list[int]:
    return [paragraph.start for paragraph in doc.reflowed_paragraphs]


#: Every character for which ``str.isspace()`` is true (``str.strip``, ``re``'s ``\s``):
#: what the core reads as white space (test_quotes_parity.py checks the list).
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def quote_text(doc: Document) -> _core.QuoteText:
    """The document as the core's quote rules read it (``core/src/quotes.rs``): its
    characters and paragraphs as written, read once and shared by Q001 to Q003."""
    return doc.view(_quote_text)


@cache
def _reader() -> _core.QuoteReader:
    return _core.QuoteReader(SPACES)


def _quote_text(doc: Document) -> _core.QuoteText:
    paragraphs = doc.reflowed_paragraphs
    starts = [paragraph.start for paragraph in paragraphs]
    ends = [paragraph.end for paragraph in paragraphs]
    return _reader().read(doc.text, starts, ends)
