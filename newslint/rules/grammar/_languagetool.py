"""The LanguageTool client the G rules share: one request per document (or per 20,000
characters), results cached by text hash, a server that does not answer reported once.

How it talks to LanguageTool: through language-tool-python (the ``grammar`` extra), in
its remote-server mode when a URL is given (``--languagetool URL``, config key
``languagetool:``, or ``$NEWSLINT_LANGUAGETOOL_URL``); without one, language-tool-python
downloads LanguageTool and starts its own local server (this needs the internet once).

Bounds: each request waits at most 30 s (120 s for the first one of a language, which
a cold server answers slowly) and language-tool-python retries a failed one once; after 3 documents in a row fail, or at once when nothing listens at the URL, the
G rules say so on stderr, once for the whole run (worker processes share that switch),
and report nothing; they try the server again 5 minutes later. Each process sends one
request at a time, so a run with ``--jobs N`` has at most N requests in flight.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import sys
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newslint.rules.grammar._categories import classify
from newslint.rules.grammar._offsets import Utf16Index

if TYPE_CHECKING:
    from newslint.config import Settings
    from newslint.document import Document

ENV_URL = "NEWSLINT_LANGUAGETOOL_URL"
#: Longest text sent in one request. LanguageTool's own server has no limit unless
#: configured (``maxTextLength``); the public API allows 20,000 characters.
MAX_CHARS = 20_000
REQUEST_TIMEOUT = 30  # seconds, for connecting and for each answer
#: LanguageTool loads a language's rules and dictionaries on its first check of that
#: language: 10-50 s on a cold server. The first request per language waits longer.
FIRST_REQUEST_TIMEOUT = 120
FAILURES_BEFORE_OFF = 3  # documents in a row whose request failed
RETRY_AFTER = 300.0  # seconds before a server found off is tried again
CACHE_ENTRIES = 4096  # texts whose matches are kept (least recently used dropped)
#: English and German have a spell checker only in a country variant.
VARIANTS = {"en": "en-US", "de": "de-DE"}
LOCAL = "language-tool-python's own server"

#: document.cache keys
CONFIG_KEY = "newslint.rules.grammar:config"
MATCHES_KEY = "newslint.rules.grammar:matches"


@dataclass(frozen=True, slots=True)
class Config:
    """Where the server is (None: language-tool-python starts its own) and the words the
    spelling rule accepts (case-folded)."""

    url: str | None = None
    dictionary: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings) -> Config:
        url = settings.languagetool or os.environ.get(ENV_URL) or None
        return cls(url, frozenset(word.casefold() for word in settings.dictionary))

    @classmethod
    def from_environment(cls) -> Config:
        return cls(os.environ.get(ENV_URL) or None)


@dataclass(frozen=True, slots=True)
class Match:
    """One LanguageTool match, located in code points of the document text."""

    start: int
    end: int
    code: str  # G001..G006
    rule_id: str
    message: str
    replacements: tuple[str, ...]
    category: str
    issue_type: str

    def shifted(self, by: int) -> Match:
        return Match(
            self.start + by,
            self.end + by,
            self.code,
            self.rule_id,
            self.message,
            self.replacements,
            self.category,
            self.issue_type,
        )


def document_matches(doc: Document) -> tuple[Match, ...]:
    """Every match of the document, fetched once and shared by the G rules."""
    cached: tuple[Match, ...] | None = doc.cache.get(MATCHES_KEY)
    if cached is not None:
        return cached
    result: tuple[Match, ...] = ()
    language = doc.language
    try:
        if language and doc.text.strip():
            result = client(config_of(doc).url).check(doc.text, language)
    except BaseException:
        # Stopped by the engine's time budget (or a bug): the other G rules must not
        # send the same request again on this document.
        doc.cache[MATCHES_KEY] = ()
        raise
    doc.cache[MATCHES_KEY] = result
    return result


def config_of(doc: Document) -> Config:
    """The run's config attached to the document, else the environment's."""
    config = doc.cache.get(CONFIG_KEY)
    return config if isinstance(config, Config) else Config.from_environment()


def convert(raw: Sequence[Any], text: str) -> tuple[Match, ...]:
    """Our matches from language-tool-python's ``Match`` objects for ``text``.

    LanguageTool counts UTF-16 code units. language-tool-python moves ``offset`` to
    code points but leaves ``error_length`` in UTF-16 units, so the end is computed
    here from the start's UTF-16 offset.
    """
    index = Utf16Index(text)
    found = []
    for match in raw:
        start, end = index.span(index.to_units(match.offset), match.error_length)
        found.append(
            Match(
                start,
                end,
                classify(match.rule_id, match.category, match.rule_issue_type),
                match.rule_id,
                " ".join(str(match.message).split()),
                tuple(match.replacements[:3]),
                match.category,
                match.rule_issue_type,
            )
        )
    return tuple(found)


def chunks(text: str, limit: int = MAX_CHARS) -> list[tuple[int, str]]:
    """``(offset, piece)`` pieces of at most ``limit`` characters, cut after a line
    break, else after white space, else anywhere (LanguageTool checks sentences, so
    a cut between paragraphs loses nothing)."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n") + 1 or _last_space(window) or limit
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _last_space(window: str) -> int:
    match = re.search(r"\s(?=\S*$)", window)
    return match.end() if match else 0


class _Results:
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


class _OffSwitch:
    """Which server is off for this run, shared with forked worker processes.

    The first process that finds a server off switches it off and says so; the others
    see the switch and skip the server without trying. The shared memory is made just
    before the first fork (``os.register_at_fork``), so a run without workers makes
    none. It holds (key hash, time switched off in ms of the system-wide monotonic
    clock).
    """

    def __init__(self) -> None:
        self._local = [0, 0]
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
            first = values[0] != _hash(key)
            values[0], values[1] = _hash(key), _now_ms()
            return first

    def switch_on(self, key: str) -> None:
        values = self._values()
        with self._lock():
            if values[0] == _hash(key):
                values[0] = 0

    def reset(self) -> None:
        values = self._values()
        with self._lock():
            values[0] = values[1] = 0

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


OFF = _OffSwitch()
RESULTS = _Results(CACHE_ENTRIES)
os.register_at_fork(before=OFF.share)


class MissingDependency(RuntimeError):
    """language-tool-python is not installed."""


class Client:
    """One LanguageTool server (``url`` None: language-tool-python's own) as seen by
    one process: a language-tool-python object per language, a failure count."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self.key = url or LOCAL
        self.tools: dict[str, Any] = {}  # LanguageTool language -> tool, None: unsupported
        self.languages: frozenset[str] | None = None  # what the server offers, once known
        self.failures = 0
        self.said_error = False

    def check(self, text: str, language: str) -> tuple[Match, ...]:
        if OFF.is_off(self.key):
            return ()
        tool = self._tool(language)
        if tool is None:
            return ()
        found: list[Match] = []
        for offset, piece in chunks(text):
            matches = self._check_piece(tool, piece)
            if matches is None:
                return ()
            found.extend(m.shifted(offset) for m in matches)
        return tuple(found)

    def _check_piece(self, tool: Any, piece: str) -> tuple[Match, ...] | None:
        if not piece.strip():
            return ()
        key = (self.key, str(tool.language), hashlib.blake2b(piece.encode()).digest())
        cached = RESULTS.get(key)
        if cached is not None:
            return cached
        try:
            matches = convert(tool.check(piece), piece)
        except _server_errors() as exc:
            self._failed(exc)
            return None
        tool._TIMEOUT = REQUEST_TIMEOUT  # the language is loaded: back to the short wait
        self.failures = 0
        OFF.switch_on(self.key)
        RESULTS.put(key, matches)
        return matches

    def _tool(self, language: str) -> Any:
        tag = self._language_tag(language)
        if tag is None:
            return None
        if tag not in self.tools:
            try:
                self.tools[tag] = self._make_tool(tag)
                self.tools[tag]._TIMEOUT = FIRST_REQUEST_TIMEOUT
            except ValueError:  # language-tool-python: the server lacks this language
                self.tools[tag] = None
            except (*_server_errors(), RuntimeError) as exc:
                self._off(exc)
                return None
            if self.tools[tag] is not None and self.languages is None:
                self.languages = frozenset(self.tools[tag].language.languages)
        return self.tools[tag]

    def _language_tag(self, language: str) -> str | None:
        """The variant with a spell checker if the server has it, else the language."""
        candidates = [VARIANTS.get(language, language), language]
        if self.languages is None:
            return candidates[0]
        return next((tag for tag in candidates if tag in self.languages), None)

    def _make_tool(self, tag: str) -> Any:
        tool_class = _tool_class()
        if self.url is not None:
            return tool_class(tag, remote_server=self.url)
        if multiprocessing.parent_process() is not None:
            raise RuntimeError(
                "a worker process cannot share language-tool-python's own server; "
                "use --jobs 1, or start a server (languagetool/server.sh) and pass its URL"
            )
        running = next((t for t in self.tools.values() if t is not None), None)
        if running is not None:  # one local server for every language
            return tool_class(tag, remote_server=running.url.removesuffix("v2/"))
        return tool_class(tag)

    def _failed(self, exc: Exception) -> None:
        if _is_unreachable(exc):
            self._off(exc)
            return
        self.failures += 1
        if self.failures >= FAILURES_BEFORE_OFF:
            self._off(exc, f"{self.failures} requests in a row failed")
        elif not self.said_error:
            self.said_error = True
            _say(
                f"LanguageTool could not check a document ({_reason(exc)}); "
                "its G findings are missing"
            )

    def _off(self, exc: Exception, what: str | None = None) -> None:
        if not OFF.switch_off(self.key):
            return
        if isinstance(exc, MissingDependency):
            _say(f"{exc}; they report nothing in this run")
            return
        if self.url is None:
            where = f"{LOCAL} could not start"
            hint = "give a server with --languagetool URL or $" + ENV_URL
        else:
            where = f"the LanguageTool server at {self.url} does not answer"
            hint = "start one (languagetool/server.sh) or give another with --languagetool URL"
        reason = f"{what}: {_reason(exc)}" if what else _reason(exc)
        _say(f"{where} ({reason}); the G rules report nothing in this run: {hint}")


def _tool_class() -> Any:
    """language-tool-python's LanguageTool with our request timeout (its own is 300 s).

    The timeout is language-tool-python's class attribute ``_TIMEOUT``, which its
    requests read through ``self``; tests check that it is still there.
    """
    global _TOOL_CLASS
    if _TOOL_CLASS is None:
        try:
            import language_tool_python
        except ImportError as exc:
            raise MissingDependency(
                "the G rules need language-tool-python: pip install 'newslint[grammar]'"
            ) from exc

        class Tool(language_tool_python.LanguageTool):
            _TIMEOUT = REQUEST_TIMEOUT  # type: ignore[assignment]

        _TOOL_CLASS = Tool
    return _TOOL_CLASS


_TOOL_CLASS: Any = None


def _server_errors() -> tuple[type[Exception], ...]:
    """What a request can raise when the server or the network fails, or answers with
    something else than matches. Anything else (a bug, the engine's time budget) goes
    through."""
    errors: tuple[type[Exception], ...] = (OSError, KeyError, TypeError)
    try:
        from language_tool_python.exceptions import LanguageToolError
    except ImportError:
        return errors
    return (LanguageToolError, *errors)  # requests' errors are OSErrors


def _is_unreachable(exc: BaseException) -> bool:
    """Nothing listens at the URL, or the host does not accept the connection (as
    opposed to a slow answer or an error answer)."""
    import requests

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, requests.exceptions.ConnectionError | ConnectionError):
            return True
        if isinstance(seen, requests.exceptions.Timeout):
            return False
        seen = seen.__cause__ or seen.__context__
    return False


def _reason(exc: BaseException) -> str:
    text = str(exc)
    errno = re.search(r"\[Errno -?\d+\] [^'\")]+", text)
    if errno:
        return errno.group()
    first = text.splitlines()[0] if text.strip() else ""
    return f"{type(exc).__name__}: {first[:160]}" if first else type(exc).__name__


def _say(message: str) -> None:
    print(f"newslint: warning: {message}", file=sys.stderr, flush=True)


_CLIENTS: dict[str | None, Client] = {}


def client(url: str | None) -> Client:
    """This process's client for ``url``."""
    found = _CLIENTS.get(url)
    if found is None:
        found = _CLIENTS[url] = Client(url)
    return found


def reset() -> None:
    """Forget clients, cached results and the off switch (a fresh run, for tests)."""
    _CLIENTS.clear()
    RESULTS.clear()
    OFF.reset()
