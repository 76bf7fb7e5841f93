"""M rules on real garbled and clean sentences."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

GARBLED = (
    "les Occidentaux accusant Moscou de rassembler plus de 100 000 soldats en cas "
    "d'éventuelle invasion de la frontière russo-ukrainienne Soldat. pays voisins."
)


def test_broken_sentence_flags_the_stray_capital(run_rule):
    findings = run_rule("M001", GARBLED, lang="fr")
    assert len(findings) == 1
    assert GARBLED[findings[0].start : findings[0].end] == "Soldat. pays"


def test_broken_sentence_leaves_clean_boundaries(run_rule):
    clean = (
        "Le secrétaire d'État a parlé avec M. Lavrov. Puis il a appelé ses alliés, etc. et "
        "les pays voisins. Il a publié 1 tsp. de détails sur iPhone. iPadOS a été mis à jour."
    )
    assert run_rule("M001", clean, lang="fr") == []
    assert run_rule("M005", clean, lang="fr") == []


def test_lower_case_sentence_is_info(run_rule):
    text = "After a lukewarm initial impression. we've adopted it into our workflow."
    findings = run_rule("M005", text, lang="en")
    assert [f.severity.value for f in findings] == ["info"]
    assert run_rule("M001", text, lang="en") == []


def test_glued_sentences(run_rule):
    text = "Kan reported on Wednesday.The stabbing occurred during a presentation."
    findings = run_rule("M002", text, lang="en")
    assert [text[f.start : f.end] for f in findings] == ["Wednesday.The"]
    clean = "Visit example.com for details. The Node.js runtime and the ID.Buzz van were shown."
    assert run_rule("M002", clean, lang="en") == []


def test_doubled_word(run_rule):
    text = "Sharing my full letter on the the sentencing of a man convicted of threatening me."
    findings = run_rule("M003", text, lang="en")
    assert [text[f.start : f.end] for f in findings] == ["the the"]
    assert findings[0].fix is not None and findings[0].fix.safety == "unsafe"


def test_doubled_word_leaves_grammar_and_names(run_rule):
    assert run_rule("M003", "Nous nous sommes rencontrés à Walla Walla.", lang="fr") == []
    assert run_rule("M003", "What he had had for lunch was not clear.", lang="en") == []
    indonesian = "Biasa biasa saja, kata dia, karena semua orang juga begitu."
    assert run_rule("M003", indonesian, lang="id") == []


FRENCH = [
    "Le secrétaire d'État américain et le ministre russe des Affaires étrangères se sont "
    "de nouveau entretenus au téléphone pour tenter de désamorcer une crise.",
    "La Russie dément toute intention belliqueuse, mais conditionne toute désescalade à "
    "des garanties pour sa sécurité, notamment l'assurance que l'Ukraine ne sera jamais "
    "membre de l'Otan.",
    "Washington a rejeté ces demandes dans un courrier la semaine dernière, tout en ouvrant "
    "la porte à des négociations sur d'autres sujets, comme le déploiement de missiles.",
]
ENGLISH = (
    "Washington rejected these demands in a letter last week, while opening the door to "
    "negotiations on other subjects, such as the deployment of missiles or reciprocal "
    "limits on military exercises."
)


def test_foreign_passage(run_rule):
    text = "\n".join([*FRENCH, ENGLISH])
    findings = run_rule("M004", text, lang="fr")
    assert [f.line for f in findings] == [4]
    assert run_rule("M004", "\n".join(FRENCH), lang="fr") == []


def test_boundary_hidden_behind_another_is_not_reported(run_rule):
    # "Dr. Smith" is itself a boundary (capitalised: not reported) and hides "Smith. he"
    text = "He met Dr. Smith. he said so. Then stray Capital. words."
    assert run_rule("M005", text, lang="en") == []
    assert [text[f.start : f.end] for f in run_rule("M001", text, lang="en")] == ["Capital. words"]


def test_lower_case_sentence_in_cyrillic(run_rule):
    text = "Он пришёл домой. потом ушёл."
    assert [text[f.start : f.end] for f in run_rule("M005", text, lang="ru")] == ["домой. потом"]


def test_glued_sentences_after_any_mark(run_rule):
    text = "What a day!The crowd cheered.Then what?Nothing."
    findings = run_rule("M002", text, lang="en")
    assert [text[f.start : f.end] for f in findings] == ["day!The", "cheered.Then", "what?Nothing"]


def test_doubled_word_after_punctuation_line_breaks_and_tabs(run_rule):
    text = "(the the) \nthe the.\n“The the” a/the the le\tle Le le"
    findings = run_rule("M003", text, lang="en")
    assert [text[f.start : f.end] for f in findings] == [
        "the the",
        "the the",
        "The the",
        "the the",
        "le\tle",
        "Le le",
    ]


def test_doubled_word_once_per_run_and_in_other_alphabets(run_rule):
    text = "the the the and and"
    findings = run_rule("M003", text, lang="en")
    assert [text[f.start : f.end] for f in findings] == ["the the", "and and"]
    text = "Մենք աբ աբ"  # Armenian: letters outside the ranges the scan skips
    assert [text[f.start : f.end] for f in run_rule("M003", text, lang="hy")] == ["աբ աբ"]


def _assert_every_doubling_found(text: str) -> None:
    from newslint.rules.garbling import doubled_word as m003

    starts = set(m003._scanner().starts(text))
    missed = [m.start() for m in m003._DOUBLED.finditer(text) if m.start() not in starts]
    assert not missed, (text, missed)
    assert [m.span() for m in m003._doubled(text)] == [
        m.span() for m in m003._DOUBLED.finditer(text)
    ]


_DOUBLING_WORDS = st.sampled_from(
    ["the", "The", "THE", "ſ", "s", "K", "\u212a", "k", "İ", "i", "ı", "Σ", "σ", "ς", "ǅ",
     "ǆ", "Ǆ", "ß", "ẞ", "µ", "μ", "de", "ça", "Ça", "наш", "Наш", "3", "_", "’", "'", "-",
     "\U00010400", "\U00010428"]
)  # fmt: skip
_DOUBLING_GLUE = st.sampled_from([" ", "  ", "\t", " \t ", "\n", "", ".", "’", "'", "-", "\u00a0"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.one_of(_DOUBLING_WORDS, st.text(max_size=4)), _DOUBLING_GLUE)))
def test_doubled_word_scan_finds_every_place_the_pattern_matches(pieces):
    _assert_every_doubling_found("".join(word + glue for word, glue in pieces))


def test_doubled_word_scan_on_real_articles(aeb_corpus):
    import json

    for record in map(json.loads, aeb_corpus.open(encoding="utf-8")):
        _assert_every_doubling_found(record["text"])
        _assert_every_doubling_found(record["text"].upper())  # case aside, more doublings


def test_doubled_word_scan_equates_every_pair_re_equates():
    # Every pair of characters that a backreference matches ignoring case (the same
    # simple lower case in Python's tables) is a pair the core's scan equates.
    import importlib
    from collections import defaultdict

    tolower = importlib.import_module("_sre").unicode_tolower
    groups = defaultdict(set)
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        lower = tolower(code)
        if lower != code:
            groups[lower] |= {chr(code), chr(lower)}
    assert len(groups) > 1000
    for group in groups.values():
        for first in group:
            for second in group:
                _assert_every_doubling_found(f"x {first} {second} x")


_BOUND_TEXTS = [
    "rock'n'roll rock’n’roll the of and to a in is it U.S.-Mexico the the of",
    "“The” (the) the—the the/the the_the the3the The THE the.the the",
    "the of and é the ça the «the» the\u00a0the the\ttheİ the ǅthe the",
    "the of and to \x1cthe\x1fthe the Ⅻthe ²the the ½the the\u2028the\u3000the",
]


def _proven(texts: list[str], lang: str = "en") -> list[str]:
    """The texts the core's bounds say are mostly common words."""
    from newslint.rules.garbling import foreign_passage as m004

    kinds = m004._bounds(lang).kinds(texts, 1, 1, m004.COMMON_WORD_SHARE)
    return [text for text, kind in zip(texts, kinds, strict=True) if kind == m004.ARTICLES]


def _assert_never_overstated(texts: list[str], lang: str = "en") -> None:
    from newslint.model import language
    from newslint.rules.garbling import foreign_passage as m004

    common = language.top_words(lang)
    for text in _proven(texts, lang):
        assert m004._mostly_common_words(text, common), text


def test_foreign_passage_word_bounds_never_overstate():
    _assert_never_overstated([ENGLISH, *_BOUND_TEXTS])
    assert _proven([ENGLISH]) == [ENGLISH]  # the bound does prove plain prose


_COMMON_OR_NOT = st.sampled_from(
    ["the", "The", "of", "and", "to", "é", "ça", "İ", "ǅ", "Ⅻ", "²", "½", "3", "_", "’", "'"]
)
_GLUE = st.sampled_from([" ", "  ", "\t", "\x1c", "\u00a0", "\u2028", "-", "—", ".", "", "\n"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.one_of(_COMMON_OR_NOT, st.text(max_size=6)), _GLUE), max_size=40))
def test_foreign_passage_word_bounds_never_overstate_any_text(pieces):
    _assert_never_overstated(["".join(word + glue for word, glue in pieces)])


def test_foreign_passage_word_bounds_on_real_paragraphs(aeb_corpus):
    import json
    from collections import defaultdict

    paragraphs: dict[str, list[str]] = defaultdict(list)
    for record in map(json.loads, aeb_corpus.open(encoding="utf-8")):
        if record["lang"] in ("en", "de", "pt", "ru", "it"):
            paragraphs[record["lang"]] += [p for p in record["text"].split("\n") if len(p) >= 150]
    assert len(paragraphs) == 5
    for lang, texts in paragraphs.items():
        _assert_never_overstated(texts, lang)
        assert len(_proven(texts, lang)) > len(texts) / 2, lang  # and proves most of them


def test_foreign_passage_with_dotted_capital_i(run_rule):
    text = "\n".join([*FRENCH, ENGLISH, "İstanbul, Ankara et İzmir sont trois villes."])
    assert [f.line for f in run_rule("M004", text, lang="fr")] == [4]


def test_letter_test_is_the_regex_class():
    # the walks back over a word's letters stand for re's [^\W\d_]
    from newslint.rules.garbling._boundaries import _is_letter

    letter = re.compile(r"[^\W\d_]")
    assert all(_is_letter(chr(code)) == bool(letter.match(chr(code))) for code in range(0x10000))


# --- reduplicated idioms, German nouns (M003), bilingual posts (M004), M006


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("it", "Via via che passavano i giorni, la situazione in città è migliorata per tutti."),
        (
            "it",
            "Il cantiere procede piano piano, ma il sindaco promette che finirà entro l'estate.",
        ),
        ("en", "Both sides called it a win win deal after three days of talks in Geneva."),
        ("pt", "O prefeito disse que a obra começa já já, assim que o contrato for assinado."),
        ("de", "Ja ja, sagte der Bürgermeister, die Brücke wird im Frühjahr fertig."),
    ],
)
def test_doubled_word_leaves_reduplicated_idioms(run_rule, lang, text):
    assert run_rule("M003", text, lang=lang) == []


def test_doubled_word_flags_a_doubled_german_noun(run_rule):
    text = "Die Stadt hat das alte Haus Haus am Marktplatz für zwei Millionen Euro verkauft."
    findings = run_rule("M003", text, lang="de")
    assert [text[f.start : f.end] for f in findings] == ["Haus Haus"]
    # a place name is not a common noun
    assert run_rule("M003", "Der Minister reiste weiter nach Bora Bora.", lang="de") == []


def test_an_idiom_of_one_language_is_a_doubling_in_another(run_rule):
    text = "The council will vote via via the new online portal next week."
    assert [f.code for f in run_rule("M003", text, lang="en")] == ["M003"]


BILINGUAL = [
    "Le conseil municipal a adopté mardi soir un budget révisé, après un long débat sur le"
    " coût de la rénovation du vieux pont qui enjambe la rivière.",
    "The city council approved a revised budget on Tuesday evening after a long and heated"
    " debate over the cost of repairing the old bridge that crosses the river downtown.",
    "Les élus ont voté à sept voix contre deux en faveur du projet, qui transfère une partie"
    " des crédits prévus pour les routes vers le chantier du pont.",
    "Members voted seven to two in favour of the plan, which moves part of the money planned"
    " for the roads to the bridge works and delays two smaller projects.",
]


def test_foreign_passage_leaves_a_bilingual_post_alone(run_rule):
    assert run_rule("M004", "\n".join(BILINGUAL), lang="fr") == []
    german = [
        "Der Stadtrat hat am Dienstagabend nach einer langen Debatte über die Kosten für die"
        " Sanierung der alten Brücke einen geänderten Haushalt beschlossen.",
        BILINGUAL[1],
        "Mit sieben zu zwei Stimmen stimmten die Mitglieder für den Plan, der Geld aus der"
        " Straßensanierung in die Brücke umschichtet und zwei Projekte verschiebt.",
        BILINGUAL[3],
    ]
    assert run_rule("M004", "\n".join(german), lang="de") == []


def test_foreign_passage_still_flags_a_block_in_another_language(run_rule):
    text = "\n".join([BILINGUAL[0], BILINGUAL[2], BILINGUAL[1], BILINGUAL[3]])
    assert [f.line for f in run_rule("M004", text, lang="fr")] == [3, 4]


@pytest.mark.parametrize(
    ("lang", "text", "flagged"),
    [
        ("fr", "Le conseil municipal a voté mardi le budget de la ville pour l'an prochain. les"
         " travaux du pont commenceront au printemps selon le maire.", "prochain. les"),
        ("de", "Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen. die"
         " Arbeiten an der Brücke sollen im Frühjahr beginnen, sagte der Bürgermeister.",
         "beschlossen. die"),
        ("es", "El ayuntamiento aprobó el martes el presupuesto de la ciudad para el año"
         " próximo. las obras del puente comenzarán en primavera, según el alcalde.",
         "próximo. las"),
    ],
)  # fmt: skip
def test_lower_case_sentence_in_prose_is_a_warning(run_rule, lang, text, flagged):
    findings = run_rule("M006", text, lang=lang)
    assert [text[f.start : f.end] for f in findings] == [flagged]
    assert findings[0].severity.value == "warning"
    assert run_rule("M005", text, lang=lang) == []  # M005 leaves the strong case to M006


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a typo after a fragment, in an otherwise clean paragraph: M005's (info) only
        ("en", "As a general rule, we like what the Touch Bar brings. After a lukewarm"
         " initial impression. we've adopted it into our workflows."),
        # inside a quotation
        ("fr", "Le maire a résumé la séance ainsi : « Nous avons voté le budget de la ville"
         " pour l'an prochain. les travaux commenceront au printemps », a-t-il dit."),
        # a list item
        ("de", "- Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen."
         " die Arbeiten an der Brücke beginnen im Frühjahr, sagte der Bürgermeister."),
        # an acronym before the full stop
        ("en", "Volkswagen showed the new electric wagon at the show in Los Angeles with its ID."
         " models, which will all get the same seats and the same screens."),
    ],
)  # fmt: skip
def test_lower_case_sentence_in_prose_leaves_weak_cases_to_m005(run_rule, lang, text):
    assert run_rule("M006", text, lang=lang) == []
