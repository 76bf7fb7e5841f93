"""``newslint clean``: a repaired corpus, and the records that stay apart."""

from __future__ import annotations

import argparse
import os
import sys

from newslint.checking.checker import Checker
from newslint.cli.common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    check_outputs,
    local_outputs,
    local_run,
    require_services,
)
from newslint.cli.engines import ray_engine
from newslint.errors import UsageError
from newslint.fixing.clean import Rejecting, clean, default_rejected_path
from newslint.running.progress import Progress
from newslint.running.progress import wanted as progress_wanted
from newslint.running.sources import PathSources, no_such_path
from newslint.running.work import Repair


def clean_corpus(args: argparse.Namespace, checker: Checker) -> int:
    if args.engine == "ray" and args.report is not None:
        raise UsageError("--report: the report of a clean run is made by --engine local")
    if args.engine == "ray":
        code: int = ray_engine().clean_on_ray(args, checker)
        return code
    local_outputs(args)
    if args.format == "parquet":
        raise UsageError("--format parquet: newslint clean writes Parquet with --engine ray")
    rejected = args.rejected or default_rejected_path(args.output)
    if args.output.resolve() == rejected.resolve():
        raise UsageError("--output and --rejected must be different files")
    # Fail before the outputs are replaced: a typo must not empty a cleaned corpus.
    for path in args.paths:
        if path != "-" and not os.path.exists(path):
            raise UsageError(no_such_path(path))
    outputs = [("--output", args.output), ("--rejected", rejected), ("--report", args.report)]
    check_outputs(args.paths, outputs)
    page = None
    if args.report is not None:
        from newslint.report.clean import CleanReport

        page = CleanReport(args.report, args.seed)
    require_services(checker, finished=False)
    rejecting = Rejecting(args.reject_on, duplicates=args.drop_duplicates)
    if rejecting.duplicates and checker.registry.get("C001") not in checker.rules:
        raise UsageError("--drop-duplicates finds copies with C001: do not ignore it")
    progress = Progress(args.paths) if progress_wanted(args.quiet) else None
    sources = PathSources(checker, args.paths)
    run = local_run(checker, sources, Repair(checker, unsafe=args.unsafe_fixes), args, progress)
    observe = page.observe if page is not None else None
    counts = clean(run, args.output, rejected, checker.settings, rejecting, observe)
    if page is not None:
        page.write(args.paths)
    if not args.quiet:
        print(counts.line(args.output, rejected), file=sys.stderr)
    require_services(checker, finished=True)
    return EXIT_ERROR if sources.missing or checker.rule_file_errors else EXIT_CLEAN
