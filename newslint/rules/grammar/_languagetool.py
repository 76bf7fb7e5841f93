"""The LanguageTool client the G rules share: one request per document (or per 20,000
characters), results cached by text hash, a server that does not answer reported once.

How it talks to LanguageTool: through language-tool-python (the ``grammar`` extra), in
its remote-server mode when a URL is given (``--languagetool URL``, config key
``languagetool:``, or ``$NEWSLINT_LANGUAGETOOL_URL``); without one, language-tool-python
downloads LanguageTool and starts its own local server (this needs the internet once).

Bounds: each request waits at most 30 s (120 s for the first one of a language, which
a cold server answers slowly) and language-tool-python retries a failed one once. After
3 documents in a row fail, or at once when nothing listens at the URL, the G rules say
so on stderr, once for the whole run (worker processes share that switch), and report
nothing; they try the server again 5 minutes later. Each process sends one request at
a time, so a run with ``--jobs N`` has at most N requests in flight.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newslint.model.stash import StashKey
from newslint.rules.grammar._matches import Match, convert
from newslint.rules.grammar._runstate import CACHE_ENTRIES, OffSwitch, Results

if TYPE_CHECKING:
    from newslint.config.settings import Settings
    from newslint.model.document import Document

ENV_URL = "NEWSLINT_LANGUAGETOOL_URL"
#: Longest text sent in one request. LanguageTool's own server has no limit unless
#: configured (``maxTextLength``); the public API allows 20,000 characters.
MAX_CHARS = 20_000
REQUEST_TIMEOUT = 30  # seconds, for connecting and for each answer
#: LanguageTool loads a language's rules and dictionaries on its first check of that
#: language: 10-50 s on a cold server. The first request per language waits longer.
FIRST_REQUEST_TIMEOUT = 120
FAILURES_BEFORE_OFF = 3  # documents in a row whose request failed
#: English and German have a spell checker only in a country variant.
VARIANTS = {"en": "en-US", "de": "de-DE"}
LOCAL = "language-tool-python's own server"


@dataclass(frozen=True, slots=True)
class Config:
    """Where the server is (None: language-tool-python starts its own) and the words the
    spelling rule accepts (case-folded)."""

    url: str | None = None
    dictionary: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings) -> Config:
        url = settings.plugin_settings.get("languagetool") or os.environ.get(ENV_URL) or None
        words = settings.plugin_settings.get("dictionary", ())
        return cls(url, frozenset(word.casefold() for word in words))


class GrammarRun:
    """What the G rules keep for one Checker: its config, this process's clients,
    matches by text hash, and the switch that turns a server off for the run (in shared
    memory, so that the worker processes the run forks see it)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.results = Results(CACHE_ENTRIES)
        self.off = OffSwitch()
        self.off.share()
        self._clients: dict[str | None, Client] = {}

    def client(self) -> Client:
        """This process's client of the run's server."""
        url = self.config.url
        found = self._clients.get(url)
        if found is None:
            found = self._clients[url] = Client(url, self)
        return found


#: The run of the Checker checking a document (set by the G plugin's wrapper, from the
#: Checker's stash), and the document's matches once fetched.
GRAMMAR_RUN: StashKey[GrammarRun] = StashKey("grammar run")
MATCHES: StashKey[tuple[Match, ...]] = StashKey("grammar matches")


def document_matches(doc: Document) -> tuple[Match, ...]:
    """Every match of the document, fetched once and shared by the G rules; none when
    the document is not checked by a Checker with G rules (no server to ask)."""
    cached = doc.stash.get(MATCHES, None)
    if cached is not None:
        return cached
    run = doc.stash.get(GRAMMAR_RUN, None)
    result: tuple[Match, ...] = ()
    language = doc.language
    try:
        if run is not None and language and doc.text.strip():
            result = run.client().check(doc.text, language)
    except BaseException:
        # Stopped by the engine's time budget (or a bug): the other G rules must not
        # send the same request again on this document.
        doc.stash[MATCHES] = ()
        raise
    doc.stash[MATCHES] = result
    return result


def dictionary_of(doc: Document) -> frozenset[str]:
    """The words the run's settings accept (casefolded)."""
    run = doc.stash.get(GRAMMAR_RUN, None)
    return run.config.dictionary if run is not None else frozenset()


def chunks(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """``(offset, piece)`` pieces of at most ``limit`` (default ``MAX_CHARS``)
    characters, cut after a line break, else after white space, else anywhere
    (LanguageTool checks sentences, so a cut between paragraphs loses nothing)."""
    limit = limit or MAX_CHARS
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


class MissingDependency(RuntimeError):
    """language-tool-python is not installed."""


class Client:
    """One LanguageTool server (``url`` None: language-tool-python's own) as seen by
    one process: a language-tool-python object per language, a failure count."""

    def __init__(self, url: str | None, run: GrammarRun) -> None:
        self.url = url
        self.key = url or LOCAL
        self.run = run
        self.tools: dict[str, Any] = {}  # LanguageTool language -> tool, None: unsupported
        self.languages: frozenset[str] | None = None  # what the server offers, once known
        self.failures = 0
        self.said_error = False

    def check(self, text: str, language: str) -> tuple[Match, ...]:
        if self.run.off.is_off(self.key):
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
        cached = self.run.results.get(key)
        if cached is not None:
            return cached
        try:
            matches = convert(tool.check(piece), piece)
        except _server_errors() as exc:
            self._failed(exc)
            return None
        tool._TIMEOUT = REQUEST_TIMEOUT  # the language is loaded: back to the short wait
        self.failures = 0
        self.run.off.switch_on(self.key)
        self.run.results.put(key, matches)
        return matches

    def _tool(self, language: str) -> Any:
        """The tool for ``language``: its variant with a spell checker (``en-US``) if the
        server has it, else the language itself; None when the server has neither."""
        for tag in dict.fromkeys((VARIANTS.get(language, language), language)):
            if self.languages is not None and tag not in self.languages:
                continue
            if tag not in self.tools:
                try:
                    self.tools[tag] = self._make_tool(tag)
                except ValueError:  # language-tool-python: the server lacks this language
                    self.tools[tag] = None
                except _tool_errors() as exc:
                    self._off(exc)
                    return None
                else:
                    self.tools[tag]._TIMEOUT = FIRST_REQUEST_TIMEOUT
                    self.languages = frozenset(self.tools[tag].language.languages)
            if self.tools[tag] is not None:
                return self.tools[tag]
        return None

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
        if not self.run.off.switch_off(self.key):
            return
        if isinstance(exc, MissingDependency):
            _say(f"{exc}; they report nothing in this run")
            return
        if self.url is None:
            where = f"{LOCAL} could not start (it downloads LanguageTool on first use)"
            hint = "give a server with --languagetool URL or $" + ENV_URL
        else:
            where = f"the LanguageTool server at {self.url} does not answer"
            hint = "start one (languagetool/server.sh) or give another with --languagetool URL"
        reason = f"{what}: {_reason(exc)}" if what else _reason(exc)
        _say(f"{where} ({reason}); the G rules report nothing in this run: {hint}")


def unreachable(config: Config, timeout: float = 10.0) -> str | None:
    """Why the G rules could not work in this run (no language-tool-python, nothing
    answering at the URL), or None; asks the server for its languages once."""
    try:
        _tool_class()
    except MissingDependency as exc:
        return str(exc)
    if config.url is None:
        return None  # language-tool-python starts its own: known once it has tried
    url = config.url.rstrip("/") + "/v2/languages"
    import urllib.request  # here: only a run with a LanguageTool server needs it

    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            answer.read(1)
    except (OSError, ValueError) as exc:
        return f"the LanguageTool server at {config.url} does not answer ({exc})"
    return None


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


def _tool_errors() -> tuple[type[Exception], ...]:
    """What making a tool can raise besides an unknown language: the server's or the
    network's failures, language-tool-python missing, its own server refused."""
    return (*_server_errors(), RuntimeError)


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
    """A short reason: 'Connection refused', 'no answer within 30 s', the server's word."""
    text = str(exc)
    timeout = re.search(r"\((?:read|connect) timeout=([\d.]+)\)", text)
    if timeout:
        return f"no answer within {float(timeout.group(1)):g} s"
    errno = re.search(r"\[Errno -?\d+\] [^'\")]+", text)
    if errno:
        return errno.group()
    # language-tool-python prefixes the server's answer with the URL
    first = re.sub(r"^https?://\S+: ", "", text.strip().splitlines()[0]) if text.strip() else ""
    return f"{type(exc).__name__}: {first[:160]}" if first else type(exc).__name__


def _say(message: str) -> None:
    print(f"newslint: warning: {message}", file=sys.stderr, flush=True)
