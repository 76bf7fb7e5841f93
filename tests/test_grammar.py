"""G rules against a real LanguageTool server (languagetool/server.sh).

The server is the one at $NEWSLINT_LANGUAGETOOL_URL. Without one that answers, these
tests are skipped, so that a machine without Java still runs the rest of the suite;
.ci/run starts a server and sets NEWSLINT_REQUIRE_LANGUAGETOOL=1, which turns the skip
into a failure. Tests of the G rules that need no server: tests/rules/test_grammar_rules.py.
"""

from __future__ import annotations

import json
import os
import socket
import urllib.request
from pathlib import Path

import pytest

from newslint.checking.checker import Checker
from newslint.cli.main import main
from newslint.config.settings import Settings
from newslint.model.document import Document
from newslint.rules import builtin_rules
from newslint.rules.grammar import _languagetool as lt

G_RULES = sorted((r for r in builtin_rules() if r.code.startswith("G")), key=lambda r: r.code)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/v2/languages", timeout=10) as answer:
            return answer.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def server() -> str:
    url = os.environ.get(lt.ENV_URL, "")
    if url and _answers(url):
        return url
    reason = f"no LanguageTool server answers at ${lt.ENV_URL} ({url or 'unset'})"
    if os.environ.get("NEWSLINT_REQUIRE_LANGUAGETOOL"):
        pytest.fail(reason)
    pytest.skip(reason)


def check(text: str, lang: str, url: str, **settings) -> list:
    """The G findings on ``text``, as a run finds them (engine and plugins)."""
    given = Settings(select=("G",), **settings).with_plugin_settings(languagetool=url)
    doc = Document(text, "article.txt", lang=lang)
    return Checker(given, load_entry_points=False).check_document(doc)


def located(findings) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in findings]


FRENCH = (
    "Le Premier ministre a présenté mardi son projet de réforme.\n"
    "Le gouvernement a anoncé une réforme des retraites.\n"
    "Les ministres est arrivés hier soir à Paris.\n"
    "Nous avons reçu les document hier.\n"
)


def test_french_spelling_and_grammar_errors_at_their_line_and_column(server):
    findings = [f for f in check(FRENCH, "fr", server) if f.severity.value == "warning"]
    assert located(findings) == [
        ("G001", 2, 19),  # anoncé
        ("G002", 3, 15),  # est (→ sont)
        ("G002", 3, 19),  # arrivés
        ("G002", 4, 17),  # les document
    ]
    spelling = findings[0]
    assert FRENCH[spelling.start : spelling.end] == "anoncé"
    assert "[FR_SPELLING_RULE]" in spelling.message
    assert spelling.fix is not None and spelling.fix.safety == "unsafe"
    agreement = findings[1]
    assert agreement.message.startswith("'est' → 'sont': ")
    assert agreement.fix.edits[0].replacement == "sont"


ENGLISH = (
    "The minister spoke to reporters on Tuesday.\n"
    "The government has anounced a new plan.\n"
    "He go to the office every day.\n"
    "Anthony Blinken met Sergei Lavrov in Geneva.\n"
)


def test_english_spelling_and_grammar_errors_and_names_left_alone(server):
    findings = [f for f in check(ENGLISH, "en", server) if f.severity.value == "warning"]
    assert located(findings) == [("G001", 2, 20), ("G002", 3, 4)]
    assert findings[0].message.startswith("'anounced' → 'announced': ")
    assert "[MORFOLOGIK_RULE_EN_US]" in findings[0].message
    assert "[HE_VERB_AGR]" in findings[1].message


def test_columns_are_right_after_emoji_and_astral_characters(server):
    # LanguageTool counts UTF-16 code units: each of these is two of them
    text = "🇺🇦 Kyiv 😀 said it.\n𝒳 😀 The government has anounced 😀 a plan.\nHe go 🏠 home.\n"
    findings = [f for f in check(text, "en", server) if f.code in ("G001", "G002")]
    column = text.splitlines()[1].index("anounced") + 1
    assert column == 24  # characters, not UTF-16 units (that would be 26)
    assert located(findings) == [("G001", 2, column), ("G002", 3, 4)]
    assert [text[f.start : f.end] for f in findings] == ["anounced", "go"]


def test_long_texts_sent_in_pieces_keep_their_positions(server, monkeypatch):
    monkeypatch.setattr(lt, "MAX_CHARS", 120)
    text = "".join(
        f"Paragraph {n} of the story, where the government has anounced it.\n" for n in range(4)
    )
    findings = check(text, "en", server, options={"G001": {"ignore_repeated": 0}})
    assert located(f for f in findings if f.code == "G001") == [
        ("G001", n, 52) for n in range(1, 5)
    ]


def test_the_example_article_is_clean_at_warning_level_on_its_clean_lines(
    server, example_article, capsys
):
    out = Path(os.environ.get("TMPDIR", "/tmp")) / f"newslint-g-{os.getpid()}.json"
    argv = [str(example_article), "--extend-select", "G", "--format", "json", "--exit-zero"]
    assert main(["check", *argv, "--languagetool", server, "--output", str(out)]) == 0
    findings = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    g = [f for f in findings if f["code"].startswith("G")]
    assert {(f["code"], f["line"]) for f in g} >= {("G003", 7), ("G003", 8)}  # « » spacing
    loud = [f for f in g if f["severity"] != "info" and f["line"] in (1, 7, 8)]
    assert loud == []
    assert "newslint: warning" not in capsys.readouterr().err


def test_the_environment_variable_names_the_server(server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(lt.ENV_URL, server)
    article = tmp_path / "article.txt"
    article.write_text("The government has anounced a new plan.\n", encoding="utf-8")
    code = main(["check", str(article), "--select", "G", "--language", "en"])
    assert code == 1
    assert "G001 'anounced' → 'announced'" in capsys.readouterr().out


def test_the_dictionary_of_the_config_accepts_words(server, tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text("Le gouvernement a anoncé une réforme.\n", encoding="utf-8")
    config = tmp_path / "newslint.yaml"
    config.write_text(f"languagetool: {server}\ndictionary: [anoncé]\n", encoding="utf-8")
    argv = ["check", str(article), "--select", "G001", "--language", "fr", "--config"]
    assert main([*argv, str(config)]) == 0
    config.write_text(f"languagetool: {server}\n", encoding="utf-8")
    assert main([*argv, str(config)]) == 1
    assert "G001 'anoncé'" in capsys.readouterr().out


def test_default_rules_find_the_same_with_and_without_g(server, example_article, capsys):
    def codes(*extra: str) -> list[tuple[str, int, int]]:
        main(["check", str(example_article), "--format", "json", "--exit-zero", *extra])
        return [(f["code"], f["line"], f["column"]) for f in json.loads(capsys.readouterr().out)]

    without = codes()
    with_g = codes("--extend-select", "G", "--languagetool", server)
    assert [c for c in with_g if not c[0].startswith("G")] == without
    assert len(with_g) > len(without)


def test_an_unreachable_server_gives_one_message_and_changes_nothing_else(example_article, capsys):
    # needs no server: a loopback port where nothing listens
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    argv = ["check", str(example_article), "--format", "json", "--exit-zero"]
    assert main(argv) == 0
    without = capsys.readouterr()
    optional = ["--languagetool", dead, "--languagetool-optional"]
    assert main([*argv, "--extend-select", "G", *optional]) == 0
    with_g = capsys.readouterr()
    assert json.loads(with_g.out) == json.loads(without.out)
    assert with_g.err.count("newslint: warning:") == 1
    assert f"LanguageTool server at {dead} does not answer" in with_g.err
