"""The structure view (newslint.structure): function words, line features and their
fast paths, the body and the parts around it, and blocks as findings in every output."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy
import pytest
from conftest import run_cli

from newslint.model.document import Document
from newslint.structure import Part, page_units, structure, unit_log_odds
from newslint.structure.features import (
    HEAD_CHARS,
    NAMES,
    OWN,
    context_rows,
    unit_features,
)
from newslint.structure.features import page_units as page_features
from newslint.structure.function_words import function_words
from newslint.structure.markers import Marker, line_marker
from newslint.structure.model import LineModel, line_model

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
def test_every_paragraph_gets_its_own_features_and_its_context(lang):
    texts = [*ARTICLES[lang], *COMMENTS, "Related stories", "- Schools reopen after the holidays"]
    own, markers, sizes, prose = unit_features(texts, function_words(lang))
    count = len(ARTICLES[lang])
    # the article's long paragraphs are plain prose: the model does not score them
    long = [len(text) > HEAD_CHARS for text in ARTICLES[lang]]
    assert prose == long + [False] * (len(texts) - count) and any(long)
    rows = context_rows(own, sizes, [not plain for plain in prose])
    assert [row is None for row in rows] == prose
    assert all(len(row) == len(NAMES) for row in rows if row is not None)
    assert all(
        row[: len(OWN)] == mine for row, mine in zip(rows, own, strict=True) if row is not None
    )
    assert markers[count] is Marker.COMMENTS
    # the context of a paragraph reads its neighbours' own features
    full = context_rows(own, sizes)
    above = NAMES.index("log_words_p1")
    assert full[count][above] == own[count - 1][0] and full[0][above] == 0.0


def test_plain_prose_gets_the_score_of_plain_prose():
    doc = Document(page("en", after=COMMENTS), path="a.txt", lang="en")
    units = page_units(doc)
    model = line_model()
    odds = unit_log_odds(units, model)
    plain = [odd for odd, row in zip(odds, units.rows, strict=True) if row is None]
    assert plain and plain == [model.prose_log_odds] * len(plain)
    assert model.prose_log_odds > 1.0


def _walk(tree_features, splits, leaves, row):
    """One tree of the model file, walked node by node: the reference evaluation."""
    node = 0
    while node < len(tree_features):
        split = splits[node]
        right = split is not None and numpy.float32(row[tree_features[node]]) > numpy.float32(split)
        node = 2 * node + 1 + right
    return leaves[node - len(tree_features)]


def test_the_trees_evaluated_at_once_agree_with_walking_each_tree():
    data = json.loads(
        (Path(__file__).parents[1] / "newslint/structure/line_model.json").read_text()
    )
    model = LineModel.from_dict(data)
    texts = [*ARTICLES["en"], *COMMENTS, "Home | News | Sport", "- 15 Amazing Images of Stars"]
    own, _, sizes, _ = unit_features(texts, function_words("en"))
    rows = context_rows(own, sizes)
    trees = data["trees"]
    expected = [
        data["base"]
        + sum(
            _walk(f, t, v, row)
            for f, t, v in zip(trees["feature"], trees["threshold"], trees["leaf"], strict=True)
        )
        for row in rows
    ]
    assert model.log_odds(rows) == pytest.approx(expected, abs=1e-4)
    assert model.log_odds([]) == []


def test_a_model_file_of_other_features_is_refused():
    data = json.loads(
        (Path(__file__).parents[1] / "newslint/structure/line_model.json").read_text()
    )
    with pytest.raises(ValueError, match="other features"):
        LineModel.from_dict({**data, "features": data["features"][:-1]})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_plain_article_is_all_body_by_the_shortcut_and_by_the_full_view(lang):
    texts = ARTICLES[lang]
    words = function_words(lang)
    assert page_features(texts, words) is None  # plainly an article: nothing scored
    found = structure(Document(page(lang), path="a.txt", lang=lang))
    assert found.parts == [Part.BODY] * len(texts) and found.blocks == []


def test_a_page_with_furniture_is_not_taken_for_a_plain_article():
    words = function_words("en")
    assert page_features([*ARTICLES["en"], "Sign up for our newsletter"], words) is not None
    assert page_features(["Home", *ARTICLES["en"]], words) is not None


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


def test_the_page_hints_come_from_the_checkers_one_literal_pass(monkeypatch):
    """The rules that read the structure view declare its hints (comment signatures,
    subscription words): the Checker looks for them with every rule's strings, in one
    pass per document, and the view reads that pass instead of making its own."""
    from newslint import Checker
    from newslint.checking.prefilter import LiteralIndex
    from newslint.structure import LITERALS

    checker = Checker({"select": ["B", "H", "T"]})
    assert checker.literals.covers(LITERALS)
    passes: list[frozenset[str]] = []
    present = LiteralIndex.present

    def counted(index: LiteralIndex, doc: Document) -> frozenset[str]:
        passes.append(index.literals)
        return present(index, doc)

    monkeypatch.setattr(LiteralIndex, "present", counted)
    text = page("en", after=["Posted by mark on January 10, 2008 5:15 PM", *COMMENTS])
    findings = checker.check(text, lang="en")
    assert passes == [checker.literals.literals]
    assert "H006" in {f.code for f in findings}
    # Outside a Checker (a rule called on its own), the view makes a pass of its own.
    passes.clear()
    assert structure(Document(text, "<text>", lang="en")) is not None
    assert passes == [LITERALS]
