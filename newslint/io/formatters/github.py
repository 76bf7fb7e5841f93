"""``--format github``: GitHub Actions workflow commands, shown as annotations on the
files of a pull request. Columns count UTF-16 code units, as GitHub's web pages do,
whatever ``--column-unit`` says."""

from __future__ import annotations

from newslint.errors import counted
from newslint.io.formatters.base import FileLines, Formatter, Summary
from newslint.markers import hookimpl
from newslint.model.finding import Finding, Severity

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    column_units = ("utf-16",)

    def start(self) -> None:
        self.lines = FileLines()

    def write(self, finding: Finding) -> None:
        properties = [f"file={_escape_property(finding.path)}"]
        line = self.lines.line(finding)
        if line is not None:
            properties.append(f"line={line}")
        if finding.record_number is None:
            properties += [
                f"col={finding.column}",
                f"endLine={finding.end_line}",
                f"endColumn={finding.end_column}",
            ]
        properties.append(f"title={_escape_property(f'{finding.code} {finding.rule}')}")
        where = "" if finding.record_number is None else f"{finding.location} line {finding.line}: "
        message = _escape_data(f"{where}{finding.code} {finding.message}")
        self.stream.write(f"::{_LEVELS[finding.severity]} {','.join(properties)}::{message}\n")

    def finish(self, summary: Summary) -> None:
        if self.quiet:
            return
        findings, documents = (
            counted(summary.total, "finding"),
            counted(summary.documents, "document"),
        )
        self.stream.write(f"newslint: {findings} in {documents}\n")


@hookimpl
def newslint_formatters() -> dict[str, type[Formatter]]:
    return {"github": GithubFormatter}
