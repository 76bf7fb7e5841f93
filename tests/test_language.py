"""Language tags: the known languages newslint checks ``--language`` against are
py3langid's own (kept as a list so that checking a tag does not load the model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.model import language
from newslint.model.language import KNOWN_LANGUAGES, UnknownLanguageError, _identifier, check_tag


def test_the_known_languages_are_the_models():
    assert set(_identifier().classes) == KNOWN_LANGUAGES


@pytest.mark.parametrize("tag", ["fr", "FR", "fr-CA", "pt_BR", "zh", "yue"])
def test_known_tags_pass(tag):
    assert check_tag(tag) == tag


@pytest.mark.parametrize("tag", ["xx", "qq-QQ", "klingon", ""])
def test_unknown_tags_say_which_are_known(tag):
    with pytest.raises(
        UnknownLanguageError, match=r"unknown language tag .*known: ace, af, am, an"
    ):
        check_tag(tag)


# -- the compiled identifier gives py3langid's answers (py3langid is the test oracle) --

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def shared_texts() -> list[str]:
    paths = [SHARED / "aeb.jsonl", SHARED / "aeb-extracted.jsonl"]
    if not all(path.exists() for path in paths):
        pytest.skip("needs ../shared/corpus")
    return [json.loads(line)["text"] for path in paths for line in path.open(encoding="utf-8")]


@pytest.fixture(scope="module")
def oracle():
    langid = pytest.importorskip("py3langid.langid")
    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def test_the_shipped_model_is_py3langids(oracle):
    assert _identifier().classes == list(oracle.nb_classes)


def test_articles_and_paragraphs_get_py3langids_language_and_probability(oracle):
    samples = []
    for text in shared_texts():
        samples.append(text[: language.SAMPLE_CHARS])
        samples.extend(p for p in text.split("\n") if len(p) >= 150)
    samples += ["", "12 34", "ÉTÉ À PARIS", "\ud800 lone surrogate", "Ça va? Très bien."]
    assert len(samples) > 1000
    for sample in samples:
        expected, probability = oracle.classify(sample)
        got, got_probability = language.classify(sample)
        assert got == expected, sample[:80]
        assert got_probability == pytest.approx(probability, abs=1e-4), sample[:80]


def test_documents_get_the_language_they_got_from_py3langid(oracle):
    def detect_with_oracle(text: str) -> str | None:
        sample = text[: language.SAMPLE_CHARS]
        if sum(map(str.isalpha, sample[:400])) < 20:
            return None
        lang, probability = oracle.classify(sample)
        return lang if probability >= language.MIN_CONFIDENCE else None

    answers = [(language.detect(t), detect_with_oracle(t)) for t in shared_texts()]
    assert all(got == expected for got, expected in answers)
    assert sum(got is not None for got, _ in answers) > 300
