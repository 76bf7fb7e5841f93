"""Built-in Python rules: one package per family, one module per rule.

Every ``Rule`` object defined at module level in this package is collected by walking
the package, so adding a rule means adding a file, never editing a list.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from newslint.config.settings import Settings
from newslint.markers import hookimpl
from newslint.model.rule import Rule


@cache
def builtin_rules() -> tuple[Rule, ...]:
    found: list[Rule] = []
    for info in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
        module = importlib.import_module(info.name)
        found.extend(value for value in vars(module).values() if isinstance(value, Rule))
    return tuple(found)


@hookimpl
def newslint_rules(settings: Settings) -> list[Rule]:
    return list(builtin_rules())
