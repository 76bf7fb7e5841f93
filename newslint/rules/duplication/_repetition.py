"""How often each paragraph occurs in a document, shared by the duplication rules."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import repeat
from operator import sub

from newslint.model.document import Document
from newslint.model.text import fold_spacing, prefold

#: Paragraphs that occur this often are the page's template, not a scraping accident.
TEMPLATE_COPIES = 3
#: A document with this many distinct template paragraphs is structured content (a
#: meal plan, a series of interviews with the same questions): repetition is its form.
TEMPLATED_DOCUMENT = 3


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


@dataclass(eq=False)
class Repetition:
    """The paragraphs of a document prefolded (:func:`newslint.model.text.prefold`) and
    sketched, and how often each occurs, case, spacing and quote marks aside.

    A paragraph's sketch is a sample of its letters and digits, in order, as bytes: the
    digits and less frequent letters, in a single-byte encoding of the document's script
    (characters it cannot encode are left out). Each character becomes one byte
    or nothing, and every character that is not a letter or digit becomes nothing. So:

    - paragraphs that fold alike have the same sketch (counting folded texts is only
      needed among paragraphs that share a sketch);
    - the Indel distance of two sketches is at most that of the folded paragraphs (D002);
    - when a paragraph's words stand, in order, inside another's, its sketch is a
      substring of the other's, whatever separates the words (D004).

    A sketch is about a fifth of its paragraph: quick to compare.
    """

    numbers: list[int]  # line number of each paragraph
    prefolded: str  # the whole text
    sketches: list[bytes]
    codec: str  # of the sketches
    cut: bytes  # a frequent byte of the sketches
    sketch_counts: Counter[bytes]
    shared: list[int] = field(default_factory=list)  # those whose sketch is another's too
    counts: Counter[str] = field(default_factory=Counter)  # their folded texts
    _keys: dict[int, str] = field(default_factory=dict, repr=False)

    @property
    def templated(self) -> bool:
        """Whether the document is made of templates (see TEMPLATED_DOCUMENT)."""
        # Only paragraphs that share their sketch can occur more than once.
        repeated = sum(1 for n in self.counts.values() if n >= TEMPLATE_COPIES)
        return repeated >= TEMPLATED_DOCUMENT

    @cached_property
    def texts(self) -> list[str]:
        """The prefolded text of each paragraph."""
        lines = self.prefolded.split("\n")
        return [lines[number - 1] for number in self.numbers]

    def key(self, i: int) -> str:
        """The folded text (:func:`newslint.model.text.fold`) of paragraph ``i`` (0-based)."""
        key = self._keys.get(i)
        if key is None:
            key = self._keys[i] = fold_spacing(self.texts[i])
        return key

    def copies(self, i: int) -> int:
        """How many paragraphs fold like paragraph ``i``."""
        return self.counts[self.key(i)] if self.sketch_counts[self.sketches[i]] > 1 else 1

    def sketch(self, folded: str) -> bytes:
        """The sketch of a folded text, comparable with the paragraphs'."""
        drops = next(drops for codec, drops, _ in _CODECS if codec == self.codec)
        return folded.encode(self.codec, "ignore").translate(None, drops)


def repetition(doc: Document) -> Repetition:
    """Computed once per document and shared by D001 to D004."""
    return doc.view(_repetition)


def _repetition(doc: Document) -> Repetition:
    numbers = doc.paragraph_numbers
    prefolded = prefold(doc.text)
    codec, sketched, cut = _sketch_lines(prefolded)
    sketches = list(map(sketched.__getitem__, map(sub, numbers, repeat(1))))
    sketch_counts = Counter(sketches)
    found = Repetition(numbers, prefolded, sketches, codec, cut, sketch_counts)
    if len(sketch_counts) < len(sketches):  # else every paragraph is unique
        found.shared = [i for i, sketch in enumerate(sketches) if sketch_counts[sketch] > 1]
        found.counts = Counter(map(found.key, found.shared))
    return found


def _sketch_lines(prefolded: str) -> tuple[str, list[bytes], bytes]:
    """The sketch of every line of a prefolded text, with the codec used and a frequent
    byte of the sketches."""
    # Cyrillic if it has a Cyrillic "о", the most frequent letter of Russian: one look-up
    # rather than trying each encoding (which is slow on a text it does not fit).
    codec, drops, cut = _CODECS[1] if "о" in prefolded else _CODECS[0]
    # a text holds no other line break than "\n", and nothing else encodes to it
    return codec, prefolded.encode(codec, "ignore").translate(None, drops).split(b"\n"), cut
