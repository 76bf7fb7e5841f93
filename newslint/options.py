"""Rule options: declared where the rule is defined (type, range, choices), checked when
the settings of a run load, so that a typo or a value out of range is a configuration
error naming the key, never a crash on every document or a setting silently ignored.

A rule declares its options as plain defaults (the type is the default's) or as
:class:`Option` objects that add a range::

    @rule(code="H001", ..., options={"min_hashtags": Option(3, minimum=1)})
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class OptionError(ValueError):
    """A configured option value that the rule does not accept."""


@dataclass(frozen=True)
class Option:
    """One option of a rule: its default, and the values it accepts.

    The type is the default's: ``bool``, ``int``, ``float`` (an int is accepted) or
    ``str``; ``minimum`` and ``maximum`` bound numbers (inclusive); ``choices`` lists
    the accepted strings.
    """

    default: Any
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] | None = None
    help: str = ""

    def __post_init__(self) -> None:
        if type(self.default) not in (bool, int, float, str):
            raise TypeError(
                f"an option default must be a bool, int, float or str: {self.default!r}"
            )
        self.check(self.default)  # a rule must declare a default it would accept itself

    @property
    def kind(self) -> type:
        return type(self.default)

    def check(self, value: Any) -> Any:
        """``value`` as the rule receives it, or :class:`OptionError` saying why not."""
        kind = self.kind
        if kind is float and type(value) is int:
            value = float(value)
        if type(value) is not kind:
            raise OptionError(f"expected {_KIND_NAMES[kind]}, got {value!r}")
        if kind is float and not math.isfinite(value):
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
        limits = [_KIND_NAMES[self.kind].removeprefix("a ").removeprefix("an ")]
        if self.minimum is not None:
            limits.append(f">= {self.minimum:g}")
        if self.maximum is not None:
            limits.append(f"<= {self.maximum:g}")
        if self.choices is not None:
            limits.append("one of " + ", ".join(self.choices))
        return f"{self.default!r} ({', '.join(limits)})"


_KIND_NAMES = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}


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
