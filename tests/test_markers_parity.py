"""The compiled core's marker lookups and date pattern (``core/src/markers.rs``) say of
every line what Python's ``re`` said with the patterns of ``markers.py``: the oracle is
the Python implementation they replaced, kept in ``tests/markers_oracle.py``. Held on
every line of the shared corpus (skipped, saying why, without ../shared beside the
repository) and on generated lines, with the characters on which Python's ``re`` and the
core's engine disagree (``\\w``, ``\\d``, ``\\s``, word boundaries), lone surrogates,
newlines and the private-use characters the core uses as stand-ins."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import hypothesis
import markers_oracle as oracle
import page_oracle
import pytest
from hypothesis import strategies as st
from shared_sets import SETS, shared_set

from newslint.structure import markers
from newslint.structure.features import HEAD_CHARS
from newslint.structure.markers import MAX_WORDS

FUZZ = hypothesis.settings(deadline=None, derandomize=True, database=None, max_examples=400)


def outcome(function: Callable[..., Any], *args: Any) -> tuple[str, Any]:
    """What ``function`` gives, or the type of what it raises (the oracle raises
    IndexError on a line of leading signs and white space the first-word test splits
    into nothing; the core raises it too)."""
    try:
        return "value", function(*args)
    except Exception as exc:
        return "raised", type(exc)


def assert_line_parity(line: str) -> None:
    """Every test of a line, singly and as the batch calls give it."""
    lowered = line.lower()
    spaced = lowered.replace("'", "' ").replace("’", "’ ")
    expected = outcome(oracle.line_marker, line, lowered)
    assert outcome(markers.line_marker, line, lowered) == expected, line
    if expected[0] == "value":
        assert markers.line_markers([line], [lowered]) == [expected[1]], line
    for low in (lowered, spaced):
        assert markers.tail_marker(low) == oracle.tail_marker(low), low
        assert markers.signed(low) == oracle.signed(low), low
        assert markers.footer(low) == oracle.footer(low), low
        assert markers.dates([low]) == [oracle.date(low)], low
    assert markers.signed_tails([line]) == [oracle.signed(line[-markers.SIGNATURE_TAIL :].lower())]


def assert_page_parity(texts: list[str]) -> None:
    """The batch calls over a page, as tests/page_oracle.py makes them."""
    marks = page_oracle.page_marks(texts)
    for text, found, signature in zip(texts, marks.markers, marks.signed or [], strict=True):
        asked = len(text) <= HEAD_CHARS or text.count(" ") < MAX_WORDS
        assert found == (oracle.line_marker(text, text.lower()) if asked else None), text
        assert signature == oracle.signed(text[-markers.SIGNATURE_TAIL :].lower()), text
    lowered = [text.lower() for text in texts]
    assert markers.tail_words(lowered) == list(map(oracle.tail_marker, lowered))
    assert markers.dates(lowered) == list(map(oracle.date, lowered))


@pytest.mark.parametrize("name", SETS)
def test_the_core_marks_every_shared_line_as_python_did(name):
    path = shared_set(name)
    for raw in path.read_text("utf-8").splitlines():
        if not raw.strip():
            continue
        lines = [line.strip() for line in json.loads(raw)["text"].splitlines()]
        texts = [line for line in lines if line]
        for text in texts:
            assert_line_parity(text)
        if texts:
            assert_page_parity(texts)


#: Characters the engines class otherwise ("ⓒ", which a pattern names, combining marks,
#: superscript and circled digits, "\x1c", a letter newer than Python 3.11's tables), the
#: core's stand-ins and private-use characters, Unicode spaces and digits, a lone
#: surrogate, a newline (``$`` matches before a final one), a lower case that lengthens.
TRICKY = list(
    "ⓒ©\u0301\u0300\u20dd²³¹½①\x1c\x1d\x1f\x85\xa0\u2003\u2028\u3000\ud800\udfff\ue000\ue001"
    "\uf8ff\u01c2\u0663\u0661\u0966\u00aa\u203f_\n\t\v\x0bİΣ\ua7cb\U00011bf0ǅ"
)
#: Words the patterns and the first-word test read.
WORDS = sorted(
    {*markers._FIRST_WORDS, *markers._AMBIGUOUS, *markers._SIGNED_HINTS, *markers._TAIL_HINTS}
    | {second for seconds in markers._AMBIGUOUS.values() for second in seconds}
    | {
        "comments (3)", "leave a reply", "posted by", "reply", " says:", " said...", "more:",
        "also :", "read more", "about acme inc.", "about this", "copyright", "(c)", "by ",
        "on ", "at ", "march 3, 2009 ", "4:20 pm", "12h30", "3 mai", "12/03/2024", "jan. 4",
        "subscribe", "newsletter", "all rights reserved", "report this comment", "is a ",
        "reporter", "contributed to this report", "jane@example.com", "updated 5 mins ago",
        "lorem ipsum", "{{ name }}", "[b]x[/b]", "warning: x in /var/a.php on line 3",
    }
)  # fmt: skip
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(TRICKY),
    st.sampled_from(list(" .,:;!?|»›·•-–—*+#~_[](){}$%@/'’\"…0123456789")),
    st.characters(codec="utf-8"),
    st.characters(),
)
LINES = st.lists(PIECES, min_size=0, max_size=40).map("".join)


@FUZZ
@hypothesis.given(LINES)
def test_the_core_marks_generated_lines_as_python_did(line):
    assert_line_parity(line)
    assert_line_parity(line.strip())
    assert_line_parity(line + "\n")


@FUZZ
@hypothesis.given(st.lists(LINES.map(str.strip).filter(bool), min_size=1, max_size=12))
def test_the_core_marks_generated_pages_as_python_did(texts):
    assert_page_parity(texts)


@pytest.mark.parametrize(
    "line",
    [
        "ⓒ",
        "reply ⓒ",
        "ⓒ 2024 acme",
        "comments\u0301",
        "reply\u0301",
        "tags:\x1c",
        "\ue000 2024",
        "posted by marta on march 3, 2009 4:20 pm",
        "reply\n",
        "reply\n\n",
        "subscribe\n",
        "more :",
        "more: news",
        "more news",
        "-\xa0",
        "*  \u2003",
        "jane doe is a reporter",
        "about acme",
        "about the author",
        "abc\ud800",
    ],
)
def test_the_core_marks_tricky_lines_as_python_did(line):
    assert_line_parity(line)


def test_the_core_stand_ins_are_classed_alike_and_named_by_no_pattern():
    reader = markers._reader()
    stand_ins = (0xF8FF, 0x01C2, 0x0663, 0x2003)
    assert all(map(reader.agrees, stand_ins))
    assert not reader.agrees(ord("ⓒ"))  # named by _LEGAL: it is remapped
    for pieces, flags in markers._SOURCES:
        parse = markers_parse(flags)
        named = set().union(*(markers._named_characters(parse(piece)) for piece in pieces))
        assert named.isdisjoint(stand_ins)
        assert not any(0xE000 <= code <= 0xF8FF for code in named)


def markers_parse(flags: int) -> Callable[[str], Any]:
    from newslint.declarative.translate import sre_parse

    return lambda piece: sre_parse.parse(piece, flags)


def test_a_short_text_compiles_no_marker_pattern(tmp_path):
    """Start-up: the patterns are translated and compiled on first use only."""
    small = tmp_path / "small.txt"
    small.write_text("The minister arrived on Monday. He left on Tuesday.\n", "utf-8")
    script = f"""
import sys
from newslint.structure import markers
asked = []
source = markers._source
markers._source = lambda index: (asked.append(index), source(index))[1]
from newslint.cli.main import main
main(["check", {str(small)!r}, "--exit-zero"])
print("asked", asked, file=sys.stderr)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "asked []" in done.stderr, done.stderr
