"""One pass, for input that cannot be read twice (standard input, pipes).

C001 and C002 are found as in two passes: a copy is always later than the article it
copies, so when it comes by, the article is known. C003 and C004 need counts over the
whole corpus; in one pass a line is reported from the article where its counts so far
reach the thresholds on, and its earlier occurrences are not. Lines seen in a single
article are forgotten every ``FORGET_EVERY`` articles, so that memory grows with the
corpus's duplicates and recurring lines, not with its text; hashes, signatures and
names of the articles are kept in memory (about 1 KiB per article).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from newslint.corpus import fingerprints as features
from newslint.corpus.analysis import BUCKET_COMPARISONS, lsh_bands
from newslint.corpus.thresholds import CorpusOptions
from newslint.model.document import Document
from newslint.model.facts import DocumentFacts, Earlier, RecurringLine

FORGET_EVERY = 20_000


class OnePass:
    """The facts of each document from the documents before it, as they stream by."""

    def __init__(self, options: CorpusOptions) -> None:
        self.options = options
        self.bands, self.rows = lsh_bands(options.near_threshold)
        self.first_by_text: dict[int, Earlier] = {}
        self.buckets: dict[int, list[int]] = {}
        self.signatures: dict[int, np.ndarray] = {}
        self.names: dict[int, Earlier] = {}
        self.site_articles: dict[str, int] = {}
        self.template_counts: dict[tuple[str, int], int] = {}
        self.wire_counts: dict[int, tuple[int, frozenset[str]]] = {}
        self.counts = {"exact": 0, "near": 0}

    def attach(self, documents: Iterable[Document]) -> Iterator[Document]:
        for ordinal, document in enumerate(documents):
            document.facts = self._facts(ordinal, document)
            if ordinal and ordinal % FORGET_EVERY == 0:
                self._forget()
            yield document

    def close(self) -> None:
        """Nothing on disk: the state goes with the object."""

    def summary(self) -> str:
        return (
            f"corpus checks in one pass (input read once): {self.counts['exact']} exact and "
            f"{self.counts['near']} near duplicates; template lines and wire paragraphs "
            "reported from the article where their counts reached the thresholds"
        )

    def _facts(self, ordinal: int, document: Document) -> DocumentFacts | None:
        folded = features.fold(document.text)
        key = features.text_key(folded)
        if not key:  # a text without words
            return None
        name = Earlier(document.path, document.record, document.record_number)
        exact = self.first_by_text.get(key)
        near = None
        if exact is None:
            self.first_by_text[key] = name
            if self.options.near:
                near = self._near(ordinal, folded, name)
        self.counts["exact"] += exact is not None
        self.counts["near"] += near is not None
        templates: tuple[RecurringLine, ...] = ()
        wire: tuple[RecurringLine, ...] = ()
        if exact is None and self.options.lines:
            # A near-copy counts for its site's templates (it is that site's page), not
            # for wire paragraphs (its paragraphs are its original's).
            templates, wire = self._lines(document, folded, count_wire=near is None)
        if not (exact and self.options.exact) and not near and not templates and not wire:
            return None
        return DocumentFacts(
            exact_of=exact if self.options.exact else None,
            near_of=near,
            template_lines=templates,
            wire_lines=wire,
        )

    def _near(self, ordinal: int, folded: bytes, name: Earlier) -> Earlier | None:
        signature, shingles = features.sketch(folded, self.options.shingle_words)
        if not shingles:
            return None
        best: tuple[int, float] | None = None
        keys = features.band_keys(signature, self.bands, self.rows)
        for key in keys:
            for other in self.buckets.get(key, ())[:BUCKET_COMPARISONS]:
                similarity = float((self.signatures[other] == signature).mean())
                if similarity >= self.options.near_threshold and (best is None or other < best[0]):
                    best = (other, similarity)
        for key in keys:
            self.buckets.setdefault(key, []).append(ordinal)
        self.signatures[ordinal] = signature
        self.names[ordinal] = name
        if best is None:
            return None
        return self.names[best[0]].with_similarity(best[1])

    def _lines(
        self, document: Document, folded: bytes, count_wire: bool
    ) -> tuple[tuple[RecurringLine, ...], tuple[RecurringLine, ...]]:
        options = self.options
        site = features.site_of(document)
        if site is not None:
            self.site_articles[site] = self.site_articles.get(site, 0) + 1
        templates, wire = [], []
        seen: set[int] = set()
        for _, key in features.line_keys(document, folded):
            if key in seen:
                continue
            seen.add(key)
            if site is not None and options.template:
                count = self.template_counts.get((site, key), 0) + 1
                self.template_counts[site, key] = count
                share = count / self.site_articles[site]
                if count >= options.template_min_articles and share >= options.template_min_share:
                    templates.append(RecurringLine(key, count, share=share, site=site))
            if options.wire and count_wire:
                articles, sites = self.wire_counts.get(key, (0, frozenset()))
                if len(sites) < options.wire_min_sites:
                    sites = sites | {site or f"#{id(document)}"}
                self.wire_counts[key] = (articles + 1, sites)
                if (
                    articles + 1 >= options.wire_min_articles
                    and len(sites) >= options.wire_min_sites
                ):
                    wire.append(RecurringLine(key, articles + 1, sites=len(sites)))
        return tuple(templates), tuple(wire)

    def _forget(self) -> None:
        """Drop the lines seen in one article only: templates recur, article text does not."""
        self.template_counts = {k: n for k, n in self.template_counts.items() if n > 1}
        self.wire_counts = {k: v for k, v in self.wire_counts.items() if v[0] > 1}
