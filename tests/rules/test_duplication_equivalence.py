"""D rules against their plain implementations.

D001 to D004 share prefolded paragraphs and byte sketches (``_repetition``, computed by
the compiled core) that let them dismiss most paragraphs without comparing them one by
one. These tests run the rules and
the straightforward implementations they replaced (fold every paragraph, compare every
pair) on generated documents built to hit the cases: copies, near copies, pull quotes,
titles, templated pages, odd spacing and quote marks, several scripts, other options.
Both must give the same violations.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
import repetition_oracle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.model.rule import line_violation
from newslint.model.text import fold
from newslint.rules.duplication import _repetition
from newslint.rules.duplication import pull_quote as pull_quote_module
from newslint.rules.duplication.duplicate_paragraph import duplicate_paragraph
from newslint.rules.duplication.near_duplicate_paragraph import near_duplicate_paragraph
from newslint.rules.duplication.pull_quote import pull_quote
from newslint.rules.duplication.repeated_title import repeated_title

EQUIVALENCE = settings(
    deadline=None,
    derandomize=True,
    database=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow],
)

# ------------------------------------------------------------ plain implementations

_QUOTES = re.compile(r"[\"'“”„‟«»‹›‘’‚`´]")
_WORDS = re.compile(r"[^\W_]+")


def plain_fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(_QUOTES.sub("", text).split())


def plain_paragraphs(doc: Document) -> list[tuple[int, int, int, str]]:
    """(number, start, end, text) of each non-blank line, found character by character."""
    text, found, start, number = doc.text, [], 0, 1
    while True:
        end = start
        while end < len(text) and text[end] not in "\r\n":
            end += 1
        if text[start:end].strip():
            found.append((number, start, end, text[start:end]))
        if end == len(text):
            return found
        start = end + 2 if text[end : end + 2] == "\r\n" else end + 1
        number += 1


def plain_templated(counts: Counter[str]) -> bool:
    return sum(1 for n in counts.values() if n >= 3) >= 3


def plain_d001(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    folded = {number: plain_fold(text) for number, _, _, text in plain_paragraphs(doc)}
    counts = Counter(folded.values())
    if plain_templated(counts):
        return
    first_seen: dict[str, int] = {}
    for number, key in folded.items():
        if len(key) < options["min_chars"] or counts[key] != 2:
            continue
        if key in first_seen:
            yield line_violation(
                doc,
                number,
                f"paragraph repeats line {first_seen[key]} word for word",
                "Delete the repeated paragraph",
            )
        else:
            first_seen[key] = number


def plain_d002(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    paragraphs = plain_paragraphs(doc)
    if plain_templated(Counter(plain_fold(p[3]) for p in paragraphs)):
        return
    seen: list[tuple[int, str]] = []
    min_similarity = float(options["min_similarity"])
    for number, start, end, text in paragraphs[: options["max_paragraphs"]]:
        key = plain_fold(text)
        if len(key) < options["min_chars"]:
            continue
        if plain_template_line(text):  # a table row or a short question: never reported
            seen.append((number, key))
            continue
        for earlier_number, earlier in seen:
            if earlier == key or not 0.85 <= len(key) / len(earlier) <= 1.18:
                continue
            score = fuzz.ratio(key, earlier, score_cutoff=min_similarity)
            if score:
                yield Violation(
                    start, end, f"paragraph is {score:.0f}% similar to line {earlier_number}"
                )
                break
        seen.append((number, key))


def plain_template_line(text: str) -> bool:
    stripped = text.strip()
    cells = stripped.startswith("|") or stripped.count("|") >= 3 or stripped.count("\t") >= 2
    return cells or (stripped.endswith("?") and len(stripped) <= 200)


def plain_d003(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    if not doc.title or len(plain_fold(doc.title)) < 10:
        return
    title = plain_fold(doc.title)
    for number, _, _, text in plain_paragraphs(doc):
        if plain_fold(text) == title:
            yield line_violation(
                doc, number, "the title is repeated in the body", "Delete the repeated title"
            )


def plain_d004(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    every = plain_paragraphs(doc)
    counts = Counter(plain_fold(p[3]) for p in every)
    if plain_templated(counts):
        return
    paragraphs = every[:400]
    framed = {p[0]: " " + " ".join(_WORDS.findall(plain_fold(p[3]))) + " " for p in paragraphs}
    found: list[Violation] = []
    for number, start, end, text in paragraphs:
        words = framed[number]
        count = words.count(" ") - 1
        if not options["min_words"] <= count <= options["max_words"]:
            continue
        if counts[plain_fold(text)] > 1:
            continue
        host = next(
            (n for n, other in framed.items() if len(other) > len(words) and words in other), None
        )
        if host is not None:
            found.append(
                Violation(start, end, f"paragraph repeats text of line {host} (pull quote?)")
            )
    reported = {doc.position(v.start)[0] for v in found}
    found += repetition_oracle.attributed_pull_quotes(doc, options, reported)
    yield from sorted(found, key=lambda v: v.start)


PLAIN = {"D001": plain_d001, "D002": plain_d002, "D003": plain_d003, "D004": plain_d004}
RULES = {
    rule.code: rule
    for rule in (duplicate_paragraph, near_duplicate_paragraph, repeated_title, pull_quote)
}

# ----------------------------------------------------------------------- documents

SENTENCES = [
    "Since 2008, there hasn’t been a single year of revenue gain in the newspaper industry.",
    "The United States acknowledged on Tuesday that it had failed to secure a promise.",
    "Après une conversation téléphonique, Washington a admis ne pas avoir obtenu d'engagements.",
    "Der Außenminister traf seinen Amtskollegen in Genf, um über die Lage zu sprechen.",
    "Глава МИД России заявил, что переговоры продолжатся на следующей неделе.",
    "외교부 장관은 다음 주에 회담이 계속될 것이라고 말했다.",
    "The ﬁnal ﬂight of the “Straße” was delayed — again… by 3½ hours.",
    "ΣΟΦΊΑ ΚΑΙ ΓΝΏΣΗ: η ελληνική γλώσσα.",
    "İstanbul’da toplantı yapıldı; K and Å signs and ǰ and ẞ too.",
    "Try setting a regular eating schedule and sticking to it.",
    'She said: " we will not give up " and left.',
    "«\u00a0Nous continuons\u00a0», a-t-il dit\u202fà l’AFP.",
    "What inspired you to start a cooking page on Instagram?",
    "Account: @cook1",
    "Advertisement",
    "* * *",
    "“”",
    "",
    "   ",
    "e\u0301te\u0301 d’e\u0301te\u0301",
    "\u3000全角\u3000スペース\u3000と「引用」。",
    "a_b c-d 3.14 state-of-the-art x86_64",
    # a quotation with its attribution, and a paragraph that holds the quotation (D004)
    "“We will not give up on the bridge, whatever it costs,” the mayor said.",
    "The mayor was firm. “We will not give up on the bridge, whatever it costs,” she told the"
    " council on Monday before the vote.",
    "„Wir geben die Brücke nicht auf, was sie auch kostet“, sagte der Bürgermeister.",
]

_EDITS = st.sampled_from(
    [
        lambda s: s,
        lambda s: s.upper(),
        lambda s: s.replace(" ", "  "),
        lambda s: " " + s + "\t",
        lambda s: s.replace("a", "à", 1),
        lambda s: s.replace("e", "", 2),
        lambda s: s.replace(",", ""),
        lambda s: f"“{s}”",
        lambda s: s[: len(s) // 2],
        lambda s: s[len(s) // 3 :],
        lambda s: s + " " + s,
    ]
)

#: Edits that leave a paragraph similar, but not equal once folded.
_NEAR_EDITS = st.sampled_from(
    [
        lambda s: s.replace("a", "à", 1),
        lambda s: s.replace("e", "", 2),
        lambda s: s.replace(",", "").replace("the", "a"),
        lambda s: s.replace(" ", " very ", 1),
        lambda s: s[:-12],
        lambda s: s.replace("o", "0"),
        lambda s: " ".join(s.split()[::2] + s.split()[1::2]),  # far less similar
        lambda s: " ".join(w if i % 4 else w[::-1] for i, w in enumerate(s.split())),
        lambda s: " ".join(w if i % 7 else "word" for i, w in enumerate(s.split())),
    ]
)


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    """A paragraph: sentences joined, some edited (copies, near copies, pieces...)."""
    parts = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4))
    edit = draw(_EDITS)
    return edit(" ".join(parts))


@st.composite
def documents(draw: st.DrawFn) -> Document:
    pool = draw(st.lists(paragraphs(), min_size=1, max_size=6))
    chosen = draw(st.lists(st.sampled_from(pool), min_size=0, max_size=14))
    for _ in range(draw(st.integers(0, 2))):  # near copies: a paragraph, edited
        near = draw(_NEAR_EDITS)(draw(st.sampled_from(pool)))
        chosen.insert(draw(st.integers(0, len(chosen))), near)
    if draw(st.booleans()):  # a pull quote: a piece of a paragraph, on its own line
        host = draw(st.sampled_from(pool))
        words = host.split()
        a = draw(st.integers(0, len(words)))
        b = draw(st.integers(a, len(words)))
        chosen.insert(draw(st.integers(0, len(chosen))), " ".join(words[a:b]))
    line_end = draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
    title = draw(st.one_of(st.none(), st.sampled_from(pool), st.text(max_size=20)))
    return Document(line_end.join(chosen), "generated.txt", title=title)


OPTIONS = {
    "D001": st.fixed_dictionaries({"min_chars": st.sampled_from([0, 1, 20, 60])}),
    "D002": st.fixed_dictionaries(
        {
            "min_chars": st.sampled_from([1, 20, 80]),
            "min_similarity": st.sampled_from([50, 75, 90, 100]),
            "max_paragraphs": st.sampled_from([400, 3, -1]),
        }
    ),
    "D003": st.just({}),
    "D004": st.fixed_dictionaries(
        {"min_words": st.sampled_from([0, 1, 3, 8]), "max_words": st.sampled_from([5, 60])}
    ),
}


def check(code: str, doc: Document, options: Mapping[str, Any]) -> None:
    expected = list(PLAIN[code](doc, options))
    fresh = Document(doc.text, doc.path, title=doc.title)  # no view shared with the above
    assert list(RULES[code].check(fresh, options)) == expected


@EQUIVALENCE
@given(doc=documents(), options=OPTIONS["D001"])
def test_d001_as_plain(doc, options):
    check("D001", doc, options)


@EQUIVALENCE
@given(doc=documents(), options=OPTIONS["D002"])
def test_d002_as_plain(doc, options):
    check("D002", doc, options)


@EQUIVALENCE
@given(doc=documents(), options=OPTIONS["D003"])
def test_d003_as_plain(doc, options):
    check("D003", doc, options)


@EQUIVALENCE
@given(doc=documents(), options=OPTIONS["D004"])
def test_d004_as_plain(doc, options):
    check("D004", doc, options)


@EQUIVALENCE
@given(doc=documents(), options=OPTIONS["D004"])
def test_d004_as_plain_when_pieces_dismiss(doc, options):
    # Long documents first dismiss paragraphs by their sketches' pieces: force that path.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pull_quote_module, "_SEARCH_BUDGET", 0)
        check("D004", doc, options)


@EQUIVALENCE
@given(text=st.text(max_size=300), options=OPTIONS["D004"])
def test_d004_as_plain_on_any_text(text, options):
    check("D004", Document(text, "any.txt"), options)


def test_every_rule_as_plain_on_the_corpus_like_example(example_article):
    doc = Document(example_article.read_text(encoding="utf-8"), str(example_article))
    for code, rule in RULES.items():
        check(code, doc, rule.options)


# ----------------------------------------------------------------------- sketches


def test_a_sketch_keeps_letters_and_digits_only():
    # Every character that is not a letter or digit sketches to nothing, in both
    # encodings: that is what makes a sketch ignore what separates words.
    characters = "".join(map(chr, range(sys.maxunicode + 1)))
    for codec, drops, _ in _repetition._CODECS:
        kept = characters.encode(codec, "ignore").translate(None, drops).replace(b"\n", b"")
        assert kept.decode(codec).isalnum()


@EQUIVALENCE
@given(a=st.sampled_from(SENTENCES), b=st.sampled_from(SENTENCES), edit=_EDITS)
def test_sketch_bounds(a, b, edit):
    # the sketches as Python made them, which the core makes alike (test_repetition_parity)
    doc = Document(f"{a}\n{edit(b)}", "a.txt")
    seen = repetition_oracle.repetition(doc)
    keys = [plain_fold(a), plain_fold(edit(b))]
    if len(seen.sketches) == 2:
        first, second = seen.sketches
        # alike folded texts, alike sketches
        assert keys[0] != keys[1] or first == second
        # the sketches' Indel distance is a lower bound of the folded texts'
        assert Indel.distance(first, second) <= Indel.distance(*keys)
        # words standing inside other words: a sketch inside the other
        framed = [" " + " ".join(_WORDS.findall(key)) + " " for key in keys]
        if framed[0] in framed[1]:
            assert first in second
        for i in range(2):
            assert seen.key(i) == keys[i] == fold(doc.paragraphs[i].text)
            assert seen.sketch(keys[i]) == seen.sketches[i]
