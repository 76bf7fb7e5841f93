"""The default format: ``path:line:col: CODE message``, the form editors' error parsers
read (``[*]`` before the message when ``--fix`` can repair the finding, as in ruff), and
a summary at the end."""

from __future__ import annotations

from newslint.finding import Finding, Severity
from newslint.fixing import applicable
from newslint.formatters.base import Formatter, Summary
from newslint.plugins import hookimpl


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
            _count(summary.by_severity[s], s.value, _PLURALS[s])
            for s in reversed(Severity)
            if summary.by_severity[s]
        )
        noun = "document" if summary.documents == 1 else "documents"
        if summary.total:
            self.stream.write(
                f"Found {_count(summary.total, 'finding', 'findings')} ({counts})"
                f" in {summary.documents} {noun}.\n"
            )
        else:
            self.stream.write(f"All clear: no findings in {summary.documents} {noun}.\n")
        fixes = fixable_line(summary)
        if fixes:
            self.stream.write(fixes + "\n")


def fixable_line(summary: Summary) -> str:
    """ruff's closing line: ``[*] 6 fixable with the --fix option (...)``."""
    fixable = summary.fixable.total()
    hidden = summary.hidden_fixes
    hint = (
        f"{_count(hidden, 'hidden fix', 'hidden fixes')} can be enabled with the"
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


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


@hookimpl
def newslint_formatters() -> dict[str, type[Formatter]]:
    return {"text": TextFormatter}
