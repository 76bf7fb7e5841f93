"""H005 handle-line."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import line_violation, rule
from newslint.model.text import lf_line_ends

_HANDLES_ONLY = re.compile(
    r"^[ \t]*(?:(?:via|by|par|von|por|di)[ \t]+)?@\w{1,30}(?:[ \t,]+@\w{1,30})*[ \t]*\r?$",
    re.MULTILINE | re.IGNORECASE,
)


@rule(code="H005", name="handle-line", severity="warning", fixable=True, requires=("@",))
def handle_line(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A line that is nothing but social-media handles.

    What it flags: a line made only of ``@handles`` (optionally after "via"/"par"),
    left by share widgets and author boxes.

    Why it matters: it is page furniture, not the article.

    Example: a line "@AFP @franceinfo" gives H005. "Selon le compte @AFP, le
    ministre a démissionné." gives nothing.

    Fix: delete the line (safe).
    """
    for match in _HANDLES_ONLY.finditer(lf_line_ends(doc.text)):
        line_no, _ = doc.position(match.start())
        yield line_violation(doc, line_no, "line of social-media handles", "Delete the line")
