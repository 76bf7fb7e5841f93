"""H004 social-link."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule

_LINK = re.compile(r"(?:https?://)?(?:pic\.twitter\.com|t\.co)/[A-Za-z0-9]+", re.IGNORECASE)


@rule(code="H004", name="social-link", severity="warning", requires=("t.co/", "pic.twitter.com/"))
def social_link(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A short link left by an embedded tweet.

    What it flags: ``pic.twitter.com/...`` and ``https://t.co/...`` links, which only
    the text of an embedded tweet contains.

    Why it matters: the line is a social-media post pasted into the article, not the
    article's own text, and the link is dead weight.

    Example: "I urge all residents to vote early pic.twitter.com/Qx7bLm2TzA" gives H004.
    "Le ministre a publié un message sur Twitter." gives nothing.

    Fix: none (the post may be quoted on purpose; deleting it is an editorial choice).
    """
    for match in _LINK.finditer(doc.text):
        yield Violation(match.start(), match.end(), f"embedded-post link '{match.group()}'")
