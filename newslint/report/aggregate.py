"""What the report shows, summed up while documents and findings stream by: counts,
the biggest duplicate clusters and template lines, a seeded sample of examples per code,
the findings themselves (compressed, up to a bound) for download, and for a ``clean``
run what the repairs removed. Memory is bounded by the number of codes, sites and
clusters and by the download's bound, never by the number of findings."""

from __future__ import annotations

import random
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field

import orjson

from newslint.corpus.fingerprints import site_of
from newslint.model.document import Document
from newslint.model.finding import Finding, Severity

#: Upper bounds of the buckets of the findings-per-article histogram.
HISTOGRAM_BUCKETS = (0, 1, 2, 3, 4, 5, 10, 20, 50)
MAX_SITES = 20_000  # sites kept in the table; the rest are summed as "(other sites)"
MAX_CLUSTER_MEMBERS = 5
CONTEXT_CHARS = 240
#: Findings the page carries for download (as ``check --format jsonl`` writes them,
#: gzip-compressed inside the page): past it, the page says how to get them all.
MAX_DOWNLOAD_FINDINGS = 200_000
_EARLIER = re.compile(r"(?:exact duplicate|\)) of (?P<earlier>.+)$")


@dataclass
class SiteStats:
    articles: int = 0
    findings: int = 0
    flagged: int = 0  # articles with at least one warning or error
    codes: Counter[str] = field(default_factory=Counter)  # findings by code


@dataclass
class Cluster:
    earlier: str
    size: int = 1  # the earlier article itself
    exact: int = 0
    near: int = 0
    members: list[str] = field(default_factory=list)


@dataclass
class Example:
    location: str
    code: str
    message: str
    before: list[str]  # lines above the finding's
    lines: list[tuple[str, str, str]]  # (text before, flagged text, text after) per line
    after: list[str]
    site: str = ""
    order: tuple[int, int, int] = (0, 0, 0)  # (article in the corpus, line, column)


class FindingsDownload:
    """The findings as JSON Lines (the lines of ``check --format jsonl``), gzip-compressed
    as they come, up to ``limit`` findings."""

    def __init__(self, limit: int = MAX_DOWNLOAD_FINDINGS) -> None:
        self.limit = limit
        self.count = 0
        self.left_out = 0
        self._compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip stream
        self._parts: list[bytes] = []

    def add(self, finding: Finding) -> None:
        if self.count >= self.limit:
            self.left_out += 1
            return
        self.count += 1
        self._parts.append(self._compressor.compress(orjson.dumps(finding.to_dict()) + b"\n"))

    def gzip(self) -> bytes:
        """The compressed JSON Lines (call once, at the end)."""
        self._parts.append(self._compressor.flush())
        return b"".join(self._parts)


@dataclass
class Cleaning:
    """What ``newslint clean`` did: records kept, repaired, rejected, and the characters
    its fixes removed, by code."""

    records: int = 0
    repaired: int = 0
    rejected: int = 0
    characters: int = 0  # of the texts before repair
    removed: int = 0
    fixes: Counter[str] = field(default_factory=Counter)
    removed_by_code: Counter[str] = field(default_factory=Counter)

    def add(
        self, document: Document, applied: tuple[Finding, ...], repaired: str, rejected: bool
    ) -> None:
        """One record: its text, the findings whose fixes were applied, the repaired text."""
        self.records += 1
        self.rejected += rejected
        self.repaired += bool(applied) and not rejected
        self.characters += len(document.text)
        removed = len(document.text) - len(repaired)
        self.removed += removed
        counted = 0
        for finding in applied:
            assert finding.fix is not None
            by_fix = sum(e.end - e.start - len(e.replacement) for e in finding.fix.edits)
            self.fixes[finding.code] += 1
            self.removed_by_code[finding.code] += by_fix
            counted += by_fix
        if applied and removed != counted:
            # Deleting a last line that has no line break takes the break before it
            # (newslint.fixing.edits): that is the doing of the fix that reaches furthest.
            last = max(applied, key=lambda f: max(e.end for e in f.fix.edits))  # type: ignore[union-attr]
            self.removed_by_code[last.code] += removed - counted

    @property
    def removed_share(self) -> float:
        return self.removed / self.characters if self.characters else 0.0


@dataclass
class Aggregate:
    examples_per_code: int = 3
    #: seed of the sample of examples: the same corpus and seed give the same page
    seed: int = 0
    articles: int = 0
    articles_known: bool = True  # False when only a findings file was read
    flagged_articles: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_code: Counter[str] = field(default_factory=Counter)
    rule_names: dict[str, str] = field(default_factory=dict)
    per_article: Counter[int] = field(default_factory=Counter)
    sites: dict[str, SiteStats] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    templates: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: dict[str, list[Example]] = field(default_factory=dict)
    #: articles with at least one finding of a code, by code
    articles_by_code: Counter[str] = field(default_factory=Counter)
    download: FindingsDownload = field(default_factory=FindingsDownload)
    #: set by ``newslint clean --report``
    cleaning: Cleaning | None = None
    _candidates: Counter[str] = field(default_factory=Counter)
    _rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    @property
    def findings(self) -> int:
        return self.by_code.total()

    @property
    def flagged_share(self) -> float:
        return self.flagged_articles / self.articles if self.articles else 0.0

    def add(self, document: Document | None, findings: list[Finding], site: str | None) -> None:
        """One article (None: only its findings are known) and its findings."""
        self.articles += 1
        flagged = any(f.severity >= Severity.WARNING for f in findings)
        self.flagged_articles += flagged
        self.per_article[bucket(len(findings))] += 1
        stats = self._add_site(site or "(no site)", len(findings), flagged)
        self.articles_by_code.update({finding.code for finding in findings})
        sampled: set[str] = set()
        for finding in findings:
            self.by_severity[finding.severity.value] += 1
            self.by_code[finding.code] += 1
            stats.codes[finding.code] += 1
            self.rule_names.setdefault(finding.code, finding.rule)
            self.download.add(finding)
            if finding.code in ("C001", "C002"):
                self._add_to_cluster(finding)
            if finding.code == "C003" and document is not None and site:
                self.templates[site, _line(document, finding.line)] += 1
            if finding.code not in sampled:  # one example per article and code
                sampled.add(finding.code)
                self._sample(document, finding, site)

    def _add_site(self, site: str, findings: int, flagged: bool) -> SiteStats:
        if site not in self.sites and len(self.sites) >= MAX_SITES:
            site = "(other sites)"
        stats = self.sites.setdefault(site, SiteStats())
        stats.articles += 1
        stats.findings += findings
        stats.flagged += flagged
        return stats

    def _add_to_cluster(self, finding: Finding) -> None:
        match = _EARLIER.search(finding.message)
        if match is None:
            return
        earlier = match.group("earlier")
        if " of " not in earlier and earlier.startswith("record"):
            earlier = f"{earlier} of {finding.path}"
        cluster = self.clusters.setdefault(earlier, Cluster(earlier))
        cluster.size += 1
        cluster.exact += finding.code == "C001"
        cluster.near += finding.code == "C002"
        if len(cluster.members) < MAX_CLUSTER_MEMBERS:
            cluster.members.append(f"{finding.location} ({finding.code})")

    def _sample(self, document: Document | None, finding: Finding, site: str | None) -> None:
        """Reservoir sampling (algorithm R) over the articles with a finding of the
        code: each has the same chance to be an example, whatever its place in the
        corpus, and the seed makes the choice repeatable."""
        code = finding.code
        self._candidates[code] += 1
        examples = self.examples.setdefault(code, [])
        if len(examples) < self.examples_per_code:
            slot = len(examples)
            examples.append(example(document, finding, site))
        else:
            slot = self._rng.randrange(self._candidates[code])
            if slot >= self.examples_per_code:
                return
            examples[slot] = example(document, finding, site)
        examples[slot].order = (self.articles, finding.line, finding.column)

    def sorted_examples(self, code: str) -> list[Example]:
        """The examples of ``code`` in corpus order."""
        return sorted(self.examples.get(code, ()), key=lambda e: e.order)

    def biggest_clusters(self, count: int = 20) -> list[Cluster]:
        return sorted(self.clusters.values(), key=lambda c: (-c.size, c.earlier))[:count]

    def biggest_templates(self, per_site: int = 5, sites: int = 20) -> list[tuple[str, str, int]]:
        """(site, line, occurrences): the sites with most template occurrences first."""
        by_site: dict[str, list[tuple[str, int]]] = {}
        for (site, line), count in self.templates.items():
            by_site.setdefault(site, []).append((line, count))
        ranked = sorted(by_site.items(), key=lambda item: (-sum(c for _, c in item[1]), item[0]))
        rows = []
        for site, lines in ranked[:sites]:
            for line, count in sorted(lines, key=lambda lc: (-lc[1], lc[0]))[:per_site]:
                rows.append((site, line, count))
        return rows


def bucket(findings: int) -> int:
    """The histogram bucket of an article with ``findings`` findings (its upper bound;
    -1 for more than the last bound)."""
    for bound in HISTOGRAM_BUCKETS:
        if findings <= bound:
            return bound
    return -1


def bucket_label(bound: int) -> str:
    if bound == -1:
        return f">{HISTOGRAM_BUCKETS[-1]}"
    index = HISTOGRAM_BUCKETS.index(bound)
    low = HISTOGRAM_BUCKETS[index - 1] + 1 if index else 0
    return str(bound) if low == bound else f"{low}-{bound}"


def document_site(document: Document) -> str:
    return site_of(document) or document.path


def _line(document: Document, number: int) -> str:
    lines = document.line_texts
    return lines[number - 1].strip()[:CONTEXT_CHARS] if 0 < number <= len(lines) else ""


def example(document: Document | None, finding: Finding, site: str | None = None) -> Example:
    """The finding with the article's lines around it, the flagged part apart."""
    found = _example(document, finding)
    found.site = site or ""
    return found


def _example(document: Document | None, finding: Finding) -> Example:
    if document is None or not document.text:
        return Example(finding.location, finding.code, finding.message, [], [], [])
    lines = document.line_texts
    first, last = finding.line, max(finding.line, finding.end_line)
    marked = []
    for number in range(first, min(last, first + 2) + 1):
        text = lines[number - 1] if number <= len(lines) else ""
        start = finding.column - 1 if number == first else 0
        end = finding.end_column - 1 if number == last else len(text)
        if start == end and number == first == last:
            end = len(text)  # a finding at a point: show its whole line
        marked.append(_clip(text, start, max(start, end)))
    before = [_short(line) for line in lines[max(0, first - 2) : first - 1] if line.strip()]
    after = [_short(line) for line in lines[last : last + 1] if line.strip()]
    return Example(finding.location, finding.code, finding.message, before, marked, after)


def _clip(text: str, start: int, end: int) -> tuple[str, str, str]:
    head, flagged, tail = text[:start], text[start:end], text[end:]
    if len(head) > CONTEXT_CHARS:
        head = "…" + head[-CONTEXT_CHARS:]
    if len(flagged) > 2 * CONTEXT_CHARS:
        flagged = flagged[: 2 * CONTEXT_CHARS] + "…"
    if len(tail) > CONTEXT_CHARS:
        tail = tail[:CONTEXT_CHARS] + "…"
    return head, flagged, tail


def _short(line: str) -> str:
    return line if len(line) <= 2 * CONTEXT_CHARS else line[: 2 * CONTEXT_CHARS] + "…"
