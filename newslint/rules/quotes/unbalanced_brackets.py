"""Q002 unbalanced-brackets."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newslint.document import Document
from newslint.finding import Violation
from newslint.rule import rule

_PAIRS = {")": "(", "]": "["}


def _unclosed(text: str) -> list[int]:
    """Indexes of brackets opened and not closed; stray closers ("1)" list items) pass."""
    stack: list[int] = []
    unclosed: list[int] = []
    for index, char in enumerate(text):
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


@rule(code="Q002", name="unbalanced-brackets", severity="warning")
def unbalanced_brackets(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A parenthesis or square bracket opened in a paragraph and never closed.

    What it flags: per paragraph, an ``(`` or ``[`` with no matching closer, including
    one left open when an outer bracket closes (``[1 cup (or 1 slice]``). Closers without
    an opener are not flagged: list items are numbered ``1)``, ``a)``.

    Why it matters: an unclosed bracket marks text cut out of the middle of a sentence
    or a broken join.

    Example: "Le ministre (qui a démissionné mardi a été remplacé." gives Q002 at the
    "(". "Le ministre (démissionnaire) a été remplacé." gives nothing.

    Fix: none.
    """
    for paragraph in doc.paragraphs:
        text = paragraph.text
        if "(" not in text and "[" not in text:
            continue
        for index in _unclosed(text):
            yield Violation(paragraph.start + index, paragraph.start + index + 1,
                            f"'{text[index]}' opened and never closed")
