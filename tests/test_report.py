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

from newslint.cli import main as cli
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
    sites = page.read_text(encoding="utf-8").split('id="sites"')[1].split("</table>")[0]
    values = [
        float(v)
        for v in re.findall(
            r'data-value="([\d.]+)">[\d.]+</td><td class="n" data-value="\d+">[\d,]+</td><td>',
            sites,
        )
    ]
    assert float(first) == pytest.approx(max(values), abs=0.01)
    assert (tmp_path / "report.png").stat().st_size > 10_000


# --- what a data engineer does with the page


@pytest.fixture(scope="module")
def findings(corpus) -> list[dict]:
    """``check --format json`` of the corpus: what the page must agree with."""
    code, out, _ = run("check", str(corpus), "--format", "json", "--exit-zero", "-q")
    assert code == 0
    return json.loads(out)


def test_codes_give_the_share_of_articles_and_link_to_their_examples(page, findings):
    html = page.read_text(encoding="utf-8")
    articles: dict[str, set] = {}
    for f in findings:
        articles.setdefault(f["code"], set()).add((f["path"], f["record_number"]))
    shares = {k: float(v) for k, v in re.findall(r'data-share="(\w+)" data-value="([\d.]+)"', html)}
    assert shares == pytest.approx({code: len(a) / 193 for code, a in articles.items()}, abs=1e-6)
    codes = html.split('id="codes"')[1].split("</table>")[0]
    linked = re.findall(r'<a href="#examples-(\w+)">\1</a>', codes)
    assert set(linked) == set(articles)
    for code in linked:
        assert f'id="examples-{code}"' in html


def test_the_contents_lead_to_every_section(page):
    html = page.read_text(encoding="utf-8")
    contents = html.split('<nav id="contents">')[1].split("</nav>")[0]
    targets = re.findall(r'href="#([\w-]+)"', contents)
    assert len(targets) >= 7
    for target in targets:
        assert f'id="{target}"' in html


def example_locations(html: str) -> dict[str, list[str]]:
    groups = re.findall(
        r'<div class="examples" data-code="(\w+)">(.*?)(?=<div class="examples"|</section>)',
        html,
        re.S,
    )
    return {
        code: re.findall(r'<div class="where">([^:]+:\d+:\d+|[^:]+):', body)
        for code, body in groups
    }


def test_examples_are_a_seeded_sample_of_the_articles(corpus, page, findings, tmp_path):
    again = tmp_path / "again.html"
    other = tmp_path / "other.html"
    assert run("report", str(corpus), "-o", str(again), "-q", "--jobs", "1")[0] == 0
    assert run("report", str(corpus), "-o", str(other), "-q", "--seed", "7")[0] == 0
    seed_0 = example_locations(page.read_text(encoding="utf-8"))
    assert seed_0 == example_locations(again.read_text(encoding="utf-8"))  # repeatable
    seed_7 = example_locations(other.read_text(encoding="utf-8"))
    assert seed_0.keys() == seed_7.keys()
    first: dict[str, list[str]] = {}
    for f in findings:  # the first articles with each code, in corpus order
        where = f"{f['path']}#{f['record_number']}"
        if where not in first.setdefault(f["code"], []):
            first[f["code"]].append(where)
    frequent = [code for code, places in first.items() if len(places) > 10]
    assert frequent
    for code in frequent:
        assert len(seed_0[code]) == 3
        shown = [re.sub(r"\[.*", "", location) for location in seed_0[code]]
        assert set(shown) <= set(first[code])
    # not the first records: the sample reaches past them, and another seed differs
    assert any(
        {re.sub(r"\[.*", "", loc) for loc in seed_0[code]} != set(first[code][:3])
        for code in frequent
    )
    assert any(seed_0[code] != seed_7[code] for code in frequent)


def test_a_clean_run_reports_the_characters_it_removed(corpus, tmp_path):
    output, report = tmp_path / "clean.jsonl", tmp_path / "clean.html"
    code, _, err = run("clean", str(corpus), "-o", str(output), "--report", str(report), "-q")
    assert code == 0, err
    before = {
        (r["id"], n): len(r["text"])
        for n, r in enumerate(map(json.loads, corpus.read_text(encoding="utf-8").splitlines()))
    }
    kept = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    rejected_file = tmp_path / "clean.rejected.jsonl"
    rejected = [json.loads(line) for line in rejected_file.read_text(encoding="utf-8").splitlines()]
    after = sum(len(r["text"]) for r in kept + rejected)
    removed = sum(before.values()) - after
    html = report.read_text(encoding="utf-8")
    shown = dict(re.findall(r'data-cleaning="([\w-]+)" data-value="([^"]*)"', html))
    assert int(shown["removed"]) == removed > 0
    assert int(shown["records"]) == len(before) and int(shown["rejected"]) == len(rejected)
    by_code = {k: int(v) for k, v in re.findall(r'data-removed="(\w+)" data-value="(-?\d+)"', html)}
    assert sum(by_code.values()) == removed
    assert float(shown["removed-share"]) == pytest.approx(removed / sum(before.values()))


def test_the_page_links_filters_and_downloads_in_headless_chromium(page, findings, tmp_path):
    chromium = _chromium()
    errors: list[str] = []
    html = page.read_text(encoding="utf-8")
    code = re.search(r'<a href="#examples-(\w+)">', html.split('id="codes"')[1])[1]
    with open_page(chromium) as tab:
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(page.as_uri())
        tab.click(f'#codes a[href="#examples-{code}"]')
        assert tab.evaluate("location.hash") == f"#examples-{code}"
        top, height, bottom = tab.evaluate(
            f"[document.getElementById('examples-{code}').getBoundingClientRect().top,"
            " window.innerHeight,"
            " window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1]"
        )
        # scrolled to the code's examples: at the top of the window, or in it when the
        # page is scrolled to its end (examples near the end cannot reach the top)
        assert abs(top) < 5 or (bottom and 0 <= top < height), (top, height, bottom)
        # a site, picked in the table: its row alone, and its examples alone
        site = "mirror.example"
        tab.fill("#site-filter", site)
        visible = tab.eval_on_selector_all(
            "#sites tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.site)"
        )
        assert visible == [site]
        shown_sites = tab.eval_on_selector_all(
            ".example:not([hidden])", "nodes => nodes.map(n => n.dataset.site)"
        )
        assert set(shown_sites) <= {site}
        tab.fill("#site-filter", "")
        assert tab.eval_on_selector_all("#sites tbody tr[hidden]", "rows => rows.length") == 0
        with tab.expect_download() as caught:
            tab.click("#download-findings")
        downloaded = Path(caught.value.path()).read_text(encoding="utf-8")
    assert errors == []
    assert [json.loads(line) for line in downloaded.splitlines()] == findings
