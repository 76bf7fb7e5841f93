"""Command line: ``newslint check``, ``newslint rules``, ``newslint rule CODE``.

Exit codes: 0 clean, 1 findings at or above ``--fail-on``, 2 usage or internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import pluggy

from newslint import __version__
from newslint.config import ConfigError, Settings, load_settings
from newslint.engine import check_documents
from newslint.finding import Severity
from newslint.formatters.base import Formatter, Summary
from newslint.plugins import plugin_manager
from newslint.readers import iter_sources
from newslint.registry import Registry, RegistryError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """Bad flags or configuration: reported on stderr, exit code 2."""


def _codes(value: str) -> tuple[str, ...]:
    return tuple(part.strip().upper() for part in value.split(",") if part.strip())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newslint", description="Lint scraped news articles.")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="lint files, folders or standard input (-)")
    check.add_argument("paths", nargs="*", default=["."], help="files, folders, or - for stdin")
    check.add_argument("--format", default="text", help="output format (default: text)")
    check.add_argument("--select", type=_codes, help="codes or prefixes to enable, e.g. D,H,B001")
    check.add_argument(
        "--extend-select", type=_codes, help="codes or prefixes to add to the selection"
    )
    check.add_argument("--ignore", type=_codes, help="codes or prefixes to disable, e.g. Q,M003")
    check.add_argument(
        "--fail-on", type=Severity.parse, help="lowest severity that fails (default: warning)"
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail")
    check.add_argument(
        "--language", help="language of documents that do not give one (skips detection)"
    )
    check.add_argument(
        "--rule-path", action="append", type=Path, default=[], help="extra folder of YAML rules"
    )
    _add_common(check)

    rules = commands.add_parser("rules", help="list every rule")
    _add_common(rules)
    rule = commands.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("code", help="rule code (e.g. D001) or name")
    _add_common(rule)
    return parser


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
        pm = plugin_manager(blocked=[p[3:] for p in args.plugins if p.startswith("no:")])
        registry, rule_errors = _registry(pm, settings)
        if args.command == "rules":
            return _list_rules(registry, sys.stdout)
        if args.command == "rule":
            return _show_rule(registry, args.code, sys.stdout)
        return _check(args, settings, pm, registry, rule_errors)
    except (ConfigError, RegistryError, UsageError) as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config)
    if getattr(args, "command", None) != "check":
        return settings
    return settings.with_overrides(
        select=args.select,
        extend_select=args.extend_select,
        ignore=args.ignore,
        fail_on=args.fail_on,
        language=args.language,
        rule_paths=(*settings.rule_paths, *args.rule_path) if args.rule_path else None,
    )


def _registry(pm: pluggy.PluginManager, settings: Settings) -> tuple[Registry, int]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rules = [rule for batch in pm.hook.newslint_rules(settings=settings) for rule in batch]
    for warning in caught:
        print(f"newslint: error: {warning.message}", file=sys.stderr)
    return Registry(rules), len(caught)


def _formatter(pm: pluggy.PluginManager, name: str, stream: TextIO) -> Formatter:
    known: dict[str, type[Formatter]] = {}
    for batch in pm.hook.newslint_formatters():
        known.update(batch)
    if name not in known:
        raise UsageError(f"unknown format {name!r}; known formats: {', '.join(sorted(known))}")
    return known[name](stream)


def _check(
    args: argparse.Namespace,
    settings: Settings,
    pm: pluggy.PluginManager,
    registry: Registry,
    rule_errors: int,
) -> int:
    rules = registry.enabled(settings)
    formatter = _formatter(pm, args.format, sys.stdout)
    summary = Summary()
    failing = missing = 0
    formatter.start()
    for source in iter_sources(args.paths):
        if source != "-" and not os.path.exists(source):
            print(f"newslint: error: {source}: no such file or folder", file=sys.stderr)
            missing += 1
            continue
        documents = pm.hook.newslint_read(source=source, settings=settings) or ()
        for _, findings in check_documents(pm.hook, documents, rules, settings):
            summary.documents += 1
            for finding in findings:
                formatter.write(finding)
                summary.add(finding)
                failing += finding.severity >= settings.fail_on
    formatter.finish(summary)
    sys.stdout.flush()
    if missing or rule_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


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
