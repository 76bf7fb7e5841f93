"""The language identifier gives, to the last bit, the answers it gave before issue 20
rewrote its walk and its scoring (py3langid's DFA as a double-array trie, the rows of
``ptc`` summed in half precision): findings depend on them.

The digests below were recorded with the implementation before the change (commit
66d29f8, ``_core.LanguageModel`` with the ``NLLANGID`` model): for each set, the SHA-256
of every sample's language and the bits of its probability (a float32), in order. To
record them again from a given model: ``python tests/test_language_parity.py``.
"""

from __future__ import annotations

import hashlib
import json
import random
import struct
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Protocol

import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newslint._core as _core
from newslint.model import language

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"

#: By set: (samples, digest). A shared set's samples are each text's first SAMPLE_CHARS
#: characters, then each of its paragraphs; "generated" is :func:`generated_samples`.
RECORDED: dict[str, tuple[int, str]] = {
    "extracted/justext.jsonl": (3846, "c0cf80f452fdccf8f136bedfb40063c2edc4edc62f142d1daf807a963d89b10a"),
    "extracted/justext.labels.jsonl": (1734, "97149056f69a62cca89cd8af0fc5091f0ae56b2d6bea5576bf64eb7a991bf515"),
    "extracted/readability.jsonl": (4827, "e48801111839c697228c551a48c3513cae60d2719b10d0e20944ec6fe0e05464"),
    "extracted/readability.labels.jsonl": (1802, "7e8b95707cbb576c8241f0c2171560c6557dc660304f1a0e4219079f4aba33c4"),
    "extracted/trafilatura-recall.jsonl": (4789, "17563d93b4c2a111fe3d934337d0d94c6187f714d7befb01414b0793ac8958f4"),
    "extracted/trafilatura-recall.labels.jsonl": (1780, "c6ddd4d15b8e477f5c3fa21f10cf5ff097e3804a811e0595c321a54e28002a03"),
    "extracted/whole-page.jsonl": (30755, "0601c7dbe5c3f1b5b1e6b9edde87d360044ae09eeb916f39d492dc6c1569d2e5"),
    "extracted/whole-page.labels.jsonl": (53462, "6e3b7522a721508f559c33bd3515cf2e25a87770737e8f1d532ea8d9662799fb"),
    "l3s-gn1/annotated.jsonl": (4634, "bb6e56681ad234098c1a9d69a96038f66c9d04f7936c0b3258fde6f39e8938e2"),
    "l3s-gn1/justext.jsonl": (5666, "39a8c9bd8a4a9c5a1e391ffdff05e59b85f7f3edb220ac4e7c3e24a966619c7f"),
    "l3s-gn1/justext.labels.jsonl": (1852, "7565b2d4a90eaf4ac12b62dc7a48a332cea187e3083d3c81ace3b49910b447c4"),
    "l3s-gn1/readability.jsonl": (5819, "c98380c93e616a1cfdf7f8ca8b500bd0e2ca15797576c37663783e8d0ca1d947"),
    "l3s-gn1/readability.labels.jsonl": (1826, "b7a93f5b9ece7b3a13f0db6e5150371ebc58a788c3d406e8635ee9fb1a8fd2aa"),
    "l3s-gn1/trafilatura.jsonl": (6383, "df25632621037c4e9fa9a7db8a5b1296c37ab2516cb13fead761d4ff424b42ef"),
    "l3s-gn1/trafilatura.labels.jsonl": (5926, "e8b878af0744031460983eb10dcce3d94178243664d90f1647cbd5406ad92ff9"),
    "l3s-gn1/whole-page.jsonl": (31723, "fca28b2b42a9ce2f96fe5acbc7cf4f9d4809e8c010c83e4356ebf72ebaf8495a"),
    "l3s-gn1/whole-page.labels.jsonl": (54136, "84c8bf0ea7fb3cd23e096952965ea336a4ec508103bf3a5bcd742ff5017714dd"),
    "aeb.jsonl": (4544, "637fbca3a69bd969e2e0aff2825416757a0dc938bd038a317e47c3809a9e76ae"),
    "generated": (4000, "d7464069234583540595d8044b3df71f4ba51980e1c274877f0cf88e1bcfb699"),
}  # fmt: skip


class Classifier(Protocol):
    def classify(self, data: bytes) -> tuple[str, float]: ...


def corpus_samples(name: str) -> Iterator[bytes]:
    for line in (SHARED / name).open(encoding="utf-8"):
        text = json.loads(line).get("text")
        if isinstance(text, str):
            yield language._prepared(text[: language.SAMPLE_CHARS])
            yield from (language._prepared(p) for p in text.split("\n") if p.strip())


#: Pieces of text in many scripts, and marks that NFC folds.
PIECES = [
    "the ", "und ", "été ", "à ", "Ça ", "привет ", "мир", "東京", "日本語", "مرحبا ",
    "שלום ", "नमस्ते ", "ภาษาไทย", "ελληνικά ", "\n", " ", ". ", "\t", "ǅ", "ﬁ", "😀",
    "\u0301", "ß", "İ", "ŉ", "Ω", "ẞ", "ǰ", "12", "’", "—",
]  # fmt: skip


def generated_samples() -> Iterator[bytes]:
    """Texts made of pieces and random characters (any plane, surrogates too), then
    random bytes (UTF-8 or not): reproducible, from a fixed seed."""
    rng = random.Random(20)
    for _ in range(3000):
        parts = []
        for _ in range(rng.randrange(0, 600)):
            if rng.random() < 0.7:
                parts.append(rng.choice(PIECES))
            else:
                parts.append(chr(rng.randrange(0x20, 0x3000 if rng.random() < 0.8 else 0x110000)))
        yield language._prepared("".join(parts))
    for _ in range(1000):
        yield rng.randbytes(rng.randrange(0, 5000))


def digest(model: Classifier, samples: Iterator[bytes]) -> tuple[int, str]:
    hasher = hashlib.sha256()
    count = 0
    for sample in samples:
        lang, probability = model.classify(sample)
        hasher.update(lang.encode() + b"\0" + struct.pack("<f", probability))
        count += 1
    return count, hasher.hexdigest()


@pytest.mark.parametrize("name", [name for name in RECORDED if name != "generated"])
def test_shared_sets_get_the_answers_they_got_before(name: str) -> None:
    if not (SHARED / name).exists():
        pytest.skip("needs ../shared/corpus")
    assert digest(language._identifier(), corpus_samples(name)) == RECORDED[name]


def test_generated_texts_get_the_answers_they_got_before() -> None:
    assert digest(language._identifier(), generated_samples()) == RECORDED["generated"]


@pytest.fixture(scope="module")
def portable() -> _core.LanguageModel:
    """The model again, summing its rows without F16C (what a CPU without it runs)."""
    packed = resources.files("newslint").joinpath(language.MODEL).read_bytes()
    return _core.LanguageModel(zstandard.ZstdDecompressor().decompress(packed), portable=True)


def probability_bits(values: list[float]) -> bytes:
    return struct.pack(f"<{len(values)}f", *values)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=3000), st.lists(st.sampled_from(PIECES)).map("".join)))
def test_both_summations_give_the_same_bits(portable: _core.LanguageModel, text: str) -> None:
    data = language._prepared(text)
    expected = probability_bits(language._identifier().probabilities(data))
    assert probability_bits(portable.probabilities(data)) == expected


def record(model: Classifier) -> None:
    """Prints RECORDED's entries for ``model``."""
    names = ["aeb.jsonl", *(sorted(str(p.relative_to(SHARED)) for p in SHARED.glob("*/*.jsonl")))]
    for name in names:
        if name.startswith(("extracted/", "l3s-gn1/")):
            print(f"    {name!r}: {digest(model, corpus_samples(name))},")
    print(f"    'aeb.jsonl': {digest(model, corpus_samples('aeb.jsonl'))},")
    print(f"    'generated': {digest(model, generated_samples())},")


if __name__ == "__main__":
    record(language._identifier())
