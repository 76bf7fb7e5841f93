"""``newslint server``: a language server over stdio, on pygls.

- Diagnostics for plain text and Markdown documents: on open and save at once, on
  change after a pause in typing (``DEBOUNCE_SECONDS``); code, severity, span, and the
  rule name and fix safety in ``data``.
- Code actions: each fix as a quick fix (safe ones preferred, unsafe ones titled so),
  and "fix all" (``source.fixAll.newslint``) for every safe fix at once.
- Hover over a finding: its rule's documentation.
- Settings: the nearest ``newslint.yaml`` / ``pyproject.toml`` of the document, under
  the client's own (``initializationOptions`` or the ``newslint`` section of
  ``workspace/configuration``: the keys of newslint.yaml, plus ``config``, a file to
  read instead of searching).
- Positions in the encoding the client offers (UTF-16 by default, UTF-8 or UTF-32).
- Under hostile use: messages are read with bounds and every request is answered, a
  broken one too (``newslint.server.transport``); documents are linted in the main
  thread, away from the loop that answers (``newslint.server.runner``), so that a long
  one holds no answer back; a document larger than ``max-record-bytes`` is one X001;
  requests on a document the client never opened answer nothing, without reading it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import logging
import os
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcInternalError
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from newslint import __version__
from newslint.api import Checker
from newslint.columns import ColumnUnit
from newslint.config import ConfigError, Settings, _read_raw, find_config, settings_from_mapping
from newslint.document import Document, InputProblem
from newslint.finding import Finding, Fix, Severity
from newslint.fixing import FixResult, fix_text
from newslint.readers.text import SUFFIXES
from newslint.registry import RegistryError
from newslint.server.positions import ENCODING_UNITS, from_lsp, offset_to_lsp, to_lsp
from newslint.server.runner import MainThreadRunner
from newslint.server.transport import Dispatcher, read_messages

log = logging.getLogger(__name__)

#: Seconds of quiet after a change before a document is linted again.
DEBOUNCE_SECONDS = 0.3
#: Seconds the first documents wait for the client's answer to workspace/configuration.
CONFIGURATION_TIMEOUT = 5.0
#: Editor language ids linted (besides files with a text or Markdown suffix).
LANGUAGE_IDS = frozenset({"plaintext", "text", "markdown"})
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.newslint"
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class Linted:
    """A document as last linted: the text (and version) the findings are located in,
    and their diagnostics in the position encoding of the session."""

    version: int | None
    document: Document
    findings: list[Finding]
    checker: Checker | None
    diagnostics: list[types.Diagnostic]
    generation: int  # of the client's settings it was linted with


@dataclass(frozen=True)
class LintJob:
    """What the main thread needs to lint a document: a snapshot taken on the loop."""

    uri: str
    version: int | None
    text: str
    path: str | None
    unit: ColumnUnit
    client_settings: Mapping[str, Any]
    generation: int
    root: str | None


T = TypeVar("T")


class NewslintServer(LanguageServer):
    def __init__(self) -> None:
        # Full sync: the client sends the whole text, so no incremental edit is ever
        # applied with another notion of lines than newslint's.
        super().__init__(
            "newslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.client_settings: dict[str, Any] = {}
        self.linted: dict[str, Linted] = {}
        self._linting: dict[str, tuple[tuple[int | None, int], asyncio.Future[Linted]]] = {}
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._reported_errors: set[str] = set()
        # Set once the client's settings are known (asked for after `initialized`):
        # documents opened before wait for them instead of flashing unfiltered findings.
        self.configured: asyncio.Event | None = None
        #: Where lints run (the main thread); None: on the loop itself.
        self.runner: MainThreadRunner | None = None
        #: Bumped when the client's settings change: checkers are built again.
        self.generation = 0
        # Touched by the linting thread only.
        self._checkers: dict[str, Checker] = {}
        self._checkers_generation = 0

    @property
    def unit(self) -> ColumnUnit:
        encoding = self.workspace.position_encoding or "utf-16"
        return ENCODING_UNITS.get(str(encoding), "utf-16")

    async def off_the_loop(self, work: Callable[..., T], *args: Any) -> T:
        """``work(*args)`` in the linting thread (or here, without one)."""
        if self.runner is None:
            return work(*args)
        return await asyncio.wrap_future(self.runner.submit(work, *args))

    # --- settings (in the linting thread)

    def settings_for(
        self, path: str | None, client_settings: Mapping[str, Any], root: str | None
    ) -> Settings:
        """The document's config file (or the client's ``config``), under the client's
        own settings."""
        client = dict(client_settings)
        explicit = client.pop("config", None)
        folder = Path(path).parent if path else Path(root or ".")
        config = Path(explicit) if explicit else find_config(folder.resolve())
        raw = _read_raw(config) if config else {}
        merged = {**raw, **client}
        base = config.parent if config else folder
        return settings_from_mapping(merged, base=base, source=config)

    def checker_for(self, job: LintJob, errors: list[str]) -> Checker:
        if job.generation != self._checkers_generation:
            self._checkers.clear()
            self._checkers_generation = job.generation
        settings = self.settings_for(job.path, job.client_settings, job.root)
        key = repr(settings)
        if key not in self._checkers:
            checker = Checker(settings, strict=False)
            errors.extend(checker.rule_file_errors)
            self._checkers[key] = checker
        return self._checkers[key]

    def report_error(self, message: str) -> None:
        """Tell the user once (a configuration error, a broken rule file)."""
        if message in self._reported_errors:
            return
        self._reported_errors.add(message)
        log.error("%s", message)
        self.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Error, message=f"newslint: {message}")
        )

    def update_client_settings(self, settings: Any) -> None:
        if isinstance(settings, Mapping):
            self.client_settings = dict(settings.get("newslint", settings))
        self.generation += 1

    # --- linting

    def lints(self, uri: str) -> bool:
        """Whether ``uri`` is an open document newslint lints (text or Markdown). A
        document the client never opened is not read from disk."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return False
        suffix_ok = (document.path or "").lower().endswith(SUFFIXES)
        return document.language_id in LANGUAGE_IDS or suffix_ok

    def job(self, uri: str) -> LintJob:
        document = self.workspace.text_documents[uri]
        return LintJob(
            uri=uri,
            version=document.version,
            text=document.source,
            path=to_fs_path(uri),
            unit=self.unit,
            client_settings=dict(self.client_settings),
            generation=self.generation,
            root=self.workspace.root_path,
        )

    async def lint(self, uri: str) -> Linted:
        """The document's current text linted (the last result, if of that version)."""
        job = self.job(uri)
        cached = self.linted.get(uri)
        if cached is not None and (cached.version, cached.generation) == (
            job.version,
            job.generation,
        ):
            return cached
        running = self._linting.get(uri)
        if running is not None and running[0] == (job.version, job.generation):
            return await asyncio.shield(running[1])
        future = asyncio.ensure_future(self._lint(job))
        self._linting[uri] = ((job.version, job.generation), future)
        try:
            return await asyncio.shield(future)
        finally:
            if self._linting.get(uri, (None, None))[1] is future and future.done():
                self._linting.pop(uri, None)

    async def _lint(self, job: LintJob) -> Linted:
        linted, errors = await self.off_the_loop(self.lint_now, job)
        for message in errors:
            self.report_error(message)
        if job.uri in self.workspace.text_documents and job.generation == self.generation:
            self.linted[job.uri] = linted
        return linted

    def lint_now(self, job: LintJob) -> tuple[Linted, list[str]]:
        """Lint a snapshot (in the linting thread): the result, and errors to show."""
        errors: list[str] = []
        name = job.path or job.uri
        try:
            checker: Checker | None = self.checker_for(job, errors)
        except (ConfigError, RegistryError) as exc:
            errors.append(str(exc))
            checker = None
        if checker is None:
            document = Document(job.text, name)
            findings: list[Finding] = []
        else:
            document = _document(checker, job.text, name)
            findings = checker.check_document(document)
        diagnostics = [diagnostic(document, finding, job.unit) for finding in findings]
        linted = Linted(job.version, document, findings, checker, diagnostics, job.generation)
        return linted, errors

    async def publish(self, uri: str) -> None:
        if not self.lints(uri):
            return
        try:
            linted = await self.lint(uri)
        except Exception as exc:  # a bug: say so once, keep serving
            log.exception("cannot lint %s", uri)
            self.report_error(f"internal error linting {uri}: {type(exc).__name__}: {exc}")
            return
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != linted.version:
            return  # closed, or changed since: its own lint publishes
        if linted.generation != self.generation:
            return  # the settings changed since: the lint they started publishes
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=linted.version, diagnostics=linted.diagnostics
            )
        )

    def publish_soon(self, uri: str) -> None:
        asyncio.get_running_loop().create_task(self.publish(uri))

    def publish_later(self, uri: str) -> None:
        """Publish once the user pauses: each change restarts the wait."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()

        async def wait_then_publish() -> None:
            await asyncio.sleep(DEBOUNCE_SECONDS)
            self._pending.pop(uri, None)
            await self.publish(uri)

        self._pending[uri] = asyncio.get_running_loop().create_task(wait_then_publish())

    def republish(self) -> None:
        """Lint every open document again (the settings changed)."""
        self.linted.clear()
        for uri in list(self.workspace.text_documents):
            self.publish_soon(uri)

    def forget(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.linted.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    # --- conversions

    def range_of(self, document: Document, finding: Finding) -> types.Range:
        return range_of(document, finding, self.unit)

    def text_edits(self, document: Document, fix: Fix) -> list[types.TextEdit]:
        unit = self.unit
        return [
            types.TextEdit(
                range=types.Range(
                    start=types.Position(*offset_to_lsp(document, edit.start, unit)),
                    end=types.Position(*offset_to_lsp(document, edit.end, unit)),
                ),
                new_text=edit.replacement,
            )
            for edit in fix.edits
        ]

    def offset(self, document: Document, position: types.Position) -> int:
        return from_lsp(document, (position.line, position.character), self.unit)


def _document(checker: Checker, text: str, name: str) -> Document:
    """The document to check; one larger than ``max-record-bytes`` is an X001 instead,
    as for a file on the command line."""
    size = len(text.encode("utf-8", "surrogatepass"))
    limit = checker.settings.max_record_bytes
    if size <= limit:  # the checker's documents take the settings' `language:`
        return checker.document(text, path=name)
    message = f"document of {size:,} bytes, larger than max-record-bytes ({limit:,})"
    return Document("", name, problems=(InputProblem(message),))


def range_of(document: Document, finding: Finding, unit: ColumnUnit) -> types.Range:
    start = to_lsp(document, finding.line, finding.column, unit)
    end = to_lsp(document, finding.end_line, finding.end_column, unit)
    return types.Range(start=types.Position(*start), end=types.Position(*end))


def diagnostic(document: Document, finding: Finding, unit: ColumnUnit) -> types.Diagnostic:
    return types.Diagnostic(
        range=range_of(document, finding, unit),
        message=finding.message,
        severity=_SEVERITIES[finding.severity],
        code=finding.code,
        source="newslint",
        data={
            "rule": finding.rule,
            "fix": finding.fix.safety if finding.fix else None,
            "fingerprint": finding.fingerprint,
        },
    )


def answering(handler: Callable[..., Any]) -> Callable[..., Any]:
    """A request handler whose bug is answered as an internal error that says what
    happened, without the traceback pygls would put in the answer's ``data`` (the
    traceback goes to the server's log)."""

    @functools.wraps(handler)
    async def wrapper(ls: NewslintServer, params: Any) -> Any:
        try:
            return await handler(ls, params)
        except Exception as exc:
            log.exception("internal error in %s", handler.__name__)
            raise JsonRpcInternalError(f"newslint: {type(exc).__name__}: {exc}") from None

    return wrapper


server = NewslintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: NewslintServer, params: types.InitializeParams) -> None:
    if params.initialization_options is not None:
        ls.update_client_settings(params.initialization_options)


@server.feature(types.INITIALIZED)
async def initialized(ls: NewslintServer, params: types.InitializedParams) -> None:
    ls.configured = asyncio.Event()
    try:
        await asyncio.wait_for(pull_configuration(ls), CONFIGURATION_TIMEOUT)
    except TimeoutError:
        log.warning("no answer to workspace/configuration: going on without it")
    finally:
        ls.configured.set()


async def pull_configuration(ls: NewslintServer) -> None:
    """The client's ``newslint`` settings, when it answers ``workspace/configuration``.
    Asked even of clients that do not declare it: Neovim 0.7 answers without saying so;
    a client that cannot answers with an error, and its settings stay as they were."""
    try:
        [settings] = await ls.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section="newslint")])
        )
    except Exception as exc:  # a client that cannot answer keeps the settings it gave
        log.warning("workspace/configuration failed: %s", exc)
        return
    if settings:
        ls.update_client_settings(settings)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(
    ls: NewslintServer, params: types.DidChangeConfigurationParams
) -> None:
    # Settings pushed with the notification apply before the next message is handled;
    # without them the client is asked (workspace/configuration) first.
    if params.settings:
        ls.update_client_settings(params.settings)
        ls.republish()
        return

    async def pull_then_republish() -> None:
        await pull_configuration(ls)
        ls.update_client_settings(None)  # the files may have changed too
        ls.republish()

    asyncio.get_running_loop().create_task(pull_then_republish())


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
    uri = params.text_document.uri
    configured = ls.configured
    if configured is None or configured.is_set():
        ls.publish_soon(uri)
        return

    async def publish_once_configured() -> None:
        await configured.wait()
        await ls.publish(uri)

    asyncio.get_running_loop().create_task(publish_once_configured())


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.publish_later(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.publish_soon(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
)
@answering
async def code_action(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    if not ls.lints(uri):
        return []
    linted = await ls.lint(uri)
    document = linted.document
    start, end = ls.offset(document, params.range.start), ls.offset(document, params.range.end)
    actions = []
    for finding, found in zip(linted.findings, linted.diagnostics, strict=True):
        if finding.fix is None or finding.end < start or finding.start > end:
            continue
        unsafe = finding.fix.safety == "unsafe"
        actions.append(
            types.CodeAction(
                title=f"{finding.fix.title} ({finding.code}{', unsafe' if unsafe else ''})",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[found],
                is_preferred=not unsafe,
                edit=types.WorkspaceEdit(changes={uri: ls.text_edits(document, finding.fix)}),
            )
        )
    fix_all = await _fix_all(ls, uri, linted)
    return actions + ([fix_all] if fix_all else [])


async def _fix_all(ls: NewslintServer, uri: str, linted: Linted) -> types.CodeAction | None:
    """Every safe fix, as one edit of the whole text (fixes are applied and the text
    linted again until it is stable, as ``newslint check --fix`` does)."""
    checker = linted.checker
    if checker is None or not any(f.fix and f.fix.safety == "safe" for f in linted.findings):
        return None
    template = linted.document
    result = await ls.off_the_loop(_fixed, checker, template)
    if result.text == template.text:
        return None
    end = offset_to_lsp(template, len(template.text), ls.unit)
    whole = types.Range(start=types.Position(0, 0), end=types.Position(*end))
    return types.CodeAction(
        title=f"Fix all safe newslint findings ({len(result.applied)})",
        kind=FIX_ALL_KIND,
        edit=types.WorkspaceEdit(
            changes={uri: [types.TextEdit(range=whole, new_text=result.text)]}
        ),
    )


def _fixed(checker: Checker, template: Document) -> FixResult:
    def lint(text: str) -> list[Finding]:
        return checker.check_document(dataclasses.replace(template, text=text, cache={}))

    return fix_text(template.text, lint, False)


@server.feature(types.TEXT_DOCUMENT_HOVER)
@answering
async def hover(ls: NewslintServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    if not ls.lints(uri):
        return None
    linted = await ls.lint(uri)
    offset = ls.offset(linted.document, params.position)
    here = [f for f in linted.findings if f.start <= offset <= max(f.end, f.start + 1)]
    if not here or linted.checker is None:
        return None
    sections = []
    for finding in here:
        rule = linted.checker.registry.get(finding.code)
        doc = rule.doc if rule is not None else ""
        sections.append(
            f"**{finding.code}** `{finding.rule}` ({finding.severity.value}): "
            f"{finding.message}\n\n{doc}"
        )
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(sections)
        ),
        range=ls.range_of(linted.document, here[0]),
    )


# ------------------------------------------------------------------------ serving


class _QuietDeserialisation(logging.Filter):
    """pygls logs a traceback for every message it cannot read; the transport answers
    such a message itself and logs one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Unable to deserialize message")


_END = object()
#: Messages read ahead of the one being handled, at most.
_INBOX = 64


async def serve(ls: NewslintServer, stdin: BinaryIO, stdout: BinaryIO) -> int:
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


def main() -> NoReturn:
    """Serve over stdin/stdout until the client says exit, then end the process: the
    event loop in a thread, linting in this one (see ``newslint.server.runner``)."""
    logging.basicConfig(level=logging.WARNING, format="newslint server: %(message)s")
    logging.getLogger("pygls.protocol.json_rpc").addFilter(_QuietDeserialisation())
    runner = server.runner = MainThreadRunner()
    outcome: dict[str, int] = {}

    def loop() -> None:
        try:
            outcome["code"] = asyncio.run(serve(server, sys.stdin.buffer, sys.stdout.buffer))
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
