"""``newslint report``: check a corpus (or read a saved findings file) and write the
report page."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from newslint.checking.checker import Checker
from newslint.cli.common import EXIT_CLEAN, EXIT_ERROR, check_outputs, require_services
from newslint.errors import UsageError
from newslint.io.fileio import atomic_text_writer
from newslint.model.document import Document
from newslint.model.finding import Finding, Severity
from newslint.report.aggregate import Aggregate, document_site
from newslint.running.executors import LocalExecutor
from newslint.running.progress import Progress
from newslint.running.progress import wanted as progress_wanted
from newslint.running.run import Run
from newslint.running.sources import PathSources

EXTRA = (
    "newslint report needs its extra: pip install 'newslint[report]' (altair, vl-convert-python)"
)


def report(args: argparse.Namespace, checker: Checker) -> int:
    """``newslint report``: the HTML page of a corpus, from its checks or a findings file."""
    _require_extra()
    if not args.paths and args.from_file is None:
        raise UsageError("report: give corpus paths, or --from FINDINGS (or both)")
    if not args.output.absolute().parent.is_dir():
        raise UsageError(f"{args.output}: folder {args.output.parent} does not exist")
    # The page never replaces what it is made from: the corpus or the findings file.
    inputs = [*map(str, args.paths), *([str(args.from_file)] if args.from_file else [])]
    check_outputs(inputs, [("--output", args.output)])
    checking = args.from_file is None
    if checking:
        require_services(checker, finished=False)
    data = Aggregate(examples_per_code=args.examples, seed=args.seed)
    sources = PathSources(checker, args.paths)
    progress = Progress(args.paths) if progress_wanted(args.quiet) else None
    pairs: Iterator[tuple[Document, list[Finding]]]
    if not checking:
        pairs = _from_findings(args.from_file, sources if args.paths else None)
        if progress is not None:
            pairs = progress.done(pairs)
        data.articles_known = bool(args.paths)
    else:
        executor = LocalExecutor(args.jobs)
        run = Run(checker, sources, executor=executor, progress=progress, quiet=args.quiet)
        pairs = ((document, list(result.remaining)) for document, result in run)
    for document, findings in pairs:
        site = document_site(document) if document.text or document.problems else None
        data.add(document if document.text else None, findings, site)
    from newslint.report.page import render

    shown = [str(p) for p in args.paths] or [str(args.from_file)]
    page = render(data, args.title or "newslint report", shown)
    with atomic_text_writer(args.output) as out:
        out.write(page)
    if not args.quiet:
        print(
            f"newslint: report of {data.articles} articles and {data.findings} findings "
            f"written to {args.output}",
            file=sys.stderr,
        )
    if checking:  # a server that stopped answering during the run: the page lacks its rules
        require_services(checker, finished=True)
    return EXIT_ERROR if sources.missing or checker.rule_file_errors else EXIT_CLEAN


def _require_extra() -> None:
    try:
        import altair  # noqa: F401
        import vl_convert  # noqa: F401
    except ImportError:
        raise UsageError(EXTRA) from None


def _from_findings(
    path: Path, documents: Iterable[Document] | None
) -> Iterator[tuple[Document, list[Finding]]]:
    """(document, findings) from a findings file written by ``check --format jsonl`` (or
    ``json``): joined in order with the corpus documents when they are given, else one
    empty document per article that has findings."""
    findings = _read_findings(path)
    if documents is None:
        yield from _grouped(findings)
        return
    pending = next(findings, None)
    for document in documents:
        key = (document.path, document.record_number)
        mine = []
        while pending is not None and (pending.path, pending.record_number) == key:
            mine.append(pending)
            pending = next(findings, None)
        yield document, mine
    if pending is not None:
        left = 1 + sum(1 for _ in findings)
        print(
            f"newslint: warning: {left} findings of {path} are not in the corpus, in its "
            "order (was the findings file made from these paths?)",
            file=sys.stderr,
        )


def _grouped(findings: Iterator[Finding]) -> Iterator[tuple[Document, list[Finding]]]:
    group: list[Finding] = []
    for finding in findings:
        if group and (finding.path, finding.record_number) != (
            group[0].path,
            group[0].record_number,
        ):
            yield _stand_in(group[0]), group
            group = []
        group.append(finding)
    if group:
        yield _stand_in(group[0]), group


def _stand_in(finding: Finding) -> Document:
    """An article known only by its findings: no text; its site is its file."""
    return Document("", finding.path, record=finding.record, record_number=finding.record_number)


def _read_findings(path: Path) -> Iterator[Finding]:
    """The findings of a file written by ``check --format jsonl`` (one object a line) or
    ``--format json`` (an array, one object a line); a compact array on one line is read
    too. Lines are read with a bound, so that a device or a file that is not a findings
    file (``/dev/zero``) is refused instead of read into memory."""
    try:
        with path.open("rb") as stream:
            number = 0
            while line := stream.readline(MAX_FINDING_LINE + 1):
                number += 1
                if len(line) > MAX_FINDING_LINE:
                    raise ValueError(
                        f"line {number} is longer than {MAX_FINDING_LINE:,} bytes: "
                        "not a findings file of newslint check"
                    )
                for data in _objects(line):
                    yield _finding(data, number)
    except (OSError, orjson.JSONDecodeError, KeyError, ValueError, TypeError) as exc:
        raise UsageError(f"{path}: cannot read findings: {exc}") from None


#: The longest line a findings file may have: one finding, with its message.
MAX_FINDING_LINE = 1 << 20


def _objects(line: bytes) -> list[Any]:
    """The finding objects of one line: an object, a line of ``--format json``'s array
    (``  {...},``, ``[`` or ``]``), or a whole array."""
    text = line.strip()
    text = text.removeprefix(b"[").removesuffix(b"]").strip().removesuffix(b",").strip()
    if not text:
        return []
    data: list[Any] = orjson.loads(b"[" + text + b"]")
    if not all(isinstance(item, dict) for item in data):
        raise ValueError("expected finding objects")
    return data


def _finding(data: dict[str, Any], number: int) -> Finding:
    def text(key: str, default: str | None = None) -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            raise ValueError(f"line {number}: {key} is not a string: {value!r}")
        return value

    def whole(key: str, default: int | None) -> int | None:
        value = data.get(key)
        if value is None:
            return default
        if type(value) is not int or value < 0:
            raise ValueError(f"line {number}: {key} is not a whole number: {value!r}")
        return value

    record = data.get("record")
    line = whole("line", 1) or 1
    column = whole("column", 1) or 1
    return Finding(
        path=text("path"),
        record=None if record is None else str(record),
        record_number=whole("record_number", None),
        line=line,
        column=column,
        end_line=whole("end_line", line) or line,
        end_column=whole("end_column", column) or column,
        code=text("code"),
        rule=text("rule", ""),
        severity=Severity.parse(text("severity", "warning")),
        message=text("message", ""),
    )
