"""The corpus files of a Ray run: local paths, folders and globs expanded as ``newslint
check`` expands them, or URIs of any filesystem pyarrow reads (``s3://``, ``gs://``,
``hdfs://``, ``file://``...), listed recursively in sorted order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyarrow.fs as pafs

from newslint.errors import UsageError
from newslint.io.readers import iter_sources
from newslint.io.readers.jsonl import SUFFIXES as JSONL_SUFFIXES
from newslint.io.readers.parquet import SUFFIXES as PARQUET_SUFFIXES

#: What the Ray engine reads; a folder walk picks up only these.
SUFFIXES = JSONL_SUFFIXES + PARQUET_SUFFIXES


class InputError(UsageError, ValueError):
    """An input the Ray engine cannot read (another format, mixed filesystems)."""


@dataclass(frozen=True)
class InputFile:
    #: the path as findings show it: as given, or as found in a folder that was given
    display: str
    #: the path on ``Inputs.filesystem``
    native: str


@dataclass(frozen=True)
class Inputs:
    filesystem: pafs.FileSystem
    files: tuple[InputFile, ...]
    #: paths that do not exist (reported, the others are still read, as newslint check does)
    missing: tuple[str, ...] = ()


def list_inputs(paths: Iterable[str], filesystem: pafs.FileSystem | None = None) -> Inputs:
    """The files of ``paths``, in the order ``newslint check`` reads them. With
    ``filesystem``, paths are paths on it; else a path with ``://`` is a URI and the
    others are local."""
    paths = list(paths)
    if "-" in paths:
        raise InputError("the Ray engine reads files, not standard input (-)")
    if filesystem is None and not any("://" in path for path in paths):
        return _local(paths)
    if filesystem is None:
        return _uris(paths)
    files, missing = [], []
    for path in paths:
        found = list(_listed(filesystem, path, path))
        if found or _exists(filesystem, path):
            files.extend(found)
        else:
            missing.append(path)
    return Inputs(filesystem, _checked(files), tuple(missing))


def _local(paths: list[str]) -> Inputs:
    files, missing = [], []
    for source in iter_sources(paths, SUFFIXES):
        if os.path.exists(source):
            files.append(InputFile(source, os.path.abspath(source)))
        else:
            missing.append(source)
    return Inputs(pafs.LocalFileSystem(), _checked(files), tuple(missing))


def _uris(paths: list[str]) -> Inputs:
    schemes = {path.split("://", 1)[0] if "://" in path else "" for path in paths}
    if len(schemes) > 1:
        raise InputError(
            "one run reads from one filesystem: got "
            + ", ".join(sorted(s or "local" for s in schemes))
        )
    filesystem, files, missing = None, [], []
    for uri in paths:
        fs, native = pafs.FileSystem.from_uri(uri)
        filesystem = filesystem or fs
        # The part of the URI before the path on the filesystem (scheme, host, bucket...).
        prefix = uri[: len(uri) - len(native)] if uri.endswith(native) else ""
        found = list(_listed(fs, native, uri, prefix))
        if found or _exists(fs, native):
            files.extend(found)
        else:
            missing.append(uri)
    assert filesystem is not None
    return Inputs(filesystem, _checked(files), tuple(missing))


def _listed(
    fs: pafs.FileSystem, native: str, display: str, prefix: str = ""
) -> Iterator[InputFile]:
    info = fs.get_file_info(native)
    if info.type == pafs.FileType.File:
        yield InputFile(display, native)
    elif info.type == pafs.FileType.Directory:
        selector = pafs.FileSelector(native, recursive=True)
        found = sorted(
            (i.path for i in fs.get_file_info(selector) if i.type == pafs.FileType.File),
        )
        for path in found:
            if path.lower().endswith(SUFFIXES):
                yield InputFile(prefix + path if prefix else path, path)


def _exists(fs: pafs.FileSystem, native: str) -> bool:
    return bool(fs.get_file_info(native).type != pafs.FileType.NotFound)


def _checked(files: list[InputFile]) -> tuple[InputFile, ...]:
    other = [f.display for f in files if not f.native.lower().endswith(SUFFIXES)]
    if other:
        raise InputError(
            f"{other[0]}: the Ray engine reads JSONL (.jsonl, .jsonl.gz, .jsonl.zst, "
            ".ndjson) and Parquet (.parquet, .pq) files"
        )
    return tuple(files)
