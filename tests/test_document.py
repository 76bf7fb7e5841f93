"""Document: lines, positions, paragraphs, words, language, views and facts."""

from __future__ import annotations

import pickle

import hypothesis
import pytest
from hypothesis import strategies as st

from newslint.model.document import Document, Line, Span
from newslint.model.facts import DocumentFacts, Earlier
from newslint.model.stash import StashKey

LINE_ENDINGS = pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])

CROSSHEAD = "Menace de sanctions «rapides et sévères»"
BODY = "L'échange Lavrov-Blinken était le premier depuis cette lettre américaine."
LAST = "Washington a rejeté ces demandes."

LEAD_FR = (
    "Après une conversation téléphonique entre les chefs des affaires étrangères des "
    "États-Unis et de la Russie, Washington a admis ne pas avoir obtenu les engagements "
    "russes de désamorcer immédiatement la situation à la frontière ukrainienne."
)
LEAD_EN = (
    "The United States acknowledged on Tuesday that it had failed to secure a promise "
    "from Russia to immediately defuse the situation on the Ukrainian border, but the "
    "two rivals' top diplomats appeared willing to keep talking."
)


def article(nl: str) -> Document:
    return Document(nl.join([CROSSHEAD, "", BODY, LAST]), "article.txt")


@LINE_ENDINGS
def test_lines_drop_every_kind_of_line_break(nl):
    doc = article(nl)
    assert [line.text for line in doc.lines] == [CROSSHEAD, "", BODY, LAST]
    assert [line.number for line in doc.lines] == [1, 2, 3, 4]
    for line in doc.lines:
        assert isinstance(line, Line)
        assert doc.text[line.start : line.end] == line.text


@LINE_ENDINGS
def test_position_columns_count_characters_from_the_line_start(nl):
    doc = article(nl)
    assert doc.position(0) == (1, 1)
    assert doc.position(doc.text.index("«")) == (1, 21)
    assert doc.position(doc.text.index("Lavrov")) == (3, 11)
    assert doc.position(doc.text.index("rejeté")) == (4, 14)
    assert doc.position(len(doc.text)) == (4, len(LAST) + 1)


def test_position_clamps_offsets_outside_the_text():
    doc = article("\n")
    assert doc.position(-5) == (1, 1)
    assert doc.position(len(doc.text) + 100) == doc.position(len(doc.text))


def test_position_of_a_line_break_is_the_end_of_its_line():
    doc = Document("Kiev\nMoscou", "a.txt")
    assert doc.position(4) == (1, 5)
    assert doc.position(5) == (2, 1)


@LINE_ENDINGS
def test_line_span_with_and_without_the_break(nl):
    doc = article(nl)
    start, end = doc.line_span(1)
    assert doc.text[start:end] == CROSSHEAD
    start, end = doc.line_span(1, with_break=True)
    assert doc.text[start:end] == CROSSHEAD + nl
    assert doc.line_span(2, with_break=True) == (end, end + len(nl))


def test_line_span_of_the_last_line_without_final_newline_ends_at_the_text_end():
    doc = article("\n")
    assert (
        doc.line_span(4)
        == doc.line_span(4, with_break=True)
        == (
            len(doc.text) - len(LAST),
            len(doc.text),
        )
    )


def test_a_final_newline_leaves_an_empty_last_line():
    doc = Document(LAST + "\n", "a.txt")
    assert [line.text for line in doc.lines] == [LAST, ""]
    assert doc.line_span(1, with_break=True) == (0, len(LAST) + 1)


def test_empty_text_has_one_empty_line_and_nothing_else():
    doc = Document("", "empty.txt")
    assert [line.text for line in doc.lines] == [""]
    assert doc.paragraphs == doc.words == []
    assert doc.position(0) == (1, 1)


@LINE_ENDINGS
def test_paragraphs_are_the_non_blank_lines(nl):
    doc = Document(nl.join([CROSSHEAD, "", "   \t", BODY, "", ""]), "a.txt")
    assert [(p.number, p.text) for p in doc.paragraphs] == [(1, CROSSHEAD), (4, BODY)]


def test_words_with_offsets_keep_apostrophes_and_hyphens_inside():
    text = "L'échange Lavrov-Blinken, d’État : 100 000 soldats -- _fin_"
    doc = Document(text, "a.txt")
    assert [w.text for w in doc.words] == [
        "L'échange",
        "Lavrov-Blinken",
        "d’État",
        "100",
        "000",
        "soldats",
        "fin",
    ]
    for word in doc.words:
        assert isinstance(word, Span)
        assert doc.text[word.start : word.end] == word.text
    assert doc.words[1].start == text.index("Lavrov")


@pytest.mark.parametrize(
    ("given", "expected"), [("fr", "fr"), ("FR", "fr"), ("fr-FR", "fr"), ("en_GB", "en")]
)
def test_language_given_by_the_input_is_normalised_and_not_detected(given, expected):
    # The text is English, so a detection would say "en": the given language wins.
    assert Document(LEAD_EN, "a.txt", lang=given).language == expected


@pytest.mark.parametrize(("text", "expected"), [(LEAD_FR, "fr"), (LEAD_EN, "en")])
def test_language_is_detected_when_not_given(text, expected):
    assert Document(text, "a.txt").language == expected


@pytest.mark.parametrize("text", ["", "Oui.", "Menace de sanctions", "#Blinken 2022 !!!"])
def test_language_of_a_text_too_short_to_tell_is_none(text):
    assert Document(text, "a.txt").language is None


def test_the_example_article(example_article):
    doc = Document(example_article.read_text(encoding="utf-8"), str(example_article))
    assert len(doc.lines) == 9
    assert len(doc.paragraphs) == 9
    assert doc.lines[2].text == doc.lines[0].text  # the repeated lead
    assert doc.lines[6].text == CROSSHEAD
    assert doc.language == "fr"
    assert doc.position(len(doc.text)) == (9, len(doc.lines[8].text) + 1)


def test_a_given_language_that_is_not_a_tag_counts_as_not_given(default_registry, check_with):
    # Found by fuzzing: a record with "lang": "ær" made wordfreq raise in M004.
    text = "Lire aussi : le point sur la situation.\n#Aa #bb #cc\n"
    for given in ("ær", "n/a", "12", "  "):
        document = Document(text, "a.jsonl", lang=given)
        assert document.language in (None, "fr")
        findings = check_with(document, default_registry)
        assert not [f for f in findings if f.code == "X900"], given


# ------------------------------------------------- line views, against a plain split

LINE_FUZZ = hypothesis.settings(deadline=None, derandomize=True, database=None, max_examples=300)
LINE_TEXTS = st.one_of(
    st.lists(
        st.sampled_from(
            ["Menace", "\n", "\r\n", "\r", "\n\r", " ", "\t", "«»", "é", "\u2028", "\x85"]
        ),
        max_size=20,
    ).map("".join),
    st.text(max_size=60),
)


def plain_lines(text: str) -> list[tuple[int, int, str, int]]:
    """(start, end, text, number) of each line, found character by character."""
    found, start = [], 0
    while True:
        end = start
        while end < len(text) and text[end] not in "\r\n":
            end += 1
        found.append((start, end, text[start:end], len(found) + 1))
        if end == len(text):
            return found
        start = end + 2 if text[end : end + 2] == "\r\n" else end + 1


@LINE_FUZZ
@hypothesis.given(text=LINE_TEXTS)
def test_line_views_match_a_plain_split(text):
    expected = plain_lines(text)
    doc = Document(text, "a.txt")
    assert [(p.start, p.end, p.text, p.number) for p in doc.paragraphs] == [
        line for line in expected if line[2].strip()
    ]
    assert doc.paragraph_numbers == [line[3] for line in expected if line[2].strip()]
    assert doc.line_texts == [line[2] for line in expected]
    assert doc.line_starts == [line[0] for line in expected]
    assert [(line.start, line.end, line.text, line.number) for line in doc.lines] == expected
    for start, end, _, number in expected:
        following = expected[number][0] if number < len(expected) else len(text)
        assert doc.line_span(number) == (start, end)
        assert doc.line_span(number, with_break=True) == (start, following)
    # paragraphs built after the lines are the same
    later = Document(text, "a.txt")
    assert later.lines == doc.lines
    assert later.paragraphs == doc.paragraphs


def test_a_document_sent_to_a_worker_keeps_its_input_not_its_views():
    import pickle

    from newslint.model.document import InputProblem

    doc = Document(
        "Un paragraphe.\nUn autre.\n",
        "corpus.jsonl",
        record="a1",
        record_number=7,
        title="Titre",
        lang="fr",
        metadata={"url": "https://example.org/a"},
        problems=(InputProblem("bad byte", 3),),
    )
    doc.view(_word_count)
    doc.stash[_NOTE] = "learnt during the check"
    copy = pickle.loads(pickle.dumps(doc))
    fields = ("text", "path", "record", "record_number", "title", "lang", "metadata", "problems")
    assert all(getattr(copy, name) == getattr(doc, name) for name in fields)
    assert len(copy.stash) == 0 and copy._views == {}
    assert [line.text for line in copy.lines] == ["Un paragraphe.", "Un autre.", ""]


_NOTE: StashKey[str] = StashKey("note")


def _word_count(doc: Document) -> int:
    return len(doc.words)


def test_a_view_is_computed_once_and_shared():
    calls = []

    def count(doc: Document) -> int:
        calls.append(doc)
        return len(doc.words)

    doc = Document("Deux mots.", "a.txt")
    assert doc.view(count) == doc.view(count) == 2
    assert len(calls) == 1


def test_a_repaired_text_gets_fresh_views_and_keeps_its_corpus_facts():
    facts = DocumentFacts(exact_of=Earlier("c.jsonl", "a1", 1))
    doc = Document("Un mot.", "c.jsonl", record_number=2, facts=facts)
    assert doc.view(_word_count) == 2
    doc.stash[_NOTE] = "old"
    repaired = doc.with_text("Un mot de plus.")
    assert repaired.view(_word_count) == 4
    assert _NOTE not in repaired.stash
    assert repaired.facts is facts


def test_corpus_facts_travel_to_worker_processes():
    facts = DocumentFacts(exact_of=Earlier("c.jsonl", "a1", 1))
    doc = Document("Un mot.", "c.jsonl", record_number=2, facts=facts)
    assert pickle.loads(pickle.dumps(doc)).facts == facts
