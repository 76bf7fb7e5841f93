"""The public API is what ``newslint/__init__.py`` exports, no more, no less."""

from __future__ import annotations

import inspect
from types import ModuleType

import newslint


def public_names() -> set[str]:
    """Names a plugin author sees on ``newslint``: everything not private, except the
    submodules that importing the package attaches to it."""
    return {
        name
        for name, value in vars(newslint).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    }


def test_all_equals_the_public_names():
    assert set(newslint.__all__) - {"__version__"} == public_names()


def test_all_has_no_duplicates_and_every_name_exists():
    assert len(newslint.__all__) == len(set(newslint.__all__))
    for name in newslint.__all__:
        assert hasattr(newslint, name), name


def test_star_import_gives_exactly_all():
    namespace: dict[str, object] = {}
    exec("from newslint import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(newslint.__all__)


def test_public_classes_and_functions_are_newslint_own():
    for name in public_names():
        value = getattr(newslint, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__module__.startswith("newslint."), (name, value.__module__)
    assert newslint.hookimpl.project_name == "newslint"


def test_the_plugin_author_api():
    # What the README and the shouting test plugin rely on; removing a name breaks plugins.
    assert {"Document", "Finding", "Fix", "Edit", "Severity", "Violation", "Rule", "rule"} <= (
        set(newslint.__all__)
    )
    assert {"hookimpl", "__version__"} <= set(newslint.__all__)
