"""Text helpers: folding a whole text at once is folding each of its lines."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.model.text import fold, fold_spacing, prefold

FOLD_FUZZ = settings(deadline=None, derandomize=True, database=None, max_examples=400)
_QUOTES = re.compile(r"[\"'“”„‟«»‹›‘’‚`´]")

#: Pieces that fold in a special way: combining marks (NFC), case (ß, ligatures, final
#: sigma, dotted I), quote marks, white space of every kind, line breaks.
PIECES = [
    "e",
    "E",
    "\u0301",
    "é",
    "Straße",
    "ﬁ",
    "ΣΑΣ",
    "ς",
    "İ",
    "K",
    "Å",
    "\u1fef",
    "\u037e",
    "'",
    '"',
    "“",
    "”",
    "«",
    "»",
    "´",
    "`",
    " ",
    "  ",
    "\t",
    "\xa0",
    "\u2000",
    "\u3000",
    "\u2028",
    "\x85",
    "\x1c",
    "\n",
    "\r",
    "\r\n",
    "\ud800",
    "word",
    "Привет",
]
TEXTS = st.one_of(st.lists(st.sampled_from(PIECES), max_size=25).map("".join), st.text(max_size=80))


def plain_fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(_QUOTES.sub("", text).split())


@FOLD_FUZZ
@given(text=TEXTS)
def test_fold(text):
    assert fold(text) == plain_fold(text)


@pytest.mark.parametrize("text", ["a\r”\nb", "a\r'\nb\r«»\r\nc", '\r"\n'])
def test_a_quote_mark_between_a_cr_and_a_lf_keeps_two_line_breaks(text):
    """Found by the fuzzer (issue 17): removing the quote mark made "\r\n" of "\r"
    and "\n", one line less than the document has, and D001 crashed."""
    lines = re.split(r"\r\n|\r|\n", text)
    assert len(prefold(text).split("\n")) == len(lines)


@FOLD_FUZZ
@given(text=TEXTS)
def test_prefolding_a_text_prefolds_each_line(text):
    lines = re.split(r"\r\n|\r|\n", text)
    prefolded = prefold(text).split("\n")
    assert len(prefolded) == len(lines)
    for line, done in zip(lines, prefolded, strict=True):
        assert fold_spacing(done) == plain_fold(line)


@FOLD_FUZZ
@given(text=TEXTS)
def test_fold_spacing(text):
    assert fold_spacing(text) == " ".join(text.split())
