"""``--format jsonl``: one JSON object per finding per line, for very large runs."""

from __future__ import annotations

import orjson

from newslint.io.formatters.base import Formatter
from newslint.markers import hookimpl
from newslint.model.finding import Finding


class JsonLinesFormatter(Formatter):
    def write(self, finding: Finding) -> None:
        self.stream.write(orjson.dumps(finding.to_dict()).decode("utf-8"))
        self.stream.write("\n")


@hookimpl
def newslint_formatters() -> dict[str, type[Formatter]]:
    return {"jsonl": JsonLinesFormatter}
