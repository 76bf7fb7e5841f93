"""Fix mode of ``newslint check`` (``--fix``, ``--diff``) on plain files: repair each
document with its findings' fixes, then write it back atomically or print a diff."""

from __future__ import annotations

import dataclasses
import difflib
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from newslint.config import Settings
from newslint.document import Document
from newslint.fileio import atomic_bytes_writer
from newslint.finding import Finding
from newslint.fixing import FixResult, fix_text
from newslint.rule import Rule


def linter(hook: Any, template: Document, rules: list[Rule], settings: Settings):  # type: ignore[no-untyped-def]
    """A function from text to findings for documents like ``template``."""

    def lint(text: str) -> list[Finding]:
        document = dataclasses.replace(template, text=text, cache={})
        return hook.newslint_check_document(document=document, rules=rules, settings=settings) or []

    return lint


def repair(
    hook: Any, document: Document, rules: list[Rule], settings: Settings, unsafe: bool
) -> FixResult:
    return fix_text(document.text, linter(hook, document, rules, settings), unsafe)


def fixable_in_place(document: Document, write: bool = True) -> str | None:
    """Why ``document`` cannot be fixed (rewritten in place when ``write``, else shown
    as a diff), or None when it can."""
    if document.record_number is not None:
        return "records of a corpus file are never rewritten in place; use `newslint clean`"
    if document.path == "-" and write:
        return "standard input cannot be rewritten; use --diff"
    if document.problems:
        return "the file could not be read cleanly; not rewritten"
    return None


class FixRun:
    """Runs fix mode over a document stream and reports what it did on ``log``."""

    def __init__(
        self,
        hook: Any,
        rules: list[Rule],
        settings: Settings,
        *,
        write: bool,
        diff: TextIO | None,
        unsafe: bool,
        show_fixes: bool,
        log: TextIO | None = None,
    ) -> None:
        self.hook, self.rules, self.settings = hook, rules, settings
        self.write, self.diff, self.unsafe, self.show_fixes = write, diff, unsafe, show_fixes
        self._log = log
        self.fixed = 0
        self.files_changed = 0

    @property
    def log(self) -> TextIO:
        """The stream given, else the sys.stderr of the moment (not of import time)."""
        return self._log if self._log is not None else sys.stderr

    def run(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Finding]]]:
        for document in documents:
            reason = fixable_in_place(document, self.write)
            if reason is not None:
                findings = (
                    self.hook.newslint_check_document(
                        document=document, rules=self.rules, settings=self.settings
                    )
                    or []
                )
                if any(f.fix for f in findings):
                    print(f"newslint: {document.path}: {reason}", file=self.log)
                yield document, findings
                continue
            result = repair(self.hook, document, self.rules, self.settings, self.unsafe)
            if result.text == document.text:
                yield document, list(result.remaining)
                continue
            self._changed(document, result)
            # The remaining findings are located in the repaired text.
            yield dataclasses.replace(document, text=result.text, cache={}), list(result.remaining)

    def _changed(self, document: Document, result: FixResult) -> None:
        self.fixed += len(result.applied)
        self.files_changed += 1
        if self.show_fixes:
            for finding in result.applied:
                assert finding.fix is not None
                print(
                    f"fixed {finding.path}:{finding.line}:{finding.column}: {finding.code} "
                    f"{finding.fix.title}",
                    file=self.log,
                )
        if self.diff is not None:
            self.diff.writelines(unified_diff(document.path, document.text, result.text))
        if self.write:
            bom: bytes = document.metadata.get("bom", b"")
            encoding: str = document.metadata.get("encoding", "utf-8")
            with atomic_bytes_writer(document.path) as stream:
                stream.write(bom + result.text.encode(encoding))

    def summary(self) -> str:
        verb = "Fixed" if self.write else "Would fix"
        return f"{verb} {self.fixed} findings in {self.files_changed} files."


def unified_diff(path: str, before: str, after: str) -> list[str]:
    old, new = (path, path) if path.startswith("/") else (f"a/{path}", f"b/{path}")
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=old,
        tofile=new,
    )
    # A last line without a line break must not glue to the next diff line.
    return [
        line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        for line in lines
    ]
