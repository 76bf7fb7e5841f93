"""T rules on real article endings."""

from __future__ import annotations

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
