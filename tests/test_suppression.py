"""Inline suppression comments (text and Markdown) and per-file-ignores, applied by the
engine's one check path (newslint.checking.suppression)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.checking.checker import Checker
from newslint.checking.suppression import ignored_codes
from newslint.config.settings import Settings
from newslint.model.document import Document

HASHTAGS = "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes #russesfrontière"
RELATED = "Lire aussi Affrontement entre la Russie et les États-Unis à l'ONU"
BODY = "Le secrétaire d'État américain et le ministre russe se sont entretenus au téléphone."


@pytest.fixture
def check():
    selected = Settings(select=("H001", "B001", "E003", "T005"))
    default = Checker(selected, load_entry_points=False)

    def run(text: str, path: str = "article.md", settings: Settings | None = None):
        document = Document(text, path, lang="fr")
        checker = (
            default
            if settings is None
            else Checker(settings.with_overrides(select=selected.select), load_entry_points=False)
        )
        findings = checker.check_document(document)
        return [(f.line, f.code) for f in findings]

    return run


def test_without_comments_everything_is_found(check):
    assert check(f"{BODY}\n{HASHTAGS}\n{RELATED}\n{BODY}\n") == [(2, "H001"), (3, "B001")]


def test_disable_and_enable_comments_bound_a_region(check):
    text = (
        f"{BODY}\n<!-- newslint-disable H001 -->\n{HASHTAGS}\n{RELATED}\n"
        f"<!-- newslint-enable -->\n{HASHTAGS}\n{BODY}\n"
    )
    assert check(text) == [(4, "B001"), (6, "H001")]


def test_disable_without_codes_drops_every_code_to_the_end(check):
    text = f"{BODY}\n{HASHTAGS}\n<!-- newslint-disable -->\n{RELATED}\n{HASHTAGS}\n"
    assert check(text) == [(2, "H001")]


def test_disable_takes_prefixes_and_several_codes(check):
    text = f"<!-- newslint-disable H, B001 -->\n{HASHTAGS}\n{RELATED}\n{BODY}\n"
    assert check(text) == []


def test_enable_with_a_code_reenables_that_code_only(check):
    text = (
        f"<!-- newslint-disable H001 B001 -->\n{HASHTAGS}\n<!-- newslint-enable H001 -->\n"
        f"{HASHTAGS}\n{RELATED}\n{BODY}\n"
    )
    assert check(text) == [(4, "H001")]


@pytest.mark.parametrize(
    "comment",
    ["newslint: ignore[B001]", "<!-- newslint: ignore[B001] -->", "newslint:ignore[b001, H]"],
)
def test_ignore_at_the_end_of_a_line(check, comment):
    text = f"{BODY}\n{RELATED} {comment}\n{RELATED}\n{BODY}\n"
    assert check(text) == [(3, "B001")]


def test_ignore_without_codes_drops_every_code_of_its_line(check):
    assert check(f"{BODY}\n{HASHTAGS} newslint: ignore\n{BODY}\n") == []


def test_ignore_elsewhere_than_the_end_of_a_line_does_nothing(check):
    text = f"{BODY}\n{HASHTAGS} newslint: ignore[H001] suite\n{BODY}\n"
    assert check(text) == [(2, "H001")]


def test_the_comments_are_not_seen_by_the_rules(check):
    # Neither HTML markup (E003) nor a last paragraph without a full stop (T005).
    text = f"<!-- newslint-disable H001 -->\n{HASHTAGS}\n{BODY}\n<!-- newslint-enable -->\n"
    assert check(text) == []


def test_a_plain_text_file_honours_the_same_comments(check):
    assert check(f"{BODY}\n{HASHTAGS} newslint: ignore[H]\n{BODY}\n", path="article.txt") == []


def test_per_file_ignores_turn_rules_off_by_glob(check, tmp_path):
    config = tmp_path / "newslint.yaml"
    settings = Settings(
        per_file_ignores=(("archive/**", ("H",)), ("*.md", ("B001",))), config_path=config
    )
    text = f"{BODY}\n{HASHTAGS}\n{RELATED}\n{BODY}\n"
    archived = str(tmp_path / "archive" / "2019" / "a.txt")
    assert check(text, archived, settings) == [(3, "B001")]
    assert check(text, str(tmp_path / "live" / "a.md"), settings) == [(2, "H001")]
    assert check(text, str(tmp_path / "live" / "a.txt"), settings) == [(2, "H001"), (3, "B001")]


def test_globs_match_relative_paths_and_bare_file_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ignores = (("data/*.jsonl", ("D",)), ("notes.md", ("Q",)))
    assert ignored_codes("data/corpus.jsonl", ignores, "") == ("D",)
    assert ignored_codes("./data/corpus.jsonl", ignores, "") == ("D",)
    assert ignored_codes(str(Path("deep/notes.md")), ignores, "") == ("Q",)
    assert ignored_codes("other/corpus.jsonl", ignores, "") == ()
