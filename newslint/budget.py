"""A time budget per rule and document: a rule that runs too long on one document is
stopped there (SIGALRM in the main thread of each process) instead of hanging a run."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType


class RuleTimeout(BaseException):
    """A rule ran past its time budget on one document. A BaseException, like
    KeyboardInterrupt, so that a rule's ``except Exception`` cannot swallow it."""


_armed = False
_installed = False


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    if _armed:
        raise RuleTimeout


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise RuleTimeout in the block after ``seconds`` (no limit when 0, or where
    signals cannot be used: other threads, Windows)."""
    global _armed, _installed
    if seconds <= 0 or not _can_use_alarm():
        yield
        return
    if not _installed:
        signal.signal(signal.SIGALRM, _on_alarm)
        _installed = True
    _armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _armed = False
