"""What the subcommands do once their arguments are parsed: ``check`` (report, fix,
diff), ``clean``, ``rules`` and ``rule``. The command line itself is ``newslint.cli``."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TextIO

import pluggy

from newslint.api import Checker
from newslint.baseline import Baseline
from newslint.baseline import check_writable as check_baseline_writable
from newslint.baseline import load as load_baseline
from newslint.baseline import save as save_baseline
from newslint.cleaning import Rejecting, clean, default_rejected_path
from newslint.columns import ColumnUnit, finding_in
from newslint.config import Settings
from newslint.document import Document
from newslint.errors import ServiceUnavailable, UsageError, counted, did_you_mean
from newslint.fileio import WriteRefused, atomic_text_writer, check_output
from newslint.finding import Finding
from newslint.formatters.base import Formatter, Summary
from newslint.progress import Progress
from newslint.progress import wanted as progress_wanted
from newslint.readers import iter_sources
from newslint.readers.parquet import SUFFIXES as PARQUET_SUFFIXES
from newslint.readers.parquet import require_pyarrow
from newslint.registry import Registry
from newslint.repair import FixWriter, repair_in_place
from newslint.running.executors import LocalExecutor
from newslint.running.run import Run
from newslint.running.sources import PathSources, no_such_path
from newslint.running.work import Check, Repair

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _formatter_class(pm: pluggy.PluginManager, name: str) -> type[Formatter]:
    known: dict[str, type[Formatter]] = {}
    for batch in pm.hook.newslint_formatters():
        known.update(batch)
    if name not in known:
        raise UsageError(
            f"unknown format {name!r}{did_you_mean(name, known)}; known formats: "
            f"{', '.join(sorted(known))}"
        )
    return known[name]


def _require_services(checker: Checker, *, finished: bool) -> None:
    missing = checker.unavailable(finished=finished)
    if missing:
        raise ServiceUnavailable("; ".join(missing))


def require_readers(paths: list[str]) -> None:
    """Stop before any work when a Parquet file is named and pyarrow is missing (one
    found in a folder stops the run when it is reached)."""
    for path in paths:
        if path.lower().endswith(PARQUET_SUFFIXES) and os.path.isfile(path):
            require_pyarrow(path)


def _check_outputs(paths: list[str], outputs: Iterable[tuple[str, Path | None]]) -> None:
    """Refuse outputs that would replace an input or cannot be written, before any work."""
    for option, path in outputs:
        if path is not None:
            try:
                check_output(path, iter_sources(paths), option)
            except WriteRefused as exc:
                raise UsageError(str(exc)) from None


def check(args: argparse.Namespace, checker: Checker) -> int:
    """``newslint check``: report (or fix, or diff) every document of the paths."""
    if args.engine == "ray":
        return _ray_engine().check_on_ray(args, checker)
    _local_outputs(args)
    formatter_class = _formatter_class(
        checker.plugins, "statistics" if args.statistics else args.format or "text"
    )
    unit = _column_unit(formatter_class, args.format, args.column_unit)
    require_readers(args.paths)
    _check_outputs(args.paths, [("--output", args.output), ("--baseline", args.baseline)])
    if args.baseline is not None and not args.baseline.exists():
        check_baseline_writable(args.baseline)
    _require_services(checker, finished=False)
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
    run = _run(checker, sources, work, args, progress, baseline_or_none)
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
    _require_services(checker, finished=True)
    if sources.missing or checker.rule_file_errors:
        return EXIT_ERROR

    failing = sum(
        n for severity, n in summary.by_severity.items() if severity >= checker.settings.fail_on
    )
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _run(
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


def clean_corpus(args: argparse.Namespace, checker: Checker) -> int:
    if args.engine == "ray" and args.report is not None:
        raise UsageError("--report: the report of a clean run is made by --engine local")
    if args.engine == "ray":
        return _ray_engine().clean_on_ray(args, checker)
    _local_outputs(args)
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
    _check_outputs(args.paths, outputs)
    page = None
    if args.report is not None:
        from newslint.report.clean import CleanReport

        page = CleanReport(args.report, args.seed)
    _require_services(checker, finished=False)
    rejecting = Rejecting(args.reject_on, duplicates=args.drop_duplicates)
    if rejecting.duplicates and checker.registry.get("C001") not in checker.rules:
        raise UsageError("--drop-duplicates finds copies with C001: do not ignore it")
    progress = Progress(args.paths) if progress_wanted(args.quiet) else None
    sources = PathSources(checker, args.paths)
    run = _run(checker, sources, Repair(checker, unsafe=args.unsafe_fixes), args, progress)
    observe = page.observe if page is not None else None
    counts = clean(run, args.output, rejected, checker.settings, rejecting, observe)
    if page is not None:
        page.write(args.paths)
    if not args.quiet:
        print(counts.line(args.output, rejected), file=sys.stderr)
    _require_services(checker, finished=True)
    return EXIT_ERROR if sources.missing or checker.rule_file_errors else EXIT_CLEAN


def _ray_engine() -> ModuleType:
    try:
        from newslint.engines.ray import command
    except ImportError as exc:
        raise UsageError(
            f"--engine ray needs the extra: pip install 'newslint[ray]' ({exc})"
        ) from None
    return command


def _local_outputs(args: argparse.Namespace) -> None:
    for option in ("output", "rejected"):
        value = getattr(args, option, None)
        if isinstance(value, str):  # a URI
            raise UsageError(f"--{option} {value}: URIs are for --engine ray")


def _diff(
    checker: Checker, sources: PathSources, args: argparse.Namespace, progress: Progress | None
) -> int:
    """``--diff``: print what --fix would change, change nothing; exit 1 if anything would."""
    fixer = FixWriter(checker, write=False, diff=sys.stdout, show_fixes=args.show_fixes)
    work = repair_in_place(checker, write=False, unsafe=args.unsafe_fixes)
    for document, result in _run(checker, sources, work, args, progress):
        fixer.apply(document, result)
    if not args.quiet:
        print(fixer.summary(), file=sys.stderr)
    _require_services(checker, finished=True)
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


def list_rules(registry: Registry, out: TextIO, output_format: str = "text") -> int:
    """``newslint rules``: one line per rule, columns aligned, or a JSON list."""
    rows = [
        {
            "code": rule.code,
            "name": rule.name,
            "severity": rule.severity.value,
            "languages": sorted(rule.languages) if rule.languages else None,
            "fixable": rule.fixable,
            "default_enabled": rule.default_enabled,
            "summary": rule.summary,
        }
        for rule in registry
    ]
    if output_format == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_CLEAN
    table = [
        (
            row["code"],
            row["name"],
            row["severity"],
            ",".join(row["languages"]) if row["languages"] else "all",
            ("fix" if row["fixable"] else "") + ("" if row["default_enabled"] else " opt-in"),
            row["summary"],
        )
        for row in rows
    ]
    widths = [max((len(cells[i]) for cells in table), default=0) for i in range(5)]
    for cells in table:
        aligned = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=False))
        out.write(f"{aligned}  {cells[5]}\n")
    return EXIT_CLEAN


def show_rule(registry: Registry, code: str, out: TextIO) -> int:
    rule = registry.lookup(code)
    if rule is None:
        known = [name for r in registry for name in (r.code, r.name)]
        raise UsageError(f"no rule {code!r}{did_you_mean(code, known)} (see `newslint rules`)")
    languages = ", ".join(sorted(rule.languages)) if rule.languages else "all"
    out.write(f"{rule.code} {rule.name}\n")
    fix = "yes" if rule.fixable else "no"
    out.write(f"severity: {rule.severity.value}   languages: {languages}   fix: {fix}\n")
    out.write(f"defined in: {rule.origin}\n")
    if rule.requires:
        needed = ", ".join(repr(s) for s in sorted(rule.requires))
        out.write(f"runs only on texts containing one of: {needed} (any case)\n")
    if rule.option_specs:
        out.write(f"options (set with `options: {{{rule.code}: {{name: value}}}}`):\n")
        for name, spec in rule.option_specs.items():
            out.write(f"  {name} = {spec.describe()}\n")
    out.write(f"\n{rule.doc}\n")
    return EXIT_CLEAN
