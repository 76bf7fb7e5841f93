"""newslint as datatrove pipeline steps (the ``datatrove`` extra): usable in any
datatrove executor (local, Slurm, Ray).

``NewslintAnnotator`` adds to each document's metadata its findings
(``newslint_findings``: the fields of ``newslint check --format json``), their counts by
family (``newslint_counts``: ``{"D": 2, "T": 1}``) and the worst severity
(``newslint_worst``: ``"error"``, ``"warning"``, ``"info"`` or None).
``NewslintFilter`` does the same and drops the documents with a finding at or above
``level``, through datatrove's exclusion writer when one is given::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from newslint.integrations.datatrove import NewslintFilter

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader("corpus/"),
            NewslintFilter(level="error", exclusion_writer=JsonlWriter("rejected/")),
            JsonlWriter("kept/"),
        ],
        tasks=4,
    ).run()

A document is read as a JSONL record would be: ``doc.text`` is the text, ``doc.id`` the
id, and the title and language come from the metadata keys the settings name
(``title``, ``lang``... by default), so the findings are those of ``newslint check``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from datatrove.data import Document as DatatroveDocument
from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.writers.disk_base import DiskWriter

from newslint.checking.checker import Checker
from newslint.config.settings import Settings
from newslint.integrations.per_record import check_record, counts_by_family, for_records, worst
from newslint.model.finding import Finding, Severity

__all__ = ["NewslintAnnotator", "NewslintFilter", "annotate"]

FINDINGS_KEY, COUNTS_KEY, WORST_KEY = "newslint_findings", "newslint_counts", "newslint_worst"


def _checker(
    settings: Settings | Mapping[str, Any] | None,
    config: str | Path | None,
    checker: Checker | None,
) -> Checker:
    if checker is not None:
        if settings is not None or config is not None:
            raise TypeError("give a checker, or settings or config, not both")
        return for_records(checker)
    return for_records(Checker(settings, config=config))


def check(checker: Checker, doc: DatatroveDocument) -> list[Finding]:
    """The findings of a datatrove document, as ``newslint check`` gives them for the
    same record in a JSONL file."""
    settings = checker.settings
    record = {**doc.metadata, settings.text_field: doc.text, settings.id_field or "id": doc.id}
    source = str(doc.metadata.get("file_path", "<datatrove>"))
    return check_record(checker, record, source)


def annotate(metadata: dict[str, Any], findings: list[Finding]) -> None:
    """Put the findings, their counts by family and the worst severity in ``metadata``."""
    metadata[FINDINGS_KEY] = [finding.to_dict() for finding in findings]
    metadata[COUNTS_KEY] = counts_by_family(findings)
    severity = worst(findings)
    metadata[WORST_KEY] = severity.value if severity else None


class NewslintAnnotator(PipelineStep):  # type: ignore[misc]  # datatrove is untyped
    """Adds newslint's findings to each document's metadata; drops nothing.

    ``settings``: the keys of ``newslint.yaml`` (``{"select": ["D", "T"]}``), or
    ``config``: a config file, or ``checker``: a built :class:`~newslint.Checker`.
    """

    name = "📰 newslint"
    type = "🏷 - ANNOTATOR"

    def __init__(
        self,
        settings: Settings | Mapping[str, Any] | None = None,
        *,
        config: str | Path | None = None,
        checker: Checker | None = None,
    ) -> None:
        super().__init__()
        # Built here, so that a mistake in the settings fails before the pipeline runs;
        # each task's process builds it again from its settings (Checker.__reduce__).
        self.checker = _checker(settings, config, checker)

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> Iterator[DatatroveDocument]:
        for doc in data or ():
            with self.track_time():
                findings = check(self.checker, doc)
            annotate(doc.metadata, findings)
            self.stat_update("documents")
            self.stat_update("findings", value=len(findings))
            yield doc


class NewslintFilter(BaseFilter):  # type: ignore[misc]
    """Drops the documents with a newslint finding at or above ``level`` (default
    ``error``), writing them through ``exclusion_writer`` when given, with the reason
    ``newslint_CODE`` (the first such finding's code) in ``metadata["filter_reason"]``.
    With ``annotate`` (default), kept and dropped documents carry their findings as
    :class:`NewslintAnnotator` adds them."""

    name = "📰 newslint"

    def __init__(
        self,
        settings: Settings | Mapping[str, Any] | None = None,
        *,
        config: str | Path | None = None,
        checker: Checker | None = None,
        level: Severity | str = Severity.ERROR,
        exclusion_writer: DiskWriter | None = None,
        annotate: bool = True,
    ) -> None:
        super().__init__(exclusion_writer)
        self.checker = _checker(settings, config, checker)
        self.level = Severity.parse(level)
        self.annotate = annotate

    def filter(self, doc: DatatroveDocument) -> bool | tuple[bool, str]:
        findings = check(self.checker, doc)
        if self.annotate:
            annotate(doc.metadata, findings)
        blocking = [f for f in findings if f.severity >= self.level]
        if blocking:
            return False, f"newslint_{blocking[0].code}"
        return True
