"""Properties of the fixes on the real articles of ../shared/corpus/aeb.jsonl, with
defects injected by hypothesis (a repeated paragraph, a hashtag line, a related-link
line, zero-width spaces, an HTML entity, a control character, a mojibake paragraph):

1. a fix only touches the lines its finding covers;
2. fixing twice gives the text of fixing once;
3. a clean article (no `defect` label, no fixable finding) comes out of ``check --fix``
   and ``clean`` byte for byte;
4. ``clean`` neither drops nor duplicates records;
5. a mojibake paragraph is repaired, not deleted (B006 must not take the '©' of 'Ã©'
   for a copyright sign).

"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newslint.checking import checker as api
from newslint.checking.checker import Checker
from newslint.cli import main as cli
from newslint.fixing.edits import fix_text
from newslint.model.document import Document
from newslint.model.finding import Finding

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

pytestmark = pytest.mark.skipif(
    not (CORPUS / "aeb.jsonl").is_file(),
    reason=f"{CORPUS} not found: shared/ must sit beside the repository",
)


def _load_articles() -> list[dict]:
    if not (CORPUS / "aeb.jsonl").is_file():
        return [{"id": "none", "lang": "en", "title": "", "text": "placeholder"}]
    with (CORPUS / "aeb.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


ARTICLES = _load_articles()

#: Deterministic examples, no database in the repository, no time limit per example.
PROPERTY = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# ---------------------------------------------------------------------------- defects

HASHTAG_LINES = (
    "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes",
    "#Breaking #StadiaLaunch #cloudgaming #Xbox #PlayStation",
)
RELATED_LINES = {
    "en": ("Read more: Google unveils its new cloud gaming service", "Read more:"),
    "fr": ("Lire aussi Affrontement entre la Russie et les États-Unis à l'ONU",),
    "de": ("Lesen Sie auch: Bundestag beschließt Klimapaket",),
    "it": ("Leggi anche: Conte al Quirinale per le consultazioni",),
    "pt": ("Leia também: Petrobras anuncia novo plano de investimentos",),
    "ru": ("Читайте также: В Москве открылась новая станция метро",),
}
ENTITIES = ("&amp;", "&#39;", "&quot;", "&nbsp;", "&#x2019;", "&eacute;")
CONTROLS = ("\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f")
ZERO_WIDTH = "\u200b"


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", errors="ignore")


def _paragraphs(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip()]


def _insert_line(draw, lines: list[str], line: str) -> None:
    lines.insert(draw(st.integers(0, len(lines))), line)


def _insert_chars(draw, lines: list[str], chars: str) -> None:
    index = draw(st.integers(0, len(lines) - 1))
    position = draw(st.integers(0, len(lines[index])))
    lines[index] = lines[index][:position] + chars + lines[index][position:]


def repeat_paragraph(draw, lines: list[str], lang: str) -> None:
    paragraphs = _paragraphs(lines)
    long = [i for i in paragraphs if len(lines[i]) >= 60] or paragraphs
    if long:
        _insert_line(draw, lines, lines[draw(st.sampled_from(long))])


def hashtag_line(draw, lines: list[str], lang: str) -> None:
    _insert_line(draw, lines, draw(st.sampled_from(HASHTAG_LINES)))


def related_line(draw, lines: list[str], lang: str) -> None:
    _insert_line(draw, lines, draw(st.sampled_from(RELATED_LINES.get(lang, RELATED_LINES["en"]))))


def zero_width(draw, lines: list[str], lang: str) -> None:
    for _ in range(draw(st.integers(1, 3))):
        _insert_chars(draw, lines, ZERO_WIDTH * draw(st.integers(1, 2)))


def html_entity(draw, lines: list[str], lang: str) -> None:
    _insert_chars(draw, lines, draw(st.sampled_from(ENTITIES)))


def control_character(draw, lines: list[str], lang: str) -> None:
    _insert_chars(draw, lines, draw(st.sampled_from(CONTROLS)))


def mojibake(draw, lines: list[str], lang: str) -> None:
    paragraphs = _paragraphs(lines)
    accented = [i for i in paragraphs if not lines[i].isascii()] or paragraphs
    if accented:
        index = draw(st.sampled_from(accented))
        lines[index] = _mojibake(lines[index])


# Line-level defects first, so that the character-level ones can land in them too.
DEFECTS = (
    repeat_paragraph,
    hashtag_line,
    related_line,
    mojibake,
    zero_width,
    html_entity,
    control_character,
)


@st.composite
def defective_articles(draw) -> tuple[dict, str, tuple[str, ...]]:
    """(record, text with defects, names of the injected defects)."""
    record = draw(st.sampled_from(ARTICLES))
    chosen = draw(st.sets(st.sampled_from(DEFECTS), min_size=1, max_size=4))
    lines = record["text"].split("\n")
    for defect in DEFECTS:
        if defect in chosen:
            defect(draw, lines, record.get("lang") or "en")
    names = tuple(d.__name__ for d in DEFECTS if d in chosen)
    return record, "\n".join(lines), names


# ---------------------------------------------------------------------------- linting


@pytest.fixture(scope="module")
def engine() -> Checker:
    """A checker of a default run (built-in plugins, no entry points)."""
    return Checker(load_entry_points=False)


def lint_for(engine: Checker, record: dict, text: str) -> Callable[[str], list[Finding]]:
    template = Document(
        text,
        "corpus.jsonl",
        record=record["id"],
        record_number=1,
        title=record.get("title"),
        lang=record.get("lang"),
    )
    return lambda text: engine.check_document(template.with_text(text))


def line_bounds(text: str, finding: Finding) -> tuple[int, int]:
    """[start of the finding's first line, end of its last line with its line break]."""
    starts = Document(text, "x").line_starts
    end = starts[finding.end_line] if finding.end_line < len(starts) else len(text)
    return starts[finding.line - 1], end


# ---------------------------------------------------------------------------- properties


@settings(PROPERTY, max_examples=60)
@given(case=defective_articles())
def test_a_fix_only_touches_the_lines_of_its_finding(engine, case):
    record, text, _ = case
    findings = lint_for(engine, record, text)(text)
    fixable = [f for f in findings if f.fix is not None]
    for finding in fixable:
        low, high = line_bounds(text, finding)
        for edit in finding.fix.edits:
            assert low <= edit.start <= edit.end <= high, (finding, edit, (low, high))


@settings(PROPERTY, max_examples=60)
@given(case=defective_articles(), unsafe=st.booleans())
def test_fixing_twice_gives_the_text_of_fixing_once(engine, case, unsafe):
    record, text, _ = case
    lint = lint_for(engine, record, text)
    once = fix_text(text, lint, unsafe=unsafe)
    twice = fix_text(once.text, lint, unsafe=unsafe)
    assert twice.text == once.text
    assert twice.applied == ()
    # The safe, unambiguous defects are gone.
    assert ZERO_WIDTH not in once.text
    assert not any(c in once.text for c in CONTROLS)
    assert not set(HASHTAG_LINES) & set(once.text.split("\n"))


def _lossless_mojibake(line: str) -> bool:
    """The mojibake of ``line`` can be undone exactly (no byte was dropped)."""
    try:
        return _mojibake(line).encode("cp1252").decode("utf-8") == line
    except UnicodeError:
        return False


#: A Portuguese article whose 'é' turns into 'Ã©' (a '©' for B006) once garbled.
_PORTUGUESE = next((a for a in ARTICLES if a["id"] == "23aaecd14171"), ARTICLES[0])


@settings(PROPERTY, max_examples=30)
@example(article=_PORTUGUESE, pick=0)
@given(article=st.sampled_from(ARTICLES), pick=st.integers(0, 40))
def test_a_mojibake_paragraph_is_repaired_not_deleted(engine, article, pick):
    lint = lint_for(engine, article, article["text"])
    base = fix_text(article["text"], lint).text  # what was already fixable, fixed
    lines = base.split("\n")
    garblable = [i for i, line in enumerate(lines) if not line.isascii()]
    garblable = [i for i in garblable if _lossless_mojibake(lines[i])]
    if not garblable:
        return
    index = garblable[pick % len(garblable)]
    lines[index] = _mojibake(lines[index])
    result = fix_text("\n".join(lines), lint)
    assert result.text == base, [f.code for f in result.applied]


# ---------------------------------------------------------------------------- CLI runs


@pytest.fixture(autouse=True)
def _builtin_plugins_only(monkeypatch):
    real = api.plugin_manager
    monkeypatch.setattr(
        api, "plugin_manager", lambda blocked=(), load_entry_points=True: real(blocked, False)
    )


def _defect_free_ids() -> list[str]:
    labels = CORPUS / "labels.jsonl"
    if not labels.is_file():
        return []
    with labels.open(encoding="utf-8") as lines:
        flagged = {
            r["id"] for r in map(json.loads, filter(str.strip, lines)) if r["class"] == "defect"
        }
    return sorted({a["id"] for a in ARTICLES} - flagged)


@pytest.fixture(scope="module")
def clean_articles(engine) -> list[str]:
    """Ids of the articles that carry no `defect` label and no fixable finding, neither as
    a file of articles/ (read as --fix reads it) nor as a record of aeb.jsonl."""
    from newslint.config.settings import Settings
    from newslint.io.readers.jsonl import read_jsonl
    from newslint.io.readers.text import read_text

    candidates = set(_defect_free_ids())
    clean = []
    for document in read_jsonl(str(CORPUS / "aeb.jsonl"), Settings(keep_records=True)):
        if document.record not in candidates:
            continue
        [as_file] = read_text(str(CORPUS / "articles" / f"{document.record}.txt"), Settings())
        if any(
            f.fix is not None for doc in (document, as_file) for f in engine.check_document(doc)
        ):
            continue
        clean.append(document.record)
    assert len(clean) >= 20, "the corpus should hold a good number of clean articles"
    return clean


@settings(PROPERTY, max_examples=8)
@given(data=st.data())
def test_a_clean_article_is_left_byte_for_byte_unchanged(
    clean_articles, tmp_path_factory, data, capsys
):
    article_id = data.draw(st.sampled_from(clean_articles))
    folder = tmp_path_factory.mktemp("clean")
    path = folder / f"{article_id}.txt"
    shutil.copyfile(CORPUS / "articles" / f"{article_id}.txt", path)
    before = path.read_bytes()
    cli.main(["check", "--fix", "--exit-zero", "-q", str(path)])
    assert path.read_bytes() == before

    record = next(a for a in ARTICLES if a["id"] == article_id)
    corpus = folder / "in.jsonl"
    corpus.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    out, rejected = folder / "out.jsonl", folder / "rejected.jsonl"
    assert cli.main(["clean", str(corpus), "-o", str(out), "--rejected", str(rejected)]) == 0
    [written] = [json.loads(line) for line in (out.read_text() + rejected.read_text()).splitlines()]
    written.pop("newslint_findings", None)
    assert written == record
    capsys.readouterr()


JUNK_LINES = (
    "this is not JSON {",
    '{"id": "junk-%d", "text": ',
    '["junk-%d", "an array"]',
    '"junk-%d"',
    '{"id": "junk-%d"}',
    '{"id": "junk-%d", "text": null}',
    '{"id": "junk-%d", "text": 12}',
    '{"id": "junk-%d", "text": "Un article très court."}',
)
_JUNK_TAG = re.compile(r"junk-\d+")


def _identity(record: dict, known: set[str]) -> str:
    """The id of an output record: its id, or the junk tag found in what it kept."""
    if record.get("id") in known:
        return record["id"]
    kept = {k: v for k, v in record.items() if k != "newslint_findings"}
    found = _JUNK_TAG.findall(json.dumps(kept, ensure_ascii=False))
    assert found, record
    return found[0]


@settings(PROPERTY, max_examples=12)
@given(
    picks=st.lists(st.integers(0, len(ARTICLES) - 1), min_size=0, max_size=12),
    junk=st.lists(st.sampled_from(JUNK_LINES), max_size=5),
    order=st.randoms(use_true_random=False),
)
def test_clean_neither_drops_nor_duplicates_records(tmp_path_factory, picks, junk, order, capsys):
    lines = [json.dumps(ARTICLES[i], ensure_ascii=False) for i in picks]
    ids = [ARTICLES[i]["id"] for i in picks]
    for number, template in enumerate(junk):
        tag = f"junk-{number}"
        line = template % number if "%d" in template else f"{template} {tag}"
        lines.append(line)
        ids.append(tag)
    order.shuffle(lines)
    folder = tmp_path_factory.mktemp("corpus")
    corpus = folder / "in.jsonl"
    corpus.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    out = folder / "out.jsonl"
    assert cli.main(["clean", str(corpus), "-o", str(out)]) == 0
    written = [
        json.loads(line)
        for path in (out, folder / "out.rejected.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    known = set(ids)
    assert Counter(_identity(r, known) for r in written) == Counter(ids)
    assert sorted(p.name for p in folder.iterdir()) == [
        "in.jsonl",
        "out.jsonl",
        "out.rejected.jsonl",
    ]
    capsys.readouterr()
