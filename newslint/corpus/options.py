"""The thresholds of the corpus checks, read once from the C rules' options."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newslint.config import ConfigError, Settings
from newslint.engine import rule_options
from newslint.rule import Rule

EXACT, NEAR, TEMPLATE, WIRE = "C001", "C002", "C003", "C004"


class CorpusOptionError(ConfigError):
    """A C rule option of the wrong type or out of range (exit code 2)."""


@dataclass(frozen=True)
class CorpusOptions:
    exact: bool
    near: bool
    template: bool
    wire: bool
    near_threshold: float = 0.6
    shingle_words: int = 5
    template_min_articles: int = 5
    template_min_share: float = 0.2
    wire_min_sites: int = 3
    wire_min_articles: int = 5
    wire_min_words: int = 5

    @property
    def lines(self) -> bool:
        return self.template or self.wire

    @classmethod
    def from_rules(cls, rules: list[Rule], settings: Settings) -> CorpusOptions:
        by_code = {rule.code: rule for rule in rules}

        def option(code: str, name: str, kind: type, low: float, high: float) -> Any:
            if code not in by_code:
                return getattr(cls, _FIELD[code, name])
            value = rule_options(by_code[code], settings).get(name)
            try:
                value = kind(value)
            except (TypeError, ValueError):
                message = f"{code} option {name}: {value!r} is not a number"
                raise CorpusOptionError(message) from None
            if not low <= value <= high:
                raise CorpusOptionError(f"{code} option {name}: {value} not in [{low}, {high}]")
            return value

        return cls(
            exact=EXACT in by_code,
            near=NEAR in by_code,
            template=TEMPLATE in by_code,
            wire=WIRE in by_code,
            near_threshold=option(NEAR, "threshold", float, 0.05, 1.0),
            shingle_words=option(NEAR, "shingle_words", int, 1, 20),
            template_min_articles=option(TEMPLATE, "min_articles", int, 2, 10**9),
            template_min_share=option(TEMPLATE, "min_share", float, 0.0, 1.0),
            wire_min_sites=option(WIRE, "min_sites", int, 2, 10**9),
            wire_min_articles=option(WIRE, "min_articles", int, 2, 10**9),
            wire_min_words=option(WIRE, "min_words", int, 1, 1000),
        )


_FIELD = {
    (NEAR, "threshold"): "near_threshold",
    (NEAR, "shingle_words"): "shingle_words",
    (TEMPLATE, "min_articles"): "template_min_articles",
    (TEMPLATE, "min_share"): "template_min_share",
    (WIRE, "min_sites"): "wire_min_sites",
    (WIRE, "min_articles"): "wire_min_articles",
    (WIRE, "min_words"): "wire_min_words",
}
