"""What the corpus checks keep of an article: hashes and a MinHash sketch, never text.

The MinHash is datasketch's ``affine32`` scheme (a MurmurHash3 finalizer on each shingle
hash, then ``a * h + b mod 2**32`` per permutation, with datasketch's permutations for the
same seed), computed for all shingles of an article at once with numpy:
``tests/test_corpus_features.py`` checks it value for value against ``datasketch.MinHash``.
"""

from __future__ import annotations

import hashlib
import os
import re
import zlib
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple, cast
from urllib.parse import urlsplit

import numpy as np

from newslint.model.document import Document
from newslint.model.facts import RecurringLine

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 5

_DIGITS_TO_ZERO = bytes.maketrans(b"0123456789", b"0000000000")
_ZEROS = re.compile(rb"0{2,}")
_blake2b = hashlib.blake2b
_U32 = np.uint32
_U64 = np.uint64


def fold(text: str) -> bytes:
    """The text casefolded, as UTF-8, with one kind of line break (``\\n``)."""
    folded = text.casefold().encode("utf-8", "surrogatepass")
    if b"\r" in folded:  # as Document counts lines: \r\n, \r and \n are one break each
        folded = folded.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return folded


def words(text: str | bytes) -> list[bytes]:
    """Casefolded words (split at white space), as UTF-8 bytes."""
    return (fold(text) if isinstance(text, str) else text).split()


def text_key(article_words: list[bytes]) -> int:
    """64-bit hash of the normalised text (case and spacing aside): equal for exact copies;
    0 for a text without words."""
    if not article_words:
        return 0
    digest = _blake2b(b" ".join(article_words), digest_size=8).digest()
    return int.from_bytes(digest, "little") or 1


def mask_numbers(folded: bytes) -> bytes:
    """Every run of (ASCII) digits as one "0"."""
    masked = folded.translate(_DIGITS_TO_ZERO)
    return _ZEROS.sub(b"0", masked) if b"00" in masked else masked


def line_keys(document: Document, folded: bytes | None = None) -> list[tuple[int, int]]:
    """(line number, 64-bit hash) of each non-blank line, normalised: case, spacing and
    the value of numbers aside ("Updated 3 hours ago" and "Updated 12 hours ago" are one
    template line). ``folded``: :func:`fold` of the text, when already computed."""
    return [(number, key) for number, key, _ in _lines(document, folded)]


def _lines(document: Document, folded: bytes | None) -> Iterator[tuple[int, int, int]]:
    """(line number, hash, words) of each non-blank line (see :func:`line_keys`)."""
    masked = mask_numbers(fold(document.text) if folded is None else folded)
    for number, line in enumerate(masked.split(b"\n"), 1):
        if line and not line.isspace():
            parts = line.split()
            digest = _blake2b(b" ".join(parts), digest_size=8).digest()
            yield number, int.from_bytes(digest, "little"), len(parts)


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
    words = folded.split()
    signature, band_list = None, []
    if near:
        shingles = shingle_hashes(words, shingle_words)
        signature = minhash(shingles)
        if len(shingles):
            band_list = band_keys(signature, bands, rows).tolist()
    distinct: dict[int, int] = {}
    if lines:
        for _, key, count in _lines(document, folded):
            distinct.setdefault(key, count)
    return ArticleFeatures(
        site_of(document),
        min(len(document.text), 0xFFFFFFFF),
        text_key(words),
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


def fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch applies it before permuting."""
    values = values ^ (values >> _U32(16))
    values = values * _U32(0x85EBCA6B)
    values = values ^ (values >> _U32(13))
    values = values * _U32(0xC2B2AE35)
    return cast(np.ndarray, values ^ (values >> _U32(16)))


def shingle_hashes(article_words: list[bytes], size: int = SHINGLE_WORDS) -> np.ndarray:
    """32-bit hashes of the runs of ``size`` consecutive words (empty if fewer words)."""
    if len(article_words) < size:
        return np.empty(0, dtype=_U32)
    word_hashes = np.fromiter(map(zlib.crc32, article_words), dtype=_U64, count=len(article_words))
    count = len(word_hashes) - size + 1
    combined = word_hashes[:count].copy()
    for offset in range(1, size):  # a polynomial over the word hashes, modulo 2**64
        combined = combined * _U64(0x100000001B3) + word_hashes[offset : offset + count]
    return ((combined >> _U64(32)) ^ combined).astype(_U32)


def minhash(shingles: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash signature (``num_perm`` uint32) of a set of shingle hashes."""
    a, b = permutations(num_perm)
    if not len(shingles):
        return np.full(num_perm, np.iinfo(_U32).max, dtype=_U32)
    # One row per permutation: the minimum along rows is the fastest reduction.
    permuted = np.multiply.outer(a, fmix32(shingles))
    permuted += b[:, None]
    return cast(np.ndarray, permuted.min(axis=1))


def band_keys(signature: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per LSH band: equal keys mean equal rows in that band."""
    table = signature[: bands * rows].reshape(bands, rows).astype(_U64)
    powers = _U64(0x9E3779B97F4A7C15) ** np.arange(rows, dtype=_U64)
    with np.errstate(over="ignore"):
        keys = (table * powers).sum(axis=1, dtype=_U64)
        return cast(np.ndarray, keys ^ (np.arange(bands, dtype=_U64) * _U64(0xC2B2AE3D27D4EB4F)))


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
