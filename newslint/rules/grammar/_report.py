"""Violations of one G code from the document's shared LanguageTool matches."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from newslint.model.document import Document
from newslint.model.finding import Fix, Violation
from newslint.rules.grammar._languagetool import document_matches
from newslint.rules.grammar._matches import Match

_SHOWN = 40  # characters of the matched text quoted in a message


def violations(
    doc: Document, code: str, keep: Callable[[Match], bool] = lambda match: True
) -> Iterator[Violation]:
    for match in document_matches(doc):
        if match.code == code and keep(match):
            yield Violation(match.start, match.end, message(doc, match), fix(match))


def message(doc: Document, match: Match) -> str:
    """``'tset' → 'set': Possible spelling mistake found. [MORFOLOGIK_RULE_EN_US]``"""
    matched = " ".join(doc.text[match.start : match.end].split())
    if len(matched) > _SHOWN:
        matched = matched[: _SHOWN - 1] + "…"
    quoted = f"'{matched}'"
    if match.replacements:
        quoted += f" → '{match.replacements[0]}'"
    return f"{quoted}: {match.message} [{match.rule_id}]"


def fix(match: Match) -> Fix | None:
    """LanguageTool's first suggestion; unsafe, since it is only a guess."""
    if not match.replacements:
        return None
    suggestion = match.replacements[0]
    return Fix.replace(
        match.start, match.end, suggestion, f"Replace with '{suggestion}'", safety="unsafe"
    )
