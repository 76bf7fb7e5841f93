"""D rules on real article text: what must be flagged and what must not."""

from __future__ import annotations

import pytest

LEAD = (
    "Après une conversation téléphonique entre les chefs des affaires étrangères des "
    "États-Unis et de la Russie, Washington a admis ne pas avoir obtenu les engagements "
    "russes de désamorcer immédiatement la situation à la frontière ukrainienne."
)
BODY = (
    "Les États-Unis ont reconnu mardi qu'ils n'avaient pas réussi à obtenir de la Russie "
    "la promesse de désamorcer immédiatement la situation à la frontière ukrainienne, mais "
    "les chefs de la diplomatie des deux puissances rivales semblaient vouloir poursuivre "
    "le dialogue."
)


def test_duplicate_paragraph_flags_the_repeated_lead(run_rule):
    findings = run_rule("D001", f"{LEAD}\n#Blinken #Lavrov\n{LEAD}\n{BODY}", lang="fr")
    assert [(f.line, f.column) for f in findings] == [(3, 1)]
    assert "line 1" in findings[0].message
    assert findings[0].fix is not None and findings[0].fix.safety == "safe"


def test_duplicate_paragraph_ignores_a_restated_lead(run_rule):
    assert run_rule("D001", f"{LEAD}\n{BODY}", lang="fr") == []


def test_duplicate_paragraph_ignores_templated_pages(run_rule):
    question = "What inspired you to start a cooking page on Instagram, and when did you begin?"
    interviews = "\n".join(
        f"Account: @cook{i}\n{question}\nI wanted to share recipe number {i} with friends."
        for i in range(4)
    )
    assert run_rule("D001", interviews, lang="en") == []


def test_near_duplicate_paragraph(run_rule):
    edited = BODY.replace("mardi", "lundi").replace("rivales", "rivales,")
    findings = run_rule("D002", f"{BODY}\n{LEAD}\n{edited}", lang="fr")
    assert [f.line for f in findings] == [3]
    assert run_rule("D002", f"{LEAD}\n{BODY}", lang="fr") == []


def test_repeated_title(make_document, default_registry):
    from newslint.checking.engine import run_rule
    from newslint.config.settings import Settings

    rule = default_registry.get("D003")
    title = "Blinken exhorte Lavrov à retirer les troupes russes de la frontière"
    doc = make_document(f"{title}\n{LEAD}", lang="fr", title=title)
    assert [f.line for f in run_rule(doc, rule, Settings())] == [1]
    other = make_document(f"{LEAD}\n{BODY}", lang="fr", title=title)
    assert run_rule(other, rule, Settings()) == []


PULL_QUOTE = (
    "Since 2008, there hasn’t been a single year of revenue gain in the newspaper "
    "industry as a whole."
)
HOST = (
    "The numbers are stark. “Since 2008, there hasn’t been a single year of revenue gain "
    "in the newspaper industry as a whole,” said Ken Doctor, who has tracked the business "
    "for two decades."
)


def test_pull_quote_flags_the_short_copy(run_rule):
    findings = run_rule(
        "D004", f"{PULL_QUOTE}\nNews industry analyst Ken Doctor\n{HOST}", lang="en"
    )
    assert [f.line for f in findings] == [1]


def test_pull_quote_ignores_a_heading_that_restates(run_rule):
    text = (
        "Try setting a regular eating schedule and sticking to it.\n"
        "Setting a regular eating schedule and sticking to it is one of the most effective "
        "ways to overcome binge eating."
    )
    assert run_rule("D004", text, lang="en") == []


@pytest.mark.parametrize(
    ("lang", "rows"),
    [
        ("de", ["| 1. | FC Bayern München | 12 | 8 | 2 | 2 | 35:14 | +21 | 26 Punkte |",
                "| 2. | Borussia Mönchengladbach | 12 | 8 | 1 | 3 | 24:15 | +9 | 25 Punkte |"]),
        ("en", ["Revenue\t2018\t$4.2 billion\t$4.6 billion\t+9.5 percent\tcompany estimate",
                "Revenue\t2019\t$4.6 billion\t$5.0 billion\t+8.7 percent\tcompany estimate"]),
        ("pt", ["| 5 | Joey Logano | 2380 pontos | 2 vitórias | 3 poles | 12 top 5 | 21 top 10 |",
                "| 6 | Ryan Blaney | 2339 pontos | 1 vitória | 1 pole | 11 top 5 | 18 top 10 |"]),
    ],
)  # fmt: skip
def test_near_duplicate_paragraph_leaves_table_rows_alone(run_rule, lang, rows):
    text = "\n".join(["Classement après la douzième journée :", *rows])
    assert run_rule("D002", text, lang=lang) == []


def test_near_duplicate_paragraph_leaves_interview_questions_alone(run_rule):
    question = "Qu'est-ce qui vous a donné envie d'ouvrir votre propre restaurant en ville ?"
    variant = "Qu'est-ce qui vous a donné envie d'ouvrir votre propre restaurant, en ville ?"
    answer = "J'ai toujours aimé cuisiner pour les autres, depuis que je suis tout petit."
    text = "\n".join([question, answer, variant, "Ma grand-mère tenait déjà une auberge."])
    assert run_rule("D002", text, lang="fr") == []


# A pull quote set as a quotation with its own attribution, above the paragraph that
# holds the quotation in its sentence ("he said" there, "Stafford said" in the copy).
ATTRIBUTED = {
    "en": (
        "“If you don’t have a big booster, you’re not going to make it,” the astronaut "
        "said of the Moon.",
        "The former astronaut was adamant about the rocket. “If you don’t have a big "
        "booster, you’re not going to make it,” he told the committee on Tuesday, before "
        "the hearing turned to the budget.",
    ),
    "fr": (
        "« Sans un gros lanceur, nous n’y arriverons pas avant la fin de la décennie », "
        "a dit l’ancien astronaute.",
        "L’ancien astronaute a insisté sur la fusée. « Sans un gros lanceur, nous n’y "
        "arriverons pas avant la fin de la décennie », a-t-il déclaré mardi devant la "
        "commission, avant que l’audition ne porte sur le budget.",
    ),
    "de": (
        "„Ohne eine große Rakete werden wir es vor dem Ende des Jahrzehnts nicht schaffen“, "
        "sagte der frühere Astronaut.",
        "Der frühere Astronaut beharrte auf der Rakete. „Ohne eine große Rakete werden wir "
        "es vor dem Ende des Jahrzehnts nicht schaffen“, sagte er am Dienstag vor dem "
        "Ausschuss, bevor es in der Anhörung um den Haushalt ging.",
    ),
}
FILLER = {
    "en": "The agency has not said when the first crewed flight will take place.",
    "fr": "L’agence n’a pas dit quand aura lieu le premier vol habité.",
    "de": "Die Behörde hat nicht gesagt, wann der erste bemannte Flug stattfinden wird.",
}


# What makes an attribution too long to be one: the paragraph goes on with its story.
LATER = {
    "en": "and the committee then voted to cut the agency's budget by a tenth",
    "fr": "et la commission a ensuite voté une baisse du budget de l'agence d'un dixième",
    "de": "und der Ausschuss stimmte danach dafür, den Haushalt der Behörde um ein Zehntel zu kürzen",
}


@pytest.mark.parametrize("lang", sorted(ATTRIBUTED))
def test_pull_quote_flags_a_quotation_repeated_with_its_own_attribution(run_rule, lang):
    copy, host = ATTRIBUTED[lang]
    findings = run_rule("D004", f"{copy}\n{FILLER[lang]}\n{host}", lang=lang)
    assert [(f.line, f.message) for f in findings] == [
        (1, "paragraph repeats text of line 3 (pull quote?)")
    ]


@pytest.mark.parametrize("lang", sorted(ATTRIBUTED))
def test_pull_quote_leaves_a_quotation_said_once_alone(run_rule, lang):
    copy, host = ATTRIBUTED[lang]
    # The same quotation and a paragraph that does not hold it; and a long attribution.
    assert run_rule("D004", f"{copy}\n{FILLER[lang]}", lang=lang) == []
    long_attribution = copy.rstrip(".") + ", " + LATER[lang]
    assert run_rule("D004", f"{long_attribution}\n{FILLER[lang]}\n{host}", lang=lang) == []
