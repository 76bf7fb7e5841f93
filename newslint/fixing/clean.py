"""``newslint clean``: the sink of a run that repairs a corpus. It writes every record
with its text repaired, and puts the records that still carry findings at the reject
level (and, when asked, exact duplicates) in a separate file with their findings
attached. Every input record ends up in exactly one of the two files."""

from __future__ import annotations

import contextlib
import gzip
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from newslint.config.settings import Settings
from newslint.errors import counted
from newslint.fixing.edits import FixResult
from newslint.io.fileio import atomic_bytes_writer
from newslint.model.document import Document
from newslint.model.finding import Finding, Severity

#: Key under which a rejected record carries its findings (datatrove's JSONL reader puts
#: unknown top-level keys into the document's metadata).
FINDINGS_KEY = "newslint_findings"


@dataclass
class CleanCounts:
    read: int = 0
    kept: int = 0
    repaired: int = 0
    rejected: int = 0
    fixes: int = 0

    def add(self, verdict: Verdict) -> None:
        self.read += 1
        self.rejected += verdict.rejected
        self.kept += not verdict.rejected
        self.repaired += verdict.repaired
        self.fixes += verdict.fixes

    def line(self, output: Path | str, rejected: Path | str) -> str:
        return (
            f"{counted(self.read, 'record')} read: {self.kept:,} written to {output} "
            f"({self.repaired:,} repaired, {counted(self.fixes, 'fix', 'fixes')}), "
            f"{self.rejected:,} rejected to {rejected}."
        )


def default_rejected_path(output: Path) -> Path:
    """``clean.jsonl`` -> ``clean.rejected.jsonl``: rejected records are never dropped."""
    name = output.name
    for suffix in (".jsonl.gz", ".jsonl", ".ndjson"):
        if name.endswith(suffix):
            return output.with_name(name[: -len(suffix)] + ".rejected" + suffix)
    return output.with_name(name + ".rejected.jsonl")


@dataclass(frozen=True)
class Rejecting:
    """What sends a record to the rejected file: findings left at ``severity`` or above,
    and with ``duplicates``, being an exact copy of an earlier record (C001)."""

    severity: Severity = Severity.ERROR
    duplicates: bool = False


#: Called with each record, its repair and its verdict (``newslint clean --report``).
Observer = Callable[[Document, FixResult, "Verdict"], None]


def clean(
    repaired: Iterable[tuple[Document, FixResult]],
    output: Path,
    rejected: Path,
    settings: Settings,
    rejecting: Rejecting,
    observe: Observer | None = None,
) -> CleanCounts:
    """Write each repaired record (a run's results, in input order) to ``output`` or,
    when ``rejecting`` says so or it could not be read, to ``rejected``."""
    counts = CleanCounts()
    with _jsonl_writer(output) as kept_out, _jsonl_writer(rejected) as rejected_out:
        for document, outcome in repaired:
            verdict = judge(document, outcome, settings, rejecting)
            counts.add(verdict)
            (rejected_out if verdict.rejected else kept_out)(verdict.record)
            if observe is not None:
                observe(document, outcome, verdict)
    return counts


@dataclass(frozen=True)
class Verdict:
    """Where one record goes after repair, and the record to write there."""

    rejected: bool
    record: dict[str, Any]
    repaired: bool = False
    fixes: int = 0


def judge(
    document: Document, result: FixResult, settings: Settings, rejecting: Rejecting
) -> Verdict:
    """The verdict on ``document`` given its repair: rejected, with its findings, when
    ``rejecting`` says so or it could not be read; else kept, with its text repaired.
    Every engine decides here."""
    blocking = [f for f in result.remaining if f.severity >= rejecting.severity]
    duplicate = rejecting.duplicates and document.facts is not None and document.facts.exact_of
    if blocking or duplicate or document.problems:
        record = _rejected_record(document, settings, result.text, result.remaining)
        return Verdict(True, record)
    record = _with_text(_record(document), settings.text_field, result.text)
    return Verdict(False, record, result.text != document.text, len(result.applied))


def _record(document: Document) -> dict[str, Any]:
    record = document.metadata.get("record")
    if isinstance(record, Mapping):
        return dict(record)
    # A plain text file, or a record that was not an object or not JSON: describe where
    # it came from. A record's id names its record number: the file's name is not unique.
    where = (
        document.path
        if document.record_number is None
        else f"{document.path}#{document.record_number}"
    )
    described: dict[str, Any] = {"id": document.record or where, "source": document.path}
    if document.record_number is not None:
        described["record_number"] = document.record_number
    if record is not None:
        described["record"] = record
    if "raw" in document.metadata:
        described["raw"] = document.metadata["raw"]
    return described


def _with_text(record: dict[str, Any], field: str, text: str) -> dict[str, Any]:
    """``record`` with ``text`` at ``field`` (a dotted path reaches into nested objects)."""
    if field in record or "." not in field:
        record[field] = text
        return record
    target = record
    *parents, last = field.split(".")
    for part in parents:
        child = target.get(part)
        target[part] = child = dict(child) if isinstance(child, Mapping) else {}
        target = child
    target[last] = text
    return record


def _rejected_record(
    document: Document, settings: Settings, text: str, findings: Iterable[Finding]
) -> dict[str, Any]:
    record = _record(document)
    if not document.problems:
        record = _with_text(record, settings.text_field, text)
    record[FINDINGS_KEY] = [f.to_dict() for f in findings]
    return record


def record_json(record: Mapping[str, Any]) -> bytes:
    """A record as one line of JSON, as it was read: a lone surrogate the input escaped
    (``"\\ud800"``, left by tools that cut UTF-16 strings) is written back as the same
    escape rather than replaced, which orjson cannot do."""
    try:
        return orjson.dumps(record, default=str)
    except orjson.JSONEncodeError:
        text = json.dumps(record, default=str, ensure_ascii=False, separators=(",", ":"))
        return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@contextlib.contextmanager
def _jsonl_writer(path: Path) -> Iterator[Any]:
    with atomic_bytes_writer(path) as raw:
        stream: IO[bytes] | gzip.GzipFile = (
            gzip.GzipFile(fileobj=raw, mode="wb") if path.name.endswith(".gz") else raw
        )
        try:
            yield lambda record: stream.write(record_json(record) + b"\n")
        finally:
            if stream is not raw:
                stream.close()
