"""X900 internal-error."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule


@rule(code="X900", name="internal-error", severity="error")
def internal_error(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A rule crashed on this document.

    What it flags: the engine reports this code, naming the rule and the exception,
    when a rule raises while checking a document. The check itself never fires.

    Why it matters: a bug in one (possibly third-party) rule must not end a run over a
    million articles; the other rules and documents still run, and the crash is visible.

    Example: a plugin rule that raises ``KeyError`` on an empty article gives
    ``X900 rule Z001 (my-rule) crashed: KeyError: ...`` on that article only. An
    article on which every rule runs gives nothing.
    """
    return iter(())
