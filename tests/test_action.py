"""The GitHub Action (action.yml), and the problem matcher that reads the text format
(.github/matchers/newslint.json, for workflows and editor tasks that run newslint
themselves).

The action's shell steps run here as GitHub runs them (``bash -eo pipefail``, inputs and
``github.action_path`` substituted, ``$GITHUB_OUTPUT`` a file, each step's ``if:``
evaluated), in a throwaway venv that installs newslint from the action's own checkout;
the upload step is a ``uses:`` step, checked for what it would be given.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, ChildVenv, cli_json, readme_snippet, run_cli

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
MATCHER = json.loads((REPO / ".github" / "matchers" / "newslint.json").read_text(encoding="utf-8"))
EXAMPLE = REPO / "examples" / "fr-blinken-lavrov.txt"


def test_the_action_has_the_keys_github_requires():
    assert {"name", "description", "inputs", "runs"} <= set(ACTION)
    assert ACTION["runs"]["using"] == "composite"
    assert {"args", "version", "sarif", "sarif-file"} <= set(ACTION["inputs"])
    for name, spec in ACTION["inputs"].items():
        assert spec["description"], name
        assert "default" in spec, name
    for step in ACTION["runs"]["steps"]:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step["shell"] == "bash", step["name"]
    assert ACTION["outputs"]["exit-code"]["value"] == "${{ steps.check.outputs.exit-code }}"


# --- the problem matcher


def test_the_matcher_declares_one_pattern_for_the_text_format():
    [matcher] = MATCHER["problemMatcher"]
    assert matcher["owner"] == "newslint"
    [pattern] = matcher["pattern"]
    assert {pattern[k] for k in ("file", "line", "column", "code", "message")} == {1, 2, 3, 4, 5}


def matcher_regex() -> re.Pattern[str]:
    return re.compile(MATCHER["problemMatcher"][0]["pattern"][0]["regexp"])


def test_the_matcher_captures_every_line_of_the_examples_output(capsys, cli_plugins, tmp_path):
    article = tmp_path / "articles dir" / "fr-blinken-lavrov.txt"
    article.parent.mkdir()
    article.write_bytes(EXAMPLE.read_bytes())
    code, out, _ = run_cli(capsys, "check", str(article), "--column-unit", "utf-16")
    assert code == 1
    _, records, _ = run_cli(capsys, "check", str(article), "--output-format", "json")
    *lines, summary, fixable = out.splitlines()
    pattern, spec = matcher_regex(), MATCHER["problemMatcher"][0]["pattern"][0]
    captured = []
    for line in lines:
        match = pattern.match(line)
        assert match, line
        captured.append(
            (
                match[spec["file"]],
                int(match[spec["line"]]),
                int(match[spec["column"]]),
                match[spec["code"]],
                match[spec["message"]],
            )
        )
    assert captured == [
        (str(article), r["line"], r["column"], r["code"], r["message"]) for r in json.loads(records)
    ]
    # the summary lines are not problems
    assert not pattern.match(summary) and not pattern.match(fixable)


# --- the steps, run as a script


def substitute(text: str, context: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        return str(lookup(match[1].strip(), context))

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def lookup(expression: str, context: dict[str, Any]) -> Any:
    node: Any = context
    for part in expression.split("."):
        node = node.get(part, "")  # as in GitHub: an output never set is ''
    return node


def condition(expression: str | None, context: dict[str, Any]) -> bool:
    """The few ``if:`` forms the action uses: comparisons of inputs and step outputs
    joined by ``&&``, and ``always()``."""
    if expression is None:
        return True
    python = expression.replace("&&", " and ").replace("always()", "True")
    python = re.sub(
        r"\b(inputs\.[\w-]+|steps\.[\w-]+\.outputs\.[\w-]+)",
        lambda m: repr(str(lookup(m[1], context))),
        python,
    )
    assert re.fullmatch(r"[\s\w'!=\-.]+", python), f"unsupported if: {expression}"
    return bool(eval(python))  # the action's own, checked expression


def run_action(inputs: dict[str, str], workspace: Path, venv: Any) -> list[tuple[str, Any]]:
    """Run the steps; returns (step name, completed process or the ``with:`` of a
    ``uses:`` step) for each step that runs."""
    context: dict[str, Any] = {
        "inputs": {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()},
        "github": {"action_path": str(REPO)},
        "steps": {},
    }
    context["inputs"].update(inputs)
    ran: list[tuple[str, Any]] = []
    for step in ACTION["runs"]["steps"]:
        if not condition(step.get("if"), context):
            continue
        if "uses" in step:
            with_ = {k: substitute(str(v), context) for k, v in step.get("with", {}).items()}
            ran.append((step["name"], (step["uses"], with_)))
            continue
        output = workspace / f"github-output-{len(ran)}"
        output.write_text("", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        env.update({k: substitute(str(v), context) for k, v in step.get("env", {}).items()})
        env["GITHUB_OUTPUT"] = str(output)
        env["PATH"] = f"{venv.bin}{os.pathsep}{env['PATH']}"
        script = substitute(step["run"], context)
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
        )
        ran.append((step["name"], done))
        if "id" in step:
            outputs = dict(
                line.split("=", 1) for line in output.read_text().splitlines() if "=" in line
            )
            context["steps"][step["id"]] = {"outputs": outputs}
        if done.returncode != 0:
            break
    return ran


@pytest.fixture(scope="module")
def action_venv(tmp_path_factory):
    """A venv with newslint's dependencies but not newslint: the action installs it."""
    return ChildVenv(tmp_path_factory.mktemp("action-venv"), with_parent_pth_files=False)


ANNOTATION = re.compile(r"^::(error|warning|notice) (?P<properties>[^:]*)::(?P<message>.*)$")


def annotations(stdout: str) -> list[tuple[str, dict[str, str], str]]:
    """(level, properties, message) of each workflow command that makes an annotation."""
    found = []
    for line in stdout.splitlines():
        match = ANNOTATION.match(line)
        if match:
            properties = dict(p.split("=", 1) for p in match["properties"].split(","))
            found.append((match[1], properties, match["message"]))
    return found


LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def test_the_steps_install_newslint_and_annotate(tmp_path, action_venv):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "dépêche.txt").write_bytes(EXAMPLE.read_bytes())
    ran = dict(run_action({"args": "'articles/' --select H,D,Q"}, tmp_path, action_venv))
    install = ran["Install newslint"]
    assert install.returncode == 0, install.stderr
    assert install.stdout.strip().endswith("newslint 0.1.0")
    check = ran["Run newslint check"]
    assert check.returncode == 0  # the exit code is kept for the last step
    found = annotations(check.stdout)
    expected = cli_json(tmp_path, "articles", "--select", "H,D,Q", "--column-unit", "utf-16")
    assert [(level, p["file"], int(p["line"]), int(p["col"])) for level, p, _ in found] == [
        (LEVELS[f["severity"]], f["path"], f["line"], f["column"]) for f in expected
    ]
    assert {level for level, _, _ in found} == {"error", "warning", "notice"}
    assert found[0][2] == "H001 line of 6 hashtags, not article text"
    assert ran["Fail when newslint failed"].returncode == 1
    assert "Upload SARIF to code scanning" not in ran


def write_corpus(folder: Path) -> list[dict[str, str]]:
    """A JSONL and a CSV file of the same articles; in the CSV, texts span lines."""
    folder.mkdir()
    article = EXAMPLE.read_text(encoding="utf-8")
    records = [
        {"id": "clean-1", "text": "Le ministre a parlé mardi à Paris devant la presse."},
        {"id": "blinken", "text": article},
        {"id": "clean-2", "text": "La réunion reprendra jeudi, a précisé son entourage."},
        {"id": "again", "text": article},
    ]
    (folder / "news.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    with (folder / "news.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["id", "text"])
        writer.writeheader()
        writer.writerows(records)
    return records


def test_corpus_annotations_land_on_the_record_line_with_their_level(tmp_path, action_venv):
    records = write_corpus(tmp_path / "corpus")
    ran = dict(run_action({"args": "corpus/ --select H,Q,T"}, tmp_path, action_venv))
    check = ran["Run newslint check"]
    assert check.returncode == 0, check.stderr
    found = annotations(check.stdout)
    expected = cli_json(tmp_path, "corpus", "--select", "H,Q,T", "--column-unit", "utf-16")
    assert len(found) == len(expected) > 0
    lines = {
        name: (tmp_path / "corpus" / name).read_text(encoding="utf-8").splitlines()
        for name in ("news.jsonl", "news.csv")
    }
    for (level, properties, message), finding in zip(found, expected, strict=True):
        assert level == LEVELS[finding["severity"]]
        path = Path(properties["file"])
        assert path.parent.name == "corpus" and path.name in lines
        line = lines[path.name][int(properties["line"]) - 1]
        # the annotation's line is where the record starts in the file
        assert line.startswith((f'{{"id": "{finding["record"]}"', f"{finding['record']},"))
        assert message.startswith(f"{finding['path']}#{finding['record_number']}[")
    assert {properties["file"] for _, properties, _ in found} == {
        "corpus/news.csv",
        "corpus/news.jsonl",
    }
    assert {r["id"] for r in records} > {f["record"] for f in expected}


def test_sarif_is_uploaded_when_a_path_is_missing_but_the_others_were_checked(
    tmp_path, action_venv
):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "dépêche.txt").write_bytes(EXAMPLE.read_bytes())
    stale = tmp_path / "newslint.sarif"
    ran = dict(run_action({"args": "articles/ gone/", "sarif": "true"}, tmp_path, action_venv))
    assert ran["Run newslint check"].returncode == 0
    assert json.loads(stale.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert ran["Upload SARIF to code scanning"][0].startswith("github/codeql-action/upload-sarif@")
    assert ran["Fail when newslint failed"].returncode == 2
    # a usage error writes no SARIF: the one left by the run before is not uploaded
    ran = dict(run_action({"args": "--selct D articles/", "sarif": "true"}, tmp_path, action_venv))
    assert "Upload SARIF to code scanning" not in ran
    assert ran["Fail when newslint failed"].returncode == 2


def readme_workflow_inputs() -> dict[str, str]:
    """The ``with:`` of the README's workflow, given to the action."""
    workflow = yaml.safe_load(readme_snippet("github-actions"))
    [step] = [
        s
        for job in workflow["jobs"].values()
        for s in job["steps"]
        if "newslint@" in s.get("uses", "")
    ]
    assert step["uses"].split("@")[0].endswith("/newslint")
    assert set(step["with"]) <= set(ACTION["inputs"])
    return {
        name: str(value).lower() if isinstance(value, bool) else str(value)
        for name, value in step["with"].items()
    }


def test_the_steps_write_sarif_for_code_scanning(tmp_path, action_venv):
    inputs = readme_workflow_inputs()
    assert inputs == {"args": "articles/ --fail-on error", "sarif": "true"}
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "dépêche.txt").write_bytes(EXAMPLE.read_bytes())
    ran = dict(run_action(inputs, tmp_path, action_venv))
    assert ran["Run newslint check"].returncode == 0
    log = json.loads((tmp_path / "newslint.sarif").read_text(encoding="utf-8"))
    assert log["runs"][0]["columnKind"] == "utf16CodeUnits"
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "articles/d%C3%A9p%C3%AAche.txt"}
    uses, with_ = ran["Upload SARIF to code scanning"]
    assert uses.startswith("github/codeql-action/upload-sarif@")
    assert with_ == {"sarif_file": "newslint.sarif", "category": "newslint"}
    assert ran["Fail when newslint failed"].returncode == 1  # errors at --fail-on error


def test_the_vscode_task_of_the_readme_reads_the_text_format(tmp_path):
    tasks = json.loads(readme_snippet("vscode-task"))
    [task] = tasks["tasks"]
    matcher = task["problemMatcher"]
    assert matcher["pattern"] == MATCHER["problemMatcher"][0]["pattern"][0]
    article = tmp_path / "dossier AFP" / "dépêche.txt"
    article.parent.mkdir()
    article.write_bytes(EXAMPLE.read_bytes())
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    command = task["command"].replace("${file}", str(article))
    done = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    pattern = re.compile(matcher["pattern"]["regexp"])
    captured = [pattern.match(line).groups() for line in done.stdout.splitlines()]  # type: ignore[union-attr]
    expected = cli_json(article.parent, article.name, "--column-unit", "utf-16")
    assert captured == [
        (str(article), str(f["line"]), str(f["column"]), f["code"], f["message"]) for f in expected
    ]
