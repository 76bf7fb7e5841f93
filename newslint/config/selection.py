"""The rule table: codes, lookup, and which rules a run enables (select / ignore)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newslint.config.settings import Settings
from newslint.errors import ConfigError
from newslint.model.rule import Rule


class RegistryError(ConfigError):
    """Two rules share a code, or a selector names no rule."""


class Registry:
    """Every known rule by code, in code order."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        table: dict[str, Rule] = {}
        for rule in rules:
            if rule.code in table:
                other = table[rule.code]
                raise RegistryError(
                    f"rule code {rule.code} defined twice: {other.origin} and {rule.origin}"
                )
            table[rule.code] = rule
        self._rules = dict(sorted(table.items()))

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, code: str) -> Rule | None:
        return self._rules.get(code.upper())

    def lookup(self, name_or_code: str) -> Rule | None:
        key = name_or_code.strip()
        return self.get(key) or next((r for r in self if r.name == key), None)

    def enabled(self, settings: Settings) -> list[Rule]:
        """Rules a run uses: the selection (or every default rule), minus ignores.

        The longest matching selector wins, as in ruff: ``--select D --ignore D002``
        keeps D001, and ``--ignore D --select D002`` keeps D002 only.
        """
        self._check_selectors(settings)
        chosen = []
        for rule in self:
            if self._is_enabled(rule, settings):
                chosen.append(rule)
        return chosen

    def _is_enabled(self, rule: Rule, settings: Settings) -> bool:
        return is_selected(rule.code, settings, rule.default_enabled)

    def _check_selectors(self, settings: Settings) -> None:
        # A typo in a CI gate must not pass quietly: every selector must name a rule,
        # whether it selects or ignores, on the command line or in the config.
        named = [
            ("select", settings.select),
            ("extend-select", settings.extend_select),
            ("ignore", settings.ignore),
            *((f"per-file-ignores {glob!r}", codes) for glob, codes in settings.per_file_ignores),
        ]
        for option, selectors in named:
            for prefix in selectors:
                if not any(rule.code.startswith(_as_prefix(prefix)) for rule in self):
                    raise RegistryError(
                        f"{option}: selector {prefix!r} matches no rule (see `newslint rules`)"
                    )


def is_selected(code: str, settings: Settings, default_enabled: bool = True) -> bool:
    """Whether the selection of ``settings`` enables ``code``: the longest matching
    selector wins, an ignore winning a tie."""
    best_len, verdict = -1, default_enabled and not settings.select
    for prefix in (*settings.select, *settings.extend_select):
        prefix = _as_prefix(prefix)
        if code.startswith(prefix) and len(prefix) > best_len:
            best_len, verdict = len(prefix), True
    for prefix in settings.ignore:
        prefix = _as_prefix(prefix)
        if code.startswith(prefix) and len(prefix) >= best_len:
            best_len, verdict = len(prefix), False
    return verdict


def rule_options(rule: Rule, settings: Settings) -> Mapping[str, Any]:
    """The options ``rule`` runs with: its defaults, with what the settings configure."""
    configured = settings.options.get(rule.code)
    return {**rule.options, **configured} if configured else rule.options


def explicitly_selected(code: str, settings: Settings) -> bool:
    """Whether ``code`` is enabled by a selector that names it or its family (``C``,
    ``C001``), as opposed to a default or ``ALL``: what a run that cannot honour it must
    refuse rather than skip."""
    named = [p for p in (*settings.select, *settings.extend_select) if _as_prefix(p)]
    return is_selected(code, settings) and any(code.startswith(p) for p in named)


def _as_prefix(selector: str) -> str:
    """``ALL`` selects every rule, like the empty prefix."""
    return "" if selector == "ALL" else selector
