"""The progress bar of a run: on stderr, for a person at a terminal; never in CI logs
or with ``--quiet``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")


def wanted(quiet: bool) -> bool:
    """Whether a progress bar is shown: not with ``--quiet``, only on a terminal."""
    return not quiet and sys.stderr.isatty()


def bar(items: Iterator[T], label: str = "", *, enabled: bool) -> Iterator[T]:
    """``items``, counted on a progress bar when ``enabled``."""
    if not enabled:
        return items
    from tqdm import tqdm

    shown = tqdm(
        items, desc=label or None, unit=" docs", file=sys.stderr, leave=False, mininterval=0.5
    )
    return iter(shown)
