"""X004 not-rewritten."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule


@rule(code="X004", name="not-rewritten", severity="error")
def not_rewritten(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """``--fix`` had repairs for this file but did not write them.

    What it flags: newslint reports this code, with the reason, when a file that
    ``--fix`` repaired is not replaced: it changed on disk while newslint was working
    on it, it has several hard links (a rename would split them), it is not a regular
    file, or it cannot be written. The check itself never fires.

    Why it matters: a fix that silently did not happen leaves the defect in place while
    the run looks successful; the other files are still fixed and reported.

    Example: ``newslint check --fix article.txt`` while an editor saves a new version of
    ``article.txt`` gives ``X004 file not rewritten: it changed on disk during the run``
    and keeps the editor's version. A file nobody touches is fixed and gives nothing.

    Fix: none; run ``newslint check --fix`` again, or apply ``--diff`` with ``patch``.
    """
    return iter(())
