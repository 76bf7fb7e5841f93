"""One pass over the text that tells E001, E004 and E005 whether they can fire at all.

Each of these rules looks for characters that clean text never holds (mojibake
telltales, invisible characters, control characters). A single regex scan for all of
them, shared as a view of the document, lets the three rules return at once on clean text
instead of each scanning it (or each paragraph) on its own. The paragraphs ftfy repairs
are a view too: E001 reports them, and E005 leaves alone the control characters that
are part of that mojibake (``â\x80\x99`` for ``’``), one defect being one finding.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import NamedTuple

from newslint.model.document import Document, Line

#: Characters that almost every UTF-8-read-as-Latin-1/cp1252 sequence contains (E001).
TELLTALES = frozenset("ÃÂÅÐÑâ€™œ€ÄÎÏ¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿")
#: Control characters other than tab and line breaks (E005), as a regex class body.
CONTROL_CLASS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
#: Invisible characters (E004), as a regex class body.
INVISIBLE_CLASS = r"\u200b\u2060\ufeff\u2061-\u2064\u180e"

_CONTROLS = frozenset(re.findall(f"[{CONTROL_CLASS}]", "".join(map(chr, range(0x100)))))
_INVISIBLES = frozenset("\u200b\u2060\ufeff\u2061\u2062\u2063\u2064\u180e")
_SUSPECT = re.compile(f"[{CONTROL_CLASS}{INVISIBLE_CLASS}{''.join(sorted(TELLTALES))}]")
# A paragraph without any of the telltales is skipped without running ftfy.
_TELLTALE = re.compile("[" + "".join(sorted(TELLTALES)) + "]")


class MojibakeRepair(NamedTuple):
    """A paragraph ftfy recognises as mojibake, and its repair."""

    paragraph: Line
    text: str


def suspect_characters(doc: Document) -> frozenset[str]:
    """The distinct telltale, invisible and control characters of the text."""
    return doc.view(_suspect_characters)


def _suspect_characters(doc: Document) -> frozenset[str]:
    return frozenset(_SUSPECT.findall(doc.text))


def has_telltale(doc: Document) -> bool:
    """The text holds one of TELLTALES."""
    return not TELLTALES.isdisjoint(suspect_characters(doc))


def has_invisible(doc: Document) -> bool:
    """The text holds a character of INVISIBLE_CLASS."""
    return not _INVISIBLES.isdisjoint(suspect_characters(doc))


def has_control(doc: Document) -> bool:
    """The text holds a character of CONTROL_CLASS."""
    return not _CONTROLS.isdisjoint(suspect_characters(doc))


def paragraphs_matching(doc: Document, pattern: re.Pattern[str]) -> Iterator[Line]:
    """The paragraphs, in order, in which ``pattern`` (which never matches white space
    or a line break) has a match: one search per such paragraph, not per paragraph."""
    paragraphs = doc.paragraphs
    starts = [paragraph.start for paragraph in paragraphs]
    text = doc.text
    position = 0
    while (match := pattern.search(text, position)) is not None:
        # the match holds a character that is not white space: it lies in a paragraph
        paragraph = paragraphs[bisect.bisect_right(starts, match.start()) - 1]
        yield paragraph
        position = paragraph.end


def mojibake_repairs(doc: Document) -> list[MojibakeRepair]:
    """The paragraphs, in order, that ftfy takes for mojibake and repairs."""
    return doc.view(_mojibake_repairs)


def _mojibake_repairs(doc: Document) -> list[MojibakeRepair]:
    if not has_telltale(doc):
        return []
    # Imported here, past the telltale check: ftfy takes longer to import than most
    # texts take to check, and most texts have no telltale.
    import ftfy

    from newslint.rules.encoding._badness import looks_bad

    repairs = []
    for paragraph in paragraphs_matching(doc, _TELLTALE):
        text = paragraph.text
        if not looks_bad(text):  # ftfy's is_bad, only tried near non-ASCII characters
            continue
        repaired = ftfy.fix_encoding(text)
        if repaired != text:
            repairs.append(MojibakeRepair(paragraph, repaired))
    return repairs
