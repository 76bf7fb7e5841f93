"""The structure view (newslint.structure): function words, line features and their
fast paths, the body and the parts around it, and blocks as findings in every output."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from newslint.model.document import Document
from newslint.structure import Part, structure
from newslint.structure.features import HEAD_CHARS, line_features, plainly_article
from newslint.structure.function_words import function_words
from newslint.structure.markers import Marker, line_marker
from newslint.structure.model import line_model

sys.path.insert(0, str(Path(__file__).resolve().parent / "rules"))
from structure_texts import ARTICLES, page

LANGUAGES = sorted(ARTICLES)
COMMENTS = ["3 comments", "Mark says:", "Glad they finally did something about it.", "Reply"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_function_words_come_from_wordfreq_for_the_six_languages(lang):
    words = function_words(lang)
    assert words is not None
    assert 0.3 < words.coverage < 0.7
    common = {"en": "the", "fr": "les", "de": "und", "es": "que", "it": "che", "pt": "não"}
    assert common[lang] in words.words and common[lang] + "," in words.words


@pytest.mark.parametrize("lang", [None, "", "tlh", "xx"])
def test_languages_without_a_word_list_have_no_structure(lang):
    assert function_words(lang) is None
    doc = Document(page("en", after=COMMENTS), path="a.txt", lang=lang or "tlh")
    assert structure(doc) is None


def test_an_empty_document_has_no_structure():
    assert structure(Document("\n\n", path="a.txt", lang="en")) is None


def test_the_structure_is_computed_once_per_document():
    doc = Document(page("en", after=COMMENTS), path="a.txt", lang="en")
    assert structure(doc) is structure(doc)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plain_prose_lines_skip_the_features_but_keep_markers_and_sizes(lang):
    texts = [*ARTICLES[lang], *COMMENTS, "Related stories", "- Schools reopen after the holidays"]
    words = function_words(lang)
    fast = line_features(texts, words)
    full = line_features(texts, words, every_line=True)
    assert fast[1:] == full[1:]
    assert all(row is None or row == whole for row, whole in zip(fast[0], full[0], strict=True))
    long_lines = [len(text) > HEAD_CHARS for text in ARTICLES[lang]]
    assert [row is None for row in fast[0][: len(long_lines)]] == long_lines
    model = line_model()
    assert model.log_odds(None) == model.prose_log_odds > 1.0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_plain_article_is_all_body_by_the_shortcut_and_by_the_full_view(lang):
    texts = ARTICLES[lang]
    words = function_words(lang)
    assert plainly_article(texts, words)
    found = structure(Document(page(lang), path="a.txt", lang=lang))
    assert found.parts == [Part.BODY] * len(texts) and found.blocks == []


def test_a_page_with_furniture_is_not_taken_for_a_plain_article():
    words = function_words("en")
    assert not plainly_article([*ARTICLES["en"], "Sign up for our newsletter"], words)
    assert not plainly_article(["Home", *ARTICLES["en"]], words)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("12 Comments", Marker.COMMENTS),
        ("Leave a Reply", Marker.COMMENTS),
        ("Kommentare (4)", Marker.COMMENTS),
        ("Deixe um comentário", Marker.COMMENTS),
        ("Lire aussi", Marker.RELATED),
        ("Mehr zum Thema", Marker.RELATED),
        ("Suivez-nous sur Facebook", Marker.SHARE),
        ("Newsletter abonnieren", Marker.SUBSCRIBE),
        ("© 2024 Example Media. All rights reserved.", Marker.LEGAL),
        ("Reporting by Jane Doe; editing by John Roe", Marker.CREDIT),
        ("Startseite", Marker.NAVIGATION),
        ("Filed under: Politics", Marker.TAGS),
        ("About Acme Robotics", Marker.ABOUT),
        ("Notice: Undefined index: title in /var/www/site/page.php on line 7", Marker.CMS),
        ("{{ article.title }}", Marker.CMS),
        ("Link permanente", Marker.COMMENTS),
        ("Deixe suas dúvidas e opiniões aqui embaixo!", Marker.COMMENTS),
        ("Also: See the full coverage of the election", Marker.RELATED),
        ("Disclaimer: The views expressed are the author's own.", Marker.LEGAL),
        ("Jane Doe is the paper's deal curator and reviews gadgets.", Marker.CREDIT),
        ("Originally published on Example Science.", Marker.CREDIT),
        ("Published in Nature, the study found that mice age faster.", None),
        ("About 300 people attended the meeting.", None),
        ("About this rating", None),
        ("A spokesperson declined to comment.", None),
        ("Home sales rose 4% in October, the agency said.", None),
    ],
)
def test_markers(line, expected):
    assert line_marker(line, line.lower()) is expected


def test_blocks_span_their_lines_in_json_sarif_and_text_output(tmp_path, capsys, cli_plugins):
    path = tmp_path / "article.txt"
    path.write_text(page("en", after=COMMENTS), encoding="utf-8")
    _, out, _ = run_cli(capsys, "check", str(path), "--select", "H006", "--format", "json")
    [finding] = json.loads(out)
    assert (finding["line"], finding["end_line"]) == (7, 10)
    _, out, _ = run_cli(capsys, "check", str(path), "--select", "H006", "--format", "sarif")
    location = json.loads(out)["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["region"]["endLine"] == 10
    _, out, _ = run_cli(capsys, "check", str(path), "--select", "H006")
    # shown once, at its first line
    assert [line.split(":")[1] for line in out.splitlines() if "H006" in line] == ["7"]


def test_fix_deletes_the_block_in_one_step(tmp_path, capsys, cli_plugins):
    path = tmp_path / "article.txt"
    path.write_text(page("de", after=["Mehr zum Thema", "Neue Parkregeln", "Schulen öffnen"]))
    run_cli(capsys, "check", str(path), "--select", "B015", "--fix")
    assert path.read_text(encoding="utf-8") == page("de")
