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
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from newslint import __version__
from newslint.checking.checker import Checker
from newslint.config.settings import Settings, _read_raw, find_config, settings_from_mapping
from newslint.corpus.stage import refuse_corpus_rules
from newslint.errors import NewslintError
from newslint.fixing.edits import fix_text
from newslint.io.readers.text import SUFFIXES
from newslint.model.columns import ColumnUnit
from newslint.model.document import Document
from newslint.model.finding import Finding, Fix, Severity
from newslint.server.positions import ENCODING_UNITS, from_lsp, offset_to_lsp, to_lsp

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
    """A document as last linted: the text (and version) the findings are located in."""

    version: int | None
    document: Document
    findings: list[Finding]
    checker: Checker | None


class NewslintServer(LanguageServer):
    def __init__(self) -> None:
        # Full sync: the client sends the whole text, so no incremental edit is ever
        # applied with another notion of lines than newslint's.
        super().__init__(
            "newslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.client_settings: dict[str, Any] = {}
        self.linted: dict[str, Linted] = {}
        self._checkers: dict[str, Checker] = {}
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._reported_errors: set[str] = set()
        # Set once the client's settings are known (asked for after `initialized`):
        # documents opened before wait for them instead of flashing unfiltered findings.
        self.configured: asyncio.Event | None = None

    @property
    def unit(self) -> ColumnUnit:
        encoding = self.workspace.position_encoding or "utf-16"
        return ENCODING_UNITS.get(str(encoding), "utf-16")

    # --- settings

    def settings_for(self, path: str | None) -> Settings:
        """The document's config file (or the client's ``config``), under the client's
        own settings."""
        client = dict(self.client_settings)
        explicit = client.pop("config", None)
        folder = Path(path).parent if path else Path(self.workspace.root_path or ".")
        config = Path(explicit) if explicit else find_config(folder.resolve())
        raw = _read_raw(config) if config else {}
        merged = {**raw, **client}
        base = config.parent if config else folder
        return settings_from_mapping(merged, base=base, source=config)

    def checker_for(self, path: str | None) -> Checker:
        settings = self.settings_for(path)
        key = repr(settings)
        if key not in self._checkers:
            checker = Checker(settings, strict=False)
            for message in checker.rule_file_errors:
                self.report_error(message)
            # An editor shows one file: corpus rules selected by name are an error.
            refuse_corpus_rules(checker, "an editor checks one file at a time")
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
        self._checkers.clear()

    # --- linting

    def lints(self, uri: str) -> bool:
        document = self.workspace.get_text_document(uri)
        suffix_ok = (document.path or "").lower().endswith(SUFFIXES)
        return document.language_id in LANGUAGE_IDS or suffix_ok

    def lint(self, uri: str) -> Linted:
        """Lint the document's current text (or reuse the last result of that version)."""
        text_document = self.workspace.get_text_document(uri)
        cached = self.linted.get(uri)
        if cached is not None and cached.version == text_document.version:
            return cached
        path = to_fs_path(uri)
        try:
            checker: Checker | None = self.checker_for(path)
        except NewslintError as exc:
            self.report_error(str(exc))
            checker = None
        if checker is None:
            document = Document(text_document.source, path or uri)
            findings: list[Finding] = []
        else:  # the checker's documents take the settings' `language:`
            document = checker.document(text_document.source, path=path or uri)
            findings = checker.check_document(document)
        linted = Linted(text_document.version, document, findings, checker)
        self.linted[uri] = linted
        return linted

    def publish(self, uri: str) -> None:
        if not self.lints(uri):
            return
        linted = self.lint(uri)
        diagnostics = [self.diagnostic(linted, finding) for finding in linted.findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=linted.version, diagnostics=diagnostics)
        )

    def publish_later(self, uri: str) -> None:
        """Publish once the user pauses: each change restarts the wait."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()

        async def wait_then_publish() -> None:
            await asyncio.sleep(DEBOUNCE_SECONDS)
            self._pending.pop(uri, None)
            self.publish(uri)

        self._pending[uri] = asyncio.get_running_loop().create_task(wait_then_publish())

    def republish(self) -> None:
        """Lint every open document again (the settings changed)."""
        self._checkers.clear()
        self.linted.clear()
        for uri in list(self.workspace.text_documents):
            self.publish(uri)

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
        start = to_lsp(document, finding.line, finding.column, self.unit)
        end = to_lsp(document, finding.end_line, finding.end_column, self.unit)
        return types.Range(start=types.Position(*start), end=types.Position(*end))

    def diagnostic(self, linted: Linted, finding: Finding) -> types.Diagnostic:
        return types.Diagnostic(
            range=self.range_of(linted.document, finding),
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
        ls.republish()

    asyncio.get_running_loop().create_task(pull_then_republish())


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
    uri = params.text_document.uri
    configured = ls.configured
    if configured is None or configured.is_set():
        ls.publish(uri)
        return

    async def publish_once_configured() -> None:
        await configured.wait()
        ls.publish(uri)

    asyncio.get_running_loop().create_task(publish_once_configured())


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.publish_later(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
)
def code_action(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    if not ls.lints(uri):
        return []
    linted = ls.lint(uri)
    document = linted.document
    start, end = ls.offset(document, params.range.start), ls.offset(document, params.range.end)
    actions = []
    for finding in linted.findings:
        if finding.fix is None or finding.end < start or finding.start > end:
            continue
        unsafe = finding.fix.safety == "unsafe"
        actions.append(
            types.CodeAction(
                title=f"{finding.fix.title} ({finding.code}{', unsafe' if unsafe else ''})",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[ls.diagnostic(linted, finding)],
                is_preferred=not unsafe,
                edit=types.WorkspaceEdit(changes={uri: ls.text_edits(document, finding.fix)}),
            )
        )
    fix_all = _fix_all(ls, uri, linted)
    return actions + ([fix_all] if fix_all else [])


def _fix_all(ls: NewslintServer, uri: str, linted: Linted) -> types.CodeAction | None:
    """Every safe fix, as one edit of the whole text (fixes are applied and the text
    linted again until it is stable, as ``newslint check --fix`` does)."""
    checker = linted.checker
    if checker is None or not any(f.fix and f.fix.safety == "safe" for f in linted.findings):
        return None
    template = linted.document

    def lint(text: str) -> list[Finding]:
        return checker.check_document(template.with_text(text))

    result = fix_text(template.text, lint, False)
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
def hover(ls: NewslintServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    if not ls.lints(uri):
        return None
    linted = ls.lint(uri)
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


def main() -> int:
    """Serve over stdin/stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="newslint server: %(message)s")
    server.start_io()
    return 0
