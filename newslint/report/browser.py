"""Headless Chromium for looking at a report page as a person would (the report test and
docs/screenshot.py): how it is found and started here, where the network is closed.

Needs playwright (a test dependency; it drives the browser installed on the machine and
downloads none) and a Chromium: Debian's package ``chromium``, or Google Chrome.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Headless, no sandbox (root), and nothing that reaches for the network at start-up.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_browser() -> str | None:
    return next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)


@contextlib.contextmanager
def open_page(executable: str, width: int = 1100, height: int = 1400) -> Iterator[Any]:
    """A playwright page in a browser started with :data:`CHROMIUM_FLAGS` and a fresh
    profile (a new ``--user-data-dir``), closed on exit."""
    from playwright.sync_api import sync_playwright

    with (
        tempfile.TemporaryDirectory(prefix="newslint-browser-") as profile,
        sync_playwright() as playwright,
    ):
        context = playwright.chromium.launch_persistent_context(
            str(Path(profile)),
            executable_path=executable,
            args=list(CHROMIUM_FLAGS),
            headless=True,
            viewport={"width": width, "height": height},
        )
        try:
            yield context.new_page()
        finally:
            context.close()
