"""One corpus, every way to run newslint on it: the command line (``--jobs 1``), the
Python API, Ray Data on a local Ray of 2 CPUs, a datatrove pipeline and a ``datasets``
map give the same findings (docs/scaling-out.md; its recipes run as programs in
tests/test_docs.py)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED, import_extra
from conftest import run_cli as run

from newslint.checking.checker import Checker

CORPUS = SHARED / "corpus" / "aeb.jsonl"
#: What identifies a finding in every path (datatrove and datasets have no file path or
#: record number: the record id stands for both).
KEY = ("record", "line", "column", "end_line", "end_column", "code", "severity", "message")


@pytest.fixture(autouse=True)
def _shared_corpus(aeb_corpus: Path) -> None:
    """Every test here reads the shared corpus."""


def keyed(findings: Iterable[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(tuple(finding[k] for k in KEY) for finding in findings)


#: What the corpus rules find in :func:`corpus_with_copies`, by code.
CORPUS_FINDINGS = {"C001": 1, "C002": 1, "C003": 6}
NEWSLETTER = "Sign up for our morning newsletter to get the day's top stories first."


def corpus_with_copies(path: Path) -> Path:
    """The shared corpus with what the corpus rules are for: an exact copy, a near copy
    (a paragraph less, another id) and six articles of one site ending with its
    newsletter box."""
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    exact = {**records[2], "id": "copy-of-3", "url": "https://mirror.example.net/a"}
    paragraphs = records[9]["text"].split("\n")
    near = {**records[9], "id": "near-10", "url": "https://aggregator.example.com/b"}
    near["text"] = "\n".join(p for i, p in enumerate(paragraphs) if i != len(paragraphs) // 2)
    for n in range(20, 26):  # six articles become one site's, its box under each
        records[n] = {
            **records[n],
            "url": f"https://news.example.org/{n}",
            "text": f"{records[n]['text']}\n{NEWSLETTER}",
        }
    lines = [json.dumps(r, ensure_ascii=False) for r in (*records, exact, near)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_every_path_gives_the_same_findings_corpus_rules_included(
    local_ray, cli_plugins, capsys, tmp_path, offline_hub
):
    corpus = corpus_with_copies(tmp_path / "corpus.jsonl")
    cli = json.loads(run(capsys, "check", str(corpus), "--jobs", "1", "--format", "json")[1])
    assert len({f["record"] for f in cli}) > 50  # many articles have findings to compare
    found = Counter(f["code"] for f in cli if f["code"].startswith("C"))
    assert found == CORPUS_FINDINGS

    _, two_jobs, _ = run(capsys, "check", str(corpus), "--jobs", "2", "--format", "json")
    assert json.loads(two_jobs) == cli

    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    api = [
        f.to_dict() for _, fs in Checker().check_records(records, source=str(corpus)) for f in fs
    ]
    assert api == cli  # paths and record numbers too

    _, out, _ = run(
        capsys, "check", str(corpus), "--engine", "ray", "--jobs", "2", "--format", "json"
    )
    assert json.loads(out) == cli

    # The pipeline steps see one record at a time: no corpus rules, the rest the same...
    per_record = [f for f in cli if not f["code"].startswith("C")]
    assert keyed(datatrove_findings(corpus, tmp_path / "datatrove")) == keyed(per_record)
    assert keyed(datasets_findings(corpus, tmp_path / "hf-cache")) == keyed(per_record)


def test_the_pipeline_steps_refuse_corpus_rules_selected_by_name():
    import_extra("datatrove", "datatrove")
    from newslint.errors import UsageError
    from newslint.integrations.datasets import NewslintColumns
    from newslint.integrations.datatrove import NewslintAnnotator, NewslintFilter

    for make in (
        lambda: NewslintAnnotator({"select": ["C"]}),
        lambda: NewslintFilter({"extend-select": ["C001"]}),
        lambda: NewslintColumns(Checker({"select": ["D", "C002"]})),
    ):
        with pytest.raises(
            UsageError, match=r"C00.*compare an article with the rest of its corpus"
        ):
            make()
    NewslintAnnotator({"select": ["ALL"]})  # every rule: the corpus rules stay out quietly


def datatrove_findings(corpus: Path, folder: Path) -> list[dict[str, Any]]:
    """The README's datatrove recipe with the annotator: findings from the metadata."""
    import_extra("datatrove", "datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from newslint.integrations.datatrove import NewslintAnnotator

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(corpus.parent), glob_pattern=corpus.name),
            NewslintAnnotator(),
            JsonlWriter(str(folder / "out"), compression=None),
        ],
        tasks=1,
        logging_dir=str(folder / "logs"),
    ).run()
    lines = [line for path in sorted((folder / "out").glob("*.jsonl")) for line in path.open()]
    return [f for line in lines for f in json.loads(line)["metadata"]["newslint_findings"]]


def datasets_findings(corpus: Path, cache: Path) -> list[dict[str, Any]]:
    """The README's datasets recipe."""
    datasets = import_extra("datasets", "datasets")
    from newslint.integrations.datasets import NewslintColumns

    corpus = datasets.load_dataset(
        "json", data_files=str(corpus), split="train", cache_dir=str(cache)
    )
    annotated = (
        corpus.with_format("arrow")
        .map(NewslintColumns(Checker()), batched=True, batch_size=64)
        .with_format(None)
    )
    return [f for findings in annotated["newslint_findings"] for f in findings]
