"""D003 repeated-title."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import line_violation, rule
from newslint.model.text import fold
from newslint.rules.duplication._repetition import repetition


@rule(code="D003", name="repeated-title", severity="warning", fixable=True)
def repeated_title(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The article's title printed again as a paragraph of its body.

    What it flags: a body paragraph identical (case, spacing and quote marks aside) to
    the record's title. Only documents that carry a title (a title field in JSONL,
    Parquet or CSV input) are checked.

    Why it matters: extractors often prepend the headline to the body; a corpus that
    also stores the title then holds it twice.

    Example: title "Blinken exhorte Lavrov à retirer les troupes russes" and a body whose
    first line is the same headline gives D003 on line 1. A body that merely mentions
    the same names gives nothing.

    Fix: delete the paragraph (safe: the title field keeps it).
    """
    if not doc.title:
        return
    title = fold(doc.title)
    if len(title) < 10:
        return
    for number in repetition(doc).lines_folded_as(title):
        yield line_violation(
            doc, number, "the title is repeated in the body", "Delete the repeated title"
        )
