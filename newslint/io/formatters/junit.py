"""``--format junit``: JUnit XML, one test suite per input file and one failing test
case per finding, for CI systems that display test reports."""

from __future__ import annotations

import re
import tempfile
from typing import IO

from newslint.io.formatters.base import Formatter, Summary
from newslint.markers import hookimpl
from newslint.model.finding import Finding

# Characters XML 1.0 forbids even as references (C0 controls other than tab and line
# breaks): a record id or a quoted text may hold them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class JunitFormatter(Formatter):
    """A suite's counts go in its opening tag, so each suite's cases are spooled (to disk
    past a few MB) until the next file starts."""

    def start(self) -> None:
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="newslint">\n')
        self._path: str | None = None
        self._cases: IO[str] | None = None
        self._count = 0

    def write(self, finding: Finding) -> None:
        if finding.path != self._path:
            self._close_suite()
            self._path = finding.path
            self._cases = tempfile.SpooledTemporaryFile(
                max_size=4 << 20, mode="w+", encoding="utf-8"
            )
            self._count = 0
        assert self._cases is not None
        self._count += 1
        where = f"{finding.location}:{finding.line}:{finding.column}"
        self._cases.write(
            f"    <testcase name={_attr(f'{finding.code} {where}')} "
            f"classname={_attr(finding.path)}>\n"
            f"      <failure message={_attr(finding.message)} type={_attr(finding.severity.value)}>"
            f"{_text(f'{where}: {finding.code} {finding.message}')}</failure>\n"
            "    </testcase>\n"
        )

    def _close_suite(self) -> None:
        if self._path is None or self._cases is None:
            return
        self.stream.write(
            f'  <testsuite name={_attr(self._path)} tests="{self._count}" '
            f'failures="{self._count}" errors="0" skipped="0">\n'
        )
        self._cases.seek(0)
        while block := self._cases.read(1 << 16):
            self.stream.write(block)
        self._cases.close()
        self.stream.write("  </testsuite>\n")

    def finish(self, summary: Summary) -> None:
        self._close_suite()
        if summary.total == 0:
            self.stream.write(
                '  <testsuite name="newslint" tests="1" failures="0" errors="0" skipped="0">\n'
                '    <testcase name="no findings" classname="newslint"/>\n  </testsuite>\n'
            )
        self.stream.write("</testsuites>\n")


def _text(value: str) -> str:
    value = _NOT_XML.sub("\ufffd", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    # Imported here: xml.sax (and the urllib it brings) would cost every run start-up,
    # this format or not.
    from xml.sax.saxutils import quoteattr

    return quoteattr(_NOT_XML.sub("\ufffd", value))


@hookimpl
def newslint_formatters() -> dict[str, type[Formatter]]:
    return {"junit": JunitFormatter}
