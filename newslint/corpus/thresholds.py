"""The thresholds of the corpus checks, read once from the C rules' options (declared
with their ranges in the rules, checked when the settings load)."""

from __future__ import annotations

from dataclasses import dataclass

from newslint.config.selection import rule_options
from newslint.config.settings import Settings
from newslint.model.rule import Rule

EXACT, NEAR, TEMPLATE, WIRE = "C001", "C002", "C003", "C004"
BUILTIN = frozenset({EXACT, NEAR, TEMPLATE, WIRE})


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
        """What to find for the enabled corpus rules: what the built-in ones need, with
        their thresholds; everything (at the default thresholds of the built-in rules
        left out) when a plugin's corpus rule is enabled, which may read any fact."""
        by_code = {rule.code: rule for rule in rules}
        values = {}
        for (code, name), field_name in _FIELDS.items():
            if code in by_code:
                values[field_name] = rule_options(by_code[code], settings)[name]
        every = any(code not in BUILTIN for code in by_code)
        return cls(
            exact=every or EXACT in by_code,
            near=every or NEAR in by_code,
            template=every or TEMPLATE in by_code,
            wire=every or WIRE in by_code,
            **values,
        )


_FIELDS = {
    (NEAR, "threshold"): "near_threshold",
    (NEAR, "shingle_words"): "shingle_words",
    (TEMPLATE, "min_articles"): "template_min_articles",
    (TEMPLATE, "min_share"): "template_min_share",
    (WIRE, "min_sites"): "wire_min_sites",
    (WIRE, "min_articles"): "wire_min_articles",
    (WIRE, "min_words"): "wire_min_words",
}
