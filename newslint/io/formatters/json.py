"""``--format json``: one JSON array of finding objects, written as findings stream."""

from __future__ import annotations

import json

from newslint.io.formatters.base import Formatter, Summary
from newslint.markers import hookimpl
from newslint.model.finding import Finding


class JsonFormatter(Formatter):
    def start(self) -> None:
        self._first = True
        self.stream.write("[")

    def write(self, finding: Finding) -> None:
        self.stream.write("\n  " if self._first else ",\n  ")
        self._first = False
        self.stream.write(json.dumps(finding.to_dict(), ensure_ascii=False))

    def finish(self, summary: Summary) -> None:
        self.stream.write("]\n" if self._first else "\n]\n")


@hookimpl
def newslint_formatters() -> dict[str, type[Formatter]]:
    return {"json": JsonFormatter}
