"""What the subcommands do once their arguments are parsed: ``check`` (report, fix,
diff), ``clean``, ``rules`` and ``rule``. The command line itself is ``newslint.cli``."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

import pluggy

from newslint.api import Checker
from newslint.baseline import Baseline
from newslint.baseline import check_writable as check_baseline_writable
from newslint.baseline import load as load_baseline
from newslint.baseline import save as save_baseline
from newslint.cleaning import clean, default_rejected_path
from newslint.columns import ColumnUnit, finding_in
from newslint.config import Settings
from newslint.corpus.stage import with_corpus_findings
from newslint.document import Document
from newslint.fileio import WriteRefused, atomic_text_writer, check_output
from newslint.finding import Finding
from newslint.formatters.base import Formatter, Summary
from newslint.readers import iter_sources
from newslint.registry import Registry
from newslint.repair import FixRun
from newslint.rule import Rule
from newslint.workers import default_jobs, run_parallel

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """Bad flags or configuration: reported on stderr, exit code 2."""


def _formatter_class(pm: pluggy.PluginManager, name: str) -> type[Formatter]:
    known: dict[str, type[Formatter]] = {}
    for batch in pm.hook.newslint_formatters():
        known.update(batch)
    if name not in known:
        raise UsageError(f"unknown format {name!r}; known formats: {', '.join(sorted(known))}")
    return known[name]


class ServiceUnavailable(UsageError):
    """A plugin cannot do what the settings explicitly ask (exit code 2)."""


def _require_services(checker: Checker, *, finished: bool) -> None:
    missing = checker.unavailable(finished=finished)
    if missing:
        raise ServiceUnavailable("; ".join(missing))


class _Sources:
    """Documents of every path, in order; a missing path is reported and skipped.
    Documents of standard input take the name ``stdin_filename`` when one is given."""

    def __init__(
        self, checker: Checker, paths: list[str], stdin_filename: str | None = None
    ) -> None:
        self.checker, self.paths = checker, paths
        self.stdin_filename = stdin_filename
        self.missing = 0

    def __iter__(self) -> Iterator[Document]:
        hook, settings = self.checker.hook, self.checker.settings
        for source in iter_sources(self.paths):
            if source != "-" and not os.path.exists(source):
                print(f"newslint: error: {source}: no such file or folder", file=sys.stderr)
                self.missing += 1
                continue
            documents = hook.newslint_read(source=source, settings=settings) or ()
            if source == "-" and self.stdin_filename:
                documents = (dataclasses.replace(d, path=self.stdin_filename) for d in documents)
            yield from documents


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
    _check_outputs(args.paths, [("--output", args.output), ("--baseline", args.baseline)])
    if args.baseline is not None and not args.baseline.exists():
        check_baseline_writable(args.baseline)
    _require_services(checker, finished=False)
    sources = _Sources(checker, args.paths, args.stdin_filename)
    jobs = args.jobs or default_jobs()
    if args.diff:
        return _diff(checker, sources, args, jobs)
    fixer = None
    with _report_stream(args.output) as stream:
        formatter = formatter_class(stream, checker.registry.enabled(Settings(select=("ALL",))))
        formatter.quiet = args.quiet
        formatter.unsafe_fixes = args.unsafe_fixes
        formatter.column_unit = unit
        if args.fix:
            fixer = FixRun(
                checker,
                write=True,
                diff=None,
                unsafe=args.unsafe_fixes,
                show_fixes=args.show_fixes,
                jobs=jobs,
            )
            checked = fixer.run(sources)
        else:
            checked = run_parallel(checker.check_document, sources, jobs, checker.lost)
            checked = with_corpus_findings(checker, checked, args.paths, args.quiet, jobs)
        writing_baseline = args.baseline is not None and not args.baseline.exists()
        reading_baseline = args.baseline is not None and not writing_baseline
        baseline = Baseline(load_baseline(args.baseline) if reading_baseline else Counter())

        if args.baseline is not None:
            checked = baseline.filter(checked)
        if writing_baseline:  # this run's findings are the baseline: report none of them
            checked = ((document, []) for document, _ in checked)
        summary = _report(formatter, _with_progress(checked, args.quiet))
    if writing_baseline:
        save_baseline(args.baseline, baseline.seen)
        print(
            f"newslint: baseline of {baseline.seen.total()} findings written to {args.baseline}",
            file=sys.stderr,
        )
    elif baseline.suppressed and not args.quiet:
        print(
            f"newslint: {baseline.suppressed} findings in the baseline not shown", file=sys.stderr
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


def clean_corpus(args: argparse.Namespace, checker: Checker) -> int:
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
            raise UsageError(f"{path}: no such file or folder")
    _check_outputs(args.paths, [("--output", args.output), ("--rejected", rejected)])
    _require_services(checker, finished=False)
    sources = _Sources(checker, args.paths)
    documents = _with_progress(((d, []) for d in sources), args.quiet)
    counts = clean(
        checker,
        (d for d, _ in documents),
        args.output,
        rejected,
        args.reject_on,
        args.unsafe_fixes,
        args.jobs or default_jobs(),
    )
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


def _diff(checker: Checker, sources: _Sources, args: argparse.Namespace, jobs: int) -> int:
    """``--diff``: print what --fix would change, change nothing; exit 1 if anything would."""
    fixer = FixRun(
        checker,
        write=False,
        diff=sys.stdout,
        unsafe=args.unsafe_fixes,
        show_fixes=args.show_fixes,
        jobs=jobs,
    )
    for _ in fixer.run(sources):
        pass
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


def _report(formatter: Formatter, checked: Iterable[tuple[Document, list[Finding]]]) -> Summary:
    summary = Summary(unsafe_fixes=formatter.unsafe_fixes)
    unit = formatter.column_unit
    formatter.start()
    for document, findings in checked:
        summary.documents += 1
        for finding in findings:
            summary.add(finding)
            formatter.write(finding_in(finding, document, unit) if unit != "char" else finding)
    formatter.finish(summary)
    return summary


@contextlib.contextmanager
def _report_stream(output: Path | None) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_text_writer(output) as stream:
        yield stream


def _with_progress(
    checked: Iterator[tuple[Document, list[Finding]]], quiet: bool
) -> Iterator[tuple[Document, list[Finding]]]:
    """A progress bar on stderr for a person at a terminal; nothing in CI or with -q."""
    if quiet or not sys.stderr.isatty():
        return checked
    from tqdm import tqdm

    return iter(tqdm(checked, unit=" docs", file=sys.stderr, leave=False, mininterval=0.5))


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
            **_python_path(rule),
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
            row["summary"] + _python_path_note(row),
        )
        for row in rows
    ]
    widths = [max((len(cells[i]) for cells in table), default=0) for i in range(5)]
    for cells in table:
        aligned = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=False))
        out.write(f"{aligned}  {cells[5]}\n")
    return EXIT_CLEAN


def _python_path(rule: Rule) -> dict[str, Any]:
    """``python_path`` of a YAML rule: its patterns that the compiled core cannot match."""
    if rule.python_path is None:
        return {}
    entries = [{"pattern": p, "reason": reason} for p, reason in rule.python_path]
    return {"python_path": entries}


def _python_path_note(row: dict[str, Any]) -> str:
    count = len(row.get("python_path") or ())
    return f" [{count} pattern{'s' * (count != 1)} on the Python path]" if count else ""


def show_rule(registry: Registry, code: str, out: TextIO) -> int:
    rule = registry.lookup(code)
    if rule is None:
        raise UsageError(f"no rule {code!r} (see `newslint rules`)")
    languages = ", ".join(sorted(rule.languages)) if rule.languages else "all"
    out.write(f"{rule.code} {rule.name}\n")
    fix = "yes" if rule.fixable else "no"
    out.write(f"severity: {rule.severity.value}   languages: {languages}   fix: {fix}\n")
    out.write(f"defined in: {rule.origin}\n")
    if rule.requires:
        needed = ", ".join(repr(s) for s in sorted(rule.requires))
        out.write(f"runs only on texts containing one of: {needed} (any case)\n")
    if rule.python_path:
        out.write("patterns matched on the Python path (the compiled core cannot match them):\n")
        for pattern, reason in rule.python_path:
            out.write(f"  {pattern}\n    {reason}\n")
    if rule.option_specs:
        out.write(f"options (set with `options: {{{rule.code}: {{name: value}}}}`):\n")
        for name, spec in rule.option_specs.items():
            out.write(f"  {name} = {spec.describe()}\n")
    out.write(f"\n{rule.doc}\n")
    return EXIT_CLEAN
