"""H006 reader-comment-section: the comment section below the article, as one block."""

from __future__ import annotations

import pytest
from structure_texts import ARTICLES, page

COMMENTS = {
    "en": [
        "3 comments",
        "Mark says:",
        "The bridge has needed this for years, glad they finally did something about it.",
        "Reply",
        "Sarah says:",
        "Eighteen months seems optimistic to me, but we will see what happens.",
        "Reply",
    ],
    "fr": [
        "2 commentaires",
        "Jean-Pierre a écrit :",
        "Il était temps, ce pont tombe en ruine depuis des années et personne ne faisait rien.",
        "Répondre",
    ],
    "de": [
        "Kommentare",
        "Hans Müller sagt:",
        "Endlich! Die Brücke war seit Jahren ein Ärgernis für alle Pendler in der Gegend.",
        "Antworten",
    ],
    "pt": [
        "Deixe um comentário",
        "Maria escreveu:",
        "Já não era sem tempo, essa ponte está caindo aos pedaços há anos e ninguém fazia nada.",
        "Responder",
    ],
}


@pytest.mark.parametrize("lang", sorted(COMMENTS))
def test_the_comment_section_is_one_finding_over_its_lines(run_rule, lang):
    text = page(lang, after=COMMENTS[lang])
    findings = run_rule("H006", text, lang=lang)
    first = len(ARTICLES[lang]) + 1
    last = first + len(COMMENTS[lang]) - 1
    assert [(f.line, f.end_line) for f in findings] == [(first, last)]
    assert findings[0].severity.value == "warning"
    assert "comment section" in findings[0].message


def test_the_fix_deletes_the_section_and_keeps_the_article(run_rule):
    text = page("en", after=COMMENTS["en"])
    [finding] = run_rule("H006", text, lang="en")
    [edit] = finding.fix.edits
    assert finding.fix.safety == "safe"
    fixed = text[: edit.start] + edit.replacement + text[edit.end :]
    assert fixed == page("en")


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "A spokesperson for the council declined to comment."),
        ("fr", "Le porte-parole de la mairie n'a pas souhaité faire de commentaire."),
        ("de", "Ein Sprecher der Stadt wollte die Pläne nicht kommentieren."),
        ("es", "Un portavoz del ayuntamiento declinó hacer comentarios."),
    ],
)
def test_an_article_that_speaks_of_comments_is_clean(run_rule, lang, line):
    assert run_rule("H006", page(lang, after=[line]), lang=lang) == []


def test_a_comment_count_in_the_byline_starts_no_section(run_rule):
    byline = ["Council approves bridge budget", "By Anna Smith", "12 comments"]
    assert run_rule("H006", page("en", before=byline), lang="en") == []


def test_a_comment_button_among_share_buttons_starts_no_section(run_rule):
    buttons = ["Share on Facebook", "Comment", "Share on Twitter"]
    text = page("en", before=buttons, after=[])
    assert run_rule("H006", text, lang="en") == []


def test_a_language_without_a_word_list_gives_nothing(run_rule):
    text = page("en", after=COMMENTS["en"])
    assert run_rule("H006", text, lang="tlh") == []


# --- a comment thread without a "Comments" heading: signatures and buttons

THREADS = {
    "en": [
        "The bridge has needed this for years, glad they finally did something about it.",
        "Posted by: Mark | Jan 10, 2008 4:49 PM",
        "Eighteen months seems optimistic to me, but we will see what happens.",
        "Posted by: Sarah | Jan 10, 2008 6:02 PM",
    ],
    "fr": [
        "Il était temps, ce pont tombe en ruine depuis des années et personne ne faisait rien.",
        "Posté par Jean-Pierre le 10 janvier 2008 à 16h49",
        "Dix-huit mois, c'est optimiste, mais on verra bien ce que donnent les travaux.",
        "Posté par Sophie le 10 janvier 2008 à 18h02",
    ],
    "de": [
        "Hans said...",
        "Endlich! Die Brücke war seit Jahren ein Ärgernis für alle Pendler in der Gegend.",
        "Petra said...",
        "Achtzehn Monate sind optimistisch, aber wir werden sehen, was die Bauarbeiten bringen.",
        "Missbrauch melden",
    ],
}


@pytest.mark.parametrize("lang", sorted(THREADS))
def test_a_thread_of_signed_comments_is_a_comment_section(run_rule, lang):
    text = page(lang, after=THREADS[lang])
    findings = run_rule("H006", text, lang=lang)
    first = len(ARTICLES[lang]) + 1
    last = first + len(THREADS[lang]) - 1
    # the first comment may come before its signature: the section starts at the first
    # signature or at the comment right above it
    assert len(findings) == 1
    assert findings[0].line in (first, first + 1) and findings[0].end_line == last


@pytest.mark.parametrize(
    ("lang", "byline"),
    [("en", "Posted by Anna Smith on March 12, 2024"), ("fr", "Publié par Anne Martin le 12 mars 2024"),
     ("de", "Geschrieben von Anna Schmidt am 12. März 2024")],
)  # fmt: skip
def test_one_signature_above_the_article_is_its_byline(run_rule, lang, byline):
    text = page(lang, before=["Council approves bridge repairs", byline])
    assert run_rule("H006", text, lang=lang) == []
    assert run_rule("B015", text, lang=lang) == []


# --- a thread that kept neither heading nor signature: the readers' voice

#: Comments as jusText delivers them once it has dropped their headers and signatures,
#: written for these tests: first person, lower case, glued and trailing sentences.
VOICED_THREADS = {
    "en": [
        "I have crossed that bridge every morning for twenty years and I never felt safe on it!",
        "well done council....about time",
        "Eighteen months?? I will believe it when I see it, my street still has potholes from 2015.",
        "Do you even live here? the detour goes right past my house,nobody asked us.",
        "I agree with the first comment, my kids walk across it to school every day.",
    ],
    "fr": [
        "Je passe sur ce pont tous les matins depuis vingt ans et je ne m'y suis jamais senti en sécurité !",
        "bravo la mairie....il était temps",
        "Dix-huit mois ?? Je le croirai quand je le verrai, ma rue a encore des nids-de-poule.",
        "Vous habitez ici au moins ? la déviation passe devant chez moi,personne ne nous a demandé.",
        "Je suis d'accord avec le premier commentaire, mes enfants traversent ce pont pour aller à l'école.",
    ],
    "de": [
        "Ich fahre seit zwanzig Jahren jeden Morgen über diese Brücke und habe mich nie sicher gefühlt!",
        "na endlich....hat ja lange genug gedauert",
        "Achtzehn Monate?? Das glaube ich erst, wenn ich es sehe, meine Straße hat immer noch Schlaglöcher.",
        "Wohnst du überhaupt hier? die Umleitung geht direkt an meinem Haus vorbei,mich hat keiner gefragt.",
        "Ich stimme dem ersten Kommentar zu, meine Kinder gehen jeden Tag über die Brücke zur Schule.",
    ],
}


@pytest.mark.parametrize("lang", sorted(VOICED_THREADS))
def test_a_thread_in_the_readers_voice_is_a_comment_section(run_rule, lang):
    text = page(lang, after=VOICED_THREADS[lang])
    findings = run_rule("H006", text, lang=lang)
    first = len(ARTICLES[lang]) + 1
    assert [(f.line, f.end_line) for f in findings] == [(first, first + 4)]
    assert findings[0].severity.value == "warning"


#: Clean endings in the first or second person: a column, an interview, a quotation.
FIRST_PERSON_ENDINGS = {
    "column": (
        "en",
        [
            "I have covered this council for ten years, and I have rarely seen it act so fast.",
            "My own street will be on the detour, so I will be counting the months with everyone.",
            "You may think eighteen months is optimistic; I think it is a promise worth holding"
            " them to.",
            "I will be there at the next meeting, and I hope you will be too.",
        ],
    ),
    "interview": (
        "en",
        [
            "Q: Why did you vote for the plan?",
            "A: I looked at the engineers' report and I did not think we had a choice, honestly.",
            "Q: What do you say to the residents on the detour?",
            "A: I am sorry for the trouble, and I promise you we will keep it as short as we can.",
        ],
    ),
    "quotations": (
        "fr",
        [
            "« Je traverse ce pont tous les jours et je n'ai jamais eu confiance », a confié une"
            " habitante.",
            "« Mes enfants vont à l'école de l'autre côté, je suis soulagée », a-t-elle ajouté.",
            "« Nous ferons tout pour que le chantier gêne le moins possible », a promis le maire.",
            "« Je serai attentif au calendrier », a prévenu le chef de l'opposition.",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(FIRST_PERSON_ENDINGS))
def test_an_article_that_ends_in_the_first_person_is_clean(run_rule, name):
    lang, ending = FIRST_PERSON_ENDINGS[name]
    assert run_rule("H006", page(lang, after=ending), lang=lang) == []


def test_a_column_in_the_first_person_throughout_is_clean(run_rule):
    column = [f"I {line[0].lower()}{line[1:]}" for line in ARTICLES["en"]]
    text = "\n".join([*column, *VOICED_THREADS["en"][:2]]) + "\n"
    assert run_rule("H006", text, lang="en") == []


def test_the_readers_voice_is_read_only_in_languages_with_word_lists():
    from newslint.structure.reader_voice import thread_start

    texts = [*ARTICLES["en"], *VOICED_THREADS["en"]]
    assert thread_start(texts, "en") == len(ARTICLES["en"])
    assert thread_start(texts, "tlh") is None
    assert thread_start(texts, None) is None
