"""newslint.server.transport: reading the LSP base protocol with bounds, and answering
every request. The same invariants as the fuzz target's ``L`` inputs (fuzz/), bounded
here by hypothesis; tests/test_robustness_server.py runs them against the server."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("pygls", reason="the lsp extra: pip install '.[lsp]'")

from newslint.server import transport
from newslint.server.transport import (
    INVALID_PARAMS,
    INVALID_REQUEST,
    PARSE_ERROR,
    SERVER_NOT_INITIALIZED,
    Dispatcher,
    Malformed,
    frame,
    read_messages,
)

HOVER = {
    "jsonrpc": "2.0",
    "id": 3,
    "method": "textDocument/hover",
    "params": {"textDocument": {"uri": "file:///a.txt"}, "position": {"line": 0, "character": 1}},
}


def messages(data: bytes) -> list[Any]:
    return list(read_messages(io.BytesIO(data)))


def test_messages_are_read_one_after_the_other():
    assert messages(frame(HOVER) + frame({"jsonrpc": "2.0", "method": "exit"})) == [
        HOVER,
        {"jsonrpc": "2.0", "method": "exit"},
    ]


def test_headers_are_case_insensitive_and_other_headers_are_skipped():
    body = json.dumps(HOVER).encode()
    data = b"content-type: application/vscode-jsonrpc\r\nCONTENT-LENGTH:%d\r\n\r\n%s" % (
        len(body),
        body,
    )
    assert messages(data) == [HOVER]


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        (b"Content-Length: abc\r\n\r\n{}", "is not a number"),
        (b"Content-Length: 99999999999999\r\n\r\n{}", "is more than"),
        (b"Content-Length: -4\r\n\r\n{}", "is not a number"),
        (b"Content-Type: text/plain\r\n\r\n{}", "without Content-Length"),
        (b"X" * (transport.MAX_HEADER_BYTES + 10) + b"\r\n\r\n", "header block longer"),
        (b'Content-Length: 3\r\n\r\n{"a', "not JSON"),
    ],
)
def test_a_broken_message_is_reported_and_the_next_one_read(broken, reason):
    [problem, message] = messages(broken + frame(HOVER))
    assert isinstance(problem, Malformed) and problem.code == PARSE_ERROR
    assert reason in problem.reason
    assert message == HOVER


def test_a_length_no_memory_holds_is_never_allocated():
    """A Content-Length past MAX_MESSAGE_BYTES is refused from the header; one under it
    is read as the bytes come (here they stop early: the stream ends)."""
    [problem] = messages(b"Content-Length: %d\r\n\r\n{}" % (transport.MAX_MESSAGE_BYTES + 1))
    assert "is more than" in problem.reason
    [problem] = messages(b"Content-Length: %d\r\n\r\n{}" % transport.MAX_MESSAGE_BYTES)
    assert "stream ended inside a body" in problem.reason


class Recorder:
    def __init__(self) -> None:
        self.handled: list[Any] = []

    def structure_message(self, data: dict[str, Any]) -> Any:
        from newslint.server.lsp import server

        return server.protocol.structure_message(data)

    def handle_message(self, message: Any) -> None:
        self.handled.append(message)


def dispatched(*items: Any, initialized: bool = True) -> tuple[list[Any], list[Any], Any]:
    """(messages handed to the protocol, answers written, the dispatcher)."""
    out = io.BytesIO()
    recorder = Recorder()
    dispatcher = Dispatcher(recorder, out, initialized=initialized)
    for item in items:
        dispatcher.dispatch(item)
    return recorder.handled, messages(out.getvalue()), dispatcher


def test_a_request_that_does_not_fit_the_protocol_gets_invalid_params_with_its_id():
    bad = {**HOVER, "params": {**HOVER["params"], "position": {"line": -1, "character": 0}}}
    handled, answers, _ = dispatched(bad, HOVER)
    assert [a["id"] for a in answers] == [3] and answers[0]["error"]["code"] == INVALID_PARAMS
    assert len(handled) == 1


def test_before_initialize_and_after_shutdown_requests_are_answered_not_handled():
    handled, answers, _ = dispatched(HOVER, initialized=False)
    assert handled == [] and answers[0]["error"]["code"] == SERVER_NOT_INITIALIZED
    shutdown = {"jsonrpc": "2.0", "id": 9, "method": "shutdown"}
    handled, answers, dispatcher = dispatched(shutdown, HOVER, {"jsonrpc": "2.0", "method": "exit"})
    assert len(handled) == 1
    assert [(a["id"], a["error"]["code"]) for a in answers] == [(3, INVALID_REQUEST)]
    assert dispatcher.exit_code == 0
    assert dispatched({"jsonrpc": "2.0", "method": "exit"})[2].exit_code == 1


@pytest.mark.parametrize(
    "item", [[], "x", {"id": 1, "method": "x"}, {"jsonrpc": "2.0", "id": 1, "method": 5}]
)
def test_what_is_not_a_message_is_an_invalid_request(item):
    handled, [answer], _ = dispatched(item)
    assert handled == [] and answer["error"]["code"] == INVALID_REQUEST


def _is_request(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and item.get("jsonrpc") == "2.0"
        and isinstance(item.get("method"), str)
        and "id" in item
        and item["method"] != "exit"
    )


FRAMES = st.one_of(
    st.builds(frame, st.fixed_dictionaries({"jsonrpc": st.just("2.0")}, optional={
        "id": st.one_of(st.integers(), st.text(max_size=5), st.none(), st.lists(st.integers())),
        "method": st.sampled_from(["initialize", "shutdown", "exit", "textDocument/hover",
                                   "textDocument/didOpen", "x/y"]),
        "params": st.one_of(st.none(), st.dictionaries(st.text(max_size=5), st.integers()),
                            st.just(HOVER["params"])),
        "result": st.integers(),
    })),
    st.binary(max_size=40),
    st.sampled_from([b"Content-Length: ", b"\r\n", b"\r\n\r\n", b"{}", b"Content-Length: 2\r\n\r\n"]),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(FRAMES, max_size=8), initialized=st.booleans())
def test_any_bytes_are_read_and_every_request_is_handled_or_answered(pieces, initialized):
    items = messages(b"".join(pieces))
    out = io.BytesIO()
    recorder = Recorder()
    dispatcher = Dispatcher(recorder, out, initialized=initialized)
    for item in items:
        handled, written = len(recorder.handled), out.tell()
        dispatcher.dispatch(item)
        answered, passed = out.tell() > written, len(recorder.handled) > handled
        if _is_request(item):
            assert answered != passed, item
        if isinstance(item, Malformed):
            assert answered
        if dispatcher.exit_code is not None:
            break
    assert all("error" in answer for answer in messages(out.getvalue()))


def test_a_length_of_thousands_of_digits_is_refused_not_converted():
    """Python refuses to convert a number of more than 4,300 digits: the length is
    judged by its digits first."""
    [problem, message] = messages(b"Content-Length: " + b"9" * 5000 + b"\r\n\r\n" + frame(HOVER))
    assert "of 5,000 digits is more than" in problem.reason
    assert message == HOVER
