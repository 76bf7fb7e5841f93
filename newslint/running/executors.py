"""Where the work of a run is done. An executor maps a function over a stream of
documents and gives back (document, result) pairs in input order, whatever the number of
workers: :class:`LocalExecutor` (this machine's processes, ``newslint.running.workers``) or the
Ray executor (``newslint.running.ray``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, TypeVar

from newslint.model.document import Document
from newslint.running.workers import default_jobs, run_parallel

R = TypeVar("R")


class Executor(Protocol):
    def map(
        self,
        work: Callable[[Document], R],
        documents: Iterable[Document],
        lost: Callable[[Document, str], R] | None = None,
    ) -> Iterator[tuple[Document, R]]:
        """(document, ``work(document)``) in input order; ``lost`` gives the result of a
        document whose worker died (without it, that is an error)."""
        ...


@dataclass(frozen=True)
class LocalExecutor:
    """Worker processes of this machine (``jobs``, default: every core)."""

    jobs: int | None = None

    def map(
        self,
        work: Callable[[Document], R],
        documents: Iterable[Document],
        lost: Callable[[Document, str], R] | None = None,
    ) -> Iterator[tuple[Document, R]]:
        return run_parallel(work, documents, self.jobs or default_jobs(), lost)


#: Everything in this process, one document after another.
IN_PROCESS = LocalExecutor(1)
