"""The corpus stage: decides whether the C rules run, makes pass 1 over the inputs,
and adds the C findings to the stream of checked documents (pass 2).

Inputs that can be read twice (regular files) get two passes: every finding is exact,
whatever the order of the articles. Standard input gets one pass
(:mod:`newslint.corpus.onepass`).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from newslint import progress
from newslint.config import Settings
from newslint.corpus import features
from newslint.corpus.analysis import Collector, Results, pair_keys
from newslint.corpus.facts import DocumentFacts, Earlier, RecurringLine, RuleRunner, with_facts
from newslint.corpus.options import CorpusOptions
from newslint.document import Document
from newslint.finding import Finding
from newslint.readers import iter_sources
from newslint.readers.csv import SUFFIXES as CSV_SUFFIXES
from newslint.readers.jsonl import SUFFIXES as JSONL_SUFFIXES
from newslint.readers.parquet import SUFFIXES as PARQUET_SUFFIXES
from newslint.rule import Rule
from newslint.workers import run_parallel

if TYPE_CHECKING:
    from newslint.api import Checker

logger = logging.getLogger("newslint.corpus")
Checked = Iterator[tuple[Document, list[Finding]]]
CORPUS_SUFFIXES = JSONL_SUFFIXES + CSV_SUFFIXES + PARQUET_SUFFIXES
#: The family folder of the C rules: they run here, on facts about the whole corpus.
RULES_PACKAGE = "newslint.rules.corpus."


def corpus_rules(rules: Iterable[Rule]) -> list[Rule]:
    return [rule for rule in rules if rule.origin.startswith(RULES_PACKAGE)]


def is_corpus_input(paths: list[str], settings: Settings) -> bool:
    """True for corpora (JSONL, Parquet, CSV, several files, folders); False for one
    plain file, where there is nothing to compare an article with."""
    sources = []
    for source in iter_sources(paths):
        sources.append(source)
        if len(sources) > 1:
            return True
    if not sources:
        return False
    if sources[0] == "-":
        return settings.input_format in ("jsonl", "csv")
    return sources[0].lower().endswith(CORPUS_SUFFIXES)


def rereadable(paths: list[str]) -> bool:
    """Every source is a regular file (standard input and pipes are read once)."""
    return all(
        s != "-" and (os.path.isfile(s) or not os.path.exists(s)) for s in iter_sources(paths)
    )


def with_corpus_findings(
    checker: Checker,
    checked: Iterable[tuple[Document, list[Finding]]],
    paths: list[str],
    quiet: bool = False,
    jobs: int = 1,
) -> Checked:
    """``checked`` (the documents of ``paths`` and their findings, in order) with the
    findings of the enabled C rules added to each document.

    Without C rules, or for a single plain file, ``checked`` passes through unchanged.
    """
    settings = checker.settings
    enabled = corpus_rules(checker.rules)
    if not enabled or not is_corpus_input(paths, settings):
        yield from checked
        return
    options = CorpusOptions.from_rules(enabled, settings)
    run_rules = _rule_runner(checker, enabled)
    if not rereadable(paths):
        from newslint.corpus.onepass import OnePass

        one_pass = OnePass(options, run_rules)
        yield from one_pass.annotate(checked)
        _tell(one_pass.summary(), quiet)
        return
    collector = Collector(options, _spill_folder())
    try:
        documents = _progress(paths, _documents(checker.hook, settings, paths), quiet, "pass 1/2")
        for _, found in run_parallel(collector.extract, documents, jobs):
            collector.add(found)
        results = collector.analyse()
        pass_two = PassTwo(collector, results, run_rules)
        yield from pass_two.annotate(checked)
        _tell(pass_two.summary(), quiet)
    finally:
        collector.close()


def _tell(summary: str, quiet: bool) -> None:
    """What the corpus checks used: on a terminal (beside the progress bar), and always
    in the log (``logging``, logger ``newslint.corpus``), never in output CI reads."""
    logger.info(summary)
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        # Above the progress bar, which is still drawn: tqdm clears it and draws it again.
        tqdm.write(f"newslint: {summary}", file=sys.stderr)


def _rule_runner(checker: Checker, rules: list[Rule]) -> RuleRunner:
    """Runs the C rules on a document that carries its facts, through the engine's hook
    (time limit, crash isolation, severities), as the other rules ran."""

    def run(document: Document) -> list[Finding]:
        found = checker.hook.newslint_check_document(
            document=document, rules=rules, settings=checker.settings
        )
        return found or []

    return run


def _spill_folder() -> str | None:
    return os.environ.get("NEWSLINT_SPILL_DIR") or None


def _documents(hook: Any, settings: Settings, paths: list[str]) -> Iterator[Document]:
    """The documents pass 2 will see, in the same order (missing paths are pass 2's to
    report)."""
    for source in iter_sources(paths):
        if os.path.exists(source):
            yield from hook.newslint_read(source=source, settings=settings) or ()


def _progress(
    paths: list[str], documents: Iterator[Document], quiet: bool, label: str
) -> Iterator[Document]:
    if not progress.wanted(quiet):
        return documents
    bar = progress.Progress(paths, label)
    return bar.done(bar.reading(documents))


class PassTwo:
    """Turns the analysis into facts per document, as the checked documents stream by."""

    def __init__(self, collector: Collector, results: Results, run_rules: RuleRunner) -> None:
        self.collector, self.results, self.run_rules = collector, results, run_rules
        self.lengths = np.frombuffer(collector.lengths, dtype=np.uint32)
        self.site_ids = np.frombuffer(collector.site_ids, dtype=np.uint32)
        self.site_names = {number: name for name, number in collector.sites.items()}
        # Ordinals only grow: each sorted table is walked once with a cursor.
        self.named = _Cursor(results.named)
        self.line_holders = _Cursor(results.line_holders)
        self.names: dict[int, Earlier] = {}
        self.exact = _Cursor(results.exact_later, results.exact_earlier)
        self.near = _Cursor(results.near_later, results.near_earlier, results.near_similarity)
        self.mismatch: str | None = None

    def annotate(self, checked: Iterable[tuple[Document, list[Finding]]]) -> Checked:
        for ordinal, (document, findings) in enumerate(checked):
            if self.mismatch is None:
                self._check_alignment(ordinal, document)
            if self.mismatch is not None:
                yield document, findings
                continue
            if self.named.get(ordinal) is not None:
                self.names[ordinal] = Earlier(
                    document.path, document.record, document.record_number
                )
            facts = self._facts(ordinal, document)
            if facts is None:
                yield document, findings
                continue
            yield document, with_facts(document, findings, facts, self.run_rules)

    def _check_alignment(self, ordinal: int, document: Document) -> None:
        if ordinal >= len(self.lengths) or int(self.lengths[ordinal]) != min(
            len(document.text), 0xFFFFFFFF
        ):
            self.mismatch = f"{document.path}: the input changed between the two passes"
            print(
                f"newslint: warning: {self.mismatch}; corpus checks (C) stopped here",
                file=sys.stderr,
            )

    def _facts(self, ordinal: int, document: Document) -> DocumentFacts | None:
        exact = self.exact.get(ordinal)
        near = self.near.get(ordinal)
        exact = exact[0] if exact is not None else None
        templates, wire = self._recurring_lines(ordinal, document)
        if exact is None and near is None and not templates and not wire:
            return None
        return DocumentFacts(
            exact_of=self.names.get(exact) if exact is not None else None,
            near_of=self._near_name(near),
            template_lines=templates,
            wire_lines=wire,
        )

    def _near_name(self, near: tuple[Any, ...] | None) -> Earlier | None:
        if near is None or near[0] not in self.names:
            return None
        return self.names[near[0]].with_similarity(near[1])

    def _recurring_lines(
        self, ordinal: int, document: Document
    ) -> tuple[tuple[RecurringLine, ...], tuple[RecurringLine, ...]]:
        results = self.results
        if self.line_holders.get(ordinal) is None:
            return (), ()
        site = int(self.site_ids[ordinal])
        want_templates = site in results.template_sites
        keyed = features.line_keys(document)
        if not keyed:
            return (), ()
        numbers = [number for number, _ in keyed]
        keys = np.fromiter((key for _, key in keyed), dtype=np.uint64, count=len(keyed))
        templates = []
        if want_templates:
            pairs = pair_keys(keys, np.full(len(keys), site, dtype=np.uint32))
            for i, where in _found(results.template_keys, pairs):
                templates.append(
                    RecurringLine(
                        numbers[i],
                        int(results.template_articles[where]),
                        share=float(results.template_share[where]),
                        site=self.site_names.get(site),
                    )
                )
        wire = [
            RecurringLine(
                numbers[i], int(results.wire_articles[where]), sites=int(results.wire_sites[where])
            )
            for i, where in _found(results.wire_keys, keys)
        ]
        return tuple(templates), tuple(wire)

    def summary(self) -> str:
        collector, results = self.collector, self.results
        mib = 1 << 20
        memory = (collector.memory_bytes + results.nbytes) / mib
        return (
            f"corpus checks over {collector.documents} documents in 2 passes: "
            f"{len(results.exact_later)} exact and {len(results.near_later)} near duplicates, "
            f"{len(results.template_keys)} template lines, {len(results.wire_keys)} wire "
            f"paragraphs; state {memory:.1f} MiB in memory, "
            f"{collector.disk_bytes / mib:.1f} MiB spilled to disk"
        )


class _Cursor:
    """Rows of sorted parallel arrays looked up by increasing keys."""

    def __init__(self, keys: np.ndarray, *values: np.ndarray) -> None:
        self.keys, self.values, self.at = keys, values, 0
        self.next = int(keys[0]) if len(keys) else None

    def get(self, key: int) -> tuple[Any, ...] | None:
        while self.next is not None and self.next < key:
            self.at += 1
            self.next = int(self.keys[self.at]) if self.at < len(self.keys) else None
        if self.next != key:
            return None
        return tuple(v[self.at].item() for v in self.values)


def _found(table: np.ndarray, keys: np.ndarray) -> Iterator[tuple[int, int]]:
    """(index in keys, index in table) of the keys present in the sorted table."""
    if not len(table):
        return
    where = np.searchsorted(table, keys)
    where[where >= len(table)] = 0
    for i in np.flatnonzero(table[where] == keys).tolist():
        yield i, int(where[i])
