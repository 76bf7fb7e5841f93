"""Atomic writes of user files: write a temporary file beside the target, then rename,
so that a crash or an interrupt never leaves a half-written file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO


@contextlib.contextmanager
def _atomic(path: str | Path, mode: str, **open_args: Any) -> Iterator[IO[Any]]:
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
    with _atomic(path, "w", encoding="utf-8", newline=newline) as stream:
        yield stream  # type: ignore[misc]


@contextlib.contextmanager
def atomic_bytes_writer(path: str | Path) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` only when the block succeeds."""
    with _atomic(path, "wb") as stream:
        yield stream  # type: ignore[misc]
