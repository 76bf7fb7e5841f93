"""What loading the YAML rules works out about their patterns, kept between runs.

Reading a pattern's syntax (its translation for the compiled core, the strings it
requires) and compiling it with Python's ``regex`` to check it costs about a second for
the shipped packs: more than checking a small file. The answers depend only on the
pattern and on the code that computes them, so they are kept in one JSON file per
version of that code (``newslint/disk_cache.py`` says where, and how the file is read
and written).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import regex

import newslint._core as _core
from newslint.disk_cache import DiskCache, code_version, folder

__all__ = ["CACHE", "PatternCache", "folder"]

_HERE = Path(__file__).resolve().parent
#: The modules whose code decides the answers: a change to one starts a new file.
_DEPENDS_ON = ("translate.py", "literals.py", "kinds.py", "_unicode_gaps.py")


@cache
def _version() -> str:
    return code_version(
        (_HERE / name for name in _DEPENDS_ON),
        f"{sys.version_info[:2]} {regex.__version__} {_core.__version__}",
    )


class PatternCache(DiskCache):
    """Answers by kind ("translate", "literals", "compiles") and key, loaded once."""

    def __init__(self) -> None:
        super().__init__("patterns", _version)


#: The cache of this process.
CACHE = PatternCache()
