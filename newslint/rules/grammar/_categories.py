"""Which G code a LanguageTool match gets, from its issue type, category and rule id.

LanguageTool labels each rule with an ``issueType`` (``misspelling``, ``grammar``,
``typographical``, ``whitespace``, ``style``, ``uncategorized``...) and a category.
Category ids differ between languages (``GRAMMAR`` in English, ``CAT_GRAMMAIRE`` in
French, ``PONCTUATION_VIRGULE``, ``HILFESTELLUNG_KOMMASETZUNG``...), and most French
rules have the issue type ``uncategorized``, so categories are matched by the stems of
their ids. The first test that matches wins:

1. issue type ``misspelling`` → G001 misspelling
2. a punctuation category (``PUNCTUATION``, ``PONCTUATION_*``, ``*KOMMA*``)
   → G004 punctuation-error
3. issue type ``typographical`` or ``whitespace``, or a typography or casing category
   (``TYPOGRAPHY``, ``CAT_TYPOGRAPHIE``, ``CASING``, ``CAT_MAJUSCULES``)
   → G003 typography-error
4. issue type ``grammar``, or a grammatical category (``GRAMMAR``, ``CAT_GRAMMAIRE``,
   ``AGREEMENT``, ``CONFUSED_WORDS``, ``CAT_HOMONYMES_PARONYMES``, ``SYNTAX``...)
   → G002 grammar-error
5. issue type ``style``, ``register`` or ``locale-violation``, or a style category
   (``STYLE``, ``REDUNDANCY``, ``CAT_PLEONASMES``, ``REPETITIONS_STYLE``...)
   → G005 style-issue
6. a rule about white space, quotes, apostrophes or dashes filed under a catch-all
   category (``FRENCH_WHITESPACE`` is ``MISC``/``uncategorized``) → G003
7. anything else (``uncategorized``, ``duplication``, ``inconsistency``; Italian's
   numbered categories) → G006 other-language-issue
"""

from __future__ import annotations

import re

SPELLING = "G001"
GRAMMAR = "G002"
TYPOGRAPHY = "G003"
PUNCTUATION = "G004"
STYLE = "G005"
OTHER = "G006"
CODES = (SPELLING, GRAMMAR, TYPOGRAPHY, PUNCTUATION, STYLE, OTHER)

_PUNCTUATION_CATEGORY = re.compile(r"PUNCT|PONCT|PUNT|KOMMA|VIRGUL")
_TYPOGRAPHY_TYPES = frozenset({"typographical", "whitespace"})
_TYPOGRAPHY_CATEGORY = re.compile(r"TYPOGRA|CASING|MAJUSCUL")
_GRAMMAR_CATEGORY = re.compile(
    r"GRAMM|AGREEMENT|CONFUS|HOMONYM|SYNTAX|VERB|CONJUG|ELISION|PREPOSITION|CONTRACTION"
)
_STYLE_TYPES = frozenset({"style", "register", "locale-violation"})
_STYLE_CATEGORY = re.compile(
    r"STYLE|REDUNDAN|PLEONASM|PLAIN_ENGLISH|WIKIPEDIA|GENDER|COLLOCATION|TEXT_ANALYSIS"
    r"|CREATIVE|REGIONALISM|ARCHAISM|ANGLICISM|CALQUE|COLLOQUIAL|REGISTER|INFORMAL"
)
_TYPOGRAPHY_RULE_ID = re.compile(r"WHITESPACE|SPACE|QUOTE|APOS|ELLIPSIS|DASH")


def classify(rule_id: str, category: str, issue_type: str) -> str:
    """The G code of a LanguageTool match."""
    issue_type, category = issue_type.lower(), category.upper()
    if issue_type == "misspelling":
        return SPELLING
    if _PUNCTUATION_CATEGORY.search(category):
        return PUNCTUATION
    if issue_type in _TYPOGRAPHY_TYPES or _TYPOGRAPHY_CATEGORY.search(category):
        return TYPOGRAPHY
    if issue_type == "grammar" or _GRAMMAR_CATEGORY.search(category):
        return GRAMMAR
    if issue_type in _STYLE_TYPES or _STYLE_CATEGORY.search(category):
        return STYLE
    if _TYPOGRAPHY_RULE_ID.search(rule_id.upper()):
        return TYPOGRAPHY
    return OTHER
