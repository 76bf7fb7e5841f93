"""What the corpus stage found about one document (its earlier copies, its lines that
recur in other articles): set on ``Document.facts`` before the document is checked, and
read by the corpus rules (``scope="corpus"``) wherever the document is checked (this
process, a worker process, a Ray actor)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Earlier:
    """The earlier record a duplicate names."""

    path: str
    record: str | None
    record_number: int | None
    similarity: float = 1.0

    def with_similarity(self, similarity: float) -> Earlier:
        return Earlier(self.path, self.record, self.record_number, round(similarity, 3))

    def describe(self, here: str) -> str:
        """``record 12 [a1b2]`` (``of data/b.jsonl`` when it is in another file)."""
        if self.record_number is None:
            name = self.path
        else:
            name = f"record {self.record_number}"
            if self.record is not None:
                name += f" [{self.record}]"
            if self.path != here:
                name += f" of {self.path}"
        return name


@dataclass(frozen=True, slots=True)
class RecurringLine:
    """A line of the document that recurs in other articles, known by its normalised
    hash (:func:`features.line_keys`), so that it is found again in a repaired text."""

    key: int
    articles: int  # articles holding it (copies of one article counted once)
    sites: int = 1  # sites whose articles hold it
    share: float = 0.0  # share of its site's articles that hold it (C003)
    site: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    exact_of: Earlier | None = None
    near_of: Earlier | None = None
    template_lines: tuple[RecurringLine, ...] = ()
    wire_lines: tuple[RecurringLine, ...] = ()
