"""Writes of user files. A regular file is written atomically: a temporary file beside
the target, then a rename, so that a crash, an interrupt or a full disk never leaves a
half-written file. Nothing is ever written *over* something that is not a regular file:
a FIFO or a character device (``/dev/null``, ``/dev/stdout``, a terminal) is written
*into*, as a stream; a folder, socket or block device is refused."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO


class WriteRefused(OSError):
    """The target is not something newslint writes over; the message says why."""


def _kind(path: Path) -> str | None:
    """What ``path`` is, if not a regular file ("a folder", ...); None for a regular file
    or no file at all."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    return "a socket" if stat.S_ISSOCK(mode) else "a block device or special file"


def _streamable(kind: str | None) -> bool:
    return kind in ("a FIFO", "a character device")


@contextlib.contextmanager
def _atomic(
    path: str | Path, mode: str, unchanged: Callable[[], str | None] | None, **open_args: Any
) -> Iterator[IO[Any]]:
    kind = _kind(Path(path))
    if _streamable(kind):
        with open(path, mode, **open_args) as stream:
            yield stream
        return
    if kind is not None:
        raise WriteRefused(f"{path}: is {kind}, not a file newslint writes")
    target = Path(os.path.realpath(path))  # through a symbolic link, not over it
    folder = target.parent if str(target.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, mode, **open_args) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():  # keep the permissions the user gave the file
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:  # mkstemp made it 0600: give it what any new file gets
            os.chmod(temporary, 0o666 & ~_umask())
        # Checked last, so that a change made while the new content was computed and
        # written is seen (the window left is the rename itself).
        reason = unchanged() if unchanged is not None else None
        if reason is not None:
            raise WriteRefused(reason)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_text_writer(path: str | Path, newline: str | None = None) -> Iterator[TextIO]:
    """A UTF-8 text stream whose content replaces ``path`` only when the block succeeds."""
    with _atomic(path, "w", None, encoding="utf-8", newline=newline) as stream:
        yield stream  # type: ignore[misc]


@contextlib.contextmanager
def atomic_bytes_writer(
    path: str | Path, unchanged: Callable[[], str | None] | None = None
) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` only when the block succeeds.

    ``unchanged`` is called just before the rename: a reason (the file changed since it
    was read) cancels the write with :class:`WriteRefused`.
    """
    with _atomic(path, "wb", unchanged) as stream:
        yield stream  # type: ignore[misc]


def check_output(path: Path, inputs: Iterable[str], option: str) -> None:
    """Refuse, before a run, an output that would replace one of its ``inputs`` (the
    same file, by any name or link) or that newslint cannot write."""
    kind = _kind(path)
    if kind is not None and not _streamable(kind):
        raise WriteRefused(f"{option} {path}: is {kind}, not a file newslint writes")
    if kind is None and path.exists():
        identity = _identity(path)
        if any(_identity(Path(source)) == identity for source in inputs if source != "-"):
            raise WriteRefused(f"{option} {path}: is one of the inputs of this run")
    if _streamable(kind):
        return
    folder = Path(os.path.realpath(path)).parent
    if not folder.is_dir():
        raise WriteRefused(f"{option} {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise WriteRefused(f"{option} {path}: folder {folder} is not writable")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino
