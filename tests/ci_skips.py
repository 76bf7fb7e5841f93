"""A pytest plugin, loaded by conftest.py: under .ci/run (``NEWSLINT_CI=1``) a test that
skips fails instead, unless it is marked ``may_skip`` (a test that cannot run as root,
say). A suite that silently skipped the measurements on ../shared, or the tests of an
integration whose tool is missing, would otherwise pass."""

from __future__ import annotations

import os
from typing import Any

import pytest


def strict() -> bool:
    return os.environ.get("NEWSLINT_CI") == "1"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "may_skip: a skip of this test is not a failure in CI (NEWSLINT_CI=1)"
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """In CI, a skipped test is a failed one."""
    report = yield
    if strict() and report.skipped and item.get_closest_marker("may_skip") is None:
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, and NEWSLINT_CI=1 forbids skips: {reason}"
    return report
