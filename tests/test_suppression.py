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


ARTICLE = (
    "The space agency said on Tuesday that the telescope had captured the most detailed "
    "images yet of a distant galaxy cluster, showing light bent by the gravity of dark "
    "matter.\n"
    "Scientists involved in the project said the observations would help them understand "
    "how galaxies formed in the early universe and how they have changed since.\n"
    "The telescope, launched two years ago, has already exceeded the expectations of the "
    "engineers who built it, the agency said in a statement.\n"
)
LINKS = (
    "- 15 Amazing Images of Stars\n"
    "- 11 Fascinating Facts About Our Milky Way Galaxy\n"
    "- The 11 Biggest Unanswered Questions About Dark Matter\n"
)


def _checker(*select: str, **settings: object) -> Checker:
    return Checker(Settings(select=select, **settings), load_entry_points=False)  # type: ignore[arg-type]


@pytest.fixture
def check_blocks():
    checker = _checker("B", "Q004")

    def run(text: str, lang: str) -> list[tuple[int, int, str]]:
        findings = checker.check_document(Document(text, "a.txt", lang=lang))
        return [(f.line, f.end_line, f.code) for f in findings]

    return run


def test_an_ignore_of_b001_covers_the_navigation_block_that_starts_on_its_line(check_blocks):
    """``newslint: ignore[B001]`` on a "Related:" header says the line belongs to the
    article: the B015 block of links that starts there goes too, whole. (Unsuppressed,
    the header and its links are one defect, one finding: the block.)"""
    assert check_blocks(f"{ARTICLE}Related:\n{LINKS}", "en") == [(4, 7, "B015")]
    assert check_blocks(f"{ARTICLE}Related:   newslint: ignore[B001]\n{LINKS}", "en") == []


def test_an_ignore_covers_a_block_on_its_line_only_for_the_family_it_names(
    check_blocks, example_article
):
    lines = example_article.read_text(encoding="utf-8").split("\n")
    assert lines[4].startswith("Lire aussi")
    found = check_blocks("\n".join(lines), "fr")
    assert [f for f in found if f[0] == 5] == [(5, 5, "B001")]
    lines[4] += "   newslint: ignore[Q004]"  # another family: the block stays
    found = check_blocks("\n".join(lines), "fr")
    assert [f for f in found if f[0] == 5] == [(5, 5, "B001")]
    lines[4] = lines[4].replace("Q004", "B001")
    assert not [f for f in check_blocks("\n".join(lines), "fr") if f[0] == 5]


def test_a_block_that_starts_on_another_line_is_not_covered(check_blocks):
    text = f"{ARTICLE}Related:\n- 15 Amazing Images of Stars   newslint: ignore[B001]\n{LINKS}"
    assert (4, 8, "B015") in check_blocks(text, "en")


def test_a_disable_of_every_code_then_an_enable_of_one_code_turns_it_back_on(check):
    text = (
        f"<!-- newslint-disable -->\n{HASHTAGS}\n{RELATED}\n"
        f"<!-- newslint-enable H001 -->\n{HASHTAGS}\n{RELATED}\n"
        f"<!-- newslint-disable H -->\n{HASHTAGS}\n<!-- newslint-enable -->\n{RELATED}\n"
    )
    assert check(text) == [(5, "H001"), (10, "B001")]


def test_comments_inside_corpus_records_suppress_nothing_unless_allowed():
    checker = _checker("H001")
    text = f"<!-- newslint-disable -->\n{BODY}\n{HASHTAGS}\n{BODY} newslint: ignore\n"

    def record() -> Document:
        return Document(text, "corpus.jsonl", record="a1", record_number=1, lang="fr")

    assert [f.code for f in checker.check_document(record())] == ["H001"]
    assert checker.check_document(Document(text, "a.txt", lang="fr")) == []
    assert _checker("H001", record_suppressions=True).check_document(record()) == []


def test_thousands_of_comments_cost_their_number_not_its_square():
    """A file that carries a comment on every line (a hostile one, or a generated one)
    is checked in one sweep: its comments cost about what its findings do. CPU time
    in the same process, a ratio, not a time limit."""
    import time

    checker = _checker("H001")
    lines = [f"{HASHTAGS}\n" for _ in range(5000)]
    commented = [
        f"<!-- newslint-disable Z{n} -->\n{HASHTAGS} newslint: ignore[Q{n}]\n" for n in range(5000)
    ]

    def cpu(text: str) -> tuple[float, int]:
        start = time.process_time()
        found = checker.check_document(Document(text, "a.txt", lang="fr"))
        return time.process_time() - start, len(found)

    plain, plain_count = cpu("".join(lines))
    with_comments, count = cpu("".join(commented))
    assert count == plain_count == 5000
    assert with_comments < 3 * plain + 1.0, f"{with_comments:.1f} s against {plain:.1f} s"
