"""B017 not-article-text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import rule
from newslint.structure import LITERALS, Block, Part, Structure
from newslint.structure.violations import block_violations, describe


@rule(
    code="B017",
    name="not-article-text",
    severity="warning",
    fixable=True,
    options={
        "min_lines": Option(1, minimum=1),
        "min_confidence": Option(0.0, minimum=0.0, maximum=1.0),
    },
    literals=LITERALS,
)
def not_article_text(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Text outside the article body that is not the article, where no other rule names it.

    What it flags: lines outside the article body found by the structure view
    (``newslint.structure``) that are not navigation, comments or recognised furniture:
    the top of a whole-page scrape above the article's headline, what follows the
    first piece of page furniture below the article (promotions, teaser text, footers),
    lines inside the body that the line model plainly rejects, and runs without
    navigation evidence that the model rejects (a list that is the article is kept).
    One finding per run. Runs of fewer than ``min_lines`` non-blank lines (default 1),
    and runs whose lines the line model gives, on average, a probability below
    ``min_confidence`` (default 0.0: every run) of not being article text, are left out.
    Needs a language with a function-word list (wordfreq's).

    Why it matters: what a scraper keeps around an article is text of the site, not of
    the article, and is repeated on every page of the site.

    Example: an article that ends with "Share this story" and then "Want more stories
    like this one? Get the free daily briefing in your inbox." gives B016 for the
    share line and B017 for the promotion. An article whose last paragraph is a short
    sentence gives nothing.

    Fix: delete the block (safe).
    """
    yield from block_violations(
        doc,
        Part.OTHER,
        _message,
        "Delete the text that is not the article",
        min_lines=options["min_lines"],
        min_confidence=options["min_confidence"],
    )


def _message(found: Structure, block: Block) -> str:
    where = "above" if found.body and block.last < found.body[0] else "around"
    return f"text {where} the article that is not the article ({describe(found, block)})"
