"""Makes docs/report.png, the README's picture of ``newslint report`` on the shared
corpus: ``python docs/screenshot.py`` (needs the [report] extra, playwright and the
Debian package chromium)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from newslint.report.browser import find_browser, open_page

HERE = Path(__file__).resolve().parent
CORPUS = "../shared/corpus/aeb.jsonl"  # relative: the page shows the path as given


def main() -> int:
    browser = find_browser()
    if browser is None:
        print("no Chromium found (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        command = [sys.executable, "-m", "newslint", "report", CORPUS, "-o", str(page), "-q"]
        title = ["--title", "newslint report: the shared corpus (181 articles)"]
        subprocess.run([*command, *title], check=True, cwd=HERE.parent)
        with open_page(browser, width=1000, height=1500) as tab:
            tab.goto(page.as_uri())
            tab.wait_for_selector("#chart-codes svg", timeout=30_000)
            tab.screenshot(path=str(HERE / "report.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
