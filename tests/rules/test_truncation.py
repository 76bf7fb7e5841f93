"""T rules on real article endings."""

from __future__ import annotations

import pytest
from structure_texts import ARTICLES, page

ENDING_CUT = (
    "Tout en réitérant la menace de sanctions «rapides et sévères» en cas d'offensive "
    "russe, le chef de la diplomatie américaine a dit vouloir «poursuivre un échange "
    "substantiel avec la Russie sur les inq"
)
ENDING_CLEAN = (
    "Tout en réitérant la menace de sanctions «rapides et sévères» en cas d'offensive "
    "russe, le chef de la diplomatie américaine a dit vouloir «poursuivre un échange "
    "substantiel avec la Russie sur les inquiétudes» des deux pays."
)


def test_cut_mid_word(run_rule):
    findings = run_rule("T001", ENDING_CUT, lang="fr")
    assert len(findings) == 1
    assert "'inq'" in findings[0].message
    assert ENDING_CUT[findings[0].start : findings[0].end] == "inq"


def test_cut_mid_word_leaves_finished_and_credit_endings(run_rule):
    assert run_rule("T001", ENDING_CLEAN, lang="fr") == []
    article = "The minister resigned on Tuesday after a week of protests.\nWith Post wires"
    assert run_rule("T001", article, lang="en") == []
    agency = "Former ISI chief was arrested for illegally entering the country. PTI"
    assert run_rule("T001", agency, lang="en") == []


def test_cut_mid_sentence_on_function_word(run_rule):
    text = (
        "On the supply side, recommendation widgets are the most profitable among the "
        "native ad units. Recommendation widgets provide publishers with an"
    )
    findings = run_rule("T002", text, lang="en")
    assert [f.message for f in findings] == ["text stops mid-sentence, after 'an'"]
    finished = text + " effective way to recirculate organic content."
    assert run_rule("T002", finished, lang="en") == []
    heading = "The schedule\nOct. 10 -- The Cynthia Woods Mitchell Pavilion, Houston, TX"
    assert run_rule("T002", heading, lang="en") == []


def test_trailing_ellipsis(run_rule):
    text = "The quarterback didn’t suffer a concussion.\nAll..."
    assert [f.line for f in run_rule("T003", text, lang="en")] == [2]
    quoted = "« Nous verrons bien... », a-t-il conclu."
    assert run_rule("T003", quoted, lang="fr") == []


def test_missing_final_punctuation_is_info(run_rule):
    text = (
        "Le gouvernement a annoncé qu'il poursuivrait ses investissements dans la région "
        "l'an prochain"
    )
    findings = run_rule("T005", text, lang="fr")
    assert [f.severity.value for f in findings] == ["info"]
    assert run_rule("T005", text + ".", lang="fr") == []


# --- T006: the strong case of T005, at warning level


@pytest.mark.parametrize(
    ("lang", "last", "word"),
    [
        ("fr", "Les travaux devaient commencer au printemps. Le maire a pourtant refusé de dire"
         " quand le chantier du vieux pont sur la rivière serait vraiment", "vraiment"),
        ("en", "The council approved the plan on Tuesday. Members said work would begin in the"
         " spring, but the mayor would not say whether the contract would hold once costs",
         "costs"),
        ("de", "Die Arbeiten sollen im Frühjahr beginnen. Der Bürgermeister wollte aber nicht"
         " sagen, wann die Brücke über den Fluss für den Verkehr geöffnet wird und wie lange",
         "lange"),
        ("es", "Las obras comenzarán en primavera. El alcalde no quiso decir cuándo se abrirá el"
         " puente al tráfico ni cuánto costará la reparación del viejo puente", "puente"),
    ],
)  # fmt: skip
def test_an_unfinished_last_paragraph_of_prose_is_a_warning(run_rule, lang, last, word):
    text = "Le premier paragraphe.\n" + last if lang == "fr" else last
    findings = run_rule("T006", text, lang=lang)
    assert [text[f.start : f.end] for f in findings] == [word]
    assert findings[0].severity.value == "warning"
    assert run_rule("T005", text, lang=lang) == []  # T005 leaves it to T006


@pytest.mark.parametrize(
    ("lang", "last"),
    [
        # a title at the end
        ("pt", "Amar é cuidar do outro todos os dias. Só quem se ama pode encontrar em sua vida"
         " Um Amor de Verdade"),
        # an agency credit
        ("en", "More than 300 people were deported by the authorities for entering the country"
         " illegally. The aircraft landed at the airport on Monday morning, officials said. PTI"),
        # one sentence: a caption or a heading more than a cut paragraph
        ("fr", "Le maire a visité le chantier du vieux pont avec les ingénieurs de la ville et les"
         " représentants de l'entreprise chargée des travaux de rénovation"),
        # finished
        ("de", "Die Arbeiten sollen im Frühjahr beginnen. Der Bürgermeister sagte, die Brücke"
         " werde nach achtzehn Monaten wieder für den Verkehr geöffnet."),
        # a cut inside a word is T001's, after a function word T002's
        ("fr", "Les travaux devaient commencer au printemps. Le maire a pourtant refusé de dire"
         " quand le chantier du vieux pont sur la rivière serait terminé selon les"),
    ],
)  # fmt: skip
def test_unfinished_last_paragraph_leaves_names_captions_and_other_cuts(run_rule, lang, last):
    assert run_rule("T006", last, lang=lang) == []


# --- T006: the body's last paragraph that stops mid-sentence (structure view)

BODY_CUTS = {
    "en": ("The opposition criticised the decision to delay", "delay"),
    "fr": ("L'opposition a critiqué le report de la piste", "piste"),
    "de": ("Die Opposition kritisierte, dass der Pr", "Pr"),
    "es": ("La oposición criticó el aplazamiento del carril bici y anunció nuevas", "nuevas"),
    "pt": (
        "A oposição criticou o adiamento da ciclovia e anunciou que vai pedir uma nova vot",
        "vot",
    ),
}


@pytest.mark.parametrize("lang", sorted(BODY_CUTS))
def test_the_article_body_stopping_mid_sentence_is_a_warning(run_rule, lang):
    last, word = BODY_CUTS[lang]
    text = page(lang, after=[last]).replace(ARTICLES[lang][-1] + "\n", "")
    found = [f for code in ("T001", "T002", "T006") for f in run_rule(code, text, lang=lang)]
    assert [text[f.start : f.end] for f in found] == [word]
    assert found[0].severity.value in ("warning", "error")
    assert run_rule("T005", text, lang=lang) == []  # one finding for one cut


# A cut inside a name: a stub no name ends on, or a capitalised word after a comma.
NAME_CUTS = [
    ("en", "The council will vote on the plan next week, said its chairman, Ryan S", "S"),
    ("en", "Some of the worst pollution this year also occurred during Diwali, the Hi", "Hi"),
    ("fr", "Le projet sera soumis au vote la semaine prochaine, selon le maire de Saint-Ét",
     "Saint-Ét"),
    ("de", "Die Abstimmung findet nächste Woche statt, sagte Bürgermeister Hans Mü", "Mü"),
    ("es", "La votación será la próxima semana, según el alcalde de Villanueva, el Al", "Al"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "last", "word"), NAME_CUTS)
def test_the_article_body_stopping_inside_a_name_is_a_warning(run_rule, lang, last, word):
    text = page(lang, after=[last]).replace(ARTICLES[lang][-1] + "\n", "")
    found = [f for code in ("T001", "T002", "T006") for f in run_rule(code, text, lang=lang)]
    assert [text[f.start : f.end] for f in found] == [word.split("-")[-1]]


@pytest.mark.parametrize("lang", ["en", "fr", "de"])
def test_a_last_paragraph_of_one_opened_quotation_word_is_a_cut(run_rule, lang):
    opened = {"en": "“It’s", "fr": "« C’est", "de": "„Es"}[lang]
    text = page(lang, after=[opened]).replace(ARTICLES[lang][-1] + "\n", "")
    assert [f.line for f in run_rule("T006", text, lang=lang)] == [len(text.splitlines())]


@pytest.mark.parametrize(
    ("lang", "last"),
    [
        ("en", "Reporting by Jane Doe; editing by John Roe"),  # a credit
        ("en", "The truth about the credit crunch by Phil Mullan"),  # a book and its author
        ("de", "Mehr dazu im Buch von Karl Marx, Das Kapital"),  # a title after a comma
        ("en", "With files from the Associated Press"),  # a credit at the end
        ("fr", "Propos recueillis par Jean Dupont, AFP"),  # ends on an agency
        ("de", "Mehr Informationen unter www.example.de"),  # an address
        ("pt", "Só quem se ama pode encontrar em sua vida Um Amor de Verdade"),  # a title
        ("es", "Síguenos en Twitter: @ejemplo"),  # a handle
        ("it", "Il consiglio si riunirà giovedì."),  # finished
    ],
)  # fmt: skip
def test_a_body_ending_on_a_credit_a_title_or_an_address_is_no_cut(run_rule, lang, last):
    text = page(lang, after=[last])
    for code in ("T001", "T002", "T006"):
        assert run_rule(code, text, lang=lang) == [], code


def test_the_last_item_of_a_list_is_no_cut(run_rule):
    items = ["- Apple A10 Fusion chip", "- 12-megapixel camera with optical stabilisation",
             "- Apple A10 Fusion chip with embedded M10 motion coprocessor"]  # fmt: skip
    text = page("en", after=["The new phone comes with:", *items])
    assert run_rule("T006", text, lang="en") == []
