"""B015 navigation-block, B016 page-furniture, B017 not-article-text: blocks of the page
around (or inside) the article, each one finding over its lines."""

from __future__ import annotations

import pytest
from structure_texts import ARTICLES, LIST_ARTICLES, page

from newslint.model.document import Document
from newslint.structure import Part, structure
from newslint.structure.violations import confidence


def spans(findings):
    return [(f.line, f.end_line) for f in findings]


def after_article(lang: str, first: int, count: int) -> tuple[int, int]:
    """Line numbers of ``count`` lines placed ``first`` lines after the article."""
    start = len(ARTICLES[lang]) + first
    return start, start + count - 1


# --- B015 navigation-block

RELATED = {
    "en": ["Related stories", "Council approves new parking rules downtown",
           "Police investigate break-in at the city library", "Schools to reopen after the holidays"],
    "fr": ["À lire aussi", "Le stationnement payant étendu au centre-ville",
           "Cambriolage à la bibliothèque municipale", "Les écoles rouvriront après les vacances"],
    "de": ["Mehr zum Thema", "Neue Parkregeln für die Innenstadt beschlossen",
           "Einbruch in die Stadtbibliothek", "Schulen öffnen nach den Ferien wieder"],
    "pt": ["Leia também", "Novas regras de estacionamento no centro da cidade",
           "Polícia investiga assalto à biblioteca municipal", "Escolas reabrem depois das férias"],
}  # fmt: skip

MENU = {
    "en": ["Home", "News", "Politics", "Business", "Sport", "Culture", "Weather", "Search"],
    "de": ["Startseite", "Nachrichten", "Politik", "Wirtschaft", "Sport", "Kultur", "Wetter", "Suche"],
    "it": ["Home", "Cronaca", "Politica", "Economia", "Sport", "Cultura", "Meteo", "Cerca"],
}  # fmt: skip
HEADLINE = ["Council approves bridge repairs", "By Anna Smith", "Published 12 March 2024"]


@pytest.mark.parametrize("lang", sorted(RELATED))
def test_a_list_of_related_headlines_after_the_article(run_rule, lang):
    findings = run_rule("B015", page(lang, after=RELATED[lang]), lang=lang)
    assert spans(findings) == [after_article(lang, 1, 4)]
    assert "navigation" in findings[0].message


@pytest.mark.parametrize("lang", sorted(MENU))
def test_the_menu_of_a_whole_page_above_the_article(run_rule, lang):
    before = [*MENU[lang], *HEADLINE]
    findings = run_rule("B015", page(lang, before=before), lang=lang)
    # the menu, to its last item ("Search"), which sits among the last lines above the
    # body (headline, byline, date) but is marked; those three are left to the reader
    assert spans(findings) == [(1, 8)]


def test_a_list_of_links_without_a_header(run_rule):
    links = ["- Council approves new parking rules downtown",
             "- Police investigate break-in at the city library",
             "- Schools to reopen after the holidays"]  # fmt: skip
    assert spans(run_rule("B015", page("en", after=links), lang="en")) == [
        after_article("en", 1, 3)
    ]


@pytest.mark.parametrize(
    ("lang", "intro", "items"),
    [
        ("en", "The council listed the projects that will wait until next year:",
         ["- the new cycle lane on Mill Road", "- the repair of the town hall roof",
          "- the extension of the park"]),
        ("fr", "Trois projets sont reportés à l'année prochaine :",
         ["- la piste cyclable de la rue du Moulin", "- la toiture de la mairie",
          "- l'agrandissement du parc"]),
        ("de", "Drei Projekte werden auf das nächste Jahr verschoben:",
         ["- der Radweg in der Mühlenstraße", "- das Dach des Rathauses",
          "- die Erweiterung des Parks"]),
    ],
)  # fmt: skip
def test_a_list_the_article_announces_is_the_article(run_rule, lang, intro, items):
    assert run_rule("B015", page(lang, after=[intro, *items]), lang=lang) == []


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_a_plain_article_has_no_navigation(run_rule, lang):
    assert run_rule("B015", page(lang), lang=lang) == []


# --- B016 page-furniture

FURNITURE = {
    "en": ["Sign up for our newsletter", "Follow us on Twitter and Facebook"],
    "fr": ["Inscrivez-vous à notre newsletter", "Suivez-nous sur Facebook et Twitter"],
    "de": ["Newsletter abonnieren", "Folgen Sie uns auf Twitter und Facebook"],
    "es": ["Suscríbete a nuestro boletín", "Síguenos en Facebook y Twitter"],
}


@pytest.mark.parametrize("lang", sorted(FURNITURE))
def test_subscription_and_follow_lines_after_the_article(run_rule, lang):
    findings = run_rule("B016", page(lang, after=FURNITURE[lang]), lang=lang)
    assert spans(findings) == [after_article(lang, 1, 2)]
    assert findings[0].message.startswith("subscription or newsletter box")


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        ("en", ["About Acme Robotics",
                "Acme Robotics builds inspection robots for bridges and tunnels and employs"
                " 300 people in five countries."]),
        ("de", ["Über Acme Robotics",
                "Acme Robotics baut Inspektionsroboter für Brücken und Tunnel und beschäftigt"
                " 300 Mitarbeiter in fünf Ländern."]),
        ("pt", ["Sobre a Acme Robotics",
                "A Acme Robotics fabrica robôs de inspeção para pontes e túneis e emprega"
                " 300 pessoas em cinco países."]),
    ],
)  # fmt: skip
def test_the_about_section_of_a_press_release(run_rule, lang, lines):
    findings = run_rule("B016", page(lang, after=lines), lang=lang)
    assert spans(findings) == [after_article(lang, 1, 2)]
    assert "'About' section" in findings[0].message


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Warning: Undefined variable $post in /var/www/html/wp-content/themes/news/single.php on line 42"),
        ("fr", "© 2024 La Gazette du Val. Tous droits réservés."),
        ("de", "Mit Material von dpa und AFP"),
        ("it", "Riproduzione riservata © 2024 Il Giornale della Valle"),
    ],
)  # fmt: skip
def test_cms_output_legal_and_credit_lines(run_rule, lang, line):
    findings = run_rule("B016", page(lang, after=[line]), lang=lang)
    assert [f.line for f in findings] == [after_article(lang, 1, 1)[0]]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Residents can sign up for a free guided walk across the bridge before the"
               " works begin, the council said."),
        ("fr", "Les habitants pourront s'inscrire à une visite guidée du pont avant le début"
               " du chantier, a précisé la mairie."),
        ("de", "Die Anwohner können sich für eine kostenlose Führung über die Brücke anmelden,"
               " bevor die Arbeiten beginnen."),
    ],
)  # fmt: skip
def test_an_article_sentence_about_signing_up_is_clean(run_rule, lang, line):
    assert run_rule("B016", page(lang, after=[line]), lang=lang) == []


# --- B017 not-article-text

PROMOTION = {
    "en": ["Sign up for our newsletter",
           "Get the best of the week from our newsroom delivered to your inbox every Friday"
           " morning, free of charge."],
    "fr": ["Inscrivez-vous à notre newsletter",
           "Recevez chaque vendredi le meilleur de la semaine de notre rédaction, avec"
           " l'abonnement gratuit à notre lettre."],
    "de": ["Newsletter abonnieren",
           "Jeden Freitag die besten Geschichten der Woche aus unserer Redaktion, kostenlos"
           " mit dem Newsletter in Ihr Postfach."],
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(PROMOTION))
def test_promotion_text_after_the_page_furniture(run_rule, lang):
    findings = run_rule("B017", page(lang, after=PROMOTION[lang]), lang=lang)
    assert spans(findings) == [after_article(lang, 2, 1)]
    assert "not the article" in findings[0].message


TEASERS = {
    "en": ["Storm warning for the coast tonight: what residents need to know before the wind"
           " and the rain arrive this evening."],
    "de": ["Unwetterwarnung für die Küste: Was Anwohner wissen müssen, bevor heute Abend"
           " Sturm und Regen kommen."],
    "it": ["Allerta meteo sulla costa: cosa devono sapere i residenti prima che arrivino"
           " stasera il vento e la pioggia."],
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(TEASERS))
def test_teaser_prose_in_the_menu_of_a_whole_page(run_rule, lang):
    before = [*MENU[lang][:3], *TEASERS[lang], *MENU[lang][3:], *HEADLINE]
    text = page(lang, before=before)
    # prose among the menu items: other text, or one block of navigation with them,
    # as the model weighs it; either way not the article
    other = run_rule("B017", text, lang=lang)
    navigation = run_rule("B015", text, lang=lang)
    assert spans(other) == [(4, 4)] or spans(navigation) == [(1, 9)]
    assert all("above the article" in f.message for f in other)


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_a_short_last_paragraph_is_the_article(run_rule, lang):
    last = {"en": "The council meets again on Thursday.", "fr": "Le conseil se réunira jeudi.",
            "de": "Der Rat tagt wieder am Donnerstag.", "es": "El pleno se reunirá el jueves.",
            "it": "Il consiglio si riunirà giovedì.", "pt": "A câmara volta a reunir-se na quinta."}  # fmt: skip
    assert run_rule("B017", page(lang, after=[last[lang]]), lang=lang) == []


def test_min_confidence_leaves_out_blocks_the_model_is_less_sure_of(run_rule):
    text = page("en", after=PROMOTION["en"])
    found = structure(Document(text, path="article.txt", lang="en"))
    [block] = [block for block in found.blocks if block.part is Part.OTHER]
    sure = confidence(found, block)
    assert 0.5 < sure < 1.0
    assert run_rule("B017", text, lang="en", options={"min_confidence": sure + 0.001}) == []
    assert len(run_rule("B017", text, lang="en", options={"min_confidence": sure - 0.001})) == 1


def test_prose_that_starts_the_page_is_the_article(run_rule):
    before = [*TEASERS["en"], *MENU["en"], *HEADLINE]
    assert run_rule("B017", page("en", before=before), lang="en") == []


# --- a list that is the article is neither navigation nor other text


@pytest.mark.parametrize("lang", sorted(LIST_ARTICLES))
@pytest.mark.parametrize("code", ["B015", "B017"])
def test_an_article_that_is_a_list_is_clean(run_rule, lang, code):
    text = "\n".join(LIST_ARTICLES[lang]) + "\n"
    assert run_rule(code, text, lang=lang) == []


@pytest.mark.parametrize("lang", sorted(LIST_ARTICLES))
def test_a_list_article_keeps_its_list_under_a_whole_page_menu(run_rule, lang):
    menu = MENU.get(lang, MENU["en"])
    text = "\n".join([*menu, *LIST_ARTICLES[lang]]) + "\n"
    findings = run_rule("B015", text, lang=lang)
    assert spans(findings) == [(1, len(menu))]
    assert run_rule("B017", text, lang=lang) == []


#: A whole page whose article is a plan: an intro, then the same day under its own
#: subheadings several times (the run repeats its own lines), items of quantities and
#: instructions that the line model scores low; around it a menu, related links, share
#: links and a disclaimer longer than the intro.
PLAN_DAY = {
    "en": ["Breakfast", "Eat within an hour of waking",
           "Oat porridge [40g rolled oats, 200ml milk, 1 sliced banana]",
           "Snack", "Eat mid-morning", "1 apple and 10 almonds",
           "Lunch", "Eat 3–4 hours after breakfast", "Lentil soup (250ml), 1 slice wholemeal bread",
           "Dinner", "Eat at least 2 hours before bed",
           "Baked salmon [120g fillet, 150g new potatoes, 80g green beans]"],
    "fr": ["Petit-déjeuner", "Dans l'heure qui suit le réveil",
           "Flocons d'avoine [40 g de flocons, 200 ml de lait, 1 banane en rondelles]",
           "Collation", "En milieu de matinée", "1 pomme et 10 amandes",
           "Déjeuner", "3 à 4 heures après le petit-déjeuner",
           "Soupe de lentilles (250 ml), 1 tranche de pain complet",
           "Dîner", "Au moins 2 heures avant le coucher",
           "Saumon au four [filet de 120 g, 150 g de pommes de terre, 80 g de haricots verts]"],
}  # fmt: skip
PLAN_INTRO = {
    "en": ["A week of meals for a marathon build-up",
           "Training for a long race changes what and when you need to eat, and most runners"
           " get it wrong by eating too little on the days they train hardest.",
           "The plan below, put together with a sports dietitian, covers the days of a training"
           " week, so that you can follow it from one Monday to the next.",
           "Print it out and stick it on the fridge."],
    "fr": ["Une semaine de repas pour préparer un marathon",
           "S'entraîner pour une longue course change ce que l'on doit manger et à quel moment,"
           " et la plupart des coureurs mangent trop peu les jours où ils s'entraînent le plus.",
           "Le programme ci-dessous, établi avec une diététicienne du sport, couvre les jours"
           " d'une semaine d'entraînement, pour le suivre d'un lundi à l'autre.",
           "Imprimez-le et collez-le sur le frigo."],
}  # fmt: skip
PLAN_AFTER = {
    "en": ["Related Articles", "Why breakfast matters more on training days",
           "Five recovery drinks compared", "How much protein do runners really need?",
           "* Facebook", "* Twitter", "* Instagram",
           "Results vary with your starting point, your goals and your effort, and regular"
           " exercise together with a balanced diet is needed to see and keep them.",
           "The information on this website is for general information only and is not a"
           " substitute for advice from a doctor or a registered dietitian about your own health.",
           "Consult your physician before starting any new diet or exercise programme,"
           " especially if you have a medical condition or take medication.",
           "© 2024 Example Media. All rights reserved."],
    "fr": ["À lire aussi", "Pourquoi le petit-déjeuner compte plus les jours d'entraînement",
           "Cinq boissons de récupération comparées", "De combien de protéines un coureur a-t-il besoin ?",
           "* Facebook", "* Twitter", "* Instagram",
           "Les résultats dépendent de votre point de départ, de vos objectifs et de vos efforts,"
           " et une activité régulière avec une alimentation équilibrée est nécessaire pour les voir.",
           "Les informations de ce site sont données à titre général et ne remplacent pas l'avis"
           " d'un médecin ou d'un diététicien sur votre propre santé.",
           "Consultez votre médecin avant de commencer un nouveau régime ou un programme"
           " d'exercice, surtout si vous suivez un traitement.",
           "© 2024 Example Media. Tous droits réservés."],
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(PLAN_DAY))
def test_a_plan_that_repeats_its_own_lines_is_the_article(run_rule, lang):
    days = [line for day in range(1, 5) for line in (f"{day}/4", *PLAN_DAY[lang])]
    article = [*PLAN_INTRO[lang], *days]
    menu = MENU.get(lang, MENU["en"])
    text = "\n".join([*menu, *article, *PLAN_AFTER[lang]]) + "\n"
    first, last = len(menu) + 2, len(menu) + len(article)  # from the intro's prose
    touching = [
        (finding.code, finding.line, finding.end_line)
        for code in ("B015", "B017")
        for finding in run_rule(code, text, lang=lang)
        if finding.line <= last and finding.end_line >= first
    ]
    assert touching == []
    # the menu above it is still navigation
    assert spans(run_rule("B015", text, lang=lang))[0][0] == 1


# --- residue around the article: layout tables, consent banners, dated teaser lists

LAYOUT = ["| |", "| | |", "| Sport | Business | Weather |"]


@pytest.mark.parametrize("lang", ["en", "fr", "de"])
def test_rows_of_a_layout_table_after_the_article(run_rule, lang):
    findings = run_rule("B015", page(lang, after=LAYOUT), lang=lang)
    assert spans(findings) == [after_article(lang, 1, 3)]


@pytest.mark.parametrize("lang", ["en", "fr", "de"])
def test_a_table_of_the_article_is_the_article(run_rule, lang):
    table = [
        "| Player | Plays | % |",
        "| Joe Schobert | 74 | 100% |",
        "| Mack Wilson | 74 | 100% |",
    ]
    text = page(lang, after=table)
    assert run_rule("B015", text, lang=lang) == [] and run_rule("B017", text, lang=lang) == []


CONSENT = {
    "en": "This website uses cookies to improve your experience while you navigate through"
    " the website.",
    "fr": "Ce site utilise des cookies pour améliorer votre expérience de navigation.",
    "de": "Diese Website verwendet Cookies, um Ihnen ein besseres Nutzererlebnis zu bieten.",
}


@pytest.mark.parametrize("lang", sorted(CONSENT))
def test_a_consent_banner_is_page_furniture(run_rule, lang):
    findings = run_rule("B016", page(lang, after=[CONSENT[lang]]), lang=lang)
    assert spans(findings) == [after_article(lang, 1, 1)]


@pytest.mark.parametrize("lang", sorted(CONSENT))
def test_an_article_about_cookies_is_clean(run_rule, lang):
    sentence = {
        "en": "Regulators said the website uses cookies to track readers without asking them.",
        "fr": "Selon la Cnil, le site utilise des cookies pour suivre les lecteurs sans leur accord.",
        "de": "Laut den Datenschützern verwendet die Website Cookies, ohne die Leser zu fragen.",
    }[lang]
    assert run_rule("B016", page(lang, after=[sentence]), lang=lang) == []


DATED_TEASERS = {
    "en": ["- Council approves new parking rules (12 March 2024)",
           "- Police investigate break-in at the library (11 March 2024)",
           "- Schools to reopen after the holidays (10 March 2024)"],
    "fr": ["- Le stationnement payant étendu au centre-ville (12 mars 2024)",
           "- Cambriolage à la bibliothèque municipale (11 mars 2024)",
           "- Les écoles rouvriront après les vacances (10 mars 2024)"],
    "de": ["- Neue Parkregeln für die Innenstadt (12.03.2024)",
           "- Einbruch in die Stadtbibliothek (11.03.2024)",
           "- Schulen öffnen nach den Ferien wieder (10.03.2024)"],
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(DATED_TEASERS))
def test_a_list_of_dated_teasers_after_the_article(run_rule, lang):
    findings = run_rule("B015", page(lang, after=DATED_TEASERS[lang]), lang=lang)
    assert spans(findings) == [after_article(lang, 1, 3)]


# Lines of nothing but a zero-width space, as a social-media embed leaves them between
# the short lines of a post: blank lines, not repeated links.
POST_LINES = {
    "en": ["Autumn Festival 2018", "The refreshing autumn sky!",
           "This is the park where the air is filled with the scent of fall"],
    "fr": ["Festival d'automne 2018", "Le ciel d'automne est magnifique !",
           "Voici le parc où l'air est rempli de l'odeur de l'automne"],
    "de": ["Herbstfest 2018", "Der erfrischende Herbsthimmel!",
           "Das ist der Park, in dem die Luft nach Herbst duftet"],
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(POST_LINES))
def test_invisible_lines_between_short_lines_are_no_links(run_rule, lang):
    post = [line for text in POST_LINES[lang] for line in (text, "\u200b")]
    text = page(lang, before=post)
    lines = range(1, len(post) + 1)
    flagged = [f.line for f in run_rule("B015", text, lang=lang) if f.line in lines]
    assert flagged == []
    # a menu between such lines is still navigation
    menu = [line for item in MENU.get(lang, MENU["en"]) for line in (item, "\u200b")]
    assert spans(run_rule("B015", page(lang, before=menu), lang=lang))[0][0] == 1
