"""D004 pull-quote."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.document import Document
from newslint.finding import Violation
from newslint.rule import rule
from newslint.rules.duplication._repetition import repetition

_WORDS = re.compile(r"[^\W_]+")


@rule(code="D004", name="pull-quote", severity="warning", options={"min_words": 8, "max_words": 60})
def pull_quote(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A short paragraph whose words also stand, in the same order, inside a longer one.

    What it flags: a paragraph of ``min_words`` to ``max_words`` words (default 8-60)
    whose sequence of words (case, punctuation and quote marks aside) is contained in
    another, longer paragraph of the same article. Magazine layouts repeat a sentence in
    large type (a pull quote); extraction flattens it into the body, where it reads as a
    duplicated sentence.

    Why it matters: the sentence appears twice in the text and out of place once.

    Example: the line "Since 2008, there hasn't been a single year of revenue gain in the
    newspaper industry as a whole." above a paragraph that contains that sentence gives
    D004 on the short line. A heading that restates a paragraph in other words ("Try
    setting a regular eating schedule") gives nothing, nor do templated pages (see D001).

    Fix: none (deleting the copy is usually right, but check by eye).
    """
    repeated = repetition(doc)
    if repeated.templated:
        return
    paragraphs = doc.paragraphs[:400]
    # Words joined by single spaces and framed by spaces, so that a containment test is a
    # plain substring search that cannot stop inside a word.
    framed = {
        p.number: " " + " ".join(_WORDS.findall(repeated.folded[p.number])) + " "
        for p in paragraphs
    }
    for paragraph in paragraphs:
        words = framed[paragraph.number]
        count = words.count(" ") - 1
        if not options["min_words"] <= count <= options["max_words"]:
            continue
        if repeated.copies(paragraph.number) > 1:  # exact copies are D001's
            continue
        host = next(
            (n for n, other in framed.items() if len(other) > len(words) and words in other), None
        )
        if host is not None:
            yield Violation(
                paragraph.start,
                paragraph.end,
                f"paragraph repeats text of line {host} (pull quote?)",
            )
