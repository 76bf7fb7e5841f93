"""G: grammar and spelling, found by a LanguageTool server (opt-in: ``--select G``).

The six rules share one LanguageTool request per document (``_languagetool.py``); each
reports the matches of its own kind (``_categories.py``). This package is also a
plugin: its ``newslint_check_document`` wrapper hands the run's settings (server URL,
dictionary) to the rules through ``document.cache``, since a rule sees only the
document and its own options, and sends the request before the rules run, so that the
wait for the server does not count against each rule's time budget (``rule-timeout``).
Without the wrapper (a rule run on its own) the first G rule sends it.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING

from newslint.plugins import hookimpl
from newslint.rules.grammar._categories import CODES
from newslint.rules.grammar._languagetool import (
    CONFIG_KEY,
    MATCHES_KEY,
    Config,
    document_matches,
    unreachable,
)
from newslint.rules.grammar._runstate import OFF

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
    language = document.language
    ours = [rule for rule in rules if rule.code in CODES and rule.origin.startswith(__name__)]
    if any(rule.applies_to(language) for rule in ours):
        document.cache[CONFIG_KEY] = config_for(settings)
        try:
            document_matches(document)
        except Exception:  # a bug: let the first G rule meet it again, as an X900 finding
            document.cache.pop(MATCHES_KEY, None)
    return (yield)


@hookimpl
def newslint_unavailable(settings: Settings, rules: list[Rule], finished: bool) -> str | None:
    """A LanguageTool server the G rules cannot reach, when G was selected by name (not
    by ``ALL``) and ``languagetool-optional`` is not set: a CI gate that asks for grammar
    checks must not pass without running them."""
    if settings.languagetool_optional or not _selected_by_name(settings):
        return None
    if not any(rule.code in CODES and rule.origin.startswith(__name__) for rule in rules):
        return None
    if finished:
        if not OFF.ever_off():
            return None
        reason = "the LanguageTool server stopped answering during the run (see above)"
    else:
        reason = unreachable(config_for(settings))
        if reason is None:
            return None
    return f"G rules selected, but {reason}; pass --languagetool-optional to run without them"


def _selected_by_name(settings: Settings) -> bool:
    selectors = (*settings.select, *settings.extend_select)
    return any(s.startswith("G") and any(code.startswith(s) for code in CODES) for s in selectors)
