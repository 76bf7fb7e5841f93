"""D001 duplicate-paragraph."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import line_violation, rule
from newslint.rules.duplication._repetition import repetition


@rule(
    code="D001",
    name="duplicate-paragraph",
    severity="error",
    fixable=True,
    options={"min_chars": Option(60, minimum=1)},
)
def duplicate_paragraph(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A paragraph that repeats an earlier paragraph word for word.

    What it flags: the second and later copies of a paragraph (case, spacing and quote
    marks aside) of at least ``min_chars`` characters (default 60), such as the lead
    printed twice because the scraper took both the page's description and its body.
    Paragraphs that occur three times or more are the page's own structure (repeated
    questions of an interview series, the days of a meal plan) and are left alone, as
    are documents made of such templates.

    Why it matters: the repeated text inflates the article, biases any model trained on
    it, and a reader sees the scraper's seams.

    Example: a French article whose line 3 repeats line 1 ("Après une conversation
    téléphonique entre les chefs ...") gives D001 on line 3. Two paragraphs that only
    share a sentence, or a short repeated crosshead, give nothing.

    Fix: delete the repeated paragraph (safe: its first copy stays).
    """
    for number, first in repetition(doc).duplicates(options["min_chars"]):
        yield line_violation(
            doc,
            number,
            f"paragraph repeats line {first} word for word",
            "Delete the repeated paragraph",
        )
