"""``newslint check``: report (or fix, or diff) every document of the paths."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from newslint.checking.checker import Checker
from newslint.cli.common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    check_outputs,
    formatter_named,
    local_outputs,
    local_run,
    require_readers,
    require_services,
)
from newslint.cli.engines import ray_engine
from newslint.config.settings import Settings
from newslint.errors import UsageError, counted
from newslint.fixing.in_place import FixWriter, repair_in_place
from newslint.io.fileio import atomic_text_writer
from newslint.io.formatters.base import Formatter, Summary
from newslint.model.columns import ColumnUnit, finding_in
from newslint.model.document import Document
from newslint.model.finding import Finding
from newslint.running.baseline import Baseline
from newslint.running.baseline import check_writable as check_baseline_writable
from newslint.running.baseline import load as load_baseline
from newslint.running.baseline import save as save_baseline
from newslint.running.progress import Progress
from newslint.running.progress import wanted as progress_wanted
from newslint.running.sources import PathSources
from newslint.running.work import Check, Repair


def check(args: argparse.Namespace, checker: Checker) -> int:
    """``newslint check``: report (or fix, or diff) every document of the paths."""
    if args.engine == "ray":
        code: int = ray_engine().check_on_ray(args, checker)
        return code
    local_outputs(args)
    formatter_class = formatter_named(
        checker.plugins, "statistics" if args.statistics else args.format or "text"
    )
    unit = _column_unit(formatter_class, args.format, args.column_unit)
    require_readers(args.paths)
    check_outputs(args.paths, [("--output", args.output), ("--baseline", args.baseline)])
    if args.baseline is not None and not args.baseline.exists():
        check_baseline_writable(args.baseline)
    require_services(checker, finished=False)
    progress = Progress(args.paths) if progress_wanted(args.quiet) else None
    sources = PathSources(checker, args.paths, args.stdin_filename)
    if args.diff:
        return _diff(checker, sources, args, progress)
    writing_baseline = args.baseline is not None and not args.baseline.exists()
    reading_baseline = args.baseline is not None and not writing_baseline
    baseline = Baseline(load_baseline(args.baseline) if reading_baseline else Counter())
    fixer = None
    work: Check | Repair = Check(checker)
    if args.fix:
        fixer = FixWriter(checker, write=True, diff=None, show_fixes=args.show_fixes)
        work = repair_in_place(checker, write=True, unsafe=args.unsafe_fixes)
    baseline_or_none = baseline if args.baseline is not None else None
    run = local_run(checker, sources, work, args, progress, baseline_or_none)
    with _report_stream(args.output, progress) as stream:
        formatter = formatter_class(stream, checker.registry.enabled(Settings(select=("ALL",))))
        formatter.quiet = args.quiet
        formatter.unsafe_fixes = args.unsafe_fixes
        formatter.column_unit = unit
        checked: Iterator[tuple[Document, list[Finding]]] = (
            fixer.apply(document, result) if fixer else (document, list(result.remaining))
            for document, result in run
        )
        if writing_baseline:  # this run's findings are the baseline: report none of them
            checked = ((document, []) for document, _ in checked)
        summary = _report(formatter, checked, sources)
    if writing_baseline:
        save_baseline(args.baseline, baseline.seen)
        print(
            f"newslint: baseline of {counted(baseline.seen.total(), 'finding')} written to "
            f"{args.baseline}",
            file=sys.stderr,
        )
    elif baseline.suppressed and not args.quiet:
        print(
            f"newslint: {counted(baseline.suppressed, 'finding')} in the baseline not shown",
            file=sys.stderr,
        )
    if fixer is not None and not args.quiet:
        print(fixer.summary(), file=sys.stderr)
    require_services(checker, finished=True)
    if sources.missing or checker.rule_file_errors:
        return EXIT_ERROR

    failing = sum(
        n for severity, n in summary.by_severity.items() if severity >= checker.settings.fail_on
    )
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _diff(
    checker: Checker, sources: PathSources, args: argparse.Namespace, progress: Progress | None
) -> int:
    """``--diff``: print what --fix would change, change nothing; exit 1 if anything would."""
    fixer = FixWriter(checker, write=False, diff=sys.stdout, show_fixes=args.show_fixes)
    work = repair_in_place(checker, write=False, unsafe=args.unsafe_fixes)
    for document, result in local_run(checker, sources, work, args, progress):
        fixer.apply(document, result)
    if not args.quiet:
        print(fixer.summary(), file=sys.stderr)
    require_services(checker, finished=True)
    if sources.missing or checker.rule_file_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if fixer.fixed and not args.exit_zero else EXIT_CLEAN


def _column_unit(formatter_class: type[Formatter], name: str, asked: ColumnUnit) -> ColumnUnit:
    """The unit of the report's columns: ``--column-unit``, unless the format counts in
    one unit only (github: UTF-16); a unit the format cannot express is a usage error."""
    units = formatter_class.column_units
    if len(units) == 1:
        return units[0]
    if asked not in units:
        raise UsageError(
            f"--column-unit {asked}: the {name} format counts columns in one of: {', '.join(units)}"
        )
    return asked


def _report(
    formatter: Formatter,
    checked: Iterable[tuple[Document, list[Finding]]],
    sources: PathSources | None = None,
) -> Summary:
    summary = Summary(unsafe_fixes=formatter.unsafe_fixes)
    unit = formatter.column_unit
    formatter.start()
    for document, findings in checked:
        summary.documents += 1
        summary.add_document(findings)
        for finding in findings:
            formatter.write(finding_in(finding, document, unit) if unit != "char" else finding)
    summary.missing_paths = sources.missing if sources is not None else 0
    formatter.finish(summary)
    return summary


@contextlib.contextmanager
def _report_stream(output: Path | None, progress: Progress | None = None) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout if progress is None else progress.above(sys.stdout)
        sys.stdout.flush()
        return
    with atomic_text_writer(output) as stream:
        yield stream
