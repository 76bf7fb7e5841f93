"""The compiled core's units of a page (``core/src/page.rs``: the markers of the units'
starts, the comment signatures of their ends, whether the page is plainly an article,
then the units' own features, in one call) say what the Python steps they replaced said:
``page_marks`` and ``plainly_article``, kept as the oracle in ``tests/page_oracle.py``,
and the own features of ``tests/structure_oracle.py``. Held on every page of the shared
corpus (skipped, saying why, without ../shared beside the repository) and on generated
pages: prose and page furniture, "About" headings, signed comments, tail words, list
items and rows of tables, with characters whose lower case lengthens or depends on what
follows ("İ", "Σ"), lone surrogates and other scripts."""

from __future__ import annotations

import json

import hypothesis
import page_oracle as oracle
import pytest
import structure_oracle
from hypothesis import strategies as st
from shared_sets import SETS, shared_set

from newslint.model.document import Document
from newslint.structure import features, unit_texts
from newslint.structure.function_words import FunctionWords, function_words
from newslint.structure.markers import page_hints

FUZZ = hypothesis.settings(deadline=None, derandomize=True, database=None, max_examples=250)


def expected_plain(texts: list[str], words: FunctionWords, hints: tuple[bool, bool]) -> bool:
    """The oracle's answer to "is the page plainly an article?", as page_units asked it."""
    marks = oracle.page_marks(texts, hints[0])
    return oracle.plainly_article(texts, words, signatures=hints[0], marks=marks)


def assert_page_parity(
    texts: list[str],
    words: FunctionWords,
    wraps: list[int] | None = None,
    hints: tuple[bool, bool] = (True, True),
) -> bool:
    """The core's page against the oracle's; whether the page was plainly an article."""
    found = features.page_units(texts, words, wraps, hints)
    plain = expected_plain(texts, words, hints)
    assert (found is None) == plain, texts
    if found is not None:
        own, markers, sizes, prose = found
        expected = structure_oracle.unit_features(texts, words, wraps, hints)
        assert [[value.hex() for value in row] for row in own] == [
            [value.hex() for value in row] for row in expected[0]
        ]
        assert (markers, sizes, prose) == expected[1:]
    return plain


def page_of(doc: Document) -> tuple[list[str], list[int]] | None:
    """The units of ``doc`` and the lines each spans, as ``structure.page_units`` reads
    them (None for a document without paragraphs)."""
    if not doc.paragraph_numbers:
        return None
    return unit_texts(doc), [last - first + 1 for first, last in doc.paragraph_groups]


@pytest.mark.parametrize("name", SETS)
def test_the_core_reads_every_shared_page_as_python_did(name):
    path = shared_set(name)
    outcomes = set()
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        doc = Document(record["text"], "a", record=record["id"], lang=record.get("lang"))
        words = function_words(doc.language)
        page = page_of(doc)
        if words is None or page is None:
            continue
        texts, wraps = page
        for hints in {page_hints(doc), (True, True)}:
            outcomes.add(assert_page_parity(texts, words, wraps, hints))
    assert outcomes  # pages were compared


#: Running English prose: function words and others, which sentences are built from.
PROSE_WORDS = (
    "the of and to in a is that for it as was with be by on not he this are or his from "
    "at which but have an they you were her she there been one all we their has would "
    "minister said government report week city council plan people police court"
).split()
#: Units a page may hold besides prose: furniture, navigation, comments, headings.
OTHER_UNITS = [
    "Home", "Sign up for our newsletter", "Share this article", "Reply", "Report this comment",
    "About Acme Inc.", "About this rating", "About nós", "ABOUT US", "About", "About İstanbul",
    "Read more:", "Tags: politics, world", "Posted by Jane on March 3, 2009 4:20 pm",
    "Jane Doe is a reporter.", "© 2024 Acme", "All rights reserved", "Follow us on X",
    "- first item", "1. first item", "12) second", "a | b | c", "***", "…", "12:30",
    "By Jane Doe", "Photo: AFP", "Comments (3)", "Leave a reply", "Privacy policy",
]  # fmt: skip
#: Characters whose lower case differs in length or by context, lone surrogates,
#: other scripts and signs the tests read.
TRICKY = list("İΣσςẞǅ\u0130\u03a3\ud800\udfffé’'«»\"”)]|•-–1.?!…:\xa0\u2003ⓒ©")

WORD = st.one_of(st.sampled_from(PROSE_WORDS), st.sampled_from(TRICKY), st.characters())
SENTENCE = st.lists(WORD, min_size=10, max_size=40).map(
    lambda words: " ".join(words).capitalize() + "."
)
PROSE = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
UNIT = st.one_of(
    PROSE,
    PROSE,
    st.sampled_from(OTHER_UNITS),
    st.tuples(st.sampled_from(OTHER_UNITS), st.sampled_from(TRICKY)).map("".join),
    st.lists(st.one_of(WORD, st.sampled_from(TRICKY)), min_size=1, max_size=8).map(" ".join),
)
PAGES = st.lists(UNIT.map(str.strip).filter(bool), min_size=1, max_size=14)


@FUZZ
@hypothesis.given(PAGES, st.tuples(st.booleans(), st.booleans()))
def test_the_core_reads_generated_pages_as_python_did(texts, hints):
    words = function_words("en")
    assert words is not None
    wraps = [1 + len(text) % 3 for text in texts]
    assert_page_parity(texts, words, wraps, hints)


def test_generated_pages_include_plain_articles_and_others():
    """The generator reaches both answers (else the test above checks half the code)."""
    words = function_words("en")
    assert words is not None
    prose = (
        "The minister said that the plan for the city was not one that the council would "
        "have, and that it was in the report of the week."
    )
    assert assert_page_parity(["Headline", prose, prose + " Yes."], words)
    assert not assert_page_parity(["Headline", prose, "Sign up for our newsletter"], words)
    assert assert_page_parity(["About this rating", prose], words)  # names nothing
    assert assert_page_parity([prose, "İ" * 3 + " " + prose], words)
