"""``newslint clean``: a repaired corpus in --output, the records that stay at or above
--reject-on in --rejected with their findings, nothing lost, outputs written atomically."""

from __future__ import annotations

import gzip
import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest
from conftest import run_cli as run

from newslint.checking.checker import Checker
from newslint.cli import main as cli
from newslint.fixing.clean import FINDINGS_KEY, default_rejected_path

LEAD = (
    "Après une conversation téléphonique entre les chefs des affaires étrangères des "
    "États-Unis et de la Russie, Washington a admis ne pas avoir obtenu les engagements "
    "russes de désamorcer immédiatement la situation à la frontière ukrainienne."
)
BODY = (
    "Le secrétaire d'État américain Blinken et le ministre russe des Affaires étrangères "
    "Sergueï Lavrov se sont de nouveau entretenus au téléphone pour tenter de désamorcer "
    "une crise à haut risque."
)
HASHTAGS = "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes"

DIRTY = {
    "id": "a1",
    "url": "https://example.com/a1",
    "title": "Blinken et Lavrov au téléphone",
    "lang": "fr",
    "meta": {"source": "scraper", "fetched": [2022, 1, 18]},
    "words": 87,
    "text": f"{LEAD}\n{HASHTAGS}\n{LEAD}\n{BODY}",
}
CLEAN = {"id": "a2", "lang": "fr", "text": f"{LEAD}\n{BODY}", "score": 0.5, "tags": None}
#: an unfixable error (E006): rejected at the default --reject-on error
LOST = {"id": "a3", "lang": "fr", "text": f"{LEAD}\nLe minist\ufffdre a d\ufffdmenti."}
#: an unfixable warning (E003) and a fixable hashtag line: rejected at --reject-on warning
MARKUP = {"id": "a4", "lang": "fr", "text": f"{LEAD}<br/>\n{HASHTAGS}\n{BODY}"}


@pytest.fixture(autouse=True)
def builtin_plugins_only(cli_plugins: dict[str, object]) -> None:
    """``main`` runs in an empty temporary folder with the built-in plugins only."""


def write_jsonl(path: Path | str, *lines: dict | str) -> Path:
    path = Path(path)
    text = "".join(
        (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
        for line in lines
    )
    path.write_text(text, encoding="utf-8")
    return path


def read_jsonl(path: Path | str) -> list[dict]:
    path = Path(path)
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def by_id(records: list[dict]) -> dict:
    return {r["id"]: r for r in records}


# ---------------------------------------------------------------------------- repaired text


def test_the_repaired_text_is_written_and_every_other_field_kept(tmp_path, capsys):
    write_jsonl("in.jsonl", DIRTY, CLEAN)
    code, out, _ = run(capsys, "clean", "in.jsonl", "-o", "out.jsonl")
    assert (code, out) == (0, "")
    dirty, clean = read_jsonl("out.jsonl")
    assert dirty == {**DIRTY, "text": f"{LEAD}\n{BODY}"}  # no hashtag line, no second lead
    assert list(dirty) == list(DIRTY)  # the fields in their order
    assert clean == CLEAN
    assert read_jsonl("out.rejected.jsonl") == []


def test_unsafe_fixes_are_applied_only_with_unsafe_fixes(capsys):
    record = {"id": "u1", "lang": "fr", "text": f"Il a vu le le ministre mardi.\n{BODY}"}
    write_jsonl("in.jsonl", record)
    run(capsys, "clean", "in.jsonl", "-o", "safe.jsonl")
    assert read_jsonl("safe.jsonl") == [record]
    run(capsys, "clean", "in.jsonl", "-o", "unsafe.jsonl", "--unsafe-fixes")
    assert read_jsonl("unsafe.jsonl") == [{**record, "text": f"Il a vu le ministre mardi.\n{BODY}"}]


def test_a_text_field_inside_an_object_is_repaired_in_place(capsys):
    record = {"id": "n1", "lang": "fr", "content": {"body": DIRTY["text"], "kind": "news"}}
    write_jsonl("in.jsonl", record)
    run(capsys, "clean", "in.jsonl", "-o", "out.jsonl", "--text-field", "content.body")
    [written] = read_jsonl("out.jsonl")
    assert written == {**record, "content": {"body": f"{LEAD}\n{BODY}", "kind": "news"}}


# ---------------------------------------------------------------------------- rejected records


def test_records_with_findings_at_the_reject_level_go_to_the_rejected_file(capsys):
    write_jsonl("in.jsonl", DIRTY, LOST, MARKUP)
    run(capsys, "clean", "in.jsonl", "-o", "out.jsonl")
    assert [r["id"] for r in read_jsonl("out.jsonl")] == ["a1", "a4"]  # E003 is a warning
    [lost] = read_jsonl("out.rejected.jsonl")
    findings = lost.pop(FINDINGS_KEY)
    assert lost == LOST
    assert [(f["code"], f["severity"], f["line"]) for f in findings] == [
        ("E006", "error", 2),
        ("E006", "error", 2),
    ]
    assert {f["record"] for f in findings} == {"a3"}


def test_reject_on_warning_rejects_warnings_left_after_repair(capsys):
    write_jsonl("in.jsonl", DIRTY, MARKUP)
    run(capsys, "clean", "in.jsonl", "-o", "out.jsonl", "--reject-on", "warning")
    assert [r["id"] for r in read_jsonl("out.jsonl")] == ["a1"]
    [markup] = read_jsonl("out.rejected.jsonl")
    findings = markup.pop(FINDINGS_KEY)
    # The rejected record carries its repaired text and the findings of that text.
    assert markup == {**MARKUP, "text": f"{LEAD}<br/>\n{BODY}"}
    # (C002 too: the two records tell one story, and the corpus rules run in clean)
    assert [f["code"] for f in findings if f["severity"] != "info"] == ["C002", "E003"]
    assert "H001" not in {f["code"] for f in findings}
    e003 = next(f for f in findings if f["code"] == "E003")
    assert {"path", "line", "column", "end_line", "end_column", "message", "fix"} <= set(e003)


def test_reject_on_info_keeps_only_records_without_any_finding(capsys):
    quiet = {"id": "q", "lang": "en", "text": "The minister resigned on Tuesday."}
    write_jsonl("in.jsonl", quiet, MARKUP)
    run(capsys, "clean", "in.jsonl", "-o", "out.jsonl", "--reject-on", "info")
    assert read_jsonl("out.jsonl") == [quiet]


def test_invalid_json_and_records_without_text_are_rejected_with_what_was_read(capsys):
    broken = '{"id": "b1", "text": "cut here'
    write_jsonl(
        "in.jsonl",
        CLEAN,
        broken,
        {"id": "b2", "title": "no text"},
        {"id": "b3", "text": None},
        {"id": "b4", "text": 42},
        '["b5", "an array"]',
        "not JSON at all   ",
    )
    code, _, _ = run(capsys, "clean", "in.jsonl", "-o", "out.jsonl")
    assert code == 0
    assert read_jsonl("out.jsonl") == [CLEAN]
    rejected = read_jsonl("out.rejected.jsonl")
    assert len(rejected) == 6
    for record in rejected:
        [finding] = record.pop(FINDINGS_KEY)
        assert (finding["code"], finding["severity"]) == ("X001", "error")
    first, no_text, null, number, array, junk = rejected
    assert first["raw"] == broken and first["record_number"] == 2
    assert first["source"] == "in.jsonl"
    assert no_text == {"id": "b2", "title": "no text"}
    assert null == {"id": "b3", "text": None}
    assert number == {"id": "b4", "text": 42}
    assert array["record"] == ["b5", "an array"] and array["record_number"] == 6
    assert junk["raw"] == "not JSON at all   "  # the raw line, spaces and all


def test_a_line_with_invalid_utf8_is_rejected_not_dropped(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": "x1", "lang": "fr", "text": "Le minist\xe8re a d\xe9menti."}\n')
    run(capsys, "clean", "in.jsonl", "-o", "out.jsonl")
    assert read_jsonl("out.jsonl") == []
    [record] = read_jsonl("out.rejected.jsonl")
    assert record["id"] == "x1"
    assert "X001" in {f["code"] for f in record[FINDINGS_KEY]}


# ---------------------------------------------------------------------------- paths


@pytest.mark.parametrize(
    ("output", "rejected"),
    [
        ("clean.jsonl", "clean.rejected.jsonl"),
        ("clean.jsonl.gz", "clean.rejected.jsonl.gz"),
        ("clean.ndjson", "clean.rejected.ndjson"),
        ("clean", "clean.rejected.jsonl"),
        ("out/clean.json", "out/clean.json.rejected.jsonl"),
    ],
)
def test_default_rejected_path(output, rejected):
    assert default_rejected_path(Path(output)) == Path(rejected)


def test_without_rejected_the_rejected_records_go_beside_the_output(tmp_path, capsys):
    write_jsonl("in.jsonl", DIRTY, LOST)
    (tmp_path / "sub").mkdir()
    run(capsys, "clean", "in.jsonl", "-o", "sub/out.jsonl")
    assert [r["id"] for r in read_jsonl("sub/out.rejected.jsonl")] == ["a3"]


def test_gzip_outputs_are_compressed(capsys):
    write_jsonl("in.jsonl", DIRTY, LOST)
    run(capsys, "clean", "in.jsonl", "-o", "out.jsonl.gz")
    assert [r["id"] for r in read_jsonl("out.jsonl.gz")] == ["a1"]
    assert [r["id"] for r in read_jsonl("out.rejected.jsonl.gz")] == ["a3"]


def test_an_explicit_rejected_path_is_used(capsys):
    write_jsonl("in.jsonl", DIRTY, LOST)
    run(capsys, "clean", "in.jsonl", "-o", "out.jsonl", "--rejected", "bad.jsonl")
    assert [r["id"] for r in read_jsonl("bad.jsonl")] == ["a3"]
    assert not Path("out.rejected.jsonl").exists()


@pytest.mark.parametrize("rejected", ["out.jsonl", "./sub/../out.jsonl"])
def test_output_equal_to_rejected_is_a_usage_error(tmp_path, capsys, rejected):
    (tmp_path / "sub").mkdir()
    write_jsonl("in.jsonl", DIRTY)
    code, _, err = run(capsys, "clean", "in.jsonl", "-o", "out.jsonl", "--rejected", rejected)
    assert code == 2
    assert err == "newslint: error: --output and --rejected must be different files\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "sub"]


def test_output_is_required(capsys):
    write_jsonl("in.jsonl", DIRTY)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["clean", "in.jsonl"])
    assert exit_.value.code == 2
    assert "--output" in capsys.readouterr().err


def test_standard_input_is_cleaned_with_input_format_jsonl(monkeypatch, capsys):
    data = (json.dumps(DIRTY) + "\n\n" + json.dumps(CLEAN)).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    run(capsys, "clean", "-", "--input-format", "jsonl", "-o", "out.jsonl")
    assert [r["id"] for r in read_jsonl("out.jsonl")] == ["a1", "a2"]


# ---------------------------------------------------------------------------- counts


def test_the_counts_are_printed_on_stderr(capsys):
    write_jsonl("in.jsonl", DIRTY, CLEAN, LOST, "not JSON")
    code, out, err = run(capsys, "clean", "in.jsonl", "-o", "out.jsonl")
    assert (code, out) == (0, "")
    assert err == (
        "4 records read: 2 written to out.jsonl (1 repaired, 2 fixes), "
        "2 rejected to out.rejected.jsonl.\n"
    )


def test_quiet_prints_no_counts(capsys):
    write_jsonl("in.jsonl", DIRTY)
    assert run(capsys, "clean", "-q", "in.jsonl", "-o", "out.jsonl") == (0, "", "")


def test_a_missing_input_exits_2(capsys):
    code, _, err = run(capsys, "clean", "missing.jsonl", "-o", "out.jsonl")
    assert code == 2
    assert "newslint: error: missing.jsonl: no such file or folder" in err


def test_a_missing_input_leaves_existing_outputs_alone(capsys):
    write_jsonl("out.jsonl", CLEAN)
    before = Path("out.jsonl").read_bytes()
    assert run(capsys, "clean", "missing.jsonl", "-o", "out.jsonl")[0] == 2
    assert Path("out.jsonl").read_bytes() == before


def test_an_output_folder_that_does_not_exist_is_a_usage_error(capsys):
    write_jsonl("in.jsonl", DIRTY)
    code, _, err = run(capsys, "clean", "in.jsonl", "-o", "missing/out.jsonl")
    assert code == 2
    assert "Traceback" not in err and "internal error" not in err
    assert "missing" in err


# ---------------------------------------------------------------------------- atomic writes


def test_outputs_are_written_without_leaving_temporary_files(tmp_path, capsys):
    write_jsonl("in.jsonl", DIRTY, CLEAN, LOST)
    run(capsys, "clean", "in.jsonl", "-o", "out.jsonl")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "in.jsonl",
        "out.jsonl",
        "out.rejected.jsonl",
    ]


def test_a_run_that_fails_half_way_leaves_the_previous_outputs_and_no_temporary_file(
    tmp_path, monkeypatch, capsys
):
    write_jsonl("in.jsonl", DIRTY, CLEAN, LOST)
    write_jsonl("out.jsonl", {"id": "old"})
    write_jsonl("out.rejected.jsonl", {"id": "old-rejected"})
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real = Checker.repair_document
    seen = []

    def repair(self, document, **kwargs):
        seen.append(document.record)
        if len(seen) == 2:
            raise RuntimeError("disk on fire")
        return real(self, document, **kwargs)

    monkeypatch.setattr(Checker, "repair_document", repair)
    code, _, err = run(capsys, "clean", "in.jsonl", "-o", "out.jsonl")
    assert code == 2 and "disk on fire" in err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("option", ["-o", "--rejected"])
def test_an_output_never_replaces_an_input_of_the_run(capsys, option):
    write_jsonl("corpus.jsonl", DIRTY, CLEAN)
    before = Path("corpus.jsonl").read_bytes()
    others = ["--rejected", "bad.jsonl"] if option == "-o" else ["-o", "good.jsonl"]
    code, _, err = run(capsys, "clean", "corpus.jsonl", option, "corpus.jsonl", *others)
    assert code == 2 and "is one of the inputs of this run" in err
    assert Path("corpus.jsonl").read_bytes() == before
    assert sorted(p.name for p in Path().iterdir()) == ["corpus.jsonl"]


def test_an_existing_output_keeps_its_permissions(tmp_path, capsys):
    write_jsonl("in.jsonl", DIRTY)
    write_jsonl("out.jsonl", {"id": "old"})
    Path("out.jsonl").chmod(0o640)
    run(capsys, "clean", "in.jsonl", "-o", "out.jsonl")
    assert stat.S_IMODE(Path("out.jsonl").stat().st_mode) == 0o640


def test_a_new_output_gets_the_permissions_of_the_umask(capsys):
    write_jsonl("in.jsonl", DIRTY)
    old = os.umask(0o022)
    try:
        run(capsys, "clean", "in.jsonl", "-o", "out.jsonl")
    finally:
        os.umask(old)
    assert stat.S_IMODE(Path("out.jsonl").stat().st_mode) == 0o644


# ---------------------------------------------------------------------------- Parquet


def test_a_parquet_corpus_is_cleaned_to_jsonl(tmp_path, capsys):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "id": ["p1", "p2", "p3"],
            "lang": ["fr", "fr", "fr"],
            "text": [DIRTY["text"], CLEAN["text"], None],
            "words": [87, 12, 0],
            "tags": [["ukraine", "russie"], [], None],
        }
    )
    pq.write_table(table, tmp_path / "in.parquet")
    code, _, err = run(capsys, "clean", "in.parquet", "-o", "out.jsonl")
    assert code == 0
    assert read_jsonl("out.jsonl") == [
        {
            "id": "p1",
            "lang": "fr",
            "text": f"{LEAD}\n{BODY}",
            "words": 87,
            "tags": ["ukraine", "russie"],
        },
        {"id": "p2", "lang": "fr", "text": CLEAN["text"], "words": 12, "tags": []},
    ]
    [rejected] = read_jsonl("out.rejected.jsonl")
    assert [f["code"] for f in rejected.pop(FINDINGS_KEY)] == ["X001"]
    assert rejected == {"id": "p3", "lang": "fr", "text": None, "words": 0, "tags": None}
    assert err.startswith(
        "3 records read: 2 written to out.jsonl (1 repaired, 2 fixes), 1 rejected"
    )


# ------------------------------------------------------------- the corpus rules in clean

#: The newsletter box of one site, under every article of it (C003's template line).
NEWSLETTER = "Sign up for our daily newsletter and never miss a story."
STORIES = [
    "The city council approved the new budget on Tuesday after a long debate.",
    "Heavy rain flooded several roads in the north of the region overnight.",
    "The museum reopens next month with a new wing devoted to local history.",
    "Two schools will share a new sports hall built over the next two years.",
    "The regional airport reported its busiest summer since it opened.",
]


def site_corpus() -> list[dict]:
    return [
        {
            "id": f"s{n}",
            "url": f"https://example.org/{n}",
            "lang": "en",
            "text": f"{story}\n{NEWSLETTER}",
        }
        for n, story in enumerate(STORIES, 1)
    ]


def test_clean_deletes_a_site_template_line_in_every_article(capsys):
    write_jsonl("in.jsonl", *site_corpus())
    run(capsys, "clean", "in.jsonl", "-o", "out.jsonl")
    texts = [r["text"] for r in read_jsonl("out.jsonl")]
    assert texts == STORIES
    assert read_jsonl("out.rejected.jsonl") == []


def test_drop_duplicates_sends_exact_copies_to_the_rejected_file(capsys):
    records = site_corpus()[:2]
    copy = {**records[0], "id": "copy", "url": "https://example.net/copy"}
    write_jsonl("in.jsonl", *records, copy)
    run(capsys, "clean", "in.jsonl", "-o", "kept.jsonl")
    assert [r["id"] for r in read_jsonl("kept.jsonl")] == ["s1", "s2", "copy"]
    run(capsys, "clean", "in.jsonl", "-o", "kept.jsonl", "--drop-duplicates")
    assert [r["id"] for r in read_jsonl("kept.jsonl")] == ["s1", "s2"]
    [rejected] = read_jsonl("kept.rejected.jsonl")
    assert rejected["id"] == "copy"
    assert [f["code"] for f in rejected[FINDINGS_KEY]] == ["C001"]
    assert "exact duplicate of record 1 [s1]" in rejected[FINDINGS_KEY][0]["message"]


def test_drop_duplicates_needs_c001(capsys):
    write_jsonl("in.jsonl", *site_corpus())
    code, _, err = run(
        capsys, "clean", "in.jsonl", "-o", "k.jsonl", "--drop-duplicates", "--ignore", "C001"
    )
    assert code == 2 and "--drop-duplicates finds copies with C001" in err
