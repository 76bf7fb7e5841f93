"""The Python reading of a paragraph's voice that ``core/src/voice.rs`` replaced
(``newslint.structure.reader_voice``), kept as the oracle of
``tests/test_reader_voice_parity.py``: the core must read every paragraph as this did."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newslint.structure.reader_voice import MIN_WORDS, SECOND_PERSON, Voice

# Text between quotation marks is someone quoted by the article, not a reader; a web or
# mail address is not a glued sentence. Each pattern runs only on a paragraph holding
# what it needs (a quotation mark, an "@"): Python's regular expressions cost about
# 40 ns a character, and most paragraphs need none.
_QUOTATION = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]')
_QUOTATION_MARKS = ('"', "“", "«", "„")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S*|[\w.+-]+@\w\S*")
_ADDRESS_MARKS = ("@", "www.", "://")
# A sentence glued to the next without a space ("though.I", "article,both"): the sign
# and the letters after it, the letter before it read apart.
_GLUE = re.compile(r"[.,!?][^\W\d_]{2}")
# Trailing off or insisting: "....", "!!", "??", "?!", "... so".
_INSISTING = re.compile(r"\.{4,}|!{2,}|\?{2,}|\?!|!\?|\.\.\.[ a-zß-öø-ÿ]|\s\.\.\.")
_INSISTING_MARKS = ("...", "!!", "??", "?!", "!?")
_SHOUTED = re.compile(r"[A-Z]{4,}\b")


@dataclass(frozen=True)
class Reading:
    """What :func:`voice` reads in a paragraph."""

    #: how much it reads like a reader's comment rather than reporting
    score: float
    #: it speaks in the first person
    first_person: bool
    #: its typing is a reader's, not an editor's: lower-case start, glued sentences,
    #: "....", "!!", words in capitals, an exclamation
    informal: bool
    #: its words, as ``str.split()`` counts them
    words: int


def voice(text: str, words: Voice) -> Reading:
    """How ``text`` reads (nothing for a paragraph too short to judge)."""
    own = _own_words(text)
    tokens = own.lower().split()
    count = len(text.split())
    if len(tokens) < MIN_WORDS:
        return Reading(0.0, False, False, count)
    first = sum(map(words.first_person.__contains__, tokens))
    if words.elided:
        first += sum(token.startswith(words.elided) for token in tokens)
    second = sum(map(words.second_person.__contains__, tokens))
    score = min(3.0, first + SECOND_PERSON * second)
    glued, insisting, shouted = _glued(own), _insisting(own), _shouted(own)
    opening = own[:1]
    score += 1.5 * glued + 1.5 * insisting + shouted + ("!" in own) + 1.5 * opening.islower()
    # A paragraph that opens with a word: not a quotation, a figure or a list item.
    score += opening.isalpha() or opening == "@" or own[:2].startswith("-")
    score -= 2 * any(map(words.reporting.__contains__, tokens))
    informal = glued or insisting or shouted or "!" in own or opening.islower()
    return Reading(score, first > 0, informal, count)


def _own_words(text: str) -> str:
    """``text`` without what others wrote in it: quotations, web and mail addresses."""
    if any(mark in text for mark in _QUOTATION_MARKS):
        text = _QUOTATION.sub(" ", text)
    if any(mark in text for mark in _ADDRESS_MARKS):
        text = _ADDRESS.sub(" ", text)
    return text


def _glued(text: str) -> bool:
    return any(
        found.start() and text[found.start() - 1].islower() for found in _GLUE.finditer(text)
    )


def _insisting(text: str) -> bool:
    return any(mark in text for mark in _INSISTING_MARKS) and bool(_INSISTING.search(text))


def _shouted(text: str) -> bool:
    # A word of capitals: not preceded by a letter, digit or underscore either.
    return any(
        not (
            found.start() and (text[found.start() - 1].isalnum() or text[found.start() - 1] == "_")
        )
        for found in _SHOUTED.finditer(text)
    )
