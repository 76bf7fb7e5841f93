"""Makes docs/report.png, the README's picture of ``newslint report`` on the shared
corpus: ``python docs/screenshot.py`` (needs the [report] extra, playwright and the
Debian package chromium)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
CORPUS = "../shared/corpus/aeb.jsonl"  # relative: the page shows the path as given
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        command = [sys.executable, "-m", "newslint", "report", CORPUS, "-o", str(page), "-q"]
        title = ["--title", "newslint report: the shared corpus (181 articles)"]
        subprocess.run([*command, *title], check=True, cwd=HERE.parent)
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                str(Path(folder) / "profile"),
                executable_path="/usr/bin/chromium",
                args=FLAGS,
                headless=True,
                viewport={"width": 1000, "height": 1500},
            )
            tab = context.new_page()
            tab.goto(page.as_uri())
            tab.wait_for_selector("#chart-codes svg", timeout=30_000)
            tab.screenshot(path=str(HERE / "report.png"))
            context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
