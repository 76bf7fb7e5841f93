"""The duplication rules D001 to D004, whose per-document loops run in the compiled core
(``core/src/repetition.rs``), give the violations the Python implementation they
replaced gave: the oracle is that implementation, kept in ``tests/repetition_oracle.py``.
Held on every article of the shared corpus (skipped, saying why, without ../shared
beside the repository), under the default options and looser ones, and on generated
documents built to hit the cases: copies, near copies, pull quotes, titles, templated
pages, and the characters whose folding, spacing or sketch is special (casefolds that
lengthen, combining marks, Unicode spaces that are no line break, lone surrogates,
Cyrillic, line breaks of every kind)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import hypothesis
import pytest
import repetition_oracle as oracle
from hypothesis import strategies as st
from shared_sets import SETS, shared_set

from newslint.model.document import Document
from newslint.model.finding import Violation
from newslint.rules.duplication import _repetition
from newslint.rules.duplication import pull_quote as pull_quote_module
from newslint.rules.duplication.duplicate_paragraph import duplicate_paragraph
from newslint.rules.duplication.near_duplicate_paragraph import near_duplicate_paragraph
from newslint.rules.duplication.pull_quote import pull_quote
from newslint.rules.duplication.repeated_title import repeated_title

FUZZ = hypothesis.settings(
    deadline=None,
    derandomize=True,
    database=None,
    max_examples=400,
    suppress_health_check=[hypothesis.HealthCheck.too_slow],
)

Check = Callable[[Document, Mapping[str, Any]], Iterator[Violation]]
#: code: (the rule's check, the oracle's)
RULES: dict[str, tuple[Check, Check]] = {
    "D001": (duplicate_paragraph.check, oracle.duplicate_paragraph),
    "D002": (near_duplicate_paragraph.check, oracle.near_duplicate_paragraph),
    "D003": (repeated_title.check, oracle.repeated_title),
    "D004": (pull_quote.check, oracle.pull_quote),
}
#: Looser options than the defaults, so that the corpus reaches more of each rule.
LOOSE = {
    "D001": {"min_chars": 1},
    "D002": {"min_chars": 20, "min_similarity": 70.0, "max_paragraphs": 400},
    "D003": {},
    "D004": {"min_words": 1, "max_words": 200},
}
DEFAULTS = {
    "D001": duplicate_paragraph.options,
    "D002": near_duplicate_paragraph.options,
    "D003": repeated_title.options,
    "D004": pull_quote.options,
}


def outcome(check: Check, doc: Document, options: Mapping[str, Any]) -> tuple[str, Any]:
    """The violations, or the type of what the check raises."""
    fresh = Document(doc.text, doc.path, title=doc.title)  # no view shared
    try:
        return "value", list(check(fresh, options))
    except Exception as exc:
        return "raised", type(exc)


def assert_parity(code: str, doc: Document, options: Mapping[str, Any]) -> None:
    rule, plain = RULES[code]
    assert outcome(rule, doc, options) == outcome(plain, doc, options), (code, options)


@pytest.mark.parametrize("name", SETS)
def test_the_core_finds_on_every_shared_article_what_python_found(name):
    path = shared_set(name)
    for raw in path.read_text("utf-8").splitlines():
        if not raw.strip():
            continue
        record = json.loads(raw)
        lines = record["text"].splitlines()
        # the first non-blank line as a title, so that D003 has one to look for
        title = next((line for line in lines if line.strip()), None)
        doc = Document(record["text"], name, title=title)
        for code in RULES:
            assert_parity(code, doc, DEFAULTS[code])
            assert_parity(code, doc, LOOSE[code])
        with pytest.MonkeyPatch.context() as patch:  # D004's other way of dismissing
            patch.setattr(pull_quote_module, "_SEARCH_BUDGET", 0)
            patch.setattr(oracle, "_SEARCH_BUDGET", 0)
            assert_parity("D004", doc, LOOSE["D004"])


# ----------------------------------------------------------------------- documents

SENTENCES = [
    "Since 2008, there hasn’t been a single year of revenue gain in the newspaper industry.",
    "The United States acknowledged on Tuesday that it had failed to secure a promise.",
    "Après une conversation téléphonique, Washington a admis ne pas avoir obtenu d'engagements.",
    "Der Außenminister traf seinen Amtskollegen in Genf, um über die Lage zu sprechen.",
    "Глава МИД России заявил, что переговоры продолжатся на следующей неделе.",
    "ОДНАКО ОН ОТМЕТИЛ: «ЭТО НЕ ТАК».",
    "외교부 장관은 다음 주에 회담이 계속될 것이라고 말했다.",
    "The ﬁnal ﬂight of the “Straße” was delayed — again… by 3½ hours.",
    "ΣΟΦΊΑ ΚΑΙ ΓΝΏΣΗ: η ελληνική γλώσσα.",
    "İstanbul’da toplantı yapıldı; K and Å signs and ǰ and ẞ too.",
    "What inspired you to start a cooking page on Instagram?",
    "| 12 | Sam Ortega | 2190 | 1 | 0 | 6 | 11 |",
    "e\u0301te\u0301 d’e\u0301te\u0301",
    "\u3000全角\u3000スペース\u3000と「引用」。",
    "a_b c-d 3.14 state-of-the-art x86_64 ²³ ① ٣",
    "lone \ud800 surrogate\udfff here",
    "spaces\x85and\u2028breaks\x1cthat\x0bsplit\x0cnot\u00a0lines",
    "soft\u00adhyphen zero\u200bwidth",
    "“”",
    "",
    "   ",
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
        lambda s: f"«{s}»".replace(" ", "\u00a0"),
        lambda s: s[: len(s) // 2],
        lambda s: s[len(s) // 3 :],
        lambda s: s + " " + s,
        lambda s: s.replace("о", "o"),
    ]
)


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    """A paragraph: sentences joined, edited (copies, near copies, pieces...)."""
    parts = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4))
    return draw(_EDITS)(" ".join(parts))


@st.composite
def documents(draw: st.DrawFn) -> Document:
    pool = draw(st.lists(paragraphs(), min_size=1, max_size=6))
    chosen = draw(st.lists(st.sampled_from(pool), min_size=0, max_size=14))
    for _ in range(draw(st.integers(0, 2))):  # near copies
        near = draw(_EDITS)(draw(st.sampled_from(pool)))
        chosen.insert(draw(st.integers(0, len(chosen))), near)
    if draw(st.booleans()):  # a pull quote: a piece of a paragraph, on its own line
        words = draw(st.sampled_from(pool)).split()
        a = draw(st.integers(0, len(words)))
        b = draw(st.integers(a, len(words)))
        chosen.insert(draw(st.integers(0, len(chosen))), " ".join(words[a:b]))
    line_end = draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n \n"]))
    title = draw(st.one_of(st.none(), st.sampled_from(pool), st.text(max_size=20)))
    return Document(line_end.join(chosen), "generated.txt", title=title)


OPTIONS = {
    "D001": st.fixed_dictionaries({"min_chars": st.sampled_from([0, 1, 20, 60])}),
    "D002": st.fixed_dictionaries(
        {
            "min_chars": st.sampled_from([0, 1, 20, 80]),
            "min_similarity": st.sampled_from([0.0, 50.0, 75.0, 90.0, 100.0]),
            "max_paragraphs": st.sampled_from([400, 3, -1]),
        }
    ),
    "D003": st.just({}),
    "D004": st.fixed_dictionaries(
        {"min_words": st.sampled_from([0, 1, 3, 8]), "max_words": st.sampled_from([5, 60])}
    ),
}


@FUZZ
@hypothesis.given(doc=documents(), data=st.data())
def test_the_core_finds_on_generated_documents_what_python_found(doc, data):
    for code in RULES:
        assert_parity(code, doc, data.draw(OPTIONS[code]))


@FUZZ
@hypothesis.given(doc=documents(), options=OPTIONS["D004"])
def test_the_core_dismisses_pull_quotes_by_pieces_as_python_did(doc, options):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pull_quote_module, "_SEARCH_BUDGET", 0)
        patch.setattr(oracle, "_SEARCH_BUDGET", 0)
        assert_parity("D004", doc, options)


@FUZZ
@hypothesis.given(text=st.text(max_size=300), title=st.one_of(st.none(), st.text()))
def test_the_core_finds_on_any_text_what_python_found(text, title):
    doc = Document(text, "any.txt", title=title)
    for code in RULES:
        assert_parity(code, doc, LOOSE[code])
        assert_parity(code, doc, DEFAULTS[code])


def test_the_core_sketches_each_character_as_python_encodes_it():
    # The core is given, per sketch encoding, the byte of each character a sketch keeps:
    # what Python's encode("ignore") and translate(None, drops) make of every character.
    characters = "".join(map(chr, range(sys.maxunicode + 1))).replace("\n", "")
    for (codec, drops, _), kept in zip(_repetition._CODECS, _kept_tables(), strict=True):
        sketched = characters.encode(codec, "ignore").translate(None, drops)
        expected = bytes(kept[ord(c)] for c in characters if ord(c) in kept)
        assert sketched == expected, codec


def _kept_tables() -> list[dict[int, int]]:
    return [_repetition._kept(codec, drops) for codec, drops, _ in _repetition._CODECS]
