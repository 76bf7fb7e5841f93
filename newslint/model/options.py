"""Options of rules and settings of plugins: declared where they are defined (type,
range, choices), checked when the settings of a run load, so that a typo or a value out
of range is a configuration error naming the key, never a crash on every document or a
setting silently ignored.

A rule declares its options as plain defaults (the type is the default's) or as
:class:`Option` objects that add a range::

    @rule(code="H001", ..., options={"min_hashtags": Option(3, minimum=1)})

A plugin declares its settings the same way, through ``newslint_settings``::

    @hookimpl
    def newslint_settings() -> dict[str, Option]:
        return {"languagetool": Option(None, kind=str, help="server URL")}
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import NoneType
from typing import Any

from newslint.errors import ConfigError


class OptionError(ConfigError, ValueError):
    """A configured option value that the rule does not accept."""


@dataclass(frozen=True)
class Option:
    """One option of a rule: its default, and the values it accepts.

    The type is the default's: ``bool``, ``int``, ``float`` (an int is accepted),
    ``str``, or ``tuple`` (a list of strings, given as a YAML list or a comma-separated
    string); ``kind`` gives it when the default is None (the value may then be left
    unset). ``minimum`` and ``maximum`` bound numbers (inclusive); ``choices`` lists the
    accepted strings.
    """

    default: Any
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] | None = None
    help: str = ""
    kind: type = NoneType

    def __post_init__(self) -> None:
        if self.kind is NoneType:
            object.__setattr__(self, "kind", type(self.default))
        if self.kind not in _KIND_NAMES:
            raise TypeError(
                f"an option is a bool, int, float, str or tuple of str: {self.default!r}"
            )
        self.check(self.default)  # a rule must declare a default it would accept itself

    def check(self, value: Any) -> Any:
        """``value`` as the rule receives it, or :class:`OptionError` saying why not."""
        kind = self.kind
        if value is None and self.default is None:
            return None
        if kind is tuple:
            return _strings(value)
        if kind is float and type(value) is int:
            value = float(value)
        if type(value) is not kind:
            raise OptionError(f"expected {_KIND_NAMES[kind]}, got {value!r}")
        return self._in_range(value)

    def _in_range(self, value: Any) -> Any:
        if self.kind is float and not math.isfinite(value):
            raise OptionError(f"expected a finite number, got {value!r}")
        if self.minimum is not None and value < self.minimum:
            raise OptionError(f"{value!r} is below the minimum {self.minimum:g}")
        if self.maximum is not None and value > self.maximum:
            raise OptionError(f"{value!r} is above the maximum {self.maximum:g}")
        if self.choices is not None and value not in self.choices:
            raise OptionError(f"{value!r} is not one of {', '.join(self.choices)}")
        return value

    def describe(self) -> str:
        """``3 (int, >= 1)``: the default and what else is accepted, for the docs."""
        kind = "boolean" if self.kind is bool else _KIND_NAMES[self.kind]
        limits = [kind.removeprefix("a ").removeprefix("an ")]
        if self.minimum is not None:
            limits.append(f">= {self.minimum:g}")
        if self.maximum is not None:
            limits.append(f"<= {self.maximum:g}")
        if self.choices is not None:
            limits.append("one of " + ", ".join(self.choices))
        return f"{self.default!r} ({', '.join(limits)})"


_KIND_NAMES: dict[type, str] = {
    bool: "true or false",
    int: "an integer",
    float: "a number",
    str: "a string",
    tuple: "a list of strings",
}


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise OptionError(f"expected a list of strings, got {value!r}")


def declare(options: Mapping[str, Any] | None) -> dict[str, Option]:
    """A rule's option declarations: plain defaults become :class:`Option` objects."""
    return {
        str(name): value if isinstance(value, Option) else Option(value)
        for name, value in (options or {}).items()
    }


def validate(code: str, declared: Mapping[str, Option], configured: Any) -> dict[str, Any]:
    """The configured options of rule ``code``, checked against its declarations."""
    if not isinstance(configured, Mapping):
        raise OptionError(
            f"options of {code}: expected a mapping of option names, got {configured!r}"
        )
    checked = {}
    for name, value in configured.items():
        name = str(name)
        if name not in declared:
            raise OptionError(f"{code} has no option {name!r}{_suggestion(name, declared)}")
        try:
            checked[name] = declared[name].check(value)
        except OptionError as exc:
            raise OptionError(f"option {name} of {code}: {exc}") from None
    return checked


def _suggestion(name: str, declared: Mapping[str, Option]) -> str:
    close = difflib.get_close_matches(name, list(declared), n=1)
    if close:
        return f" (did you mean {close[0]!r}?)"
    return f"; its options: {', '.join(declared)}" if declared else "; it has none"
