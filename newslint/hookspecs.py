"""Every hook newslint calls. Plugins implement them with ``@newslint.hookimpl``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from newslint.markers import hookspec

if TYPE_CHECKING:
    from newslint.checking.interface import CheckerLike
    from newslint.config.settings import Settings
    from newslint.io.formatters.base import Formatter
    from newslint.model.document import Document
    from newslint.model.finding import Finding
    from newslint.model.options import Option
    from newslint.model.rule import Rule


@hookspec
def newslint_settings() -> Mapping[str, Option]:
    """Return the settings this plugin adds to the configuration: name -> :class:`Option`
    (default, type, range), as ``pytest_addoption`` adds ini keys.

    Names are kebab-case keys of ``newslint.yaml`` / ``[tool.newslint]`` (and of the
    mapping given to ``Checker``); they are validated like the built-in keys, and read
    with ``settings.plugin_value(name)``. Two plugins declaring one name is an error.
    """


@hookspec
def newslint_configure(checker: CheckerLike) -> None:
    """Called once when ``checker`` is built, its rules known: set up what the plugin
    keeps for the run in ``checker.stash`` (a client, a cache, a switch shared with the
    worker processes), never in module globals, so that two Checkers in one process
    stay apart.
    """


@hookspec
def newslint_rules(settings: Settings) -> Iterable[Rule]:
    """Return the rules this plugin provides.

    Called once per run; the results of all plugins are concatenated. Python rule
    families, the YAML rule loader and third-party packages all answer this hook.
    A code defined twice is a configuration error.
    """


@hookspec(firstresult=True)
def newslint_read(source: str, settings: Settings) -> Iterable[Document] | None:
    """Return an iterable of documents read from ``source``, or None if not handled.

    ``source`` is a file path, or ``-`` for standard input. The first plugin that
    returns something other than None wins. Readers stream: they yield documents one
    at a time and never hold a whole corpus. A problem with the input becomes an
    ``InputProblem`` on a document, never an exception.
    """


@hookspec
def newslint_formatters() -> dict[str, type[Formatter]]:
    """Return output formats by name (``--format NAME``); the dicts are merged."""


@hookspec(firstresult=True)
def newslint_check_document(
    document: Document, rules: list[Rule], settings: Settings, checker: CheckerLike
) -> list[Finding] | None:
    """Run ``rules`` over ``document`` and return its findings, sorted.

    The engine implements it; plugins may wrap it (``@hookimpl(wrapper=True)``) to time
    rules, drop findings or attach metadata; ``checker`` is the Checker of the run (its
    ``stash`` holds what plugins set up in ``newslint_configure``). Stops at the first
    non-None result.
    """


@hookspec
def newslint_unavailable(
    settings: Settings, rules: list[Rule], finished: bool, checker: CheckerLike
) -> str | None:
    """Return why this plugin cannot do what the run explicitly asked of it, or None.

    Called once before the documents are checked (``finished`` False) and once after
    (True). A message makes the run exit with code 2: e.g. the G rules, selected by
    name, when their LanguageTool server does not answer. A plugin whose work is
    optional in this run returns None.
    """
