"""T005 missing-final-punctuation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import rule
from newslint.rules.truncation._ending import body_cut, caseless_cut, ending, unfinished_prose
from newslint.structure import LITERALS

#: T006's default: a paragraph it reports is left to it.
UNFINISHED_MIN_WORDS = 20


@rule(
    code="T005",
    name="missing-final-punctuation",
    severity="info",
    options={"min_words": Option(12, minimum=1)},
    literals=LITERALS,
)
def missing_final_punctuation(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The last paragraph is a sentence with no closing punctuation.

    What it flags: a last paragraph of at least ``min_words`` words (default 12) that
    ends on a letter. It is only a hint (info): many articles legitimately end with a
    credit, a heading or a list item, and T001/T002 report the certain cuts, T006 the
    paragraphs of plain prose that break off.

    Why it matters: a long final sentence without a full stop often means the end of
    the article was cut off at a word boundary.

    Example: "... the company said it would keep investing in the region next year"
    as the last line gives T005. "With Post wires" (a credit) gives nothing.

    Fix: none.
    """
    end = ending(doc)
    if end is None or len(end.paragraph.text.split()) < options["min_words"]:
        return
    if (
        unfinished_prose(doc, UNFINISHED_MIN_WORDS) is not None
        or body_cut(doc) is not None
        or caseless_cut(doc) is not None
    ):
        return  # the strong case: unfinished-last-paragraph (T006) reports it
    yield Violation(
        end.last_word_start,
        end.last_word_start + len(end.last_word),
        "last paragraph has no closing punctuation",
    )
