"""Spreads documents over worker processes in chunks, keeping the output identical to a
single-process run: same findings, same order, and a bounded number of chunks in flight
so that memory stays flat on any corpus size."""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from newslint.config import Settings
from newslint.document import Document
from newslint.finding import Finding
from newslint.rule import Rule

CHUNK_DOCUMENTS = 64
CHUNKS_IN_FLIGHT_PER_JOB = 4

# Set in the parent before the workers fork, so that they inherit the plugin manager and
# the compiled rules instead of loading them again.
_STATE: tuple[Any, list[Rule], Settings] | None = None


def default_jobs() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def _check_chunk(chunk: list[Document]) -> list[list[Finding]]:
    assert _STATE is not None, "worker started without state"
    hook, rules, settings = _STATE
    results = []
    for document in chunk:
        findings = hook.newslint_check_document(document=document, rules=rules, settings=settings)
        results.append(findings or [])
    return results


def check_in_process(
    hook: Any, documents: Iterable[Document], rules: list[Rule], settings: Settings
) -> Iterator[tuple[Document, list[Finding]]]:
    for document in documents:
        findings = hook.newslint_check_document(document=document, rules=rules, settings=settings)
        yield document, findings or []


def check_parallel(
    hook: Any, documents: Iterable[Document], rules: list[Rule], settings: Settings, jobs: int
) -> Iterator[tuple[Document, list[Finding]]]:
    """(document, findings) pairs in input order, checked by ``jobs`` processes.

    Small inputs (fewer than two chunks) are checked in this process: starting workers
    would cost more than it saves.
    """
    documents = iter(documents)
    head = list(itertools.islice(documents, 2 * CHUNK_DOCUMENTS))
    if (
        jobs <= 1
        or len(head) < 2 * CHUNK_DOCUMENTS
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        yield from check_in_process(hook, itertools.chain(head, documents), rules, settings)
        return
    global _STATE
    _STATE = (hook, rules, settings)
    # The first chunk is checked here: the tables rules load on first use (language
    # model, word frequencies) are then loaded once, before the fork, and shared by the
    # workers instead of being loaded by each.
    first = head[:CHUNK_DOCUMENTS]
    yield from zip(first, _check_chunk(first), strict=True)
    chunks = _chunks(itertools.chain(head[CHUNK_DOCUMENTS:], documents))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        pending: deque[tuple[list[Document], Any]] = deque()
        for chunk in chunks:
            pending.append((chunk, pool.apply_async(_check_chunk, (chunk,))))
            if len(pending) >= jobs * CHUNKS_IN_FLIGHT_PER_JOB:
                yield from _drain_one(pending)
        while pending:
            yield from _drain_one(pending)
    _STATE = None


def _drain_one(
    pending: deque[tuple[list[Document], Any]],
) -> Iterator[tuple[Document, list[Finding]]]:
    chunk, result = pending.popleft()
    yield from zip(chunk, result.get(), strict=True)


def _chunks(documents: Iterator[Document]) -> Iterator[list[Document]]:
    while chunk := list(itertools.islice(documents, CHUNK_DOCUMENTS)):
        yield chunk
