"""E005 control-character."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Fix, Violation
from newslint.model.rule import rule
from newslint.rules.encoding._chars import CONTROL_CLASS, has_control, mojibake_repairs

_CONTROL = re.compile(f"[{CONTROL_CLASS}]+")


@rule(code="E005", name="control-character", severity="error", fixable=True)
def control_character(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Control characters other than tab and line breaks.

    What it flags: C0 controls (U+0000-U+001F except tab, line feed and carriage
    return), DEL and C1 controls (U+0080-U+009F), which are never text.

    Why it matters: they come from binary junk or a wrong decoding; many tools choke on
    them (XML, JSON consumers, terminals).

    Example: "Le ministre\\x07 a démissionné" gives E005. Text with tabs and line
    breaks gives nothing, and so do the C1 controls of mojibake that E001 reports and
    repairs ("itâ\\x80\\x99s" for "it’s"): one defect, one finding.

    Fix: delete the characters (safe).
    """
    if not has_control(doc):
        return  # the usual case, known from the scan shared with E001 and E004
    repaired = _repaired_spans(doc)
    for match in _CONTROL.finditer(doc.text):
        if any(start <= match.start() < end for start, end in repaired):
            continue
        codes = ", ".join(f"U+{ord(c):04X}" for c in match.group()[:3])
        yield Violation(
            match.start(),
            match.end(),
            f"control character {codes}",
            Fix.delete(match.start(), match.end(), "Delete control characters"),
        )


def _repaired_spans(doc: Document) -> list[tuple[int, int]]:
    """Where E001's repair takes every control character out of a paragraph."""
    return [
        (repair.paragraph.start, repair.paragraph.end)
        for repair in mojibake_repairs(doc)
        if not _CONTROL.search(repair.text)
    ]
