"""The duplication rules D001 to D004 as Python ran them before their per-document loops
moved to the compiled core (``core/src/repetition.rs``): the oracle that
``test_repetition_parity.py`` holds the core to. Copied unchanged but for the rule
decorators (these are plain functions) and the docstrings."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, repeat
from operator import sub
from typing import Any

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import line_violation
from newslint.model.text import fold, fold_spacing, prefold

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


def duplicate_paragraph(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    seen = repetition(doc)
    if seen.templated:
        return
    min_chars = options["min_chars"]
    twice = {key for key, n in seen.counts.items() if n == 2 and len(key) >= min_chars}
    if not twice:
        return
    first_seen: dict[str, int] = {}
    for i in seen.shared:  # only paragraphs that share their sketch can fold alike
        key = seen.key(i)
        if key not in twice:
            continue
        if key in first_seen:
            yield line_violation(
                doc,
                seen.numbers[i],
                f"paragraph repeats line {first_seen[key]} word for word",
                "Delete the repeated paragraph",
            )
        else:
            first_seen[key] = seen.numbers[i]


def near_duplicate_paragraph(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    repeated = repetition(doc)
    if repeated.templated:
        return
    min_chars = options["min_chars"]
    texts = repeated.texts
    # A folded text is never longer than the prefolded one: fold only the long enough.
    indexes = [
        i for i in range(len(texts))[: options["max_paragraphs"]] if len(texts[i]) >= min_chars
    ]
    folded = [fold_spacing(texts[i]) for i in indexes]
    long = [i for i, key in zip(indexes, folded, strict=True) if len(key) >= min_chars]
    if len(long) < 2:
        return
    # Imported here, with two long paragraphs to compare: most short texts have none.
    from rapidfuzz import fuzz

    keys = [key for key in folded if len(key) >= min_chars]
    min_similarity = float(options["min_similarity"])
    if min_chars >= 1:
        sketched = [repeated.sketches[i] for i in long]
        suspects = _suspects(keys, sketched, min_similarity)
    else:  # an empty paragraph would break the bound: compare everything, as it always did
        suspects = {(a, b) for b in range(len(long)) for a in range(b)}
    # earlier positions worth comparing with each later one, in document order
    earlier_suspects: dict[int, list[int]] = {}
    for earlier_position, position in sorted(suspects):
        earlier_suspects.setdefault(position, []).append(earlier_position)
    for position, earlier_positions in sorted(earlier_suspects.items()):
        key = keys[position]
        for earlier_position in earlier_positions:
            earlier = keys[earlier_position]
            if earlier == key or not 0.85 <= len(key) / len(earlier) <= 1.18:
                continue
            score = fuzz.ratio(key, earlier, score_cutoff=min_similarity)
            if score and not _template_line(doc.paragraphs[long[position]].text):
                paragraph = doc.paragraphs[long[position]]
                yield Violation(
                    paragraph.start,
                    paragraph.end,
                    f"paragraph is {score:.0f}% similar to line "
                    f"{repeated.numbers[long[earlier_position]]}",
                )
                break


def repeated_title(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    if not doc.title:
        return
    title = fold(doc.title)
    if len(title) < 10:
        return
    seen = repetition(doc)
    sketch = seen.sketch(title)
    if sketch not in seen.sketch_counts:  # a paragraph that folds alike sketches alike
        return
    for i, other in enumerate(seen.sketches):
        if other == sketch and seen.key(i) == title:
            yield line_violation(
                doc,
                seen.numbers[i],
                "the title is repeated in the body",
                "Delete the repeated title",
            )


def pull_quote(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    repeated = repetition(doc)
    if repeated.templated:
        return
    found = list(_plain_pull_quotes(doc, options, repeated))
    reported = {doc.position(v.start)[0] for v in found}
    found += attributed_pull_quotes(doc, options, reported)
    yield from sorted(found, key=lambda v: v.start)


def _plain_pull_quotes(
    doc: Document, options: Mapping[str, Any], repeated: Any
) -> Iterator[Violation]:
    framed: dict[int, str] = {}

    def words_of(i: int) -> str:
        # Words joined by single spaces and framed by spaces, so that a containment test is
        # a plain substring search that cannot stop inside a word. (Spacing separates words
        # like any other non-word character: the prefolded text splits as the folded one.)
        if i not in framed:
            framed[i] = " " + " ".join(_WORDS.findall(repeated.texts[i])) + " "
        return framed[i]

    sketches = repeated.sketches[:_MAX_PARAGRAPHS]
    haystack = b"\n".join(sketches)
    for i in _possible_pull_quotes(sketches, haystack, repeated.cut):
        if repeated.copies(i) > 1:  # exact copies are D001's
            continue
        words = words_of(i)
        count = words.count(" ") - 1
        if not options["min_words"] <= count <= options["max_words"]:
            continue
        # Only a paragraph whose sketch holds this one's can host it. A sketch occurs once
        # in its own line (it holds no line break): if no more, there is no host.
        sketch = sketches[i]
        if haystack.count(sketch) < 2:
            continue
        hosts = [j for j, other in enumerate(sketches) if sketch in other]
        host = next(
            (j for j in hosts if len(words_of(j)) > len(words) and words in words_of(j)), None
        )
        if host is not None:
            paragraph = doc.paragraphs[i]
            yield Violation(
                paragraph.start,
                paragraph.end,
                f"paragraph repeats text of line {repeated.numbers[host]} (pull quote?)",
            )


def _template_line(text: str) -> bool:
    """A line whose likeness to another is the page's form, not a copy: a table row
    (cells parted by "|" or tabs), or a short question (the same question put to each
    person of a series of interviews)."""
    stripped = text.strip()
    if stripped.startswith("|") or stripped.count("|") >= 3 or stripped.count("\t") >= 2:
        return True
    return stripped.endswith("?") and len(stripped) <= 200


#: Lengths of two paragraphs compared by D002 differ by at most 18% (a bit more here, so
#: that rounding cannot matter).
_MAX_LENGTH_RATIO = 1.19


def _suspects(
    keys: list[str], sketched: list[bytes], min_similarity: float
) -> set[tuple[int, int]]:
    """Pairs of positions in ``keys`` (earlier first) of paragraphs that may be
    ``min_similarity`` similar. All other pairs are proven not to be by the Indel distance
    of their sketches (a lower bound of the paragraphs'), at a fraction of the cost of
    fuzz.ratio.
    """
    lengths = list(map(len, keys))
    order = sorted(range(len(keys)), key=lengths.__getitem__)
    sorted_lengths = [lengths[i] for i in order]
    sorted_sketches = [sketched[i] for i in order]
    # fuzz.ratio = 100 * (1 - indel / (len(a) + len(b))); one more edit absorbs rounding
    # (int() rounds towards zero: at or above the floor).
    from rapidfuzz.distance import Indel

    slack = 1 - min_similarity / 100
    distance = Indel.distance
    suspects: set[tuple[int, int]] = set()
    for rank in range(len(keys) - 1):
        length = sorted_lengths[rank]
        end = bisect.bisect_right(sorted_lengths, length * _MAX_LENGTH_RATIO, rank + 1)
        sketch = sorted_sketches[rank]
        # the bound of the window's longest pair first, each pair's own when it passes
        widest = int((length + sorted_lengths[end - 1]) * slack) + 1
        for other in range(rank + 1, end):
            indel = distance(sketch, sorted_sketches[other])
            if indel <= widest and indel <= int((length + sorted_lengths[other]) * slack) + 1:
                i, j = order[rank], order[other]
                suspects.add((i, j) if i < j else (j, i))
    return suspects


_WORDS = re.compile(r"[^\W_]+")

#: Only the first paragraphs are compared, so that a pathological document stays cheap.
_MAX_PARAGRAPHS = 400

#: Above this many byte comparisons, one search per paragraph through all the sketches
#: is slower than dismissing paragraphs with _unique_pieces (and only some after).
_SEARCH_BUDGET = 100_000


def _possible_pull_quotes(sketches: list[bytes], haystack: bytes, cut: bytes) -> list[int]:
    """Indexes of the ``sketches`` (``haystack`` holds them all, one a line) that another
    one may hold: the paragraphs that may be pull quotes."""
    if len(sketches) * len(haystack) > _SEARCH_BUDGET:
        return _unique_pieces(sketches, cut)
    return [i for i, found in enumerate(map(haystack.count, sketches)) if found > 1]


def _unique_pieces(sketches: list[bytes], cut: bytes) -> list[int]:
    """Indexes of the ``sketches`` that another one may hold.

    Cut at every ``cut`` byte, a sketch falls into pieces; a piece between two cuts
    reappears, whole and between two cuts, in every sketch that holds this one. So a
    sketch with an inner piece that no other sketch has is held by none: that dismisses
    most paragraphs in time linear in the text.
    """
    inner = [sketch.split(cut)[1:-1] for sketch in sketches]
    pieces = Counter(chain.from_iterable(inner))
    return [i for i, own in enumerate(inner) if 1 not in map(pieces.__getitem__, own)]


# ------------------------------------------------ D004's quotations with an attribution

_OPENING_MARKS = frozenset('“"«„‘‹「『')
_CLOSING_MARK = re.compile(r"[”\"»“›」』]|[’'](?!\w)")


def attributed_pull_quotes(
    doc: Document, options: Mapping[str, Any], reported: set[int]
) -> Iterator[Violation]:
    """D004's pull quotes set as a quotation with its own attribution, plainly: every
    paragraph that opens with a quotation mark, its quoted words against every longer
    paragraph of the article body (``reported``: line numbers already reported)."""
    from newslint.structure import Part, structure

    numbers = doc.paragraph_numbers[:_MAX_PARAGRAPHS]
    texts = [doc.line_texts[number - 1] for number in numbers]
    words = [" ".join(re.findall(r"\w+", text.casefold())) for text in texts]
    found = structure(doc)
    for i, text in enumerate(texts):
        if text[:1] not in _OPENING_MARKS or numbers[i] in reported:
            continue
        close = max((m.start() for m in _CLOSING_MARK.finditer(text)), default=0)
        if close <= 0 or len(text[close + 1 :].split()) > 8:
            continue
        quoted = re.findall(r"\w+", text[1:close].casefold())
        if not quoted or not options["min_words"] <= len(quoted) <= options["max_words"]:
            continue
        needle = " " + " ".join(quoted) + " "
        for j, other in enumerate(words):
            if j != i and len(other) > len(words[i]) and needle in f" {other} ":
                if found is None or found.parts[j] is Part.BODY:
                    paragraph = doc.paragraphs[i]
                    yield Violation(
                        paragraph.start,
                        paragraph.end,
                        f"paragraph repeats text of line {numbers[j]} (pull quote?)",
                    )
                break
