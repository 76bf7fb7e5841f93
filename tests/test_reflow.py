"""Paragraphs as written (newslint.model.reflow, Document.reflowed_paragraphs): hard-wrapped
lines that continue one sentence are one paragraph; findings keep physical lines."""

from __future__ import annotations

import pytest

from newslint.model.document import Document

WRAPPED = {
    "en": (
        "LONDON (Reuters) - A supercomputer that could help answer\n"
        "some of science's biggest questions will be unveiled on Monday.\n"
        "With the power of 12,000 desktop PCs, the mammoth machine\n"
        "called HECToR is the country's fastest computer and one of the\n"
        "most powerful in Europe.\n"
        "It can make 63 million calculations each second, allowing\n"
        "scientists to conduct research into everything from climate\n"
        "change to new medicines.\n"
    ),
    "fr": (
        "PARIS (AFP) - Le conseil municipal a adopté mardi soir un budget\n"
        "révisé, après un long débat sur le coût de la rénovation du\n"
        "vieux pont qui enjambe la rivière.\n"
        "Les élus ont voté à sept voix contre deux en faveur du projet, qui\n"
        "transfère une partie des crédits prévus pour les routes vers le\n"
        "chantier du pont.\n"
    ),
    "de": (
        "BERLIN (dpa) - Der Stadtrat hat am Dienstagabend nach einer langen\n"
        "Debatte über die Kosten für die Sanierung der alten Brücke einen\n"
        "geänderten Haushalt beschlossen.\n"
        "Mit sieben zu zwei Stimmen stimmten die Mitglieder für den Plan, der\n"
        "Geld aus der Straßensanierung in die Brücke umschichtet.\n"
        "Die Arbeiten sollen im Frühjahr beginnen und nach Schätzung der\n"
        "Verwaltung etwa achtzehn Monate dauern.\n"
    ),
}
SPANS = {"en": [(1, 2), (3, 5), (6, 8)], "fr": [(1, 3), (4, 6)], "de": [(1, 3), (4, 5), (6, 7)]}
# German capitalises its nouns: a line that goes on with one ("... einer langen" /
# "Debatte") is joined once the text is known to be wrapped (three joins elsewhere).


@pytest.mark.parametrize("lang", sorted(WRAPPED))
def test_hard_wrapped_lines_of_one_sentence_are_one_paragraph(lang):
    doc = Document(WRAPPED[lang], path="a.txt", lang=lang)
    paragraphs = doc.reflowed_paragraphs
    assert [(p.first, p.last) for p in paragraphs] == SPANS[lang]
    for paragraph in paragraphs:
        assert doc.text[paragraph.start : paragraph.end] == paragraph.text
        assert "\n" not in paragraph.joined and paragraph.joined.endswith(".")
    groups = doc.paragraph_groups
    assert [(doc.paragraph_numbers[a], doc.paragraph_numbers[b]) for a, b in groups] == SPANS[lang]


@pytest.mark.parametrize(
    "text",
    [
        # one paragraph per line, as most extractors deliver
        "The council approved the budget on Tuesday.\nMembers voted seven to two.\n",
        # a headline, then the story: the headline ends no sentence but is not wrapped
        "Council approves bridge repairs\nThe council approved the budget on Tuesday.\n",
        # menu items: too short to be wrapped prose
        "Home\nnews\nsport\nweather\n",
        # a list
        "The plan holds three projects and a\n- new cycle lane\n- a park\n",
        # a blank line ends a paragraph
        "The council approved the budget on\n\nthe bridge across the river.\n",
        # a table row
        "Results of the vote in the council of\n| Yes | 7 |\n",
    ],
)
def test_lines_that_do_not_continue_a_sentence_stay_apart(text):
    doc = Document(text, path="a.txt", lang="en")
    assert len(doc.reflowed_paragraphs) == len(doc.paragraphs)
    assert [p.first for p in doc.reflowed_paragraphs] == [p.number for p in doc.paragraphs]


def test_a_line_ending_on_a_comma_or_a_function_word_goes_on():
    text = (
        "The mayor said the decision was difficult, but\n"
        "Necessary, because engineers had warned them,\n"
        "Especially about the heavy lorries.\n"
    )
    doc = Document(text, path="a.txt", lang="en")
    assert [(p.first, p.last) for p in doc.reflowed_paragraphs] == [(1, 3)]


def test_a_wrapped_text_joins_full_lines_that_go_on_with_a_capital():
    # Lines joined by the first test make the text wrapped; then a full line that ends
    # no sentence goes on, even before a capital ("Dr." / "Michael", a name).
    text = (
        "Male macaque monkeys pay for sex by grooming females, according\n"
        "to a recent study that suggests the primates may treat sex as\n"
        "a commodity, said Dr. Michael Gumert, a primatologist at the\n"
        "Nanyang Technological University in Singapore, in an interview.\n"
        "Other experts not involved in the study welcomed the research and\n"
        "Gumert's findings, saying it was a major effort in systematically\n"
        "studying the interaction of organisms.\n"
    )
    doc = Document(text, path="a.txt", lang="en")
    assert [(p.first, p.last) for p in doc.reflowed_paragraphs] == [(1, 4), (5, 7)]


def test_windows_line_breaks_keep_offsets():
    text = "A supercomputer that could help answer\r\nsome of science's biggest questions.\r\n"
    doc = Document(text, path="a.txt", lang="en")
    [paragraph] = doc.reflowed_paragraphs
    assert doc.text[paragraph.start : paragraph.end] == paragraph.text
    assert (
        paragraph.joined
        == "A supercomputer that could help answer some of science's biggest questions."
    )


def test_line_start_rules_leave_the_lines_of_a_wrapped_paragraph(run_rule):
    # "Read more" starts line 2, but line 2 goes on with line 1's sentence
    wrapped = (
        "The council approved the plan after a debate in which the mayor urged members to\n"
        "read more carefully the report that engineers had submitted in the spring, and\n"
        "then voted seven to two in favour of it on Tuesday evening.\n"
    )
    assert run_rule("B001", wrapped, lang="en") == []
    teaser = wrapped + "Read more: Council approves new parking rules downtown\n"
    assert [f.line for f in run_rule("B001", teaser, lang="en")] == [4]
