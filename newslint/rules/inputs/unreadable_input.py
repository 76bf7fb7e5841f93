"""X001 unreadable-input."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule


@rule(code="X001", name="unreadable-input", severity="error")
def unreadable_input(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A file or record that cannot be read or decoded as it should.

    What it flags: a file that cannot be opened, a binary file, bytes that are not
    valid in the file's encoding (linted anyway, with replacement characters), a record
    without its text field or with invalid JSON.

    Why it matters: a corpus build must know which inputs were not, or only partly,
    checked; the run goes on with the other inputs.

    Example: a file with the bytes ``caf\\xe9`` (Latin-1, not UTF-8) gives
    ``X001 invalid UTF-8 at byte 3``. A valid UTF-8 file gives nothing.
    """
    for problem in doc.problems:
        yield Violation(problem.offset, problem.offset, problem.message)
