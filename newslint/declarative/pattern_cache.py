"""What loading the YAML rules works out about their patterns, kept between runs.

Reading a pattern's syntax (its translation for the compiled core, the strings it
requires) and compiling it with Python's ``regex`` to check it costs about a second for
the shipped packs: more than checking a small file. The answers depend only on the
pattern and on the code that computes them, so they are kept in one JSON file per
version of that code, in ``$NEWSLINT_CACHE_DIR`` (else ``$XDG_CACHE_HOME/newslint``,
else ``~/.cache/newslint``). ``NEWSLINT_CACHE_DIR=`` (empty) turns the cache off. A
missing, unreadable or foreign file is ignored; the file is written atomically, after a
load that learnt something new.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import regex

import newslint._core as _core

T = TypeVar("T")
_HERE = Path(__file__).resolve().parent
#: The modules whose code decides the answers: a change to one starts a new file.
_DEPENDS_ON = ("translate.py", "literals.py", "kinds.py", "_unicode_gaps.py")


def folder() -> Path | None:
    configured = os.environ.get("NEWSLINT_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newslint"


@cache
def _version() -> str:
    digest = hashlib.sha256()
    for name in _DEPENDS_ON:
        digest.update((_HERE / name).read_bytes())
    digest.update(f"{sys.version_info[:2]} {regex.__version__} {_core.__version__}".encode())
    return digest.hexdigest()[:16]


class PatternCache:
    """Answers by kind ("translate", "literals", "compiles") and key, loaded once."""

    def __init__(self) -> None:
        self._entries: dict[str, dict[str, Any]] | None = None
        self._dirty = False

    def _path(self) -> Path | None:
        base = folder()
        return None if base is None else base / f"patterns-{_version()}.json"

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._entries is None:
            self._entries = {}
            path = self._path()
            with contextlib.suppress(OSError, ValueError):
                if path is not None and path.is_file():
                    loaded = json.loads(path.read_text(encoding="utf-8"))
                    if isinstance(loaded, dict):
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
        table[key] = encode(value)
        self._dirty = True
        return value

    def save(self) -> None:
        """Write the answers learnt in this run (atomically; silently not, if it fails)."""
        path = self._path()
        if not self._dirty or path is None or self._entries is None:
            return
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".patterns-")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(self._entries, out, ensure_ascii=False)
                os.replace(temporary, path)
                self._dirty = False
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


#: The cache of this process.
CACHE = PatternCache()
