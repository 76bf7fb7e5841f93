"""What every integration does to one record: build its Document with the settings'
field mapping, check it (through a :class:`~newslint.running.run.Run`, as every surface
does), and summarise the findings. The integrations see one record at a time, never the
corpus: corpus rules selected by name are refused when a step is built."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from newslint.checking.checker import Checker
from newslint.corpus.stage import refuse_corpus_rules
from newslint.io.readers.records import record_document
from newslint.model.document import Document
from newslint.model.finding import Finding, Severity
from newslint.running.run import Run
from newslint.running.sources import DocumentSources


def for_records(checker: Checker) -> Checker:
    """``checker``, for a step that sees one record at a time: a usage error when it
    selects corpus rules by name (they need the whole corpus)."""
    refuse_corpus_rules(checker, "a pipeline step sees one record at a time")
    return checker


def check_record(
    checker: Checker, record: Mapping[str, Any], source: str, number: int | None = None
) -> list[Finding]:
    """The findings of one record, as ``newslint check`` gives them in a JSONL file."""
    document = document_of(checker, record, source, number)
    [(_, result)] = list(Run(checker, DocumentSources([document])))
    return list(result.remaining)


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
