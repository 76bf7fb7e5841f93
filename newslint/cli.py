"""Command line: ``newslint check``, ``newslint rules``, ``newslint rule CODE``.

Exit codes: 0 clean, 1 findings at or above ``--fail-on``, 2 usage or internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

import pluggy

from newslint import __version__
from newslint.baseline import Baseline, BaselineError
from newslint.baseline import check_writable as check_baseline_writable
from newslint.baseline import load as load_baseline
from newslint.baseline import save as save_baseline
from newslint.cleaning import clean, default_rejected_path
from newslint.config import ConfigError, Settings, load_settings
from newslint.declarative.loader import RuleFileWarning
from newslint.document import Document
from newslint.fileio import atomic_text_writer
from newslint.finding import Finding, Severity
from newslint.formatters.base import Formatter, Summary
from newslint.plugins import plugin_manager
from newslint.readers import iter_sources
from newslint.registry import Registry, RegistryError
from newslint.repair import FixRun
from newslint.rule import Rule
from newslint.workers import check_parallel, default_jobs

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """Bad flags or configuration: reported on stderr, exit code 2."""


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _codes(value: str) -> tuple[str, ...]:
    return tuple(part.strip().upper() for part in value.split(",") if part.strip())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newslint", description="Lint scraped news articles.")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="lint files, folders or standard input (-)")
    check.add_argument("paths", nargs="*", default=["."], help="files, folders, or - for stdin")
    check.add_argument("--format", default="text", help="output format (default: text)")
    _add_selection(check)
    check.add_argument(
        "--fail-on", type=Severity.parse, help="lowest severity that fails (default: warning)"
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail")
    _add_corpus_input(check)
    run = check.add_argument_group("output and execution")
    run.add_argument("--output", "-o", type=Path, help="write the report to FILE (atomically)")
    run.add_argument("--statistics", action="store_true", help="print counts per code instead")
    run.add_argument("--jobs", "-j", type=_positive, help="worker processes (default: all cores)")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no summary")
    run.add_argument(
        "--baseline",
        type=Path,
        help="report only findings not in FILE; a missing FILE is written from this run",
    )

    fixes = check.add_argument_group("fixes (plain files)")
    fixes.add_argument("--fix", action="store_true", help="apply safe fixes to the files in place")
    fixes.add_argument(
        "--diff", action="store_true", help="print the fixes as a diff, change nothing"
    )
    fixes.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    fixes.add_argument("--show-fixes", action="store_true", help="list each fix applied (stderr)")
    _add_common(check)

    clean = commands.add_parser(
        "clean", help="write a repaired corpus, and the records that cannot be repaired apart"
    )
    clean.add_argument("paths", nargs="+", help="corpus files or folders, or - for stdin")
    clean.add_argument("--output", "-o", type=Path, required=True, help="repaired records (JSONL)")
    clean.add_argument(
        "--rejected",
        type=Path,
        help="rejected records with their findings (default: OUTPUT.rejected.jsonl)",
    )
    clean.add_argument(
        "--reject-on",
        type=Severity.parse,
        default=Severity.ERROR,
        help="lowest severity left after repair that rejects a record (default: error)",
    )
    clean.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    clean.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no counts")
    _add_selection(clean)
    _add_corpus_input(clean)
    _add_common(clean)

    rules = commands.add_parser("rules", help="list every rule")
    _add_common(rules)
    rule = commands.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("code", help="rule code (e.g. D001) or name")
    _add_common(rule)
    return parser


def _add_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--select", type=_codes, help="codes or prefixes to enable, e.g. D,H,B001")
    parser.add_argument(
        "--extend-select", type=_codes, help="codes or prefixes to add to the selection"
    )
    parser.add_argument("--ignore", type=_codes, help="codes or prefixes to disable, e.g. Q,M003")
    parser.add_argument(
        "--language", help="language of documents that do not give one (skips detection)"
    )
    parser.add_argument(
        "--rule-path", action="append", type=Path, default=[], help="extra folder of YAML rules"
    )
    parser.add_argument(
        "--languagetool", metavar="URL", help="LanguageTool server for the G rules (opt-in)"
    )


def _add_corpus_input(parser: argparse.ArgumentParser) -> None:
    corpus = parser.add_argument_group("corpus input (JSONL, Parquet, CSV)")
    corpus.add_argument("--text-field", help="field holding the article text (default: text)")
    corpus.add_argument("--title-field", help="field holding the title (default: title, ...)")
    corpus.add_argument("--id-field", help="field holding the record id (default: id, url, ...)")
    corpus.add_argument("--lang-field", help="field holding the language (default: lang, ...)")
    corpus.add_argument(
        "--input-format", choices=("text", "jsonl", "csv"), help="format of standard input (-)"
    )


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, help="config file (default: nearest newslint.yaml or pyproject.toml)"
    )
    parser.add_argument(
        "-p",
        dest="plugins",
        action="append",
        default=[],
        metavar="no:NAME",
        help="block a plugin by name, e.g. -p no:newslint.rules",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = _settings(args)
        unknown = [p for p in args.plugins if not p.startswith("no:")]
        if unknown:
            raise UsageError(f"-p {unknown[0]}: only -p no:NAME (block a plugin) is supported")
        pm = plugin_manager(blocked=[p[3:] for p in args.plugins])
        registry, rule_errors = _registry(pm, settings)
        if args.command == "rules":
            return _list_rules(registry, sys.stdout)
        if args.command == "rule":
            return _show_rule(registry, args.code, sys.stdout)
        if args.command == "clean":
            return _clean(args, settings, pm, registry, rule_errors)
        return _check(args, settings, pm, registry, rule_errors)
    except (ConfigError, RegistryError, UsageError, BaselineError) as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader of our output went away (`newslint check ... | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FINDINGS
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a plugin's bug: exit 2, never the 1 that means findings
        traceback.print_exc()
        print(f"newslint: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config)
    if getattr(args, "command", None) not in ("check", "clean"):
        return settings
    return settings.with_overrides(
        select=args.select,
        extend_select=args.extend_select,
        ignore=args.ignore,
        fail_on=getattr(args, "fail_on", None),
        keep_records=args.command == "clean" or None,
        language=args.language,
        rule_paths=(*settings.rule_paths, *args.rule_path) if args.rule_path else None,
        text_field=args.text_field,
        title_field=args.title_field,
        id_field=args.id_field,
        lang_field=args.lang_field,
        input_format=args.input_format,
        languagetool=args.languagetool,
    )


def _registry(pm: pluggy.PluginManager, settings: Settings) -> tuple[Registry, int]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rules = [rule for batch in pm.hook.newslint_rules(settings=settings) for rule in batch]
    errors = 0
    for warning in caught:
        if issubclass(warning.category, RuleFileWarning):
            print(f"newslint: error: {warning.message}", file=sys.stderr)
            errors += 1
        else:  # not ours to judge (e.g. a dependency's DeprecationWarning): pass it on
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    return Registry(rules), errors


def _formatter_class(pm: pluggy.PluginManager, name: str) -> type[Formatter]:
    known: dict[str, type[Formatter]] = {}
    for batch in pm.hook.newslint_formatters():
        known.update(batch)
    if name not in known:
        raise UsageError(f"unknown format {name!r}; known formats: {', '.join(sorted(known))}")
    return known[name]


class _Sources:
    """Documents of every path, in order; a missing path is reported and skipped."""

    def __init__(self, pm: pluggy.PluginManager, settings: Settings, paths: list[str]) -> None:
        self.pm, self.settings, self.paths = pm, settings, paths
        self.missing = 0

    def __iter__(self) -> Iterator[Document]:
        for source in iter_sources(self.paths):
            if source != "-" and not os.path.exists(source):
                print(f"newslint: error: {source}: no such file or folder", file=sys.stderr)
                self.missing += 1
                continue
            yield from self.pm.hook.newslint_read(source=source, settings=self.settings) or ()


def _check(
    args: argparse.Namespace,
    settings: Settings,
    pm: pluggy.PluginManager,
    registry: Registry,
    rule_errors: int,
) -> int:
    rules = registry.enabled(settings)
    formatter_class = _formatter_class(pm, "statistics" if args.statistics else args.format)
    if args.baseline is not None and not args.baseline.exists():
        check_baseline_writable(args.baseline)
    sources = _Sources(pm, settings, args.paths)
    if args.diff:
        return _diff(pm, rules, settings, sources, args, rule_errors)
    jobs = args.jobs or default_jobs()
    fixer = None
    with _report_stream(args.output) as stream:
        formatter = formatter_class(stream, registry.enabled(Settings(select=("ALL",))))
        formatter.quiet = args.quiet
        if args.fix:
            fixer = FixRun(
                pm.hook,
                rules,
                settings,
                write=True,
                diff=None,
                unsafe=args.unsafe_fixes,
                show_fixes=args.show_fixes,
            )
            checked = fixer.run(sources)
        else:
            checked = check_parallel(pm.hook, sources, rules, settings, jobs)
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
    if sources.missing or rule_errors:
        return EXIT_ERROR

    failing = sum(n for severity, n in summary.by_severity.items() if severity >= settings.fail_on)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _clean(
    args: argparse.Namespace,
    settings: Settings,
    pm: pluggy.PluginManager,
    registry: Registry,
    rule_errors: int,
) -> int:
    rejected = args.rejected or default_rejected_path(args.output)
    if args.output.resolve() == rejected.resolve():
        raise UsageError("--output and --rejected must be different files")
    # Fail before the outputs are replaced: a typo must not empty a cleaned corpus.
    for path in args.paths:
        if path != "-" and not os.path.exists(path):
            raise UsageError(f"{path}: no such file or folder")
    for path in (args.output, rejected):
        _check_output_folder(path)
    sources = _Sources(pm, settings, args.paths)
    documents = _with_progress(((d, []) for d in sources), args.quiet)
    counts = clean(
        pm.hook,
        (d for d, _ in documents),
        registry.enabled(settings),
        settings,
        args.output,
        rejected,
        args.reject_on,
        args.unsafe_fixes,
    )
    if not args.quiet:
        print(counts.line(args.output, rejected), file=sys.stderr)
    return EXIT_ERROR if sources.missing or rule_errors else EXIT_CLEAN


def _diff(
    pm: pluggy.PluginManager,
    rules: list[Rule],
    settings: Settings,
    sources: _Sources,
    args: argparse.Namespace,
    rule_errors: int,
) -> int:
    """``--diff``: print what --fix would change, change nothing; exit 1 if anything would."""
    fixer = FixRun(
        pm.hook,
        rules,
        settings,
        write=False,
        diff=sys.stdout,
        unsafe=args.unsafe_fixes,
        show_fixes=args.show_fixes,
    )
    for _ in fixer.run(sources):
        pass
    if not args.quiet:
        print(fixer.summary(), file=sys.stderr)
    if sources.missing or rule_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if fixer.fixed and not args.exit_zero else EXIT_CLEAN


def _report(formatter: Formatter, checked: Iterable[tuple[Document, list[Finding]]]) -> Summary:
    summary = Summary()
    formatter.start()
    for _, findings in checked:
        summary.documents += 1
        for finding in findings:
            formatter.write(finding)
            summary.add(finding)
    formatter.finish(summary)
    return summary


def _check_output_folder(path: Path) -> None:
    if not path.absolute().parent.is_dir():
        raise UsageError(f"{path}: folder {path.parent} does not exist")


@contextlib.contextmanager
def _report_stream(output: Path | None) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    _check_output_folder(output)
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


def _list_rules(registry: Registry, out: TextIO) -> int:
    for rule in registry:
        languages = ",".join(sorted(rule.languages)) if rule.languages else "all"
        state = "" if rule.default_enabled else " (opt-in)"
        columns = f"{rule.code}  {rule.name:<28} {rule.severity.value:<8} {languages:<20}"
        out.write(f"{columns} {rule.summary}{state}\n")
    return EXIT_CLEAN


def _show_rule(registry: Registry, code: str, out: TextIO) -> int:
    rule = registry.lookup(code)
    if rule is None:
        raise UsageError(f"no rule {code!r} (see `newslint rules`)")
    languages = ", ".join(sorted(rule.languages)) if rule.languages else "all"
    out.write(f"{rule.code} {rule.name}\n")
    fix = "yes" if rule.fixable else "no"
    out.write(f"severity: {rule.severity.value}   languages: {languages}   fix: {fix}\n")
    out.write(f"defined in: {rule.origin}\n")
    if rule.options:
        settings = ", ".join(f"{name}={value!r}" for name, value in rule.options.items())
        out.write(f"options: {settings}  (set with `options: {{{rule.code}: {{...}}}}`)\n")
    out.write(f"\n{rule.doc}\n")
    return EXIT_CLEAN
