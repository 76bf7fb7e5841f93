"""G001 misspelling."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.language import zipf
from newslint.model.options import Option
from newslint.model.rule import rule
from newslint.rules.grammar._categories import SPELLING
from newslint.rules.grammar._languagetool import dictionary_of
from newslint.rules.grammar._matches import Match
from newslint.rules.grammar._report import violations


@rule(
    code="G001",
    name="misspelling",
    severity="warning",
    fixable=True,
    default_enabled=False,
    options={
        "ignore_capitalised": True,
        "ignore_repeated": Option(2, minimum=0),
        "ignore_common": Option(3.0, minimum=0.0, maximum=8.0),
    },
)
def misspelling(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A word LanguageTool's spell checker does not know.

    What it flags: a word that LanguageTool reports as a misspelling (issue type
    ``misspelling``: ``MORFOLOGIK_RULE_EN_US``, ``FR_SPELLING_RULE``...). News is full
    of names the dictionaries lack, so by default a word is left alone when it has a
    capital letter anywhere (``Blinken``, ``iPhone``, ``NATO``), when it appears at least
    ``ignore_repeated`` times in the article (2; 0 turns this off), when it is in the
    ``dictionary:`` of the config (case aside), or when it is a common word of the
    language all the same: a Zipf frequency (wordfreq) of at least ``ignore_common``
    (3.0, about once per million words; 0 turns this off), which keeps British
    spellings in American English (``colour``) and Brazilian ones in Portuguese
    (``idéia``) quiet, along with slang and abbreviations (``govt``). Each filter has its
    option; ``ignore_capitalised: false`` checks capitalised words too. The message
    gives LanguageTool's rule id and first suggestion.

    Why it matters: a misspelt word in an edited article is usually an extraction or
    OCR fault (``tset``), a word cut by a bad line join, or a garbled translation.

    Example: "This is a tset of the system." gives G001 at 'tset' (→ 'set').
    "Anthony Blinken met Sergei Lavrov." gives nothing: capitalised names are skipped.

    Fix: the first suggestion (unsafe: a spell checker guesses). Needs a LanguageTool
    server: see ``--languagetool`` and languagetool/README.md.
    """
    yield from violations(doc, SPELLING, keep=lambda match: not suppressed(doc, match, options))


def suppressed(doc: Document, match: Match, options: Mapping[str, Any]) -> bool:
    """A name, a word of the article's own vocabulary, of the dictionary, or of the
    language's common usage."""
    word = doc.text[match.start : match.end]
    if options.get("ignore_capitalised", True) and any(c.isupper() for c in word):
        return True
    if word.casefold() in dictionary_of(doc):
        return True
    repeated = int(options.get("ignore_repeated", 2) or 0)
    if repeated and occurrences(doc, word) >= repeated:
        return True
    common = float(options.get("ignore_common", 3.0) or 0)
    return bool(common) and _common_word(word, doc.language, common)


def _common_word(word: str, language: str | None, threshold: float) -> bool:
    """A single word (a phrase such as "m oon" is a split word, never common) that is
    frequent in the language's usage."""
    if language is None or any(c.isspace() for c in word):
        return False
    return zipf(word, language) >= threshold


def occurrences(doc: Document, word: str) -> int:
    """How often ``word`` stands as a whole word in the article (per document, cached)."""
    counts = doc.view(_word_counts)
    if word not in counts:
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])")
        counts[word] = sum(1 for _ in pattern.finditer(doc.text))
    return counts[word]


def _word_counts(doc: Document) -> dict[str, int]:
    """Occurrences of the words asked about so far (filled by :func:`occurrences`)."""
    return {}
