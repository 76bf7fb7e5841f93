"""The ``newslint`` program: arguments, settings and exit codes; one module of this
package per subcommand does the work (``check``, ``clean``, ``report``, ``rules`` and
``rule``, ``server``).

Exit codes: 0 clean, 1 findings at or above ``--fail-on``, 2 usage or internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from newslint import __version__
from newslint.checking.checker import Checker
from newslint.cli.check import check
from newslint.cli.clean import clean_corpus
from newslint.cli.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from newslint.cli.rules import list_rules, show_rule
from newslint.config.settings import Settings, language_tag, load_settings
from newslint.errors import NewslintError, UsageError, did_you_mean
from newslint.model.columns import COLUMN_UNITS
from newslint.model.finding import Severity

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _output(value: str) -> Path | str:
    """A local path, or a URI (``s3://bucket/prefix``) kept as written: a Path would
    fold its ``//``. URIs are for ``--engine ray``."""
    return value if "://" in value else Path(value)


def _codes(value: str) -> tuple[str, ...]:
    return tuple(part.strip().upper() for part in value.split(",") if part.strip())


def _severity(value: str) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError as exc:  # argparse shows an ArgumentTypeError's own words
        hint = did_you_mean(value.lower(), [s.value for s in Severity])
        raise argparse.ArgumentTypeError(f"{exc}{hint}") from None


def _language(value: str) -> str:
    try:
        return language_tag(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


_SEVERITIES = "{" + ",".join(s.value for s in Severity) + "}"


class _Parser(argparse.ArgumentParser):
    """argparse, with the errors a person can act on: one line saying what is wrong
    (with "did you mean" for a misspelt option, command or choice), then one line of
    usage, instead of the whole usage of a command with thirty options; help that
    cannot be written (``--help > /dev/full``) is an error, where argparse's own printing
    ignores it and exits 0."""

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        (file or sys.stdout).write(self.format_help())

    def error(self, message: str) -> NoReturn:
        self.exit(
            EXIT_ERROR,
            f"{self.prog}: error: {message}{self._hint(message)}\n{self.short_usage()}\n",
        )

    def _hint(self, message: str) -> str:
        choice = re.match(
            r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)$", message
        )
        if choice:
            return did_you_mean(choice[2], re.findall(r"'([^']*)'", choice[3]))
        return ""

    def short_usage(self) -> str:
        positionals = " ".join(
            _positional(action) for action in self._actions if not action.option_strings
        )
        words = [self.prog, "[options]", positionals]
        usage = " ".join(word for word in words if word)
        return f"usage: {usage}   (`{self.prog} --help` lists the options)"

    def unknown_options(self, extras: Sequence[str]) -> NoReturn:
        """``unrecognized arguments``, with the closest option of this command."""
        known = [o for action in self._actions for o in action.option_strings]
        first = extras[0]
        hint = did_you_mean(first.split("=", 1)[0], known) if first.startswith("-") else ""
        noun = "argument" if len(extras) == 1 else "arguments"
        self.exit(
            EXIT_ERROR,
            f"{self.prog}: error: unrecognized {noun}: {' '.join(extras)}{hint}\n"
            f"{self.short_usage()}\n",
        )


def _positional(action: argparse.Action) -> str:
    name = str(action.metavar or action.dest.upper())
    return {"*": f"[{name}...]", "+": f"{name}...", "?": f"[{name}]"}.get(str(action.nargs), name)


class _Version(argparse.Action):
    """``--version``, written like the help (argparse's ignores a failed write)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        sys.stdout.write(f"newslint {__version__}\n")
        parser.exit()


def build_parser() -> _Parser:
    parser = _Parser(prog="newslint", description="Lint scraped news articles.")
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="lint files, folders or standard input (-)")
    check.add_argument("paths", nargs="*", default=["."], help="files, folders, or - for stdin")
    _add_output_format(check, default=None, ray_note=True)
    _add_selection(check)
    check.add_argument(
        "--fail-on",
        type=_severity,
        metavar=_SEVERITIES,
        help="lowest severity that fails (default: warning)",
    )
    check.add_argument(
        "--column-unit",
        choices=COLUMN_UNITS,
        default="char",
        help="what columns count: characters (default), UTF-8 bytes (vim's %%c), UTF-16 "
        "code units (VS Code, LSP); the github format always counts UTF-16 units",
    )
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the file name standard input (-) stands for: shown in the report, "
        "matched by per-file-ignores",
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail")
    _add_corpus_input(check)
    run = check.add_argument_group("output and execution")
    run.add_argument("--output", "-o", type=_output, help="write the report to FILE (atomically)")
    run.add_argument("--statistics", action="store_true", help="print counts per code instead")
    run.add_argument("--jobs", "-j", type=_positive, help="worker processes (default: all cores)")
    run.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no summary")
    run.add_argument(
        "--baseline",
        type=Path,
        help="report only findings not in FILE; a missing FILE is written from this run",
    )
    _add_engine(run)

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
    clean.add_argument(
        "--output", "-o", type=_output, required=True, help="repaired records (JSONL)"
    )
    clean.add_argument(
        "--rejected",
        type=_output,
        help="rejected records with their findings (default: OUTPUT.rejected.jsonl)",
    )
    clean.add_argument(
        "--reject-on",
        type=_severity,
        metavar=_SEVERITIES,
        default=Severity.ERROR,
        help="lowest severity left after repair that rejects a record (default: error)",
    )
    clean.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    clean.add_argument(
        "--drop-duplicates",
        action="store_true",
        help="exact copies of an earlier record (C001) go to the rejected file",
    )
    clean.add_argument("--jobs", "-j", type=_positive, help="worker processes (default: all cores)")
    clean.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no counts")
    clean.add_argument(
        "--format", choices=("jsonl", "parquet"), help="records format (parquet: --engine ray)"
    )
    clean.add_argument(
        "--report",
        type=Path,
        metavar="HTML",
        help="also write the report page of the run: what was removed, what remains "
        "(extra: [report])",
    )
    _add_seed(clean)
    _add_engine(clean)
    _add_selection(clean)
    _add_corpus_input(clean)
    _add_common(clean)

    report = commands.add_parser(
        "report", help="write one self-contained HTML page on a corpus (needs [report])"
    )
    report.add_argument("paths", nargs="*", help="corpus files or folders (checked now)")
    report.add_argument(
        "--from",
        dest="from_file",
        type=Path,
        help="findings of `check --format jsonl` instead of checking (with PATHS: examples)",
    )
    report.add_argument("--output", "-o", type=Path, required=True, help="the HTML page")
    report.add_argument("--title", help="title of the page (default: newslint report)")
    report.add_argument(
        "--examples", type=_positive, default=3, help="examples per code (default: 3)"
    )
    _add_seed(report)
    report.add_argument("--jobs", "-j", type=_positive, help="worker processes (default: all)")
    report.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no summary")
    _add_selection(report)
    _add_corpus_input(report)
    _add_common(report)

    rules = commands.add_parser("rules", help="list every rule")
    _add_output_format(rules, ("text", "json"))
    _add_common(rules)
    rule = commands.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("code", help="rule code (e.g. D001) or name")
    _add_common(rule)
    commands.add_parser(
        "server", help="language server over stdio, for editors (extra: newslint[lsp])"
    )
    return parser


def _add_output_format(
    parser: argparse.ArgumentParser,
    choices: Sequence[str] | None = None,
    default: str | None = "text",
    ray_note: bool = False,
) -> None:
    # --format stays as an alias; the formats of `check` come from plugins and an unknown
    # one is reported with the known names once they are loaded. `check` leaves the
    # default to the engine: text here, jsonl files for --engine ray with --output.
    ray = "; jsonl or parquet files with --engine ray" if ray_note else ""
    parser.add_argument(
        "--output-format",
        "--format",
        dest="format",
        default=default,
        choices=choices,
        metavar="FORMAT",
        help=f"output format (default: text{ray})"
        + (
            f"; one of: {', '.join(choices)}"
            if choices
            else "; text, json, jsonl, sarif, github, junit, or a plugin's"
        ),
    )


def _add_seed(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="seed of the random sample of examples in the report (default: 0)",
    )


def _add_selection(parser: argparse.ArgumentParser) -> None:
    # Repeated flags accumulate, as in ruff: --select D --select H selects both.
    parser.add_argument(
        "--select", type=_codes, action="extend", help="codes or prefixes to enable, e.g. D,H,B001"
    )
    parser.add_argument(
        "--extend-select",
        type=_codes,
        action="extend",
        help="codes or prefixes to add to the selection",
    )
    parser.add_argument(
        "--ignore", type=_codes, action="extend", help="codes or prefixes to disable, e.g. Q,M003"
    )
    parser.add_argument(
        "--language",
        type=_language,
        help="language of documents that do not give one, e.g. fr (skips detection)",
    )
    parser.add_argument(
        "--rule-path", action="append", type=Path, default=[], help="extra folder of YAML rules"
    )
    parser.add_argument(
        "--languagetool", metavar="URL", help="LanguageTool server for the G rules (opt-in)"
    )
    parser.add_argument(
        "--languagetool-optional",
        action="store_true",
        default=None,
        help="G rules selected but no server answers: run without them instead of exit 2",
    )


def _add_engine(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    parser.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local: worker processes of this machine (default); ray: Ray Data (extra)",
    )
    parser.add_argument(
        "--ray-address",
        metavar="ADDR",
        help="Ray cluster to run on (default: $RAY_ADDRESS, else a local Ray for the run)",
    )


def _add_corpus_input(parser: argparse.ArgumentParser) -> None:
    corpus = parser.add_argument_group("corpus input (JSONL, Parquet, CSV)")
    corpus.add_argument("--text-field", help="field holding the article text (default: text)")
    corpus.add_argument("--title-field", help="field holding the title (default: title, ...)")
    corpus.add_argument("--id-field", help="field holding the record id (default: id, url, ...)")
    corpus.add_argument("--lang-field", help="field holding the language (default: lang, ...)")
    corpus.add_argument(
        "--site-field", help="field holding the site or URL, for C rules (default: site, url, ...)"
    )
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


class Terminated(BaseException):
    """SIGTERM (``timeout``, CI runners, Kubernetes): unwinds like Ctrl-C, so that
    temporary files are removed and workers stopped."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


#: Exit codes of a run stopped by Ctrl-C or SIGTERM.
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 128 + signal.SIGTERM


def entry_point() -> None:
    """The ``newslint`` program: :func:`main`, then exit. A run stopped by a signal has
    already removed its temporary files and stopped its workers; it exits at once,
    without the interpreter's teardown, where concurrent.futures may still try to wake
    the thread of a pool it stopped and print a spurious error (CPython 3.11). Standard
    output is flushed before the exit code is decided: help or a report that did not
    reach it (``newslint --help > /dev/full``) is exit 2, not 0."""
    try:
        code = main()
    except SystemExit as exc:  # argparse's own exits: --help, --version, a usage error
        code = exc.code if isinstance(exc.code, int) else EXIT_ERROR if exc.code else 0
    if code in (EXIT_INTERRUPTED, EXIT_TERMINATED):
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    if not _flushed_stdout():
        code = EXIT_ERROR
    sys.exit(code)


def _flushed_stdout() -> bool:
    """Flush standard output; False, with the reason on stderr, when it cannot be
    written."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        return not _stdout_error(exc)
    except ValueError:  # closed
        pass
    return True


def _stdout_error(exc: OSError) -> bool:
    """Report an error writing standard output; False for a reader that went away,
    which is not one (``newslint --help | head -1``)."""
    _discard_stdout()
    if isinstance(exc, BrokenPipeError):
        return False
    reason = exc.strerror or str(exc)
    print(f"newslint: error: cannot write to standard output: {reason}", file=sys.stderr)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args, extras = parser.parse_known_args(argv)
    except OSError as exc:  # --help or --version onto an output that cannot take them
        return EXIT_ERROR if _stdout_error(exc) else EXIT_CLEAN
    if extras:
        command = _subparser(parser, args.command)
        command.unknown_options(extras)
    if args.command is None:  # bare `newslint`: the help, as ruff does
        try:
            parser.print_help()
        except OSError as exc:
            _stdout_error(exc)
        return EXIT_ERROR
    if args.command == "server":
        return _serve()
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return _run(args)
    except NewslintError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader of our output went away (`newslint check ... | head`): stop quietly.
        _discard_stdout()
        return EXIT_FINDINGS
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print("newslint: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except OSError as exc:
        # Readers turn their own errors into X001 findings: what reaches here is an output
        # that cannot be written (`> /dev/full`, a full disk, a closed terminal).
        if _stdout_is_broken():
            _discard_stdout()
            print(
                f"newslint: error: cannot write the report: {exc.strerror or exc}", file=sys.stderr
            )
        else:
            print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a plugin's bug: exit 2, never the 1 that means findings
        return _internal_error(exc)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    unknown = [p for p in args.plugins if not p.startswith("no:")]
    if unknown:
        raise UsageError(f"-p {unknown[0]}: only -p no:NAME (block a plugin) is supported")
    checker = Checker(settings, blocked_plugins=[p[3:] for p in args.plugins], strict=False)
    for message in checker.rule_file_errors:
        print(f"newslint: error: {message}", file=sys.stderr)
    if args.command == "rules":
        return list_rules(checker.registry, sys.stdout, args.format)
    if args.command == "rule":
        return show_rule(checker.registry, args.code, sys.stdout)
    if args.command == "clean":
        return clean_corpus(args, checker)
    if args.command == "report":
        from newslint.cli.report import report

        return report(args, checker)
    return check(args, checker)


def _subparser(parser: _Parser, command: str | None) -> _Parser:
    """The parser of ``command`` (``check``...), or the top one."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            return action.choices[command]  # type: ignore[no-any-return]
    return parser


def _internal_error(exc: BaseException) -> int:
    traceback.print_exc()
    print(f"newslint: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    return EXIT_ERROR


def _stdout_is_broken() -> bool:
    """Whether standard output cannot be written (full, closed): what it holds cannot
    be flushed."""
    try:
        sys.stdout.flush()
    except OSError:
        return True
    return False


def _discard_stdout() -> None:
    # Python flushes stdout once more at exit: point it at /dev/null, so that the error
    # already reported is not followed by a traceback.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _serve() -> int:
    try:
        from newslint.server.lsp import main as serve
    except ModuleNotFoundError as exc:
        print(
            f"newslint: error: the language server needs pygls ({exc}): "
            "pip install 'newslint[lsp]'",
            file=sys.stderr,
        )
        return EXIT_ERROR
    return serve()


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config)
    if getattr(args, "command", None) not in ("check", "clean", "report"):
        return settings
    return settings.with_overrides(
        select=_tuple(args.select),
        extend_select=_tuple(args.extend_select),
        ignore=_tuple(args.ignore),
        fail_on=getattr(args, "fail_on", None),
        keep_records=args.command == "clean" or None,
        language=args.language,
        rule_paths=(*settings.rule_paths, *args.rule_path) if args.rule_path else None,
        text_field=args.text_field,
        title_field=args.title_field,
        id_field=args.id_field,
        lang_field=args.lang_field,
        site_field=args.site_field,
        input_format=args.input_format,
    ).with_plugin_settings(
        # flags of the G plugin's settings (newslint.rules.grammar)
        languagetool=args.languagetool,
        languagetool_optional=args.languagetool_optional,
    )


def _tuple(values: list[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(values)
