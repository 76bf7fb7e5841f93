"""The Formatter protocol every output format follows, and the run summary it receives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from newslint.finding import Finding, Severity
from newslint.rule import Rule

#: Inputs whose record number is also a line of the file (so CI can point at it).
LINE_BASED_SUFFIXES = (".jsonl", ".ndjson")


def file_line(finding: Finding) -> int | None:
    """The line of the input file a finding is on: its own line in a text file, the
    record's line in an uncompressed JSONL file, None for a Parquet or CSV row."""
    if finding.record_number is None:
        return finding.line
    return finding.record_number if finding.path.lower().endswith(LINE_BASED_SUFFIXES) else None


@dataclass
class Summary:
    """Counts gathered while findings stream past; handed to ``Formatter.finish``."""

    documents: int = 0
    by_severity: Counter[Severity] = field(default_factory=Counter)
    by_code: Counter[str] = field(default_factory=Counter)

    def add(self, finding: Finding) -> None:
        self.by_severity[finding.severity] += 1
        self.by_code[finding.code] += 1

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


class Formatter:
    """Streams findings to ``stream``: ``start()``, ``write()`` per finding, ``finish()``.

    A formatter never holds all findings: corpora have millions.
    """

    #: ``--quiet``: write the findings only, no summary line (set by the command line)
    quiet: bool = False

    def __init__(self, stream: TextIO, rules: Sequence[Rule] = ()) -> None:
        self.stream = stream
        self.rules = rules  # the rules of the run, for formats that describe them (SARIF)

    def start(self) -> None:
        """Called once before the first finding."""

    def write(self, finding: Finding) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        """Called once after the last finding."""
