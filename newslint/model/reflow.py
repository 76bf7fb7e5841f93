"""Paragraphs as written: hard-wrapped lines that continue one sentence, joined.

jusText, ``<br>`` layouts and wire copy deliver one paragraph over several physical
lines ("A supercomputer that could help answer" / "some of science's biggest
questions will be unveiled on Monday."). Judged one by one, the pieces look like
headings, menu items or unclosed quotations; the paragraph they make is the unit of
those judgements. Findings still point at the physical lines: a paragraph keeps the
offsets of the text it spans, line breaks included.

A line is joined to the next (both non-blank, no blank line between) when it does not
end a sentence and the next one continues it:

- the next line starts in lower case, or the line ends on a comma, a semicolon, a
  hyphen or a word after which no sentence ends ("the", "de", "und"); the line must
  hold a few words, so that two menu items are not a paragraph;
- or, in a text that is hard-wrapped (several lines joined by the first test), the line
  is nearly as long as the text's wrapped lines: it was broken because it was full.

Everything here is character tests on the ends of lines: it runs on every document.
"""

from __future__ import annotations

from newslint.model.text import ABBREVIATIONS, FUNCTION_WORDS

#: A line with fewer words is never joined to the next: menus, labels, headings.
MIN_WORDS = 4
#: In a hard-wrapped text, a line at least this share of the wrap width, that does not
#: end a sentence, continues on the next one.
FULL_SHARE = 0.75
#: Lines joined by the first test that make a text hard-wrapped.
MIN_WRAPS = 3

_SENTENCE_END = frozenset(".!?…:")
_CLOSERS = frozenset("\"'”’»)]")
_JOINING_END = frozenset(",;-–—")
_BULLETS = frozenset("-–—*+•·▪►>|#")
_OPENERS = frozenset("\"'“‘«„(")
#: English ends sentences on prepositions ("what it is made of", "the game is over"):
#: of its words after which a sentence cannot end, a line ending on these goes on only
#: when the next starts in lower case.
_STRANDED = frozenset(
    "of to in on at by for with from into onto as than that which whose whom who if because"
    " while although whether about over under between among".split()
)


def groups(texts: list[str], lang: str | None) -> list[tuple[int, int]]:
    """(first, last) indexes of the paragraphs that ``texts``, consecutive non-blank
    lines (stripped), make: each line alone, or runs of lines that continue one
    sentence. ``texts`` must hold the lines of one block (no blank line between)."""
    count = len(texts)
    if count < 2:
        return [(0, count - 1)] if count else []
    function_words = FUNCTION_WORDS.get(lang or "", frozenset()) - _STRANDED
    joins = [_continues(texts[i], texts[i + 1], function_words) for i in range(count - 1)]
    if sum(joins) >= MIN_WRAPS:
        joins = _full_lines(texts, joins)
    found: list[tuple[int, int]] = []
    first = 0
    for index, joined in enumerate(joins):
        if not joined:
            found.append((first, index))
            first = index + 1
    found.append((first, count - 1))
    return found


def block_groups(
    line_texts: list[str], numbers: list[int], lang: str | None
) -> list[tuple[int, int]]:
    """:func:`groups` over a whole document: ``numbers`` are the 1-based numbers of its
    non-blank lines in ``line_texts``; the indexes returned are into ``numbers``. A
    blank line always ends a paragraph."""
    found: list[tuple[int, int]] = []
    start = 0
    count = len(numbers)
    for index in range(1, count + 1):
        if index < count and numbers[index] == numbers[index - 1] + 1:
            continue
        if index - start == 1:
            found.append((start, start))
        else:
            texts = [line_texts[number - 1].strip() for number in numbers[start:index]]
            found.extend((start + a, start + b) for a, b in groups(texts, lang))
        start = index
    return found


def _ends_sentence(text: str) -> bool:
    last = text[-1]
    if last in _CLOSERS and len(text) > 1:
        last = text[-2]
    return last in _SENTENCE_END


def _continues(line: str, following: str, function_words: frozenset[str]) -> bool:
    """``following`` goes on with the sentence ``line`` leaves open (first test)."""
    if _ends_sentence(line) or _starts_item(following):
        return False
    first = following[0]
    if line.count(" ") + 1 < MIN_WORDS:
        return False
    if first.islower():
        return True
    if line[-1] in _JOINING_END:
        return first.isalnum() or first in _OPENERS
    last_word = line.rsplit(None, 1)[-1]
    return last_word in function_words and (first.isalnum() or first in _OPENERS)


def _starts_item(text: str) -> bool:
    """``text`` starts a list item or a table row: never a continuation."""
    first = text[0]
    if first in _BULLETS:
        return len(text) == 1 or text[1] in " \t" or first in "|#"
    if first.isdigit():
        head = text[:4].lstrip("0123456789")
        return head[:1] in (".", ")") and head[1:2] == " "
    return False


def _abbreviation_end(line: str) -> bool:
    """``line`` ends on an abbreviation ("... and Dr."), not a sentence."""
    last = line.rsplit(None, 1)[-1]
    return last.endswith(".") and last[:-1].lower() in ABBREVIATIONS


def _full_lines(texts: list[str], joins: list[bool]) -> list[bool]:
    """In a hard-wrapped text, also join each line that fills the wrap width (the
    longest line the first test joined) and does not end a sentence."""
    width = max(len(texts[i]) for i, joined in enumerate(joins) if joined)
    floor = FULL_SHARE * width
    result = list(joins)
    for index, joined in enumerate(joins):
        if joined:
            continue
        line, following = texts[index], texts[index + 1]
        if len(line) < floor or len(line) > width * 1.1:
            continue
        if _ends_sentence(line) and not _abbreviation_end(line):
            continue
        if line.count(" ") + 1 < MIN_WORDS or _starts_item(following):
            continue
        first = following[0]
        if first.isalnum() or first in _OPENERS:
            result[index] = True
    return result
