"""How often each paragraph occurs in a document, shared by the duplication rules."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newslint.document import Document
from newslint.text import fold

#: Paragraphs that occur this often are the page's template, not a scraping accident.
TEMPLATE_COPIES = 3
#: A document with this many distinct template paragraphs is structured content (a
#: meal plan, a series of interviews with the same questions): repetition is its form.
TEMPLATED_DOCUMENT = 3


@dataclass(frozen=True)
class Repetition:
    folded: dict[int, str]  # line number -> folded paragraph text
    counts: Counter[str]

    @property
    def templated(self) -> bool:
        repeated = sum(1 for n in self.counts.values() if n >= TEMPLATE_COPIES)
        return repeated >= TEMPLATED_DOCUMENT

    def copies(self, number: int) -> int:
        return self.counts[self.folded[number]]


def repetition(doc: Document) -> Repetition:
    """Computed once per document and shared by D001, D002 and D004."""
    cached = doc.cache.get(Repetition)
    if cached is None:
        folded = {p.number: fold(p.text) for p in doc.paragraphs}
        cached = Repetition(folded, Counter(folded.values()))
        doc.cache[Repetition] = cached
    return cached  # type: ignore[no-any-return]
