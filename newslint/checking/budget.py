"""A time budget per rule and document: a rule that runs too long on one document is
stopped there (SIGALRM in the main thread of a process) instead of hanging a run.

Arming a timer for every rule would cost two system calls per rule and document, as much
as many rules themselves; so a watchdog ticks while a document is checked, and each rule
only writes its deadline. A rule is stopped at most one tick after its deadline.

Each Checker has its own :class:`Budget`. The SIGALRM handler and interval timer are
the process's, so a watchdog installs its own only for the length of its block and
gives back, at its end, whatever handler and timer the host program had.

No tick raises while the garbage collector runs: an exception raised in a collector
callback or a finaliser is lost ("Exception ignored in ..."), so the rule would go on;
the first tick after the collection stops it.
"""

from __future__ import annotations

import contextlib
import gc
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType


class RuleTimeout(BaseException):
    """A rule ran past its time budget on one document. A BaseException, like
    KeyboardInterrupt, so that a rule's ``except Exception`` cannot swallow it."""


#: the watchdog ticks at most this often, and at least once a second
_MIN_TICK = 0.01


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class Budget:
    """Deadlines for the code a watchdog block runs, enforced by SIGALRM ticks."""

    def __init__(self) -> None:
        #: monotonic time after which the running code is stopped; 0 when none is set
        self._deadline = 0.0
        self._watching = False
        self._collecting = False

    def watching(self) -> bool:
        """Whether a :meth:`watchdog` block of this budget is running."""
        return self._watching

    @contextlib.contextmanager
    def watchdog(self, seconds: float) -> Iterator[None]:
        """Enforce the :meth:`start` deadlines in the block, budgets being about
        ``seconds`` long. Nothing is enforced when ``seconds`` is 0, nor where signals
        cannot be used (other threads, Windows); a nested block leaves the work to the
        outer one."""
        if self._watching:
            yield
            return
        ticking = seconds > 0 and _can_use_alarm()
        previous_handler: object = None
        previous_timer = (0.0, 0.0)
        if ticking:
            # First at a collection's start and last at its stop, around other callbacks.
            gc.callbacks.insert(0, self._collection_starts)
            gc.callbacks.append(self._collection_stops)
            previous_handler = signal.signal(signal.SIGALRM, self._on_alarm)
            tick = max(_MIN_TICK, min(1.0, seconds / 4))
            previous_timer = signal.setitimer(signal.ITIMER_REAL, tick, tick)
        self._watching = True
        try:
            yield
        finally:
            self._watching = False
            self.stop()
            if ticking:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous_handler)  # type: ignore[arg-type]
                if previous_timer[0] > 0:  # the host's timer goes on where it was
                    signal.setitimer(signal.ITIMER_REAL, *previous_timer)
                for callback in (self._collection_starts, self._collection_stops):
                    with contextlib.suppress(ValueError):  # a host may have cleared them
                        gc.callbacks.remove(callback)
                self._collecting = False

    def start(self, seconds: float) -> None:
        """Give the code that runs next ``seconds`` (0: no limit)."""
        self._deadline = time.monotonic() + seconds if seconds > 0 else 0.0

    def stop(self) -> None:
        self._deadline = 0.0

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if self._deadline and not self._collecting and time.monotonic() >= self._deadline:
            raise RuleTimeout

    def _collection_starts(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._collecting = True

    def _collection_stops(self, phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            self._collecting = False
