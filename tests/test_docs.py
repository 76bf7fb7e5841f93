"""The documentation tells the truth: the README's example output (and every ``console``
block of the docs) is what the program prints, byte for byte; the rules' pages are what
the rules' own documentation makes; every ``python`` block is a program that runs as a
user runs it (``python file.py``, in an empty folder); the site builds in strict mode;
every page is two clicks from the README; the README stays short; the tests the
guarantees name exist."""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import REPO

from newslint.checking.checker import Checker

DOCS = REPO / "docs"


def load(name: str) -> ModuleType:
    """A script of docs/ (they are not a package)."""
    spec = importlib.util.spec_from_file_location(name, DOCS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


console_blocks = load("console_blocks")
rule_pages = load("rule_pages")


# --- outputs shown are outputs printed


def _differences(page: Path) -> list[str]:
    wrong = []
    for block in console_blocks.blocks(page):
        for command, actual in zip(block.commands, console_blocks.run(block), strict=True):
            if actual != command.shown:
                wrong.append(
                    f"{block.where()}: `{command.command}` prints\n{actual}\n"
                    f"but the page shows\n{command.shown}"
                    "(python docs/console_blocks.py --update writes the real output)"
                )
    return wrong


def test_the_readme_example_output_is_the_programs_byte_for_byte():
    blocks = list(console_blocks.blocks(REPO / "README.md"))
    commands = [c.command for block in blocks for c in block.commands]
    assert "newslint check examples/fr-blinken-lavrov.txt" in commands
    assert _differences(REPO / "README.md") == []


@pytest.mark.parametrize(
    "page",
    [p for p in console_blocks.pages() if p.parent != REPO and list(console_blocks.blocks(p))],
    ids=lambda p: str(p.relative_to(DOCS)),
)
def test_every_console_block_of_the_docs_is_the_programs_output(page):
    assert _differences(page) == []


def test_the_rule_pages_are_what_the_rules_document():
    assert rule_pages.stale() == [], "run python docs/rule_pages.py"
    rules = list(Checker(load_entry_points=False).registry)
    for rule in rules:
        page = (DOCS / "rules" / f"{rule.code}.md").read_text(encoding="utf-8")
        assert f"# {rule.code} {rule.name}" in page
        assert rule.doc.strip().split("\n")[0].strip() in page


def test_a_changed_rule_documentation_makes_its_page_stale(tmp_path, monkeypatch):
    folder = tmp_path / "rules"
    rule_pages.write(folder)
    assert rule_pages.stale(folder) == []
    page = folder / "D001.md"
    page.write_text(page.read_text(encoding="utf-8").replace("word for word", "verbatim"))
    (folder / "Z999.md").write_text("a rule that is gone\n", encoding="utf-8")
    assert rule_pages.stale(folder) == ["D001.md", "Z999.md"]


# --- programs run as written


def python_blocks() -> list[tuple[str, str]]:
    """(page:line, code) of every ``python`` block of the README and the docs."""
    found = []
    for page in console_blocks.pages():
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"^```python\n(.*?)^```$", text, re.M | re.S):
            line = text[: match.start()].count("\n") + 1
            found.append((f"{page.relative_to(REPO)}:{line}", match[1]))
    return found


@pytest.mark.parametrize(("where", "code"), python_blocks(), ids=[w for w, _ in python_blocks()])
def test_every_python_block_runs_as_a_program(where, code, tmp_path):
    """Written to a file and run as ``python recipe.py`` in an empty folder, with its
    inputs defined in the block: a recipe that needs ``if __name__ == "__main__":`` (any
    that starts processes by spawn or forkserver) fails here without it."""
    recipe = tmp_path / "recipe.py"
    recipe.write_text(code, encoding="utf-8")
    env = {
        **os.environ,
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_CACHE": str(tmp_path / "hf-cache"),
        "RAY_USAGE_STATS_ENABLED": "0",
    }
    env.pop("RAY_ADDRESS", None)
    done = _run_program(recipe, env, timeout=600)
    assert done.returncode == 0, f"{where}\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    _check_results(code, tmp_path, done.stdout)


def _run_program(
    path: Path, env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    """``python PATH`` in its folder, in a session of its own: a program that hangs (as
    a datatrove pipeline without its main guard does) is killed with every process it
    started, and fails the test."""
    process = subprocess.Popen(
        [sys.executable, path.name],
        cwd=path.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        pytest.fail(f"{path.name} did not finish in {timeout} s\n{stderr[-4000:]}")
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _check_results(code: str, folder: Path, stdout: str) -> None:
    """What the scaling-out recipes must have produced, from the records they wrote."""
    inputs = sorted(folder.glob("*.jsonl")) + sorted(folder.glob("*/*.jsonl"))
    records = [json.loads(line) for path in inputs for line in path.read_text().splitlines()]
    errors = {
        record["id"]
        for record, findings in Checker().check_records(records)
        if any(f.severity.value == "error" for f in findings)
    }
    if "newslint_ray" in code:
        assert sorted((folder / "findings").glob("part-*.parquet"))
        assert (folder / "findings" / "_SUCCESS").exists()
        assert stdout.split()[0] == str(len(records))
    if "datatrove" in code:
        kept, rejected = (_gzip_jsonl(folder / name) for name in ("kept", "rejected"))
        assert errors and {d["id"] for d in rejected} == errors
        assert len(kept) + len(rejected) == len(records)
    if "integrations.datasets" in code:
        assert f"{len(records) - len(errors)} of {len(records)} articles kept" in stdout


def _gzip_jsonl(folder: Path) -> list[dict]:
    return [
        json.loads(line)
        for path in sorted(folder.glob("*.jsonl.gz"))
        for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    ]


# --- the site, and finding one's way


def test_the_site_builds_in_strict_mode(tmp_path):
    pytest.importorskip("mkdocs", reason="the docs extra: pip install '.[docs]'")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert (tmp_path / "rules" / "D001" / "index.html").is_file()
    assert (tmp_path / "tutorial" / "index.html").is_file()


def _links(page: Path) -> set[Path]:
    """The pages of docs/ that ``page`` links to."""
    text = re.sub(r"^```.*?^```$", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    found = set()
    for target in re.findall(r"\]\(([^)#\s]+\.md)(?:#[\w-]+)?\)", text):
        path = (page.parent / target).resolve()
        if path.is_file() and DOCS in path.parents:
            found.add(path)
    return found


def test_every_page_is_within_two_clicks_of_the_readme():
    first = _links(REPO / "README.md")
    second = {target for page in first for target in _links(page)}
    pages = {p.resolve() for p in DOCS.rglob("*.md")}
    assert pages - first - second == set()


def test_the_readme_is_short_and_links_every_topic():
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    assert 100 <= len(lines) <= 200
    topics = ("tutorial", "configuration", "corpus", "report", "editors", "ci")
    linked = {p.stem for p in _links(REPO / "README.md")}
    assert set(topics) <= linked


def test_every_test_the_guarantees_name_exists():
    text = (DOCS / "guarantees.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_\w+)`", text))
    defined = {
        match
        for path in (REPO / "tests").rglob("test_*.py")
        for match in re.findall(r"^def (test_\w+)\(", path.read_text(encoding="utf-8"), re.M)
    }
    assert len(named) >= 25
    assert named <= defined, sorted(named - defined)
