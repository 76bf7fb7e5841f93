"""The YAML patterns in the compiled core: each shipped pattern, translated, finds what
Python's regex finds, on generated text (hypothesis) and on the shared articles; what
the core cannot match runs on the Python path and says why; the table of characters on
which the engines disagree is up to date."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newslint._core as _core
from newslint.checking.prefilter import searched_text
from newslint.declarative import compiled, translate
from newslint.declarative.compiled import CompiledPass
from newslint.declarative.kinds import (
    PatternCheck,
    PhraseIndex,
    RuleSpec,
    normalise,
    pattern_check,
)
from newslint.declarative.loader import builtin_pack_folder, load_folders
from newslint.model.document import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"


def _shipped() -> list[tuple[str, str, str, bool, str]]:
    """(rule file, scope, language, ignore-case, pattern) of every shipped pattern."""
    found = []
    for path in sorted(builtin_pack_folder().rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = data.get("patterns") or {}
        if isinstance(entries, list):
            entries = {"any": entries}
        for lang, patterns in entries.items():
            for pattern in patterns:
                scope, ignore_case = data.get("scope", "anywhere"), data.get("ignore-case", True)
                found.append((path.stem, scope, lang, ignore_case, pattern))
    return found


SHIPPED = _shipped()


@pytest.fixture(scope="module")
def shipped() -> CompiledPass:
    """The compiled pass of the shipped rules, as a run loads them (the characters its
    units hold decide the case pairs it screens for): the tests' units join it."""
    rules = load_folders([builtin_pack_folder()])
    return next(r.check.compiled for r in rules if isinstance(r.check, PatternCheck))


def _units(
    compiled_pass: CompiledPass, scope: str, ignore_case: bool, pattern: str
) -> list[compiled.Unit]:
    spec = RuleSpec("ZZ001", "'{match}'", scope, "none", {"any": (pattern,)}, ignore_case)  # type: ignore[arg-type]
    return pattern_check(spec, compiled_pass).units[None]


def _both_paths(compiled_pass: CompiledPass, unit: compiled.Unit, text: str) -> tuple[list, list]:
    """(the pipeline's matches, Python's matches) of ``unit`` in ``text``."""
    doc = Document(text, "t.txt", lang="en")
    python = list(unit.python(searched_text(doc), None))
    return compiled_pass.matches(doc, unit), python


# Pieces of news text, and characters where engines tend to differ: accents, combining
# marks, no-break spaces, curly apostrophes, dotless and dotted i, superscripts, CRLF.
_PIECES = st.sampled_from([
    " ", "\n", "\r\n", "\r", "\t", "\u00a0", "\u202f", ". ", ", ", ": ", "'", "’", "«", "»",
    "©", "…", "...", "-", "—", "|", "#", "*", "(", ")", "[", "]", "/", "12", "2019", "$",
    "€", "%", "é", "É", "e\u0301", "İ", "ı", "²", "ß", "ǅ", "\u200d", "Ünïcödé", "straße",
    "the", "The", "and", "Read", "more", "Lire", "aussi", "Share", "Photo", "AP", "Getty",
    "Images", "www", ".com", "http://", "Copyright", "cookies", "newsletter", "Amazon",
])  # fmt: skip


def _texts_near(pattern: str) -> st.SearchStrategy[str]:
    """Texts built of news pieces and of words of the pattern itself, so that they match
    it, nearly match it, or match it in odd contexts."""
    words = [w for w in translate.re.split(r"[^\w']+", pattern) if w]
    own = st.sampled_from(words) if words else _PIECES
    piece = st.one_of(_PIECES, own, own.map(str.upper), own.map(str.lower))
    return st.lists(piece, max_size=24).map("".join)


@pytest.mark.parametrize(
    ("rule", "scope", "lang", "ignore_case", "pattern"),
    SHIPPED,
    ids=[f"{r}-{lang}-{i}" for i, (r, _, lang, _, _) in enumerate(SHIPPED)],
)
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_shipped_pattern_finds_what_python_finds(
    shipped, rule, scope, lang, ignore_case, pattern, data
):
    for unit in _units(shipped, scope, ignore_case, pattern):
        text = data.draw(_texts_near(pattern))
        got, expected = _both_paths(shipped, unit, text)
        assert got == expected, (text, unit.source)


def _shared_texts() -> list[str]:
    paths = [SHARED / "aeb.jsonl", SHARED / "aeb-extracted.jsonl"]
    if not all(path.exists() for path in paths):
        pytest.skip("needs ../shared/corpus")
    return [json.loads(line)["text"] for path in paths for line in path.open(encoding="utf-8")]


def test_every_shipped_pattern_finds_what_python_finds_on_the_shared_articles(shipped):
    texts = _shared_texts()
    compared = 0
    for _, scope, _, ignore_case, pattern in SHIPPED:
        for unit in _units(shipped, scope, ignore_case, pattern):
            if unit.exact is None:
                continue
            regex = shipped.core()
            for text in texts:
                doc = Document(text, "t.txt", lang="en")
                searched = searched_text(doc)
                python = list(unit.python(searched, None))
                # the core alone, on every text (no screening), where the tables agree
                state = shipped.state(doc)
                if unit.engine not in state.disputed:
                    core = [(s, e) for _, s, e in regex.find(searched, [unit.index])]
                    assert core == python, (pattern, text[:80])
                    compared += 1
                assert shipped.matches(doc, unit) == python
    assert compared > 10_000


@pytest.mark.parametrize(
    ("pattern", "engine", "expected"),
    [
        (r"Lire[^\S\r\n]+aussi", "re", r"Lire(?:[^[^\s\x1C-\x1F]\x{D}\x{A}]){1,}aussi"),
        (r"\bsince \d+ years\b", "regex", r"\bsince\x{20}(?:[\d]){1,}\x{20}years\b"),
        (r"[\p{L}\d .&\x27’-]{1,40}", "regex", r"(?:[\p{L}\d\x{20}\.\&\'’\-]){1,40}"),
        (r"(?-i:READ MORE)|Read", "regex", r"(?:(?-i:READ\x{20}MORE)|Read)"),
        (r"a.{0,5}?b$", "regex", r"a(?:.){0,5}?b(?m:$)"),
    ],
)
def test_translations(pattern, engine, expected):
    assert translate.translate(pattern, engine).exact == expected


def test_a_pattern_matched_ignoring_case_has_its_classes_of_letters_written_folded():
    """Inside ``(?i)``, a class with a property or a category is written as it folds
    (``_core.case_closed``); elsewhere, and for small classes, as it was."""
    folded = translate.translate(r"by [\p{L} ]{1,4}(?-i:\p{Lu}[a-z])", "regex", ignore_case=True)
    assert folded.exact == (
        r"by\x{20}(?:(?-i:[[\p{L}\x{20}][\x{345}-\x{345}]])){1,4}(?-i:\p{Lu}[a-z])"
    )
    plain = translate.translate(r"by [\p{L} ]{1,4}(?-i:\p{Lu}[a-z])", "regex")
    assert plain.exact == r"by\x{20}(?:[\p{L}\x{20}]){1,4}(?-i:\p{Lu}[a-z])"


EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


@pytest.mark.parametrize(
    "written",
    [r"\p{L}", r"[^\p{L}]", r"\w", r"\W", r"\s", r"[\p{L}\d\x{20}\.\&\'’\-]", r"\p{Lu}", r"\p{Ll}"],
)
def test_a_class_written_folded_matches_what_it_matches_ignoring_case(written):
    """Every code point: the class folded by the core's compiler and the class written
    folded match the same characters."""

    def matched(pattern: str) -> list[tuple[int, int, int]]:
        unit = [(f"(?P<m>{pattern})", f"(?P<m>{pattern})")]
        return _core.PatternPass(unit, [None], []).find(EVERY_CHARACTER, [0])

    closed = _core.case_closed(written)
    assert matched(f"(?i:{written})") == matched(f"(?i:{closed})") == matched(closed)
    assert closed.startswith("(?-i:")


def test_the_screen_flags_exactly_the_characters_of_its_classes():
    """The screen looks classes of characters up char by char: it flags a text for
    every character the class matches as a regex, and for no other."""
    for gaps in compiled.CompiledPass()._gaps():
        unit = [(f"(?P<m>{gaps})", f"(?P<m>{gaps})")]
        inside = {
            start for _, start, _ in _core.PatternPass(unit, [None], []).find(EVERY_CHARACTER, [0])
        }
        screen = _core.PatternPass([], [], [gaps]).screen
        assert inside and all(screen(EVERY_CHARACTER[i], "")[1] == [0] for i in inside)
        outside = [i for i in range(0, len(EVERY_CHARACTER), 5) if i not in inside]
        assert not any(screen(EVERY_CHARACTER[i], "")[1] for i in outside)
        assert screen("plain ASCII text\n" * 50, "")[1] == []


def test_a_verbose_pattern_of_the_whole_text_is_translated():
    """The structure view's markers (``markers.py``): read with ``re.VERBOSE``, ``^`` the
    start of the text, ``$`` its end or before a final newline."""
    translation = translate.translate("^ a  b $ | c", "re", re.VERBOSE, multiline=False)
    assert translation.exact == r"(?:\Aab(?:\n?\z)|c)"
    assert translate.translate("(?x) a", "re").exact is None  # flags inside the pattern


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(?<=\.)\s*Read more", "look-around"),
        (r"(\w+) \1", "back-reference"),
        (r"(?>a+)b", "atomic group"),
        (r"a++b", "possessive"),
        (r"(?:foo){e<=1}", "regex module only"),
        (r"[[a-z]--[aeiou]]", "regex module only"),
    ],
)
def test_what_the_core_cannot_match_says_why(pattern, reason):
    translation = translate.translate(pattern, "regex")
    assert translation.exact is None
    assert reason in translation.reason


def test_a_pattern_on_the_python_path_still_finds_its_matches(shipped):
    [unit] = _units(shipped, "anywhere", True, r"(?<=\. )Read more")
    assert unit.exact is None and "look-around" in unit.reason
    doc = Document("It ended. Read more about it.", "t.txt", lang="en")
    assert shipped.matches(doc, unit) == [(11, 20)]


def test_a_shipped_pattern_takes_the_python_path_only_for_a_look_around():
    """The core matches every shipped pattern it can express: a pattern the translation
    refuses for another reason (a ``[[`` read as the regex module's nested set) would run
    on the Python path over every document that holds its strings, unnoticed but for the
    time it costs."""
    refused = {
        (rule, lang, pattern): translation.reason
        for rule, _, lang, ignore_case, pattern in SHIPPED
        if (translation := translate.translate(pattern, "regex", ignore_case=ignore_case)).exact
        is None
    }
    assert refused, "the look-arounds of the packs (B001, M010, T004) take the Python path"
    assert {key: reason for key, reason in refused.items() if "look-around" not in reason} == {}


def test_newslint_rules_says_which_patterns_run_on_the_python_path():
    listed = subprocess.run(
        [sys.executable, "-m", "newslint", "rules", "--output-format", "json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    rows = {row["code"]: row for row in json.loads(listed.stdout)}
    calque = rows["M010"]["python_path"]  # look-aheads decide its contexts
    assert calque and all("look-around" in entry["reason"] for entry in calque)
    assert rows["B012"]["python_path"] == []  # a bare URL line: all in the core
    assert "python_path" not in rows["D001"]  # a Python rule: not a YAML pattern


def test_the_table_of_disagreeing_characters_is_up_to_date():
    tool = REPO / "core" / "tools" / "unicode_gaps.py"
    assert subprocess.run([sys.executable, str(tool), "--check"], timeout=600).returncode == 0


def test_phrases_with_characters_the_engines_read_differently_take_the_python_path():
    index = PhraseIndex()
    spec = RuleSpec("ZZ002", "'{match}'", "anywhere", "none", {"en": ("Click here",)}, True)
    index.add(spec)
    assert index.matches(Document("Click here now", "t.txt", lang="en"))[spec]
    # 'ı' matches 'I' ignoring case in Python's re, not in the core; U+0301 is a word
    # character for the core only: either sends the phrases to the Python path.
    unit = index._unit("anywhere", "en")
    for text in ("x\nclıck here", "Click here\u0301 x"):
        doc = Document(text, "t.txt", lang="en")
        assert "re" in index.compiled.state(doc).disputed
        python = [
            m.span("m")
            for m in re.finditer(
                r"(?<!\w(?=\w))(?P<m>Click[^\S\r\n]+here)(?!(?<=\w)\w)", searched_text(doc), re.I
            )
        ]
        assert index.compiled.matches(doc, unit) == python
    assert normalise("Read  More") == "read more"


def test_the_screen_finds_the_same_strings_before_and_after_its_dfa_is_built():
    """The core screens the first documents of a run with an automaton quick to build
    (a run of one file never builds the other) and the rest with a DFA, quicker to run:
    the candidates of every shared article are the same with both."""
    rules = load_folders([builtin_pack_folder()])
    compiled_pass = next(r.check.compiled for r in rules if isinstance(r.check, PatternCheck))
    lines = (SHARED / "aeb.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [searched_text(Document(json.loads(line)["text"], "a.txt")) for line in lines]
    core = compiled_pass.core()
    before = [core.screen(text, text.casefold()) for text in texts[:100]]
    filler = "Le ministre a déclaré que la situation était grave. " * 25_000  # > 1 MiB
    core.screen(filler, filler.casefold())  # the DFA is built from here on
    after = [core.screen(text, text.casefold()) for text in texts[:100]]
    assert after == before
    assert any(candidates for candidates, _, _ in before)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("concat cat catalog cat.", [(8, 11), (20, 23)]),
        ("Ünïcödécat cat écat «cat» catégorie", [(12, 15), (22, 25)]),
    ],
)
def test_the_exact_expression_is_tried_where_the_relaxed_one_matches(shipped, text, expected):
    # "cat" inside a word matches the relaxed expression (no word boundaries) but not the
    # exact one: the core must go on to the next place the relaxed one matches (offsets
    # are in the searched text, which starts with a line break).
    (unit,) = _units(shipped, "anywhere", True, "cat")
    got, python = _both_paths(shipped, unit, text)
    assert got == python == expected


def test_a_pattern_with_a_look_around_is_tried_only_where_its_relaxed_form_matches(shipped):
    # The look-ahead keeps the pattern on the Python path; without it, the core finds the
    # line starts where a match may begin, and Python tries the pattern there alone.
    (unit,) = _units(shipped, "line-start", True, r"Read more(?=:)")
    assert unit.exact is None and unit.relaxed is not None
    text = "Read more about it.\nRead more: the story\nread more:\n"
    doc = Document(text, "t.txt", lang="en")
    assert shipped.core().starts(searched_text(doc), unit.index, 256) == [0, 20, 41]
    assert shipped.core().starts(searched_text(doc), unit.index, 2) is None  # too many
    got, python = _both_paths(shipped, unit, text)
    assert got == python == [(21, 30), (42, 51)]
