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
  thread (``newslint.server.linting``, ``newslint.server.runner``), away from the loop
  that answers (``newslint.server.stdio``), so that a long one holds no answer back; a
  document larger than ``max-record-bytes`` is one X001; requests on a document the
  client never opened answer nothing, without reading it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Mapping
from typing import Any, NoReturn, TypeVar
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcInternalError
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from newslint import __version__
from newslint.io.readers.text import SUFFIXES
from newslint.model.columns import ColumnUnit
from newslint.model.document import Document
from newslint.model.finding import Finding, Fix
from newslint.server import stdio
from newslint.server.linting import Linted, Linter, LintJob, fixed, range_of
from newslint.server.positions import ENCODING_UNITS, from_lsp, offset_to_lsp
from newslint.server.runner import MainThreadRunner

log = logging.getLogger(__name__)

#: Seconds of quiet after a change before a document is linted again.
DEBOUNCE_SECONDS = 0.3
#: Seconds the first documents wait for the client's answer to workspace/configuration.
CONFIGURATION_TIMEOUT = 5.0
#: Editor language ids linted (besides files with a text or Markdown suffix).
LANGUAGE_IDS = frozenset({"plaintext", "text", "markdown"})
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.newslint"
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
        #: Used by the linting thread only.
        self.linter = Linter()

    @property
    def unit(self) -> ColumnUnit:
        encoding = self.workspace.position_encoding or "utf-16"
        return ENCODING_UNITS.get(str(encoding), "utf-16")

    async def off_the_loop(self, work: Callable[..., T], *args: Any) -> T:
        """``work(*args)`` in the linting thread (or here, without one)."""
        if self.runner is None:
            return work(*args)
        return await asyncio.wrap_future(self.runner.submit(work, *args))

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

    def open_document(self, uri: str) -> TextDocument | None:
        """The document the client opened at ``uri``, never one read from disk.
        pygls keys its documents by the URI percent-decoded (``d%C3%A9p%C3%AAche.txt``
        is ``dépêche.txt``): so is the lookup."""
        document: TextDocument | None = self.workspace.text_documents.get(unquote(uri))
        return document

    def lints(self, uri: str) -> bool:
        """Whether ``uri`` is an open document newslint lints (text or Markdown). A
        document the client never opened is not read from disk."""
        document = self.open_document(uri)
        if document is None:
            return False
        suffix_ok = (document.path or "").lower().endswith(SUFFIXES)
        return document.language_id in LANGUAGE_IDS or suffix_ok

    def job(self, uri: str) -> LintJob:
        document = self.open_document(uri)
        assert document is not None, f"{uri} is open"
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
        linted, errors = await self.off_the_loop(self.linter.lint, job)
        for message in errors:
            self.report_error(message)
        if self.open_document(job.uri) is not None and job.generation == self.generation:
            self.linted[job.uri] = linted
        return linted

    async def publish(self, uri: str) -> None:
        if not self.lints(uri):
            return
        try:
            linted = await self.lint(uri)
        except Exception as exc:  # a bug: say so once, keep serving
            log.exception("cannot lint %s", uri)
            self.report_error(f"internal error linting {uri}: {type(exc).__name__}: {exc}")
            return
        current = self.open_document(uri)
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
        for document in list(self.workspace.text_documents.values()):
            self.publish_soon(document.uri)

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
    result = await ls.off_the_loop(fixed, checker, template)
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


def main() -> NoReturn:
    """Serve over stdin/stdout until the client says exit, then end the process."""
    stdio.run(server)
