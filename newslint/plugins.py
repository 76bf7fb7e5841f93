"""Builds the PluginManager: built-in plugins first, registered exactly like
third-party ones, then the ``newslint`` entry-point group."""

from __future__ import annotations

import importlib
from collections.abc import Iterable

import pluggy

from newslint import hookspecs
from newslint.markers import PROJECT

#: Built-in plugins, each a module with ``@hookimpl`` functions.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "newslint.checking.engine",
    "newslint.io.readers.text",
    "newslint.io.readers.jsonl",
    "newslint.io.readers.csv",
    "newslint.io.readers.parquet",
    "newslint.io.formatters.text",
    "newslint.io.formatters.json",
    "newslint.io.formatters.jsonl",
    "newslint.io.formatters.sarif",
    "newslint.io.formatters.github",
    "newslint.io.formatters.junit",
    "newslint.io.formatters.statistics",
    "newslint.rules",
    "newslint.rules.grammar",
    "newslint.declarative.loader",
)

ENTRY_POINT_GROUP = "newslint"


def plugin_manager(
    blocked: Iterable[str] = (), load_entry_points: bool = True
) -> pluggy.PluginManager:
    """A PluginManager with the built-ins and installed plugins, minus ``blocked`` names."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    for name in blocked:
        pm.set_blocked(name)
    for name in BUILTIN_PLUGINS:
        if not pm.is_blocked(name):
            pm.register(importlib.import_module(name), name=name)
    if load_entry_points:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    return pm
