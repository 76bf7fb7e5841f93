"""The two passes of the corpus stage (``stage.py``) over an input that can be read
twice: pass 1 extracts every article's features and the analysis runs on them
(:meth:`TwoPass.prepared`); pass 2 sets each document's facts from the
:class:`FactsTable` as the documents stream by again (:meth:`TwoPass.attach`). Apart
from ``stage.py`` because it needs numpy, which a run without a corpus never loads.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from newslint.corpus import fingerprints as features
from newslint.corpus.analysis import Collector, Results, pair_keys
from newslint.corpus.stage import spill_folder
from newslint.corpus.thresholds import CorpusOptions
from newslint.model.document import Document
from newslint.model.facts import DocumentFacts, Earlier, RecurringLine

if TYPE_CHECKING:
    from newslint.running.executors import Executor
    from newslint.running.progress import Progress
    from newslint.running.sources import Sources


class TwoPass:
    """Pass 1 done (features of every document, then the analysis); :meth:`attach` is
    pass 2: the facts of each document as the documents stream by again."""

    @classmethod
    def prepared(
        cls,
        options: CorpusOptions,
        sources: Sources,
        executor: Executor,
        progress: Progress | None = None,
    ) -> TwoPass:
        collector = Collector(options, spill_folder())
        try:
            documents: Iterator[Document] = iter(sources)
            first = progress.again("pass 1/2") if progress is not None else None
            if first is not None:  # the first pass has a bar of its own, like the run's
                documents = first.reading(documents)
            features = executor.map(collector.extractor, documents)
            for _, found in first.done(features) if first is not None else features:
                collector.add(found)
            return cls(collector, FactsTable.of(collector, collector.analyse()))
        except BaseException:
            collector.close()
            raise

    def __init__(self, collector: Collector, table: FactsTable) -> None:
        self.collector, self.table = collector, table
        self.mismatch: str | None = None

    def close(self) -> None:
        self.collector.close()

    def attach(self, documents: Iterable[Document]) -> Iterator[Document]:
        for ordinal, document in enumerate(documents):
            if self.mismatch is None and not self.table.aligned(ordinal, document):
                self.mismatch = f"{document.path}: the input changed between the two passes"
                print(
                    f"newslint: warning: {self.mismatch}; corpus checks (C) stopped here",
                    file=sys.stderr,
                )
            if self.mismatch is None:
                document.facts = self.table.facts(ordinal, document)
            yield document

    def summary(self) -> str:
        collector, results = self.collector, self.table.results
        mib = 1 << 20
        memory = (collector.memory_bytes + results.nbytes) / mib
        return (
            f"corpus checks over {collector.documents} documents in 2 passes: "
            f"{len(results.exact_later)} exact and {len(results.near_later)} near duplicates, "
            f"{len(results.template_keys)} template lines, {len(results.wire_keys)} wire "
            f"paragraphs; state {memory:.1f} MiB in memory, "
            f"{collector.disk_bytes / mib:.1f} MiB spilled to disk"
        )


@dataclass(frozen=True)
class FactsTable:
    """What the analysis found, looked up by document ordinal (input order): numpy
    arrays and the names of the articles that findings name. Picklable, so that the
    processes that check the documents (Ray actors) can set the facts themselves."""

    results: Results
    lengths: np.ndarray
    site_ids: np.ndarray
    site_names: dict[int, str]
    names: dict[int, Earlier]

    @classmethod
    def of(cls, collector: Collector, results: Results) -> FactsTable:
        return cls(
            results,
            np.frombuffer(collector.lengths, dtype=np.uint32).copy(),
            np.frombuffer(collector.site_ids, dtype=np.uint32).copy(),
            {number: name for name, number in collector.sites.items()},
            collector.names_of(results.named.tolist()),
        )

    def aligned(self, ordinal: int, document: Document) -> bool:
        """Whether ``document`` is the one pass 1 saw at ``ordinal`` (same length)."""
        return ordinal < len(self.lengths) and int(self.lengths[ordinal]) == min(
            len(document.text), 0xFFFFFFFF
        )

    def facts(self, ordinal: int, document: Document) -> DocumentFacts | None:
        results = self.results
        exact = _lookup(results.exact_later, ordinal, results.exact_earlier)
        near = _lookup(results.near_later, ordinal, results.near_earlier, results.near_similarity)
        templates, wire = self._recurring_lines(ordinal, document)
        if exact is None and near is None and not templates and not wire:
            return None
        return DocumentFacts(
            exact_of=self.names.get(exact[0]) if exact is not None else None,
            near_of=self.names[near[0]].with_similarity(near[1]) if near is not None else None,
            template_lines=templates,
            wire_lines=wire,
        )

    def _recurring_lines(
        self, ordinal: int, document: Document
    ) -> tuple[tuple[RecurringLine, ...], tuple[RecurringLine, ...]]:
        results = self.results
        if _lookup(results.line_holders, ordinal) is None:
            return (), ()
        site = int(self.site_ids[ordinal])
        keyed = features.line_keys(document)
        if not keyed:
            return (), ()
        keys = np.fromiter((key for _, key in keyed), dtype=np.uint64, count=len(keyed))
        templates = []
        if site in results.template_sites:
            pairs = pair_keys(keys, np.full(len(keys), site, dtype=np.uint32))
            for i, where in _found(results.template_keys, pairs):
                templates.append(
                    RecurringLine(
                        int(keys[i]),
                        int(results.template_articles[where]),
                        share=float(results.template_share[where]),
                        site=self.site_names.get(site),
                    )
                )
        wire = [
            RecurringLine(
                int(keys[i]),
                int(results.wire_articles[where]),
                sites=int(results.wire_sites[where]),
            )
            for i, where in _found(results.wire_keys, keys)
        ]
        return _distinct(templates), _distinct(wire)


def _lookup(keys: np.ndarray, key: int, *values: np.ndarray) -> tuple[Any, ...] | None:
    """The ``values`` at ``key`` in the sorted array ``keys``, or None."""
    where = int(np.searchsorted(keys, key))
    if where >= len(keys) or int(keys[where]) != key:
        return None
    return tuple(v[where].item() for v in values)


def _distinct(lines: list[RecurringLine]) -> tuple[RecurringLine, ...]:
    """One fact per line key (a line repeated in the document is one recurring line)."""
    return tuple({line.key: line for line in lines}.values())


def _found(table: np.ndarray, keys: np.ndarray) -> Iterator[tuple[int, int]]:
    """(index in keys, index in table) of the keys present in the sorted table."""
    if not len(table):
        return
    where = np.searchsorted(table, keys)
    where[where >= len(table)] = 0
    for i in np.flatnonzero(table[where] == keys).tolist():
        yield i, int(where[i])
