"""``newslint check --engine ray`` and ``newslint clean --engine ray``: the command line
on top of ``newslint.running.ray.run``."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import sys
from collections.abc import Iterator

from newslint.checking.checker import Checker
from newslint.cli.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, formatter_named
from newslint.config.settings import Settings
from newslint.errors import UsageError
from newslint.fixing.clean import CleanCounts
from newslint.io.formatters.base import Formatter, Summary
from newslint.io.formatters.text import TextFormatter
from newslint.model.finding import Finding
from newslint.running.ray.inputs import InputError
from newslint.running.ray.run import Run, RunFailed, Totals, check, clean, iter_findings, session
from newslint.running.ray.sinks import FORMATS, OutputError

#: Options of ``newslint check`` that act on local files or on the whole output.
_LOCAL_ONLY = (("fix", "--fix"), ("diff", "--diff"), ("baseline", "--baseline"))


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except (InputError, OutputError, RunFailed) as exc:
        raise UsageError(str(exc)) from None


def check_on_ray(args: argparse.Namespace, checker: Checker) -> int:
    """Findings into the folder ``--output`` (``--format jsonl`` or ``parquet``), or
    streamed back and reported as ``newslint check`` reports them."""
    for name, flag in _LOCAL_ONLY:
        if getattr(args, name, None):
            raise UsageError(f"{flag} runs on this machine only: leave out --engine ray")
    _check_format(args)
    report = "statistics" if args.statistics else args.format or "text"
    formatter = None
    if args.output is None:  # every rule, for formats that describe them (SARIF), as local
        rules = checker.registry.enabled(Settings(select=("ALL",)))
        formatter = formatter_named(checker.plugins, report)(sys.stdout, rules)
    quiet = args.quiet or not sys.stderr.isatty()
    with _errors(), session(args.ray_address, args.jobs, quiet):
        if formatter is None:
            totals = _written(args, checker)
            summary = _summary(totals)
        else:
            summary, totals = _streamed(args, checker, formatter)
    if totals.missing or checker.rule_file_errors:
        return EXIT_ERROR
    failing = sum(n for s, n in summary.by_severity.items() if s >= checker.settings.fail_on)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _check_format(args: argparse.Namespace) -> None:
    """Refuse a format the chosen output cannot take, before Ray starts."""
    if args.output is not None and (args.format or "jsonl") not in FORMATS:
        raise UsageError(
            f"--format {args.format}: with --engine ray and --output, findings are written "
            "as files of a folder: --format jsonl or --format parquet"
        )
    if args.output is None and args.format == "parquet":
        raise UsageError("--format parquet writes a folder: give it with --output")


def _written(args: argparse.Namespace, checker: Checker) -> Totals:
    format = args.format or "jsonl"
    progress = not args.quiet and sys.stderr.isatty()
    totals = check(
        checker, args.paths, str(args.output), format=format, jobs=args.jobs, progress=progress
    )
    _report_missing(totals.missing)
    if not args.quiet:
        TextFormatter(sys.stderr).finish(_summary(totals))
        print(f"newslint: findings written to {args.output}", file=sys.stderr)
    return totals


def _streamed(
    args: argparse.Namespace, checker: Checker, formatter: Formatter
) -> tuple[Summary, Totals]:
    formatter.quiet = args.quiet
    summary = Summary()
    progress = not args.quiet and sys.stderr.isatty()
    with Run(checker, args.paths, jobs=args.jobs, progress=progress) as run:
        _report_missing(run.inputs.missing)
        formatter.start()
        # A document's findings come together: its fixes are counted together.
        for _, findings in itertools.groupby(iter_findings(run), _document_of):
            found = list(findings)
            for finding in found:
                formatter.write(finding)
            summary.add_document(found)
        totals = run.totals()
    summary.documents = totals.documents
    formatter.finish(summary)
    return summary, totals


def _document_of(finding: Finding) -> tuple[str, int | None]:
    return finding.path, finding.record_number


def _summary(totals: Totals) -> Summary:
    return Summary(totals.documents, totals.by_severity(), totals.by_code())


def _report_missing(missing: tuple[str, ...]) -> None:
    for path in missing:
        print(f"newslint: error: {path}: no such file or folder", file=sys.stderr)


def clean_on_ray(args: argparse.Namespace, checker: Checker) -> int:
    """Repaired records into the folder ``--output``, rejected ones into ``--rejected``
    (default: OUTPUT.rejected), as ``--format jsonl`` (default) or ``parquet``."""
    output = str(args.output)
    rejected = str(args.rejected) if args.rejected else output.rstrip("/") + ".rejected"
    quiet = args.quiet or not sys.stderr.isatty()
    with _errors(), session(args.ray_address, args.jobs, quiet):
        totals = clean(
            checker,
            args.paths,
            output,
            rejected,
            reject_on=args.reject_on,
            drop_duplicates=args.drop_duplicates,
            unsafe=args.unsafe_fixes,
            format=args.format or "jsonl",
            jobs=args.jobs,
            progress=not quiet,
        )
    _report_missing(totals.missing)
    if not args.quiet:
        names = ("read", "kept", "repaired", "rejected", "fixes")
        counts = CleanCounts(*(totals.counts[name] for name in names))
        print(counts.line(output, rejected), file=sys.stderr)
    return EXIT_ERROR if totals.missing or checker.rule_file_errors else EXIT_CLEAN
