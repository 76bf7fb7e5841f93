"""The parallel runner every command goes through: applies one function (check a
document, or repair it) to a stream of documents in worker processes, and yields the
results in input order, identical to a single-process run. A bounded number of chunks
is in flight, so memory stays flat on any corpus size.

A worker that dies (killed by the OOM killer, a crash in a C extension, a plugin calling
``os._exit``) does not hang or end the run: the chunks that were in flight are run
again, one at a time in fresh workers, and the documents of a chunk that kills its
worker again are run one per process; a document that still kills its worker gets the
result ``lost(document, reason)`` gives, an X finding.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, NamedTuple, TypeVar

from newslint.fixing.edits import FixResult
from newslint.model.document import Document
from newslint.model.finding import Finding
from newslint.running.parent_watch import end_with_parent

CHUNK_DOCUMENTS = 64
CHUNKS_IN_FLIGHT_PER_JOB = 4

R = TypeVar("R")
Work = Callable[[Document], Any]
Lost = Callable[[Document, str], Any]


def default_jobs() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def run_parallel(
    work: Callable[[Document], R],
    documents: Iterable[Document],
    jobs: int,
    lost: Callable[[Document, str], R] | None = None,
) -> Iterator[tuple[Document, R]]:
    """(document, ``work(document)``) pairs in input order, computed by ``jobs`` processes.

    Small inputs (fewer than two chunks) are done in this process: starting workers
    would cost more than it saves. ``lost`` gives the result of a document whose worker
    died; without it, such a document raises :class:`WorkerLost`.
    """
    documents = iter(documents)
    head = list(itertools.islice(documents, 2 * CHUNK_DOCUMENTS))
    if (
        jobs <= 1
        or len(head) < 2 * CHUNK_DOCUMENTS
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        for document in itertools.chain(head, documents):
            yield document, work(document)
        return
    # The first chunk is done here: the tables rules load on first use (language model,
    # word frequencies) are then loaded once, before the fork, and shared by the workers.
    first = head[:CHUNK_DOCUMENTS]
    yield from zip(first, map(work, first), strict=True)
    chunks = _chunks(itertools.chain(head[CHUNK_DOCUMENTS:], documents))
    yield from _Pool(work, jobs, lost or _raise_lost).run(chunks)


class WorkerLost(RuntimeError):
    """A worker process died on a document, and no ``lost`` result was given."""


def _raise_lost(document: Document, reason: str) -> Any:
    raise WorkerLost(f"{document.path}: {reason}")


class _Worker:
    """What a worker process keeps: the work of its pool. Each pool's workers get the
    work of the run that made the pool (forked with it, so that the plugins and compiled
    rules it refers to are shared, never pickled); a pool made for another run, even
    after a worker death, gets that run's."""

    work: Work | None = None

    @classmethod
    def start(cls, work: Work, parent: int, forked_by_main_thread: bool) -> None:
        # Ctrl-C and SIGTERM are the parent's to handle: it stops the workers itself. A
        # worker killed by SIGTERM dies silently, without a traceback of its own. A
        # parent killed without a chance to stop them (kill -9, the OOM killer) takes
        # them with it.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        end_with_parent(parent, forked_by_main_thread)
        cls.work = work


def _work_chunk(chunk: list[Document]) -> list[Any]:
    work = _Worker.work
    assert work is not None, "worker started without work"
    return [_sent(document, work(document)) for document in chunk]


class _OwnText(NamedTuple):
    """A :class:`FixResult` whose text is its document's own (a check, a repair that
    changed nothing), sent back without it: the parent has that text already, and
    pickling each article back would cost the parent time it has the least of."""

    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]
    reported: int


def _sent(document: Document, result: Any) -> Any:
    if isinstance(result, FixResult) and result.text is document.text:
        return _OwnText(result.applied, result.remaining, result.reported)
    return result


def _received(document: Document, result: Any) -> Any:
    if isinstance(result, _OwnText):
        return FixResult(document.text, *result)
    return result


def _executor(work: Work, jobs: int) -> ProcessPoolExecutor:
    main_thread = threading.current_thread() is threading.main_thread()
    return ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_Worker.start,
        initargs=(work, os.getpid(), main_thread),
    )


class _Pool:
    """Worker processes with a bounded queue of chunks, replaced when one dies."""

    def __init__(self, work: Work, jobs: int, lost: Lost) -> None:
        self.work, self.jobs, self.lost = work, jobs, lost
        self.executor = _executor(work, jobs)
        # (chunk, its results when they are known, else the future that computes them)
        self.pending: deque[tuple[list[Document], Future[list[Any]] | list[Any]]] = deque()

    def run(self, chunks: Iterator[list[Document]]) -> Iterator[tuple[Document, Any]]:
        try:
            for chunk in chunks:
                self.pending.append((chunk, self._submit(chunk)))
                if len(self.pending) >= self.jobs * CHUNKS_IN_FLIGHT_PER_JOB:
                    yield from self._drain_one()
            while self.pending:
                yield from self._drain_one()
        except BaseException:
            _stop(self.executor)
            raise
        self.executor.shutdown(wait=True)

    def _submit(self, chunk: list[Document]) -> Future[list[Any]] | list[Any]:
        try:
            return self.executor.submit(_work_chunk, chunk)
        except BrokenProcessPool:  # broken since the last drain: its chunks are redone
            self._recover()
            return self.executor.submit(_work_chunk, chunk)

    def _drain_one(self) -> Iterator[tuple[Document, Any]]:
        chunk, outcome = self.pending[0]
        if isinstance(outcome, Future):
            try:
                outcome = outcome.result()
            except BrokenProcessPool:
                self._recover()
                outcome = self.pending[0][1]
        self.pending.popleft()
        for document, result in zip(chunk, outcome, strict=True):  # type: ignore[arg-type]
            yield document, _received(document, result)

    def _recover(self) -> None:
        """A worker died and took the pool with it: every chunk in flight is redone,
        alone in a fresh worker; then a fresh pool takes the chunks that follow."""
        _stop(self.executor)
        for index, (chunk, outcome) in enumerate(self.pending):
            if isinstance(outcome, Future):
                self.pending[index] = (chunk, _finished(outcome) or self._isolated(chunk))
        self.executor = _executor(self.work, self.jobs)

    def _isolated(self, chunk: list[Document]) -> list[Any]:
        results = _in_fresh_worker(self.work, chunk)
        if results is not None:
            return results
        if len(chunk) == 1:
            return [self.lost(chunk[0], _LOST_REASON)]
        return [result for document in chunk for result in self._isolated([document])]


def _finished(future: Future[list[Any]]) -> list[Any] | None:
    """The results of a chunk its worker finished before the pool broke."""
    if future.done() and not future.cancelled() and future.exception() is None:
        return future.result()
    return None


_LOST_REASON = "the worker process checking this document died (killed, or crashed)"


def _in_fresh_worker(work: Work, chunk: list[Document]) -> list[Any] | None:
    """``chunk``'s results from a new worker of its own; None when that worker dies."""
    executor = _executor(work, 1)
    try:
        return executor.submit(_work_chunk, chunk).result()
    except BrokenProcessPool:
        return None
    finally:
        _stop(executor)


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop ``executor`` now: cancel what is queued and end its workers, so that none
    outlives the run (an interrupt, a broken pool)."""
    workers = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        if process.is_alive():
            process.terminate()
    for process in workers:
        process.join(timeout=5)
    # Its management thread ends now that its workers are gone; joining it here keeps it
    # from writing to a closed pipe at interpreter exit.
    executor.shutdown(wait=True)


def _chunks(documents: Iterator[Document]) -> Iterator[list[Document]]:
    while chunk := list(itertools.islice(documents, CHUNK_DOCUMENTS)):
        yield chunk
