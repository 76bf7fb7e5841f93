"""M004 foreign-passage."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint import language
from newslint.document import Document
from newslint.finding import Violation
from newslint.rule import rule

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Share of a paragraph's words among its language's 100 commonest words, above which
#: the paragraph is taken to be in that language (running prose is at 35-50%).
COMMON_WORD_SHARE = 0.2


def _mostly_common_words(text: str, common: frozenset[str]) -> bool:
    words = _WORD.findall(text.lower())
    if not common or not words:
        return False
    return sum(w in common for w in words) >= COMMON_WORD_SHARE * len(words)


@rule(
    code="M004",
    name="foreign-passage",
    severity="warning",
    options={"min_chars": 150, "min_confidence": 0.995, "min_paragraphs": 3},
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
    A French article quoting a short English slogan gives nothing.

    Fix: none.
    """
    doc_language = doc.language
    if doc_language is None or len(doc.paragraphs) < options["min_paragraphs"]:
        return
    common = language.top_words(doc_language)
    for paragraph in doc.paragraphs:
        if len(paragraph.text) < options["min_chars"]:
            continue
        if _mostly_common_words(paragraph.text, common):
            continue  # plainly in the article's language: no need to ask the identifier

        lang, probability = language.classify(paragraph.text)
        if lang != doc_language and probability >= options["min_confidence"]:
            yield Violation(
                paragraph.start,
                paragraph.end,
                f"paragraph is in another language ({lang}) than the article ({doc_language})",
            )
