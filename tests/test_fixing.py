"""Fixing: which fixes apply together (select_fixes), applying edits (apply_edits), and
the fix / re-lint loop (fix_text)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import pytest

from newslint.checking.checker import Checker
from newslint.fixing import edits as fixing
from newslint.fixing.edits import MAX_PASSES, apply_edits, fix_text, select_fixes
from newslint.model.document import Document
from newslint.model.finding import Edit, Finding, Fix, Severity

LEAD = (
    "Après une conversation téléphonique entre les chefs des affaires étrangères des "
    "États-Unis et de la Russie, Washington a admis ne pas avoir obtenu les engagements "
    "russes de désamorcer immédiatement la situation à la frontière ukrainienne."
)
BODY = (
    "Le secrétaire d'État américain Blinken et le ministre russe des Affaires étrangères "
    "Sergueï Lavrov se sont de nouveau entretenus au téléphone pour tenter de désamorcer "
    "une crise à haut risque."
)
HASHTAGS = "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes"


def finding(
    code: str,
    *edits: tuple[int, int, str] | tuple[int, int],
    safety: str = "safe",
    fixable: bool = True,
) -> Finding:
    """A finding of ``code`` whose fix makes ``edits`` ((start, end[, replacement]))."""
    made = tuple(Edit(*e) for e in edits)
    start = min((e.start for e in made), default=0)
    end = max((e.end for e in made), default=0)
    fix = Fix(made, f"fix {code}", safety) if fixable else None  # type: ignore[arg-type]
    return Finding(
        path="article.txt",
        record=None,
        line=1,
        column=start + 1,
        end_line=1,
        end_column=end + 1,
        code=code,
        rule=code.lower(),
        severity=Severity.WARNING,
        message=f"{code} at {start}",
        start=start,
        end=end,
        fix=fix,
    )


def codes(findings) -> list[str]:
    return [f.code for f in findings]


# ---------------------------------------------------------------------------- select_fixes


def test_findings_without_a_fix_are_never_selected():
    assert select_fixes([finding("E003", (0, 4), fixable=False)], unsafe=True) == []


def test_unsafe_fixes_are_selected_only_when_asked():
    safe, unsafe = finding("E004", (0, 1)), finding("M003", (5, 8), safety="unsafe")
    assert select_fixes([safe, unsafe], unsafe=False) == [safe]
    assert select_fixes([safe, unsafe], unsafe=True) == [safe, unsafe]


def test_fixes_that_do_not_overlap_are_all_selected_in_text_order():
    a, b, c = finding("H001", (20, 30)), finding("B001", (0, 10)), finding("E004", (10, 20))
    assert select_fixes([a, b, c], unsafe=False) == [b, c, a]  # touching ranges do not clash


def test_of_two_overlapping_fixes_the_one_that_starts_earlier_wins():
    early = finding("Z999", (0, 10))
    late = finding("A001", (5, 15))
    assert select_fixes([late, early], unsafe=False) == [early]
    assert select_fixes([early, late], unsafe=False) == [early]


def test_of_two_overlapping_fixes_that_start_together_the_lower_code_wins():
    d001 = finding("D001", (0, 40))
    e004 = finding("E004", (0, 1))
    assert select_fixes([e004, d001], unsafe=False) == [d001]
    assert select_fixes([d001, e004], unsafe=False) == [d001]


def test_a_dropped_fix_does_not_block_the_fixes_it_overlaps():
    first = finding("H001", (0, 10))
    dropped = finding("E002", (5, 15))  # overlaps first
    after = finding("E004", (12, 20))  # overlaps only the dropped one
    assert select_fixes([after, dropped, first], unsafe=False) == [first, after]


def test_the_selection_does_not_depend_on_the_order_of_the_findings():
    findings = [
        finding("D001", (10, 50)),
        finding("E004", (10, 11)),
        finding("B001", (40, 60)),
        finding("E002", (55, 60, "&")),
        finding("H001", (0, 10)),
    ]
    expected = select_fixes(findings, unsafe=False)
    assert codes(expected) == ["H001", "D001", "E002"]
    for order in itertools.permutations(findings):
        assert select_fixes(order, unsafe=False) == expected


def test_an_insertion_conflicts_with_an_insertion_at_the_same_point_and_inside_a_deletion():
    space = finding("M002", (7, 7, " "), safety="unsafe")
    other = finding("M099", (7, 7, "-"), safety="unsafe")
    deletion = finding("E005", (3, 12))
    assert select_fixes([other, space], unsafe=True) == [space]
    assert select_fixes([space, deletion], unsafe=True) == [deletion]
    elsewhere = finding("M002", (20, 20, " "), safety="unsafe")
    assert select_fixes([elsewhere, space], unsafe=True) == [space, elsewhere]


def test_a_fix_with_several_edits_is_taken_whole_or_not_at_all():
    both = finding("Q999", (0, 1, "«"), (30, 31, "»"))
    inside = finding("E004", (10, 11))  # between the two edits: no clash
    clash = finding("E005", (30, 32))  # on the second edit, starts later: dropped
    assert select_fixes([clash, inside, both], unsafe=False) == [both, inside]
    before = finding("B001", (25, 31))  # on the second edit, starts earlier... than it
    assert select_fixes([both, before], unsafe=False) == [both]  # ...but both starts at 0
    early = finding("A000", (0, 1))
    assert select_fixes([both, early], unsafe=False) == [early]  # same start, lower code


# ---------------------------------------------------------------------------- apply_edits


def test_edits_are_applied_at_the_offsets_of_the_original_text():
    text = "abcdef"
    edits = [Edit(1, 2, "XX"), Edit(4, 5, ""), Edit(6, 6, "!"), Edit(0, 0, ">")]
    assert apply_edits(text, edits) == ">aXXcdf!"
    for order in itertools.permutations(edits):
        assert apply_edits(text, order) == ">aXXcdf!"


def test_offsets_count_characters_not_bytes():
    text = "Élysée\u200b: déclaration"
    assert apply_edits(text, [Edit(6, 7)]) == "Élysée: déclaration"


def test_no_edits_leave_the_text_as_it_is():
    assert apply_edits("Le texte.", []) == "Le texte."


def test_edits_that_touch_are_both_applied():
    assert apply_edits("one two three", [Edit(0, 4), Edit(4, 8, "2 ")]) == "2 three"


# ---------------------------------------------------------------------------- fix_text


def peel(pattern: str, replacement: str, safety: str = "safe") -> Callable[[str], list[Finding]]:
    """A lint that proposes one fix per match of ``pattern`` (and counts its calls)."""
    regex = re.compile(pattern)

    def lint(text: str) -> list[Finding]:
        lint.calls += 1  # type: ignore[attr-defined]
        return [
            finding("T900", (m.start(), m.end(), replacement), safety=safety)
            for m in regex.finditer(text)
        ]

    lint.calls = 0  # type: ignore[attr-defined]
    return lint


def test_a_text_without_fixable_findings_is_linted_once_and_returned_as_it_is():
    lint = peel("nothing-to-see", "")
    result = fix_text("Le texte.", lint)
    assert (result.text, result.applied, result.remaining, lint.calls) == ("Le texte.", (), (), 1)


def test_fixes_are_applied_until_the_text_is_stable():
    # Each pass removes the "a" before "b", which uncovers the next one.
    lint = peel("ab", "b")
    result = fix_text("aaab", lint)
    assert result.text == "b"
    assert codes(result.applied) == ["T900"] * 3
    assert result.remaining == ()
    assert lint.calls == 4  # three fixing passes and the lint that finds nothing more


def test_the_fix_loop_stops_after_max_passes():
    lint = peel("ab", "b")
    result = fix_text("a" * (MAX_PASSES + 2) + "b", lint)
    assert result.text == "aab"  # MAX_PASSES letters peeled, two left
    assert len(result.applied) == MAX_PASSES
    assert lint.calls == MAX_PASSES + 1
    assert codes(result.remaining) == ["T900"]  # the findings of the text returned
    assert result.remaining[0].fix.edits == (Edit(1, 3, "b"),)


def test_max_passes_is_read_at_call_time(monkeypatch):
    monkeypatch.setattr(fixing, "MAX_PASSES", 1)
    assert fix_text("aaab", peel("ab", "b")).text == "aab"


def test_all_non_overlapping_fixes_of_a_pass_are_applied_together():
    lint = peel(r"\u200b+", "")
    result = fix_text("a\u200bb\u200b\u200bc\u200b", lint)
    assert result.text == "abc"
    assert len(result.applied) == 3
    assert lint.calls == 2


def test_unsafe_fixes_are_applied_only_when_asked():
    lint = peel(r"\ble le\b", "le", safety="unsafe")
    text = "Il a rencontré le le ministre."
    assert fix_text(text, lint).text == text
    assert codes(fix_text(text, lint).remaining) == ["T900"]
    assert fix_text(text, lint, unsafe=True).text == "Il a rencontré le ministre."


# ---------------------------------------------------------------------------- real rules


@pytest.fixture(scope="module")
def lint() -> Callable[..., Callable[[str], list[Finding]]]:
    """``lint(lang=...)``: the lint function of a default run for a plain text file."""
    checker = Checker(load_entry_points=False)

    def make(lang: str | None = "fr", title: str | None = None) -> Callable[[str], list[Finding]]:
        template = Document("", "article.txt", lang=lang, title=title)
        return lambda text: checker.check_document(template.with_text(text))

    return make


def test_real_rules_remove_a_hashtag_line_and_a_repeated_lead(lint):
    text = f"{LEAD}\n{HASHTAGS}\n{LEAD}\n{BODY}\n"
    result = fix_text(text, lint())
    assert result.text == f"{LEAD}\n{BODY}\n"
    assert sorted(codes(result.applied)) == ["D001", "H001"]
    assert not any(f.fix for f in result.remaining)


def test_a_fix_can_uncover_another_one_in_the_next_pass(lint):
    # The entity decodes to a zero-width space, which the next pass deletes.
    text = f"{LEAD}\n{BODY.replace('Lavrov', 'Lavrov&#8203;')}\n"
    result = fix_text(text, lint())
    assert result.text == f"{LEAD}\n{BODY}\n"
    assert codes(result.applied) == ["E002", "E004"]


def test_a_mojibake_paragraph_is_repaired_not_deleted(lint):
    garbled = BODY.encode("utf-8").decode("cp1252", errors="ignore")
    result = fix_text(f"{LEAD}\n{garbled}\n", lint())
    assert codes(result.applied) == ["E001"]
    assert result.text == f"{LEAD}\n{BODY}\n"


def test_the_doubled_word_of_real_rules_is_an_unsafe_fix(lint):
    text = f"Il a rencontré le le ministre des affaires étrangères mardi.\n{BODY}\n"
    assert fix_text(text, lint()).text == text
    fixed = fix_text(text, lint(), unsafe=True)
    assert fixed.text == text.replace("le le", "le")
    assert codes(fixed.applied) == ["M003"]


def test_crlf_line_breaks_go_with_the_deleted_line(lint):
    text = f"{LEAD}\r\n{HASHTAGS}\r\n{BODY}\r\n"
    assert fix_text(text, lint()).text == f"{LEAD}\r\n{BODY}\r\n"


def test_deleting_the_last_line_adds_no_final_line_break(lint):
    result = fix_text(f"{LEAD}\n{BODY}\n{HASHTAGS}", lint())
    assert codes(result.applied) == ["H001"]
    assert result.text == f"{LEAD}\n{BODY}"
