"""C004 wire-boilerplate."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Fix, Violation
from newslint.model.options import Option
from newslint.model.rule import rule


@rule(
    code="C004",
    name="wire-boilerplate",
    severity="info",
    scope="corpus",
    fixable=True,
    options={
        "min_sites": Option(3, minimum=2),
        "min_articles": Option(5, minimum=2),
        "min_words": Option(5, minimum=1),
    },
)
def wire_boilerplate(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A paragraph that recurs in many different articles across sites: wire boilerplate.

    What it flags: each occurrence of a paragraph of at least ``min_words`` words
    (default 5; case, spacing and the value of numbers aside) found in at least
    ``min_articles`` different articles (default 5) of at least ``min_sites`` sites
    (default 3), such as "This story was originally published by …" or an agency's
    standard disclaimer. Copies and near-copies of one article count as one article, so
    a story syndicated whole is C002's, not C004's.

    Why it matters: the same boilerplate across a corpus is text no article wrote; it
    inflates counts and teaches a model a sentence that means nothing.

    Example: "This article was originally published on The Conversation." closing 12
    different articles on 6 sites gives `C004 paragraph in 12 articles on 6 sites: wire
    boilerplate` on each. A paragraph shared by two articles gives nothing.

    Fix: delete the paragraph (unsafe: in some articles such a paragraph may be real
    text, a statement quoted in full by many outlets).
    """
    facts = doc.facts
    if facts is None:
        return
    # Imported here: the corpus features need numpy, which a run without facts (one
    # file, the language server) never loads.
    from newslint.corpus.fingerprints import located

    for number, line in located(doc, facts.wire_lines):
        if len(doc.line_texts[number - 1].split()) < options["min_words"]:
            continue
        start, end = doc.line_span(number)
        delete = Fix.delete(
            *doc.line_span(number, with_break=True), "Delete the boilerplate", "unsafe"
        )
        message = f"paragraph in {line.articles} articles on {line.sites} sites: wire boilerplate"
        yield Violation(start, end, message, delete)
