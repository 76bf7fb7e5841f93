"""Fix mode of ``newslint check`` (``--fix``, ``--diff``) on plain files: each document
is repaired by the run's work (:class:`~newslint.running.work.Repair`, in the workers),
then written back atomically or shown as a diff here, in input order (:class:`FixWriter`,
the sink of fix mode).

A file is rewritten only if it is still what was read: a file edited during the run, a
file with several hard links (a rename would split them), a file that is not a regular
file or cannot be written is left alone, and says so with an X004 finding.
"""

from __future__ import annotations

import difflib
import functools
import os
import stat
import sys
from collections.abc import Callable
from typing import TextIO

from newslint.checking.checker import Checker
from newslint.checking.engine import NOT_REWRITTEN_CODE
from newslint.errors import counted
from newslint.fixing.edits import FixResult
from newslint.io.fileio import WriteRefused, atomic_bytes_writer
from newslint.io.readers.decoding import decode
from newslint.model.document import Document
from newslint.model.finding import Finding
from newslint.running.work import Repair


def repair_in_place(checker: Checker, *, write: bool, unsafe: bool) -> Repair:
    """The work of fix mode: repair the documents that can be fixed in place (or shown
    as a diff), check the others."""
    skip: Callable[[Document], str | None] = functools.partial(fixable_in_place, write=write)
    return Repair(checker, unsafe=unsafe, skip=skip)


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


class FixWriter:
    """The sink of fix mode: writes each repaired document back (``write``) or shows it
    as a diff on ``diff``, and reports what it did on ``log``."""

    def __init__(
        self,
        checker: Checker,
        *,
        write: bool,
        diff: TextIO | None,
        show_fixes: bool,
        log: TextIO | None = None,
    ) -> None:
        self.checker = checker
        self.write, self.diff, self.show_fixes = write, diff, show_fixes
        self._log = log
        self.fixed = 0  # findings of the report whose fixes were applied
        self.uncovered = 0  # findings that appeared once fixes were applied, fixed too
        self.files_changed = 0

    @property
    def log(self) -> TextIO:
        """The stream given, else the sys.stderr of the moment (not of import time)."""
        return self._log if self._log is not None else sys.stderr

    def apply(self, document: Document, outcome: FixResult) -> tuple[Document, list[Finding]]:
        """Write (or show) the repair of ``document``; the document as it now is, with
        its findings located in it."""
        findings = list(outcome.remaining)
        if not outcome.applied:
            reason = fixable_in_place(document, self.write)
            if reason is not None and any(f.fix for f in findings):
                print(f"newslint: {document.path}: {reason}", file=self.log)
            return document, findings
        if outcome.text != document.text:
            refused = self._changed(document, outcome)
            findings = sorted([*findings, *refused], key=Finding.sort_key)
            # The remaining findings are located in the repaired text.
            document = document.with_text(outcome.text)
        return document, findings

    def _changed(self, document: Document, result: FixResult) -> list[Finding]:
        """Show, write and count a repaired document; an X004 finding if it could not
        be written."""
        if self.write:
            refused = write_back(document, result.text)
            if refused is not None:
                print(f"newslint: {document.path}: not rewritten: {refused}", file=self.log)
                message = f"file not rewritten: {refused}"
                return self.checker.report(document, NOT_REWRITTEN_CODE, "not-rewritten", message)
        self.fixed += result.reported
        self.uncovered += len(result.applied) - result.reported
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
        return []

    def summary(self) -> str:
        verb = "Fixed" if self.write else "Would fix"
        # The first count is the "N fixable" of `newslint check` on the same files.
        fixed, files = counted(self.fixed, "finding"), counted(self.files_changed, "file")
        more = ""
        if self.uncovered:
            uncover = "uncovered" if self.write else "uncover"
            more = f" (and {counted(self.uncovered, 'finding')} the fixes {uncover})"
        return f"{verb} {fixed} in {files}{more}."


def write_back(document: Document, text: str) -> str | None:
    """Write ``text`` over the file ``document`` was read from, as it was encoded; the
    reason it was not written, or None."""
    bom: bytes = document.metadata.get("bom", b"")
    encoding: str = document.metadata.get("encoding", "utf-8")
    try:
        info = os.stat(document.path)
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if info.st_nlink > 1:
            return (
                f"it has {info.st_nlink} hard links, which replacing it would break "
                "(use --diff and apply the patch)"
            )
        with atomic_bytes_writer(document.path, unchanged=lambda: _unchanged(document)) as out:
            out.write(bom + text.encode(encoding))
    except WriteRefused as exc:
        return str(exc)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _unchanged(document: Document) -> str | None:
    """Why the file is no longer what was read (None when it still is)."""
    with open(document.path, "rb") as stream:
        text, _ = decode(stream.read())
    if text != document.text:
        return "it changed on disk during the run (run newslint again)"
    return None


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
