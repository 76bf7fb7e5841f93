"""C002 near-duplicate-article."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import rule


@rule(
    code="C002",
    name="near-duplicate-article",
    severity="warning",
    scope="corpus",
    options={
        "threshold": Option(0.6, minimum=0.05, maximum=1.0),
        "shingle_words": Option(5, minimum=1, maximum=20),
    },
)
def near_duplicate_article(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """An article that is nearly the text of an earlier article of the corpus.

    What it flags: an article whose set of ``shingle_words``-word runs (default 5) has an
    estimated Jaccard similarity of at least ``threshold`` (default 0.6) with an earlier
    article's: a syndicated copy, the same story with another byline, a paragraph less,
    or another site's template lines around it. Reported on the later record, naming the
    earliest such article and the similarity. The similarity is estimated from MinHash
    sketches (128 permutations) found by LSH, so pairs close to the threshold can fall
    either side of it; exact copies are C001's.

    Why it matters: near-copies weigh several times in a corpus as exact copies do, and
    no exact-hash deduplication removes them.

    Example: a copy of an article with its byline changed and one paragraph removed:
    `C002 near-duplicate (similarity 0.91) of record 3 [a1]`. Two different articles on
    the same event that quote the same statement stay well under the threshold (about
    0.05 for a shared 60-word quote in two 600-word articles) and give nothing.

    Fix: none (which version to keep is the corpus owner's choice).
    """
    facts = doc.facts
    if facts is None or facts.near_of is None:
        return
    earlier = facts.near_of
    # An estimate: it can reach 1 for texts that differ by a few words, never equal.
    similarity = min(earlier.similarity, 0.99)
    first_line_end = len(doc.line_texts[0]) if doc.line_texts else 0
    message = f"near-duplicate (similarity {similarity:.2f}) of {earlier.describe(doc.path)}"
    yield Violation(0, first_line_end, message)
