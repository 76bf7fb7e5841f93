"""Jump from paragraph to paragraph that holds one of some characters, instead of
testing each paragraph. The paragraphs are those as written
(``Document.reflowed_paragraphs``): a quotation that a hard-wrapped text opens on one
line and closes on the next is one paragraph's."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

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
