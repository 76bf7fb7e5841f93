"""What the layers below the Checker (hooks, the engine, the corpus stage, a run) know of
it: a Protocol, so that they name it without importing it (the Checker, which builds
them, imports them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from newslint.checking.budget import Budget
    from newslint.checking.prefilter import LiteralIndex
    from newslint.config.selection import Registry
    from newslint.config.settings import Settings
    from newslint.fixing.edits import FixResult
    from newslint.model.document import Document
    from newslint.model.finding import Finding
    from newslint.model.rule import Rule
    from newslint.model.stash import Stash


class CheckerLike(Protocol):
    """A built :class:`~newslint.checking.checker.Checker`, as its parts see it."""

    @property
    def settings(self) -> Settings: ...

    @property
    def rules(self) -> list[Rule]: ...

    @property
    def registry(self) -> Registry: ...

    @property
    def stash(self) -> Stash: ...

    @property
    def literals(self) -> LiteralIndex: ...

    @property
    def budget(self) -> Budget: ...

    @property
    def hook(self) -> Any: ...

    def check_document(self, document: Document) -> list[Finding]: ...

    def repair_document(self, document: Document, *, unsafe: bool = False) -> FixResult: ...

    def lost(self, document: Document, reason: str) -> list[Finding]: ...
