"""M005 lower-case-sentence."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.garbling._boundaries import lower_case_starts
from newslint.rules.garbling._prose_boundaries import prose_boundaries


@rule(code="M005", name="lower-case-sentence", severity="info")
def lower_case_sentence(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A sentence that starts in lower case right after a full stop.

    What it flags: ``word. word`` where the second word is lower case and the first is
    not an abbreviation (``etc.``, ``Mr.``, ``tsp.``, ``z. B.``) and the second is not a
    brand written in lower case (``iPhone``, ``eBay``). An info note: writers' typos
    produce it as well as garbling; M001 reports the garbled cases, M006 those in clean prose.

    Why it matters: a broken sentence boundary is where extraction or translation went
    wrong, or where a word was lost.

    Example: "After a shaky first week. we've grown to like it" gives M005. "Il a
    parlé avec M. Lavrov, etc. et avec d'autres." gives nothing.

    Fix: none.
    """
    strong = set(prose_boundaries(doc))
    for start, end, prev, stray in lower_case_starts(doc):
        if not stray and (start, end, prev, stray) not in strong:
            yield Violation(start, end, f"sentence starts in lower case after '{prev}.'")
