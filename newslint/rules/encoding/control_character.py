"""E005 control-character."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Fix, Violation
from newslint.model.rule import rule
from newslint.rules.encoding._chars import CONTROL_CLASS, has_control

_CONTROL = re.compile(f"[{CONTROL_CLASS}]+")


@rule(code="E005", name="control-character", severity="error", fixable=True)
def control_character(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Control characters other than tab and line breaks.

    What it flags: C0 controls (U+0000-U+001F except tab, line feed and carriage
    return), DEL and C1 controls (U+0080-U+009F), which are never text.

    Why it matters: they come from binary junk or a wrong decoding; many tools choke on
    them (XML, JSON consumers, terminals).

    Example: "Le ministre\\x07 a démissionné" gives E005. Text with tabs and line
    breaks gives nothing.

    Fix: delete the characters (safe).
    """
    if not has_control(doc):
        return  # the usual case, known from the scan shared with E001 and E004
    for match in _CONTROL.finditer(doc.text):
        codes = ", ".join(f"U+{ord(c):04X}" for c in match.group()[:3])
        yield Violation(
            match.start(),
            match.end(),
            f"control character {codes}",
            Fix.delete(match.start(), match.end(), "Delete control characters"),
        )
