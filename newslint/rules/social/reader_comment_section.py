"""H006 reader-comment-section."""

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
    code="H006",
    name="reader-comment-section",
    severity="warning",
    fixable=True,
    options={"min_lines": Option(1, minimum=1)},
    literals=LITERALS,
)
def reader_comment_section(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """The readers' comments below the article, kept by the scraper.

    What it flags: the comment section of the page as one block, from its header or
    first marker ("12 comments", "Leave a Reply", "Comments are closed", "Top Rated
    Comments", "6 thoughts on ...", "Kommentare", "Commentaires", "Comentários",
    "Laisser un commentaire", "Deixe um comentário", "X says:", "Reply") to its last
    comment, once the article body is over. A thread without such a header is found by
    its signatures when the page holds two or more ("Posted by: NAME | Jan 10, 2008
    4:49 PM", "NAME said...", "Posté par NAME le ...", "Comment No. 3", "Report abuse",
    or a signature glued at the end of the comment's text); one alone is a byline. A
    thread that kept neither header nor signature (as jusText delivers it) is found by
    its voice: the body's last paragraphs turn from reporting to readers speaking in the
    first person, typed as they speak ("well done council....about time"); in English,
    French, German, Spanish, Italian and Portuguese (``newslint.structure.reader_voice``).
    The body is found by the structure view
    (``newslint.structure``): a comment count in the byline, or a "Comment" button
    among the share buttons, does not start a section. Blocks of fewer than
    ``min_lines`` non-blank lines (default 1) are left out. Needs a language with a
    function-word list (wordfreq's): other pages give nothing.

    Why it matters: trafilatura and other extractors keep comments by default; they are
    text by other people, often off topic, and a model trained on the article learns
    them as if the publisher had written them.

    Example: an article followed by "2 comments", "Hi Marta,", "I baked this bread today
    and it came out really well." gives one H006 spanning the three lines. An article
    saying "A spokesperson declined to comment." gives nothing.

    Fix: delete the block (safe).
    """
    yield from block_violations(
        doc, Part.COMMENTS, _message, "Delete the comment section", min_lines=options["min_lines"]
    )


def _message(found: Structure, block: Block) -> str:
    return f"reader comment section left after the article ({describe(found, block)})"
