"""Built-in Python rules: one package per family, one module per rule.

Every ``Rule`` object defined at module level in this package is collected by walking
the package, so adding a rule means adding a file, never editing a list. Modules whose
name starts with ``_`` are helpers, never walked: they hold no rule, and the rules that
need one import it (some import a heavy library, ftfy, that most runs never use).
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
        if info.name.rpartition(".")[2].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        found.extend(value for value in vars(module).values() if isinstance(value, Rule))
    return tuple(found)


@hookimpl
def newslint_rules(settings: Settings) -> list[Rule]:
    return list(builtin_rules())
