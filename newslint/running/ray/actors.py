"""What runs on the Ray workers: the callable classes ``map_batches`` gives batches of
corpus rows to (one Checker built per actor, then reused for every batch), and the
ledger, one small actor that counts what the batches did."""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import pyarrow as pa
import ray

from newslint.checking.checker import Checker
from newslint.config.settings import Settings
from newslint.fixing.clean import Rejecting, Verdict, judge, record_json
from newslint.io.arrow import findings_table
from newslint.model.document import Document
from newslint.model.finding import Finding
from newslint.running.ray.corpus import OrdinalFacts
from newslint.running.ray.datasource import document
from newslint.running.work import Repair

R = TypeVar("R")

#: What the clean actors give the sink: each record serialised for its output format.
CLEAN_SCHEMA = pa.schema(
    [
        ("file", pa.int32()),
        ("number", pa.int64()),
        ("rejected", pa.bool_()),
        ("payload", pa.binary()),
    ]
)


class Ledger:
    """Counts of one run, reported by each batch when it is done, and the attempts of
    each batch and record.

    A batch that Ray runs again (its worker died after it finished) is counted once.
    The batches started and never finished say where a failed run stopped. A batch
    whose worker died is run again one record at a time, each record noted before it
    is checked: a record that was started and never finished killed its worker, and is
    not checked again (it gets an X900 finding, as with ``newslint check --jobs N``).
    """

    def __init__(self) -> None:
        self._running: dict[tuple[int, ...], tuple[str, int]] = {}
        # One small key per batch of the run (about 2 million for 500 million records).
        self._finished: set[tuple[int, ...]] = set()
        self._totals: Counter[str] = Counter()
        self._records: dict[tuple[int, int], int] = {}  # started and not finished

    def start(self, key: tuple[int, ...], where: str) -> int:
        """Notes that a batch starts; returns its attempt (1 the first time)."""
        _, attempts = self._running.get(key, (where, 0))
        self._running[key] = (where, attempts + 1)
        return attempts + 1

    def finish(self, key: tuple[int, ...], counts: dict[str, int]) -> None:
        self._running.pop(key, None)
        if key not in self._finished:
            self._finished.add(key)
            self._totals.update(counts)

    def start_record(self, key: tuple[int, int]) -> int:
        """Notes that a record starts; returns how often it started and never finished."""
        deaths = self._records.get(key, 0)
        self._records[key] = deaths + 1
        return deaths

    def finish_record(self, key: tuple[int, int]) -> None:
        self._records.pop(key, None)

    def totals(self) -> dict[str, int]:
        return dict(self._totals)

    def unfinished(self) -> list[tuple[str, int]]:
        """(where, attempts) of the batches started and not finished, most tried first."""
        return sorted(self._running.values(), key=lambda item: -item[1])


class BatchFailed(RuntimeError):
    """A batch whose worker died more often than a run allows: the run stops."""


#: Why a record has an X900 finding when the worker checking it died.
LOST_REASON = "the Ray worker checking this document died (killed, or crashed)"


@dataclass(frozen=True)
class _Rows:
    """One batch of corpus rows (see ``datasource.ROW_SCHEMA``), as Python lists."""

    sources: list[str]
    files: list[int]
    numbers: list[int]
    kinds: list[int]
    payloads: list[bytes]

    @classmethod
    def of(cls, batch: pa.Table) -> _Rows:
        columns = batch.to_pydict()
        return cls(*(columns[name] for name in ("source", "file", "number", "kind", "payload")))

    def documents(self, settings: Settings) -> Iterator[Document]:
        for row in zip(self.sources, self.numbers, self.kinds, self.payloads, strict=True):
            yield document(*row, settings)

    @property
    def key(self) -> tuple[int, ...]:
        return (self.files[0], self.numbers[0], self.files[-1], self.numbers[-1], len(self.files))

    @property
    def where(self) -> str:
        if self.files[0] == self.files[-1]:
            return f"{self.sources[0]} records {self.numbers[0]}-{self.numbers[-1]}"
        return f"{self.sources[0]}#{self.numbers[0]} to {self.sources[-1]}#{self.numbers[-1]}"


class _Batches(Generic[R]):
    """Applies ``work`` to each record of a batch, noting the batch in the ledger."""

    def __init__(
        self, checker: Checker, ledger: Any, attempts: int, facts: list[Any] | None = None
    ) -> None:
        # The Checker comes pickled as its settings and plugins, and is built again here,
        # once per actor (see Checker.__reduce__).
        self.checker, self.ledger, self.attempts = checker, ledger, attempts
        # The corpus stage's table, from the object store (a list: Ray resolves only a
        # top-level reference), fetched once per actor.
        self.facts = OrdinalFacts(ray.get(facts[0])) if facts else None

    def work(self, document: Document) -> R:
        raise NotImplementedError

    def lost(self, document: Document) -> R:
        raise NotImplementedError

    def results(self, rows: _Rows) -> list[R]:
        attempt = ray.get(self.ledger.start.remote(rows.key, rows.where))
        if attempt > self.attempts:
            raise BatchFailed(
                f"{rows.where}: the Ray worker died on this batch {attempt - 1} times"
            )
        documents = rows.documents(self.checker.settings)
        if self.facts is not None:
            documents = self.facts.attach(rows.files, rows.numbers, documents)
        if attempt == 1:
            return [self.work(document) for document in documents]
        return [
            self._isolated((file, number), document)
            for file, number, document in zip(rows.files, rows.numbers, documents, strict=True)
        ]

    def _isolated(self, key: tuple[int, int], document: Document) -> R:
        # finish_record is not waited for: the next start_record, which is, reaches the
        # ledger after it (Ray keeps the order of one caller's calls to an actor), so a
        # death is only ever blamed on the record being checked.
        if ray.get(self.ledger.start_record.remote(key)):
            result = self.lost(document)
        else:
            result = self.work(document)
        self.ledger.finish_record.remote(key)
        return result

    def finished(self, rows: _Rows, counts: Counter[str]) -> None:
        # Waited for: the counts must reach the ledger before the batch's output counts.
        ray.get(self.ledger.finish.remote(rows.key, dict(counts)))


class CheckBatches(_Batches[list[Finding]]):
    """Checks a batch of corpus rows; returns their findings (``findings.ROW_SCHEMA``)."""

    def work(self, document: Document) -> list[Finding]:
        return self.checker.check_document(document)

    def lost(self, document: Document) -> list[Finding]:
        return self.checker.lost(document, LOST_REASON)

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = _Rows.of(batch)
        found = [
            (file, finding)
            for file, findings in zip(rows.files, self.results(rows), strict=True)
            for finding in findings
        ]
        self.finished(rows, check_counts(len(rows.files), (f for _, f in found)))
        return findings_table(found)


def check_counts(documents: int, findings: Iterable[Finding]) -> Counter[str]:
    counts = Counter({"documents": documents})
    for finding in findings:
        counts[f"severity:{finding.severity.value}"] += 1
        counts[f"code:{finding.code}"] += 1
    return counts


class CleanBatches(_Batches[Verdict]):
    """Repairs a batch of corpus rows and judges each record (``newslint.fixing.clean``);
    returns the records to write (:data:`CLEAN_SCHEMA`), kept and rejected."""

    def __init__(
        self,
        checker: Checker,
        ledger: Any,
        attempts: int,
        rejecting: Rejecting,
        unsafe: bool,
        parquet: bool,
        facts: list[Any] | None = None,
    ) -> None:
        super().__init__(checker, ledger, attempts, facts)
        self.rejecting, self.unsafe, self.parquet = rejecting, unsafe, parquet

    def work(self, document: Document) -> Verdict:
        result = Repair(self.checker, unsafe=self.unsafe)(document)
        return judge(document, result, self.checker.settings, self.rejecting)

    def lost(self, document: Document) -> Verdict:
        lost = Repair(self.checker).lost(document, LOST_REASON)
        return judge(document, lost, self.checker.settings, self.rejecting)

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = _Rows.of(batch)
        verdicts = self.results(rows)
        counts: Counter[str] = Counter()
        for verdict in verdicts:
            counts.update(
                read=1,
                kept=not verdict.rejected,
                rejected=verdict.rejected,
                repaired=verdict.repaired,
                fixes=verdict.fixes,
            )
        self.finished(rows, counts)
        columns = [
            rows.files,
            rows.numbers,
            [verdict.rejected for verdict in verdicts],
            [self._serialised(verdict.record) for verdict in verdicts],
        ]
        return pa.Table.from_arrays(
            [pa.array(c, f.type) for c, f in zip(columns, CLEAN_SCHEMA, strict=True)],
            schema=CLEAN_SCHEMA,
        )

    def _serialised(self, record: dict[str, Any]) -> bytes:
        if self.parquet:
            return pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        return record_json(record)  # as `newslint clean` writes its JSONL
