"""B015 navigation-block."""

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
    code="B015",
    name="navigation-block",
    severity="warning",
    fixable=True,
    options={"min_lines": Option(1, minimum=1)},
    literals=LITERALS,
)
def navigation_block(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Menus, breadcrumbs and lists of links around the article.

    What it flags: a run of lines outside the article body that the structure view
    (``newslint.structure``) takes for navigation: the page header's menus and
    breadcrumbs above the article, a list of related headlines after it ("Related",
    "More from", "Most read", "Lire aussi", "Mehr zum Thema", "Leia também" and the
    list items after the body), tag lists ("Tags:", "Filed under:"), rows of a layout
    table ("| | |", "| Sport | Business |"), or such a header inside the body. Short
    lines are not navigation by themselves: a run needs navigation evidence (menu or
    related-links words, items that look like links: addresses, rows of links, repeated
    lines, headlines with dates; or a place at the edge of the page with menu-like
    items). A list that is the article (the ingredients and steps of a recipe, a
    ranking, the steps of a guide) stays the article. One finding per run, spanning its
    lines; runs of fewer than ``min_lines`` non-blank lines (default 1) are left out. A
    line another B rule reports alone (B001 "Lire aussi ...") is left to it. Needs a
    language with a function-word list (wordfreq's).

    Why it matters: a naive scrape or a web-archive dump keeps the whole page; menus and
    teaser lists are not the article and drown it in repeated site-wide text.

    Example: an article followed by "- 12 Stunning Photos of Comets", "- 9 Surprising
    Facts About Our Nearest Star", "- The 10 Strangest Mysteries About Black Holes"
    gives one B015 over the three lines. An article that announces a list
    ("Here are the highlights:") and gives it keeps its list, and so does a recipe
    ("Ingredients", "- 225g caster sugar", ..., "1. Heat the oven to 180C.").

    Fix: delete the block (safe).
    """
    yield from block_violations(
        doc, Part.NAVIGATION, _message, "Delete the navigation", min_lines=options["min_lines"]
    )


def _message(found: Structure, block: Block) -> str:
    return f"navigation or list of links, not the article ({describe(found, block)})"
