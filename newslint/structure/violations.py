"""Blocks of the structure view as findings: one violation per block, spanning its lines
(``line``..``end_line``), with a safe fix that deletes them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from math import exp

from newslint.model.document import Document
from newslint.model.finding import Fix, Violation
from newslint.structure import Block, Part, Structure, structure


def block_violations(
    doc: Document,
    part: Part,
    message: Callable[[Structure, Block], str],
    fix_title: str,
    *,
    min_lines: int = 1,
    min_confidence: float = 0.0,
) -> Iterator[Violation]:
    """A violation for each block of ``part`` in ``doc`` of at least ``min_lines``
    non-blank lines whose lines are, on average, not article text with probability at
    least ``min_confidence`` by the line model."""
    found = structure(doc)
    if found is None:
        return
    for block in found.blocks:
        if block.part is not part or block.last - block.first + 1 < min_lines:
            continue
        if min_confidence > 0.0 and confidence(found, block) < min_confidence:
            continue
        yield block_violation(doc, found, block, message(found, block), fix_title)


def block_violation(
    doc: Document, found: Structure, block: Block, message: str, fix_title: str
) -> Violation:
    """The violation covering ``block``, with a fix deleting its lines and their breaks."""
    first, last = found.numbers[block.first], found.numbers[block.last]
    start = doc.line_starts[first - 1]
    end = doc.line_span(last)[1]
    delete_end = doc.line_span(last, with_break=True)[1]
    return Violation(start, end, message, Fix.delete(start, delete_end, fix_title))


def confidence(found: Structure, block: Block) -> float:
    """Mean probability, by the line model, that the block's lines are not article text
    (1.0 when the lines were not scored)."""
    if not found.log_odds:
        return 1.0
    scores = found.log_odds[block.first : block.last + 1]
    return sum(1.0 / (1.0 + exp(min(z, 50.0))) for z in scores) / len(scores)


def describe(found: Structure, block: Block) -> str:
    """Where a block is: "3 lines from line 41" or "line 41"."""
    count = block.last - block.first + 1
    first = found.numbers[block.first]
    return f"{count} lines from line {first}" if count > 1 else f"line {first}"
