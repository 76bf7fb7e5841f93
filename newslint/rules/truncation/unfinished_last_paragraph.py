"""T006 unfinished-last-paragraph."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model import language
from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import rule
from newslint.model.text import FUNCTION_WORDS
from newslint.rules.truncation._ending import unfinished_prose

#: cut-mid-word (T001) reports fragments below this word frequency.
_T001_MAX_ZIPF = 2.0


@rule(
    code="T006",
    name="unfinished-last-paragraph",
    severity="warning",
    options={"min_words": Option(20, minimum=5)},
)
def unfinished_last_paragraph(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The article's last paragraph is running prose that stops without finishing.

    What it flags: a last paragraph of at least ``min_words`` words (default 20) that is
    plainly prose (more than one sentence, the function words of its language) and
    stops on a word with no closing punctuation: the cut of a length limit or a paywall
    that fell between two words ("... mais il a refusé de dire quand les travaux
    seraient", "... whether the deal would hold once the costs"). A last word that is not
    in lower case (a name, a title, an acronym or agency: "PTI"), an address or a handle
    is left alone, and so are the cuts that cut-mid-word (T001, a fragment) and
    cut-mid-sentence (T002, a function word) report. Needs a language with a
    function-word list (wordfreq's).

    Why it matters: the strong case of missing-final-punctuation (T005, info): prose
    that breaks off has lost its end, and the sentence it leaves is wrong.

    Example: "Les travaux devaient commencer au printemps. Le maire a pourtant refusé de
    dire quand le chantier serait" as the last line gives T006. "Les travaux
    commenceront au printemps, a dit le maire." gives nothing, nor does a last line
    "Reportage de Jean Dupont, AFP".

    Fix: none (the missing text cannot be recovered).
    """
    end = unfinished_prose(doc, options["min_words"])
    if end is None or _reported_elsewhere(end.last_word, doc.language):
        return
    yield Violation(
        end.last_word_start,
        end.last_word_start + len(end.last_word),
        f"last paragraph breaks off after '{end.last_word}', without closing punctuation",
    )


def _reported_elsewhere(word: str, lang: str | None) -> bool:
    """T002 reports a cut after a function word; T001 one inside a word."""
    if lang is None:
        return False
    if word.islower() and word in FUNCTION_WORDS.get(lang, ()):
        return True
    lowered = word.lower()
    return (
        language.has_word_list(lang)
        and language.zipf(lowered, lang) < _T001_MAX_ZIPF
        and lowered in language.frequent_prefixes(lang)
    )
