"""newslint's datatrove steps (``newslint.integrations.datatrove``): the annotator's
metadata, and the filter in a LocalPipelineExecutor and in datatrove's Ray executor."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED, import_extra

from newslint.checking.checker import Checker

CORPUS = SHARED / "corpus" / "aeb.jsonl"


@pytest.fixture
def datatrove() -> Any:
    return import_extra("datatrove", "datatrove")


@pytest.fixture(autouse=True)
def _shared_corpus(aeb_corpus: Path) -> None:
    """Every test here reads the shared corpus."""


def read_folder(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.open()]


def test_the_annotator_adds_findings_counts_by_family_and_the_worst_severity(datatrove):
    from datatrove.data import Document

    from newslint.integrations.datatrove import NewslintAnnotator

    lead = "Washington a admis ne pas avoir obtenu les engagements russes de désamorcer."
    docs = [
        Document(
            text=f"{lead}\n{lead}\nLire aussi : la suite", id="dirty", metadata={"lang": "fr"}
        ),
        Document(text="Le ministre a parlé au téléphone mardi soir.", id="clean"),
    ]
    dirty, clean = NewslintAnnotator({"select": ["D", "B001"]}).run(iter(docs))
    assert dirty.metadata["newslint_counts"] == {"B": 1, "D": 1}
    severities = {f["code"]: f["severity"] for f in dirty.metadata["newslint_findings"]}
    assert dirty.metadata["newslint_worst"] == severities["D001"] == "error"  # B001 a warning
    assert [f["code"] for f in dirty.metadata["newslint_findings"]] == ["D001", "B001"]
    assert [f["record"] for f in dirty.metadata["newslint_findings"]] == ["dirty", "dirty"]
    assert (clean.metadata["newslint_counts"], clean.metadata["newslint_worst"]) == ({}, None)
    assert dirty.metadata["lang"] == "fr" and dirty.text.startswith(lead)  # nothing else changes


def test_settings_are_checked_when_the_step_is_built(datatrove):
    from newslint.errors import ConfigError
    from newslint.integrations.datatrove import NewslintFilter

    with pytest.raises(ConfigError):
        NewslintFilter({"options": {"D999": {}}})


def filter_pipeline(folder: Path) -> list[Any]:
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from newslint.integrations.datatrove import NewslintFilter

    return [
        JsonlReader(str(CORPUS.parent), glob_pattern=CORPUS.name),
        NewslintFilter(
            level="error",
            exclusion_writer=JsonlWriter(str(folder / "rejected"), compression=None),
        ),
        JsonlWriter(str(folder / "kept"), compression=None),
    ]


def expected_split() -> tuple[set[str], set[str]]:
    """(kept ids, rejected ids): rejected are the records with an error finding."""
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    rejected = {
        record["id"]
        for record, findings in Checker().check_records(records)
        if any(f.severity.value == "error" for f in findings)
    }
    return {r["id"] for r in records} - rejected, rejected


def test_the_filter_in_a_local_pipeline_drops_documents_with_errors_to_the_exclusion_writer(
    datatrove, tmp_path
):
    from datatrove.executor import LocalPipelineExecutor

    LocalPipelineExecutor(
        pipeline=filter_pipeline(tmp_path), tasks=1, logging_dir=str(tmp_path / "logs")
    ).run()
    kept, rejected = read_folder(tmp_path / "kept"), read_folder(tmp_path / "rejected")
    assert ({d["id"] for d in kept}, {d["id"] for d in rejected}) == expected_split()
    assert rejected and all(d["metadata"]["newslint_worst"] == "error" for d in rejected)
    assert all(d["metadata"]["filter_reason"].startswith("newslint_") for d in rejected)
    assert all(d["metadata"]["newslint_worst"] != "error" for d in kept)


def test_the_filter_runs_in_datatroves_ray_executor(datatrove, local_ray, tmp_path):
    try:
        from datatrove.executor.ray import RayPipelineExecutor
    except ImportError as exc:  # older datatrove releases have no Ray executor
        pytest.skip(f"this datatrove has no Ray executor: {exc}")
    RayPipelineExecutor(
        pipeline=filter_pipeline(tmp_path),
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
        mem_per_cpu_gb=1,
    ).run()
    kept, rejected = read_folder(tmp_path / "kept"), read_folder(tmp_path / "rejected")
    assert ({d["id"] for d in kept}, {d["id"] for d in rejected}) == expected_split()
