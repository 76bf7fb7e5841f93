"""The commonest words of a language, from wordfreq's frequency lists: the function words
whose share tells running prose ("the", "of", "que", "und") from labels, menus and
headline lists, as jusText does with its stoplists."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache

import newslint._core as _core

#: How many of the commonest words count as function words.
SIZE = 100
#: Punctuation that may follow a word up to the next space; a function word written
#: with it ("the,", "of:") still counts, without tokenising the text.
_TRAILING = ("", ",", ".", ":", ";", ")", "»", "”", '"')


@dataclass(frozen=True)
class FunctionWords:
    """``words``: the commonest words, lower case, each also with the punctuation that
    may follow it (so that a white-space split of a lower-cased line finds them).
    ``coverage``: the share of running text they make up in the language (0.27 in
    Arabic, 0.46 in English, 0.53 in French), which the share in a line is divided by,
    so that one threshold suits every language."""

    words: frozenset[str]
    coverage: float
    #: the compiled core's reader of the units' own features, given these words once
    reader: _core.UnitReader = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        reader = _core.UnitReader(set(self.words), self.coverage, char_properties)
        object.__setattr__(self, "reader", reader)  # a frozen dataclass's derived field


def char_properties(code: int) -> int:
    """What the core asks of a character (once per character and process): the
    properties Python's str methods read, in the interpreter's Unicode version, as bits
    (``core/src/units.rs``, ``core/src/markers.rs``): white space, upper, lower and title
    case, digit, alphanumeric, decimal (``re``'s ``\\d``), alphabetic.
    Title case is the category Lt, as CPython's tables define it (``ch.istitle()`` is
    also true of an upper-case character)."""
    char = chr(code)
    return (
        int(char.isspace())
        | int(char.isupper()) << 1
        | int(char.islower()) << 2
        | int(unicodedata.category(char) == "Lt") << 3
        | int(char.isdigit()) << 4
        | int(char.isalnum()) << 5
        | int(char.isdecimal()) << 6
        | int(char.isalpha()) << 7
    )


@cache
def function_words(lang: str | None) -> FunctionWords | None:
    """The function words of ``lang``; None when wordfreq has no usable list for it
    (the structure view then says nothing about the document). Kept between runs
    (``language.WORD_LISTS``): computing them imports wordfreq and reads its list."""
    if not lang:
        return None
    from newslint.model import language

    kept = language.WORD_LISTS.peek("function-words", lang)
    if kept == []:  # kept as a language without a usable list
        return None
    if isinstance(kept, list) and len(kept) == 2:
        words, coverage = kept
        if isinstance(coverage, float) and isinstance(words, list):
            return FunctionWords(frozenset(map(str, words)), coverage)
    found = _function_words(lang)
    kept = [] if found is None else [sorted(found.words), found.coverage]
    language.WORD_LISTS.put("function-words", lang, kept)
    language.WORD_LISTS.save()
    return found


def _function_words(lang: str) -> FunctionWords | None:
    from newslint.model import language

    if not language.has_word_list(lang):
        return None
    from wordfreq import top_n_list, word_frequency

    try:
        top = top_n_list(lang, SIZE)
        coverage = sum(word_frequency(word, lang) for word in top)
    except (LookupError, ImportError, ValueError):
        return None
    if not top or coverage <= 0.05:
        return None
    # wordfreq splits "l'État" into "l" and "État"; the view splits "l' État" (a space is
    # put after each apostrophe), so the elided forms are looked up as "l'" and "l’".
    words: set[str] = set()
    for word in top:
        forms = (word, word + "'", word + "’") if len(word) <= 2 else (word,)
        words.update(form + tail for form in forms for tail in _TRAILING)
    return FunctionWords(frozenset(words), coverage)
