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
