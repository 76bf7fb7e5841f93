"""What the language server does in its linting thread (``newslint.server.runner``):
find a document's settings and checker, lint a snapshot of its text into findings and
diagnostics, apply every safe fix. Nothing here touches the session: the event loop
takes a :class:`LintJob` snapshot and gets a :class:`Linted` back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types

from newslint.checking.checker import Checker
from newslint.config.settings import Settings, _read_raw, find_config, settings_from_mapping
from newslint.corpus.stage import refuse_corpus_rules
from newslint.errors import NewslintError
from newslint.fixing.edits import FixResult, fix_text
from newslint.model.columns import ColumnUnit
from newslint.model.document import Document, InputProblem
from newslint.model.finding import Finding, Severity
from newslint.server.positions import to_lsp

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
    """What the linting thread needs to lint a document: a snapshot taken on the loop."""

    uri: str
    version: int | None
    text: str
    path: str | None
    unit: ColumnUnit
    client_settings: Mapping[str, Any]
    generation: int
    root: str | None


class Linter:
    """The checkers of a session, one per distinct settings, built again when the
    client's settings change (a new ``generation``)."""

    def __init__(self) -> None:
        self._checkers: dict[str, Checker] = {}
        self._generation = 0

    def lint(self, job: LintJob) -> tuple[Linted, list[str]]:
        """Lint a snapshot: the result, and the errors to show the user."""
        errors: list[str] = []
        name = job.path or job.uri
        try:
            checker: Checker | None = self.checker_for(job, errors)
        except NewslintError as exc:
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

    def checker_for(self, job: LintJob, errors: list[str]) -> Checker:
        if job.generation != self._generation:
            self._checkers.clear()
            self._generation = job.generation
        settings = settings_for(job.path, job.client_settings, job.root)
        key = repr(settings)
        if key not in self._checkers:
            checker = Checker(settings, strict=False)
            errors.extend(checker.rule_file_errors)
            # An editor shows one file: corpus rules selected by name are an error.
            refuse_corpus_rules(checker, "an editor checks one file at a time")
            self._checkers[key] = checker
        return self._checkers[key]


def settings_for(
    path: str | None, client_settings: Mapping[str, Any], root: str | None
) -> Settings:
    """The document's config file (or the client's ``config``), under the client's own
    settings."""
    client = dict(client_settings)
    explicit = client.pop("config", None)
    folder = Path(path).parent if path else Path(root or ".")
    config = Path(explicit) if explicit else find_config(folder.resolve())
    raw = _read_raw(config) if config else {}
    merged = {**raw, **client}
    base = config.parent if config else folder
    return settings_from_mapping(merged, base=base, source=config)


def _document(checker: Checker, text: str, name: str) -> Document:
    """The document to check; one larger than ``max-record-bytes`` is an X001 instead,
    as a file on the command line is."""
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


def fixed(checker: Checker, template: Document) -> FixResult:
    """Every safe fix applied, the text linted again until it is stable (as ``newslint
    check --fix`` does)."""

    def lint(text: str) -> list[Finding]:
        return checker.check_document(template.with_text(text))

    return fix_text(template.text, lint, False)
