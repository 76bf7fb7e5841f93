"""Corpus mode, input side: JSONL (plain, gzip, zstd, stdin), CSV, Parquet, folders and
globs; the field mapping (trafilatura and datatrove records, dotted paths, flags); bad
records that become X001 findings while the run goes on; and how every finding names its
record (``path#N[id]:line:col``, JSON ``record`` / ``record_number``).

Runs select D001, H001 and X (plus test rules) so that rules added later do not change
what these tests see.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard
from conftest import run_cli as run

from newslint import Document, Violation, hookimpl, rule
from newslint.config.settings import Settings
from newslint.io.readers.parquet import BATCH_ROWS
from newslint.plugins import plugin_manager

LEAD = (
    "Après une conversation téléphonique entre les chefs des affaires étrangères des "
    "États-Unis et de la Russie, Washington a admis ne pas avoir obtenu les engagements "
    "russes de désamorcer immédiatement la situation à la frontière ukrainienne."
)
SECOND = (
    "Le secrétaire d'État américain Antony Blinken et le ministre russe des Affaires "
    "étrangères Sergueï Lavrov se sont de nouveau entretenus au téléphone pour tenter de "
    "désamorcer une crise à haut risque."
)
THIRD = (
    "La Russie dément toute intention belliqueuse, mais conditionne toute désescalade à des "
    "garanties pour sa sécurité."
)
HASHTAGS = "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes"
#: H001 on line 2
WITH_HASHTAGS = f"{LEAD}\n{HASHTAGS}\n{SECOND}\n"
#: D001 on line 3
WITH_REPEAT = f"{LEAD}\n{SECOND}\n{LEAD}\n"
CLEAN = f"{SECOND}\n{THIRD}\n"
SELECT = "D001,H001,X"

#: ``path#N[id]:line:col: CODE message`` or ``path#N:line:col: CODE message``
LOCATED = re.compile(
    r"^(?P<path>[^#]+)#(?P<number>\d+)(?:\[(?P<id>[^\[\]:\s]+)\])?"
    r":(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]{1,3}\d{3}) (?P<message>.+)$"
)


@pytest.fixture(autouse=True)
def plugins(cli_plugins: dict[str, object]) -> dict[str, object]:
    """Built-in plugins plus those a test adds, in an empty temporary folder."""
    return cli_plugins


def check_json(capsys, *argv: str, select: str = SELECT) -> tuple[int, list[dict[str, Any]]]:
    code, out, err = run(capsys, "check", "--format", "json", "--select", select, *argv)
    assert "internal error" not in err, err
    return code, json.loads(out)


def where(findings: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """(record_number, record, code, line) of each finding."""
    return [(f["record_number"], f["record"], f["code"], f["line"]) for f in findings]


def jsonl_bytes(*records: object) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def read(source: str | Path, **settings: Any) -> list[Document]:
    """The documents the read hook gives for ``source``."""
    pm = plugin_manager(load_entry_points=False)
    return list(pm.hook.newslint_read(source=str(source), settings=Settings(**settings)))


def set_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


RECORDS = [
    {"id": "afp-1", "title": "Blinken et Lavrov", "language": "fr", "text": WITH_HASHTAGS},
    {"id": "afp-2", "language": "fr", "text": CLEAN},
    {"id": "afp-3", "language": "fr", "text": WITH_REPEAT},
]
EXPECTED = [(1, "afp-1", "H001", 2), (3, "afp-3", "D001", 3)]


# --- JSON Lines


def write_compressed(path: Path, data: bytes) -> None:
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    elif path.name.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz", "corpus.jsonl.zst"])
def test_jsonl_plain_gzip_and_zstd_give_the_same_findings(capsys, name):
    write_compressed(Path(name), jsonl_bytes(*RECORDS))
    code, findings = check_json(capsys, name)
    assert code == 1
    assert where(findings) == EXPECTED
    assert {f["path"] for f in findings} == {name}


def test_jsonl_record_numbers_are_file_lines_blank_lines_counted(capsys):
    lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS]
    Path("corpus.jsonl").write_text(
        f"{lines[0]}\n\n   \n{lines[1]}\r\n\n{lines[2]}\n\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "check", "--select", SELECT, "corpus.jsonl")
    assert code == 1
    assert out.splitlines() == [
        "corpus.jsonl#1[afp-1]:2:1: H001 [*] line of 4 hashtags, not article text",
        "corpus.jsonl#6[afp-3]:3:1: D001 [*] paragraph repeats line 1 word for word",
        "Found 2 findings (2 errors) in 3 documents.",
        "[*] 2 fixable with the --fix option.",
    ]


def test_jsonl_on_standard_input_with_input_format_jsonl(capsys, monkeypatch):
    set_stdin(monkeypatch, jsonl_bytes(*RECORDS))
    code, findings = check_json(capsys, "--input-format", "jsonl", "-")
    assert code == 1
    assert where(findings) == EXPECTED
    assert {f["path"] for f in findings} == {"-"}


def test_standard_input_without_input_format_is_one_text_document(capsys, monkeypatch):
    set_stdin(monkeypatch, jsonl_bytes(*RECORDS))
    _, out, _ = run(capsys, "check", "--select", SELECT, "-")
    *findings, summary = out.splitlines()
    assert summary.endswith(" in 1 document.")
    assert all(line.startswith("-:") for line in findings)  # no record numbers


def test_ndjson_is_read_as_json_lines(capsys):
    Path("dump.ndjson").write_bytes(jsonl_bytes(*RECORDS))
    assert where(check_json(capsys, "dump.ndjson")[1]) == EXPECTED


# --- CSV


def write_csv(path: Path | str, rows: list[dict[str, str]], encoding: str = "utf-8") -> None:
    with open(path, "w", encoding=encoding, newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


CSV_ROWS = [
    {"id": "lm-1", "title": "Blinken et Lavrov", "lang": "fr", "text": WITH_HASHTAGS},
    {"id": "lm-2", "title": "Ukraine", "lang": "fr", "text": CLEAN},
    {"id": "lm-3", "title": "Ukraine", "lang": "fr", "text": WITH_REPEAT},
]
CSV_EXPECTED = [(1, "lm-1", "H001", 2), (3, "lm-3", "D001", 3)]


def test_csv_rows_are_records_numbered_from_1_after_the_header(capsys):
    # the texts span several lines of the file: the row, not the file line, numbers them
    write_csv("export.csv", CSV_ROWS)
    code, findings = check_json(capsys, "export.csv")
    assert code == 1
    assert where(findings) == CSV_EXPECTED


def test_csv_with_a_byte_order_mark_keeps_its_first_column_name(capsys):
    write_csv("excel.csv", CSV_ROWS, encoding="utf-8-sig")
    assert where(check_json(capsys, "excel.csv")[1]) == CSV_EXPECTED


def test_csv_on_standard_input_with_input_format_csv(capsys, monkeypatch):
    write_csv("export.csv", CSV_ROWS)
    set_stdin(monkeypatch, Path("export.csv").read_bytes())
    code, findings = check_json(capsys, "--input-format", "csv", "-")
    assert code == 1
    assert where(findings) == CSV_EXPECTED
    assert {f["path"] for f in findings} == {"-"}


def test_csv_columns_are_mapped_with_the_field_flags(capsys):
    rows = [{"url": f"https://www.lemonde.fr/{r['id']}", "body": r["text"]} for r in CSV_ROWS]
    write_csv("scrape.csv", rows)
    findings = check_json(capsys, "--text-field", "body", "--id-field", "url", "scrape.csv")[1]
    assert where(findings) == [
        (1, "https://www.lemonde.fr/lm-1", "H001", 2),
        (3, "https://www.lemonde.fr/lm-3", "D001", 3),
    ]


def test_a_csv_row_without_its_text_column_is_an_x001_and_the_run_goes_on(capsys):
    Path("short.csv").write_text(
        f'id,text\nlm-1\nlm-2,"{WITH_HASHTAGS}"\n', encoding="utf-8", newline=""
    )
    findings = check_json(capsys, "short.csv")[1]
    assert where(findings) == [(1, "lm-1", "X001", 1), (2, "lm-2", "H001", 2)]
    assert findings[0]["message"] == "record has no text field 'text'"


def test_invalid_utf8_in_a_csv_row_is_an_x001(capsys):
    Path("latin1.csv").write_bytes(
        b"id,text\nlm-1,Sergue\xef Lavrov a d\xe9menti.\nlm-2,Kiev attend.\n"
    )
    findings = check_json(capsys, "latin1.csv")[1]
    assert [(f["record_number"], f["code"]) for f in findings] == [(1, "X001")]
    assert "invalid UTF-8" in findings[0]["message"]


# --- Parquet


def write_parquet(path: Path | str, records: list[dict[str, Any]], **options: Any) -> None:
    pq.write_table(pa.Table.from_pylist(records), str(path), **options)


def test_parquet_rows_are_records(capsys):
    write_parquet("corpus.parquet", RECORDS)
    code, findings = check_json(capsys, "corpus.parquet")
    assert code == 1
    assert where(findings) == EXPECTED


def test_parquet_bigger_than_one_batch_is_read_in_batches_and_numbered_throughout(
    capsys, monkeypatch
):
    rows = 2 * BATCH_ROWS + 7
    flagged = {1, BATCH_ROWS, BATCH_ROWS + 1, 2 * BATCH_ROWS + 1, rows}
    records = [
        {
            "id": f"cc-{n:05d}",
            "text": WITH_HASHTAGS if n in flagged else f"{SECOND} ({n})\n",
            "html": f"<p>{SECOND}</p>",  # a column the field mapping does not need
        }
        for n in range(1, rows + 1)
    ]
    write_parquet("big.parquet", records, row_group_size=300)
    batches: list[tuple[int, list[str]]] = []
    real = pq.ParquetFile.iter_batches

    def counting(self, *args, **kwargs):
        for batch in real(self, *args, **kwargs):
            batches.append((batch.num_rows, batch.schema.names))
            yield batch

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", counting)
    code, out, _ = run(
        capsys, "check", "--format", "json", "--select", SELECT, "--exit-zero", "big.parquet"
    )
    findings = json.loads(out)
    assert code == 0
    assert where(findings) == [(n, f"cc-{n:05d}", "H001", 2) for n in sorted(flagged)]
    assert len(batches) >= 3
    assert sum(size for size, _ in batches) == rows
    assert max(size for size, _ in batches) <= BATCH_ROWS
    assert all("html" not in names for _, names in batches)  # only the needed columns


def test_datatrove_parquet_with_a_struct_column_and_a_dotted_lang_field(tmp_path):
    write_parquet(
        tmp_path / "fineweb.parquet",
        [
            {
                "text": CLEAN,
                "id": "<urn:uuid:6a8657e1-0b45-4e5a-9d6c-3f6a0f0b7a21>",
                "metadata": {"url": "https://www.lemonde.fr/a", "language": "fr"},
            },
            {
                "text": CLEAN,
                "id": None,
                "metadata": {"url": "https://www.bbc.com/b", "language": "en"},
            },
        ],
    )
    docs = read(tmp_path / "fineweb.parquet", lang_field="metadata.language")
    assert [(d.record_number, d.record, d.lang) for d in docs] == [
        (1, "<urn:uuid:6a8657e1-0b45-4e5a-9d6c-3f6a0f0b7a21>", "fr"),
        (2, "https://www.bbc.com/b", "en"),
    ]


def test_a_corrupt_parquet_file_is_an_x001_and_the_next_file_is_linted(capsys):
    Path("broken.parquet").write_bytes(b"PAR1\x15\x04\x15\x00this is no parquet dataPAR1")
    Path("next.jsonl").write_bytes(jsonl_bytes(*RECORDS))
    code, findings = check_json(capsys, "broken.parquet", "next.jsonl")
    assert code == 1  # findings, not a crash (2)
    assert (findings[0]["path"], findings[0]["record_number"], findings[0]["code"]) == (
        "broken.parquet",
        1,
        "X001",
    )
    assert findings[0]["message"].startswith("cannot read Parquet after row 0: ")
    assert where(findings[1:]) == EXPECTED


def test_a_parquet_file_corrupt_in_its_second_row_group_keeps_the_rows_read_before(capsys):
    records = [
        {"id": f"cc-{n}", "text": WITH_HASHTAGS if n % 100 == 1 else f"{SECOND} ({n})"}
        for n in range(1, 3001)
    ]
    write_parquet(
        "part.parquet", records, row_group_size=1000, use_dictionary=False, compression="zstd"
    )
    text_column = pq.ParquetFile("part.parquet").metadata.row_group(1).column(1)
    data = bytearray(Path("part.parquet").read_bytes())
    start = text_column.data_page_offset  # the page header of the second row group
    data[start : start + 64] = b"\xff" * 64
    Path("part.parquet").write_bytes(bytes(data))

    code, out, _ = run(capsys, "check", "--format", "json", "--select", SELECT, "part.parquet")
    assert code == 1
    findings = json.loads(out)
    *linted, problem = findings
    stopped = re.fullmatch(r"cannot read Parquet after row (\d+): .+", problem["message"], re.S)
    assert stopped, problem["message"]
    rows_read = int(stopped[1])
    assert 0 < rows_read <= 1000
    assert (problem["code"], problem["record_number"]) == ("X001", rows_read + 1)
    assert linted  # the rows before the damage were linted
    assert [f["record_number"] for f in linted] == [n for n in range(1, rows_read + 1, 100)]
    assert {f["code"] for f in linted} == {"H001"}


# --- folders and glob patterns


def make_corpus_tree() -> None:
    root = Path("corpus")
    (root / "2022" / "janvier").mkdir(parents=True)
    (root / "a-afp.jsonl").write_bytes(jsonl_bytes(RECORDS[0]))
    write_compressed(root / "2022" / "b-reuters.jsonl.gz", jsonl_bytes(RECORDS[2]))
    write_compressed(root / "2022" / "janvier" / "c-ap.jsonl.zst", jsonl_bytes(RECORDS[0]))
    write_parquet(root / "2022" / "d-cc.parquet", [RECORDS[0]])
    write_csv(root / "e-export.csv", [CSV_ROWS[0]])
    (root / "notes.json").write_text(json.dumps(RECORDS[0]), encoding="utf-8")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")


def test_a_folder_is_walked_recursively_for_every_corpus_format(capsys):
    make_corpus_tree()
    code, findings = check_json(capsys, "corpus")
    assert code == 1
    assert [(f["path"], f["code"]) for f in findings] == [
        (os.path.join("corpus", "a-afp.jsonl"), "H001"),
        (os.path.join("corpus", "e-export.csv"), "H001"),
        (os.path.join("corpus", "2022", "b-reuters.jsonl.gz"), "D001"),
        (os.path.join("corpus", "2022", "d-cc.parquet"), "H001"),
        (os.path.join("corpus", "2022", "janvier", "c-ap.jsonl.zst"), "H001"),
    ]


def test_a_folder_walk_picks_up_every_suffix_the_readers_read(capsys):
    Path("dumps").mkdir()
    write_compressed(Path("dumps/a.ndjson.gz"), jsonl_bytes(RECORDS[0]))
    write_compressed(Path("dumps/b.ndjson.zst"), jsonl_bytes(RECORDS[0]))
    write_parquet("dumps/c.pq", [RECORDS[0]])
    findings = check_json(capsys, "dumps")[1]
    assert len(findings) == 3


def test_a_glob_pattern_expands_to_the_matching_files_in_order(capsys):
    make_corpus_tree()
    findings = check_json(capsys, "corpus/*.jsonl")[1]
    assert [f["path"] for f in findings] == [os.path.join("corpus", "a-afp.jsonl")]
    recursive = check_json(capsys, "corpus/**/*.jsonl*")[1]
    assert [f["path"] for f in recursive] == [  # sorted as strings, "2" before "a"
        os.path.join("corpus", "2022", "b-reuters.jsonl.gz"),
        os.path.join("corpus", "2022", "janvier", "c-ap.jsonl.zst"),
        os.path.join("corpus", "a-afp.jsonl"),
    ]


def test_a_glob_pattern_matching_nothing_is_a_missing_path(capsys):
    make_corpus_tree()
    code, out, err = run(capsys, "check", "--select", SELECT, "corpus/*.parquet")
    assert code == 2
    assert err.startswith("newslint: error: corpus/*.parquet: no such file or folder")
    assert out == "Nothing checked: 1 path not found.\n"  # not "All clear"


# --- field mapping

TRAFILATURA = {  # trafilatura --json-output (metadata included)
    "title": "Ukraine : Blinken et Lavrov ne s'entendent pas sur une désescalade",
    "author": "Le Figaro avec AFP",
    "hostname": "lefigaro.fr",
    "date": "2022-02-01",
    "fingerprint": "a3d1f0c2b4e59687",
    "id": None,
    "license": None,
    "comments": "",
    "raw_text": LEAD + " " + SECOND,
    "text": WITH_HASHTAGS,
    "language": "fr",
    "image": "https://i.f1g.fr/media/cms/1200x630/2022/02/01/blinken.jpg",
    "pagetype": "article",
    "filedate": "2022-02-02",
    "source": "https://www.lefigaro.fr/international/ukraine-blinken-lavrov-20220201",
    "source-hostname": "Le Figaro",
    "excerpt": "Washington admet ne pas avoir obtenu d'engagement russe.",
    "categories": "International",
    "tags": "Russie;Ukraine;Diplomatie",
}
DATATROVE = {  # a datatrove Document written by its JsonlWriter
    "text": WITH_HASHTAGS,
    "id": "<urn:uuid:6a8657e1-0b45-4e5a-9d6c-3f6a0f0b7a21>",
    "media": [],
    "metadata": {
        "dump": "CC-MAIN-2022-05",
        "url": "https://www.lemonde.fr/international/article/2022/02/01/ukraine.html",
        "date": "2022-02-01T10:12:09Z",
        "file_path": "s3://commoncrawl/crawl-data/CC-MAIN-2022-05/segments/1642320.warc.gz",
        "language": "fr",
        "language_score": 0.99,
    },
}


TRAFILATURA_DICT = {  # trafilatura.bare_extraction(..., with_metadata=True) as a dict
    "title": TRAFILATURA["title"],
    "author": "Le Figaro avec AFP",
    "url": TRAFILATURA["source"],
    "hostname": "lefigaro.fr",
    "description": TRAFILATURA["excerpt"],
    "sitename": "Le Figaro",
    "date": "2022-02-01",
    "categories": ["International"],
    "tags": ["Russie", "Ukraine"],
    "fingerprint": "a3d1f0c2b4e59687",
    "id": None,
    "license": None,
    "comments": "",
    "raw_text": LEAD + " " + SECOND,
    "text": WITH_HASHTAGS,
    "language": "fr",
    "image": None,
    "pagetype": "article",
    "filedate": "2022-02-02",
}


def test_the_defaults_fit_trafilatura_json_output(tmp_path):
    path = tmp_path / "trafilatura.jsonl"
    path.write_bytes(jsonl_bytes(TRAFILATURA))
    [doc] = read(path)
    assert doc.text == WITH_HASHTAGS
    assert doc.record == TRAFILATURA["source"]  # its id is null: the URL names the record
    assert doc.title == TRAFILATURA["title"]
    assert (doc.lang, doc.record_number, doc.problems) == ("fr", 1, ())


def test_the_defaults_fit_trafilatura_python_dicts(tmp_path):
    path = tmp_path / "trafilatura-dicts.jsonl"
    path.write_bytes(jsonl_bytes(TRAFILATURA_DICT))
    [doc] = read(path)
    assert (doc.text, doc.record, doc.title, doc.lang) == (
        WITH_HASHTAGS,
        TRAFILATURA_DICT["url"],
        TRAFILATURA_DICT["title"],
        "fr",
    )


def test_trafilatura_and_datatrove_records_on_the_command_line(capsys):
    Path("mixed-tools.jsonl").write_bytes(jsonl_bytes(TRAFILATURA, TRAFILATURA_DICT, DATATROVE))
    findings = check_json(capsys, "mixed-tools.jsonl")[1]
    assert where(findings) == [
        (1, TRAFILATURA["source"], "H001", 2),
        (2, TRAFILATURA_DICT["url"], "H001", 2),
        (3, DATATROVE["id"], "H001", 2),
    ]


def test_the_defaults_fit_datatrove_documents(tmp_path):
    without_id = {**DATATROVE, "id": None}
    path = tmp_path / "datatrove.jsonl"
    path.write_bytes(jsonl_bytes(DATATROVE, without_id))
    first, second = read(path)
    assert first.record == DATATROVE["id"]
    assert second.record == DATATROVE["metadata"]["url"]
    assert [(d.text, d.lang, d.title) for d in (first, second)] == [(WITH_HASHTAGS, "fr", None)] * 2


def test_field_flags_take_dotted_paths(tmp_path):
    record = {
        "article": {"body": WITH_HASHTAGS, "headline": "Blinken et Lavrov"},
        "meta": {"guid": "lm-2022-0201", "lang": "fr-FR"},
        "id": "not-this-one",
        "title": "nor this one",
    }
    path = tmp_path / "custom.jsonl"
    path.write_bytes(jsonl_bytes(record))
    [doc] = read(
        path,
        text_field="article.body",
        title_field="article.headline",
        id_field="meta.guid",
        lang_field="meta.lang",
    )
    assert (doc.text, doc.title, doc.record, doc.lang) == (
        WITH_HASHTAGS,
        "Blinken et Lavrov",
        "lm-2022-0201",
        "fr-FR",
    )
    assert doc.language == "fr"


def test_a_key_that_contains_the_dot_wins_over_the_nested_path(tmp_path):
    path = tmp_path / "flat.jsonl"
    path.write_bytes(
        jsonl_bytes({"text": CLEAN, "metadata.language": "en", "metadata": {"language": "fr"}})
    )
    assert read(path, lang_field="metadata.language")[0].lang == "en"


def test_a_named_id_field_does_not_fall_back_to_the_defaults(tmp_path):
    path = tmp_path / "ids.jsonl"
    path.write_bytes(
        jsonl_bytes({"id": "afp-1", "text": CLEAN}, {"id": "afp-2", "guid": 17, "text": CLEAN})
    )
    assert [d.record for d in read(path, id_field="guid")] == [None, "17"]


def test_the_language_flag_is_the_fallback_of_records_without_one(tmp_path):
    path = tmp_path / "langs.jsonl"
    path.write_bytes(jsonl_bytes({"text": CLEAN}, {"text": CLEAN, "lang": "de"}))
    assert [d.lang for d in read(path, language="fr")] == ["fr", "de"]


@rule(code="ZZL001", name="french-document", severity="warning", languages=["fr"])
def french_document(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Flags every French document (a test rule limited to one language)."""
    yield Violation(0, 0, "French document")


class FrenchOnly:
    @hookimpl
    def newslint_rules(self, settings):
        return [french_document]


def test_field_flags_on_the_command_line(capsys, plugins):
    plugins["french-only"] = FrenchOnly()
    Path("custom.jsonl").write_bytes(
        jsonl_bytes(
            {"article": {"body": WITH_HASHTAGS}, "meta": {"guid": "lm-1", "lang": "fr"}},
            {"article": {"body": CLEAN}, "meta": {"guid": "bbc-2", "lang": "en"}},
            {"article": {"body": CLEAN}, "meta": {"guid": "lm-3", "lang": "fr"}},
        )
    )
    flags = ["--text-field", "article.body", "--id-field", "meta.guid"]
    code, findings = check_json(
        capsys, *flags, "--lang-field", "meta.lang", "custom.jsonl", select="H001,X,ZZL"
    )
    assert code == 1
    assert where(findings) == [
        (1, "lm-1", "ZZL001", 1),
        (1, "lm-1", "H001", 2),
        (3, "lm-3", "ZZL001", 1),
    ]


# --- bad records: one X001 each, at that record, and the run goes on


def bad_records_file() -> tuple[bytes, int]:
    """A JSONL file with every kind of bad record between good ones; returns its bytes and
    the byte offset of the invalid UTF-8 in line 10."""
    latin1 = json.dumps(
        {"id": "afp-10", "text": f"Sergueï Lavrov a démenti.\n{HASHTAGS}\n"}, ensure_ascii=False
    ).encode()
    latin1 = latin1.replace("ï".encode(), b"\xef", 1)  # one byte saved in Latin-1
    lines = [
        json.dumps(RECORDS[0], ensure_ascii=False).encode(),  # 1: H001
        b"",  # 2: blank
        b'{"id": "afp-3", "text": "Moscou d\xc3\xa9ment toute intention',  # 3: cut JSON
        b'["Moscou", "Kiev"]',  # 4: an array
        b"42",  # 5: a number
        json.dumps({"id": "afp-6", "body": LEAD}).encode(),  # 6: no text field
        json.dumps({"id": "afp-7", "text": [LEAD, SECOND]}).encode(),  # 7: a list
        json.dumps({"id": "afp-8", "text": None}).encode(),  # 8: null text
        json.dumps({"id": "afp-9", "text": 2022}).encode(),  # 9: a number
        latin1,  # 10: invalid UTF-8, linted with replacement: X001 and H001
        json.dumps({"id": "afp-11", "text": WITH_REPEAT}, ensure_ascii=False).encode(),
    ]
    return b"\n".join(lines) + b"\n", latin1.index(b"\xef")


def test_each_bad_record_is_an_x001_at_that_record_and_the_run_goes_on(capsys):
    data, bad_byte = bad_records_file()
    Path("scraped.jsonl").write_bytes(data)
    code, findings = check_json(capsys, "scraped.jsonl")
    assert code == 1
    assert [(*w, f["column"]) for w, f in zip(where(findings), findings, strict=True)] == [
        (1, "afp-1", "H001", 2, 1),
        (3, None, "X001", 1, 1),
        (4, None, "X001", 1, 1),
        (5, None, "X001", 1, 1),
        (6, "afp-6", "X001", 1, 1),
        (7, "afp-7", "X001", 1, 1),
        (8, "afp-8", "X001", 1, 1),
        (9, "afp-9", "X001", 1, 1),
        (10, "afp-10", "X001", 1, 1),
        (10, "afp-10", "H001", 2, 1),
        (11, "afp-11", "D001", 3, 1),
    ]
    messages = [f["message"] for f in findings if f["code"] == "X001"]
    assert messages[0].startswith("invalid JSON: ")
    assert messages[1:] == [
        "record is a JSON list, not an object",
        "record is a JSON int, not an object",
        "record has no text field 'text'",
        "record has a list in its text field 'text'",
        "record has no text field 'text'",
        "record has a int in its text field 'text'",
        f"invalid UTF-8 at byte {bad_byte} of the line (replaced)",
    ]
    assert all(f["severity"] == "error" for f in findings)


def test_invalid_utf8_in_a_line_is_linted_with_replacement_characters(tmp_path):
    data, _ = bad_records_file()
    path = tmp_path / "scraped.jsonl"
    path.write_bytes(data)
    doc = next(d for d in read(path) if d.record == "afp-10")
    assert doc.text == f"Sergue\ufffd Lavrov a démenti.\n{HASHTAGS}\n"
    [problem] = doc.problems
    assert problem.code == "X001"


def test_a_text_field_that_is_an_empty_string_is_linted_as_an_empty_article(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(jsonl_bytes({"id": "afp-1", "text": ""}))
    [doc] = read(path)
    assert (doc.text, doc.problems) == ("", ())


def truncated_gzip(records: int) -> bytes:
    data = jsonl_bytes(
        *({"id": f"afp-{n}", "text": f"{LEAD} ({n})\n{HASHTAGS}\n"} for n in range(1, records + 1))
    )
    compressed = gzip.compress(data)
    return compressed[: len(compressed) // 2]


def test_a_truncated_gzip_file_says_where_it_stopped_and_earlier_records_are_linted(capsys):
    Path("cut.jsonl.gz").write_bytes(truncated_gzip(400))
    Path("next.jsonl").write_bytes(jsonl_bytes(*RECORDS))
    code, findings = check_json(capsys, "cut.jsonl.gz", "next.jsonl")
    assert code == 1
    cut = [f for f in findings if f["path"] == "cut.jsonl.gz"]
    *linted, problem = cut
    stopped = re.fullmatch(
        r"cannot read further after line (\d+): Compressed file ended before the "
        r"end-of-stream marker was reached",
        problem["message"],
    )
    assert stopped, problem["message"]
    lines_read = int(stopped[1])
    assert 0 < lines_read < 400
    assert (problem["code"], problem["record_number"], problem["record"]) == (
        "X001",
        lines_read + 1,
        None,
    )
    assert where(linted) == [(n, f"afp-{n}", "H001", 2) for n in range(1, lines_read + 1)]
    assert where(f for f in findings if f["path"] == "next.jsonl") == EXPECTED


def test_a_gz_file_that_is_not_gzip_is_an_x001_at_the_start(capsys):
    Path("plain.jsonl.gz").write_bytes(jsonl_bytes(*RECORDS))
    findings = check_json(capsys, "plain.jsonl.gz")[1]
    assert where(findings) == [(1, None, "X001", 1)]
    assert findings[0]["message"].startswith("cannot read further at the start: ")


def test_a_truncated_zstd_file_is_an_x001(capsys):
    compressed = zstandard.ZstdCompressor().compress(jsonl_bytes(*RECORDS))
    Path("cut.jsonl.zst").write_bytes(compressed[: len(compressed) * 2 // 3])
    code, findings = check_json(capsys, "cut.jsonl.zst")
    assert code == 1
    assert [f["code"] for f in findings][-1:] == ["X001"]
    assert findings[-1]["message"].startswith("cannot read further ")


def test_a_corrupt_zstd_file_is_an_x001_and_the_next_file_is_linted(capsys):
    Path("corrupt.jsonl.zst").write_bytes(b"this was never zstd\n" * 4)
    Path("next.jsonl").write_bytes(jsonl_bytes(*RECORDS))
    code, out, err = run(
        capsys, "check", "--format", "json", "--select", SELECT, "corrupt.jsonl.zst", "next.jsonl"
    )
    assert (code, err) == (1, "")
    findings = json.loads(out)
    assert (findings[0]["path"], findings[0]["code"]) == ("corrupt.jsonl.zst", "X001")
    assert where(findings[1:]) == EXPECTED


def test_a_jsonl_file_with_a_byte_order_mark_is_read(capsys):
    Path("windows.jsonl").write_bytes(b"\xef\xbb\xbf" + jsonl_bytes(*RECORDS))
    assert where(check_json(capsys, "windows.jsonl")[1]) == EXPECTED


# --- every finding names its record


def test_text_output_names_the_record_as_path_number_and_sanitised_id(capsys):
    Path("mixed.jsonl").write_bytes(
        jsonl_bytes(
            {"id": "afp-1", "text": WITH_HASHTAGS},
            {"text": WITH_HASHTAGS},  # no id
            DATATROVE,  # "<urn:uuid:...>": colons
            {"id": "lemonde 2022/02/01 [live]", "text": WITH_REPEAT},  # spaces, brackets
            {"id": "x:1\t2\n3", "text": WITH_HASHTAGS},  # tab and line break
        )
    )
    code, out, _ = run(capsys, "check", "--select", SELECT, "mixed.jsonl")
    assert code == 1
    *lines, summary, fixable = out.splitlines()
    assert summary == "Found 5 findings (5 errors) in 5 documents."
    assert fixable == "[*] 5 fixable with the --fix option."
    parsed = [LOCATED.match(line) for line in lines]
    assert all(parsed), lines
    assert [
        (m["path"], m["number"], m["id"], m["line"], m["column"], m["code"]) for m in parsed
    ] == [
        ("mixed.jsonl", "1", "afp-1", "2", "1", "H001"),
        ("mixed.jsonl", "2", None, "2", "1", "H001"),
        ("mixed.jsonl", "3", "<urn_uuid_6a8657e1-0b45-4e5a-9d6c-3f6a0f0b7a21>", "2", "1", "H001"),
        ("mixed.jsonl", "4", "lemonde_2022/02/01__live_", "3", "1", "D001"),
        ("mixed.jsonl", "5", "x_1_2_3", "2", "1", "H001"),
    ]
    assert lines[1] == "mixed.jsonl#2:2:1: H001 [*] line of 4 hashtags, not article text"


def test_json_output_keeps_the_raw_id_and_the_record_number(capsys):
    Path("mixed.jsonl").write_bytes(
        jsonl_bytes({"text": WITH_HASHTAGS}, DATATROVE, {"id": 2022, "text": WITH_REPEAT})
    )
    findings = check_json(capsys, "mixed.jsonl")[1]
    assert [(f["record"], f["record_number"]) for f in findings] == [
        (None, 1),
        (DATATROVE["id"], 2),
        ("2022", 3),
    ]


def test_a_plain_text_file_has_no_record_fields(capsys):
    Path("article.txt").write_text(WITH_HASHTAGS, encoding="utf-8")
    [finding] = check_json(capsys, "article.txt")[1]
    assert (finding["record"], finding["record_number"], finding["line"]) == (None, None, 2)
    _, out, _ = run(capsys, "check", "--select", SELECT, "article.txt")
    assert out.splitlines()[0] == "article.txt:2:1: H001 [*] line of 4 hashtags, not article text"


def test_a_long_id_is_shortened_in_text_output(capsys):
    url = "https://www.lefigaro.fr/international/" + "ukraine-" * 20 + "20220201"
    Path("long.jsonl").write_bytes(jsonl_bytes({"id": url, "text": WITH_HASHTAGS}))
    _, out, _ = run(capsys, "check", "--select", SELECT, "long.jsonl")
    match = LOCATED.match(out.splitlines()[0])
    assert match
    assert match["id"] == url.replace(":", "_")[:80]
