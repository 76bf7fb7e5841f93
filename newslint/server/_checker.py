"""The one place the language server gets findings from: a small stand-in for
``newslint.api.Checker`` (same constructor and ``check_document``), so that moving the
server onto the public API is a change of this import only."""

from __future__ import annotations

import warnings

from newslint.config import Settings
from newslint.declarative.loader import RuleFileWarning
from newslint.document import Document
from newslint.finding import Finding
from newslint.plugins import plugin_manager
from newslint.registry import Registry
from newslint.rule import Rule


class Checker:
    """The rules of ``settings``, built once (plugins, YAML packs, selection)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.plugins = plugin_manager()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            batches = self.plugins.hook.newslint_rules(settings=self.settings)
        #: messages of the rule files that could not be loaded (the others still run)
        self.rule_file_errors = [
            str(w.message) for w in caught if issubclass(w.category, RuleFileWarning)
        ]
        self.registry = Registry(rule for batch in batches for rule in batch)
        self.rules: list[Rule] = self.registry.enabled(self.settings)

    def check_document(self, document: Document) -> list[Finding]:
        findings = self.plugins.hook.newslint_check_document(
            document=document, rules=self.rules, settings=self.settings
        )
        return findings or []
