"""The Python API: build a :class:`Checker` once from settings, then check texts,
records or documents with it. The command line runs through the same Checker.

    from newslint import Checker

    checker = Checker({"select": ["D", "T"], "language": "fr"})
    for finding in checker.check(text):
        print(finding.line, finding.code, finding.message)

A Checker holds what its run needs (plugins, rules, the prefilter of their strings, the
rules' time budget, and what plugins keep in :attr:`Checker.stash`) and nothing of one
document once it is checked; several Checkers with other settings can live in one
process. The per-rule time limit (``rule-timeout``) is enforced in the main thread of a
process only (it relies on SIGALRM); elsewhere rules run without it.
"""

from __future__ import annotations

import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypedDict, Unpack, cast

import pluggy

from newslint.checking import suppression
from newslint.checking.budget import Budget
from newslint.checking.engine import (
    ENGINE_CODES,
    INTERNAL_ERROR_CODE,
    as_configured,
    engine_finding,
)
from newslint.checking.overlaps import one_finding_per_defect
from newslint.checking.prefilter import LiteralIndex
from newslint.config.selection import Registry
from newslint.config.settings import (
    Settings,
    checked_plugin_settings,
    load_settings,
    settings_from_mapping,
)
from newslint.corpus.stage import refuse_corpus_rules
from newslint.declarative.loader import RuleFileWarning
from newslint.errors import ConfigError
from newslint.fixing.edits import FixResult, fix_text
from newslint.model.document import Document
from newslint.model.finding import Finding
from newslint.model.options import Option, OptionError, validate
from newslint.model.rule import Rule
from newslint.model.stash import Stash
from newslint.plugins import plugin_manager

__all__ = ["Checker", "TextFields"]


class TextFields(TypedDict, total=False):
    """What a text may say about itself besides its words (all optional)."""

    lang: str | None  # ISO 639 code; else the settings' language, else detected
    title: str | None
    id: str | None  # the record id findings carry (``record`` in JSON)
    path: str  # shown in locations; default "<text>"


class Checker:
    """The rules of a run, built once: plugins, YAML packs, selection, options.

    ``settings``: a :class:`~newslint.config.settings.Settings`, or a mapping with the keys of
    ``newslint.yaml`` (``{"select": ["D"], "options": {"D002": {...}}}``); ``config``: a
    config file to read instead; neither: the defaults (no config file is searched).
    A broken YAML rule file raises :class:`~newslint.config.settings.ConfigError` unless
    ``strict=False``, which keeps the messages in :attr:`rule_file_errors` and goes on
    without the file (what the command line does).
    """

    def __init__(
        self,
        settings: Settings | Mapping[str, Any] | None = None,
        *,
        config: str | Path | None = None,
        blocked_plugins: Iterable[str] = (),
        load_entry_points: bool = True,
        strict: bool = True,
    ) -> None:
        self.blocked_plugins = tuple(blocked_plugins)
        self.load_entry_points = load_entry_points
        self.plugins: pluggy.PluginManager = plugin_manager(self.blocked_plugins, load_entry_points)
        settings = _settings(settings, config)
        settings = checked_plugin_settings(settings, declared_settings(self.plugins))
        rules, self.rule_file_errors = _load_rules(self.plugins, settings)
        if strict and self.rule_file_errors:
            raise ConfigError("; ".join(self.rule_file_errors))
        self.registry = Registry(rules)
        self.settings = checked_options(self.registry, settings)
        self.rules: list[Rule] = self.registry.enabled(self.settings)
        #: the strings the enabled rules ask the prefilter about, found in one pass
        self.literals = LiteralIndex(
            literal for rule in self.rules for literal in (*(rule.requires or ()), *rule.literals)
        )
        #: the rules' time budget (``rule-timeout``)
        self.budget = Budget()
        #: what plugins keep for the run (``newslint_configure``)
        self.stash = Stash()
        self.hook.newslint_configure(checker=self)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # A Checker travels to other processes (Ray actors, datatrove tasks, datasets'
        # num_proc workers) as what it was built from, and is built again there: plugins
        # and compiled rules do not pickle. Rule files that failed here fail there too.
        return _rebuilt, (self.settings, self.blocked_plugins, self.load_entry_points)

    @property
    def hook(self) -> Any:
        return self.plugins.hook

    def document(self, text: str, **fields: Unpack[TextFields]) -> Document:
        """A Document for ``text``; ``lang`` falls back to the settings' ``language``."""
        return Document(
            text,
            fields.get("path", "<text>"),
            record=fields.get("id"),
            title=fields.get("title"),
            lang=fields.get("lang") or self.settings.language,
        )

    def check(self, text: str, **fields: Unpack[TextFields]) -> list[Finding]:
        """The findings of ``text``, sorted by position. One text has no corpus: corpus
        rules selected by name are a usage error here (use :meth:`check_records`)."""
        refuse_corpus_rules(self, "one text has no other articles to compare")
        return self.check_document(self.document(text, **fields))

    def check_document(self, document: Document) -> list[Finding]:
        """The findings of ``document``, sorted by position: the enabled rules less those
        ``per-file-ignores`` turns off for its file, less what its suppression comments
        drop, and one finding per defect (:mod:`.overlaps`; the one path every check
        takes: CLI, API, language server)."""
        settings = self.settings
        rules = suppression.rules_for(document, self.rules, settings)
        inline = suppression.parse(document, settings)
        if inline is not None:
            document = inline.masked(document)
        findings: list[Finding] = (
            self.hook.newslint_check_document(
                document=document, rules=rules, settings=settings, checker=self
            )
            or []
        )
        if any(f.code in ENGINE_CODES for f in findings):
            findings = as_configured(findings, settings)
            findings = suppression.drop_per_file(document, findings, settings)
        if inline is not None:
            findings = inline.apply(findings, len(document.text))
        return one_finding_per_defect(findings)

    def report(self, document: Document, code: str, name: str, message: str) -> list[Finding]:
        """A finding newslint itself reports on ``document`` (X004, X900...), as the
        selection and severities of the settings say: none when its code is ignored."""
        finding = engine_finding(document, code, name, message)
        return as_configured([finding], self.settings)

    def unavailable(self, *, finished: bool) -> list[str]:
        """What plugins could not do that the settings explicitly ask for (a server
        that does not answer): checked before a run and after it."""
        found = self.hook.newslint_unavailable(
            settings=self.settings, rules=self.rules, finished=finished, checker=self
        )
        return [message for message in found if message]

    def lost(self, document: Document, reason: str) -> list[Finding]:
        """The findings of a document whose worker process died while checking it."""
        return self.report(document, INTERNAL_ERROR_CODE, "internal-error", reason)

    def fix(
        self, text: str, *, unsafe: bool = False, **fields: Unpack[TextFields]
    ) -> tuple[str, list[Finding]]:
        """``text`` with its fixes applied (safe ones, or all with ``unsafe``), and the
        findings left in the fixed text. Corpus rules selected by name are a usage error,
        as in :meth:`check`."""
        refuse_corpus_rules(self, "one text has no other articles to compare")
        result = self.repair_document(self.document(text, **fields), unsafe=unsafe)
        return result.text, list(result.remaining)

    def repair_document(self, document: Document, *, unsafe: bool = False) -> FixResult:
        """Fix, re-check and fix again until the text is stable (``newslint.fixing.edits``)."""

        def lint(text: str) -> list[Finding]:
            return self.check_document(document.with_text(text))

        return fix_text(document.text, lint, unsafe)

    def check_records(
        self,
        records: Iterable[Mapping[str, Any]],
        *,
        text_field: str | None = None,
        id_field: str | None = None,
        title_field: str | None = None,
        lang_field: str | None = None,
        source: str = "<records>",
        jobs: int = 1,
    ) -> Iterator[tuple[Mapping[str, Any], list[Finding]]]:
        """(record, findings) for each record, in order, as ``newslint check`` gives
        them for a JSONL file of these records, the corpus rules' included: a list (or
        any sequence) is read twice, as a file is; a one-shot iterable once, as standard
        input is (see README, corpus mode). Fields are found as with the command line's
        ``--text-field`` etc. (dotted paths; the usual names when None); a record
        without text gets an X001 finding. ``jobs`` > 1 checks in worker processes."""
        from newslint.running.executors import LocalExecutor
        from newslint.running.run import Run
        from newslint.running.sources import RecordSources

        settings = self.settings.with_overrides(
            text_field=text_field, id_field=id_field, title_field=title_field, lang_field=lang_field
        )
        if isinstance(records, Sequence):
            sources = RecordSources(records, settings, source)
            run = Run(self, sources, executor=LocalExecutor(jobs))
            for document, result in run:
                yield records[(document.record_number or 1) - 1], list(result.remaining)
            return
        pending: deque[Mapping[str, Any]] = deque()

        def kept() -> Iterator[Mapping[str, Any]]:
            for record in records:
                pending.append(record)
                yield record

        run = Run(self, RecordSources(kept(), settings, source), executor=LocalExecutor(jobs))
        for _, result in run:
            yield pending.popleft(), list(result.remaining)


def _rebuilt(settings: Settings, blocked_plugins: tuple[str, ...], entry_points: bool) -> Checker:
    return Checker(
        settings, blocked_plugins=blocked_plugins, load_entry_points=entry_points, strict=False
    )


def _settings(settings: Settings | Mapping[str, Any] | None, config: str | Path | None) -> Settings:
    if config is not None:
        if settings is not None:
            raise TypeError("give settings or config, not both")
        return load_settings(Path(config))
    if settings is None:
        return Settings()
    if isinstance(settings, Settings):
        return settings
    return settings_from_mapping(settings, base=Path.cwd(), source=None)


def declared_settings(pm: pluggy.PluginManager) -> dict[str, Option]:
    """The settings the plugins declare (``newslint_settings``), by name."""
    declared: dict[str, Option] = {}
    owners: dict[str, str] = {}
    for impl in pm.hook.newslint_settings.get_hookimpls():
        declared_here = cast(Mapping[str, Option], impl.function() or {})
        for name, option in declared_here.items():
            if name in declared:
                raise ConfigError(
                    f"setting {name!r} declared twice: by {owners[name]} and {impl.plugin_name}"
                )
            declared[name], owners[name] = option, impl.plugin_name
    return declared


def _load_rules(pm: pluggy.PluginManager, settings: Settings) -> tuple[list[Rule], list[str]]:
    """Every plugin's rules, and the messages of the YAML rule files that could not be
    loaded (their loader warns instead of raising, so that the other files load)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rules = [rule for batch in pm.hook.newslint_rules(settings=settings) for rule in batch]
    errors = []
    for warning in caught:
        if issubclass(warning.category, RuleFileWarning):
            errors.append(str(warning.message))
        else:  # not ours to judge (e.g. a dependency's DeprecationWarning): pass it on
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    return rules, errors


def checked_options(registry: Registry, settings: Settings) -> Settings:
    """``settings`` with its rule options checked against what each rule declares."""
    where = str(settings.config_path) if settings.config_path else "configuration"
    checked = {}
    for code, configured in settings.options.items():
        rule = registry.get(code)
        if rule is None:
            raise ConfigError(f"{where}: options: no rule {code} (see `newslint rules`)")
        try:
            checked[code] = validate(code, rule.option_specs, configured)
        except OptionError as exc:
            raise ConfigError(f"{where}: options: {exc}") from None
    return settings.with_overrides(options=checked)
