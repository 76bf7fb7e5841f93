"""The Formatter protocol every output format follows, and the run summary it receives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from newslint.columns import COLUMN_UNITS, ColumnUnit
from newslint.finding import Finding, Severity
from newslint.fixing import applicable
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
    #: findings whose fix ``--fix`` would apply, by code (unsafe ones too with --unsafe-fixes)
    fixable: Counter[str] = field(default_factory=Counter)
    #: findings with an unsafe fix that only ``--unsafe-fixes`` would apply
    hidden_fixes: int = 0
    unsafe_fixes: bool = False

    def add(self, finding: Finding) -> None:
        self.by_severity[finding.severity] += 1
        self.by_code[finding.code] += 1
        if applicable(finding, self.unsafe_fixes):
            self.fixable[finding.code] += 1
        elif finding.fix is not None:
            self.hidden_fixes += 1

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


class Formatter:
    """Streams findings to ``stream``: ``start()``, ``write()`` per finding, ``finish()``.

    A formatter never holds all findings: corpora have millions.
    """

    #: ``--quiet``: write the findings only, no summary line (set by the command line)
    quiet: bool = False
    #: ``--unsafe-fixes``: unsafe fixes count as fixable (set by the command line)
    unsafe_fixes: bool = False
    #: the unit of the findings' columns (``--column-unit``, set by the command line)
    column_unit: ColumnUnit = "char"
    #: the units this format can express; a format whose readers expect one unit (GitHub
    #: annotations: UTF-16) names only that one and gets it whatever ``--column-unit`` says
    column_units: tuple[ColumnUnit, ...] = COLUMN_UNITS

    def __init__(self, stream: TextIO, rules: Sequence[Rule] = ()) -> None:
        self.stream = stream
        self.rules = rules  # the rules of the run, for formats that describe them (SARIF)

    def start(self) -> None:
        """Called once before the first finding."""

    def write(self, finding: Finding) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        """Called once after the last finding."""
