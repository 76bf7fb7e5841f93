"""Q001 unbalanced-quotes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.document import Document, Line
from newslint.finding import Violation
from newslint.rule import rule

_LETTER_AFTER = str.isalpha


def _unmatched_opener(text: str, opener: str, closer: str) -> int | None:
    """Index of the last opener left open when pairs are matched left to right."""
    stack: list[int] = []
    for index, char in enumerate(text):
        if char == opener:
            stack.append(index)
        elif char == closer and stack:
            stack.pop()
    return stack[-1] if stack else None


def _curly_pair(text: str) -> tuple[str, str]:
    # German, Czech and Polish quote „like this“ (or „this”); the rest “like this”.
    return ("„", "“") if "„" in text else ("“", "”")


def _open_single(text: str) -> int | None:
    """An opening ‘ that no closing ’ follows (’ inside a word is an apostrophe)."""
    stack: list[int] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if char == "‘" and not before.isalnum():
            stack.append(index)
        elif char == "’" and stack and not after.isalpha():
            stack.pop()
    return stack[-1] if stack else None


def _continues(next_paragraph: Line | None, mark: str) -> bool:
    """A quotation running over several paragraphs leaves each one open and reopens
    the next one: that is the convention, not a defect."""
    return next_paragraph is not None and next_paragraph.text.lstrip().startswith(mark)


def _problem(text: str) -> tuple[int, str, str] | None:
    guillemets = ("«", "»") if text.find("«") <= text.find("»") or "»" not in text else ("»", "«")
    for opener, closer in (guillemets, _curly_pair(text)):
        if opener in text:
            index = _unmatched_opener(text, opener, closer)
            if index is not None:
                return index, opener, f"'{opener}' opened and never closed"
    if text.count('"') % 2:
        index = text.rfind('"')
        return index, '"', "odd number of straight double quotes"
    if "‘" in text:
        index = _open_single(text)
        if index is not None:
            return index, "‘", "'‘' opened and never closed"
    return None


@rule(code="Q001", name="unbalanced-quotes", severity="warning")
def unbalanced_quotes(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A quotation mark opened in a paragraph and never closed.

    What it flags: per paragraph, an opening ``«``, ``“``, ``„`` or ``‘`` without its
    closing mark, or an odd number of straight ``"``. A quotation that runs over
    several paragraphs, each reopened with the opening mark, follows the convention and
    is not flagged.

    Why it matters: an unclosed quotation is the trace of a cut or a garbled join: the
    reader can no longer tell who says what.

    Example: "a dit vouloir «poursuivre un échange substantiel avec la Russie sur les
    inq" gives Q001 at the «. "Menace de sanctions «rapides et sévères»" gives nothing.

    Fix: none (where the quotation ends is unknown).
    """
    paragraphs = doc.paragraphs
    for position, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if not any(mark in text for mark in '«»“„"‘'):
            continue
        problem = _problem(text)
        if problem is None:
            continue
        index, mark, message = problem
        following = paragraphs[position + 1] if position + 1 < len(paragraphs) else None
        if _continues(following, mark):
            continue
        yield Violation(paragraph.start + index, paragraph.start + index + 1, message)
