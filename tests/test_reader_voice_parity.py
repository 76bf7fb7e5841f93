"""The compiled reading of a paragraph's voice (``core/src/voice.rs``) is the Python
reading it replaced (``tests/reader_voice_oracle.py``): score, first person, informal
typing and word count, in every language with word lists. Held on every line of the
shared corpus (skipped, saying why, without ../shared beside the repository) and on
generated paragraphs: quotations opened and never closed, addresses, runs of signs and
capitals, white space of every kind, lone surrogates, and words of the lists with the
signs that stick to them."""

from __future__ import annotations

import json

import hypothesis
import pytest
import reader_voice_oracle as oracle
from hypothesis import strategies as st
from shared_sets import SETS, shared_set

from newslint.structure.reader_voice import VOICES, readings, voice_of

FUZZ = hypothesis.settings(deadline=None, derandomize=True, database=None, max_examples=300)
LANGUAGES = sorted(VOICES)


def expected(texts: list[str], lang: str) -> list[tuple[float, bool, bool, int]]:
    return [
        (found.score, found.first_person, found.informal, found.words)
        for found in (oracle.voice(text, voice_of(lang)) for text in texts)
    ]


@pytest.mark.parametrize("name", SETS)
def test_the_core_reads_every_shared_line_as_python_did(name):
    path = shared_set(name)
    lines = [
        line.strip()
        for raw in path.read_text("utf-8").splitlines()
        if raw.strip()
        for line in json.loads(raw).get("text", "").split("\n")
        if line.strip()
    ]
    assert lines
    for lang in ("en", "fr"):
        assert readings(lines, lang) == expected(lines, lang)


PIECES = st.sampled_from(
    [
        *"abcXYZéÉßøÿİıΣς",  # letters, upper and lower, outside ASCII too
        *" \t\u00a0\u2003\u3000\n",  # white space of several kinds
        *".,!?:;@/-_+'’()",  # signs that glue, insist, address or stick to words
        *'"“”«»„',  # quotation marks, opened and closed
        "...",
        "....",
        "!!",
        "?!",
        "ABCD",
        "NASA",
        "www.",
        "https://",
        "x@y",
        "a.Bc",
        "7.5",
        "\ud800",  # a lone surrogate
        "I",
        "i'm",
        "you're",
        "said",
        "j'ai",
        "Je",
        "ich",
        "você",
        "dijo",
    ]
)
PARAGRAPHS = st.lists(PIECES, max_size=30).map("".join)


@FUZZ
@hypothesis.given(st.lists(PARAGRAPHS, min_size=1, max_size=6), st.sampled_from(LANGUAGES))
def test_the_core_reads_generated_paragraphs_as_python_did(texts, lang):
    assert readings(texts, lang) == expected(texts, lang)


def test_a_language_without_word_lists_is_not_read():
    assert readings(["I think so!", "well done...."], "tlh") == []
