"""The compiled core changes no finding: on every shared set (the sets of
``../shared/corpus/evaluate.py``, the annotated L3S pages and the example article),
every record gets the same findings as with the implementations the core replaced,
which the tests keep as oracles: every YAML pattern on the Python path, unscreened
(``CompiledPass.reference_run``), and py3langid for the language.

The corpus-wide features (hashes, MinHash) are held to their Python definitions in
``tests/test_corpus_features.py``: equal features, equal C findings."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from newslint import Checker, language
from newslint.declarative import compiled

SHARED = Path(__file__).resolve().parents[2] / "shared"
SETS = [
    "corpus/aeb.jsonl",
    "corpus/aeb-extracted.jsonl",
    "corpus/extracted/trafilatura-recall.jsonl",
    "corpus/extracted/justext.jsonl",
    "corpus/extracted/readability.jsonl",
    "corpus/extracted/whole-page.jsonl",
    "corpus/l3s-gn1/annotated.jsonl",
    "corpus/l3s-gn1/trafilatura.jsonl",
    "corpus/l3s-gn1/justext.jsonl",
    "corpus/l3s-gn1/readability.jsonl",
    "corpus/l3s-gn1/whole-page.jsonl",
]
EXAMPLE = SHARED / "examples" / "fr-blinken-lavrov.txt"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


@pytest.fixture(scope="module")
def before_the_core():
    """A block in which newslint runs as before the core: every YAML pattern on the
    Python path, unscreened, and py3langid's own classifier for the language."""
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
            with compiled.PASS.reference_run():
                yield
        finally:
            language._identifier = core

    return block


def _records(path: Path) -> list[dict]:
    if not path.exists():
        pytest.skip(f"needs {path}")
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _findings(checker: Checker, records: list[dict], source: str) -> list[list[tuple]]:
    return [
        [(f.line, f.column, f.code, f.message, f.fix) for f in findings]
        for _, findings in checker.check_records(records, source=source)
    ]


@pytest.mark.parametrize("name", SETS)
def test_every_shared_set_gets_the_findings_it_got_before_the_core(checker, before_the_core, name):
    records = _records(SHARED / name)
    with before_the_core():
        before = _findings(checker, records, name)
    after = _findings(checker, records, name)
    assert sum(map(len, before)) > 0
    for record, old, new in zip(records, before, after, strict=True):
        assert new == old, record.get("id")


def test_the_example_article_gets_the_findings_it_got_before_the_core(checker, before_the_core):
    if not EXAMPLE.exists():
        pytest.skip(f"needs {EXAMPLE}")
    text = EXAMPLE.read_text(encoding="utf-8")
    with before_the_core():
        before = checker.check(text)
    after = checker.check(text)
    assert [f.code for f in after] == [f.code for f in before]
    assert after == before
