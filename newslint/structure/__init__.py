"""The structure view: what each line of a scraped page is (article body, navigation,
page furniture, reader comments, other text), computed once per document and shared by
the rules that report what is not the article (H006, B015, B016, B017).

It works on the paragraphs as written (``Document.paragraph_groups``: a line, or
hard-wrapped lines that continue one sentence): per paragraph it computes features
(length, share of the language's function words, punctuation, capitalisation, digits,
links, list markers, page-furniture words, and those of the paragraphs around it, its
position, the run of alike paragraphs it is in; ``features.py``), scores them with small
boosted trees (``model.py``), finds the article body, the densest run of article-like
paragraphs, and labels what lies around and inside it (the compiled core,
``core/src/segment.rs``, in one call per page). Every line of a paragraph gets its
part. Languages without a function-word list in wordfreq get no structure: the rules
then say nothing rather than something wrong.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import newslint._core as _core
from newslint.model.document import Document
from newslint.structure import features
from newslint.structure.features import context_rows
from newslint.structure.function_words import function_words
from newslint.structure.markers import PAGE_HINTS, Marker, marker_reader, page_hints
from newslint.structure.model import LineModel, line_model
from newslint.structure.paragraphs import Part, threshold_values
from newslint.structure.reader_voice import thread_start

__all__ = [
    "LITERALS",
    "Block",
    "Marker",
    "Part",
    "Structure",
    "Units",
    "structure",
    "unit_log_odds",
]

#: The strings the structure view asks the literal prefilter about (comment signatures,
#: subscription and legal words): a rule that reads the view declares them
#: (``@rule(literals=LITERALS)``), so that the Checker's one pass per document finds them.
LITERALS = PAGE_HINTS.literals


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
    #: per line, the model's log-odds that its paragraph is article text; empty for a
    #: page that is plainly an article (see :func:`features.page_units`), where no
    #: line is scored
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
    # The shipped model is read on the first page with units to score: a run whose
    # pages are plainly articles never reads it (nor loads numpy).
    return _computed(doc, line_model)


def compute(doc: Document, model: LineModel) -> Structure | None:
    """The structure of ``doc`` with ``model`` (no cache): what :func:`structure` does
    with the shipped model, and what the training script does with the one it fits."""
    return _computed(doc, lambda: model)


def _computed(doc: Document, model: Callable[[], LineModel]) -> Structure | None:
    found = page_units(doc)
    if found is None:
        return None
    if found.scored is None:
        parts = plain_structure(doc)
    else:
        scorer = model()
        parts = assemble(doc, found, unit_log_odds(found, scorer), scorer.thresholds)
    return with_reader_thread(parts, found, doc.language)


def with_reader_thread(found: Structure, units: Units, lang: str | None) -> Structure:
    """``found`` with the end of its body made a comment section when it turns into
    readers' comments that kept neither header nor signature (:mod:`.reader_voice`)."""
    if found.body is None:
        return found
    first, last = found.body
    inside = [i for i, (start, end) in enumerate(units.groups) if start >= first and end <= last]
    if not inside or units.groups[inside[-1]][1] != last:
        return found
    start = thread_start([units.texts[i] for i in inside], lang)
    if start is None:
        return found
    thread = units.groups[inside[start]][0]
    parts = found.parts[:thread] + [Part.COMMENTS] * (last - thread + 1) + found.parts[last + 1 :]
    before = [
        Block(b.part, b.first, min(b.last, thread - 1)) for b in found.blocks if b.first < thread
    ]
    after = [b for b in found.blocks if b.first > last]
    blocks = [*before, Block(Part.COMMENTS, thread, last), *after]
    body = (first, thread - 1)
    return dataclasses.replace(found, parts=parts, body=body, blocks=blocks)


def unit_log_odds(units: Units, model: LineModel) -> list[float]:
    """The model's log-odds of each unit; plain prose gets the score of plain prose."""
    assert units.scored is not None
    return model.page_log_odds(units.own, units.sizes, units.scored)


@dataclass(frozen=True)
class Units:
    """The paragraphs of a page as the view sees them, before any model: their texts
    (stripped, hard-wrapped lines joined), own features (:data:`features.OWN`), markers,
    word counts, whether the model scores each (not plain prose; None for a page that
    is plainly an article), and the (first, last) indexes of their lines."""

    texts: list[str]
    own: list[list[float]]
    markers: list[Marker | None]
    sizes: list[int]
    scored: list[bool] | None
    groups: list[tuple[int, int]]

    @property
    def rows(self) -> list[list[float] | None] | None:
        """The full feature rows (:data:`features.NAMES`; None for a unit of plain prose,
        and the whole list None for a page that is plainly an article): what training
        reads; the view itself scores the units without them (``page_log_odds``)."""
        if self.scored is None:
            return None
        return context_rows(self.own, self.sizes, self.scored)


def unit_texts(doc: Document) -> list[str]:
    """The texts of ``doc``'s units: its paragraphs as written, stripped, the lines of a
    hard-wrapped one joined by a space."""
    line_texts = doc.line_texts
    texts = [line_texts[number - 1].strip() for number in doc.paragraph_numbers]
    groups = doc.paragraph_groups
    if len(groups) < len(texts):
        texts = [" ".join(texts[first : last + 1]) for first, last in groups]
    return texts


def page_units(doc: Document) -> Units | None:
    """The units of ``doc``; None when it is empty or its language has no function-word
    list (the view then says nothing)."""
    numbers = doc.paragraph_numbers
    if not numbers:
        return None
    words = function_words(doc.language)
    if words is None:
        return None
    texts = unit_texts(doc)
    groups = doc.paragraph_groups
    wraps = [last - first + 1 for first, last in groups]
    found = features.page_units(texts, words, wraps, page_hints(doc))
    if found is None:  # plainly an article: nothing to score
        return Units(texts, [], [], [], None, groups)
    own, markers, sizes, prose = found
    scored = [not plain for plain in prose]
    return Units(texts, own, markers, sizes, scored, groups)


def plain_structure(doc: Document) -> Structure:
    """The structure of a page that is plainly an article: all body, nothing scored."""
    numbers = doc.paragraph_numbers
    count = len(numbers)
    return Structure(numbers, [], [None] * count, [Part.BODY] * count, (0, count - 1), [])


#: The parts and the markers by the core's indexes (their order in their enums).
_PARTS = tuple(Part)
_MARKER_INDEX = {found: index for index, found in enumerate(Marker)}


def assemble(
    doc: Document, units: Units, log_odds: list[float], thresholds: dict[str, float]
) -> Structure:
    """The structure of ``doc`` from its units and their log-odds: the parts of the
    units, given to each of their lines, the body and the blocks, in one call of the
    compiled core (``core/src/segment.rs``; the Python it replaced is the oracle of
    ``tests/test_segment_parity.py``)."""
    words = function_words(doc.language)
    assert words is not None  # the page has units
    markers: list[Marker | None] = units.markers
    kinds, body, blocks = _core.page_parts(
        words.reader,
        marker_reader(),
        units.texts,
        units.own,
        log_odds,
        units.sizes,
        [None if found is None else _MARKER_INDEX[found] for found in markers],
        units.groups,
        threshold_values(thresholds),
    )
    groups = units.groups
    if len(groups) < len(doc.paragraph_numbers):  # from paragraphs to their lines
        unit = [index for index, (first, last) in enumerate(groups) for _ in range(first, last + 1)]
        log_odds = [log_odds[i] for i in unit]
        markers = [markers[i] for i in unit]
    parts = [_PARTS[kind] for kind in kinds]
    found = [Block(_PARTS[part], first, last) for part, first, last in blocks]
    return Structure(doc.paragraph_numbers, log_odds, markers, parts, body, found)
