"""The quote rules Q001 to Q003 as Python ran them before their per-document loops
moved to the compiled core (``core/src/quotes.rs``): the oracle that
``test_quotes_parity.py`` holds the core to. Copied unchanged but for the rule decorators
(these are plain functions), the docstrings, and names made distinct where two rules
used the same one."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from newslint.model.document import Document, Paragraph
from newslint.model.finding import Violation
from newslint.rules.quotes._paragraphs import paragraphs_with

# ------------------------------------------------------------------ Q001

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
    last_opened = False  # the last mark opened a quotation: it may run on
    for match in _pair_pattern(opener, closer).finditer(text):  # the marks, not every char
        if match.group() == opener:
            if last_opened and _reopens(text, match.start()):
                stack.pop()
            stack.append(match.start())
            last_opened = True
        else:
            if stack:
                stack.pop()
            last_opened = False
    return stack[-1] if stack else None


def _reopens(text: str, at: int) -> bool:
    """The mark at ``at`` opens again a quotation still open: after a sentence's end
    that no mark or bracket closes, and a space (a quotation run over paragraphs that
    were joined into one)."""
    before = text[:at]
    stripped = before.rstrip()
    return (
        len(stripped) < len(before)
        and stripped[-1:] in (".", "!", "?", "…")
        and stripped[-2:-1] not in ('"', "'", "”", "’", "»", ")", "]")
    )


def _balanced_with_reopenings(text: str) -> bool:
    """The straight quotes, read as opening or closing, pair up once reopenings count."""
    is_open = False
    for match in re.finditer('"', text):
        at = match.start()
        after_gap = at == 0 or text[at - 1].isspace() or text[at - 1] in "([—–-/"
        before_gap = at + 1 == len(text) or text[at + 1].isspace()
        if after_gap and not before_gap:
            if is_open and not _reopens(text, at):
                return False
            is_open = True
        elif not after_gap and is_open:
            is_open = False
        else:
            return False
    return not is_open


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
        if "''" not in text and _balanced_with_reopenings(text):
            return None
        return text.rfind('"'), '"', "odd number of straight double quotes"
    return None


def unbalanced_quotes(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
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


# ------------------------------------------------------------------ Q002

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


def unbalanced_brackets(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
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


# ------------------------------------------------------------------ Q003

_LABELS = {
    "straight": 'straight quotes (")',
    "guillemets": "guillemets (« »)",
    "curly": "curly quotes (“ ”)",
}
_STYLES = {
    "straight": re.compile(r'"'),
    "guillemets": re.compile(r"[«»]"),
    "curly": re.compile(r"[“”„]"),
}
#: The characters of each style, for str.find (much faster than a regex scan).
_STYLE_CHARS = {"straight": '"', "guillemets": "«»", "curly": "“”„"}


def mixed_quote_styles(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    text = doc.text
    present = [name for name, chars in _STYLE_CHARS.items() if any(c in text for c in chars)]
    if len(present) < 2:
        return  # the usual case, told by a few str.find over the text
    # Count paragraphs, not marks: one long quotation must not outweigh many short ones.
    counts = {name: sum(1 for _ in paragraphs_with(doc, _STYLE_CHARS[name])) for name in present}
    used = sorted((n, name) for name, n in counts.items() if n)
    if len(used) < 2 or used[0][0] == used[-1][0]:
        return
    minority, majority = used[0][1], used[-1][1]
    for _, paragraph in paragraphs_with(doc, _STYLE_CHARS[minority]):
        match = _STYLES[minority].search(paragraph.text)
        if match:
            yield Violation(
                paragraph.start + match.start(),
                paragraph.start + match.end(),
                f"{_LABELS[minority]} while the article mostly uses {_LABELS[majority]}",
            )
