"""Answers of deterministic start-up work, kept between runs.

Checking one small file costs less than setting up for it: reading the YAML rule packs,
analysing their patterns, loading wordfreq's lists. What that work gives depends only on
its input and on the code that computes it, so it is kept in one JSON file per cache and
version of that code, in ``$NEWSLINT_CACHE_DIR`` (else ``$XDG_CACHE_HOME/newslint``,
else ``~/.cache/newslint``). ``NEWSLINT_CACHE_DIR=`` (empty) turns the caches off. A
missing, unreadable or foreign file is ignored, and so is an entry that does not decode;
a file is written atomically (a temporary file renamed over it), after a run that learnt
something new.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def folder() -> Path | None:
    """Where the caches live; None when they are turned off."""
    configured = os.environ.get("NEWSLINT_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newslint"


def code_version(files: Iterable[Path], *extra: str) -> str:
    """A short digest of the source ``files`` and the ``extra`` strings (the versions of
    the libraries whose answers are kept): a change to any starts a new cache file."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    for text in extra:
        digest.update(b"\0" + text.encode())
    return digest.hexdigest()[:16]


class DiskCache:
    """Answers by kind and key, in the file ``{name}-{version()}.json``, loaded once.
    ``version`` is called on first use only (it may read files or import a library)."""

    def __init__(self, name: str, version: Callable[[], str]) -> None:
        self.name = name
        self._version = version
        self._entries: dict[str, dict[str, Any]] | None = None
        self._dirty = False

    def _path(self) -> Path | None:
        base = folder()
        return None if base is None else base / f"{self.name}-{self._version()}.json"

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._entries is None:
            self._entries = {}
            path = self._path()
            with contextlib.suppress(OSError, ValueError):
                if path is not None and path.is_file():
                    loaded = json.loads(path.read_text(encoding="utf-8"))
                    if isinstance(loaded, dict) and all(
                        isinstance(table, dict) for table in loaded.values()
                    ):
                        self._entries = loaded
        return self._entries

    def get(self, kind: str, key: str, compute: Callable[[], T], encode: Callable[[T], Any],
            decode: Callable[[Any], T]) -> T:  # fmt: skip
        """The answer for ``key``, computed (and kept) when not known yet."""
        table = self._load().setdefault(kind, {})
        if key in table:
            with contextlib.suppress(Exception):  # a damaged entry is computed again
                return decode(table[key])
        value = compute()
        self.put(kind, key, encode(value))
        return value

    def peek(self, kind: str, key: str) -> Any:
        """The kept (encoded) answer for ``key``, or None."""
        return self._load().get(kind, {}).get(key)

    def put(self, kind: str, key: str, encoded: Any) -> None:
        """Keep ``encoded`` (plain JSON data) as the answer for ``key``."""
        self._load().setdefault(kind, {})[key] = encoded
        self._dirty = True

    def save(self) -> None:
        """Write the answers learnt in this run (atomically; silently not, if it fails)."""
        if not self._dirty or self._entries is None:
            return
        path = self._path()
        if path is None:
            return
        if write_atomically(path, json.dumps(self._entries, ensure_ascii=False).encode()):
            self._dirty = False


def write_atomically(path: Path, *pieces: bytes) -> bool:
    """Write ``pieces`` one after the other to ``path`` through a temporary file renamed
    over it (a reader never sees half a file); whether it was written. A cache: a
    failure (read-only or full disk) is silent, the run goes on without it."""
    import tempfile  # here: most runs have nothing new to write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in pieces:
                out.write(piece)
        os.replace(temporary, path)
        return True
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
