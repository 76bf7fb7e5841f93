"""newslint-shouting: a minimal third-party newslint plugin with one rule, ZZZ001.

A plugin package needs only this: a rule made with ``newslint.model.rule``, a
``newslint_rules`` hook implementation returning it, and an entry point in the
``newslint`` group (see pyproject.toml) naming this module.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint import Document, Rule, Violation, hookimpl, rule


@rule(code="ZZZ001", name="shouting-line", severity="warning", options={"min-words": 4})
def shouting_line(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A line written entirely in capital letters.

    What it flags: a line of at least ``min-words`` words (default 4) with no
    lower-case letter.

    Why it matters: scrapers pick up banners and breaking-news tickers written in
    capitals; they are not part of the article.

    Example: ``LA RUSSIE MASSE DES TROUPES À LA FRONTIÈRE`` is flagged; the crosshead
    ``Menace de sanctions «rapides et sévères»`` and the acronym ``OTAN`` are not.

    Fix: none.
    """
    for line in doc.lines:
        if line.text.isupper() and len(line.text.split()) >= options["min-words"]:
            yield Violation(line.start, line.end, "line written entirely in capitals")


@hookimpl
def newslint_rules(settings: object) -> list[Rule]:
    return [shouting_line]
