"""Zipf frequencies of plain words without importing wordfreq.

Importing wordfreq and reading one language's list takes about 0.3 s, longer than
checking an article: an editor or a pre-commit hook would pay it on every file that
holds one of the words the rules look up. So the answers wordfreq gives for *plain*
words (one token for its tokenizer: lower-case letters of the Latin, Greek or Cyrillic
script, NFC, in a language whose preprocessing is case folding alone) are kept in a
table per language, built once from wordfreq's own answers and then read in place
(memory-mapped) by later runs; a word outside the table's reach is asked of wordfreq.
``tests/test_frequencies.py`` holds the table to ``wordfreq.zipf_frequency``.

A table file is a header (tag, byte order, count, CRC-32 of the rest), the offsets of
the words (``count + 1`` unsigned 32-bit integers), their Zipf frequencies in hundredths
(unsigned 16-bit), then the words in UTF-8, sorted by their bytes. A file that does not
check out is ignored and written again.
"""

from __future__ import annotations

import mmap
import re
import struct
import sys
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from itertools import accumulate
from pathlib import Path

_TAG = b"NLZIPF1" + (b"<" if sys.byteorder == "little" else b">")
_HEADER = struct.Struct("=8sII")

# Letters below the modifier letters (U+02B0: wordfreq turns "ʼ" into an apostrophe),
# and the Greek and Cyrillic blocks: scripts its tokenizer never splits a word of.
_PLAIN_LETTERS = re.compile("[a-z\u00aa\u00b5\u00ba\u00df-\u02af\u0370-\u052f]+")


def plain(word: str) -> bool:
    """``word`` is one token of wordfreq's regex tokenizer, as its preprocessing leaves
    it: the table's answer for it is wordfreq's."""
    return (
        word.isalpha()
        and _PLAIN_LETTERS.fullmatch(word) is not None
        and word == word.casefold()
        and unicodedata.is_normalized("NFC", word)
    )


class FrequencyTable:
    """A language's plain words and their Zipf frequencies, read in place."""

    def __init__(self, data: mmap.mmap | bytes, count: int) -> None:
        start = _HEADER.size
        middle = start + 4 * (count + 1)
        self._offsets = memoryview(data)[start:middle].cast("I")
        self._values = memoryview(data)[middle : middle + 2 * count].cast("H")
        self._data = data
        self._count = count

    def _word(self, index: int) -> bytes:
        return self._data[self._offsets[index] : self._offsets[index + 1]]

    def zipf(self, word: str) -> float:
        """wordfreq's ``zipf_frequency(word, lang)`` of a :func:`plain` word."""
        key = word.encode("utf-8")
        index = bisect_left(range(self._count), key, key=self._word)
        if index < self._count and self._word(index) == key:
            return self._values[index] / 100
        return 0.0


def encode(entries: dict[str, float]) -> bytes:
    """The table file of ``entries`` (plain word: Zipf frequency)."""
    pairs = sorted((word.encode("utf-8"), round(value * 100)) for word, value in entries.items())
    words = [word for word, _ in pairs]
    header_end = _HEADER.size + 6 * len(words) + 4
    offsets = array("I", accumulate(map(len, words), initial=header_end))
    values = array("H", [value for _, value in pairs])
    body = offsets.tobytes() + values.tobytes() + b"".join(words)
    return _HEADER.pack(_TAG, len(words), zlib.crc32(body)) + body


def read(path: Path) -> FrequencyTable | None:
    """The table in ``path``; None when there is none or it does not check out."""
    try:
        with open(path, "rb") as file:
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        tag, count, checksum = _HEADER.unpack(mapped[: _HEADER.size])
        if tag != _TAG or zlib.crc32(memoryview(mapped)[_HEADER.size :]) != checksum:
            return None
        if len(mapped) < _HEADER.size + 6 * count + 4:
            return None
        return FrequencyTable(mapped, count)
    except (OSError, ValueError, struct.error):
        return None


def wordfreq_entries(lang: str) -> dict[str, float] | None:
    """wordfreq's Zipf frequency of every plain word of ``lang``'s list; None when the
    language has no list or its preprocessing does more than fold case."""
    from wordfreq import get_frequency_dict, zipf_frequency
    from wordfreq.language_info import get_language_info

    info = get_language_info(lang)
    folds_case_only = (
        info["tokenizer"] == "regex"
        and info["normal_form"] == "NFC"
        and not info["remove_marks"]
        and not info["dotless_i"]
        and info["diacritics_under"] is None
        and info["transliteration"] is None
        and info["lookup_transliteration"] is None
    )
    if not folds_case_only:
        return None
    frequencies = get_frequency_dict(lang)
    # All words of one frequency share their Zipf value: ask wordfreq once per value.
    zipf_of: dict[float, float] = {}
    entries: dict[str, float] = {}
    for word, frequency in frequencies.items():
        if plain(word):
            if frequency not in zipf_of:
                zipf_of[frequency] = zipf_frequency(word, lang)
            entries[word] = zipf_of[frequency]
    return entries
