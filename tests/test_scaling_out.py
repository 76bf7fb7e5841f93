"""One corpus, every way to run newslint on it: the command line (``--jobs 1``), the
Python API, Ray Data on a local Ray of 2 CPUs, a datatrove pipeline and a ``datasets``
map give the same findings (README: Scaling out)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
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


def scaling_out_recipes() -> dict[str, str]:
    """The Python blocks of README's "Scaling out" section, by the module they use."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Scaling out", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    names = ("newslint.engines", "datatrove", "datasets")
    return {name: next(b for b in blocks if name in b.split("\n\n")[0]) for name in names}


def test_the_scaling_out_recipes_of_the_readme_run_as_written(
    local_ray, offline_hub, tmp_path, monkeypatch
):
    import_extra("datatrove", "datatrove")
    import_extra("datasets", "datasets")
    recipes = scaling_out_recipes()
    monkeypatch.chdir(tmp_path)
    for folder in ("data", "corpus"):
        Path(folder).mkdir()
        shutil.copy(CORPUS, Path(folder) / "corpus.jsonl")
    shutil.copy(CORPUS, "corpus.jsonl")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))
    expected = [f for _, fs in Checker().check_records(json_records()) for f in fs]

    ray_recipe: dict[str, Any] = {}
    exec(recipes["newslint.engines"], ray_recipe)
    assert ray_recipe["totals"].documents == 181
    assert sum(ray_recipe["totals"].by_severity().values()) == len(expected)
    assert sorted(Path("findings").glob("part-*.parquet"))

    exec(recipes["datatrove"], {})
    kept, rejected = (read_gzip_jsonl(Path(folder)) for folder in ("kept", "rejected"))
    errors = {f.record for f in expected if f.severity.value == "error"}
    assert ({d["id"] for d in rejected}, len(kept) + len(rejected)) == (errors, 181)

    datasets_recipe: dict[str, Any] = {}
    exec(recipes["datasets"], datasets_recipe)
    assert len(datasets_recipe["kept"]) == 181 - len(errors)


def json_records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def read_gzip_jsonl(folder: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted(folder.glob("*.jsonl.gz"))
        for line in gzip.open(path, "rt", encoding="utf-8")
    ]
