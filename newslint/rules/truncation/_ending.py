"""What the end of an article looks like, shared by the truncation rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newslint.model.document import Document, Line
from newslint.structure.function_words import function_words

_LAST_WORD = re.compile(r"([^\W\d_][^\W_]*)\W*$")


@dataclass(frozen=True)
class Ending:
    paragraph: Line
    last_word: str
    last_word_start: int


def ending(doc: Document) -> Ending | None:
    """The last paragraph and its last word, if the text ends on a letter."""
    if not doc.paragraphs:
        return None
    last = doc.paragraphs[-1]
    stripped = last.text.rstrip()
    if not stripped or not stripped[-1].isalpha():
        return None
    # Only the tail can hold the last word: a 20 MB one-line article must stay cheap.
    tail_start = max(0, len(stripped) - 200)
    match = _LAST_WORD.search(stripped, tail_start)
    if match is None:
        return None
    return Ending(last, match.group(1), last.start + match.start(1))


#: A sentence ends inside a paragraph: ". " (or ! ? …, maybe after a closing quote)
#: followed by a capital or an opening quote.
_INNER_END = re.compile(r"[.!?…][\"'”’»)]*\s+[\"'“‘«(]?[^\W\d_a-zß-ÿ]")


def unfinished_prose(doc: Document, min_words: int) -> Ending | None:
    """The ending of a last paragraph that is plainly prose cut short: at least
    ``min_words`` words, several sentences (one ends inside it), running text in the
    article's language (its function words: newslint.structure), and it stops on a
    word in lower case, without closing punctuation (not a name, an acronym or a title:
    a credit "... Reuters", a title "... Um Amor de Verdade"), that is not a handle or
    an address."""
    end = ending(doc)
    if end is None:
        return None
    text = end.paragraph.text.strip()
    words = text.split()
    if len(words) < min_words or _INNER_END.search(text) is None:
        return None
    last = words[-1]
    if not last.islower():
        return None  # an agency, an acronym, a name or a title: a cut falls on a word
    if any(sign in last for sign in "./@#:_"):
        return None  # an address, a handle, a file name
    found = function_words(doc.language)
    if found is None:
        return None
    head = text[:400].lower().split()
    share = sum(map(found.words.__contains__, head)) / len(head)
    return end if share >= 0.5 * found.coverage else None
