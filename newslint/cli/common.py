"""What the subcommands share: exit codes, the output format's class, the checks made
before any work (outputs that would replace an input, services a run asks for, readers'
extras), and a run on this machine."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from pathlib import Path

import pluggy

from newslint.checking.checker import Checker
from newslint.errors import ServiceUnavailable, UsageError, did_you_mean
from newslint.io.fileio import WriteRefused, check_output
from newslint.io.formatters.base import Formatter
from newslint.io.readers import iter_sources
from newslint.io.readers.parquet import SUFFIXES as PARQUET_SUFFIXES
from newslint.io.readers.parquet import require_pyarrow
from newslint.running.baseline import Baseline
from newslint.running.executors import LocalExecutor
from newslint.running.progress import Progress
from newslint.running.run import Run
from newslint.running.sources import PathSources
from newslint.running.work import Check, Repair

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def formatter_named(pm: pluggy.PluginManager, name: str) -> type[Formatter]:
    known: dict[str, type[Formatter]] = {}
    for batch in pm.hook.newslint_formatters():
        known.update(batch)
    if name not in known:
        raise UsageError(
            f"unknown format {name!r}{did_you_mean(name, known)}; known formats: "
            f"{', '.join(sorted(known))}"
        )
    return known[name]


def require_services(checker: Checker, *, finished: bool) -> None:
    missing = checker.unavailable(finished=finished)
    if missing:
        raise ServiceUnavailable("; ".join(missing))


def require_readers(paths: list[str]) -> None:
    """Stop before any work when a Parquet file is named and pyarrow is missing (one
    found in a folder stops the run when it is reached)."""
    for path in paths:
        if path.lower().endswith(PARQUET_SUFFIXES) and os.path.isfile(path):
            require_pyarrow(path)


def check_outputs(paths: list[str], outputs: Iterable[tuple[str, Path | None]]) -> None:
    """Refuse outputs that would replace an input or cannot be written, before any work."""
    for option, path in outputs:
        if path is not None:
            try:
                check_output(path, iter_sources(paths), option)
            except WriteRefused as exc:
                raise UsageError(str(exc)) from None


def local_outputs(args: argparse.Namespace) -> None:
    for option in ("output", "rejected"):
        value = getattr(args, option, None)
        if isinstance(value, str):  # a URI
            raise UsageError(f"--{option} {value}: URIs are for --engine ray")


def local_run(
    checker: Checker,
    sources: PathSources,
    work: Check | Repair,
    args: argparse.Namespace,
    progress: Progress | None,
    baseline: Baseline | None = None,
) -> Run:
    """The run of a command on this machine: ``--jobs`` worker processes, and the
    progress bar of a person at a terminal."""
    return Run(
        checker,
        sources,
        work,
        executor=LocalExecutor(args.jobs),
        baseline=baseline,
        progress=progress,
        quiet=args.quiet,
    )
