"""Lower-case sentence starts inside clean prose: the strong cases of M005, which M006
reports at warning level."""

from __future__ import annotations

import bisect
import re

from newslint.model import language
from newslint.model.document import Document
from newslint.rules.garbling._boundaries import Boundary, lower_case_starts
from newslint.structure.function_words import function_words

#: Words a sentence around the boundary must have, on each side, to be a sentence.
MIN_SENTENCE_WORDS = 6
#: Zipf frequency both words at the boundary must have: words of the language, not a
#: code, a brand or a product written in lower case.
MIN_ZIPF = 3.0
_OPENING_QUOTES = "“«„‹"
_CLOSING_QUOTES = "”»“›"
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")
_BULLETS = tuple("-–—*•·▪►>")


def prose_boundaries(doc: Document) -> list[Boundary]:
    """The boundaries of :func:`lower_case_starts` that are not a stray capital (M001)
    and sit in clean prose: a paragraph of running text in the article's language (not a
    list item), outside any quotation, between two full sentences, both words common
    words of the language."""
    return doc.view(_prose_boundaries)


def _prose_boundaries(doc: Document) -> list[Boundary]:
    found: list[Boundary] = []
    lang = doc.language
    words = function_words(lang)
    candidates = [b for b in lower_case_starts(doc) if not b[3]]
    if candidates and words is not None and lang is not None:
        found = [
            b for b in candidates if _in_clean_prose(doc, b, lang, words.words, words.coverage)
        ]
    return found


def _in_clean_prose(
    doc: Document, boundary: Boundary, lang: str, common: frozenset[str], coverage: float
) -> bool:
    start, end, prev, _ = boundary
    if prev.isupper():
        return False  # an acronym or a model name ("the ID. models")
    number = bisect.bisect_right(doc.line_starts, start)
    line_start = doc.line_starts[number - 1]
    line = doc.line_texts[number - 1]
    if line.lstrip().startswith(_BULLETS):
        return False
    before, after = line[: start - line_start], line[start - line_start :]
    if _open_quotes(before):
        return False
    previous_sentence = _SENTENCE_END.split(before)[-1].split()
    next_sentence = _SENTENCE_END.split(after[len(prev) + 1 :])[0].split()
    if len(previous_sentence) + 1 < MIN_SENTENCE_WORDS or len(next_sentence) < MIN_SENTENCE_WORDS:
        return False
    following = doc.text[start:end].split()[-1].lower()
    if language.zipf(prev.lower(), lang) < MIN_ZIPF or language.zipf(following, lang) < MIN_ZIPF:
        return False
    head = line[:400].lower().split()
    return sum(map(common.__contains__, head)) >= 0.5 * coverage * len(head)


def _open_quotes(text: str) -> bool:
    """A quotation is open at the end of ``text`` (curly, angle or straight quotes)."""
    opened = sum(map(text.count, _OPENING_QUOTES)) - sum(map(text.count, "”»›"))
    return opened > 0 or text.count('"') % 2 == 1
