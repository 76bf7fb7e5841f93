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
from newslint.rules.truncation._ending import (
    CUT_MIN_WORDS,
    Ending,
    body_cut,
    caseless_cut,
    plausible_cut,
    unfinished_prose,
)
from newslint.structure import LITERALS

#: cut-mid-word (T001) reports fragments below this word frequency.
_T001_MAX_ZIPF = 2.0


@rule(
    code="T006",
    name="unfinished-last-paragraph",
    severity="warning",
    options={"min_words": Option(20, minimum=5)},
    literals=LITERALS,
)
def unfinished_last_paragraph(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The article's last paragraph stops without finishing its sentence.

    What it flags: the last paragraph of the article (hard-wrapped lines joined) when it
    stops on a word with no closing punctuation, and either

    - it is plainly prose of at least ``min_words`` words (default 20: more than one
      sentence, the function words of its language) ending on a word in lower case:
      "... mais il a refusé de dire quand les travaux seraient"; or
    - the structure view (``newslint.structure``) places it last in a body of several
      paragraphs, and it ends on a word in lower case ("... the council said it would
      need more", "... e disse di"), on one capitalised word after words in lower
      case ("... sagte der Pr", "... in a statement to D", "... during Carnival, the
      Sa") or on a name cut to a stub of two letters ("... said its chairman, Ryan
      S"): what a cut leaves when it falls after a short word or inside a name; or
    - in a script without letter case (Chinese, Japanese, Korean), whose languages have
      no function-word list: the last paragraph is running text of at least 30
      characters, mostly of that script, with a sentence end inside it, that stops on a
      letter or a comma, in an article whose other paragraphs of that length mostly end
      on closing punctuation ("市政府表示，新的交通规划将于明年春季实施。但有关部门尚未公布具体
      的").

    A last word that is an acronym or agency ("PTI"), a title or a credit ("Uma Noite de
    Verão", "... from the Associated Press"), an address, a handle or a tag list is
    left alone, and so are the cuts that cut-mid-word (T001, a fragment that is no word)
    and cut-mid-sentence (T002, a function word) report. Needs a language with a
    function-word list (wordfreq's), but for the scripts without letter case.

    Why it matters: the strong case of missing-final-punctuation (T005, info): text that
    breaks off has lost its end, and the sentence it leaves is wrong.

    Example: "Les travaux devaient commencer au printemps. Le maire a pourtant refusé de
    dire quand le chantier serait" as the last line gives T006. "Les travaux
    commenceront au printemps, a dit le maire." gives nothing, nor does a last line
    "Reportage de Jean Dupont, AFP".

    Fix: none (the missing text cannot be recovered).
    """
    end = unfinished_prose(doc, options["min_words"])
    if end is not None and not plausible_cut(end, doc.language):
        end = None
    end = end or body_cut(doc)
    if end is not None and _reported_elsewhere(end, doc.language):
        return
    end = end or caseless_cut(doc)  # T001 and T002 know no script without letter case
    if end is None:
        return
    yield Violation(
        end.last_word_start,
        end.last_word_start + len(end.last_word),
        f"last paragraph breaks off after '{end.last_word}', without closing punctuation",
    )


def _reported_elsewhere(end: Ending, lang: str | None) -> bool:
    """T002 reports a cut after a function word (in a paragraph of six words or more);
    T001 one inside a word."""
    if lang is None:
        return False
    word = end.last_word
    if word.islower() and word in FUNCTION_WORDS.get(lang, ()):
        return len(end.paragraph.text.split()) >= CUT_MIN_WORDS
    lowered = word.lower()
    return (
        language.has_word_list(lang)
        and language.zipf(lowered, lang) < _T001_MAX_ZIPF
        and lowered in language.frequent_prefixes(lang)
    )
