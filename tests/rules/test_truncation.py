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


# --- T006: scripts without letter case (Chinese, Japanese, Korean)

CASELESS = {
    "zh": [
        "国家统计局周三公布的数据显示，今年前三个季度全国居民人均可支配收入同比实际增长百分之五点二。",
        "分析人士指出，消费市场持续回暖，服务业对经济增长的贡献明显提升，但外部环境依然复杂。",
        "统计局发言人在新闻发布会上表示，下一阶段将继续加大宏观政策调控力度，着力扩大国内需求。",
        "他还说，明年的经济工作会议将重点讨论稳就业和稳物价问题。有关部门正在研究进一步支持中小企业的具体措施。",
    ],
    "ja": [
        "気象庁によりますと、強い台風10号は今夜遅くに九州南部に接近する見込みです。",
        "鹿児島県と宮崎県では、非常に激しい雨が降るおそれがあり、土砂災害や川の氾濫に厳重な警戒が必要です。",
        "交通機関への影響も広がっていて、航空各社は明日の午前中の便を中心に欠航を決めました。",
        "気象庁は、早めの避難を呼びかけるとともに、最新の気象情報に注意するよう求めていますが、一部の自治体では避難所の開設が遅れています。",
    ],
    "ko": [
        "서울시는 내년부터 시내버스 요금을 300원 인상한다고 7일 밝혔다.",
        "시는 연료비와 인건비 상승으로 운송 적자가 크게 늘어 요금 조정이 불가피하다고 설명했다.",
        "시민단체들은 서민 부담이 커진다며 반발하고 있다. 일부 단체는 다음 주 시청 앞에서 집회를 열 계획이다.",
        "서울시 관계자는 요금 인상과 함께 배차 간격을 줄이고 노선을 개편하겠다고 말했다. 그러나 구체적인 시행 시기는 아직 정해지지 않았다.",
    ],
}  # fmt: skip
#: Where each article above is cut (after these words of its last paragraph), and what
#: the finding quotes: the last letters (at most six; the last word where there are spaces).
CASELESS_CUTS = {
    "zh": ("有关部门正在研究进一步支持中小企业的", "持中小企业的"),  # after a finished sentence
    "ja": ("一部の自治体では避難所の", "では避難所の"),  # in an article that closes its paragraphs
    "ko": ("그러나 구체적인 시행", "시행"),
}


@pytest.mark.parametrize("lang", sorted(CASELESS))
def test_a_cut_in_a_script_without_letter_case_is_reported(run_rule, lang):
    whole = "\n\n".join(CASELESS[lang])
    cut, shown = CASELESS_CUTS[lang]
    text = whole[: whole.index(cut) + len(cut)]
    findings = run_rule("T006", text, lang=lang)
    assert [f.line for f in findings] == [len(text.splitlines())]
    assert text[findings[0].start : findings[0].end] == shown
    assert findings[0].end == len(text)
    assert run_rule("T005", text, lang=lang) == []  # left to T006


@pytest.mark.parametrize(
    ("lang", "last"),
    [
        (None, ""),  # the whole article, its last sentence closed
        ("zh", "（完）"),
        ("zh", "责任编辑：李明"),  # a short credit
        ("ja", "（共同通信）"),
        ("ko", "김민수 기자"),  # a byline
        ("ko", "김민수 기자가 취재하고 사진부 박지영 기자가 촬영했다 minsu@example.co.kr"),
        ("zh", "版权所有 © 2024 新华网 未经许可不得转载本网站所刊登的各种新闻信息和各种专题专栏资料"),
    ],
)  # fmt: skip
def test_a_finished_article_in_a_script_without_letter_case_is_no_cut(run_rule, lang, last):
    for language, paragraphs in CASELESS.items():
        if lang not in (None, language):
            continue
        text = "\n\n".join([*paragraphs, last] if last else paragraphs)
        assert run_rule("T006", text, lang=language) == [], language


def test_an_article_that_does_not_close_its_paragraphs_is_not_judged(run_rule):
    items = [  # a list of items without closing punctuation, the last one long
        "東京都心の主な観測地点の最高気温と最低気温の一覧と前日との比較",
        "大阪市内の主な観測地点の最高気温と最低気温の一覧と前日との比較",
        "名古屋市内の主な観測地点の最高気温と最低気温の一覧と前日との比較",
        "札幌市内の主な観測地点の最高気温と最低気温の一覧と前日との比較。詳しくは各地の気象台の発表",
    ]
    assert run_rule("T006", "\n".join(items), lang="ja") == []
