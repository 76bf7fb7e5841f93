"""``newslint report``: the page of the shared corpus (with copies, so that every section
has content) holds the totals ``check --statistics`` gives, opens with no network, and
renders in headless Chromium without a console error.

The Chromium test skips where Chromium (Debian package ``chromium``) or playwright is
missing, saying which; under ``.ci/run`` (NEWSLINT_CI=1, tests/ci_skips.py) that skip is a
failure.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from newslint import cli
from newslint.report.browser import find_browser, open_page

pytest.importorskip("altair", reason="newslint report needs the [report] extra")
SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "aeb.jsonl"
pytestmark = pytest.mark.skipif(not SHARED_CORPUS.exists(), reason="needs ../shared/corpus")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    real = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = cli.main(list(argv))
    finally:
        sys.stdout, sys.stderr = real
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The shared corpus, then 12 copies: 4 exact, 8 with a template line of one site."""
    records = [json.loads(line) for line in SHARED_CORPUS.read_text(encoding="utf-8").splitlines()]
    copies = [
        dict(r, id=f"{r['id']}-copy", url=f"https://mirror.example/{r['id']}") for r in records[:4]
    ]
    for record in records[40:48]:
        text = f"Sign up for the Harbour Gazette morning briefing.\n{record['text']}"
        copies.append(dict(record, id=f"{record['id']}-hg", url="https://hg.example/a", text=text))
    path = tmp_path_factory.mktemp("report") / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records + copies), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def statistics(corpus) -> dict[str, int]:
    code, out, _ = run("check", str(corpus), "--statistics", "--exit-zero", "-q", "--jobs", "1")
    assert code == 0
    counts = {m.group(2): int(m.group(1)) for m in re.finditer(r"^ *(\d+)  (\w+)  ", out, re.M)}
    total = re.search(r"^(\d+) findings in (\d+) documents$", out, re.M)
    counts["findings"], counts["articles"] = int(total.group(1)), int(total.group(2))
    return counts


@pytest.fixture(scope="module")
def page(corpus) -> Path:
    output = corpus.parent / "report.html"
    code, _, err = run("report", str(corpus), "-o", str(output), "-q", "--jobs", "1")
    assert code == 0, err
    return output


def totals(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-total="([\w-]+)" data-value="([^"]*)"', html))


def test_totals_and_codes_are_those_of_check_statistics(page, statistics):
    html = page.read_text(encoding="utf-8")
    found = totals(html)
    assert int(found["articles"]) == statistics["articles"] == 193
    assert int(found["findings"]) == statistics["findings"]
    severities = sum(int(found[s]) for s in ("error", "warning", "info"))
    assert severities == statistics["findings"]
    codes = dict(re.findall(r'data-code="(\w+)" data-value="(\d+)"', html))
    expected = {k: v for k, v in statistics.items() if k not in ("findings", "articles")}
    assert {k: int(v) for k, v in codes.items()} == expected
    assert {"C001", "C003"} <= set(codes)


def test_the_page_needs_no_network(page):
    html = page.read_text(encoding="utf-8")
    assert "vegaEmbed" in html and html.count("<script>") == 2
    markup = re.sub(r"<script>.*?</script>", "", html, flags=re.S)  # scripts inline
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", markup, re.I)


def test_sections_clusters_templates_and_highlighted_examples(page):
    html = page.read_text(encoding="utf-8")
    for section in ("chart-families", "chart-codes", "chart-per-article", "sites", "clusters"):
        assert f'id="{section}"' in html
    assert "Sign up for the Harbour Gazette morning briefing." in html.split('id="templates"')[1]
    assert re.search(r'id="examples-C003".*?<mark>Sign up for the Harbour', html, re.S)
    assert "mirror.example" in html.split('id="sites"')[1]


def test_from_a_findings_file_gives_the_same_totals(corpus, page, tmp_path):
    findings = tmp_path / "findings.jsonl"
    code, _, _ = run(
        "check", str(corpus), "--format", "jsonl", "-o", str(findings), "--exit-zero", "-q"
    )
    assert code == 0
    with_corpus = tmp_path / "with-corpus.html"
    assert run("report", "--from", str(findings), str(corpus), "-o", str(with_corpus), "-q")[0] == 0
    assert totals(with_corpus.read_text(encoding="utf-8")) == totals(
        page.read_text(encoding="utf-8")
    )
    alone = tmp_path / "alone.html"
    assert run("report", "--from", str(findings), "-o", str(alone), "-q")[0] == 0
    found = totals(alone.read_text(encoding="utf-8"))
    assert found["findings"] == totals(page.read_text(encoding="utf-8"))["findings"]
    assert "≥" in alone.read_text(encoding="utf-8")  # articles without findings unknown


def test_a_report_without_input_is_a_usage_error(tmp_path):
    code, _, err = run("report", "-o", str(tmp_path / "r.html"))
    assert code == 2 and "--from" in err


def _chromium() -> str:
    found = find_browser()
    reason = None
    if found is None:
        reason = "Chromium is not installed (Debian: apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "playwright is not installed (pip install '.[test]')"
    if reason is None:
        return str(found)
    pytest.skip(reason)


def test_the_page_renders_in_headless_chromium(page, statistics, tmp_path):
    chromium = _chromium()
    errors: list[str] = []
    with open_page(chromium) as tab:  # flags of newslint.report.browser, a fresh profile
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(page.as_uri())
        for chart in ("chart-families", "chart-codes", "chart-per-article"):
            tab.wait_for_selector(f"#{chart} svg", timeout=30_000)
        shown = {
            key: tab.get_attribute(f'[data-total="{key}"]', "data-value")
            for key in ("articles", "findings")
        }
        text = tab.text_content('[data-total="articles"]')
        tab.click("#sites th:nth-child(4)")  # sort by findings per article
        first = tab.text_content("#sites tbody tr:first-child td:nth-child(4)")
        tab.screenshot(path=str(tmp_path / "report.png"))
    assert errors == []
    assert int(shown["articles"]) == statistics["articles"]
    assert int(shown["findings"]) == statistics["findings"]
    assert text.replace(",", "") == str(statistics["articles"])
    values = [
        float(v)
        for v in re.findall(
            r'data-value="([\d.]+)">[\d.]+</td><td class="n" data-value="\d+">[\d,]+</td></tr>',
            page.read_text(encoding="utf-8"),
        )
    ]
    assert float(first) == pytest.approx(max(values), abs=0.01)
    assert (tmp_path / "report.png").stat().st_size > 10_000
