"""Issue 17: ``newslint server`` under hostile use, over stdio against the real server.

The client here writes raw bytes (a header that is not a number, a length no memory
holds, positions outside the protocol's ranges), which a well-behaved client such as
pytest-lsp cannot send; tests/test_lsp.py drives the normal sessions.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import require_tool

try:
    import pygls  # noqa: F401
except ModuleNotFoundError as exc:  # pragma: no cover - depends on the environment
    MISSING: str | None = str(exc)
else:
    MISSING = None

LEAD = (
    "Après une conversation téléphonique entre les chefs des affaires étrangères des "
    "États-Unis et de la Russie, Washington a admis ne pas avoir obtenu les engagements "
    "russes de désamorcer la situation."
)
HASHTAGS = "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes"
DIRTY = f"{LEAD}\n{HASHTAGS}\n"
INVALID_PARAMS, INVALID_REQUEST, PARSE_ERROR = -32602, -32600, -32700
#: Seconds to wait for an answer that should come at once (a guard on a loaded machine,
#: far below the minutes a blocked server takes).
PROMPT = 20.0


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


class RawClient:
    """The server in a child process, fed raw bytes; a thread parses what it sends."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newslint", "server"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=folder,
        )  # fmt: skip
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.lock = threading.Lock()
        self.stderr: list[bytes] = []
        self.seen: list[dict[str, Any]] = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self.next_id = 100

    def _read_stdout(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line or length is None:
                return
            message = json.loads(stream.read(length))
            if message.get("method") == "workspace/configuration":  # no settings
                self.send(frame({"jsonrpc": "2.0", "id": message["id"], "result": [None]}))
            self.messages.put(message)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)

    @property
    def log(self) -> str:
        return b"".join(self.stderr).decode("utf-8", "replace")

    def send(self, data: bytes) -> None:
        assert self.process.stdin is not None
        with self.lock:  # the reading thread answers the server's requests
            self.process.stdin.write(data)
            self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send(frame({"jsonrpc": "2.0", "method": method, "params": params}))

    def request(self, method: str, params: Any) -> int:
        self.next_id += 1
        self.send(frame({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}))
        return self.next_id

    def wait_for(self, match: Any, timeout: float = PROMPT) -> dict[str, Any]:
        """The first message (already seen or coming) for which ``match`` is true."""
        for message in self.seen:
            if match(message):
                return message
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                break
            self.seen.append(message)
            if match(message):
                return message
        raise AssertionError(f"no such message in {timeout:g} s; server log:\n{self.log}")

    def answer(self, request_id: int, timeout: float = PROMPT) -> dict[str, Any]:
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m, timeout)

    def diagnostics(self, uri: str, timeout: float = PROMPT) -> list[dict[str, Any]]:
        published = self.wait_for(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            ),
            timeout,
        )
        return published["params"]["diagnostics"]

    def initialize(self) -> None:
        answer = self.answer(
            self.request(
                "initialize",
                {"processId": os.getpid(), "rootUri": self.folder.as_uri(), "capabilities": {}},
            )
        )
        assert "result" in answer, answer
        self.notify("initialized", {})

    def open(self, name: str, text: str) -> str:
        uri = (self.folder / name).as_uri()
        document = {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})
        return uri

    def hover(self, uri: str, line: int, character: int) -> int:
        position = {"line": line, "character": character}
        return self.request(
            "textDocument/hover", {"textDocument": {"uri": uri}, "position": position}
        )

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)


@pytest.fixture
def server(tmp_path: Path):
    if MISSING is not None:
        require_tool(False, "pygls", f"pip install '.[lsp]': {MISSING}")
    client = RawClient(tmp_path)
    client.initialize()
    yield client
    client.close()


def no_traceback(log: str) -> None:
    assert "Traceback" not in log, log


def test_server_a_position_outside_the_protocol_gets_invalid_params(server):
    uri = server.open("a.txt", DIRTY)
    assert server.diagnostics(uri)
    for line, character in ((-1, 0), (2**31, 0), (0, -5)):
        answer = server.answer(server.hover(uri, line, character))
        assert answer["error"]["code"] == INVALID_PARAMS, answer
        assert "data" not in answer["error"] or "traceback" not in str(answer["error"]["data"])
    answer = server.answer(server.hover(uri, 1, 0))
    assert "H001" in answer["result"]["contents"]["value"]
    no_traceback(server.log)


def test_server_a_megabyte_line_gets_diagnostics_and_other_documents_are_answered(server):
    """A document of one 1 MB line: its diagnostics come (columns converted in one
    pass, not once per finding), and it is linted away from the loop that answers,
    so that a hover on another document is answered meanwhile."""
    small = server.open("small.txt", DIRTY)
    assert server.diagnostics(small)
    sentence = "Le ministre 😀 a dit « non » &amp; Lavrov a souri après l'appel. "
    big_text = sentence * (1_000_000 // len(sentence.encode()))
    big = server.open("big.txt", big_text)
    answer = server.answer(server.hover(small, 1, 0))
    assert "H001" in answer["result"]["contents"]["value"]
    diagnostics = server.diagnostics(big, timeout=300)
    order = [
        m.get("id") or m["params"].get("uri") for m in server.seen if "id" in m or "params" in m
    ]
    assert order.index(answer["id"]) < order.index(big), "the hover waited for the big lint"
    entities = [d for d in diagnostics if d["code"] == "E002"]
    assert len(entities) > 10_000
    last = entities[-1]["range"]["start"]
    column = big_text.rindex("&amp;")
    assert last == {"line": 0, "character": len(big_text[:column].encode("utf-16-le")) // 2}
    no_traceback(server.log)


@pytest.mark.parametrize(
    "header",
    [
        b"Content-Length: abc\r\n\r\n{}",
        b"Content-Length: 99999999999999\r\n\r\n{}",
        b"Content-Length: -4\r\n\r\n{}",
        b"Content-Type: text/plain\r\n\r\n{}",
        b"Content-Length: 2\r\n\r\n[]",
        b'Content-Length: 4\r\n\r\n{"a"',
    ],
    ids=["not-a-number", "no-memory-holds-it", "negative", "no-length", "not-an-object", "cut"],
)
def test_server_a_malformed_message_is_answered_and_the_next_one_is_read(server, header):
    uri = server.open("a.txt", DIRTY)
    assert server.diagnostics(uri)
    server.send(header)
    answer = server.answer(server.hover(uri, 1, 0))
    assert "H001" in answer["result"]["contents"]["value"]
    error = server.wait_for(lambda m: m.get("id") is None and "error" in m)
    assert error["error"]["code"] in (PARSE_ERROR, INVALID_REQUEST)
    assert server.process.poll() is None
    no_traceback(server.log)


def test_server_after_shutdown_requests_get_invalid_request_and_exit_ends_it(server):
    uri = server.open("a.txt", DIRTY)
    assert server.diagnostics(uri)
    assert server.answer(server.request("shutdown", None))["result"] is None
    answer = server.answer(server.hover(uri, 1, 0))
    assert answer["error"]["code"] == INVALID_REQUEST, answer
    server.notify("exit", None)
    assert server.process.wait(timeout=PROMPT) == 0
    no_traceback(server.log)


def test_server_requests_on_a_document_never_opened_answer_nothing_without_reading_it(
    server, tmp_path
):
    """A hover or code action on a URI the client never opened answers null (or no
    action) at once: the server does not read the file (here a FIFO, which would block
    it, and a missing file)."""
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "disk.txt").write_text(DIRTY, encoding="utf-8")
    for name in ("pipe.txt", "missing.txt", "disk.txt"):
        uri = (tmp_path / name).as_uri()
        answer = server.answer(server.hover(uri, 1, 0))
        assert answer.get("result") is None and "error" not in answer, answer
        whole = {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}}
        params = {"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": []}}
        answer = server.answer(server.request("textDocument/codeAction", params))
        assert answer.get("result") in (None, []) and "error" not in answer, answer
    no_traceback(server.log)


def test_server_a_document_past_max_record_bytes_is_one_x001(server, tmp_path):
    """As a file on the command line: a document larger than ``max-record-bytes`` (here
    set to 1,000 in the workspace's newslint.yaml) is not linted, it is one X001."""
    (tmp_path / "newslint.yaml").write_text("max-record-bytes: 1000\n", encoding="utf-8")
    uri = server.open("long.txt", DIRTY * 10)
    [only] = server.diagnostics(uri)
    assert only["code"] == "X001"
    assert "larger than max-record-bytes (1,000)" in only["message"]
    assert server.diagnostics(server.open("short.txt", DIRTY))[0]["code"] == "H001"
