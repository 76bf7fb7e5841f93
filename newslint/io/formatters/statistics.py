"""``--statistics``: counts per code instead of the findings, like ``ruff --statistics``."""

from __future__ import annotations

from newslint.errors import counted
from newslint.io.formatters.base import Formatter, Summary
from newslint.io.formatters.text import fixable_line
from newslint.markers import hookimpl
from newslint.model.finding import Finding


class StatisticsFormatter(Formatter):
    def write(self, finding: Finding) -> None:
        pass  # the Summary counts every code

    def finish(self, summary: Summary) -> None:
        names = {rule.code: rule.name for rule in self.rules}
        width = len(str(max(summary.by_code.values(), default=0)))
        code_width = max(map(len, summary.by_code), default=0)
        for code, count in sorted(summary.by_code.items(), key=lambda item: (-item[1], item[0])):
            marker = "[*]" if summary.fixable[code] else "   "
            line = f"{count:>{width}}  {code:<{code_width}}  {marker} {names.get(code, '')}"
            self.stream.write(line.rstrip() + "\n")
        findings, documents = (
            counted(summary.total, "finding"),
            counted(summary.documents, "document"),
        )
        self.stream.write(f"{findings} in {documents}\n")
        fixes = fixable_line(summary)
        if fixes:
            self.stream.write(fixes + "\n")


@hookimpl
def newslint_formatters() -> dict[str, type[Formatter]]:
    return {"statistics": StatisticsFormatter}
