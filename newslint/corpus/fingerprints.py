"""What the corpus checks keep of an article: hashes and a MinHash sketch, never text.

The hashing runs in the compiled core (``newslint._core``, ``core/src/features.rs``) on
the casefolded UTF-8 of the text: a 64-bit BLAKE2b key of the text and of each line, a
32-bit hash of each run of 5 words, and datasketch's ``affine32`` MinHash (a MurmurHash3
finalizer on each shingle hash, then ``a * h + b mod 2**32`` per permutation, with
datasketch's permutations for the same seed). ``tests/test_corpus_features.py`` checks
the sketch value for value against ``datasketch.MinHash`` and the hashes against a
reference written in Python.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple
from urllib.parse import urlsplit

import numpy as np

import newslint._core as _core
from newslint.model.document import Document
from newslint.model.facts import RecurringLine

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 5

_U32 = np.uint32


def fold(text: str) -> bytes:
    """The text casefolded, as UTF-8, with one kind of line break (``\\n``)."""
    folded = text.casefold().encode("utf-8", "surrogatepass")
    if b"\r" in folded:  # as Document counts lines: \r\n, \r and \n are one break each
        folded = folded.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return folded


def words(text: str | bytes) -> list[bytes]:
    """Casefolded words (split at white space), as UTF-8 bytes."""
    return (fold(text) if isinstance(text, str) else text).split()


def text_key(folded: bytes) -> int:
    """64-bit hash of the normalised text (:func:`fold`; case and spacing aside): equal
    for exact copies; 0 for a text without words."""
    return int(_core.text_key(folded))


def line_keys(document: Document, folded: bytes | None = None) -> list[tuple[int, int]]:
    """(line number, 64-bit hash) of each non-blank line, normalised: case, spacing and
    the value of numbers aside ("Updated 3 hours ago" and "Updated 12 hours ago" are one
    template line). ``folded``: :func:`fold` of the text, when already computed."""
    folded = fold(document.text) if folded is None else folded
    return [(number, key) for number, key, _ in _core.line_keys(folded)]


class ArticleFeatures(NamedTuple):
    """All that pass 1 keeps of one article."""

    site: str | None
    length: int
    text_key: int
    signature: np.ndarray | None  # None: C002 is off
    band_keys: list[int]  # empty: fewer words than a shingle
    line_keys: list[int]  # each distinct line once
    line_words: list[int]  # words of each of those lines
    #: (path, record id, record number): how a finding on a later copy names it
    name: tuple[str, str | None, int | None] = ("", None, None)


def extract(
    document: Document, near: bool, lines: bool, shingle_words: int, bands: int, rows: int
) -> ArticleFeatures:
    """The features of one article: a pure function, run in worker processes."""
    folded = fold(document.text)
    signature, band_list = None, []
    if near:
        signature, shingles = sketch(folded, shingle_words)
        if shingles:
            band_list = band_keys(signature, bands, rows)
    distinct: dict[int, int] = {}
    if lines:
        for _, key, count in _core.line_keys(folded):
            distinct.setdefault(key, count)
    return ArticleFeatures(
        site_of(document),
        min(len(document.text), 0xFFFFFFFF),
        text_key(folded),
        signature,
        band_list,
        list(distinct),
        list(distinct.values()),
        (document.path, document.record, document.record_number),
    )


@cache
def permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of datasketch's affine32 permutations for ``seed``: a odd, b any."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=_U32) * _U32(2) + _U32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=_U32)
    return a, b


@cache
def _sketcher(num_perm: int = NUM_PERM) -> _core.Sketcher:
    a, b = permutations(num_perm)
    return _core.Sketcher(a.tolist(), b.tolist())


def shingle_hashes(folded: bytes, size: int = SHINGLE_WORDS) -> np.ndarray:
    """32-bit hashes of the runs of ``size`` consecutive words (empty if fewer words)."""
    return np.array(_core.Sketcher.shingle_hashes(folded, size), dtype=_U32)


def sketch(folded: bytes, size: int = SHINGLE_WORDS) -> tuple[np.ndarray, int]:
    """The MinHash signature (``NUM_PERM`` uint32) of the text's word ``size``-shingles,
    all 0xFFFFFFFF without any, and the number of shingles."""
    signature, shingles = _sketcher().signature(folded, size)
    return np.frombuffer(signature, dtype="<u4").astype(_U32), int(shingles)


def band_keys(signature: np.ndarray, bands: int, rows: int) -> list[int]:
    """One 64-bit key per LSH band: equal keys mean equal rows in that band."""
    data = np.ascontiguousarray(signature, dtype="<u4").tobytes()
    return list(_core.Sketcher.band_keys(data, bands, rows))


def site_of(document: Document) -> str | None:
    """The site an article comes from: its record's ``site`` field mapping or URL host
    (set by the readers in ``metadata["site"]``), else, for a plain file, its folder."""
    value = document.metadata.get("site")
    if isinstance(value, str) and value.strip():
        return host(value.strip())
    if document.record_number is None and document.path != "-":
        return os.path.dirname(os.path.abspath(document.path)) or None
    return None


def host(value: str) -> str:
    """The host of a URL (``www.`` dropped, lower case); any other value as given."""
    if "//" in value or value.startswith(("http:", "https:")):
        name = urlsplit(value if "//" in value else f"//{value}").hostname
        if name:
            return name.removeprefix("www.")
    return value.lower().removeprefix("www.")


def located(
    doc: Document, recurring: tuple[RecurringLine, ...]
) -> Iterator[tuple[int, RecurringLine]]:
    """(line number, fact) of each line of ``doc`` that is one of the ``recurring`` lines,
    in line order."""
    if not recurring:
        return
    by_key = {line.key: line for line in recurring}
    for number, key in line_keys(doc):
        line = by_key.get(key)
        if line is not None:
            yield number, line
