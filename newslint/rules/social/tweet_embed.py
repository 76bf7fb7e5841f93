"""H003 tweet-embed."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import line_violation, rule
from newslint.model.text import lf_line_ends

# The sign-off an embedded tweet leaves: "— Name (@handle) November 18, 2019".
_SIGN_OFF = re.compile(
    r"^[ \t]*[—–-]+[ \t]*[^\n]{1,100}?\(@\w{1,15}\)[ \t]*[^\n]{0,24}?\d{4}[ \t]*\r?$",
    re.MULTILINE,
)


@rule(code="H003", name="tweet-embed", severity="error", fixable=True, requires=("(@",))
def tweet_embed(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The sign-off line of an embedded social-media post.

    What it flags: a line like ``— Riverton City Council (@RivertonCouncil) March 4, 2019``:
    a dash, a name, an ``(@handle)`` and a date, which is what an embedded tweet leaves
    in extracted text.

    Why it matters: the embed (and usually the line above it, the tweet itself) is not
    the article's text.

    Example: "— Jane Doe (@janedoe_news) November 1, 2019" gives H003. "Le
    compte @RivertonCouncil a publié la liste mardi." gives nothing.

    Fix: delete the line (safe).
    """
    for match in _SIGN_OFF.finditer(lf_line_ends(doc.text)):
        line_no, _ = doc.position(match.start())
        yield line_violation(
            doc, line_no, "sign-off of an embedded social-media post", "Delete the embed line"
        )
