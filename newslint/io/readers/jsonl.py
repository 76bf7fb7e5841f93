"""JSON Lines reader: one line is one article; ``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst``,
or standard input with ``--input-format jsonl``. Streams line by line."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import sys
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Any, cast

import orjson
import zstandard

from newslint.config.settings import Settings
from newslint.io.readers.records import problem_document, record_document
from newslint.markers import hookimpl
from newslint.model.document import Document, InputProblem
from newslint.running import progress

SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz", ".ndjson.zst")
_CHUNK = 1 << 20


@hookimpl
def newslint_read(source: str, settings: Settings) -> Iterator[Document] | None:
    if source == "-":
        return read_jsonl(source, settings) if settings.input_format == "jsonl" else None
    return read_jsonl(source, settings) if source.lower().endswith(SUFFIXES) else None


def _open(source: str) -> IO[bytes]:
    return sys.stdin.buffer if source == "-" else progress.track(source, open(source, "rb"))


def decompressed(raw: IO[bytes], name: str) -> IO[bytes]:
    """``raw`` decompressed as ``name``'s suffix says (``.gz``, ``.zst``), else itself.
    Closing the result does not close ``raw``."""
    if name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
    if name.lower().endswith(".zst"):
        return io.BufferedReader(_ZstdFrames(raw))
    return raw


class _ZstdFrames(io.RawIOBase):
    """A .zst file decompressed frame after frame. Unlike zstandard's stream_reader, a
    file that ends inside a frame raises EOFError instead of reading as a shorter file,
    and a corrupt one raises OSError (both become an X001)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._file = raw
        self._frame = zstandard.ZstdDecompressor().decompressobj()
        self._in_frame = False
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        while not self._pending:
            block = self._file.read(1 << 16)
            if not block:
                if self._in_frame:
                    raise EOFError("compressed file ended before the end of its zstd frame")
                return 0
            self._pending = self._decompress(block)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _decompress(self, block: bytes) -> bytes:
        parts = []
        try:
            while block:
                if self._frame.eof:  # the next frame of a multi-frame file
                    self._frame = zstandard.ZstdDecompressor().decompressobj()
                parts.append(self._frame.decompress(block))
                self._in_frame = not self._frame.eof
                block = self._frame.unused_data if self._frame.eof else b""
        except zstandard.ZstdError as exc:
            raise OSError(f"corrupt zstd data: {exc}") from exc
        return b"".join(parts)


def read_jsonl(source: str, settings: Settings) -> Iterator[Document]:
    limit = settings.max_record_bytes
    for number, line, error in numbered_lines(lambda: _open(source), source, limit):
        if line is None:
            yield problem_document(source, number, error or "cannot read")
        else:
            yield parse_line(line, source, number, settings)


def numbered_lines(
    open_raw: Callable[[], IO[bytes]], name: str, limit: int
) -> Iterator[tuple[int, bytes | None, str | None]]:
    """``(number, line, None)`` for each non-blank line of the JSONL stream ``open_raw()``
    (decompressed as ``name`` says; numbers count every line, blank ones too), and
    ``(number, None, message)`` for a line longer than ``limit`` bytes and, at the end,
    if the stream cannot be read to its end. Every engine reads JSONL through this, so
    that record numbers and read errors are the same everywhere."""
    number = 0
    try:
        with open_raw() as raw, decompressed(raw, name) as stream:
            for number, line in enumerate(_bounded_lines(stream, limit), 1):
                if isinstance(line, int):
                    message = f"record of {line:,} bytes, larger than max-record-bytes ({limit:,})"
                    yield number, None, message
                    continue
                if number == 1 and line.startswith(codecs.BOM_UTF8):
                    line = line[len(codecs.BOM_UTF8) :]  # as written by some Windows tools
                if line.strip():
                    yield number, line, None
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        # A truncated or corrupt archive, or a file that vanished: say where it stopped.
        where = f"after line {number}" if number else "at the start"
        yield number + 1, None, f"cannot read further {where}: {exc}"


def _bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | int]:
    """The lines of ``stream``; a line longer than ``limit`` bytes is read through in
    chunks, never held whole, and given as its length instead."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
            size += len(rest)
        yield size + len(rest)


def parse_line(line: bytes, source: str, number: int, settings: Settings) -> Document:
    """The Document of one JSONL line (an X001 problem document if it is not JSON)."""
    problems: tuple[InputProblem, ...] = ()
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as bad:
            # Lint what can be read; say which bytes were replaced.
            problems = (InputProblem(f"invalid UTF-8 at byte {bad.start} of the line (replaced)"),)
            text = line.decode("utf-8", errors="replace")
            try:
                record = orjson.loads(text)
            except orjson.JSONDecodeError:
                return _invalid(source, number, exc, text, settings)
        else:
            original = _with_lone_surrogates(text)
            if original is None:
                return _invalid(source, number, exc, text, settings)
            document = record_document(_replace_surrogates(original), source, number, settings)
            if "record" in document.metadata:  # `newslint clean` writes it back as it was
                document.metadata["record"] = original
            return document
    return record_document(record, source, number, settings, problems)


def _with_lone_surrogates(text: str) -> Any:
    """The record of a line orjson refuses only for an escaped lone surrogate
    (``"\\ud800"``, left by tools that cut UTF-16 strings), parsed by the standard
    library, which keeps them; None when the line is not JSON at all. The document's
    fields get each lone surrogate replaced by U+FFFD (which E006 reports in the text)."""
    if "\\u" not in text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _replace_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, list):
        return [_replace_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_replace_surrogates(k): _replace_surrogates(v) for k, v in value.items()}
    return value


def _invalid(source: str, number: int, exc: Exception, line: str, settings: Settings) -> Document:
    # `newslint clean` puts the raw line in the rejected file, so that no record is lost.
    kept = {"raw": line.rstrip("\r\n")} if settings.keep_records else None
    return problem_document(source, number, f"invalid JSON: {exc}", None, kept)
