"""The pre-commit hooks of .pre-commit-hooks.yaml, run for real by ``pre-commit
try-repo`` in a temporary git repository: a staged defective article fails the hook, a
clean one passes, and ``newslint-fix`` repairs what it can.

pre-commit installs a hook repository from a commit (``pip install .`` of it, with its
dependencies from PyPI; try-repo builds it anew at each call), so the test commits a
copy of this working tree (tracked and untracked files, not ignored ones) into a
throwaway repository and points try-repo at it.
pre-commit comes with the ``test`` extra; the test skips without it (fails instead when
under .ci/run, where a skip is a failure).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, readme_snippet, require_tool

EXAMPLE = REPO / "examples" / "fr-blinken-lavrov.txt"
CLEAN = (
    "Les États-Unis ont reconnu mardi qu'ils n'avaient pas obtenu de la Russie la promesse "
    "de désamorcer la situation à la frontière ukrainienne.\n"
    "Le secrétaire d'État américain et le ministre russe des Affaires étrangères se sont "
    "de nouveau entretenus au téléphone.\n"
)


def git(*argv: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "newslint tests",
        "GIT_AUTHOR_EMAIL": "tests@newslint.invalid",
        "GIT_COMMITTER_NAME": "newslint tests",
        "GIT_COMMITTER_EMAIL": "tests@newslint.invalid",
    }
    done = subprocess.run(
        ["git", *argv], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


def pre_commit() -> list[str]:
    try:
        import pre_commit  # noqa: F401
    except ModuleNotFoundError:
        require_tool(False, "pre-commit", "pip install '.[test]'")
    require_tool(shutil.which("git") is not None, "git", "apt-get install git")
    return [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree, committed as it is into a repository of its own."""
    pre_commit()
    copy = tmp_path_factory.mktemp("newslint-hooks")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_symlink():  # newslint/_packs -> ../rules: a link, as git keeps it
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(os.readlink(source), copy / name)
        elif source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    git("init", "-q", cwd=copy)
    git("add", "-A", cwd=copy)
    git("commit", "-q", "-m", "newslint as it stands", cwd=copy)
    return copy


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A user's repository of articles."""
    git("init", "-q", cwd=tmp_path)
    return tmp_path


def try_repo(hook_repo: Path, project: Path, *hook: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo HOOK_REPO [HOOK]`` in ``project`` (every hook without one)."""
    env = {**os.environ, "NO_COLOR": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return subprocess.run(
        [*pre_commit(), "try-repo", str(hook_repo), *hook, "--color", "never"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_hooks_declare_text_and_markdown_files():
    hooks = {
        hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    }
    assert set(hooks) == {"newslint", "newslint-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types_or"] == ["plain-text", "markdown"]
    assert hooks["newslint"]["entry"] == "newslint check"
    assert hooks["newslint-fix"]["entry"] == "newslint check --fix"


def test_a_staged_defective_article_fails_and_a_clean_one_passes(hook_repo, project):
    # try-repo builds the hook environment afresh at each call (about 25 s: a pip install
    # of newslint and its dependencies), so the first call runs both hooks of the
    # manifest at once: newslint reports and fails, then newslint-fix repairs.
    article = project / "dépêche.txt"
    article.write_bytes(EXAMPLE.read_bytes())
    (project / "notes.py").write_text("#Blinkenexhorte #Lavrovretirer #troupes\n")  # not text
    git("add", "dépêche.txt", "notes.py", cwd=project)
    failed = try_repo(hook_repo, project)
    report = failed.stdout
    assert failed.returncode == 1, report + failed.stderr
    linted, fixed = report.split("- hook id: newslint-fix")
    assert "- hook id: newslint\n- exit code: 1" in linted
    assert "dépêche.txt:3:1: D001 [*] paragraph repeats line 1 word for word" in linted
    assert "notes.py" not in report
    assert "files were modified by this hook" in fixed
    repaired = article.read_text(encoding="utf-8")
    assert "#Blinkenexhorte" not in repaired and "Lire aussi" not in repaired

    git("rm", "-q", "-f", "--cached", "dépêche.txt", cwd=project)
    (project / "propre.md").write_text(CLEAN, encoding="utf-8")
    git("add", "propre.md", cwd=project)
    passed = try_repo(hook_repo, project, "newslint")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "newslint" in passed.stdout and "Passed" in passed.stdout


def test_the_readme_config_names_these_hooks_with_valid_arguments():
    from newslint.cli.main import build_parser

    config = yaml.safe_load(readme_snippet("pre-commit"))
    [repo] = config["repos"]
    assert repo["repo"].endswith("/newslint") and repo["rev"]
    ids = {hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    for hook in repo["hooks"]:
        assert hook["id"] in ids
        entry = "newslint check" if hook["id"] == "newslint" else "newslint check --fix"
        args = [*entry.split()[1:], *hook.get("args", []), "article.txt"]
        assert build_parser().parse_args(args).fail_on.value == "error"
