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
from newslint.cli.common import EXIT_CLEAN, EXIT_ERROR
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
    data = Aggregate(examples_per_code=args.examples, seed=args.seed)
    sources = PathSources(checker, args.paths)
    progress = Progress(args.paths) if progress_wanted(args.quiet) else None
    pairs: Iterator[tuple[Document, list[Finding]]]
    if args.from_file is not None:
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

    inputs = [str(p) for p in args.paths] or [str(args.from_file)]
    page = render(data, args.title or "newslint report", inputs)
    with atomic_text_writer(args.output) as out:
        out.write(page)
    if not args.quiet:
        print(
            f"newslint: report of {data.articles} articles and {data.findings} findings "
            f"written to {args.output}",
            file=sys.stderr,
        )
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
    try:
        with path.open("rb") as stream:
            head = stream.read(1)
            while head.isspace():
                head = stream.read(1)
            stream.seek(0)
            if head == b"[":
                yield from map(_finding, orjson.loads(stream.read()))
                return
            for number, line in enumerate(stream, 1):
                if line.strip():
                    yield _finding(orjson.loads(line), path, number)
    except (OSError, orjson.JSONDecodeError, KeyError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read findings: {exc}") from exc


def _finding(data: dict[str, Any], path: Path | None = None, number: int = 0) -> Finding:
    return Finding(
        path=data["path"],
        record=data.get("record"),
        record_number=data.get("record_number"),
        line=int(data.get("line") or 1),
        column=int(data.get("column") or 1),
        end_line=int(data.get("end_line") or data.get("line") or 1),
        end_column=int(data.get("end_column") or data.get("column") or 1),
        code=data["code"],
        rule=data.get("rule", ""),
        severity=Severity.parse(data.get("severity", "warning")),
        message=data.get("message", ""),
    )
