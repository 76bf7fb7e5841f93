"""G: grammar and spelling, found by a LanguageTool server (opt-in: ``--select G``).

The six rules share one LanguageTool request per document (``_languagetool.py``); each
reports the matches of its own kind (``_categories.py``). This package is also a
plugin: its ``newslint_check_document`` wrapper hands the run's settings (server URL,
dictionary) to the rules through ``document.cache``, since a rule sees only the
document and its own options.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING

from newslint.plugins import hookimpl
from newslint.rules.grammar._categories import CODES
from newslint.rules.grammar._languagetool import CONFIG_KEY, Config

if TYPE_CHECKING:
    from newslint.config import Settings
    from newslint.document import Document
    from newslint.finding import Finding
    from newslint.rule import Rule

_last: tuple[Settings, Config] | None = None


def config_for(settings: Settings) -> Config:
    """The G rules' config of a run (computed once per Settings object)."""
    global _last
    if _last is None or _last[0] is not settings:
        _last = (settings, Config.from_settings(settings))
    return _last[1]


@hookimpl(wrapper=True)
def newslint_check_document(
    document: Document, rules: list[Rule], settings: Settings
) -> Generator[None, list[Finding] | None, list[Finding] | None]:
    if any(rule.code in CODES and rule.origin.startswith(__name__) for rule in rules):
        document.cache[CONFIG_KEY] = config_for(settings)
    return (yield)
