"""E001 mojibake."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Fix, Violation
from newslint.model.rule import rule
from newslint.rules.encoding._chars import TELLTALES, has_telltale, paragraphs_matching

# A paragraph without any of the telltales is skipped without running ftfy.
_TELLTALE = re.compile("[" + "".join(sorted(TELLTALES)) + "]")


@rule(code="E001", name="mojibake", severity="error", fixable=True)
def mojibake(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Text decoded with the wrong encoding (mojibake).

    What it flags: a paragraph that ftfy recognises as UTF-8 decoded as Latin-1 or
    Windows-1252 (``Ã©`` for ``é``, ``â€™`` for ``’``) and can repair.

    Why it matters: every accented letter and typographic quote of the paragraph is
    corrupted; search, tokenisers and readers all see garbage.

    Example: "Le ministre a dÃ©clarÃ© que la situation Ã©tait grave." gives E001 with
    the repair "déclaré ... était". "Le ministre a déclaré que la situation était
    grave." gives nothing.

    Fix: replace the paragraph with ftfy's repair (safe: ftfy only changes text it is
    confident about).
    """
    if not has_telltale(doc):
        return
    # Imported here, past the telltale check: ftfy takes longer to import than most
    # texts take to check, and most texts have no telltale.
    import ftfy

    from newslint.rules.encoding._badness import looks_bad

    for paragraph in paragraphs_matching(doc, _TELLTALE):
        text = paragraph.text
        if not looks_bad(text):  # ftfy's is_bad, only tried near non-ASCII characters
            continue
        repaired = ftfy.fix_encoding(text)
        if repaired == text:
            continue
        yield Violation(
            paragraph.start,
            paragraph.end,
            "mojibake (text decoded with the wrong encoding)",
            Fix.replace(paragraph.start, paragraph.end, repaired, "Repair the encoding"),
        )
