"""A run: sources → corpus stage → executor → baseline, in input order; what becomes
of the results (a report, fixed files, a cleaned corpus, an HTML page, a program's own
use) is the caller's, the sink's. Every surface runs through :class:`Run`, so that
every surface gives the same findings, the corpus rules' included."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from newslint.corpus.stage import Stage, corpus_stage, refuse_corpus_rules, tell
from newslint.fixing.edits import FixResult
from newslint.model.document import Document
from newslint.running.executors import IN_PROCESS, Executor
from newslint.running.work import Check, Work

if TYPE_CHECKING:
    from newslint.checking.interface import CheckerLike
    from newslint.running.baseline import Baseline
    from newslint.running.progress import Progress
    from newslint.running.sources import Sources


class Run:
    """The documents of ``sources``, each with the facts of the corpus rules when the
    sources are a corpus, given to ``work`` (default: check) by ``executor`` (default:
    this process), less the findings of ``baseline``; iterate it for (document, result)
    pairs in input order. ``progress`` is the bar of a person at a terminal (the corpus
    stage's first pass gets one like it); ``quiet`` keeps the corpus stage's summary off
    the terminal."""

    def __init__(
        self,
        checker: CheckerLike,
        sources: Sources,
        work: Work | None = None,
        *,
        executor: Executor = IN_PROCESS,
        baseline: Baseline | None = None,
        progress: Progress | None = None,
        quiet: bool = True,
    ) -> None:
        self.checker, self.sources = checker, sources
        self.work: Work = work or Check(checker)
        self.executor, self.baseline = executor, baseline
        self.progress, self.quiet = progress, quiet
        if not sources.is_corpus:
            # before any work: a flag the run cannot honour must not cost a pass
            refuse_corpus_rules(checker, "one document has no other articles to compare")

    def __iter__(self) -> Iterator[tuple[Document, FixResult]]:
        stage = corpus_stage(self.checker, self.sources, self.executor, progress=self.progress)
        try:
            documents: Iterator[Document] = iter(self.sources)
            if self.progress is not None:
                documents = self.progress.reading(documents)
            if stage is not None:
                documents = stage.attach(documents)
            results = self.executor.map(self.work, documents, self.work.lost)
            if self.progress is not None:
                results = self.progress.done(results)
            for document, result in results:
                yield document, self._without_baseline(document, result)
            if stage is not None:
                tell(stage.summary(), self.quiet)
        finally:
            if stage is not None:
                stage.close()

    def _without_baseline(self, document: Document, result: FixResult) -> FixResult:
        if self.baseline is None:
            return result
        kept = self.baseline.new_findings(result.remaining)
        if len(kept) == len(result.remaining):
            return result
        return FixResult(result.text, result.applied, tuple(kept))


__all__ = ["Run", "Stage"]
