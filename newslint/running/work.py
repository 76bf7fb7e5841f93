"""What a run does to each document: check it, or repair it. Work is a small picklable
object: it travels to worker processes and Ray actors with the Checker it holds (which
is built again there, see ``Checker.__reduce__``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from newslint.fixing.edits import FixResult
from newslint.model.document import Document

if TYPE_CHECKING:
    from newslint.checking.interface import CheckerLike


class Work(Protocol):
    """One document in, its result out; and the result of a document whose worker died."""

    @property
    def checker(self) -> CheckerLike: ...

    def __call__(self, document: Document) -> FixResult: ...

    def lost(self, document: Document, reason: str) -> FixResult: ...


@dataclass(frozen=True)
class Check:
    """The findings of each document (as a :class:`FixResult` with nothing applied, so
    that every sink reads one kind of result)."""

    checker: CheckerLike

    def __call__(self, document: Document) -> FixResult:
        return FixResult(document.text, (), tuple(self.checker.check_document(document)))

    def lost(self, document: Document, reason: str) -> FixResult:
        return FixResult(document.text, (), tuple(self.checker.lost(document, reason)))


@dataclass(frozen=True)
class Repair:
    """Each document repaired (fixed, re-checked, until stable), with the findings left;
    ``skip`` says why a document is only checked (a record of a corpus file under
    ``--fix``), or None to repair it."""

    checker: CheckerLike
    unsafe: bool = False
    skip: Callable[[Document], str | None] | None = None

    def __call__(self, document: Document) -> FixResult:
        if self.skip is not None and self.skip(document) is not None:
            return Check(self.checker)(document)
        return self.checker.repair_document(document, unsafe=self.unsafe)

    def lost(self, document: Document, reason: str) -> FixResult:
        return Check(self.checker).lost(document, reason)
