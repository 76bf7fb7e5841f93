"""``--format sarif``: SARIF 2.1.0, the format of GitHub code scanning. Streams results;
rules are described from their own documentation (full help text: there is no web page
per rule to point ``helpUri`` at).

Columns count code points (``columnKind: unicodeCodePoints``) or, with
``--column-unit utf-16``, UTF-16 code units (``utf16CodeUnits``, what GitHub code
scanning and SARIF viewers assume); SARIF cannot say bytes. File names are URI
references, percent-encoded. ``partialFingerprints`` carries newslint's own stable
fingerprint, so that code scanning keeps an alert's identity across lines added above.
"""

from __future__ import annotations

import json
import os
import urllib.parse
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.io.formatters.base import FileLines, Formatter, Summary
from newslint.markers import hookimpl
from newslint.model.finding import Finding, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_COLUMN_KINDS = {"char": "unicodeCodePoints", "utf-16": "utf16CodeUnits"}
#: the key of newslint's fingerprint in ``partialFingerprints`` (versioned, as SARIF asks)
FINGERPRINT_KEY = "newslint/v1"


def artifact_uri(path: str) -> str:
    """``path`` as a URI reference: relative paths percent-encoded (space, %, #, comma,
    non-ASCII...), absolute ones as ``file://`` URIs."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return urllib.parse.quote(path.replace(os.sep, "/"), safe="/")


class SarifFormatter(Formatter):
    column_units = ("char", "utf-16")

    def start(self) -> None:
        self.lines = FileLines()
        self._index = {rule.code: i for i, rule in enumerate(self.rules)}
        driver = {
            "name": "newslint",
            "version": __version__,
            "informationUri": "https://pypi.org/project/newslint/",
            "rules": [self._describe(rule) for rule in self.rules],
        }
        head = json.dumps(
            {
                "$schema": SCHEMA,
                "version": "2.1.0",
                "runs": [
                    {
                        "tool": {"driver": driver},
                        "columnKind": _COLUMN_KINDS[self.column_unit],
                        "results": [],
                    }
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
        # Stream the results: write everything up to the empty results array, then each
        # result, then close the document.
        self._tail = head[head.rindex("[]") + 2 :]
        self.stream.write(head[: head.rindex("[]") + 1])
        self._first = True

    @staticmethod
    def _describe(rule: Any) -> dict[str, Any]:
        return {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc or rule.summary},
            "help": {"text": rule.doc or rule.summary},
            "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        }

    def write(self, finding: Finding) -> None:
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [self._location(finding)],
            "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        }
        if finding.code in self._index:
            result["ruleIndex"] = self._index[finding.code]
        self.stream.write("\n        " if self._first else ",\n        ")
        self._first = False
        self.stream.write(json.dumps(result, ensure_ascii=False))

    def _location(self, finding: Finding) -> dict[str, Any]:
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(finding.path)}}
        line = self.lines.line(finding)
        if finding.record_number is None:
            physical["region"] = {
                "startLine": finding.line,
                "startColumn": finding.column,
                "endLine": finding.end_line,
                "endColumn": finding.end_column,
            }
        elif line is not None:
            physical["region"] = {"startLine": line}
        location: dict[str, Any] = {"physicalLocation": physical}
        if finding.record_number is not None:
            name = finding.record if finding.record is not None else str(finding.record_number)
            location["logicalLocations"] = [
                {
                    "name": name,
                    "fullyQualifiedName": f"{finding.location} line {finding.line} column {finding.column}",
                    "kind": "object",
                }
            ]
        return location

    def finish(self, summary: Summary) -> None:
        self.stream.write("\n      ]" if not self._first else "]")
        self.stream.write(self._tail)
        self.stream.write("\n")


@hookimpl
def newslint_formatters() -> dict[str, type[Formatter]]:
    return {"sarif": SarifFormatter}
