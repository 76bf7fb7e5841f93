"""What every integration does to one record: build its Document with the settings'
field mapping, check it, and summarise the findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from newslint.api import Checker
from newslint.document import Document
from newslint.finding import Finding, Severity
from newslint.readers.records import record_document


def document_of(
    checker: Checker, record: Mapping[str, Any], source: str, number: int | None = None
) -> Document:
    """The Document of ``record`` (text, id, title, language found by the settings'
    fields, as in a JSONL corpus); ``source`` is the path findings show."""
    return record_document(record, source, number, checker.settings)


def family(code: str) -> str:
    """``D001`` -> ``D``; third-party prefixes (``ZZ001``) keep their letters."""
    return code.rstrip("0123456789")


def counts_by_family(findings: Sequence[Finding]) -> dict[str, int]:
    return dict(sorted(Counter(family(f.code) for f in findings).items()))


def worst(findings: Sequence[Finding]) -> Severity | None:
    return max((f.severity for f in findings), key=lambda s: s.rank, default=None)
