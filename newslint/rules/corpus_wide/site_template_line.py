"""C003 site-template-line."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import line_violation, rule


@rule(
    code="C003",
    name="site-template-line",
    severity="warning",
    scope="corpus",
    fixable=True,
    options={
        "min_articles": Option(5, minimum=2),
        "min_share": Option(0.2, minimum=0.0, maximum=1.0),
    },
)
def site_template_line(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A line that recurs in many articles of the same site: the site's template.

    What it flags: each occurrence of a line (case, spacing and the value of numbers
    aside) that is in at least ``min_articles`` articles (default 5) of one site and in
    at least ``min_share`` of that site's articles (default 0.2): the newsletter box,
    the "About us" paragraph, the menu or footer that an extractor or a whole-page dump
    leaves in every article. Copies of one article count once. The site is the record's
    `site` field (`--site-field`), else the host of its URL (`url`, `metadata.url`),
    else, for plain files, the folder that holds them.

    Why it matters: template lines are not article text; repeated in thousands of
    articles they dominate what a model learns from a site.

    Example: "Sign up for our daily newsletter." in 40 of 50 articles of one site gives
    `C003 line in 40 articles (80%) of example.com: site template` on each of them. A
    line that two articles of a site share (a quote, a crosshead) gives nothing.

    Fix: delete the line (safe: the same line stands in every other article of the site).
    """
    facts = doc.facts
    if facts is None:
        return
    # Imported here: the corpus features need numpy, which a run without facts (one
    # file, the language server) never loads.
    from newslint.corpus.fingerprints import located

    for number, line in located(doc, facts.template_lines):
        site = f" of {line.site}" if line.site else ""
        message = f"line in {line.articles} articles ({line.share:.0%}){site}: site template"
        yield line_violation(doc, number, message, "Delete the site's template line")
