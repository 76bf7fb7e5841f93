"""C rules on real articles: the shared corpus (181 articles from 126 sites) with copies
under new ids and sites, exact and edited (a changed byline, a removed paragraph, another
site's template lines added), a made-up site whose every article carries its template
lines, and wire boilerplate closing articles of several sites.

What must hold: every copy is found and names its original, no original is a duplicate
of another, every added template line is found on every article that carries it, and no
line of the original articles is reported as a template.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from newslint.cli import main as cli
from newslint.corpus import spill

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "aeb.jsonl"
TEMPLATE_LINES = (
    "Sign up for the Harbour Gazette morning briefing, delivered before 7am.",
    "© Harbour Gazette Media Group. All rights reserved.",
)
OTHER_SITE_LINES = ("Follow The Northern Echo on social media for more local stories.",)
WIRE = "This story was produced in partnership with the Regional News Cooperative network."
FINDING = re.compile(
    r"^(?P<path>.+?)#(?P<n>\d+)(?:\[(?P<id>[^\]]*)\])?:(?P<line>\d+):\d+: (?P<code>\w+) (?P<message>.*)$"
)

pytestmark = pytest.mark.skipif(not SHARED_CORPUS.exists(), reason="needs ../shared/corpus")


def originals() -> list[dict]:
    return [json.loads(line) for line in SHARED_CORPUS.read_text(encoding="utf-8").splitlines()]


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def build_corpus() -> tuple[list[dict], dict[str, str]]:
    """The originals, then the copies; returns the records and, for each copy's id, the
    id of its original and the kind of copy."""
    records = originals()
    copies: dict[str, str] = {}
    with_paragraphs = [
        r for r in records if len(paragraphs(r["text"])) >= 6 and len(r["text"].split()) >= 150
    ]

    def add(original: dict, kind: str, text: str, site: str) -> dict:
        record = dict(original, id=f"{original['id']}-{kind}", text=text)
        record["url"] = f"https://{site}/news/{original['id']}"
        records.append(record)
        copies[record["id"]] = original["id"]
        return record

    for original in records[:181:20]:  # 10 exact copies on a mirror site
        add(original, "exact", original["text"], "mirror.example")
    for original in with_paragraphs[1:60:6]:  # 10 with another byline
        text = f"By Jane Doe, Staff Writer\n\n{original['text']}"
        add(original, "byline", text, "bylines.example")
    for original in with_paragraphs[2:60:6]:  # 10 with a paragraph removed
        kept = paragraphs(original["text"])
        del kept[len(kept) // 2]
        add(original, "cut", "\n\n".join(kept), "cuts.example")
    for original in with_paragraphs[3:60:6]:  # 10 with another site's template lines
        text = "\n".join((original["text"], *OTHER_SITE_LINES))
        add(original, "echo", text, "northern-echo.example")
    for original in with_paragraphs[60:84]:  # a made-up site: 24 articles, its template
        text = "\n".join((TEMPLATE_LINES[0], original["text"], TEMPLATE_LINES[1]))
        add(original, "harbour", text, "harbour-gazette.example")
    for n, original in enumerate(with_paragraphs[84:90]):  # wire copy on 6 articles, 3 sites
        add(original, "wire", f"{original['text']}\n{WIRE}", f"wire{n % 3}.example")
    return records, copies


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    records, _ = build_corpus()
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def check(*argv: str) -> tuple[int, list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    real = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = cli.main(["check", *argv, "--exit-zero", "--format", "text", "-q"])
    finally:
        sys.stdout, sys.stderr = real
    found = [m.groupdict() for m in map(FINDING.match, out.getvalue().splitlines()) if m]
    return code, found, err.getvalue()


@pytest.fixture(scope="module")
def findings(corpus) -> list[dict]:
    code, found, err = check(str(corpus), "--select", "C", "--jobs", "1")
    assert code == 0, err
    return found


def test_every_copy_is_found_and_names_its_original(findings):
    records, copies = build_corpus()
    number = {r["id"]: n for n, r in enumerate(records, 1)}
    duplicates = {f["id"]: f for f in findings if f["code"] in ("C001", "C002")}
    assert set(duplicates) == set(copies)
    for copy_id, original_id in copies.items():
        finding = duplicates[copy_id]
        kind = copy_id.rsplit("-", 1)[1]
        assert finding["code"] == ("C001" if kind == "exact" else "C002"), finding
        assert f"record {number[original_id]} [{original_id}]" in finding["message"]
        if finding["code"] == "C002":
            similarity = float(re.search(r"similarity ([0-9.]+)", finding["message"]).group(1))
            assert 0.6 <= similarity < 1.0


def test_no_original_is_reported_as_a_duplicate_or_a_template(findings):
    assert [f for f in findings if int(f["n"]) <= 181] == []


def test_the_made_up_sites_template_lines_are_found_on_each_article(findings):
    records, _ = build_corpus()
    templates = [f for f in findings if f["code"] == "C003"]
    expected = set()
    for n, record in enumerate(records, 1):
        lines = record["text"].split("\n")
        for number, line in enumerate(lines, 1):
            if line in TEMPLATE_LINES:
                expected.add((n, number))
    assert len(expected) == 48
    harbour = {(int(f["n"]), int(f["line"])) for f in templates if "harbour" in f["id"]}
    assert harbour == expected
    assert all(
        "24 articles (100%) of harbour-gazette.example" in f["message"]
        for f in templates
        if "harbour" in f["id"]
    )
    # every other template is a line added to all articles of one made-up site
    added = (*OTHER_SITE_LINES, "By Jane Doe, Staff Writer")
    for f in templates:
        assert records[int(f["n"]) - 1]["text"].split("\n")[int(f["line"]) - 1] in (
            *TEMPLATE_LINES,
            *added,
        )


def test_a_line_of_ten_copies_on_one_site_is_a_template_of_that_site_only(findings):
    # the Northern Echo line is on all 10 articles of its site: a template there too
    echo = [f for f in findings if f["code"] == "C003" and f["id"].endswith("-echo")]
    assert len(echo) == 10


def test_wire_boilerplate_across_sites_is_found_on_each_article(findings):
    wire = [f for f in findings if f["code"] == "C004"]
    assert sorted(f["id"] for f in wire) == sorted(
        r["id"] for r in build_corpus()[0] if r["id"].endswith("-wire")
    )
    assert all("in 6 articles on 3 sites" in f["message"] for f in wire)


def test_the_shared_corpus_alone_gives_no_corpus_finding():
    code, found, _ = check(str(SHARED_CORPUS), "--select", "C")
    assert code == 0 and found == []


def test_output_is_the_same_with_two_jobs(corpus, findings):
    _, parallel, _ = check(str(corpus), "--select", "C,D,B", "--jobs", "2")
    _, single, _ = check(str(corpus), "--select", "C,D,B", "--jobs", "1")
    assert parallel == single
    assert [f for f in single if f["code"].startswith("C")] == findings


def test_a_tiny_spill_buffer_gives_the_same_findings(corpus, findings, monkeypatch):
    monkeypatch.setattr(spill, "BUFFER_ROWS", 64)
    _, found, _ = check(str(corpus), "--select", "C")
    assert found == findings


def test_ignore_and_select_work_as_for_any_family(corpus, findings):
    _, found, _ = check(str(corpus), "--select", "C", "--ignore", "C003")
    assert {f["code"] for f in found} == {"C001", "C002", "C004"}
    assert len(found) == len([f for f in findings if f["code"] != "C003"])
    _, found, _ = check(str(corpus), "--select", "C001")
    assert {f["code"] for f in found} == {"C001"}


def test_standard_input_gets_one_pass_with_the_same_duplicates(corpus, findings, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(corpus.read_bytes())))
    _, found, _ = check("-", "--input-format", "jsonl", "--select", "C")
    duplicates = [f for f in findings if f["code"] in ("C001", "C002")]
    without_path = [{**f, "path": None} for f in duplicates]
    assert [{**f, "path": None} for f in found if f["code"] in ("C001", "C002")] == without_path
    # templates from the article where the counts reach 5 of the site's articles on
    templates = [f for f in found if f["code"] == "C003" and f["id"].endswith("-harbour")]
    assert len(templates) == 2 * (24 - 4)


def test_a_single_plain_file_gets_no_corpus_checks(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(originals()[0]["text"], encoding="utf-8")
    _, found, err = check(str(article), "--select", "C")
    assert found == [] and "Traceback" not in err


def test_a_folder_of_plain_files_is_a_corpus_whose_site_is_the_folder(tmp_path):
    for n, record in enumerate(originals()[:8]):
        folder = tmp_path / "harbour"
        folder.mkdir(exist_ok=True)
        text = "\n".join((TEMPLATE_LINES[0], record["text"]))
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(originals()[0]["text"], encoding="utf-8")
    lines = [line.split(": ", 1) for line in _plain_findings(tmp_path, "--select", "C")]
    found = sorted((where, what[:4]) for where, what in lines)
    expected = [(f"harbour/{n}.txt:1:1", "C003") for n in range(8)]
    expected.append(("harbour/0.txt:1:1", "C002"))  # copy.txt comes first: files, then folders
    assert found == sorted(expected)
    assert any(what.startswith("C002") and "of copy.txt" in what for _, what in lines)


def _plain_findings(folder: Path, *argv: str) -> list[str]:
    """Findings of plain files, paths relative to ``folder``."""
    out = io.StringIO()
    real = sys.stdout
    sys.stdout = out
    try:
        cli.main(["check", str(folder), *argv, "--exit-zero", "-q"])
    finally:
        sys.stdout = real
    return [line.replace(f"{folder}/", "") for line in out.getvalue().splitlines()]


def test_a_site_field_mapping_names_the_site(tmp_path):
    records = []
    for record in originals()[:6]:
        text = f"{TEMPLATE_LINES[0]}\n{record['text']}"
        records.append({"id": record["id"], "text": text, "source": {"name": "Harbour"}})
    path = tmp_path / "sites.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    _, found, _ = check(str(path), "--select", "C003", "--site-field", "source.name")
    assert [(f["n"], f["line"]) for f in found] == [(str(n), "1") for n in range(1, 7)]
    assert "6 articles (100%) of harbour" in found[0]["message"]


def test_a_bad_option_is_a_usage_error(tmp_path, corpus):
    config = tmp_path / "newslint.yaml"
    config.write_text("options:\n  C002: {threshold: 2}\n", encoding="utf-8")
    code, _, err = check(str(corpus), "--select", "C", "--config", str(config))
    assert code == 2 and "option threshold of C002" in err


def test_c_rules_are_listed_and_documented(capsys):
    assert cli.main(["rules"]) == 0
    listing = capsys.readouterr().out
    for code in ("C001", "C002", "C003", "C004"):
        assert code in listing
    assert cli.main(["rule", "C003"]) == 0
    assert "min_share" in capsys.readouterr().out
