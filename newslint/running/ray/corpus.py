"""The corpus stage on Ray: pass 1 (every record's features, extracted by actors and
gathered here in input order), the analysis, and what the checking actors do with its
table: set each document's facts before the rules run, as a local run does
(``newslint.corpus.stage``)."""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Iterable, Iterator
from typing import Any, cast

import numpy as np
import pyarrow as pa
from ray.data import ActorPoolStrategy

from newslint.config.settings import Settings
from newslint.corpus.analysis import Collector, Extractor
from newslint.corpus.stage import spill_folder, tell
from newslint.corpus.thresholds import CorpusOptions
from newslint.corpus.two_pass import FactsTable
from newslint.model.document import Document
from newslint.running.ray.datasource import actors_for, corpus_dataset, document
from newslint.running.ray.inputs import Inputs

FEATURES_SCHEMA = pa.schema(
    [("file", pa.int32()), ("number", pa.int64()), ("features", pa.binary())]
)
#: Records per call of an extracting actor.
BATCH_DOCUMENTS = 512


def record_key(file: int, number: int) -> int:
    """One number per record, growing in input order (files in order, then record
    numbers): what finds a record's ordinal in pass 2."""
    return (file << 40) | number


class ExtractBatches:
    """Pass 1 on an actor: the features of each record of a batch."""

    def __init__(self, settings: Settings, extractor: Extractor) -> None:
        self.settings, self.extractor = settings, extractor

    def __call__(self, batch: pa.Table) -> pa.Table:
        columns = batch.to_pydict()
        rows = zip(
            columns["source"], columns["number"], columns["kind"], columns["payload"], strict=True
        )
        features = [
            pickle.dumps(self.extractor(document(*row, self.settings)), pickle.HIGHEST_PROTOCOL)
            for row in rows
        ]
        arrays = [
            pa.array(columns["file"], pa.int32()),
            pa.array(columns["number"], pa.int64()),
            pa.array(features, pa.binary()),
        ]
        return pa.Table.from_arrays(arrays, schema=FEATURES_SCHEMA)


def corpus_pass(
    inputs: Inputs,
    settings: Settings,
    options: CorpusOptions,
    *,
    jobs: int | None,
    progress: bool,
    actor_options: dict[str, Any],
) -> tuple[FactsTable, np.ndarray]:
    """Pass 1 and the analysis: the table of facts, and the record keys by ordinal."""
    collector = Collector(options, spill_folder())
    try:
        keys = array("Q")
        dataset = corpus_dataset(inputs, settings, progress)
        extracted = dataset.map_batches(
            ExtractBatches,
            fn_constructor_kwargs={
                "settings": settings,
                "extractor": collector.extractor,
            },
            batch_size=BATCH_DOCUMENTS,
            batch_format="pyarrow",
            compute=ActorPoolStrategy(size=actors_for(jobs)),
            num_cpus=1,
            **actor_options,
        )
        for table in extracted.iter_batches(batch_format="pyarrow", batch_size=None):
            columns = cast(pa.Table, table).to_pydict()
            for file, number, features in zip(
                columns["file"], columns["number"], columns["features"], strict=True
            ):
                collector.add(pickle.loads(features))
                keys.append(record_key(file, number))
        table = FactsTable.of(collector, collector.analyse())
        tell(_summary(collector, table), not progress)
        return table, np.frombuffer(keys, dtype=np.uint64).copy()
    finally:
        collector.close()


def _summary(collector: Collector, table: FactsTable) -> str:
    results = table.results
    return (
        f"corpus checks over {collector.documents} documents in 2 passes on Ray: "
        f"{len(results.exact_later)} exact and {len(results.near_later)} near duplicates, "
        f"{len(results.template_keys)} template lines, {len(results.wire_keys)} wire paragraphs"
    )


class OrdinalFacts:
    """The facts table on an actor: a record's facts from its (file, number)."""

    def __init__(self, shipped: tuple[FactsTable, np.ndarray]) -> None:
        self.table, self.keys = shipped

    def attach(
        self, files: Iterable[int], numbers: Iterable[int], documents: Iterable[Document]
    ) -> Iterator[Document]:
        for file, number, doc in zip(files, numbers, documents, strict=True):
            key = record_key(file, number)
            ordinal = int(np.searchsorted(self.keys, key))
            found = ordinal < len(self.keys) and int(self.keys[ordinal]) == key
            if found and self.table.aligned(ordinal, doc):
                doc.facts = self.table.facts(ordinal, doc)
            yield doc


__all__ = ["ExtractBatches", "OrdinalFacts", "corpus_pass"]
