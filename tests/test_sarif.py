"""SARIF for code scanning: partialFingerprints, columnKind, percent-encoded URIs, the
rules' full help text, and Microsoft's SARIF multitool finding no error in the log.

The multitool comes from npm (``npm ci --prefix tests/tools``, which .ci/run does);
elsewhere the multitool test skips when Node or the package is missing (under .ci/run
a skip is a failure)."""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from conftest import NODE_TOOLS, require_tool, run_cli

from newslint.io.formatters.sarif import FINGERPRINT_KEY, artifact_uri

#: File names a scraped corpus really has, with every character a URI must encode.
AWKWARD_NAMES = ["dépêche AFP.txt", "100% vrai.txt", "n°#3, suite.txt", "北京 日报.md"]
ARTICLE = (
    "Sergueï Lavrov a démenti toute intention belliqueuse.\n"
    "#Blinkenexhorte #Lavrovretirer #immédiatement #troupes #russesfrontière\n"
    "Les États-Unis ont reconnu mardi qu'ils n'avaient pas réussi à obtenir la promesse.\n"
)


def sarif_and_json(capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[Any, Any]:
    code, out, err = run_cli(capsys, "check", *paths, "--format", "sarif")
    assert code == 1, err
    code, records, err = run_cli(capsys, "check", *paths, "--format", "json")
    return json.loads(out), json.loads(records)


@pytest.fixture
def awkward_files(cli_plugins, tmp_path: Path) -> list[str]:
    for name in AWKWARD_NAMES:
        (tmp_path / "dossier #1").mkdir(exist_ok=True)
        (tmp_path / "dossier #1" / name).write_text(ARTICLE, encoding="utf-8")
    return [f"dossier #1/{name}" for name in AWKWARD_NAMES]


def test_uris_are_percent_encoded_and_decode_to_the_path(capsys, awkward_files):
    log, _ = sarif_and_json(capsys, *awkward_files)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {artifact_uri(path) for path in awkward_files}
    for uri in uris:
        assert not set(uri) & set(" #,%") - {"%"} and uri.isascii()
        assert urllib.parse.unquote(uri) in awkward_files
    assert artifact_uri("dossier #1/100% vrai.txt") == "dossier%20%231/100%25%20vrai.txt"


def test_an_absolute_path_is_a_file_uri():
    assert artifact_uri("/corpus/dépêche 1.txt") == "file:///corpus/d%C3%A9p%C3%AAche%201.txt"


def test_partial_fingerprints_carry_newslints_fingerprint(capsys, awkward_files):
    log, records = sarif_and_json(capsys, *awkward_files)
    fingerprints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in log["runs"][0]["results"]]
    assert fingerprints == [r["fingerprint"] for r in records]
    assert all(fingerprints)


def test_rules_carry_their_full_help_and_no_help_uri(capsys, awkward_files):
    # There is no web page per rule to point helpUri at: the full documentation is the help.
    log, _ = sarif_and_json(capsys, *awkward_files)
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert all("helpUri" not in rule for rule in rules.values())
    assert "What it flags" in rules["H001"]["help"]["text"]
    assert "Why it matters" in rules["H001"]["help"]["text"]


def multitool() -> Path:
    """The SARIF multitool's native binary, from the npm package in tests/tools."""
    node = shutil.which("node")
    package = NODE_TOOLS / "node_modules" / "@microsoft" / "sarif-multitool"
    require_tool(
        node is not None and package.is_dir(),
        "Node.js and the npm package @microsoft/sarif-multitool",
        "npm ci --prefix tests/tools",
    )
    assert node is not None
    # The package's index.js names the binary of this platform.
    where = subprocess.run(
        [node, "-p", "require('@microsoft/sarif-multitool')"],
        cwd=NODE_TOOLS,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return Path(where.stdout.strip())


@pytest.mark.parametrize("unit", ["char", "utf-16"])
def test_the_sarif_multitool_finds_no_error(capsys, awkward_files, tmp_path, example_article, unit):
    tool = multitool()
    paths = [*awkward_files, str(example_article)]
    code, out, err = run_cli(capsys, "check", *paths, "--format", "sarif", "--column-unit", unit)
    assert code == 1, err
    log = tmp_path / "newslint.sarif"
    log.write_text(out, encoding="utf-8")
    report = tmp_path / "validation.sarif"
    subprocess.run(
        [str(tool), "validate", str(log), "--output", str(report), "--log", "ForceOverwrite"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    results = json.loads(report.read_text(encoding="utf-8-sig"))["runs"][0]["results"]
    # Errors and warnings; notes are advice (message ids, snippets, PascalCase names).
    problems = [
        f"{r['ruleId']}: {r['message']}" for r in results if r.get("level", "warning") != "note"
    ]
    assert problems == []
    assert len(json.loads(out)["runs"][0]["results"]) > 15
