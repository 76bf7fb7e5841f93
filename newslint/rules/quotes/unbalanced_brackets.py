"""Q002 unbalanced-brackets."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import rule
from newslint.rules.quotes._paragraphs import paragraphs_with

_PAIRS = {")": "(", "]": "["}
_BRACKET = re.compile(r"[()\[\]]")


def _unclosed(text: str) -> list[int]:
    """Indexes of brackets opened and not closed; stray closers ("1)" list items) pass."""
    stack: list[int] = []
    unclosed: list[int] = []
    for match in _BRACKET.finditer(text):  # the brackets, not every character
        index, char = match.start(), match.group()
        if char in "([":
            if char == "(" and index and text[index - 1] in ":;-=":  # emoticon ":("
                continue
            stack.append(index)
        elif char in _PAIRS and stack:
            # "[a (b]": the "(" is unclosed; pop it and let "]" close the "[".
            while stack and text[stack[-1]] != _PAIRS[char]:
                unclosed.append(stack.pop())
            if stack:
                stack.pop()
    return sorted(unclosed + stack)


def _closed_on_next_line(following: str, opener: str) -> bool:
    """Hard-wrapped text closes the bracket on the next line, before opening another."""
    closer = ")" if opener == "(" else "]"
    close_at, open_at = following.find(closer), following.find(opener)
    return close_at != -1 and (open_at == -1 or close_at < open_at)


@rule(code="Q002", name="unbalanced-brackets", severity="warning")
def unbalanced_brackets(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A parenthesis or square bracket opened in a paragraph and never closed.

    What it flags: per paragraph, an ``(`` or ``[`` with no matching closer, including
    one left open when an outer bracket closes (``[1 cup (or 1 slice]``). Closers without
    an opener are not flagged (list items are numbered ``1)``, ``a)``), nor is a bracket
    that hard-wrapped text closes on the next line.

    Why it matters: an unclosed bracket marks text cut out of the middle of a sentence
    or a broken join.

    Example: "Le ministre (qui a démissionné mardi a été remplacé." gives Q002 at the
    "(". "Le ministre (démissionnaire) a été remplacé." gives nothing.

    Fix: none.
    """
    paragraphs = doc.reflowed_paragraphs
    for position, paragraph in paragraphs_with(doc, "(["):
        text = paragraph.text
        following = paragraphs[position + 1].text if position + 1 < len(paragraphs) else ""
        for index in _unclosed(text):
            if _closed_on_next_line(following, text[index]):
                continue
            yield Violation(
                paragraph.start + index,
                paragraph.start + index + 1,
                f"'{text[index]}' opened and never closed",
            )
