"""newslint-hazards: a test plugin that the Ray workers of the test session load (this
folder is on their PYTHONPATH, with the distribution's entry point beside it), never
the test process itself. Two rules that only act on texts holding a marker:
ZZH001 raises (an X900 finding), ZZH002 ends its process (a worker that dies)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

from newslint import Document, Rule, Violation, hookimpl, rule

RAISE_MARKER = "NEWSLINT-TEST-RAISE"
EXIT_MARKER = "NEWSLINT-TEST-EXIT"


@rule(code="ZZH001", name="raising-rule", severity="warning")
def raising_rule(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Raises on a text holding the raise marker."""
    if RAISE_MARKER in doc.text:
        raise RuntimeError("this rule fails on purpose")
    yield from ()


@rule(code="ZZH002", name="exiting-rule", severity="warning")
def exiting_rule(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Ends its process on a text holding the exit marker."""
    if EXIT_MARKER in doc.text:
        os._exit(3)
    yield from ()


@hookimpl
def newslint_rules(settings: object) -> list[Rule]:
    return [raising_rule, exiting_rule]
