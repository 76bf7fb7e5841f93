"""X002 empty-document."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule


@rule(code="X002", name="empty-document", severity="warning")
def empty_document(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A document whose text is empty or only white space.

    What it flags: an empty file, or a record whose text field holds nothing but white
    space (an unreadable input is X001 instead).

    Why it matters: an empty article in a corpus is a failed extraction; it carries no
    text and skews counts.

    Example: a JSONL record ``{"id": "a1", "text": "  "}`` gives X002. Any record with
    text gives nothing.

    Fix: none (`newslint clean` does not reject warnings by default; use
    ``--reject-on warning`` to filter empty records out).
    """
    if not doc.problems and not doc.text.strip():
        yield Violation(0, len(doc.text), "empty document: no text")
