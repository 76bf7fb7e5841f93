"""M004 foreign-passage."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from itertools import pairwise
from typing import Any

import newslint._core as _core
from newslint.model import language
from newslint.model.document import Document, Line
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import rule

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: A paragraph this long, too short to be identified, still counts as the article's
#: language when telling a bilingual post (it holds a sentence or two).
_SENTENCE_CHARS = 80
#: Share of a paragraph's words among its language's 100 commonest words, above which
#: the paragraph is taken to be in that language (running prose is at 35-50%).
COMMON_WORD_SHARE = 0.2


def _mostly_common_words(text: str, common: frozenset[str]) -> bool:
    words = _WORD.findall(text.lower())
    if not common or not words:
        return False
    return sum(w in common for w in words) >= COMMON_WORD_SHARE * len(words)


# _mostly_common_words tokenises with a regex, at some 30 ns a character. Most
# paragraphs are plainly in the article's language, and two cheap bounds prove it, in
# the compiled core (core/src/common_words.rs), all paragraphs of a document at once:
# - at least ``found`` words are common: the white-space-separated pieces that are a
#   common word (as written, or capitalised), each of them one _WORD word;
# - at most ``most`` words in all: every word but the first starts with a letter that
#   follows a non-letter, and in the bytes of the text mapped by _LETTER_VIEW each
#   such start leaves its own b" a" (ASCII letters, UTF-8 continuation bytes and lead
#   bytes of letter-only blocks become "a", other bytes " "; a non-ASCII non-letter
#   before a word leaves one with its lead byte).
# found >= COMMON_WORD_SHARE * most then implies _mostly_common_words; otherwise it is
# computed. Lower-casing keeps letters letters, but for "İ" (U+0130), which becomes
# "i" and a combining dot and so may start one more word: texts with it are not
# bounded.


def _letter_view() -> bytes:
    table = bytearray(b" " * 256)
    for byte in b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz":
        table[byte] = ord("a")
    for byte in range(0x80, 0xC0):  # continuation bytes
        table[byte] = ord("a")
    for lead in range(0xC2, 0xE0):  # two-byte sequences: blocks of 64 code points
        block = (chr(((lead & 0x1F) << 6) | low) for low in range(64))
        if all(char.isalnum() and not char.isdecimal() for char in block):
            table[lead] = ord("a")
    return bytes(table)


_LETTER_VIEW = _letter_view()
#: What the core says of a paragraph (CommonWords.kinds): too short to count, the
#: article's language (a sentence or two, or proven by the bounds), to be judged.
SKIPPED, ARTICLES, JUDGED = 0, 1, 2


@cache
def _common_pieces(lang: str) -> frozenset[str]:
    """The language's common words that are one _WORD word, as written and capitalised
    (so that each of them, lower-cased in the text, is still the common word)."""
    words = [w for w in language.top_words(lang) if w.lower() == w and _WORD.fullmatch(w)]
    return frozenset(words) | {
        capital for word in words if (capital := word.capitalize()).lower() == word
    }


@cache
def _bounds(lang: str) -> _core.CommonWords:
    return _core.CommonWords(sorted(_common_pieces(lang)), _LETTER_VIEW)


def paragraph_kinds(doc: Document, lang: str, min_chars: int) -> list[int]:
    """SKIPPED, ARTICLES or JUDGED for each paragraph of ``doc``."""
    texts = [paragraph.text for paragraph in doc.paragraphs]
    if _common_pieces(lang) and "İ" not in doc.text:
        try:
            return _bounds(lang).kinds(texts, min_chars, _SENTENCE_CHARS, COMMON_WORD_SHARE)
        except UnicodeEncodeError:  # lone surrogates: the core reads UTF-8 only
            pass
    return [
        JUDGED if len(text) >= min_chars else ARTICLES if len(text) >= _SENTENCE_CHARS else SKIPPED
        for text in texts
    ]


@rule(
    code="M004",
    name="foreign-passage",
    severity="warning",
    options={
        "min_chars": Option(150, minimum=1),
        "min_confidence": Option(0.995, minimum=0.0, maximum=1.0),
        "min_paragraphs": Option(3, minimum=1),
    },
)
def foreign_passage(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A paragraph in another language than the rest of the article.

    What it flags: a paragraph of at least ``min_chars`` characters (default 150) that
    the language identifier (py3langid) puts, with probability at least
    ``min_confidence``, in a language other than the article's, in an article of at
    least ``min_paragraphs`` paragraphs whose own language is known.

    Why it matters: untranslated passages are left by partial machine translation, or
    by a scraper that took a block of another edition of the site.

    Example: an English paragraph of several sentences in a French article gives M004.
    A French article quoting a short English slogan gives nothing, nor does a bilingual
    post that goes back and forth between two languages, paragraph after paragraph (at
    least two paragraphs in the other language and three changes of language).

    Fix: none.
    """
    doc_language = doc.language
    if doc_language is None or len(doc.paragraphs) < options["min_paragraphs"]:
        return
    common = language.top_words(doc_language)
    kinds = paragraph_kinds(doc, doc_language, options["min_chars"])
    if JUDGED not in kinds:
        return  # the usual case: every long paragraph plainly in the article's language
    identified: dict[str, tuple[str, float]] = {}  # repeated paragraphs are asked once
    # The language of each long paragraph in order (None: the article's), and the
    # paragraphs found in another language.
    sequence: list[str | None] = []
    foreign: list[tuple[Line, str]] = []
    for paragraph, kind in zip(doc.paragraphs, kinds, strict=True):
        if kind != JUDGED or _mostly_common_words(paragraph.text, common):
            if kind != SKIPPED:
                sequence.append(None)  # the article's, also for _alternates
            continue
        if paragraph.text not in identified:
            identified[paragraph.text] = language.classify(paragraph.text)
        lang, probability = identified[paragraph.text]
        if lang != doc_language and probability >= options["min_confidence"]:
            sequence.append(lang)
            foreign.append((paragraph, lang))
        else:
            sequence.append(None)
    bilingual = {lang for _, lang in foreign if _alternates(sequence, lang)}
    for paragraph, lang in foreign:
        if lang not in bilingual:
            yield Violation(
                paragraph.start,
                paragraph.end,
                f"paragraph is in another language ({lang}) than the article ({doc_language})",
            )


def _alternates(sequence: list[str | None], lang: str) -> bool:
    """The article goes back and forth between its language and ``lang``, paragraph
    after paragraph (a bilingual post), rather than holding one passage in ``lang``:
    several paragraphs in ``lang``, and at least three changes of language."""
    marks = [item == lang for item in sequence if item is None or item == lang]
    changes = sum(1 for before, after in pairwise(marks) if before != after)
    return sum(marks) >= 2 and changes >= 3
