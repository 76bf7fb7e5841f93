"""The default format: ``path:line:col: CODE message``, the form editors' error parsers
read, and a summary line at the end."""

from __future__ import annotations

from newslint.finding import Finding, Severity
from newslint.formatters.base import Formatter, Summary
from newslint.plugins import hookimpl


class TextFormatter(Formatter):
    def write(self, finding: Finding) -> None:
        self.stream.write(
            f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}\n"
        )

    def finish(self, summary: Summary) -> None:
        counts = ", ".join(
            f"{summary.by_severity[s]} {s.value}"
            for s in reversed(Severity)
            if summary.by_severity[s]
        )
        noun = "document" if summary.documents == 1 else "documents"
        if summary.total:
            self.stream.write(
                f"Found {summary.total} findings ({counts}) in {summary.documents} {noun}.\n"
            )
        else:
            self.stream.write(f"All clear: no findings in {summary.documents} {noun}.\n")


@hookimpl
def newslint_formatters() -> dict[str, type[Formatter]]:
    return {"text": TextFormatter}
