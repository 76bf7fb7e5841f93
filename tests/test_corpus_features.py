"""The features the corpus checks keep: the MinHash is datasketch's, value for value;
the compiled hashes equal their definitions written in Python; the LSH bands find pairs
at the threshold; the spill store gives back what it took."""

from __future__ import annotations

import hashlib
import json
import os
import re
import zlib
from pathlib import Path

import numpy as np
import pytest

from newslint.corpus import analysis, spill
from newslint.corpus import fingerprints as features
from newslint.model.document import Document

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "aeb.jsonl"


def texts() -> list[str]:
    if not SHARED_CORPUS.exists():
        pytest.skip("needs ../shared/corpus")
    return [json.loads(line)["text"] for line in SHARED_CORPUS.open(encoding="utf-8")]


# -- the definitions, in Python: the reference the compiled core is held to ----------


def reference_text_key(folded: bytes) -> int:
    words = folded.split()
    if not words:
        return 0
    digest = hashlib.blake2b(b" ".join(words), digest_size=8).digest()
    return int.from_bytes(digest, "little") or 1


def reference_line_keys(folded: bytes) -> list[tuple[int, int]]:
    masked = re.sub(rb"[0-9]+", b"0", folded)
    keys = []
    for number, line in enumerate(masked.split(b"\n"), 1):
        if line and not line.isspace():
            digest = hashlib.blake2b(b" ".join(line.split()), digest_size=8).digest()
            keys.append((number, int.from_bytes(digest, "little")))
    return keys


def reference_shingle_hashes(folded: bytes, size: int = features.SHINGLE_WORDS) -> list[int]:
    hashes = [zlib.crc32(word) for word in folded.split()]
    out = []
    for start in range(len(hashes) - size + 1):
        combined = hashes[start]
        for offset in range(1, size):
            combined = (combined * 0x100000001B3 + hashes[start + offset]) % 2**64
        out.append(((combined >> 32) ^ combined) & 0xFFFFFFFF)
    return out


def reference_band_keys(signature: np.ndarray, bands: int, rows: int) -> list[int]:
    keys = []
    for band in range(bands):
        key = sum(
            int(signature[band * rows + row]) * pow(0x9E3779B97F4A7C15, row, 2**64)
            for row in range(rows)
        )
        keys.append((key % 2**64) ^ (band * 0xC2B2AE3D27D4EB4F % 2**64))
    return keys


ODD_TEXTS = [
    "",
    "   \n\t ",
    "Three words only",
    "Zahl 1234 und 0 und 007\n\n  \x0b\x0cnext\x1cline 12",
    "Ünïcödé ÉTÉ  straße\r\nİstanbul ǅ",
]


def test_compiled_hashes_equal_their_python_definitions():
    for text in [*texts()[:60], *ODD_TEXTS]:
        folded = features.fold(text)
        assert features.text_key(folded) == reference_text_key(folded)
        assert features.line_keys(Document(text, "a.txt"), folded) == reference_line_keys(folded)
        shingles = features.shingle_hashes(folded)
        assert shingles.tolist() == reference_shingle_hashes(folded)
        signature, count = features.sketch(folded)
        assert count == len(shingles)
        assert features.band_keys(signature, 16, 8) == reference_band_keys(signature, 16, 8)


def test_signature_equals_datasketch_minhash():
    datasketch = pytest.importorskip("datasketch")
    for text in texts()[:40]:
        folded = features.fold(text)
        reference = datasketch.MinHash(num_perm=features.NUM_PERM, seed=features.SEED, hashfunc=int)
        reference.update_batch(features.shingle_hashes(folded).tolist())
        assert reference.scheme == "affine32"
        assert np.array_equal(features.sketch(folded)[0], reference.hashvalues)


def test_a_text_with_fewer_words_than_a_shingle_has_an_empty_signature():
    folded = features.fold("Three words only")
    assert len(features.shingle_hashes(folded)) == 0
    signature, count = features.sketch(folded)
    assert count == 0
    assert (signature == np.iinfo(np.uint32).max).all()


def test_text_key_ignores_case_and_spacing_only():
    key = features.text_key(features.fold("The  cat\nsat."))
    assert key == features.text_key(features.fold("the cat sat."))
    assert key != features.text_key(features.fold("the cat sat!"))
    assert features.text_key(features.fold(" \n ")) == 0


def test_line_keys_ignore_case_spacing_and_the_value_of_numbers():
    doc = Document("Updated 3 hours ago\n\nUPDATED  12 hours ago\nSomething else", "a.txt")
    keys = features.line_keys(doc)
    assert [number for number, _ in keys] == [1, 3, 4]
    assert keys[0][1] == keys[1][1] != keys[2][1]


@pytest.mark.parametrize("threshold", [0.5, 0.6, 0.7, 0.8, 0.9])
def test_lsh_bands_find_a_pair_at_the_threshold_almost_surely(threshold):
    bands, rows = analysis.lsh_bands(threshold)
    assert bands * rows <= features.NUM_PERM
    assert 1 - (1 - threshold**rows) ** bands >= 0.99
    assert 1 - (1 - 0.1**rows) ** bands < 0.05  # and rarely a pair of unrelated articles


@pytest.mark.parametrize(
    ("value", "site"),
    [
        ("https://www.example.com/a/b", "example.com"),
        ("http://News.Example.org:8080/x", "news.example.org"),
        ("Harbour Gazette", "harbour gazette"),
    ],
)
def test_site_from_url_or_name(value, site):
    doc = Document("text", "c.jsonl", record_number=1, metadata={"site": value})
    assert features.site_of(doc) == site


def test_spill_store_gives_back_every_row_once(tmp_path, monkeypatch):
    monkeypatch.setattr(spill, "BUFFER_ROWS", 100)
    store = spill.PartitionedRows(tmp_path, "rows", {"key": "Q", "ordinal": "I"})
    rng = np.random.default_rng(1)
    keys = rng.integers(0, 2**63, 1000, dtype=np.uint64)
    for n, key in enumerate(keys.tolist()):
        store.append(key, n)
    parts = list(store.partitions())
    assert len(parts) > 1
    rows = np.concatenate(parts)
    assert sorted(rows["ordinal"].tolist()) == list(range(1000))
    assert np.array_equal(keys[rows["ordinal"]], rows["key"])
    assert list(tmp_path.iterdir()) == []  # partitions are removed once read


def test_line_numbers_follow_the_documents_with_any_line_break():
    text = "Alpha beta\r\n\r\nGamma 12 delta\rEpsilon\n \nZeta 7 delta"
    numbers = [n for n, line in enumerate(Document(text, "a.txt").line_texts, 1) if line.strip()]
    keys = features.line_keys(Document(text, "a.txt"))
    assert [n for n, _ in keys] == numbers == [1, 3, 4, 6]
    assert keys[1][1] != keys[3][1]  # "gamma 0 delta" and "zeta 0 delta"


def test_row_file_reads_rows_by_number_in_any_order(tmp_path):
    rows = spill.RowFile(tmp_path / "rows", np.uint32, 4)
    table = np.arange(40, dtype=np.uint32).reshape(10, 4)
    for row in table:
        rows.append(row)
    assert np.array_equal(rows.read(np.array([7, 2, 7, 0])), table[[7, 2, 7, 0]])
    rows.close()
    assert np.array_equal(rows.read(np.array([9])), table[[9]])
    assert rows.read(np.array([], dtype=np.int64)).shape == (0, 4)


def test_a_spill_folder_in_use_is_kept_and_one_left_behind_is_removed(tmp_path):
    """A run's spill folder is locked while it lives (here by this process); a folder
    whose lock nobody holds (its run was killed) goes when the next run starts, and
    other folders stay."""
    import subprocess
    import sys

    live = spill.SpillFolder(tmp_path)
    assert live.path.name.startswith(f"newslint-corpus-{os.getpid()}-")
    # A run in another process that dies without cleaning up.
    subprocess.run(
        [sys.executable, "-c", f"from newslint.corpus import spill; spill.SpillFolder({str(tmp_path)!r})"],
        check=True,
    )  # fmt: skip
    others = [p for p in tmp_path.iterdir() if p != live.path]
    assert len(others) == 1 and others[0].name.startswith(spill.PREFIX)
    (tmp_path / "newslint-corpus-notes").mkdir()  # no lock file: not a spill folder
    assert spill.remove_stale(tmp_path) == others
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [live.path.name, "newslint-corpus-notes"]
    )
    live.cleanup()
    assert not live.path.exists()
