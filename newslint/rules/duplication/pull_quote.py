"""D004 pull-quote."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.checking.prefilter import folded_searched_text
from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.options import Option
from newslint.model.rule import rule
from newslint.rules.duplication._repetition import repetition
from newslint.structure import LITERALS, Part, structure


@rule(
    code="D004",
    name="pull-quote",
    severity="warning",
    options={"min_words": Option(8, minimum=1), "max_words": Option(60, minimum=1)},
    literals=LITERALS,
)
def pull_quote(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A short paragraph whose words also stand, in the same order, inside a longer one.

    What it flags: a paragraph of ``min_words`` to ``max_words`` words (default 8-60)
    whose sequence of words (case, punctuation and quote marks aside) is contained in
    another, longer paragraph of the same article. Magazine layouts repeat a sentence in
    large type (a pull quote); extraction flattens it into the body, where it reads as a
    duplicated sentence.

    Why it matters: the sentence appears twice in the text and out of place once.

    A pull quote set as a quotation with its own attribution ("“If you don't have a big
    booster, you're not going to make it,” Stafford said.") counts by its quoted words,
    when the attribution is short (at most eight words after the closing mark) and the
    longer paragraph is article text to the structure view (not a teaser that quotes it).

    Example: the line "Since 2010, not a single season has ended with a profit for the
    league as a whole." above a paragraph that contains that sentence gives
    D004 on the short line. A heading that restates a paragraph in other words ("Try
    going to bed at the same hour") gives nothing, nor do templated pages (see D001).

    Fix: none (deleting the copy is usually right, but check by eye).
    """
    low, high = options["min_words"], options["max_words"]
    repeated = repetition(doc)
    found = repeated.pull_quotes(low, high, _MAX_PARAGRAPHS, _SEARCH_BUDGET)
    if not repeated.templated:
        found = [*found, *_attributed_quotes(doc, low, high, {i for i, _ in found})]
    for i, host in sorted(found):
        paragraph = doc.paragraphs[i]  # built only for a finding: most documents have none
        yield Violation(
            paragraph.start,
            paragraph.end,
            f"paragraph repeats text of line {host} (pull quote?)",
        )


#: Only the first paragraphs are compared, so that a pathological document stays cheap.
_MAX_PARAGRAPHS = 400


#: Above this many byte comparisons, one search per paragraph through all the sketches
#: is slower than dismissing paragraphs by the pieces of their sketches (a piece no
#: other sketch has dismisses a paragraph), and only searching for some after.
_SEARCH_BUDGET = 100_000


#: Opening marks a quotation paragraph starts with, and the closing marks it may end on.
_OPENERS = frozenset('“"«„‘‹「『')
#: A closing mark; an apostrophe inside a word ("don’t", "l’ancien") is none.
_CLOSING_MARK = re.compile(r"[”\"»“›」』]|[’'](?!\w)")
#: Words after the closing mark that still make an attribution ("he said of the plan").
_MAX_ATTRIBUTION_WORDS = 8
_WORD = re.compile(r"\w+")
_QUOTATION_START = re.compile("\n(?=[" + re.escape("".join(sorted(_OPENERS))) + "])")


def _attributed_quotes(
    doc: Document, low: int, high: int, reported: set[int]
) -> Iterator[tuple[int, int]]:
    """(paragraph index, host line) of each paragraph that is a quotation and a short
    attribution whose quoted words stand, in order, inside a longer paragraph."""
    # The page casefolded, behind a "\n": line N starts after its N-th "\n" (casefolding
    # changes no line break), so a string's lines are found without reading each line.
    folded = folded_searched_text(doc)
    numbers = doc.paragraph_numbers[:_MAX_PARAGRAPHS]
    starts = [match.end() for match in _QUOTATION_START.finditer(folded)]
    for number in _line_numbers(folded, starts):
        i = bisect_left(numbers, number)
        if i >= len(numbers) or numbers[i] != number or i in reported:
            continue
        found = _quotation(doc.line_texts[number - 1], low, high)
        if found is None or folded.count(found[1]) < 2:
            continue  # its longest word stands once: no other paragraph holds it
        needle, size = f" {found[0]} ", len(_words(doc, number))
        for host in _line_numbers(folded, _find_all(folded, found[1])):
            j = bisect_left(numbers, host)
            if host == number or j >= len(numbers) or numbers[j] != host:
                continue
            other = _words(doc, host)
            if len(other) > size and needle in f" {other} ":
                if _article_text(doc, j):
                    yield i, host
                break


def _find_all(text: str, string: str) -> list[int]:
    """The offsets of ``string`` in ``text``, in order."""
    found, at = [], text.find(string)
    while at >= 0:
        found.append(at)
        at = text.find(string, at + 1)
    return found


def _line_numbers(folded: str, offsets: list[int]) -> list[int]:
    """The distinct numbers of the lines of ``folded`` at ``offsets`` (sorted), in order."""
    numbers: list[int] = []
    line, last = 0, 0
    for at in offsets:
        line += folded.count("\n", last, at)
        last = at
        if not numbers or numbers[-1] != line:
            numbers.append(line)
    return numbers


def _words(doc: Document, number: int) -> str:
    """The words of line ``number``, casefolded, joined by one space."""
    return " ".join(_WORD.findall(doc.line_texts[number - 1].casefold()))


def _quotation(text: str, low: int, high: int) -> tuple[str, str] | None:
    """The quoted words of a paragraph made of a quotation (``low`` to ``high`` words)
    and at most a short attribution after it, normalised, and the longest of them; else
    None."""
    close = max((match.start() for match in _CLOSING_MARK.finditer(text)), default=0)
    if close <= 0 or len(text[close + 1 :].split()) > _MAX_ATTRIBUTION_WORDS:
        return None
    quoted = _WORD.findall(text[1:close].casefold())
    if not quoted or not low <= len(quoted) <= high:
        return None
    return " ".join(quoted), max(quoted, key=len)


def _article_text(doc: Document, index: int) -> bool:
    """Whether paragraph ``index`` is in the article body (any paragraph, for a page the
    structure view says nothing of)."""
    found = structure(doc)
    return found is None or found.parts[index] is Part.BODY
