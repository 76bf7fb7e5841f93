"""Document: one article's text plus cheap views (lines, paragraphs, words)
computed once and shared by every rule."""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, compress, count, repeat
from operator import add, sub
from typing import TYPE_CHECKING, Any, TypeVar

from newslint.model import language, reflow
from newslint.model.stash import Stash

if TYPE_CHECKING:
    from collections.abc import Callable

    from newslint.model.facts import DocumentFacts

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the document text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Line(Span):
    """One line of the text (without its line break); ``number`` is 1-based."""

    number: int


@dataclass(frozen=True, slots=True)
class Paragraph(Span):
    """A paragraph as written: one non-blank line, or hard-wrapped lines that continue
    one sentence (see :mod:`newslint.model.reflow`). ``text`` is the document's text from its
    first line's start to its last line's end, line breaks included (offsets into it are
    offsets of the document); ``first`` and ``last`` are the 1-based numbers of those
    lines."""

    first: int
    last: int

    @property
    def joined(self) -> str:
        """The text with its lines joined by a space, as one line."""
        if self.first == self.last:
            return self.text.strip()
        return " ".join(line.strip() for line in self.text.splitlines())


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Something wrong with the input itself (undecodable bytes, missing field...)."""

    message: str
    offset: int = 0
    code: str = "X001"


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")

_WORD = re.compile(r"[^\W_](?:[\w'’\-]*[^\W_])?")


@dataclass(eq=False)
class Document:
    """An article to lint.

    ``path`` is the file the document comes from; in a multi-article file (JSONL,
    Parquet, CSV) ``record_number`` is the record's 1-based line (JSONL) or row, and
    ``record`` its id when the input has one. Both are None for a plain text file.
    ``lang`` is the language given by the input; :attr:`language` falls back to
    detection when it is missing.
    """

    text: str
    path: str
    record: str | None = None
    record_number: int | None = None
    title: str | None = None
    lang: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    problems: tuple[InputProblem, ...] = ()
    #: what the corpus stage found about this record (copies, recurring lines), for the
    #: corpus rules; None when the document is not checked as part of a corpus
    facts: DocumentFacts | None = None
    #: what plugins learn about this document during its check (typed by their keys)
    stash: Stash = field(default_factory=Stash, init=False, repr=False)
    _views: dict[Callable[[Document], Any], Any] = field(
        default_factory=dict, init=False, repr=False
    )

    def view(self, compute: Callable[[Document], T]) -> T:
        """``compute(self)``, computed on first use and shared by every rule that asks:
        the way rules share a pass over the text (a structure, a phrase scan)."""
        views = self._views
        if compute in views:
            return views[compute]  # type: ignore[no-any-return]
        found = views[compute] = compute(self)
        return found

    @cached_property
    def language(self) -> str | None:
        """ISO 639 code given by the input, else detected; None when unsure. A given
        value that is not a language tag ("ær", "n/a") counts as not given."""
        if self.lang:
            code = self.lang.strip().lower().split("-")[0].split("_")[0]
            if _LANGUAGE_CODE.fullmatch(code):
                return code
        return language.detect(self.text)

    @cached_property
    def line_texts(self) -> list[str]:
        """The text of every line, blank ones included, without line breaks: the
        ``text`` of :attr:`lines` without building Line objects."""
        text = self.text
        return _LINE_BREAK.split(text) if "\r" in text else text.split("\n")

    @cached_property
    def line_starts(self) -> list[int]:
        """Offset where each line starts."""
        # A line starts where the previous one started, plus its length and its break's.
        text = self.text
        lengths = map(len, self.line_texts[:-1])
        breaks = map(len, _LINE_BREAK.findall(text)) if "\r" in text else repeat(1)
        return list(accumulate(map(add, lengths, breaks), initial=0))

    @cached_property
    def lines(self) -> list[Line]:
        """Every line, blank ones included, without line breaks."""
        texts = self.line_texts
        starts = self.line_starts
        ends = map(add, starts, map(len, texts))
        return list(map(Line, starts, ends, texts, range(1, len(texts) + 1)))

    @cached_property
    def paragraph_numbers(self) -> list[int]:
        """Numbers (1-based) of the non-blank lines: those of :attr:`paragraphs`, without
        building Line objects."""
        return list(compress(count(1), map(str.strip, self.line_texts)))

    @cached_property
    def paragraphs(self) -> list[Line]:
        """Non-blank lines. Scraped news puts one paragraph per line, so a line is the unit."""
        if "lines" in self.__dict__:
            return [self.lines[number - 1] for number in self.paragraph_numbers]
        # Build only these Line objects: many rules need the paragraphs, few every line.
        numbers = self.paragraph_numbers
        texts = list(map(self.line_texts.__getitem__, map(sub, numbers, repeat(1))))
        starts = list(map(self.line_starts.__getitem__, map(sub, numbers, repeat(1))))
        ends = map(add, starts, map(len, texts))
        return list(map(Line, starts, ends, texts, numbers))

    @cached_property
    def paragraph_groups(self) -> list[tuple[int, int]]:
        """The paragraphs as written (:attr:`reflowed_paragraphs`) as (first, last)
        indexes into :attr:`paragraph_numbers`, without building Paragraph objects."""
        return reflow.block_groups(self.line_texts, self.paragraph_numbers, self.language)

    @cached_property
    def reflowed_paragraphs(self) -> list[Paragraph]:
        """Paragraphs as written: the non-blank lines, hard-wrapped lines that continue
        one sentence joined into one (:mod:`newslint.model.reflow`). Rules that judge
        sentences, quotations or the shape of a paragraph read these; their findings
        still point at the physical lines."""
        numbers = self.paragraph_numbers
        if len(self.paragraph_groups) == len(numbers):  # nothing joined: the usual case
            return [
                Paragraph(line.start, line.end, line.text, line.number, line.number)
                for line in self.paragraphs
            ]
        text, starts, texts = self.text, self.line_starts, self.line_texts
        found = []
        for first, last in self.paragraph_groups:
            start = starts[numbers[first] - 1]
            end = starts[numbers[last] - 1] + len(texts[numbers[last] - 1])
            found.append(Paragraph(start, end, text[start:end], numbers[first], numbers[last]))
        return found

    @cached_property
    def words(self) -> list[Span]:
        return [Span(m.start(), m.end(), m.group()) for m in _WORD.finditer(self.text)]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Sent to worker processes: the input only (4x faster to pickle than the
        # instance's dict); the views are computed again where they are needed.
        fields = (self.text, self.path, self.record, self.record_number, self.title)
        return Document, (*fields, self.lang, self.metadata, self.problems, self.facts)

    def with_text(self, text: str) -> Document:
        """This document with another text (a repaired one): same source and fields,
        views computed afresh."""
        return dataclasses.replace(self, text=text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_span(self, number: int, with_break: bool = False) -> tuple[int, int]:
        """Offsets of line ``number`` (1-based), optionally with its line break."""
        starts = self.line_starts
        start = starts[number - 1]
        if not with_break:
            return start, start + len(self.line_texts[number - 1])
        end = starts[number] if number < len(starts) else len(self.text)
        return start, end
