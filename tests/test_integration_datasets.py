"""The ``datasets`` recipe (``newslint.integrations.datasets``): a batched map over a
local JSONL corpus, offline, in worker processes too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED, import_extra

from newslint.checking.checker import Checker

CORPUS = SHARED / "corpus" / "aeb.jsonl"


@pytest.fixture(autouse=True)
def _shared_corpus(aeb_corpus: Path) -> None:
    """Every test here reads the shared corpus."""


def test_the_batched_map_adds_typed_columns_in_worker_processes(offline_hub, tmp_path):
    datasets = import_extra("datasets", "datasets")
    from newslint.integrations.datasets import NewslintColumns

    corpus = datasets.load_dataset(
        "json", data_files=str(CORPUS), split="train", cache_dir=str(tmp_path)
    )
    checker = Checker()
    annotated = (
        corpus.with_format("arrow")
        .map(NewslintColumns(checker), batched=True, batch_size=50, num_proc=2)
        .with_format(None)
    )
    assert annotated.column_names == [
        *corpus.column_names,
        "newslint_findings",
        "newslint_worst",
        "newslint_families",
    ]
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    expected = [[f.to_dict() for f in fs] for _, fs in checker.check_records(records)]
    got = annotated["newslint_findings"]
    strip = ("path", "record_number")
    assert [[{k: v for k, v in f.items() if k not in strip} for f in fs] for fs in got] == [
        [{k: v for k, v in f.items() if k not in strip} for f in fs] for fs in expected
    ]
    worst = annotated["newslint_worst"]
    assert set(worst) <= {None, "info", "warning", "error"} and "error" in worst
    assert all(
        fams == sorted({f["code"][0] for f in fs})
        for fams, fs in zip(annotated["newslint_families"], got, strict=True)
    )
    kept = annotated.filter(lambda row: row["newslint_worst"] != "error")
    assert len(kept) == sum(1 for w in worst if w != "error")
