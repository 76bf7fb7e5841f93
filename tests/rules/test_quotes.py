"""Q rules on real quotation marks and brackets."""

from __future__ import annotations

import pytest

CUT = (
    "le chef de la diplomatie américaine a dit vouloir «poursuivre un échange substantiel "
    "avec la Russie sur les inq"
)


def test_unbalanced_guillemet(run_rule):
    findings = run_rule("Q001", CUT, lang="fr")
    assert [CUT[f.start] for f in findings] == ["«"]
    assert run_rule("Q001", "Menace de sanctions «rapides et sévères»", lang="fr") == []


def test_unbalanced_curly_and_straight_quotes(run_rule):
    text = (
        "At the last minute, a sample came in called “Glasgow (“No Place Like Home”).\n"
        '"He is renowned for his tactical prowess and has managed FC Porto, Inter\n'
    )
    assert [f.line for f in run_rule("Q001", text, lang="en")] == [1, 2]


def test_quotes_over_several_paragraphs_and_inches(run_rule):
    text = (
        "“We will not give up,” she said. “The first step is the hardest.\n"
        "“The second one is easier, and the third one is a habit.”\n"
        'Dell Alienware AW3418DW 34" curved monitor, now $649.99\n'
        "„Wir schaffen das“, sagte sie.\n"
    )
    assert run_rule("Q001", text, lang="en") == []


def test_unbalanced_brackets(run_rule):
    text = "Asparagus and Eggs [1 cup asparagus, ½ cup sweet potato (or 1 slice toast]"
    findings = run_rule("Q002", text, lang="en")
    assert [text[f.start] for f in findings] == ["("]
    clean = "1) Le ministre (démissionnaire) a été remplacé [mardi]. :( fin"
    assert run_rule("Q002", clean, lang="fr") == []


def test_mixed_quote_styles_is_info_on_the_odd_paragraph(run_rule):
    text = (
        'Anthony Blinken "exhorte la Russie à désamorcer", a déclaré le département.\n'
        "Menace de sanctions «rapides et sévères»\n"
        "«Nous continuons d'entendre les assurances», a regretté ce responsable.\n"
    )
    findings = run_rule("Q003", text, lang="fr")
    assert [(f.line, f.severity.value) for f in findings] == [(1, "info")]
    assert run_rule("Q003", text.splitlines()[1], lang="fr") == []


def test_french_spacing(run_rule):
    findings = run_rule("Q004", "Menace de sanctions «rapides et sévères»", lang="fr")
    assert [f.severity.value for f in findings] == ["info"]
    assert run_rule("Q004", "Menace de sanctions « rapides et sévères »", lang="fr") == []
    assert run_rule("Q004", "He said «yes»", lang="en") == []


def test_unbalanced_quotes_with_nested_openers(run_rule):
    text = "Il a dit «a «b» c.\nRien.\n« Tout » va bien."
    findings = run_rule("Q001", text, lang="fr")
    assert [(f.line, f.column) for f in findings] == [(1, 10)]


def test_unbalanced_brackets_across_paragraphs(run_rule):
    text = "Rien ici.\nLe ministre (qui a\ndémissionné) part. [Un autre (texte]\nFin (x"
    findings = run_rule("Q002", text, lang="fr")
    assert [(f.line, f.column) for f in findings] == [(3, 30), (4, 5)]


def test_french_spacing_counts_per_paragraph(run_rule):
    text = "«a» et b!\nc ; d\nRien?\ne; f! g?"
    findings = run_rule("Q004", text, lang="fr")
    assert [(f.line, f.column) for f in findings] == [(1, 1), (3, 5), (4, 2)]
    assert [f.message.split("(")[1] for f in findings] == [
        "3 in this paragraph)",
        "1 in this paragraph)",
        "3 in this paragraph)",
    ]


def test_mixed_quote_styles_counts_paragraphs(run_rule):
    text = 'Il a dit "oui".\n“Non”, a-t-il dit.\n“Peut-être”.\nFin.'
    findings = run_rule("Q003", text, lang="fr")
    assert [(f.line, f.column) for f in findings] == [(1, 10)]


# --- paragraphs as written: a hard-wrapped quotation is one paragraph's

WRAPPED_QUOTES = {
    "en": (
        '"HECToR will enable us to do research that we simply could\n'
        "not do in any other way and that will change how we model\n"
        'the climate," said Jane Nicholson, of the research council.\n'
        "The machine is housed in 60 wardrobe-sized cabinets in the\n"
        "University of Edinburgh's advanced computing centre.\n"
    ),
    "fr": (
        "« Nous continuons d'entendre les assurances selon lesquelles la\n"
        "Russie n'a pas l'intention d'envahir, mais toutes les actions que\n"
        "nous voyons disent clairement l'inverse », a regretté le ministre.\n"
        "Les deux hommes n'ont pas acté de rupture, malgré des positions\n"
        "toujours opposées sur la question des troupes à la frontière.\n"
    ),
    "de": (
        "„Wir werden die Brücke so schnell wie möglich sanieren, aber die\n"
        "Sicherheit der Bürger hat Vorrang vor allen anderen Fragen“, sagte\n"
        "der Bürgermeister am Dienstagabend nach der Sitzung des Rates.\n"
        "Die Arbeiten sollen im Frühjahr beginnen und nach Schätzung der\n"
        "Verwaltung etwa achtzehn Monate dauern.\n"
    ),
}


@pytest.mark.parametrize("lang", sorted(WRAPPED_QUOTES))
def test_a_quotation_over_hard_wrapped_lines_is_closed(run_rule, lang):
    text = WRAPPED_QUOTES[lang]
    assert run_rule("Q001", text, lang=lang) == []
    # cut before its end, it is open: reported on the physical line of the mark
    cut = "\n".join([*text.splitlines()[:1], *text.splitlines()[3:]]) + "\n"
    findings = run_rule("Q001", cut, lang=lang)
    assert [(f.line, f.column) for f in findings] == [(1, 1)]


def test_typewritten_closing_quotes_close_a_quotation(run_rule):
    text = "\"That made this so much sweeter in the end,'' he said.\n"
    assert run_rule("Q001", text, lang="en") == []
    assert len(run_rule("Q001", "\"That made this so much sweeter,' he said.\n", lang="en")) == 1


# A quotation that runs on to the end of a paragraph ending a sentence: the convention of
# a quotation continued in the next paragraph, which the extraction may have dropped.
RUN_ON_QUOTES = {
    "en": (
        "Tottenham said in a statement: \"Jose is one of the world's most accomplished\n"
        "\n"
        "The club will present him to the press on Thursday.\n",
        "Tottenham said in a statement: \"Jose is one of the world's most accomplished "
        "managers, having won 25 senior trophies.\n"
        "\n"
        "The club will present him to the press on Thursday.\n",
    ),
    "fr": (
        "Le ministre a ajouté : « Nous continuons d'entendre les assurances selon\n"
        "\n"
        "Les deux hommes doivent se revoir la semaine prochaine.\n",
        "Le ministre a ajouté : « Nous continuons d'entendre les assurances selon "
        "lesquelles la Russie n'a pas l'intention d'envahir.\n"
        "\n"
        "Les deux hommes doivent se revoir la semaine prochaine.\n",
    ),
    "de": (
        "Der Bürgermeister sagte: „Wir werden die Brücke so schnell wie möglich\n"
        "\n"
        "Die Arbeiten sollen im Frühjahr beginnen.\n",
        "Der Bürgermeister sagte: „Wir werden die Brücke so schnell wie möglich "
        "sanieren, aber die Sicherheit hat Vorrang.\n"
        "\n"
        "Die Arbeiten sollen im Frühjahr beginnen.\n",
    ),
}


@pytest.mark.parametrize("lang", sorted(RUN_ON_QUOTES))
def test_a_quotation_that_runs_on_past_a_full_stop_is_the_convention(run_rule, lang):
    cut, run_on = RUN_ON_QUOTES[lang]
    assert [f.line for f in run_rule("Q001", cut, lang=lang)] == [1]
    assert run_rule("Q001", run_on, lang=lang) == []


# A quotation run over paragraphs, each reopened with the opening mark (the news
# convention), as a page or an extractor delivers it with the paragraphs joined in one
# line; and a line whose quotation is really left open (cut off, or closed by a mark
# before the narration opens another).
JOINED_PARAGRAPHS = {
    "en": (
        'The coach said: "We lost the game in the first ten minutes. "After that we were '
        'chasing the score and it showed," he said. "Nobody is happy with this." (Reporting '
        "by Jane Doe; editing by John Smith)",
        'The coach called it "a bad night" and said: "We lost the game in the first ten '
        "minutes and after that we were chasing the sco",
    ),
    "fr": (
        "Le maire a déclaré : “Nous avons perdu trop de temps. “Les travaux reprendront "
        "lundi, sans faute. “Personne ne veut revivre cet hiver.” Le chantier doit durer "
        "deux ans.",
        "Le maire a déclaré : “Nous avons perdu (“un temps précieux”). “Les travaux "
        "reprendront lundi”, a-t-il ajouté.",
    ),
    "de": (
        'Die Ministerin sagte: "Wir haben zu lange gewartet. "Die Schulen brauchen das '
        'Geld jetzt." Der Bundestag berät am Freitag (dpa)',
        'Die Ministerin sprach von "Versäumnissen" und sagte: "Wir haben zu lange '
        "gewartet, die Schulen brauchen das Geld jetzt, nicht erst im Herb",
    ),
}


@pytest.mark.parametrize("lang", sorted(JOINED_PARAGRAPHS))
def test_a_quotation_reopened_in_paragraphs_joined_into_one_line_is_the_convention(run_rule, lang):
    joined, left_open = JOINED_PARAGRAPHS[lang]
    assert run_rule("Q001", joined, lang=lang) == []
    assert len(run_rule("Q001", left_open, lang=lang)) == 1
