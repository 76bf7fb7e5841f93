"""Q001 unbalanced-quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from newslint.model.document import Document, Paragraph
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.quotes._paragraphs import paragraphs_with

# A straight double quote right after a digit may be an inch mark (a 34" monitor);
# an odd count is then no evidence of an unclosed quotation.
_INCH_MARK = re.compile(r'[0-9]"')
_CLOSERS = {"«": "»", "»": "«", "“": "”", "„": "“", '"': '"'}
#: The marks a paragraph must hold to be checked at all.
_MARKS = '«»“„"'


def _unmatched_opener(text: str, opener: str, closer: str) -> int | None:
    """Index of the last opener left open when pairs are matched left to right."""
    if text.count(opener) == 1:  # the usual case: is it closed after it opens?
        index = text.find(opener)
        return None if text.find(closer, index) != -1 else index
    stack: list[int] = []
    for match in _pair_pattern(opener, closer).finditer(text):  # the marks, not every char
        if match.group() == opener:
            stack.append(match.start())
        elif stack:
            stack.pop()
    return stack[-1] if stack else None


@cache
def _pair_pattern(opener: str, closer: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(opener)}{re.escape(closer)}]")


def _curly_pair(text: str) -> tuple[str, str]:
    # German, Czech and Polish quote „like this“ (or „this”); the rest “like this”.
    return ("„", "“") if "„" in text else ("“", "”")


def _continues(next_paragraph: Paragraph | None, mark: str) -> bool:
    """A quotation running over several paragraphs leaves each one open and reopens
    the next one (the convention), or goes on in the next line when the text is
    hard-wrapped (the closing mark comes before any opening one): not a defect."""
    if next_paragraph is None:
        return False
    text = next_paragraph.text.lstrip()
    if text.startswith(mark):
        return True
    closer = text.find(_CLOSERS[mark])
    opener = text.find(mark)
    return closer != -1 and (opener == -1 or closer < opener)


# A paragraph that ends on a full stop, "!" or "?" (not on an ellipsis), the closing
# marks and brackets after it aside.
_SENTENCE_END = re.compile(r"(?<![.…])[.!?][\"'”’»)\]]*[\s|]*$")


# Quotation marks, and a single quote closing a quotation typed with a double one
# ("... sweeter,' he said.").
_QUOTE_MARK = re.compile(r"""[«»“”„"]|[,.!?]'(?=\s)""")


def _runs_on(text: str, index: int) -> bool:
    """The quotation opened at ``index`` goes on to the end of a paragraph that ends a
    sentence: the convention of a quotation continued in the next paragraph, which
    the page or the extraction may have left out. A quotation cut off mid-sentence, or
    one followed by other quotation marks, is still a defect; so is one over lines of a
    hard-wrapped text, where the quotation may be a cut line joined to the next."""
    return (
        "\n" not in text[index:]
        and _QUOTE_MARK.search(text, index + 1) is None
        and _SENTENCE_END.search(text) is not None
    )


def _problem(text: str) -> tuple[int, str, str] | None:
    pairs = [_curly_pair(text)]
    if "«" in text or "»" in text:  # most paragraphs have no guillemets: skip the finds
        left_first = text.find("«") <= text.find("»") or "»" not in text
        pairs.insert(0, ("«", "»") if left_first else ("»", "«"))
    for opener, closer in pairs:
        if opener in text:
            index = _unmatched_opener(text, opener, closer)
            if index is not None:
                return index, opener, f"'{opener}' opened and never closed"
    # Typewritten copy closes a quotation with two single quotes ("... end,'' he said).
    if (text.count('"') + text.count("''")) % 2 and not _INCH_MARK.search(text):
        return text.rfind('"'), '"', "odd number of straight double quotes"
    return None


@rule(code="Q001", name="unbalanced-quotes", severity="warning")
def unbalanced_quotes(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A quotation mark opened in a paragraph and never closed.

    What it flags: per paragraph, an opening ``«``, ``“`` or ``„`` without its closing
    mark, or an odd number of straight ``"`` (unless one may be an inch mark, ``34"``; two
    single quotes ``''`` count as one, as typewritten copy closes quotations with them). Single
    quotes are not checked: ``’`` is also the apostrophe, and ``‘`` also marks the
    Arabic ʿayn in transliterations. A quotation that runs over
    several paragraphs, each reopened with the opening mark, follows the convention and
    is not flagged, nor is a quotation that a hard-wrapped text closes on the next line,
    nor a quotation that goes on to the end of a paragraph ending a sentence (the
    convention of a quotation continued in the next paragraph, which the page or the
    extraction may have left out: nothing in the text says it is cut).

    Why it matters: an unclosed quotation is the trace of a cut or a garbled join: the
    reader can no longer tell who says what.

    Example: "a dit vouloir «poursuivre un échange substantiel avec la Russie sur les
    inq" gives Q001 at the «. "Menace de sanctions «rapides et sévères»" gives nothing.

    Fix: none (where the quotation ends is unknown).
    """
    paragraphs = doc.reflowed_paragraphs
    for position, paragraph in paragraphs_with(doc, _MARKS):
        text = paragraph.text
        problem = _problem(text)
        if problem is None:
            continue
        index, mark, message = problem
        if _runs_on(text, index):
            continue
        following = paragraphs[position + 1] if position + 1 < len(paragraphs) else None
        if _continues(following, mark):
            continue
        yield Violation(paragraph.start + index, paragraph.start + index + 1, message)
