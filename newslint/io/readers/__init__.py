"""Input readers, one module per format; each is a plugin answering ``newslint_read``."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

#: File name endings a folder walk picks up; a file named explicitly is always read.
FOLDER_SUFFIXES: tuple[str, ...] = (
    ".txt",
    ".md",
    ".jsonl",
    ".jsonl.gz",
    ".jsonl.zst",
    ".ndjson",
    ".ndjson.gz",
    ".ndjson.zst",
    ".parquet",
    ".pq",
    ".csv",
)
_GLOB_CHARS = frozenset("*?[")


def iter_sources(
    paths: Iterable[str], suffixes: tuple[str, ...] = FOLDER_SUFFIXES
) -> Iterator[str]:
    """Expand folders (recursively, sorted, symlink loops skipped) and glob patterns
    (``data/*.jsonl.gz``, ``**`` allowed) into file paths, in a stable order."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            yield from _walk(Path(path), suffixes)
        elif path != "-" and not os.path.exists(path) and _GLOB_CHARS.intersection(path):
            matches = sorted(m for m in glob.glob(path, recursive=True) if not os.path.isdir(m))
            yield from matches or (path,)
        else:
            yield path


def _walk(root: Path, suffixes: tuple[str, ...]) -> Iterator[str]:
    seen: set[tuple[int, int]] = set()
    # A folder that cannot be listed is yielded as a path: reading it gives an X001.
    unlisted: list[OSError] = []
    for folder, subfolders, files in os.walk(root, followlinks=True, onerror=unlisted.append):
        yield from _unlisted(unlisted)
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:
            subfolders[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        subfolders.sort()
        for name in sorted(files):
            if name.lower().endswith(suffixes):
                yield os.path.join(folder, name)
    yield from _unlisted(unlisted)


def _unlisted(errors: list[OSError]) -> Iterator[str]:
    while errors:
        error = errors.pop(0)
        if error.filename is not None:
            yield os.fsdecode(error.filename)
