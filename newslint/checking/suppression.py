"""Which findings a document's own comments and the config's ``per-file-ignores`` drop.

Inline, in text and Markdown alike (the engine applies them to every document a person
edits, so the command line, the Python API and the language server agree):

- ``<!-- newslint-disable D001,H -->`` ... ``<!-- newslint-enable -->``: no D001 or H
  finding starts between the two comments (``newslint-disable`` alone: no finding at
  all; ``newslint-enable D001`` turns D001 back on, also after a ``newslint-disable``
  of every code; without an enable, to the end). Where comments disagree about a code,
  the last one that names it (or its prefix) wins;
- ``newslint: ignore[D001]`` at the end of a line (optionally inside ``<!-- -->``): no
  D001 finding starts on that line; ``newslint: ignore`` alone drops every code there.
  It also drops a finding of the same family that covers the whole line from its start,
  such as the B015 block of navigation that starts on a line whose B001 is ignored: the
  comment says the line belongs to the article.

Codes are codes or prefixes, as in ``--ignore``. Rules never see the comments
themselves (they are blanked out before the rules run, offsets unchanged), so a comment
is not reported as HTML markup nor taken for the article's last paragraph.

Records of a corpus (JSONL, CSV, Parquet, the API's records) are scraped text, not
files a person edits: comments in them are linted like any text and suppress nothing,
unless the settings say ``record-suppressions: true``. Otherwise a page could switch
the linter off for itself.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path

from newslint.config.settings import Settings
from newslint.model.document import Document
from newslint.model.finding import Finding
from newslint.model.rule import Rule

#: The substring every directive contains: documents without it cost one scan.
MARKER = "newslint"
_RANGE = re.compile(
    r"<!--[ \t]*newslint-(?P<verb>disable|enable)(?P<codes>[ \t]+[A-Za-z0-9, \t]*?)?[ \t]*-->"
)
_LINE = re.compile(
    r"(?:<!--[ \t]*)?newslint:[ \t]*ignore(?:\[(?P<codes>[A-Za-z0-9, \t]*)\])?[ \t]*(?:-->)?[ \t]*$"
)
_FAMILY = re.compile(r"[A-Z]+")

#: What the range comments decided so far: selector ("" for every code) -> (suppressed,
#: when). For a code, the latest decision among its prefixes holds.
_Decisions = dict[str, tuple[bool, int]]


@dataclass(frozen=True, slots=True)
class _Range:
    """A ``newslint-disable`` or ``newslint-enable`` comment: where it is, what it says."""

    start: int
    end: int
    disable: bool
    selectors: tuple[str, ...]  # ("",): every code


def _decided(code: str, decisions: _Decisions, undone: _Decisions | None = None) -> bool:
    """Whether ``code`` is suppressed: by the latest decision about one of its prefixes
    (``undone``: the decisions the last comment replaced, to judge as before it)."""
    latest = (False, -1)
    for size in range(len(code) + 1):
        prefix = code[:size]
        if undone is not None and prefix in undone:
            decision = undone[prefix]
        else:
            decision = decisions.get(prefix, latest)
        if decision[1] > latest[1]:
            latest = decision
    return latest[0]


@dataclass(frozen=True, slots=True)
class _LineIgnore:
    """A ``newslint: ignore`` line: from its start to the start of the next line."""

    start: int
    end: int
    text_end: int  # where the line's text ends (before its line break)
    codes: tuple[str, ...]  # empty: every code

    def suppresses(self, finding: Finding) -> bool:
        if not self.start <= finding.start < self.end:
            return False
        if not self.codes or any(finding.code.startswith(c) for c in self.codes):
            return True
        # A block (B015, B016...) that starts on the line and covers it, of a family the
        # comment names: the same line seen as part of a run of lines.
        covers_line = finding.start == self.start and finding.end >= self.text_end
        return covers_line and _family(finding.code) in {_family(c) for c in self.codes}


def _family(code: str) -> str:
    found = _FAMILY.match(code)
    return found.group() if found else code


@dataclass(frozen=True)
class Inline:
    """The suppression comments of one document."""

    ranges: tuple[_Range, ...]  # in the order of the text
    lines: tuple[_LineIgnore, ...]  # in the order of the text
    directives: tuple[tuple[int, int], ...]  # spans of the comments themselves

    def masked(self, document: Document) -> Document:
        """``document`` with its directives blanked out (same length, so offsets hold):
        rules must not see them (as HTML markup, as a last paragraph without a full
        stop...), as a Markdown reader does not."""
        text = document.text
        pieces, last = [], 0
        for start, end in sorted(self.directives):
            pieces += [text[last:start], " " * (end - start)]
            last = end
        pieces.append(text[last:])
        return document.with_text("".join(pieces))

    def apply(self, findings: list[Finding], text_length: int) -> list[Finding]:
        """``findings`` without those the comments suppress: one sweep of the text, so
        that thousands of comments and findings cost their number, not its square."""
        dropped = set()
        line_starts = [line.start for line in self.lines]
        decisions: _Decisions = {}
        undone: _Decisions = {}  # what the last range comment replaced
        applied, last_end = 0, -1
        for index in sorted(range(len(findings)), key=lambda i: findings[i].start):
            finding = findings[index]
            while applied < len(self.ranges) and self.ranges[applied].start <= finding.start:
                comment = self.ranges[applied]
                undone = {s: decisions.get(s, (False, -1)) for s in comment.selectors}
                decisions.update((s, (comment.disable, applied)) for s in comment.selectors)
                applied, last_end = applied + 1, comment.end
            line = bisect.bisect_right(line_starts, finding.start) - 1
            if (
                (line >= 0 and self.lines[line].suppresses(finding))
                or _decided(finding.code, decisions)
                # inside the last comment (blanked): as before it, too
                or (finding.start < last_end and _decided(finding.code, decisions, undone))
            ):
                dropped.add(index)
        return [f for i, f in enumerate(findings) if i not in dropped]


def parse(document: Document, settings: Settings | None = None) -> Inline | None:
    """The document's suppression comments, or None when it has none (or is a corpus
    record and ``settings`` do not let records carry suppressions)."""
    text = document.text
    if MARKER not in text:
        return None
    if document.record_number is not None and not (settings and settings.record_suppressions):
        return None
    ranges, directives = _ranges(text)
    lines = []
    for number, line in enumerate(document.line_texts, start=1):
        found = _LINE.search(line) if MARKER in line else None
        if found:
            start, end = document.line_span(number, with_break=True)
            text_end = start + len(line)
            lines.append(_LineIgnore(start, end, text_end, _codes(found["codes"])))
            directives.append((start + found.start(), start + found.end()))
    if not directives:
        return None
    return Inline(tuple(ranges), tuple(lines), tuple(directives))


def _ranges(text: str) -> tuple[list[_Range], list[tuple[int, int]]]:
    """The ``newslint-disable`` / ``newslint-enable`` comments, and their spans."""
    ranges = [
        _Range(m.start(), m.end(), m["verb"] == "disable", _codes(m["codes"]) or ("",))
        for m in _RANGE.finditer(text)
    ]
    return ranges, [(r.start, r.end) for r in ranges]


def _codes(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(part.strip().upper() for part in re.split(r"[,\s]+", text) if part.strip())


def rules_for(document: Document, rules: list[Rule], settings: Settings) -> list[Rule]:
    """``rules`` less those ``per-file-ignores`` turns off for the document's file."""
    ignored = _ignored_here(document, settings)
    if not ignored:
        return rules
    return [rule for rule in rules if not _matches_any(rule.code, ignored)]


def drop_per_file(document: Document, findings: list[Finding], settings: Settings) -> list[Finding]:
    """``findings`` less those ``per-file-ignores`` turns off (the engine's own findings,
    X003 or X900, which no rule of ``rules_for`` stands for)."""
    ignored = _ignored_here(document, settings)
    if not ignored:
        return findings
    return [f for f in findings if not _matches_any(f.code, ignored)]


def _ignored_here(document: Document, settings: Settings) -> tuple[str, ...]:
    if not settings.per_file_ignores:
        return ()
    base = settings.config_path.parent if settings.config_path else None
    return ignored_codes(document.path, settings.per_file_ignores, str(base or ""))


def _matches_any(code: str, selectors: Iterable[str]) -> bool:
    return any(code.startswith("" if s == "ALL" else s) for s in selectors)


@lru_cache(maxsize=4096)
def ignored_codes(
    path: str, per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...], base: str
) -> tuple[str, ...]:
    """The codes ``per-file-ignores`` ignores in ``path``. A glob matches the path
    relative to ``base`` (the config file's folder; the current folder when there is
    none or the file is outside it), or, without a ``/``, the file name alone."""
    candidates = _relative_forms(path, base)
    codes: list[str] = []
    for glob, selected in per_file_ignores:
        pattern = glob.removeprefix("./")
        if any(fnmatchcase(candidate, pattern) for candidate in candidates):
            codes.extend(selected)
    return tuple(codes)


def _relative_forms(path: str, base: str) -> list[str]:
    forms = [path.replace(os.sep, "/").removeprefix("./"), Path(path).name]
    absolute = os.path.abspath(path)
    for folder in (base, os.getcwd()):
        if folder:
            relative = os.path.relpath(absolute, folder)
            if not relative.startswith(".."):
                forms.append(relative.replace(os.sep, "/"))
    return forms
