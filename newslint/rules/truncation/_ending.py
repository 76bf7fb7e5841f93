"""What the end of an article looks like, shared by the truncation rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newslint.document import Document, Line

#: Characters that may close a finished article: terminal punctuation, closing quotes
#: and brackets, emoji and symbols are checked separately.
CLOSERS = set(".!?…\"'”’»)]›*")
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
