"""The compiled core changes no finding: on every shared set (the sets of
``../shared/corpus/evaluate.py``, the annotated L3S pages and the example article),
every record gets the same findings as with the implementations the core replaced,
which the tests keep as oracles: every YAML pattern on the Python path, unscreened (a
Checker with the setting ``python_patterns``), and py3langid for the language.

The corpus-wide features (hashes, MinHash) are held to their Python definitions in
``tests/test_corpus_features.py``: equal features, equal C findings."""

from __future__ import annotations

import contextlib
import json

import pytest
from shared_sets import SETS, SHARED, shared_set

from newslint import Checker
from newslint.config.settings import Settings
from newslint.model import language

EXAMPLE = SHARED / "examples" / "fr-blinken-lavrov.txt"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


@pytest.fixture(scope="module")
def reference() -> Checker:
    """A Checker that matches every YAML pattern on the Python path, unscreened."""
    return Checker(Settings(python_patterns=True))


@pytest.fixture(scope="module")
def before_the_core(reference):
    """A block in which ``reference`` runs as newslint did before the core: with
    py3langid's own classifier for the language too."""
    langid = pytest.importorskip("py3langid.langid")
    oracle = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)

    class Oracle:
        def classify(self, data: bytes) -> tuple[str, float]:
            lang, probability = oracle.classify(data.decode("utf-8", "surrogatepass"))
            return lang, probability

    @contextlib.contextmanager
    def block():
        core = language._identifier
        language._identifier = Oracle  # type: ignore[assignment]
        try:
            yield reference
        finally:
            language._identifier = core

    return block


def _records(name: str) -> list[dict]:
    with shared_set(name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _findings(checker: Checker, records: list[dict], source: str) -> list[list[tuple]]:
    return [
        [(f.line, f.column, f.code, f.message, f.fix) for f in findings]
        for _, findings in checker.check_records(records, source=source)
    ]


@pytest.mark.parametrize("name", SETS)
def test_every_shared_set_gets_the_findings_it_got_before_the_core(checker, before_the_core, name):
    records = _records(name)
    with before_the_core() as reference:
        before = _findings(reference, records, name)
    after = _findings(checker, records, name)
    assert sum(map(len, before)) > 0
    for record, old, new in zip(records, before, after, strict=True):
        assert new == old, record.get("id")


def test_the_example_article_gets_the_findings_it_got_before_the_core(checker, before_the_core):
    if not EXAMPLE.exists():
        pytest.skip(f"needs {EXAMPLE}")
    text = EXAMPLE.read_text(encoding="utf-8")
    with before_the_core() as reference:
        before = reference.check(text)
    after = checker.check(text)
    assert [f.code for f in after] == [f.code for f in before]
    assert after == before


def test_two_checkers_of_one_process_keep_their_own_compiled_pass(checker, reference):
    """A Checker's YAML rules are matched by the pass of its own load: the reference
    Checker runs every pattern on the Python path while the default one uses the core,
    interleaved on one document object each, and both find the same."""
    from newslint.declarative.kinds import PatternCheck

    def passes(of: Checker) -> set[int]:
        return {id(r.check.compiled) for r in of.rules if isinstance(r.check, PatternCheck)}

    assert len(passes(checker)) == 1 and len(passes(reference)) == 1
    assert passes(checker).isdisjoint(passes(reference))
    [pass_] = {r.check.compiled for r in reference.rules if isinstance(r.check, PatternCheck)}
    assert pass_.reference
    text = "Lire aussi : la suite\nCopyright 2024 Le Monde. Tous droits réservés.\n" * 3
    first = checker.check(text, lang="fr")
    second = reference.check(text, lang="fr")
    assert first == second == checker.check(text, lang="fr") and first
