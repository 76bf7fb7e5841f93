"""Findings, fixes and severities: immutable records, nothing more."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal


class Severity(enum.Enum):
    """How bad a finding is; ordered so that ``INFO < WARNING < ERROR``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (character offsets)."""

    start: int
    end: int
    replacement: str = ""

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Most findings come back from worker processes with a fix: the fields as a
        # tuple unpickle several times faster than a frozen dataclass's state.
        return Edit, (self.start, self.end, self.replacement)


@dataclass(frozen=True, slots=True)
class Fix:
    """A repair a rule proposes: edits that are applied together, or not at all."""

    edits: tuple[Edit, ...]
    title: str
    safety: Literal["safe", "unsafe"] = "safe"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return Fix, (self.edits, self.title, self.safety)  # as Edit's, for speed

    @classmethod
    def delete(
        cls, start: int, end: int, title: str, safety: Literal["safe", "unsafe"] = "safe"
    ) -> Fix:
        return cls((Edit(start, end, ""),), title, safety)

    @classmethod
    def replace(
        cls,
        start: int,
        end: int,
        replacement: str,
        title: str,
        safety: Literal["safe", "unsafe"] = "safe",
    ) -> Fix:
        return cls((Edit(start, end, replacement),), title, safety)


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule reports: a span of the document text and a message.

    The engine turns it into a :class:`Finding` by adding the rule's code, name,
    severity and the line/column location, so a rule never repeats its own metadata.
    """

    start: int
    end: int
    message: str
    fix: Fix | None = None


@dataclass(frozen=True, slots=True, order=False)
class Finding:
    """One located defect in one document."""

    path: str
    record: str | None
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    start: int = 0
    end: int = 0
    fix: Fix | None = field(default=None, compare=False)
    record_number: int | None = None
    #: Stable identity across runs: hash of the code, the record id (or path) and the
    #: flagged text, so that it survives lines added above (see newslint.running.baseline).
    fingerprint: str = field(default="", compare=False)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Findings come back from worker processes in bulk: a tuple of the fields
        # pickles twice as fast as the slots' state.
        return Finding, tuple(getattr(self, name) for name in _FINDING_FIELDS)

    @property
    def location(self) -> str:
        """``path`` or, for a record of a corpus file, ``path#N`` or ``path#N[id]``."""
        if self.record_number is None:
            return self.path
        record = f"[{_display_id(self.record)}]" if self.record is not None else ""
        return f"{self.path}#{self.record_number}{record}"

    def sort_key(self) -> tuple[int, int, str, int, int, str]:
        return (self.line, self.column, self.code, self.end_line, self.end_column, self.message)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "record": self.record,
            "record_number": self.record_number,
            "fingerprint": self.fingerprint,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "fix": None,
        }
        if self.fix is not None:
            data["fix"] = {
                "title": self.fix.title,
                "safety": self.fix.safety,
                "edits": [
                    {"start": e.start, "end": e.end, "replacement": e.replacement}
                    for e in self.fix.edits
                ],
            }
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """The Finding ``to_dict`` gave (``start`` and ``end``, which it leaves out, are
        read when present): findings come back this way from other engines' outputs."""
        fix = data.get("fix")
        return cls(
            path=data["path"],
            record=data.get("record"),
            line=data["line"],
            column=data["column"],
            end_line=data["end_line"],
            end_column=data["end_column"],
            code=data["code"],
            rule=data["rule"],
            severity=Severity.parse(data["severity"]),
            message=data["message"],
            start=data.get("start") or 0,
            end=data.get("end") or 0,
            fix=None if fix is None else _fix_from_dict(fix),
            record_number=data.get("record_number"),
            fingerprint=data.get("fingerprint") or "",
        )


def _fix_from_dict(data: Mapping[str, Any]) -> Fix:
    edits = tuple(Edit(e["start"], e["end"], e["replacement"]) for e in data["edits"])
    return Fix(edits, data["title"], data["safety"])


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


def _display_id(record: str) -> str:
    # Keep "path#N[id]:line:col" parseable: no colon, bracket or white space inside.
    return "".join("_" if c in ":[]" or c.isspace() else c for c in record)[:80]
