"""The quote rules Q001 to Q003, whose per-document loops run in the compiled core
(``core/src/quotes.rs``), give the violations the Python implementation they replaced
gave: the oracle is that implementation, kept in ``tests/quotes_oracle.py``. Held on
every article of the shared corpus (skipped, saying why, without ../shared beside the
repository) and on generated documents made of the characters the rules read (quote
marks of every style, brackets, emoticons, inch marks, doubled single quotes, sentence
ends, Unicode white space, lone surrogates, hard-wrapped lines)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import hypothesis
import pytest
import quotes_oracle as oracle
from hypothesis import strategies as st
from shared_sets import SETS, shared_set

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.rules.quotes._paragraphs import SPACES
from newslint.rules.quotes.mixed_quote_styles import mixed_quote_styles
from newslint.rules.quotes.unbalanced_brackets import unbalanced_brackets
from newslint.rules.quotes.unbalanced_quotes import unbalanced_quotes

FUZZ = hypothesis.settings(
    deadline=None,
    derandomize=True,
    database=None,
    max_examples=600,
    suppress_health_check=[hypothesis.HealthCheck.too_slow],
)

Check = Callable[[Document, Mapping[str, Any]], Iterator[Violation]]
#: code: (the rule's check, the oracle's)
RULES: dict[str, tuple[Check, Check]] = {
    "Q001": (unbalanced_quotes.check, oracle.unbalanced_quotes),
    "Q002": (unbalanced_brackets.check, oracle.unbalanced_brackets),
    "Q003": (mixed_quote_styles.check, oracle.mixed_quote_styles),
}


def outcome(check: Check, doc: Document) -> tuple[str, Any]:
    """The violations, or the type of what the check raises."""
    fresh = Document(doc.text, doc.path, lang=doc.lang)  # no view shared
    try:
        return "value", list(check(fresh, {}))
    except Exception as exc:
        return "raised", type(exc)


def assert_parity(doc: Document) -> None:
    for code, (rule, plain) in RULES.items():
        assert outcome(rule, doc) == outcome(plain, doc), code


def test_the_core_reads_as_white_space_what_python_does():
    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert spaces == SPACES


@pytest.mark.parametrize("name", SETS)
def test_the_core_finds_on_every_shared_article_what_python_found(name):
    path = shared_set(name)
    for raw in path.read_text("utf-8").splitlines():
        if raw.strip():
            record = json.loads(raw)
            assert_parity(Document(record["text"], name, lang=record.get("lang")))


PIECES = st.one_of(
    st.sampled_from(list("«»“”„\"‘’'()[]:;-=.!?…,|0123456789 \t\n\r\xa0\u2003\u3000\x85")),
    st.sampled_from(["''", ":(", ";(", '34"', ".'", "!' ", "?'\n", ".»", "?”)", "…»", "\ud800"]),
    st.sampled_from(["Le ministre", "a dit", "He said", "the end", "und", "sagte er", "x"]),
    st.characters(),
)
LINES = st.lists(PIECES, max_size=30).map("".join)


@FUZZ
@hypothesis.given(
    lines=st.lists(LINES, max_size=8),
    line_end=st.sampled_from(["\n", "\n\n", "\r\n"]),
    lang=st.sampled_from([None, "en", "fr", "de"]),
)
def test_the_core_finds_on_generated_documents_what_python_found(lines, line_end, lang):
    assert_parity(Document(line_end.join(lines), "generated.txt", lang=lang))


@FUZZ
@hypothesis.given(text=st.text(max_size=300))
def test_the_core_finds_on_any_text_what_python_found(text):
    assert_parity(Document(text, "any.txt", lang="en"))
