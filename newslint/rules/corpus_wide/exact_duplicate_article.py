"""C001 exact-duplicate-article."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule


@rule(code="C001", name="exact-duplicate-article", severity="warning", scope="corpus")
def exact_duplicate_article(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """An article whose whole text is that of an earlier article of the corpus.

    What it flags: the second and later copies of an article (case and spacing aside),
    on the later record, naming the first one by record number and id: the same page
    scraped twice under two URLs, or one article shipped in two dumps. Reported at line 1.

    Why it matters: duplicates weigh twice in any count or model trained on the corpus,
    and deduplication is the first step of every corpus pipeline.

    Example: `news.jsonl` line 40 repeats the text of line 3: `news.jsonl#40[b7]:1:1: C001
    exact duplicate of record 3 [a1]`. Two articles that differ by a byline give C002,
    not C001.

    Fix: none (which record to keep is the corpus owner's choice; `newslint clean`
    leaves both).
    """
    facts = doc.facts
    if facts is None or facts.exact_of is None:
        return
    first_line_end = len(doc.line_texts[0]) if doc.line_texts else 0
    yield Violation(0, first_line_end, f"exact duplicate of {facts.exact_of.describe(doc.path)}")
