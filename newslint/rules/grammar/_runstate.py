"""What the G rules keep between the documents of a run (``GrammarRun`` holds them, one
per Checker): matches by text hash (per process) and the switch that turns a server off
for the whole run (shared with worker processes)."""

from __future__ import annotations

import hashlib
import multiprocessing
import time
from collections import OrderedDict
from typing import Any

from newslint.rules.grammar._matches import Match

RETRY_AFTER = 300.0  # seconds before a server found off is tried again
CACHE_ENTRIES = 4096  # texts whose matches are kept (least recently used dropped)


class Results:
    """Matches by (server, language, text hash), least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[str, str, bytes], tuple[Match, ...]] = OrderedDict()

    def get(self, key: tuple[str, str, bytes]) -> tuple[Match, ...] | None:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key: tuple[str, str, bytes], matches: tuple[Match, ...]) -> None:
        self._entries[key] = matches
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()


class OffSwitch:
    """Which server is off for this run, shared with forked worker processes.

    The first process that finds a server off switches it off and says so; the others
    see the switch and skip the server without trying. :meth:`share` puts it in shared
    memory, which worker processes forked later see. It holds (key hash, time switched
    off in ms of the system-wide monotonic clock, times a server was switched off in
    this run).
    """

    def __init__(self) -> None:
        self._local = [0, 0, 0]
        self._shared: Any = None

    def share(self) -> None:
        if self._shared is not None or "fork" not in multiprocessing.get_all_start_methods():
            return
        try:
            self._shared = multiprocessing.get_context("fork").Array("q", self._local)
        except (OSError, ImportError):  # no shared semaphores here: each process on its own
            self._shared = None

    def is_off(self, key: str) -> bool:
        values = self._values()
        with self._lock():
            return bool(values[0] == _hash(key) and _now_ms() - values[1] < RETRY_AFTER * 1000)

    def switch_off(self, key: str) -> bool:
        """Switch ``key`` off; True when it was not off already (say so then)."""
        values = self._values()
        with self._lock():
            first = bool(values[0] != _hash(key))
            values[0], values[1] = _hash(key), _now_ms()
            values[2] += 1
            return first

    def ever_off(self) -> bool:
        """Whether a server was switched off at any time in this run."""
        values = self._values()
        with self._lock():
            return bool(values[2])

    def switch_on(self, key: str) -> None:
        values = self._values()
        with self._lock():
            if values[0] == _hash(key):
                values[0] = 0

    def reset(self) -> None:
        values = self._values()
        with self._lock():
            values[0] = values[1] = values[2] = 0

    def _values(self) -> Any:
        return self._shared if self._shared is not None else self._local

    def _lock(self) -> Any:
        return self._shared.get_lock() if self._shared is not None else _NoLock()


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=7).digest(), "big") + 1


def _now_ms() -> int:
    return int(time.monotonic() * 1000)
