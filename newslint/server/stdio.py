"""The language server over stdin and stdout: the event loop that reads, checks and
dispatches messages (``newslint.server.transport``) in a thread of its own, and the
lints in the main thread (``newslint.server.runner``)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn, Protocol

from pygls.io_ import StdoutWriter

from newslint.server.runner import MainThreadRunner
from newslint.server.transport import Dispatcher, read_messages

if TYPE_CHECKING:
    from pygls.protocol import JsonRPCProtocol


class Served(Protocol):
    """What this module needs of the language server (``newslint.server.lsp``, which
    imports this module): its protocol, and a place for the runner of its lints."""

    runner: MainThreadRunner | None

    @property
    def protocol(self) -> JsonRPCProtocol: ...


log = logging.getLogger(__name__)

#: Messages read ahead of the one being handled, at most.
_INBOX = 64
_END = object()


class _QuietDeserialisation(logging.Filter):
    """pygls logs a traceback for every message it cannot read; the transport answers
    such a message itself and logs one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Unable to deserialize message")


async def serve(ls: Served, stdin: BinaryIO, stdout: BinaryIO) -> int:
    """Read, check and dispatch messages until the client says ``exit`` (or goes): the
    exit code, 0 after a ``shutdown``, else 1."""
    loop = asyncio.get_running_loop()
    writer = StdoutWriter(stdout)
    ls.protocol.set_writer(writer)
    dispatcher = Dispatcher(ls.protocol, writer)
    inbox: asyncio.Queue[Any] = asyncio.Queue(_INBOX)

    def read() -> None:  # a thread: blocking reads, with the inbox's back-pressure
        try:
            for item in read_messages(stdin):
                asyncio.run_coroutine_threadsafe(inbox.put(item), loop).result()
        except Exception as exc:  # stdin closed under us
            log.warning("cannot read from the client: %s", exc)
        finally:
            loop.call_soon_threadsafe(inbox.put_nowait, _END)

    threading.Thread(target=read, name="lsp-reader", daemon=True).start()
    try:
        while (item := await inbox.get()) is not _END:
            dispatcher.dispatch(item)
            if dispatcher.exit_code is not None:
                return dispatcher.exit_code
    except BrokenPipeError:
        log.error("the client is gone")
    return 0 if dispatcher.shut_down else 1


def run(ls: Served) -> NoReturn:
    """Serve ``ls`` over stdin/stdout until the client says exit, then end the process."""
    logging.basicConfig(level=logging.WARNING, format="newslint server: %(message)s")
    logging.getLogger("pygls.protocol.json_rpc").addFilter(_QuietDeserialisation())
    runner = ls.runner = MainThreadRunner()
    outcome: dict[str, int] = {}

    def loop() -> None:
        try:
            outcome["code"] = asyncio.run(serve(ls, sys.stdin.buffer, sys.stdout.buffer))
        finally:
            runner.stop()

    threading.Thread(target=loop, name="lsp-loop", daemon=True).start()
    with contextlib.suppress(KeyboardInterrupt):  # the loop ended during a lint
        runner.run()
    # The reader thread may still wait on stdin: the interpreter's teardown would abort
    # on the lock it holds ("could not acquire lock for <stdin> at interpreter shutdown").
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(outcome.get("code", 1))
