"""Where the documents of a run come from: the paths of the command line (files,
folders, globs, standard input), or records handed over by a program. A source says
whether it is a corpus (several articles to compare, for the corpus rules) and whether
it can be read twice (two passes of the corpus stage) or once (standard input, a
stream of records)."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from newslint.errors import did_you_mean
from newslint.io.readers import iter_sources
from newslint.io.readers.csv import SUFFIXES as CSV_SUFFIXES
from newslint.io.readers.jsonl import SUFFIXES as JSONL_SUFFIXES
from newslint.io.readers.parquet import SUFFIXES as PARQUET_SUFFIXES
from newslint.io.readers.records import record_document
from newslint.model.document import Document

if TYPE_CHECKING:
    from newslint.checking.interface import CheckerLike
    from newslint.config.settings import Settings

CORPUS_SUFFIXES = JSONL_SUFFIXES + CSV_SUFFIXES + PARQUET_SUFFIXES


class Sources(Protocol):
    """The documents of a run, in order (each iteration reads them again)."""

    #: several articles that can be compared (JSONL, Parquet, CSV, several files...)
    is_corpus: bool
    #: the documents can be read a second time, the same
    rereadable: bool

    def __iter__(self) -> Iterator[Document]: ...


class PathSources:
    """The documents of the command line's paths, in order; a missing path is reported
    on stderr (once) and counted in :attr:`missing`. Documents of standard input take
    the name ``stdin_filename`` when one is given."""

    def __init__(
        self, checker: CheckerLike, paths: Sequence[str], stdin_filename: str | None = None
    ) -> None:
        self.checker, self.paths = checker, list(paths)
        self.stdin_filename = stdin_filename
        self.missing = 0
        self._reported: set[str] = set()
        self.is_corpus = is_corpus_input(self.paths, checker.settings)
        self.rereadable = all(
            s != "-" and (os.path.isfile(s) or not os.path.exists(s))
            for s in iter_sources(self.paths)
        )

    def __iter__(self) -> Iterator[Document]:
        hook, settings = self.checker.hook, self.checker.settings
        for source in iter_sources(self.paths):
            if source != "-" and not os.path.exists(source):
                if source not in self._reported:
                    self._reported.add(source)
                    self.missing += 1
                    print(f"newslint: error: {no_such_path(source)}", file=sys.stderr)
                continue
            documents: Iterable[Document] = (
                hook.newslint_read(source=source, settings=settings) or ()
            )
            if source == "-" and self.stdin_filename:
                documents = (dataclasses.replace(d, path=self.stdin_filename) for d in documents)
            yield from documents


def is_corpus_input(paths: Sequence[str], settings: Settings) -> bool:
    """True for corpora (JSONL, Parquet, CSV, several files, folders); False for one
    plain file, where there is nothing to compare an article with."""
    sources = []
    for source in iter_sources(paths):
        sources.append(source)
        if len(sources) > 1:
            return True
    if not sources:
        return False
    if sources[0] == "-":
        return settings.input_format in ("jsonl", "csv")
    return sources[0].lower().endswith(CORPUS_SUFFIXES)


class RecordSources:
    """Records a program hands over (mappings, as a JSONL line would give), read as the
    JSONL reader reads a line: a corpus, read twice when ``records`` is a sequence and
    once when it is a one-shot iterable."""

    is_corpus = True

    def __init__(
        self, records: Iterable[Mapping[str, Any]], settings: Settings, source: str
    ) -> None:
        self.records, self.settings, self.source = records, settings, source
        self.rereadable = isinstance(records, Sequence)
        self.read = 0

    def __iter__(self) -> Iterator[Document]:
        for number, record in enumerate(self.records, 1):
            self.read = number
            yield record_document(record, self.source, number, self.settings)


class DocumentSources:
    """Documents a program made itself: checked one by one, never as a corpus (there
    is no telling whether they belong together)."""

    is_corpus = False
    rereadable = False

    def __init__(self, documents: Iterable[Document]) -> None:
        self.documents = documents

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)


def no_such_path(path: str) -> str:
    """``PATH: no such file or folder``, with the closest name in its folder."""
    folder = os.path.dirname(path)
    try:
        names = [os.path.join(folder, name) for name in os.listdir(folder or ".")]
    except OSError:
        names = []
    # File names share extensions and dates: only a near-identical name is a likely typo.
    return f"{path}: no such file or folder{did_you_mean(path, names, cutoff=0.85)}"
