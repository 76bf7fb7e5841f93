"""Where the language server lints: in the main thread, away from the event loop that
reads and answers messages (which runs in a thread of its own).

Linting a long document takes seconds; on the event loop it would hold every answer
back, also on other documents. The main thread is where it belongs: the per-rule time
limit (``rule-timeout``) is enforced with SIGALRM, which only the main thread
receives. Jobs run one at a time, in the order they come.
"""

from __future__ import annotations

import _thread
import queue
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

_Job = tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]


class MainThreadRunner:
    """Runs the jobs other threads submit, in the thread that calls :meth:`run`."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._busy = False

    def submit(self, work: Callable[..., Any], *args: Any) -> Future[Any]:
        """``work(*args)``, to be run in the main thread: its future result."""
        future: Future[Any] = Future()
        self._jobs.put((future, work, args))
        return future

    def run(self) -> None:
        """Run jobs until :meth:`stop` (a KeyboardInterrupt ends a job cut short)."""
        while (job := self._jobs.get()) is not None:
            future, work, args = job
            if not future.set_running_or_notify_cancel():
                continue
            self._busy = True
            try:
                result = work(*args)
            except Exception as exc:  # a bug: the request that waits for it says so
                future.set_exception(exc)
            else:
                future.set_result(result)
            finally:
                self._busy = False

    def stop(self) -> None:
        """End :meth:`run` (from any thread): now, if it is in a job, else next."""
        self._jobs.put(None)
        if self._busy:
            _thread.interrupt_main()
