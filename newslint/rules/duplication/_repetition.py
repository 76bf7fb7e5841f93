"""How often each paragraph occurs in a document, shared by the duplication rules.

The work is the compiled core's (``core/src/repetition.rs``): one pass over the document
prefolds (:func:`newslint.model.text.prefold`), folds, sketches and splits into words
every paragraph, counts them, and answers each rule's question (D001 copies, D002 pairs
worth a rapidfuzz ratio, D003 the title's copies, D004 pull quotes) from those. The
rules build the violations. ``tests/repetition_oracle.py`` keeps the Python
implementation it replaced, which ``tests/test_repetition_parity.py`` holds it to.

A paragraph's sketch is a sample of its letters and digits, in order, as bytes: the
digits and less frequent letters, in a single-byte encoding of the document's script
(characters it cannot encode are left out). Each character becomes one byte or
nothing, and every character that is not a letter or digit becomes nothing. So:

- paragraphs that fold alike have the same sketch (counting folded texts is only needed
  among paragraphs that share a sketch);
- the Indel distance of two sketches is at most that of the folded paragraphs (D002);
- when a paragraph's words stand, in order, inside another's, its sketch is a substring
  of the other's, whatever separates the words (D004).

A sketch is about a fifth of its paragraph: quick to compare.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import newslint._core as _core
from newslint.model.document import Document
from newslint.model.text import _QUOTE_MARKS
from newslint.structure.function_words import char_properties

# What makes a document templated (a paragraph occurring 3 times or more is the page's
# template; 3 such paragraphs make the document structured content, where D001 to D004
# say nothing) is the core's: TEMPLATE_COPIES and TEMPLATED_DOCUMENT there.


#: The most frequent letters of Latin and Cyrillic scripts, which sketches leave out.
_FREQUENT_LETTERS = "eaoitnshrl" + "оеаинтсрл"


def _drops(codec: str) -> bytes:
    """The bytes that a sketch in ``codec`` leaves out: all but the less frequent letters
    and the digits (the line break, which separates sketches, stays too)."""
    kept = []
    for byte in range(256):
        character = bytes([byte]).decode(codec, "ignore")
        if byte == ord("\n") or (character.isalnum() and character not in _FREQUENT_LETTERS):
            kept.append(byte)
    return bytes(byte for byte in range(256) if byte not in kept)


#: Single-byte encodings for sketches, each with the bytes to drop and a frequent byte of
#: its sketches: Latin and Cyrillic scripts. A text in neither gives short sketches,
#: which weed out fewer paragraphs (the rules then compare more texts).
_CODECS = [
    ("latin-1", _drops("latin-1"), b"d"),
    ("cp1251", _drops("cp1251"), "в".encode("cp1251")),
]

#: The letter that makes a text Cyrillic: "о", the most frequent letter of Russian.
_CYRILLIC = "о"


def _kept(codec: str, drops: bytes) -> dict[int, int]:
    """The characters a sketch in ``codec`` keeps, each with its byte: those that encode
    to a byte not dropped (but the line break, which no paragraph holds). The encodings
    are single-byte charmaps, so a character encodes to the byte that decodes to it."""
    found = {}
    for byte in range(256):
        character = bytes([byte]).decode(codec, "ignore")
        if character and byte not in drops and character != "\n":
            found[ord(character)] = byte
    return found


@cache
def _reader() -> _core.RepetitionReader:
    """The core's reader, made on first use: it keeps what Python's ``str.casefold`` and
    :func:`char_properties` say of each character met, for the process's life."""
    kept = [_kept(codec, drops) for codec, drops, _ in _CODECS]
    cuts = [cut[0] for _, _, cut in _CODECS]
    return _core.RepetitionReader(
        _QUOTE_MARKS,
        (kept[0], kept[1]),
        (cuts[0], cuts[1]),
        _CYRILLIC,
        _casefold,
        char_properties,
    )


def _casefold(code: int) -> str:
    return chr(code).casefold()


def repetition(doc: Document) -> _core.Repeats:
    """Computed once per document and shared by D001 to D004."""
    return doc.view(_repetition)


def _repetition(doc: Document) -> _core.Repeats:
    text = doc.text
    # prefold's first step, done here: the core's characters are the NFC text's
    if not text.isascii():  # ASCII is NFC already
        text = unicodedata.normalize("NFC", text)
    return _reader().read(text, doc.paragraph_numbers)
