"""B016 page-furniture."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import rule
from newslint.structure import LITERALS, Block, Structure
from newslint.structure.markers import Marker
from newslint.structure.paragraphs import Part
from newslint.structure.violations import block_violations, describe

_NAMES = {
    Marker.SHARE: "share or follow line",
    Marker.SUBSCRIBE: "subscription or newsletter box",
    Marker.LEGAL: "legal or copyright notice",
    Marker.CREDIT: "credit or author line",
    Marker.ABOUT: "'About' section",
    Marker.CMS: "CMS error or template placeholder",
    Marker.SIGNATURE: "byline or comment signature",
}


@rule(
    code="B016",
    name="page-furniture",
    severity="warning",
    fixable=True,
    options={"min_lines": Option(1, minimum=1)},
    literals=LITERALS,
)
def page_furniture(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Page furniture: share, subscription, legal, credit and "About" boxes, CMS output.

    What it flags: lines, outside the article body or inside it, that the structure view
    (``newslint.structure``) recognises as part of the page rather than of the article:
    share and follow lines ("Share this story", "Suivez-nous sur", "Folgen Sie uns",
    "Siga-nos"), subscription and newsletter boxes ("Sign up for our newsletter",
    "Newsletter abonnieren", "Inscrivez-vous", "Receba em seu e-mail"), legal footers
    ("All rights reserved", "Impressum", "Politique de confidentialité"), credit and
    author lines ("Reporting by ...", "... contributed to this report", "Write to ... at
    ...@..."), a press release's "About <company>" section, CMS and PHP error output
    ("Warning: ... in /var/www/... on line 12") and unfilled template placeholders
    ("{{ title }}", shortcodes "[button ...]...[/button]"). One finding per run of such
    lines; runs of fewer than ``min_lines`` non-blank lines (default 1) are left out.
    Needs a language with a function-word list (wordfreq's).

    Why it matters: these blocks are repeated on every page of a site; in a corpus they
    are text the model sees thousands of times, and none of it is the article.

    Example: "About my6sense" and the paragraph after it, at the end of a press release,
    give one B016 over both lines. "Sign up for a free 7-day trial, then pay $6.99 a
    month." inside the article gives nothing.

    Fix: delete the block (safe).
    """
    yield from block_violations(
        doc, Part.FURNITURE, _message, "Delete the page furniture", min_lines=options["min_lines"]
    )


def _message(found: Structure, block: Block) -> str:
    kinds = [found.markers[i] for i in range(block.first, block.last + 1)]
    kind = next((_NAMES[k] for k in kinds if k in _NAMES), "page furniture")
    return f"{kind}, not the article ({describe(found, block)})"
