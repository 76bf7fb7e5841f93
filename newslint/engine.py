"""The engine: runs the enabled rules over each document, isolates crashing rules,
locates and orders the findings."""

from __future__ import annotations

import dataclasses
import hashlib
import traceback
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from newslint import budget, prefilter, suppression
from newslint.budget import RuleTimeout
from newslint.config import Settings
from newslint.declarative import kinds
from newslint.declarative.kinds import PatternTimeout
from newslint.document import Document
from newslint.finding import Finding, Severity, Violation
from newslint.plugins import hookimpl
from newslint.registry import is_selected
from newslint.rule import Rule

INTERNAL_ERROR_CODE = "X900"
TIMEOUT_CODE = "X003"
INPUT_PROBLEM_CODE = "X001"
NOT_REWRITTEN_CODE = "X004"
#: Codes the engine reports itself rather than through a rule's check.
ENGINE_CODES = frozenset({INTERNAL_ERROR_CODE, TIMEOUT_CODE, NOT_REWRITTEN_CODE})


def locate(document: Document, rule: Rule, violation: Violation, severity: Severity) -> Finding:
    start = max(0, min(violation.start, len(document.text)))
    end = max(start, min(violation.end, len(document.text)))
    line, column = document.position(start)
    end_line, end_column = document.position(end)
    return Finding(
        path=document.path,
        record=document.record,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=rule.code,
        rule=rule.name,
        severity=severity,
        message=violation.message,
        start=start,
        end=end,
        fix=violation.fix,
        record_number=document.record_number,
        fingerprint=fingerprint(rule.code, document, document.text[start:end]),
    )


def fingerprint(code: str, document: Document, flagged: str) -> str:
    """Hash of the code, the record (its id, else the file) and the flagged text."""
    owner = document.record if document.record is not None else document.path
    digest = hashlib.blake2b(digest_size=10)
    for part in (code, owner, " ".join(flagged.split())):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def rule_options(rule: Rule, settings: Settings) -> Mapping[str, Any]:
    configured = settings.options.get(rule.code)
    return {**rule.options, **configured} if configured else rule.options


def run_rule(document: Document, rule: Rule, settings: Settings) -> list[Finding]:
    """Findings of one rule on one document. A crash becomes one internal-error finding
    (X900); a rule that runs past its time budget is stopped with an X003 finding."""
    if not prefilter.may_match(rule.requires, document):
        return []
    if not budget.watching():
        with budget.watchdog(settings.rule_timeout):
            return run_rule(document, rule, settings)
    severity = settings.severity.get(rule.code, rule.severity)
    try:
        budget.start(settings.rule_timeout)
        try:
            violations = rule.check(document, rule_options(rule, settings))
            return [locate(document, rule, v, severity) for v in violations]
        finally:
            budget.stop()
    except (RuleTimeout, PatternTimeout) as exc:
        if isinstance(exc, PatternTimeout):
            limit = f"its pattern ran past {kinds.PATTERN_TIMEOUT_SECONDS:g} s"
        else:
            limit = f"it ran past {settings.rule_timeout:g} s"
        message = f"rule {rule.code} ({rule.name}) stopped: {limit}"
        return [engine_finding(document, TIMEOUT_CODE, "rule-timeout", message)]
    except (Exception, SystemExit) as exc:  # a plugin bug, even sys.exit(), must not end the run
        return [internal_error(document, rule, exc)]


def internal_error(document: Document, rule: Rule, exc: BaseException) -> Finding:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {where.filename}:{where.lineno}" if where else ""
    message = f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}{at}"
    return engine_finding(document, INTERNAL_ERROR_CODE, "internal-error", message)


def engine_finding(document: Document, code: str, name: str, message: str) -> Finding:
    """A finding newslint itself reports about a document (at its start): a crashed or
    stopped rule, a file that could not be rewritten. Its severity can be changed and
    its code ignored like any rule's (see :func:`as_configured`)."""
    return Finding(
        path=document.path,
        record=document.record,
        record_number=document.record_number,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        code=code,
        rule=name,
        severity=Severity.ERROR,
        message=message,
        fingerprint=fingerprint(code, document, message),
    )


@hookimpl
def newslint_check_document(
    document: Document, rules: list[Rule], settings: Settings
) -> list[Finding]:
    findings: list[Finding] = []
    # Suppressions act here, the one path every check takes (CLI, API, language server).
    rules = suppression.rules_for(document, rules, settings)
    inline = suppression.parse(document, settings)
    if inline is not None:
        document = inline.masked(document)
    language = document.language
    with budget.watchdog(settings.rule_timeout):
        for rule in rules:
            if rule.applies_to(language):
                findings.extend(run_rule(document, rule, settings))
    if any(f.code in ENGINE_CODES for f in findings):
        findings = as_configured(findings, settings)
        findings = suppression.drop_per_file(document, findings, settings)
    if inline is not None:
        findings = inline.apply(findings, len(document.text))
    findings.sort(key=Finding.sort_key)
    return findings


def as_configured(findings: list[Finding], settings: Settings) -> list[Finding]:
    """The engine's own findings (X003, X900...) as the selection and the ``severity:``
    settings say, like any rule's: dropped when their code is not selected."""
    kept = []
    for finding in findings:
        if finding.code in ENGINE_CODES:
            if not is_selected(finding.code, settings):
                continue
            severity = settings.severity.get(finding.code, finding.severity)
            if severity is not finding.severity:
                finding = dataclasses.replace(finding, severity=severity)
        kept.append(finding)
    return kept


def check_documents(
    hook: Any, documents: Iterable[Document], rules: list[Rule], settings: Settings
) -> Iterator[tuple[Document, list[Finding]]]:
    """Stream (document, findings) pairs in input order."""
    for document in documents:
        findings = hook.newslint_check_document(document=document, rules=rules, settings=settings)
        yield document, findings or []
