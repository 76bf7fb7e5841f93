"""A time budget per rule and document: a rule that runs too long on one document is
stopped there (SIGALRM in the main thread of each process) instead of hanging a run.

Arming a timer for every rule would cost two system calls per rule and document, as much
as many rules themselves; so a watchdog ticks while a document is checked (two calls per
document), and each rule only writes its deadline. A rule is stopped at most one tick
after its deadline.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType


class RuleTimeout(BaseException):
    """A rule ran past its time budget on one document. A BaseException, like
    KeyboardInterrupt, so that a rule's ``except Exception`` cannot swallow it."""


#: monotonic time after which the running rule is stopped; 0 when none is running
_deadline = 0.0
_watching = False
_installed = False
#: the watchdog ticks at most this often, and at least once a second
_MIN_TICK = 0.01


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    if _deadline and time.monotonic() >= _deadline:
        raise RuleTimeout


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def watching() -> bool:
    """Whether a :func:`watchdog` block is running."""
    return _watching


@contextlib.contextmanager
def watchdog(seconds: float) -> Iterator[None]:
    """Enforce the :func:`start` budgets in the block, budgets being about ``seconds``
    long. Nothing is enforced when ``seconds`` is 0, nor where signals cannot be used
    (other threads, Windows); a nested block leaves the work to the outer one."""
    global _watching, _installed
    if _watching:
        yield
        return
    ticking = seconds > 0 and _can_use_alarm()
    if ticking:
        if not _installed:
            signal.signal(signal.SIGALRM, _on_alarm)
            _installed = True
        tick = max(_MIN_TICK, min(1.0, seconds / 4))
        signal.setitimer(signal.ITIMER_REAL, tick, tick)
    _watching = True
    try:
        yield
    finally:
        if ticking:
            signal.setitimer(signal.ITIMER_REAL, 0)
        _watching = False
        stop()


def start(seconds: float) -> None:
    """Give the code that runs next ``seconds`` (0: no limit)."""
    global _deadline
    _deadline = time.monotonic() + seconds if seconds > 0 else 0.0


def stop() -> None:
    global _deadline
    _deadline = 0.0
