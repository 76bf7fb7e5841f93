"""E rules on real encoding and markup damage."""

from __future__ import annotations

CLEAN = "Le ministre a déclaré que la situation était grave : « Nous restons prudents »."


def test_mojibake_with_repair(run_rule):
    broken = CLEAN.encode("utf-8").decode("cp1252", errors="replace")
    findings = run_rule("E001", broken, lang="fr")
    assert len(findings) == 1
    edit = findings[0].fix.edits[0]
    assert broken[: edit.start] + edit.replacement + broken[edit.end :] == CLEAN
    assert run_rule("E001", CLEAN, lang="fr") == []


def test_html_entity(run_rule):
    text = "L&#39;Ukraine ne sera jamais membre de l&rsquo;Otan, a dit AT&T ; R&D &amp; co."
    findings = run_rule("E002", text, lang="fr")
    assert [text[f.start : f.end] for f in findings] == ["&#39;", "&rsquo;", "&amp;"]
    assert findings[0].fix.edits[0].replacement == "'"


def test_html_markup(run_rule):
    text = (
        'Le ministre a démissionné.<br/>Il sera <a href="/x">remplacé</a>. Score : 3 < 5 et 7 > 2.'
    )
    findings = run_rule("E003", text, lang="fr")
    assert [text[f.start : f.end] for f in findings] == ["<br/>", '<a href="/x">', "</a>"]


def test_invisible_character(run_rule):
    text = "Yersinia pestis causes plague.\n\u200b\nThe drapeau 🏳️\u200d🌈 flew.\u2060\u2060\n"
    findings = run_rule("E004", text, lang="en")
    assert [(f.line, f.column) for f in findings] == [(2, 1), (3, 23)]
    assert "2 x WORD JOINER" in findings[1].message


def test_control_and_replacement_characters(run_rule):
    text = "Le ministre\x07 a démenti.\nLe minist\ufffdre a d\ufffdmenti."
    assert [f.line for f in run_rule("E005", text, lang="fr")] == [1]
    assert [f.column for f in run_rule("E006", text, lang="fr")] == [10, 17]
    assert run_rule("E005", "Un\ttableau\r\navec des tabulations.", lang="fr") == []
    assert run_rule("E006", CLEAN, lang="fr") == []


def test_mojibake_only_in_the_broken_paragraph(run_rule):
    broken = CLEAN.encode("utf-8").decode("cp1252", errors="replace")
    # telltale characters (©, «, €, ½) in clean paragraphs are not mojibake
    text = f"© 2019 Le Monde.\n{CLEAN}\n{broken}\nPrix : 5 € (½ tarif)."
    assert [f.line for f in run_rule("E001", text, lang="fr")] == [3]


def test_mojibake_check_is_ftfys():
    from ftfy.badness import is_bad

    from newslint.rules.encoding._badness import _ANCHORS, looks_bad

    assert _ANCHORS is not None  # the installed ftfy's regex could be read
    samples = [
        CLEAN,
        CLEAN.encode("utf-8").decode("cp1252", errors="replace"),
        "voilÃ le travail",
        "Ã ",
        "a Â «",
        "Ã\xa0 la maison",
        "Ð´Ð¾Ð±Ñ\x80Ñ\x8bÐ¹",
        "вЂ“ Москва",
        "Ð½Ð°ÑˆÐ°",
        "× ²",
        "Le prix : 5 € (½ tarif), © 2019 – “tout” ‘va’ bien…",
        "Москва — столица России. «Да», — сказал он.",
        "Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©",
        "",
    ]
    for sample in samples:
        assert looks_bad(sample) == is_bad(sample), sample


def test_invisible_byte_order_mark_only_at_the_start_is_left(run_rule):
    text = "\ufeffLe texte.\nLa suite\ufeff ici."
    assert [(f.line, f.column) for f in run_rule("E004", text, lang="fr")] == [(2, 9)]


def test_control_characters_c0_and_c1(run_rule):
    text = "Le texte\x85 et\x1b[0m la suite."
    assert [f.column for f in run_rule("E005", text, lang="fr")] == [9, 13]


def test_control_characters_of_repaired_mojibake_are_one_finding(run_rule):
    # UTF-8 read as Latin-1: each curly quote becomes "â" and two C1 controls
    quote = "Wenger said: “It’s a young side.” The club’s board agreed."
    broken = quote.encode("utf-8").decode("latin-1")
    text = f"{broken}\nThe team trains\x07 on Monday.\nEl equipo\x85 entrena."
    assert [f.line for f in run_rule("E001", text, lang="en")] == [1]
    assert [f.line for f in run_rule("E005", text, lang="en")] == [2, 3]
