"""``newslint clean --report``: the report page of a clean run, with what the repairs
removed (by code, in characters) and the findings that remain after repair."""

from __future__ import annotations

from pathlib import Path

from newslint.errors import MissingExtraError
from newslint.fixing.clean import Verdict
from newslint.fixing.edits import FixResult
from newslint.io.fileio import atomic_text_writer
from newslint.model.document import Document
from newslint.report.aggregate import Aggregate, Cleaning, document_site


class CleanReport:
    """Watches a clean run record by record (``newslint.fixing.clean.clean``'s observer),
    then writes the page."""

    def __init__(self, output: Path, seed: int = 0) -> None:
        try:
            import altair  # noqa: F401
            import vl_convert  # noqa: F401
        except ImportError as exc:
            raise MissingExtraError("clean --report", "report", str(exc)) from None
        self.output = output
        self.data = Aggregate(seed=seed, cleaning=Cleaning())

    def observe(self, document: Document, result: FixResult, verdict: Verdict) -> None:
        assert self.data.cleaning is not None
        self.data.cleaning.add(document, result.applied, result.text, verdict.rejected)
        for finding in result.applied:
            self.data.rule_names.setdefault(finding.code, finding.rule)
        # What remains is located in the repaired text.
        repaired = document.with_text(result.text)
        site = document_site(document) if document.text or document.problems else None
        self.data.add(repaired if repaired.text else None, list(result.remaining), site)

    def write(self, paths: list[str]) -> None:
        from newslint.report.page import render

        page = render(self.data, "newslint clean report", [str(p) for p in paths])
        with atomic_text_writer(self.output) as out:
            out.write(page)
