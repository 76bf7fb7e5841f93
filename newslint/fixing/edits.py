"""Applies the fixes rules attach to findings: picks the applicable ones, drops those
that overlap, applies the edits from the end, and re-lints until the text is stable."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from newslint.model.finding import Edit, Finding, Fix

#: Fix, re-lint, fix again: at most this many passes (fixes can uncover others, e.g. a
#: deleted hashtag line makes the lead and its copy adjacent).
MAX_PASSES = 4


@dataclass(frozen=True)
class FixResult:
    text: str
    applied: tuple[Finding, ...]  # the findings whose fixes were applied, in all passes
    remaining: tuple[Finding, ...]  # the findings of the final text
    #: how many of ``applied`` were findings of the text as it was read (the first
    #: pass); the others appeared once earlier fixes were applied
    reported: int = 0


def applicable(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (unsafe or finding.fix.safety == "safe")


def select_fixes(findings: Iterable[Finding], unsafe: bool) -> list[Finding]:
    """The findings whose fixes can be applied together: no two fixes touch the same
    text. Earlier fixes in the text win, then the lower code (a stable order)."""
    candidates = sorted(
        (f for f in findings if applicable(f, unsafe)),
        key=lambda f: (_bounds(f.fix)[0], f.code, _bounds(f.fix)[1]),  # type: ignore[arg-type]
    )
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for finding in candidates:
        assert finding.fix is not None
        edits = [(e.start, e.end) for e in finding.fix.edits]
        if any(_overlap(edit, other) for edit in edits for other in taken):
            continue
        chosen.append(finding)
        taken.extend(edits)
    return chosen


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied (from the end, so offsets hold)."""
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def fix_text(text: str, lint: Callable[[str], list[Finding]], unsafe: bool = False) -> FixResult:
    """Lint ``text``, apply what can be fixed, and repeat until nothing more is fixable
    (at most MAX_PASSES times)."""
    applied: list[Finding] = []
    findings = lint(text)
    reported = 0
    for number in range(MAX_PASSES):
        chosen = select_fixes(findings, unsafe)
        if not chosen:
            break
        fixed = apply_edits(text, (edit for f in chosen for edit in f.fix.edits))  # type: ignore[union-attr]
        text = _keep_final_break(text, fixed)
        applied.extend(chosen)
        reported = len(chosen) if number == 0 else reported
        findings = lint(text)
    return FixResult(text, tuple(applied), tuple(findings), reported)


def _keep_final_break(before: str, after: str) -> str:
    """``after``, without the final line break ``before`` did not have: deleting the last
    line (which has no line break) leaves the line break of the line before it."""
    if before.endswith(("\n", "\r")) or not after.endswith(("\n", "\r")):
        return after
    return after[:-2] if after.endswith("\r\n") else after[:-1]


def _bounds(fix: Fix) -> tuple[int, int]:
    return min(e.start for e in fix.edits), max(e.end for e in fix.edits)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # Two insertions at the same point, or ranges that share a character, conflict.
    if a[0] == a[1] or b[0] == b[1]:
        return b[0] <= a[0] <= b[1] or a[0] <= b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]
