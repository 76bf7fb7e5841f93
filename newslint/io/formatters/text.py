"""The default format: ``path:line:col: CODE message``, the form editors' error parsers
read (``[*]`` before the message when ``--fix`` can repair the finding, as in ruff), and
a summary at the end."""

from __future__ import annotations

from newslint.errors import counted
from newslint.fixing.edits import applicable
from newslint.io.formatters.base import Formatter, Summary
from newslint.markers import hookimpl
from newslint.model.finding import Finding, Severity


class TextFormatter(Formatter):
    def write(self, finding: Finding) -> None:
        # one finding per line, whatever the message holds: editors parse these lines
        message = " ".join(finding.message.splitlines())
        marker = "[*] " if applicable(finding, self.unsafe_fixes) else ""
        self.stream.write(
            f"{finding.location}:{finding.line}:{finding.column}: {finding.code} {marker}{message}\n"
        )

    def finish(self, summary: Summary) -> None:
        if self.quiet:
            return
        counts = ", ".join(
            counted(summary.by_severity[s], s.value, _PLURALS[s])
            for s in reversed(Severity)
            if summary.by_severity[s]
        )
        documents = counted(summary.documents, "document")
        missing = counted(summary.missing_paths, "path")
        if summary.total:
            line = f"Found {counted(summary.total, 'finding')} ({counts}) in {documents}"
        elif summary.documents or not summary.missing_paths:
            line = f"All clear: no findings in {documents}"
        else:  # nothing was read: nothing is clear
            line = f"Nothing checked: {missing} not found"
        if summary.missing_paths and summary.documents:
            line += f"; {missing} not found"
        self.stream.write(line + ".\n")
        fixes = fixable_line(summary)
        if fixes:
            self.stream.write(fixes + "\n")


def fixable_line(summary: Summary) -> str:
    """ruff's closing line: ``[*] 6 fixable with the --fix option (...)``."""
    fixable = summary.fixable.total()
    hidden = summary.hidden_fixes
    hint = (
        f"{counted(hidden, 'hidden fix', 'hidden fixes')} can be enabled with the"
        " --unsafe-fixes option"
    )
    if fixable and hidden:
        return f"[*] {fixable} fixable with the --fix option ({hint})."
    if fixable:
        return f"[*] {fixable} fixable with the --fix option."
    if hidden:
        return f"No fixes available ({hint})."
    return ""


_PLURALS = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}


@hookimpl
def newslint_formatters() -> dict[str, type[Formatter]]:
    return {"text": TextFormatter}
