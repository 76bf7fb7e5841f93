"""T001 cut-mid-word."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model import language
from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import rule
from newslint.rules.truncation._ending import ending


@rule(
    code="T001",
    name="cut-mid-word",
    severity="error",
    options={"max_zipf": Option(2.0, minimum=0.0, maximum=8.0)},
)
def cut_mid_word(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The article stops in the middle of a word.

    What it flags: text whose last paragraph ends, without punctuation, on a fragment
    that is not a word of the article's language (word frequency, from wordfreq, below
    ``max_zipf``, default 2.0) but begins a common word: ``... sur les inq`` (for
    "inquiétudes"). Needs the article's language and a wordfreq list for it.

    Why it matters: a cut article is incomplete; its last sentence is broken, and
    whatever quotation it opened is never closed.

    Example: "... a dit vouloir «poursuivre un échange substantiel avec la Russie sur
    les inq" gives T001 on "inq". An article ending "... avec la Russie." gives nothing.

    Fix: none (the missing text cannot be recovered).
    """
    end = ending(doc)
    lang = doc.language
    if end is None or lang is None or not language.has_word_list(lang):
        return
    fragment = end.last_word
    lowered = fragment.lower()
    if fragment.isupper() and len(fragment) > 1:  # an acronym or agency (AFP, PTI)
        return
    if language.zipf(lowered, lang) >= options["max_zipf"]:
        return
    if lowered not in language.frequent_prefixes(lang):
        return
    yield Violation(
        end.last_word_start,
        end.last_word_start + len(fragment),
        f"text stops mid-word at '{fragment}'",
    )
