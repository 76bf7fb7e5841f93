"""One corpus, every way to run newslint on it: the command line (``--jobs 1``), the
Python API, Ray Data on a local Ray of 2 CPUs, a datatrove pipeline and a ``datasets``
map give the same findings (docs/scaling-out.md; its recipes run as programs in
tests/test_docs.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED, import_extra
from conftest import run_cli as run

from newslint.api import Checker

CORPUS = SHARED / "corpus" / "aeb.jsonl"
#: What identifies a finding in every path (datatrove and datasets have no file path or
#: record number: the record id stands for both).
KEY = ("record", "line", "column", "end_line", "end_column", "code", "severity", "message")


@pytest.fixture(autouse=True)
def _shared_corpus(aeb_corpus: Path) -> None:
    """Every test here reads the shared corpus."""


def keyed(findings: Iterable[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(tuple(finding[k] for k in KEY) for finding in findings)


def test_every_path_gives_the_same_findings_on_the_shared_corpus(
    local_ray, cli_plugins, capsys, tmp_path, offline_hub
):
    cli = json.loads(run(capsys, "check", str(CORPUS), "--jobs", "1", "--format", "json")[1])
    assert len({f["record"] for f in cli}) > 50  # many articles have findings to compare

    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    api = [
        f.to_dict() for _, fs in Checker().check_records(records, source=str(CORPUS)) for f in fs
    ]
    assert api == cli  # paths and record numbers too

    _, out, _ = run(
        capsys, "check", str(CORPUS), "--engine", "ray", "--jobs", "2", "--format", "json"
    )
    assert json.loads(out) == cli

    assert keyed(datatrove_findings(tmp_path / "datatrove")) == keyed(cli)
    assert keyed(datasets_findings(tmp_path / "hf-cache")) == keyed(cli)


def datatrove_findings(folder: Path) -> list[dict[str, Any]]:
    """The README's datatrove recipe with the annotator: findings from the metadata."""
    import_extra("datatrove", "datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from newslint.integrations.datatrove import NewslintAnnotator

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(CORPUS.parent), glob_pattern=CORPUS.name),
            NewslintAnnotator(),
            JsonlWriter(str(folder / "out"), compression=None),
        ],
        tasks=1,
        logging_dir=str(folder / "logs"),
    ).run()
    lines = [line for path in sorted((folder / "out").glob("*.jsonl")) for line in path.open()]
    return [f for line in lines for f in json.loads(line)["metadata"]["newslint_findings"]]


def datasets_findings(cache: Path) -> list[dict[str, Any]]:
    """The README's datasets recipe."""
    datasets = import_extra("datasets", "datasets")
    from newslint.integrations.datasets import NewslintColumns

    corpus = datasets.load_dataset(
        "json", data_files=str(CORPUS), split="train", cache_dir=str(cache)
    )
    annotated = (
        corpus.with_format("arrow")
        .map(NewslintColumns(Checker()), batched=True, batch_size=64)
        .with_format(None)
    )
    return [f for findings in annotated["newslint_findings"] for f in findings]
