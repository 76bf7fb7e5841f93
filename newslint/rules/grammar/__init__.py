"""G: grammar and spelling, found by a LanguageTool server (opt-in: ``--select G``).

The six rules share one LanguageTool request per document (``_languagetool.py``); each
reports the matches of its own kind (``_categories.py``). This package is also a
plugin: it declares its settings (``languagetool``, ``languagetool-optional``,
``dictionary``), keeps the state of a run (clients, cached matches, the switch that
turns a silent server off) in the Checker's stash, and its ``newslint_check_document``
wrapper hands that state to the rules through the document's stash and sends the
request before the rules run, so that the wait for the server does not count against
each rule's time budget (``rule-timeout``).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING

from newslint.markers import hookimpl
from newslint.model.options import Option
from newslint.rules.grammar._categories import CODES
from newslint.rules.grammar._languagetool import (
    ENV_URL,
    GRAMMAR_RUN,
    MATCHES,
    Config,
    GrammarRun,
    document_matches,
    unreachable,
)

if TYPE_CHECKING:
    from newslint.checking.interface import CheckerLike
    from newslint.config.settings import Settings
    from newslint.model.document import Document
    from newslint.model.finding import Finding
    from newslint.model.rule import Rule


@hookimpl
def newslint_settings() -> dict[str, Option]:
    return {
        "languagetool": Option(
            None,
            kind=str,
            help=f"URL of the LanguageTool server of the G rules (default: ${ENV_URL}, "
            "else language-tool-python's own server)",
        ),
        "languagetool-optional": Option(
            False,
            help="G rules selected by name but no server answers: go on without them "
            "instead of exit code 2",
        ),
        "dictionary": Option(
            (), kind=tuple, help="words the spelling rules accept (names, a newsroom's jargon)"
        ),
    }


def _ours(rules: list[Rule]) -> list[Rule]:
    return [rule for rule in rules if rule.code in CODES and rule.origin.startswith(__name__)]


@hookimpl
def newslint_configure(checker: CheckerLike) -> None:
    if _ours(checker.rules):
        checker.stash[GRAMMAR_RUN] = GrammarRun(Config.from_settings(checker.settings))


@hookimpl(wrapper=True)
def newslint_check_document(
    document: Document, rules: list[Rule], checker: CheckerLike
) -> Generator[None, list[Finding] | None, list[Finding] | None]:
    run = checker.stash.get(GRAMMAR_RUN, None)
    language = document.language
    if run is not None and any(rule.applies_to(language) for rule in _ours(rules)):
        document.stash[GRAMMAR_RUN] = run
        try:
            document_matches(document)
        except Exception:  # a bug: let the first G rule meet it again, as an X900 finding
            document.stash.pop(MATCHES, None)
    return (yield)


@hookimpl
def newslint_unavailable(
    settings: Settings, rules: list[Rule], finished: bool, checker: CheckerLike
) -> str | None:
    """A LanguageTool server the G rules cannot reach, when G was selected by name (not
    by ``ALL``) and ``languagetool-optional`` is not set: a CI gate that asks for grammar
    checks must not pass without running them."""
    run = checker.stash.get(GRAMMAR_RUN, None)
    if run is None or settings.plugin_value("languagetool-optional"):
        return None
    if not _selected_by_name(settings):
        return None
    if finished:
        if not run.off.ever_off():
            return None
        reason = "the LanguageTool server stopped answering during the run (see above)"
    else:
        unanswered = unreachable(run.config)
        if unanswered is None:
            return None
        reason = unanswered
    return f"G rules selected, but {reason}; pass --languagetool-optional to run without them"


def _selected_by_name(settings: Settings) -> bool:
    selectors = (*settings.select, *settings.extend_select)
    return any(s.startswith("G") and any(code.startswith(s) for code in CODES) for s in selectors)
