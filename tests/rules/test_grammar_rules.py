"""G rules without a real LanguageTool: category mapping, name suppression, UTF-16
offsets, one request per document, caching, bounded failures. A fake server on the
loopback answers like LanguageTool's /v2 API, so language-tool-python's remote mode and
HTTP path run for real; tests/test_grammar.py does the same against a real server."""

from __future__ import annotations

import http.server
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import language_tool_python
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newslint.rules.grammar as grammar
from newslint.checking.checker import Checker
from newslint.checking.engine import run_rule
from newslint.config.settings import Settings
from newslint.model.document import Document
from newslint.model.finding import Severity
from newslint.rules import builtin_rules
from newslint.rules.grammar import _languagetool as lt
from newslint.rules.grammar._categories import classify
from newslint.rules.grammar._matches import convert
from newslint.rules.grammar._offsets import Utf16Index
from newslint.rules.grammar._runstate import Results

G_RULES = sorted((r for r in builtin_rules() if r.code.startswith("G")), key=lambda r: r.code)
LANGUAGES = ["en", "en-US", "en-GB", "fr", "de", "de-DE"]


class FakeLanguageTool:
    """A loopback HTTP server with LanguageTool's /v2/languages and /v2/check.

    ``flag(pattern, rule_id, issue_type, category, *replacements)`` makes /v2/check
    report every match of the regular expression, with offsets in UTF-16 code units as
    LanguageTool gives them. ``checks`` records the form of each check request.
    """

    def __init__(self) -> None:
        self.flags: list[tuple[re.Pattern[str], dict]] = []
        self.checks: list[dict[str, str]] = []
        self.delay = 0.0
        self.status = 200
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                languages = [{"name": t, "code": t.split("-")[0], "longCode": t} for t in LANGUAGES]
                self._send(200, languages)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                fake.checks.append(form)
                time.sleep(fake.delay)
                if fake.status != 200:
                    self._send(fake.status, None, b"Error: internal error")
                    return
                self._send(200, {"matches": fake.matches(form["text"])})

            def _send(self, status: int, body: object, raw: bytes | None = None) -> None:
                data = raw if raw is not None else json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def flag(
        self, pattern: str, rule_id: str, issue_type: str, category: str, *replacements: str
    ) -> None:
        rule = {"id": rule_id, "issueType": issue_type, "category": {"id": category}}
        self.flags.append((re.compile(pattern), rule | {"replacements": replacements}))

    def matches(self, text: str) -> list[dict]:
        found = []
        for pattern, rule in self.flags:
            for m in pattern.finditer(text):
                offset = utf16_len(text[: m.start()])
                length = utf16_len(m.group())
                found.append(
                    {
                        "message": f"{rule['id']} says so.",
                        "replacements": [{"value": r} for r in rule["replacements"]],
                        "offset": offset,
                        "length": length,
                        "context": {"text": text[:80], "offset": 0, "length": length},
                        "sentence": text[:80],
                        "rule": {k: v for k, v in rule.items() if k != "replacements"},
                    }
                )
        return sorted(found, key=lambda f: f["offset"])

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


#: The runs of this test, one per server URL: the documents of one test are checked as
#: one run's (what a Checker keeps in its stash), each test starts afresh.
_RUNS: dict[tuple[str | None, frozenset[str]], lt.GrammarRun] = {}


@pytest.fixture(autouse=True)
def fresh_client(monkeypatch):
    """Each test starts a fresh run: no clients, cached results or off switch."""
    monkeypatch.delenv(lt.ENV_URL, raising=False)
    _RUNS.clear()
    yield
    _RUNS.clear()


@pytest.fixture
def fake_lt():
    fake = FakeLanguageTool()
    yield fake
    fake.close()


@pytest.fixture
def dead_url():
    """A loopback URL where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def document(text: str, url: str | None, lang: str = "en", **config) -> Document:
    doc = Document(text, "article.txt", lang=lang)
    return with_run(doc, url, frozenset(config.get("dictionary", ())))


def with_run(doc: Document, url: str | None, dictionary: frozenset[str] = frozenset()) -> Document:
    """``doc`` as the G plugin hands it to the rules in this test's run."""
    key = (url, dictionary)
    if key not in _RUNS:
        _RUNS[key] = lt.GrammarRun(lt.Config(url, dictionary))
    doc.stash[lt.GRAMMAR_RUN] = _RUNS[key]
    return doc


def run_g(doc: Document, code: str | None = None, **options):
    """Findings of the G rules (or of one) on ``doc``, through the engine."""
    rules = [r for r in G_RULES if code is None or r.code == code]
    settings = Settings(options={r.code: options for r in rules} if options else {})
    return [f for r in rules for f in run_rule(doc, r, settings)]


# --- category mapping


@pytest.mark.parametrize(
    ("rule_id", "category", "issue_type", "code"),
    [
        ("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "G001"),
        ("FR_SPELLING_RULE", "TYPOS", "misspelling", "G001"),
        ("EN_COMPOUNDS_COST_EFFECTIVE", "MISC", "misspelling", "G001"),
        ("HE_VERB_AGR", "GRAMMAR", "grammar", "G002"),
        ("ACCORD_SUJET_VERBE", "CAT_GRAMMAIRE", "uncategorized", "G002"),
        ("A_INFINITIF", "CAT_HOMONYMES_PARONYMES", "uncategorized", "G002"),
        ("D_N", "AGREEMENT", "uncategorized", "G002"),
        ("COMMA_PARENTHESIS_WHITESPACE", "TYPOGRAPHY", "typographical", "G003"),
        ("UPPERCASE_SENTENCE_START", "CASING", "typographical", "G003"),
        ("SENTENCE_WHITESPACE", "TYPOGRAPHY", "whitespace", "G003"),
        ("FRENCH_WHITESPACE", "MISC", "uncategorized", "G003"),
        ("DOUBLE_PUNCTUATION", "PUNCTUATION", "typographical", "G004"),
        ("VIRGULE_X", "PONCTUATION_VIRGULE", "uncategorized", "G004"),
        ("KOMMA_ZWISCHEN", "HILFESTELLUNG_KOMMASETZUNG", "uncategorized", "G004"),
        ("VERY_UNIQUE", "REDUNDANCY", "style", "G005"),
        ("ENGLISH_WORD_REPEAT_BEGINNING_RULE", "REPETITIONS_STYLE", "style", "G005"),
        ("PLEONASME", "CAT_PLEONASMES", "uncategorized", "G005"),
        ("EN_DATE_WEEKDAY", "SEMANTICS", "inconsistency", "G006"),
        ("ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication", "G006"),
        ("SOME_ITALIAN_RULE", "CAT9", "uncategorized", "G006"),
    ],
)
def test_languagetool_matches_map_to_stable_codes(rule_id, category, issue_type, code):
    assert classify(rule_id, category, issue_type) == code


def test_g_rules_are_opt_in_with_the_documented_severities():
    assert [(r.code, r.severity.value, r.default_enabled) for r in G_RULES] == [
        ("G001", "warning", False),
        ("G002", "warning", False),
        ("G003", "info", False),
        ("G004", "info", False),
        ("G005", "info", False),
        ("G006", "info", False),
    ]


# --- offsets: LanguageTool counts UTF-16 code units


def test_utf16_index_on_astral_characters():
    text = "😀😀 Ths is a 𝒳 tset."
    index = Utf16Index(text)
    assert index.span(5, 3) == (3, 6)  # 'Ths' after two emoji (4 units)
    assert text[slice(*index.span(utf16_len(text[:14]), 4))] == "tset"
    assert index.to_code_points(1) == 0  # inside the first surrogate pair: its start


@given(st.text(alphabet=st.sampled_from("ab \n😀𝒳é🇺🇦"), max_size=40))
def test_utf16_index_round_trips(text):
    index = Utf16Index(text)
    for offset in range(len(text) + 1):
        units = utf16_len(text[:offset])
        assert index.to_units(offset) == units
        assert index.to_code_points(units) == offset


def test_matches_after_emoji_have_the_right_line_and_column(fake_lt):
    fake_lt.flag(r"tset", "MORFOLOGIK_RULE_EN_US", "misspelling", "TYPOS", "test")
    fake_lt.flag(r"go home 🏠", "HE_VERB_AGR", "grammar", "GRAMMAR", "goes home 🏠")
    text = "🇺🇦 Kyiv 😀 said it.\nA 𝒳 tset 😀 here.\nHe go home 🏠 today."
    findings = run_g(document(text, fake_lt.url))
    assert [(f.code, f.line, f.column) for f in findings] == [("G001", 2, 5), ("G002", 3, 4)]
    assert [text[f.start : f.end] for f in findings] == ["tset", "go home 🏠"]


def test_language_tool_python_converts_offsets_as_expected():
    # convert() relies on it: Match.offset in code points, error_length in UTF-16 units.
    text = "😀 A tset 😀 x."
    raw = {
        "message": "m",
        "replacements": [{"value": "test"}],
        "offset": 5,
        "length": 7,  # 'tset 😀' is 7 units
        "context": {"text": text, "offset": 5, "length": 7},
        "rule": {"id": "R", "issueType": "misspelling", "category": {"id": "TYPOS"}},
    }
    match = language_tool_python.Match(dict(raw), text)
    assert (match.offset, match.error_length) == (4, 7)
    [ours] = convert([match], text)
    assert text[ours.start : ours.end] == "tset 😀"


# --- messages and fixes


def test_message_carries_rule_id_and_first_suggestion_as_an_unsafe_fix(fake_lt):
    fake_lt.flag(r"tset", "MORFOLOGIK_RULE_EN_US", "misspelling", "TYPOS", "test", "set")
    [finding] = run_g(document("This is a tset.", fake_lt.url), "G001")
    assert (
        finding.message == "'tset' → 'test': MORFOLOGIK_RULE_EN_US says so. [MORFOLOGIK_RULE_EN_US]"
    )
    assert finding.fix.safety == "unsafe"
    assert [(e.start, e.end, e.replacement) for e in finding.fix.edits] == [(10, 14, "test")]


def test_a_match_without_suggestion_has_no_fix(fake_lt):
    fake_lt.flag(r"econobox", "MORFOLOGIK_RULE_EN_US", "misspelling", "TYPOS")
    [finding] = run_g(document("A small econobox.", fake_lt.url), "G001")
    assert finding.fix is None
    assert finding.message.startswith("'econobox': ")


# --- spelling: names and the article's own words are not misspellings


@pytest.fixture
def speller(fake_lt):
    fake_lt.flag(
        r"\b(?:Blinken|iPhone|qzxv|Lavrov|bloxter|anoncé)\b", "SPELL", "misspelling", "TYPOS", "x"
    )
    return fake_lt


def spelled(doc: Document, **options) -> list[str]:
    return [doc.text[f.start : f.end] for f in run_g(doc, "G001", **options)]


def test_capitalised_words_are_left_alone(speller):
    doc = document("Blinken met Lavrov and bought an iPhone, qzxv.", speller.url)
    assert spelled(doc) == ["qzxv"]
    everything = spelled(doc, ignore_capitalised=False, ignore_common=0)
    assert everything == ["Blinken", "Lavrov", "iPhone", "qzxv"]


def test_words_repeated_in_the_article_are_left_alone(speller):
    doc = document("The bloxter came. The bloxter went. A qzxv.", speller.url)
    assert spelled(doc) == ["qzxv"]
    assert spelled(doc, ignore_repeated=3) == ["bloxter", "bloxter", "qzxv"]
    assert spelled(doc, ignore_repeated=0) == ["bloxter", "bloxter", "qzxv"]


def test_words_of_the_dictionary_are_left_alone(speller):
    doc = document(
        "Le gouvernement a anoncé un qzxv.", speller.url, lang="fr", dictionary={"anoncé"}
    )
    assert spelled(doc) == ["qzxv"]


def test_common_words_of_the_language_are_left_alone(fake_lt):
    # British spellings in an en-US check; wordfreq knows them as English words
    fake_lt.flag(r"\b(?:colours|centre|qzxv)\b", "SPELL", "misspelling", "TYPOS", "x")
    doc = document("The colours of the centre, and qzxv.", fake_lt.url)
    assert spelled(doc) == ["qzxv"]
    assert spelled(doc, ignore_common=0) == ["colours", "centre", "qzxv"]


def test_suppression_applies_to_spelling_only(fake_lt):
    fake_lt.flag(r"Pokemon", "POKEMON", "grammar", "GRAMMAR", "Pokémon")
    doc = document("I like Pokemon. Pokemon is fun.", fake_lt.url)
    assert [f.code for f in run_g(doc)] == ["G002", "G002"]


# --- one request per document, cached by text


def test_six_rules_share_one_request_per_document(fake_lt):
    fake_lt.flag(r"tset", "SPELL", "misspelling", "TYPOS", "test")
    fake_lt.flag(r"go", "AGR", "grammar", "GRAMMAR", "goes")
    fake_lt.flag(r" ,", "WS", "whitespace", "TYPOGRAPHY", ",")
    fake_lt.flag(r",,", "DP", "typographical", "PUNCTUATION", ",")
    fake_lt.flag(r"very unique", "VU", "style", "REDUNDANCY", "unique")
    fake_lt.flag(r"Monday", "WD", "inconsistency", "SEMANTICS", "Tuesday")
    doc = document("A tset. He go home ,now,, on Monday. It is very unique.", fake_lt.url)
    findings = run_g(doc)
    assert sorted(f.code for f in findings) == ["G001", "G002", "G003", "G004", "G005", "G006"]
    assert len(fake_lt.checks) == 1
    assert fake_lt.checks[0]["language"] == "en-US"  # English's spell-checking variant


def test_the_same_text_is_sent_once(fake_lt):
    fake_lt.flag(r"tset", "SPELL", "misspelling", "TYPOS", "test")
    first = run_g(document("A tset.", fake_lt.url))
    second = run_g(document("A tset.", fake_lt.url))
    assert first == second != []
    assert len(fake_lt.checks) == 1


def test_the_result_cache_is_bounded():
    results = Results(size=2)
    for n in range(3):
        results.put(("u", "en", bytes([n])), ())
    assert len(results) == 2
    assert results.get(("u", "en", bytes([0]))) is None
    assert results.get(("u", "en", bytes([2]))) == ()


def test_long_texts_are_sent_in_pieces_cut_between_paragraphs(fake_lt, monkeypatch):
    monkeypatch.setattr(lt, "MAX_CHARS", 60)
    fake_lt.flag(r"tset", "SPELL", "misspelling", "TYPOS", "test")
    lines = [f"Paragraph {n} has a tset in it, and more words." for n in range(5)]
    doc = document("\n".join(lines) + "\n", fake_lt.url)
    findings = run_g(doc, "G001", ignore_repeated=0)
    assert [(f.line, f.column) for f in findings] == [(n, 19) for n in range(1, 6)]
    assert len(fake_lt.checks) == 5
    assert all(len(c["text"]) <= 60 for c in fake_lt.checks)


def test_chunks_cover_the_text_exactly():
    text = "a" * 10 + "\n" + "b b b b b b" + "\n" + "c" * 30
    pieces = lt.chunks(text, 12)
    assert "".join(p for _, p in pieces) == text
    assert all(text[o : o + len(p)] == p and len(p) <= 12 for o, p in pieces)


def test_languages_the_server_lacks_are_skipped_without_a_request(fake_lt):
    fake_lt.flag(r"x", "SPELL", "misspelling", "TYPOS", "y")
    assert run_g(document("x x x", fake_lt.url, lang="ru")) == []
    assert run_g(document("x y x", fake_lt.url, lang="ru")) == []
    assert fake_lt.checks == []


def test_documents_without_language_or_text_are_not_sent(fake_lt):
    assert run_g(document("  \n", fake_lt.url)) == []
    doc = with_run(Document("1 2 3 4 5", "a.txt"), fake_lt.url)
    assert run_g(doc) == []
    assert fake_lt.checks == []


# --- where the server is: --languagetool / config, else $NEWSLINT_LANGUAGETOOL_URL


def test_the_settings_url_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv(lt.ENV_URL, "http://127.0.0.1:1")
    given = Settings().with_plugin_settings(languagetool="http://h:2")
    assert lt.Config.from_settings(given).url == "http://h:2"
    assert lt.Config.from_settings(Settings()).url == "http://127.0.0.1:1"
    monkeypatch.delenv(lt.ENV_URL)
    assert lt.Config.from_settings(Settings()).url is None  # language-tool-python's own
    words = Settings().with_plugin_settings(dictionary=("Ünïcode",))
    assert lt.Config.from_settings(words).dictionary == {"ünïcode"}


def test_the_plugin_hands_the_settings_to_the_rules_and_fetches_first(fake_lt):
    fake_lt.flag(r"tset", "SPELL", "misspelling", "TYPOS", "test")
    settings = Settings(select=("G",)).with_plugin_settings(
        languagetool=fake_lt.url, dictionary=("qzxv",)
    )
    checker = Checker(settings, load_entry_points=False)
    doc = Document("A tset and a qzxv.", "a.txt", lang="en")
    findings = checker.check_document(doc)
    assert [(f.code, doc.text[f.start : f.end]) for f in findings] == [("G001", "tset")]
    assert doc.stash[lt.GRAMMAR_RUN] is checker.stash[lt.GRAMMAR_RUN]
    assert doc.stash[lt.GRAMMAR_RUN].config.url == fake_lt.url


def test_without_g_rules_the_plugin_does_nothing(fake_lt):
    doc = Document("A tset.", "a.txt", lang="en")
    checker = Checker(load_entry_points=False)  # G rules are opt-in: not enabled here
    assert lt.GRAMMAR_RUN not in checker.stash
    grammar_hook = grammar.newslint_check_document(document=doc, rules=G_RULES, checker=checker)
    next(grammar_hook)
    assert lt.GRAMMAR_RUN not in doc.stash and fake_lt.checks == []


# --- a server that does not answer: one message, no findings, no crash


def test_an_unreachable_server_is_reported_once(dead_url, capsys):
    for _ in range(3):
        assert run_g(document("A tset.", dead_url)) == []
    err = capsys.readouterr().err
    assert err.count("newslint: warning:") == 1
    assert f"the LanguageTool server at {dead_url} does not answer" in err
    assert "Connection refused" in err


def test_an_unreachable_server_is_not_tried_again_soon(dead_url, monkeypatch):
    calls = []
    real = lt.Client._make_tool
    monkeypatch.setattr(
        lt.Client, "_make_tool", lambda self, tag: calls.append(tag) or real(self, tag)
    )
    for n in range(3):
        run_g(document(f"Text {n}.", dead_url))
    assert calls == ["en-US"]


def test_a_slow_server_is_given_up_after_three_documents(fake_lt, monkeypatch, capsys):
    fake_lt.delay = 0.6
    monkeypatch.setattr(lt, "FIRST_REQUEST_TIMEOUT", 0.2)
    monkeypatch.setattr(lt, "REQUEST_TIMEOUT", 0.2)
    started = time.monotonic()
    for n in range(5):
        assert run_g(document(f"Text number {n}.", fake_lt.url)) == []
    assert time.monotonic() - started < 5  # 3 documents x 2 tries x 0.2 s, then nothing
    assert len(fake_lt.checks) == 6  # language-tool-python retries once
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert "could not check a document (no answer within 0.2 s)" in err[0]
    assert "3 requests in a row failed" in err[1]


def test_a_server_error_leaves_that_document_without_g_findings(fake_lt, capsys):
    fake_lt.flag(r"tset", "SPELL", "misspelling", "TYPOS", "test")
    fake_lt.status = 500
    assert run_g(document("A tset.", fake_lt.url)) == []
    fake_lt.status = 200
    assert [f.code for f in run_g(document("Another tset.", fake_lt.url))] == ["G001"]
    assert "Error: internal error" in capsys.readouterr().err


def test_language_tool_python_still_reads_its_timeout_from_the_class():
    assert language_tool_python.LanguageTool._TIMEOUT == 300
    assert lt._tool_class()._TIMEOUT == lt.REQUEST_TIMEOUT


def test_without_a_url_language_tool_python_runs_its_own_server_but_not_in_a_worker(
    monkeypatch, capsys
):
    monkeypatch.setattr(lt.multiprocessing, "parent_process", lambda: object())
    assert run_g(document("A tset.", None)) == []
    err = capsys.readouterr().err
    assert "language-tool-python's own server could not start" in err
    assert "worker process" in err


def test_the_engine_time_budget_is_not_swallowed(fake_lt):
    fake_lt.delay = 1.5
    doc = document("A tset.", fake_lt.url)
    findings = [f for r in G_RULES for f in run_rule(doc, r, Settings(rule_timeout=0.3))]
    # one rule is stopped (X003); the others do not send the request again
    assert [f.code for f in findings] == ["X003"]
    assert len(fake_lt.checks) == 1


def write_corpus(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            text = f"Record {n} says the the same thing. A tset follows."
            out.write(json.dumps({"id": f"r{n}", "lang": "en", "text": text}) + "\n")
    return path


def newslint(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_unreachable_server_one_message_for_a_parallel_run_and_other_findings_unchanged(
    tmp_path, dead_url
):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 300)  # enough for worker processes
    common = ["check", str(corpus), "--jobs", "2", "--format", "json", "--exit-zero"]
    without = newslint(*common, "--select", "M003")
    optional = ["--languagetool", dead_url, "--languagetool-optional"]
    with_g = newslint(*common, "--select", "M003,G", *optional)
    assert with_g.returncode == without.returncode == 0
    assert json.loads(with_g.stdout) == json.loads(without.stdout)
    assert len(json.loads(with_g.stdout)) == 300
    lines = [line for line in with_g.stderr.splitlines() if line.startswith("newslint:")]
    assert len(lines) == 1, with_g.stderr
    assert "does not answer" in lines[0] and "G rules report nothing" in lines[0]


@pytest.mark.parametrize("selection", [["--select", "M003,G"], ["--extend-select", "G001"]])
def test_g_selected_by_name_with_no_server_is_exit_2_before_any_work(tmp_path, dead_url, selection):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 3)
    run = newslint("check", str(corpus), *selection, "--languagetool", dead_url)
    assert run.returncode == 2
    assert run.stdout == ""
    assert f"G rules selected, but the LanguageTool server at {dead_url} does not answer" in (
        run.stderr
    )
    assert "--languagetool-optional" in run.stderr


def test_g_selected_through_all_may_run_without_a_server(tmp_path, dead_url):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 3)
    run = newslint("check", str(corpus), "--select", "ALL", "--languagetool", dead_url)
    assert run.returncode in (0, 1), run.stderr


def test_a_server_that_goes_away_during_the_run_is_exit_2(fake_lt, tmp_path, monkeypatch):
    from newslint.rules import grammar

    checker = Checker(
        Settings(select=("G",)).with_plugin_settings(languagetool=fake_lt.url),
        load_entry_points=False,
    )
    settings, rules = checker.settings, checker.rules
    assert checker.unavailable(finished=False) == []
    assert checker.unavailable(finished=True) == []
    checker.stash[lt.GRAMMAR_RUN].off.switch_off(fake_lt.url)
    message = grammar.newslint_unavailable(settings, rules, finished=True, checker=checker)
    assert message is not None and "stopped answering" in message
    optional = settings.with_plugin_settings(languagetool_optional=True)
    assert grammar.newslint_unavailable(optional, rules, finished=True, checker=checker) is None
    other = Checker(settings, load_entry_points=False)  # another run: its own switch
    assert other.unavailable(finished=True) == []


def test_severities_can_be_overridden_like_any_rule(fake_lt):
    fake_lt.flag(r"tset", "SPELL", "misspelling", "TYPOS", "test")
    [rule] = [r for r in G_RULES if r.code == "G001"]
    settings = Settings(severity={"G001": Severity.ERROR})
    [finding] = run_rule(document("A tset.", fake_lt.url), rule, settings)
    assert finding.severity is Severity.ERROR
