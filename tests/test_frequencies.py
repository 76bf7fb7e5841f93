"""The table of plain words' Zipf frequencies (``newslint/model/frequencies.py``) answers
what wordfreq answers, for the words of its lists and for any word it takes as plain; a
damaged table is ignored and written again; a language whose preprocessing does more than
fold case has no table and is asked of wordfreq."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wordfreq import get_frequency_dict, zipf_frequency

from newslint.disk_cache import DiskCache, write_atomically
from newslint.model import frequencies, language


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder, and fresh in-process caches that read it."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(folder))
    monkeypatch.setattr(language, "WORD_LISTS", DiskCache("word-lists", lambda: "test"))
    language._frequency_table.cache_clear()
    language.zipf.cache_clear()
    yield folder
    language._frequency_table.cache_clear()
    language.zipf.cache_clear()


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, frequencies.FrequencyTable]:
    folder = tmp_path_factory.mktemp("tables")
    built = {}
    for lang in ("en", "fr", "de", "ru", "el"):
        entries = frequencies.wordfreq_entries(lang)
        assert entries, lang
        path = folder / f"{lang}.bin"
        write_atomically(path, frequencies.encode(entries))
        table = frequencies.read(path)
        assert table is not None
        built[lang] = table
    return built


@pytest.mark.parametrize("lang", ["en", "fr", "de", "ru", "el"])
def test_every_plain_word_of_a_list_gets_wordfreqs_answer(tables, lang):
    plain_words = [word for word in get_frequency_dict(lang) if frequencies.plain(word)]
    assert len(plain_words) > 40_000
    # Every 7th word: all frequency bands, in a few seconds.
    wrong = [w for w in plain_words[::7] if tables[lang].zipf(w) != zipf_frequency(w, lang)]
    assert wrong == []


@pytest.mark.parametrize(
    ("word", "lang"),
    [("été", "fr"), ("regierung", "de"), ("haben", "de"), ("журналист", "ru"), ("the", "en"),
     ("negotiations", "en"), ("κυβέρνηση", "el"), ("qxzqvw", "en"), ("inq", "fr")],
)  # fmt: skip
def test_known_and_unknown_words(tables, word, lang):
    assert frequencies.plain(word)
    assert tables[lang].zipf(word) == zipf_frequency(word, lang)


@pytest.mark.parametrize(
    "word",
    ["Paris", "STRASSE", "groß", "l'homme", "aujourd’hui", "covid19", "ʼs", "ﬁn", "µm",
     "e\u0301te\u0301", "東京", "كلمة", "", "ǅemal"],
)  # fmt: skip
def test_words_wordfreq_would_change_are_not_plain(word):
    assert not frequencies.plain(word)


LETTERS = (
    "abcdezßàéèêëïôöüçñåøæœłşțğıǉſªº"
    + "αβγδεζάέήίόύώς"
    + "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ"
    + "ʼʰ÷"
)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=LETTERS, min_size=1, max_size=12), st.sampled_from(["en", "fr", "de", "ru"])
)
def test_a_plain_word_is_what_wordfreq_looks_up(tables, word, lang):
    if frequencies.plain(word):
        assert tables[lang].zipf(word) == zipf_frequency(word, lang)


def test_zipf_answers_the_same_from_a_kept_table(cache_dir):
    words = ["la", "négociations", "inq", "Blinken", "l'État", "qxzqvw"]
    first = [language.zipf(word, "fr") for word in words]
    assert list(cache_dir.glob("zipf-fr-*.bin"))  # built and kept
    language._frequency_table.cache_clear()
    language.zipf.cache_clear()
    assert [language.zipf(word, "fr") for word in words] == first
    assert first == [zipf_frequency(word, "fr") for word in words]


def test_a_damaged_table_is_ignored_and_written_again(cache_dir):
    expected = language.zipf("négociations", "fr")
    (path,) = cache_dir.glob("zipf-fr-*.bin")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert frequencies.read(path) is None
    language._frequency_table.cache_clear()
    language.zipf.cache_clear()
    assert language.zipf("négociations", "fr") == expected
    assert frequencies.read(path) is not None


@pytest.mark.parametrize(("lang", "word"), [("tr", "kişinin"), ("sr", "схваташ"), ("ar", "كلمة")])
def test_languages_with_more_preprocessing_are_asked_of_wordfreq(cache_dir, lang, word):
    assert frequencies.wordfreq_entries(lang) is None
    assert language.zipf(word, lang) == zipf_frequency(word, lang) > 0
    assert not list(cache_dir.glob(f"zipf-{lang}-*.bin"))


def test_without_caches_the_answers_are_wordfreqs(cache_dir, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", "")
    assert language._frequency_table("fr") is None
    assert language.zipf("négociations", "fr") == zipf_frequency("négociations", "fr")


CASED = LETTERS + "ABCDEZÀÉÈÊÏÔÖÜÇÑÅØÆŒŁŞİĞǅΑΒΓΔΆΈΉΣАБВГДЕЁЖЗИЙЇЄҐ" + "e\u0301"


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=CASED, min_size=1, max_size=12), st.sampled_from(["en", "fr", "de", "ru"]))
def test_any_word_gets_wordfreqs_answer(cache_dir, word, lang):
    # Capitalised, upper-case and decomposed words are folded as wordfreq folds them.
    assert language.zipf(word, lang) == zipf_frequency(word, lang)


@pytest.mark.parametrize(("word", "lang"), [("Blinken", "en"), ("PARIS", "fr"), ("Straße", "de")])
def test_capitalised_words_are_read_from_the_table(cache_dir, monkeypatch, word, lang):
    expected = zipf_frequency(word, lang)
    language.zipf(word.lower(), lang)  # the table is built
    import wordfreq

    monkeypatch.setattr(wordfreq, "zipf_frequency", None)  # asking wordfreq would fail
    if frequencies.plain(word.casefold()):
        assert language.zipf(word, lang) == expected
