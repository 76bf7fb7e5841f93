"""Pass 1 and the analysis between the passes: every article's hashes go to the spill
store; then duplicates, near-duplicates, template lines and wire paragraphs are found
with numpy, one partition of the store at a time.

What stays in memory per article: 24 bytes (its text hash, its length, its site, where
its name is on disk), plus the findings' results. Signatures (512 bytes per article),
LSH band keys, line hashes and names are on disk.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import numpy as np
import orjson

from newslint.corpus import fingerprints as features
from newslint.corpus.spill import PartitionedRows, RowFile, SpillFolder
from newslint.corpus.thresholds import CorpusOptions
from newslint.model.document import Document
from newslint.model.facts import Earlier

#: Earlier members of an LSH bucket a document is compared with (the first ones).
BUCKET_COMPARISONS = 4
#: Site ids from here on are one-off sites of documents without a site.
NO_SITE = 1 << 31
_U64 = np.uint64
_SITE_MIX = np.uint64(0x9E3779B97F4A7C15)


def lsh_bands(threshold: float, num_perm: int = features.NUM_PERM) -> tuple[int, int]:
    """(bands, rows): the most rows per band (fewest needless comparisons) with which a
    pair at ``threshold`` still becomes a candidate with probability 0.99."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= 0.99:
            return bands, rows
    return num_perm, 1


def pair_keys(line_keys: np.ndarray, sites: np.ndarray) -> np.ndarray:
    """One 64-bit key for (line, site)."""
    with np.errstate(over="ignore"):
        return cast(np.ndarray, line_keys ^ (sites.astype(_U64) * _SITE_MIX))


@dataclass
class Results:
    """What the analysis found, indexed by document ordinal (input order)."""

    exact_later: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    exact_earlier: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    near_later: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    near_earlier: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    near_similarity: np.ndarray = field(default_factory=lambda: np.empty(0, np.float32))
    template_keys: np.ndarray = field(default_factory=lambda: np.empty(0, _U64))
    template_articles: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    template_share: np.ndarray = field(default_factory=lambda: np.empty(0, np.float32))
    template_sites: frozenset[int] = frozenset()
    #: documents holding a template or wire line: pass 2 looks up lines only in these
    line_holders: np.ndarray = field(default_factory=lambda: np.empty(0, np.uint32))
    wire_keys: np.ndarray = field(default_factory=lambda: np.empty(0, _U64))
    wire_articles: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    wire_sites: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))

    @property
    def named(self) -> np.ndarray:
        """Ordinals of the earlier documents that findings name, sorted."""
        return np.unique(np.concatenate([self.exact_earlier, self.near_earlier]))

    @property
    def nbytes(self) -> int:
        return sum(v.nbytes for v in vars(self).values() if isinstance(v, np.ndarray))


@dataclass(frozen=True)
class Extractor:
    """The features of one article for pass 1: a pure function of the document, sent to
    worker processes (or Ray actors) with the run's thresholds."""

    options: CorpusOptions
    bands: int
    rows: int

    def __call__(self, document: Document) -> features.ArticleFeatures:
        options = self.options
        near, lines, shingle_words = options.near, options.lines, options.shingle_words
        return features.extract(document, near, lines, shingle_words, self.bands, self.rows)


class Collector:
    """Pass 1: the features of each document, in input order."""

    def __init__(self, options: CorpusOptions, folder: Path | None = None) -> None:
        self.options = options
        self._spill = SpillFolder(folder)
        self.folder = self._spill.path
        self.sites: dict[str, int] = {}
        self.text_keys = array("Q")
        self.lengths = array("I")
        self.site_ids = array("I")
        self.bands, self.rows = lsh_bands(options.near_threshold)
        self.signatures = RowFile(
            self.folder / "signatures", np.dtype(np.uint32), features.NUM_PERM
        )
        self.band_rows = PartitionedRows(self.folder, "bands", {"key": "Q", "ordinal": "I"})
        self.line_rows = PartitionedRows(
            self.folder, "lines", {"key": "Q", "site": "I", "ordinal": "I", "words": "I"}
        )
        # Each article's name, for the findings on its later copies: on disk, one JSON
        # line each, found again by offset (8 bytes per article in memory).
        self._names = open(self.folder / "names.jsonl", "w+b")
        self._name_offsets = array("Q")

    @property
    def documents(self) -> int:
        return len(self.lengths)

    @property
    def extractor(self) -> Extractor:
        """What computes the features :meth:`add` takes (in a worker process, or here)."""
        return Extractor(self.options, self.bands, self.rows)

    def add(self, found: features.ArticleFeatures) -> None:
        ordinal = len(self.lengths)
        site = found.site
        site_id = self.sites.setdefault(site, len(self.sites)) if site is not None else None
        self.site_ids.append(NO_SITE + ordinal % NO_SITE if site_id is None else site_id)
        self.lengths.append(found.length)
        self.text_keys.append(found.text_key)
        self._name_offsets.append(self._names.tell())
        self._names.write(orjson.dumps(found.name) + b"\n")
        if found.signature is not None:
            self.signatures.append(found.signature)
            count = len(found.band_keys)
            self.band_rows.extend(found.band_keys, [ordinal] * count)
        if found.line_keys:
            count = len(found.line_keys)
            self.line_rows.extend(
                found.line_keys, [self.site_ids[-1]] * count, [ordinal] * count, found.line_words
            )

    @property
    def disk_bytes(self) -> int:
        signatures = self.signatures.rows * features.NUM_PERM * 4
        return signatures + self.band_rows.bytes_written + self.line_rows.bytes_written

    @property
    def memory_bytes(self) -> int:
        arrays = (self.text_keys, self.lengths, self.site_ids, self._name_offsets)
        return sum(a.itemsize * len(a) for a in arrays) + 64 * len(self.sites)

    def names_of(self, ordinals: Iterable[int]) -> dict[int, Earlier]:
        """The names of the articles at ``ordinals`` (read back from disk)."""
        self._names.flush()
        found = {}
        for ordinal in ordinals:
            self._names.seek(self._name_offsets[ordinal])
            path, record, number = orjson.loads(self._names.readline())
            found[ordinal] = Earlier(path, record, number)
        self._names.seek(0, os.SEEK_END)
        return found

    def close(self) -> None:
        self.signatures.close()
        self._names.close()
        self._spill.cleanup()

    def analyse(self) -> Results:
        results = Results()
        count = self.documents
        parent = np.arange(count, dtype=np.int64)
        if self.options.exact or self.options.near or self.options.lines:
            results.exact_later, results.exact_earlier = self._exact()
            parent[results.exact_later] = results.exact_earlier
        if self.options.near:
            near = self._near(parent)
            results.near_later, results.near_earlier, results.near_similarity = near
            parent[results.near_later] = results.near_earlier
        if self.options.lines:
            self._lines(_roots(parent), results)
        if not self.options.exact:
            results.exact_later = results.exact_earlier = np.empty(0, np.int64)
        return results

    def _exact(self) -> tuple[np.ndarray, np.ndarray]:
        keys = np.frombuffer(self.text_keys, dtype=_U64)
        present = np.flatnonzero(keys)
        order = present[np.argsort(keys[present], kind="stable")]  # ties in input order
        sorted_keys = keys[order]
        starts = _group_starts(sorted_keys)
        first = order[_start_index(starts)]
        later = ~starts
        pairs = np.stack([order[later], first[later]])
        pairs = pairs[:, np.argsort(pairs[0])]
        return pairs[0].astype(np.int64), pairs[1].astype(np.int64)

    def _near(self, parent: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        self.signatures.close()
        copy = parent != np.arange(len(parent))  # exact copies: C001's, not C002's
        best = np.full(len(parent), -1, dtype=np.int64)
        best_similarity = np.zeros(len(parent), dtype=np.float32)
        for rows in self.band_rows.partitions():
            rows = rows[~copy[rows["ordinal"]]]
            later, earlier = _bucket_pairs(rows["key"], rows["ordinal"].astype(np.int64))
            for start in range(0, len(later), 1 << 16):
                a, b = later[start : start + (1 << 16)], earlier[start : start + (1 << 16)]
                same = self.signatures.read(a) == self.signatures.read(b)
                similarity = same.mean(axis=1).astype(np.float32)
                keep = similarity >= self.options.near_threshold
                _keep_earliest(best, best_similarity, a[keep], b[keep], similarity[keep])
        found = np.flatnonzero(best >= 0)
        return found, best[found], best_similarity[found]

    def _lines(self, roots: np.ndarray, results: Results) -> None:
        sites = np.frombuffer(self.site_ids, dtype=np.uint32).astype(np.int64)
        site_articles = _distinct_per_site(sites, roots)
        template_parts: list[tuple[np.ndarray, ...]] = []
        wire_parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        holders: list[np.ndarray] = []  # documents holding a template or wire line
        for rows in self.line_rows.partitions():
            keys = rows["key"]
            line_sites = rows["site"].astype(np.int64)
            line_roots = roots[rows["ordinal"]]
            found = np.zeros(len(rows), dtype=bool)
            if self.options.template:
                part = _templates(keys, line_sites, line_roots, site_articles, self.options)
                template_parts.append(part)
                found |= np.isin(pair_keys(keys, rows["site"]), part[0])
            if self.options.wire:
                long = rows["words"] >= self.options.wire_min_words
                part = _wire(keys[long], line_sites[long], line_roots[long], self.options)
                wire_parts.append(part)
                found |= long & np.isin(keys, part[0])
            holders.append(np.unique(rows["ordinal"][found]))
        results.line_holders = (
            np.unique(np.concatenate(holders)) if holders else results.line_holders
        )
        if template_parts:
            keys, articles, share, sites = (
                np.concatenate(p) for p in zip(*template_parts, strict=True)
            )
            order = np.argsort(keys)
            results.template_keys = keys[order]
            results.template_articles = articles[order]
            results.template_share = share[order]
            results.template_sites = frozenset(sites.tolist())
        if wire_parts:
            keys, articles, sites_count = (np.concatenate(p) for p in zip(*wire_parts, strict=True))
            order = np.argsort(keys)
            results.wire_keys = keys[order]
            results.wire_articles = articles[order]
            results.wire_sites = sites_count[order]


def _group_starts(sorted_values: np.ndarray) -> np.ndarray:
    starts = np.ones(len(sorted_values), dtype=bool)
    starts[1:] = sorted_values[1:] != sorted_values[:-1]
    return starts


def _start_index(starts: np.ndarray) -> np.ndarray:
    """For each position, the position where its group starts."""
    return np.maximum.accumulate(np.where(starts, np.arange(len(starts)), 0))


def _bucket_pairs(keys: np.ndarray, ordinals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(later, earlier) pairs of documents sharing an LSH bucket: each member against the
    first BUCKET_COMPARISONS earlier members of its bucket, without repeats."""
    order = np.lexsort((ordinals, keys))
    keys, ordinals = keys[order], ordinals[order]
    start = _start_index(_group_starts(keys))
    position = np.arange(len(keys)) - start
    later_parts, earlier_parts = [], []
    for k in range(BUCKET_COMPARISONS):
        member = position > k
        later_parts.append(ordinals[member])
        earlier_parts.append(ordinals[start[member] + k])
    later, earlier = np.concatenate(later_parts), np.concatenate(earlier_parts)
    if not len(later):
        return later, earlier
    pairs = np.unique(np.stack([later, earlier], axis=1), axis=0)
    return pairs[:, 0], pairs[:, 1]


def _keep_earliest(
    best: np.ndarray,
    best_similarity: np.ndarray,
    later: np.ndarray,
    earlier: np.ndarray,
    similarity: np.ndarray,
) -> None:
    """best[later] = the earliest earlier document found similar enough so far."""
    if not len(later):
        return
    order = np.lexsort((earlier, later))
    later, earlier, similarity = later[order], earlier[order], similarity[order]
    first = _group_starts(later)
    later, earlier, similarity = later[first], earlier[first], similarity[first]
    current = best[later]
    better = (current < 0) | (earlier < current)
    best[later[better]] = earlier[better]
    best_similarity[later[better]] = similarity[better]


def _roots(parent: np.ndarray) -> np.ndarray:
    """The first document of each one's chain of copies (pointers always go back)."""
    roots = parent.copy()
    while True:
        jumped = roots[roots]
        if np.array_equal(jumped, roots):
            return roots
        roots = jumped


def _distinct_per_site(sites: np.ndarray, roots: np.ndarray) -> np.ndarray:
    """Articles per site id, copies of one article counted once."""
    real = sites < NO_SITE
    pairs = np.unique(np.stack([sites[real], roots[real]], axis=1), axis=0)
    if not len(pairs):
        return np.zeros(0, dtype=np.int64)
    return np.bincount(pairs[:, 0])


def _distinct_triples(
    keys: np.ndarray, sites: np.ndarray, roots: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.lexsort((roots, sites, keys))
    keys, sites, roots = keys[order], sites[order], roots[order]
    new = np.ones(len(keys), dtype=bool)
    new[1:] = (keys[1:] != keys[:-1]) | (sites[1:] != sites[:-1]) | (roots[1:] != roots[:-1])
    return keys[new], sites[new], roots[new]


def _templates(
    keys: np.ndarray,
    sites: np.ndarray,
    roots: np.ndarray,
    site_articles: np.ndarray,
    options: CorpusOptions,
) -> tuple[np.ndarray, ...]:
    """(pair key, articles, share of the site, site) of the lines recurring in a site."""
    real = sites < NO_SITE
    keys, sites, roots = _distinct_triples(keys[real], sites[real], roots[real])
    new = np.ones(len(keys), dtype=bool)
    new[1:] = (keys[1:] != keys[:-1]) | (sites[1:] != sites[:-1])
    starts = np.flatnonzero(new)
    articles = np.diff(np.append(starts, len(keys)))
    group_keys, group_sites = keys[starts], sites[starts]
    share = articles / np.maximum(site_articles[group_sites] if len(site_articles) else 1, 1)
    keep = (articles >= options.template_min_articles) & (share >= options.template_min_share)
    return (
        pair_keys(group_keys[keep], group_sites[keep]),
        articles[keep].astype(np.int64),
        share[keep].astype(np.float32),
        group_sites[keep],
    )


def _wire(
    keys: np.ndarray, sites: np.ndarray, roots: np.ndarray, options: CorpusOptions
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(line key, articles, sites) of the lines recurring across sites."""
    pairs = np.unique(np.stack([keys, sites.astype(_U64)], axis=1), axis=0)
    line_starts = np.flatnonzero(_group_starts(pairs[:, 0]))
    site_counts = np.diff(np.append(line_starts, len(pairs)))
    candidates = pairs[line_starts[site_counts >= options.wire_min_sites], 0]
    if not len(candidates):
        return np.empty(0, _U64), np.empty(0, np.int64), np.empty(0, np.int64)
    inside = np.isin(keys, candidates)
    articles = np.unique(np.stack([keys[inside], roots[inside].astype(_U64)], axis=1), axis=0)
    article_starts = np.flatnonzero(_group_starts(articles[:, 0]))
    article_counts = np.diff(np.append(article_starts, len(articles)))
    keep = article_counts >= options.wire_min_articles
    kept_keys = articles[article_starts[keep], 0]
    sites_of_kept = site_counts[site_counts >= options.wire_min_sites][keep]
    return kept_keys, article_counts[keep].astype(np.int64), sites_of_kept.astype(np.int64)
