"""G005 style-issue."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.grammar._categories import STYLE
from newslint.rules.grammar._report import violations


@rule(code="G005", name="style-issue", severity="info", fixable=True, default_enabled=False)
def style_issue(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A style remark: redundancy, wordiness, repeated words, register.

    What it flags: a LanguageTool match of a style issue type (``style``,
    ``register``, ``locale-violation``) or category (``STYLE``, ``REDUNDANCY``,
    ``REPETITIONS_STYLE``...): ``very unique``, three sentences in a row that start
    with the same word, a British spelling in American English. Info: a matter of taste, never a defect by
    itself.

    Why it matters: it helps an editor tidy a text; on a corpus it shows machine-written
    or translated passages, which LanguageTool finds wordy.

    Example: "The results were very unique." gives G005 at 'very unique' (→ 'unique').
    "The results were unique." gives nothing.

    Fix: LanguageTool's first suggestion (unsafe).
    Needs a LanguageTool server: see ``--languagetool`` and languagetool/README.md.
    """
    yield from violations(doc, STYLE)
