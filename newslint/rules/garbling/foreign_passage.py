"""M004 foreign-passage."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from itertools import pairwise
from typing import Any

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
# paragraphs are plainly in the article's language, and two cheap bounds prove it:
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


@cache
def _common_pieces(lang: str) -> frozenset[str]:
    """The language's common words that are one _WORD word, as written and capitalised
    (so that each of them, lower-cased in the text, is still the common word)."""
    words = [w for w in language.top_words(lang) if w.lower() == w and _WORD.fullmatch(w)]
    return frozenset(words) | {
        capital for word in words if (capital := word.capitalize()).lower() == word
    }


def _surely_mostly_common(text: str, pieces: frozenset[str]) -> bool:
    """True only if _mostly_common_words(text, ...) is True (see above)."""
    most = 1 + text.encode("utf-8", "surrogatepass").translate(_LETTER_VIEW).count(b" a")
    need = COMMON_WORD_SHARE * most
    # Prose needs about half its words looked at: split the first 60% first (at a
    # space, so that no word is cut), and the rest only if that is not enough.
    cut = text.find(" ", len(text) * 3 // 5)
    if cut == -1:
        cut = len(text)
    found = sum(map(pieces.__contains__, text[:cut].split()))
    if found < need:
        found += sum(map(pieces.__contains__, text[cut:].split()))
    return found > 0 and found >= need


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
    pieces = _common_pieces(doc_language) if "İ" not in doc.text else frozenset()
    identified: dict[str, tuple[str, float]] = {}  # repeated paragraphs are asked once
    # The language of each long paragraph in order (None: the article's), and the
    # paragraphs found in another language.
    sequence: list[str | None] = []
    foreign: list[tuple[Line, str]] = []
    for paragraph in doc.paragraphs:
        if len(paragraph.text) < options["min_chars"]:
            if len(paragraph.text) >= _SENTENCE_CHARS:
                sequence.append(None)  # a shorter paragraph: the article's, for _alternates
            continue
        if (pieces and _surely_mostly_common(paragraph.text, pieces)) or _mostly_common_words(
            paragraph.text, common
        ):
            sequence.append(None)  # plainly in the article's language: no need to ask
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
