"""Which findings a document's own comments and the config's ``per-file-ignores`` drop.

Inline, in text and Markdown alike (the engine applies them to every document, so the
command line, the Python API and the language server agree):

- ``<!-- newslint-disable D001,H -->`` ... ``<!-- newslint-enable -->``: no D001 or H
  finding starts between the two comments (``newslint-disable`` alone: no finding at
  all; ``newslint-enable D001`` re-enables D001 only; without an enable, to the end);
- ``newslint: ignore[D001]`` at the end of a line (optionally inside ``<!-- -->``): no
  D001 finding starts on that line; ``newslint: ignore`` alone drops every code there.

Codes are codes or prefixes, as in ``--ignore``. Rules never see the comments
themselves (they are blanked out before the rules run, offsets unchanged), so a comment
is not reported as HTML markup nor taken for the article's last paragraph.
"""

from __future__ import annotations

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


@dataclass(frozen=True, slots=True)
class _Region:
    start: int
    end: int
    codes: tuple[str, ...]  # empty: every code


@dataclass(frozen=True)
class Inline:
    """The suppression comments of one document."""

    regions: tuple[_Region, ...]
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
        """``findings`` without those the comments suppress."""
        return [f for f in findings if not self._suppresses(f, text_length)]

    def _suppresses(self, finding: Finding, text_length: int) -> bool:
        start = finding.start
        return any(
            (r.start <= start < r.end or start == r.end == text_length)
            and (not r.codes or any(finding.code.startswith(c) for c in r.codes))
            for r in self.regions
        )


def parse(document: Document) -> Inline | None:
    """The document's suppression comments, or None when it has none."""
    text = document.text
    if MARKER not in text:
        return None
    regions: list[_Region] = []
    directives: list[tuple[int, int]] = []
    # selector ("" for every code) -> where its disable comment starts
    disabled: dict[str, int] = {}
    for match in _RANGE.finditer(text):
        directives.append(match.span())
        selectors = _codes(match["codes"]) or ("",)
        if match["verb"] == "disable":
            for selector in selectors:
                disabled.setdefault(selector, match.start())
            continue
        closing = list(disabled) if selectors == ("",) else selectors
        for selector in closing:
            if selector in disabled:
                regions.append(_Region(disabled.pop(selector), match.end(), _tuple(selector)))
    regions.extend(_Region(start, len(text), _tuple(sel)) for sel, start in disabled.items())
    for number, line in enumerate(document.line_texts, start=1):
        found = _LINE.search(line) if MARKER in line else None
        if found:
            start, end = document.line_span(number, with_break=True)
            regions.append(_Region(start, end, _codes(found["codes"])))
            directives.append((start + found.start(), start + found.end()))
    if not directives:
        return None
    return Inline(tuple(regions), tuple(directives))


def _codes(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(part.strip().upper() for part in re.split(r"[,\s]+", text) if part.strip())


def _tuple(selector: str) -> tuple[str, ...]:
    return (selector,) if selector else ()


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
