"""What the corpus analysis found about one document: handed to the C rules through
``document.memo``-style cache under :data:`FACTS_KEY`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newslint.document import Document
from newslint.finding import Finding

#: Runs the C rules on one document (the engine's hook, with the run's settings).
RuleRunner = Callable[[Document], list[Finding]]
#: Key of the :class:`DocumentFacts` in ``Document.cache`` (set by the corpus stage).
FACTS_KEY = "newslint.corpus.facts"


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
    """A line of the document that recurs in other articles."""

    number: int  # 1-based line of the document
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


def with_facts(
    document: Document, findings: list[Finding], facts: DocumentFacts, run_rules: RuleRunner
) -> list[Finding]:
    """``findings`` and those of the C rules on ``document`` given its ``facts``, sorted."""
    document.cache[FACTS_KEY] = facts
    extra = run_rules(document)
    return sorted(findings + extra, key=Finding.sort_key) if extra else findings
