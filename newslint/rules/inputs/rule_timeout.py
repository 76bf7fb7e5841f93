"""X003 rule-timeout."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule


@rule(code="X003", name="rule-timeout", severity="error")
def rule_timeout(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A rule ran past its time budget on this document and was stopped.

    What it flags: the engine reports this code, naming the rule, when a rule spends more
    than ``rule-timeout`` seconds (configuration, default 10) on one document, or when a
    YAML rule's regular expression runs past its own time limit. The check itself never
    fires.

    Why it matters: a pathological document (a 20 MB single line) or a catastrophic
    user pattern must not hang a CI run; the other rules and documents still run, and
    the document is known not to be fully checked.

    Example: a user YAML rule with the pattern ``(a|aa)+$`` on a line of 5,000 ``a``
    followed by ``b`` gives X003 for that document. A rule that finishes in time gives
    nothing.

    Fix: none.
    """
    return iter(())
