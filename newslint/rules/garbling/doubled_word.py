"""M003 doubled-word."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import newslint._core as _core
from newslint.model import language
from newslint.model.document import Document
from newslint.model.finding import Fix, Violation
from newslint.model.rule import rule

_DOUBLED = re.compile(r"(?<![\w'’-])([^\W\d_]+)([ \t]+)(\1)(?![\w'’-])", re.IGNORECASE)

# _DOUBLED's leading look-behind is tried at every character: slow. The compiled core
# finds, in one pass, a superset of the places where a match may start
# (core/src/doubled_words.rs), and _DOUBLED is tried only there.

#: Doublings that are grammatical or idiomatic somewhere ("nous nous", "had had").
_ALLOWED = frozenset(
    """
    had that is so very bye ha haha no yes yeah oh ah uh well now bla blah tut chop go
    knock night pretty far many win
    nous vous
    die der das sie
    """.split()
)
#: Reduplicated idioms of one language: Italian "via via" (little by little), "piano
#: piano", German "ja ja", Portuguese "já já" (right away), "corre corre"; fine there, a
#: doubling elsewhere. ("win win", a "win-win" that lost its hyphen, is said in every
#: language: it is in _ALLOWED.)
_IDIOMS = {
    "en": frozenset("hush goody pooh yada hip tsk ding bang bling".split()),
    "fr": frozenset("cache train tam bla plan fifty kif très oui non si".split()),
    "de": frozenset("ja nein na nu so sehr ganz hopp bye".split()),
    "es": frozenset("ya casi sí no muy poco".split()),
    "it": frozenset("via piano passo quasi lì sì no bene zitto pian".split()),
    "pt": frozenset("já corre pisca quebra bate pega sim não muito".split()),
}
#: Languages that capitalise their nouns: "Haus Haus" is a doubling, not a name.
_CAPITALISED_NOUNS = frozenset({"de", "lb"})
#: A capitalised word this common (wordfreq's Zipf scale) is a noun rather than a name.
_COMMON_NOUN_ZIPF = 4.0


# Languages whose grammar doubles words (Indonesian and Malay plurals: "biasa-biasa",
# often written "biasa biasa") or that are written without case and spaces as we know
# them: the check says nothing useful there.
_REDUPLICATING = frozenset({"id", "ms", "tl", "jv", "su", "vi", "zh", "ja", "ko", "th"})


@rule(code="M003", name="doubled-word", severity="warning", fixable=True)
def doubled_word(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The same word twice in a row.

    What it flags: ``the the``, ``de de``, ``la la``: a word repeated with only spaces
    between, case aside. Doublings that grammar allows (``nous nous``, ``had had``,
    ``that that``), reduplicated idioms of the article's language (``win win``, Italian
    ``via via``, Portuguese ``já já``) and names (``Walla Walla``, both capitalised) are
    left alone; in German, where nouns are capitalised, a common noun doubled (``das
    Haus Haus``) is flagged.

    Why it matters: a doubled word is a typical join error of extraction or machine
    translation.

    Example: "Il a rencontré le le ministre." gives M003. "Nous nous sommes
    rencontrés." gives nothing.

    Fix: delete the second copy (unsafe: a few doublings are intended).
    """
    lang = doc.language
    if lang is None or lang in _REDUPLICATING:
        return  # without a known language, grammatical doubling cannot be ruled out
    idioms = _IDIOMS.get(lang, frozenset())
    for match in _doubled(doc.text):
        first, second = match.group(1), match.group(3)
        lowered = first.lower()
        if lowered in _ALLOWED or lowered in idioms:
            continue
        if first[0].isupper() and second[0].isupper() and not _doubled_noun(first, lang):
            continue
        if first.isupper() and len(first) > 1:  # acronyms in tables and lists
            continue
        yield Violation(
            match.start(),
            match.end(),
            f"doubled word '{first} {second}'",
            Fix.delete(match.end(1), match.end(3), "Delete the doubled word", safety="unsafe"),
        )


def _doubled_noun(word: str, lang: str) -> bool:
    """``word``, capitalised twice, is a common noun of a language that capitalises its
    nouns ("das Haus Haus"), not a name ("Walla Walla")."""
    if lang not in _CAPITALISED_NOUNS or word.isupper():
        return False
    return language.zipf(word.lower(), lang) >= _COMMON_NOUN_ZIPF


def _doubled(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_DOUBLED.finditer(text)``, tried only where the core's scan found
    one may start; like finditer, a match may not start inside the previous one."""
    scanner = _scanner()
    try:
        starts = scanner.starts(text) if scanner is not None else None
    except UnicodeEncodeError:  # lone surrogates: the core reads UTF-8 only
        starts = None
    if starts is None:
        yield from _DOUBLED.finditer(text)
        return
    resume = 0  # where finditer would go on searching
    for start in starts:
        if start < resume:
            continue
        match = _DOUBLED.match(text, start)
        if match is not None:
            yield match
            resume = match.end()


@cache
def _scanner() -> _core.DoubledWords | None:
    """The core's scan; None where its Unicode tables are older than Python's."""
    major, minor, update = map(int, unicodedata.unidata_version.split("."))
    try:
        return _core.DoubledWords((major, minor, update))
    except ValueError:
        return None
