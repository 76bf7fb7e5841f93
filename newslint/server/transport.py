"""The language server's side of the LSP base protocol over a byte stream: messages
read with bounds, and every request answered, also a broken one.

pygls reads messages itself, but a header that is not a number leaves it out of step
with the stream for good, a length no memory holds kills it, and a request whose
parameters it cannot read (a position of -1) gets no answer. Here:

- a header block is at most :data:`MAX_HEADER_BYTES`, a body at most
  :data:`MAX_MESSAGE_BYTES`; the body is read as it arrives, never allocated from
  the header's word;
- a header block without a usable ``Content-Length`` (not a number, negative, too
  big, missing) is answered with a parse error (id null), then the stream is scanned
  for the next ``Content-Length`` header, so that the next message is read;
- a body that is not JSON is a parse error, one that is not a request, notification
  or response an invalid request; a request whose parameters do not fit the protocol's
  types gets invalid params, with its id;
- requests before ``initialize`` get "server not initialized"; after ``shutdown``,
  "invalid request" (notifications then are dropped, as the specification says), and
  ``exit`` ends the loop with 0 after a shutdown, 1 without.

:func:`read_messages` is the stream side (a plain generator, fuzzed in fuzz/);
:class:`Dispatcher` the protocol side, which hands every message that passes to
pygls.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, Protocol

log = logging.getLogger(__name__)

#: The largest message body read: a document of 50 MB escaped in JSON, and more.
MAX_MESSAGE_BYTES = 128 << 20
#: The longest header block (the protocol has two short headers).
MAX_HEADER_BYTES = 8 << 10
_CHUNK = 1 << 20

PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS = -32700, -32600, -32602
SERVER_NOT_INITIALIZED = -32002

_CONTENT_LENGTH = re.compile(rb"content-length[ \t]*:[ \t]*(\S*)[ \t]*\r?\n?$", re.IGNORECASE)
#: A Content-Length header at the end of a line (after the rest of a broken body).
_RESYNC = re.compile(rb"content-length[ \t]*:[ \t]*\d+[ \t]*\r?\n$", re.IGNORECASE)


@dataclass(frozen=True)
class Malformed:
    """Something on the stream that is not a message: answered with ``code``."""

    code: int
    reason: str


def read_messages(stream: IO[bytes]) -> Iterator[Any]:
    """The decoded JSON bodies of the messages on ``stream`` (anything JSON), and a
    :class:`Malformed` for each broken header or body, until the stream ends."""
    pending: bytes | None = None  # a header line found while scanning for one
    while True:
        length, problem = _header(stream, pending)
        pending = None
        if length is None and problem is None:
            return  # the end of the stream
        if problem is not None:
            yield Malformed(PARSE_ERROR, problem)
            pending = _scan(stream)
            if pending is None:
                return
            continue
        assert length is not None
        body = _body(stream, length)
        if body is None:
            yield Malformed(PARSE_ERROR, f"the stream ended inside a body of {length:,} bytes")
            return
        try:
            yield json.loads(body)
        except ValueError as exc:
            yield Malformed(PARSE_ERROR, f"the body is not JSON: {exc}")


def _header(stream: IO[bytes], first: bytes | None) -> tuple[int | None, str | None]:
    """(content length, None) of the next header block, (None, reason) when it has no
    usable length, (None, None) at the end of the stream."""
    length: int | None = None
    problem: str | None = None
    size = 0
    line = first if first is not None else stream.readline(MAX_HEADER_BYTES + 1)
    while line not in (b"\r\n", b"\n"):
        if not line:
            return None, None
        size += len(line)
        if size > MAX_HEADER_BYTES:
            return None, f"a header block longer than {MAX_HEADER_BYTES:,} bytes"
        if not line.endswith(b"\n"):
            return None, "the stream ended inside a header"
        found = _CONTENT_LENGTH.match(line)
        if found is not None and problem is None:
            length, problem = _length(found.group(1))
        line = stream.readline(MAX_HEADER_BYTES + 1)
    if problem is None and length is None:
        problem = "a header block without Content-Length"
    return (None, problem) if problem is not None else (length, None)


def _length(value: bytes) -> tuple[int | None, str | None]:
    if not value.isdigit():
        return None, f"Content-Length {value[:40]!r} is not a number of bytes"
    digits = value.lstrip(b"0") or b"0"
    if len(digits) > len(str(MAX_MESSAGE_BYTES)) or int(digits) > MAX_MESSAGE_BYTES:
        shown = f"{int(digits):,}" if len(digits) < 30 else f"of {len(digits):,} digits"
        return None, f"Content-Length {shown} is more than {MAX_MESSAGE_BYTES:,} bytes"
    return int(digits), None


def _scan(stream: IO[bytes]) -> bytes | None:
    """Skip to the next line that ends with a Content-Length header (the rest of a
    broken message may precede it on its line); that header, or None at the end."""
    while line := stream.readline(_CHUNK):
        found = _RESYNC.search(line[-200:])
        if found is not None:
            return found.group()
    return None


def _body(stream: IO[bytes], length: int) -> bytes | None:
    chunks, missing = [], length
    while missing:
        chunk = stream.read(min(missing, _CHUNK))
        if not chunk:
            return None
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


class Writer(Protocol):
    def write(self, data: bytes) -> Any: ...


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message, separators=(",", ":")).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


class MessageHandler(Protocol):
    """What the dispatcher needs of pygls' protocol."""

    def structure_message(self, data: dict[str, Any]) -> Any: ...

    def handle_message(self, message: Any) -> None: ...


@dataclass
class Dispatcher:
    """Checks each message, answers those that cannot be handled, and hands the rest to
    pygls' ``protocol``. ``exit_code`` is set once the client says ``exit``."""

    protocol: MessageHandler
    writer: Writer
    initialized: bool = False
    shut_down: bool = False
    exit_code: int | None = None

    def error(self, message_id: Any, code: int, text: str) -> None:
        error = {"code": code, "message": text}
        self.writer.write(frame({"jsonrpc": "2.0", "id": message_id, "error": error}))

    def dispatch(self, item: Any) -> None:
        if isinstance(item, Malformed):
            log.warning("a message that cannot be read: %s", item.reason)
            self.error(None, item.code, item.reason)
            return
        message_id = _id(item)
        if not isinstance(item, dict) or item.get("jsonrpc") != "2.0":
            self.error(message_id, INVALID_REQUEST, "not a JSON-RPC 2.0 message")
            return
        method = item.get("method")
        if method is not None and not isinstance(method, str):
            self.error(message_id, INVALID_REQUEST, "the method is not a string")
            return
        if method is not None and not self._allowed(method, "id" in item, message_id):
            return
        try:
            message = self.protocol.structure_message(item)
        except Exception as exc:  # pygls' JsonRpcInvalidParams, or a bug of its own
            self._unreadable(item, method, message_id, exc)
            return
        try:
            self.protocol.handle_message(message)
        except Exception:  # pygls answers a request's failure itself; this is its own bug
            log.exception("cannot handle %s", method or "a response")
        if method == "initialize":
            self.initialized = True
        elif method == "shutdown":
            self.shut_down = True

    def _allowed(self, method: str, request: bool, message_id: Any) -> bool:
        """Whether a message may be handled now; answers the requests that may not."""
        if method == "exit":
            self.exit_code = 0 if self.shut_down else 1
            return False
        if self.shut_down:
            if request:
                self.error(message_id, INVALID_REQUEST, "the server is shut down")
            return False
        if not self.initialized and method != "initialize":
            if request:
                self.error(message_id, SERVER_NOT_INITIALIZED, "initialize first")
            return False
        return True

    def _unreadable(
        self, item: dict[str, Any], method: Any, message_id: Any, exc: Exception
    ) -> None:
        code = getattr(exc, "code", INVALID_PARAMS)
        reason = f"parameters of {method} do not fit the protocol" if method else "bad message"
        log.warning("%s (%s)", reason, type(exc).__name__)
        if method is not None and "id" in item:
            self.error(message_id, code if code == INVALID_PARAMS else INVALID_PARAMS, reason)


def _id(item: Any) -> int | str | None:
    """The id of a message, when it has a valid one (else null, as JSON-RPC says)."""
    if isinstance(item, dict):
        value = item.get("id")
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return value
    return None
