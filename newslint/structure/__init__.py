"""The structure view: what each line of a scraped page is (article body, navigation,
page furniture, reader comments, other text), computed once per document and shared by
the rules that report what is not the article (H006, B015, B016, B017).

Per non-blank line it computes features (length, share of the language's function
words, punctuation, capitalisation, digits, links, list markers, page-furniture words;
``features.py``), scores them with a small learned model (``model.py``), finds the
article body, the densest run of article-like lines, and labels what lies around and
inside it (``segment.py``). Languages without a function-word list in wordfreq get no
structure: the rules then say nothing rather than something wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from newslint.model.document import Document
from newslint.structure.features import line_features, plainly_article
from newslint.structure.function_words import function_words
from newslint.structure.markers import Marker
from newslint.structure.model import LineModel, line_model
from newslint.structure.segment import Lines, Part, parts

__all__ = ["Block", "Marker", "Part", "Structure", "structure"]


@dataclass(frozen=True)
class Block:
    """A run of consecutive non-blank lines of one part outside the article body, or
    of page furniture inside it: ``first`` and ``last`` index :attr:`Structure.numbers`."""

    part: Part
    first: int
    last: int


@dataclass(frozen=True)
class Structure:
    """The parts of one document. ``numbers`` are the 1-based line numbers of the
    non-blank lines, which every other list follows; ``body`` is the (first, last)
    index of the article body, None when the page has no clear body."""

    numbers: list[int]
    #: per line, the model's log-odds that it is article text; empty for a page that is
    #: plainly an article (see :func:`features.plainly_article`), where no line is scored
    log_odds: list[float]
    markers: list[Marker | None]
    parts: list[Part]
    body: tuple[int, int] | None
    blocks: list[Block]


def structure(doc: Document) -> Structure | None:
    """The structure of ``doc``, computed on first use and shared by its rules (a view of
    the document); None when its language has no function-word list (or is unknown) or
    it is empty."""
    return doc.view(_structure)


def _structure(doc: Document) -> Structure | None:
    return compute(doc, line_model())


def compute(doc: Document, model: LineModel) -> Structure | None:
    """The structure of ``doc`` with ``model`` (no cache): what :func:`structure` does
    with the shipped model, and what the training script does with the one it fits."""
    numbers = doc.paragraph_numbers
    if not numbers:
        return None
    words = function_words(doc.language)
    if words is None:
        return None
    line_texts = doc.line_texts
    texts = [line_texts[number - 1].strip() for number in numbers]
    if plainly_article(texts, words, int(model.thresholds.get("head_window", 4))):
        count = len(texts)
        return Structure(numbers, [], [None] * count, [Part.BODY] * count, (0, count - 1), [])
    rows, markers, sizes = line_features(texts, words)
    log_odds = [model.log_odds(row) for row in rows]
    kinds, body = parts(Lines(texts, rows, log_odds, sizes, markers), model.thresholds)
    return Structure(numbers, log_odds, markers, kinds, body, _blocks(kinds))


def _blocks(kinds: list[Part]) -> list[Block]:
    blocks: list[Block] = []
    for index, part in enumerate(kinds):
        if part is Part.BODY:
            continue
        if blocks and blocks[-1].part is part and blocks[-1].last == index - 1:
            blocks[-1] = Block(part, blocks[-1].first, index)
        else:
            blocks.append(Block(part, index, index))
    return blocks
