"""D004 pull-quote."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import rule
from newslint.rules.duplication._repetition import repetition


@rule(
    code="D004",
    name="pull-quote",
    severity="warning",
    options={"min_words": Option(8, minimum=1), "max_words": Option(60, minimum=1)},
)
def pull_quote(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A short paragraph whose words also stand, in the same order, inside a longer one.

    What it flags: a paragraph of ``min_words`` to ``max_words`` words (default 8-60)
    whose sequence of words (case, punctuation and quote marks aside) is contained in
    another, longer paragraph of the same article. Magazine layouts repeat a sentence in
    large type (a pull quote); extraction flattens it into the body, where it reads as a
    duplicated sentence.

    Why it matters: the sentence appears twice in the text and out of place once.

    Example: the line "Since 2010, not a single season has ended with a profit for the
    league as a whole." above a paragraph that contains that sentence gives
    D004 on the short line. A heading that restates a paragraph in other words ("Try
    going to bed at the same hour") gives nothing, nor do templated pages (see D001).

    Fix: none (deleting the copy is usually right, but check by eye).
    """
    found = repetition(doc).pull_quotes(
        options["min_words"], options["max_words"], _MAX_PARAGRAPHS, _SEARCH_BUDGET
    )
    for i, host in found:
        paragraph = doc.paragraphs[i]  # built only for a finding: most documents have none
        yield Violation(
            paragraph.start,
            paragraph.end,
            f"paragraph repeats text of line {host} (pull quote?)",
        )


#: Only the first paragraphs are compared, so that a pathological document stays cheap.
_MAX_PARAGRAPHS = 400


#: Above this many byte comparisons, one search per paragraph through all the sketches
#: is slower than dismissing paragraphs by the pieces of their sketches (a piece no
#: other sketch has dismisses a paragraph), and only searching for some after.
_SEARCH_BUDGET = 100_000
