"""The Formatter protocol every output format follows, and the run summary it receives."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from newslint.fixing.edits import applicable, select_fixes
from newslint.io.readers.csv import SUFFIXES as CSV_SUFFIXES
from newslint.io.readers.csv import parsed_rows
from newslint.model.columns import COLUMN_UNITS, ColumnUnit
from newslint.model.finding import Finding, Severity
from newslint.model.rule import Rule

#: Inputs whose record number is also a line of the file (so CI can point at it).
LINE_BASED_SUFFIXES = (".jsonl", ".ndjson")


def file_line(finding: Finding) -> int | None:
    """The line of the input file a finding is on: its own line in a text file, the
    record's line in an uncompressed JSONL file, None for a Parquet or CSV row (see
    :class:`FileLines` for CSV rows)."""
    if finding.record_number is None:
        return finding.line
    return finding.record_number if finding.path.lower().endswith(LINE_BASED_SUFFIXES) else None


class FileLines:
    """:func:`file_line`, and for a row of a CSV file the line of the file it starts on
    (a quoted cell may span lines), for the formats whose readers point into files:
    GitHub annotations and SARIF. Findings come in input order, so the CSV file is
    read once, forward, beside the run; going back (another run, another file) starts
    it again. A file that cannot be read again (standard input) gives no line."""

    def __init__(self, limit: int = 50_000_000) -> None:
        self.limit = limit
        self._path: str | None = None
        self._rows: Iterator[tuple[int, int, object, object]] = iter(())
        self._at = (-1, 0)  # (row, line) last read

    def line(self, finding: Finding) -> int | None:
        found = file_line(finding)
        if found is not None or finding.record_number is None:
            return found
        if not finding.path.lower().endswith(CSV_SUFFIXES):
            return None
        return self._csv_line(finding.path, finding.record_number)

    def _csv_line(self, path: str, row: int) -> int | None:
        if path != self._path or row < self._at[0]:
            if not os.path.isfile(path):
                return None
            self._path, self._at = path, (-1, 0)
            self._rows = parsed_rows(path, self.limit)
        while self._at[0] < row:
            found = next(self._rows, None)
            if found is None:
                self._path = None
                return None
            self._at = (found[0], found[1])
        return self._at[1] if self._at[0] == row and self._at[1] > 0 else None


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
    #: paths of the run that do not exist (each already reported on stderr)
    missing_paths: int = 0

    def add(self, finding: Finding) -> None:
        """One finding, counted alone (a fix that overlaps another is counted too:
        :meth:`add_document` counts as ``--fix`` applies)."""
        self._count(finding)
        if applicable(finding, self.unsafe_fixes):
            self.fixable[finding.code] += 1
        elif finding.fix is not None:
            self.hidden_fixes += 1

    def _count(self, finding: Finding) -> None:
        self.by_severity[finding.severity] += 1
        self.by_code[finding.code] += 1

    def add_document(self, findings: Sequence[Finding]) -> None:
        """The findings of one document; its fixes are counted as ``--fix`` applies them:
        of two fixes that touch the same text only one is applied (the other finding
        usually goes with it), so "N fixable" is what ``--fix`` will say it fixed."""
        for finding in findings:
            self._count(finding)
        if not any(finding.fix for finding in findings):
            return
        chosen = select_fixes(findings, self.unsafe_fixes)
        self.fixable.update(finding.code for finding in chosen)
        if not self.unsafe_fixes:
            self.hidden_fixes += max(0, len(select_fixes(findings, True)) - len(chosen))

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
