"""LanguageTool's matches as the G rules see them: spans in characters of the document
text, and the G code of each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newslint.rules.grammar._categories import classify
from newslint.rules.grammar._offsets import Utf16Index


@dataclass(frozen=True, slots=True)
class Match:
    """One LanguageTool match, located in code points of the document text."""

    start: int
    end: int
    code: str  # G001..G006
    rule_id: str
    message: str
    replacements: tuple[str, ...]
    category: str
    issue_type: str

    def shifted(self, by: int) -> Match:
        return Match(
            self.start + by,
            self.end + by,
            self.code,
            self.rule_id,
            self.message,
            self.replacements,
            self.category,
            self.issue_type,
        )


def convert(raw: Sequence[Any], text: str) -> tuple[Match, ...]:
    """Our matches from language-tool-python's ``Match`` objects for ``text``.

    LanguageTool counts UTF-16 code units. language-tool-python moves ``offset`` to
    code points but leaves ``error_length`` in UTF-16 units, so the end is computed
    here from the start's UTF-16 offset.
    """
    index = Utf16Index(text)
    found = []
    for match in raw:
        start, end = index.span(index.to_units(match.offset), match.error_length)
        found.append(
            Match(
                start,
                end,
                classify(match.rule_id, match.category, match.rule_issue_type),
                match.rule_id,
                " ".join(str(match.message).split()),
                tuple(match.replacements[:3]),
                match.category,
                match.rule_issue_type,
            )
        )
    return tuple(found)
