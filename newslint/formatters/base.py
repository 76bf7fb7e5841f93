"""The Formatter protocol every output format follows, and the run summary it receives."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from newslint.finding import Finding, Severity


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

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def start(self) -> None:
        """Called once before the first finding."""

    def write(self, finding: Finding) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        """Called once after the last finding."""
