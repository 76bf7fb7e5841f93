"""The built wheel ships the YAML rule packs (rules/ -> newslint/_packs) and finds
them once installed, away from the source tree."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

from newslint.declarative.loader import load_folders

REPO = Path(__file__).resolve().parents[1]
PACKS = REPO / "rules"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Offline and fast when the build backend is installed here; else build fetches it.
    isolation = ["--no-isolation"] if importlib.util.find_spec("maturin") else []
    # maturin's backend runs the `maturin` program beside this interpreter, also when
    # the environment is not activated.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", *isolation, "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
        env={**os.environ, "PATH": path},
        timeout=1200,  # the compiled core: a few minutes from scratch
    )
    [built] = out.glob("newslint-*.whl")
    return built


def yaml_rule_codes() -> set[str]:
    """Codes of the YAML rules in the source tree that load."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {rule.code for rule in load_folders([PACKS])}


def test_the_wheel_holds_the_rule_packs(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "newslint/_packs/README.md" in names
    assert "newslint/__init__.py" in names
    for path in PACKS.rglob("*.yaml"):
        assert f"newslint/_packs/{path.relative_to(PACKS).as_posix()}" in names
    assert not any(name.startswith(("tests/", "rules/")) for name in names)


def test_the_installed_wheel_finds_its_yaml_rules(wheel, tmp_path, child_venv):
    # The parent's packages are visible as plain paths: its dependencies are, but an
    # editable newslint (a .pth file) is not; and the cwd is not the repository.
    venv = child_venv(tmp_path / "venv", with_parent_pth_files=False)
    venv.install(str(wheel))

    def run(*argv: str) -> str:
        return venv.run(*argv, cwd=tmp_path).stdout.strip()

    where = run("python", "-c", "import newslint; print(newslint.__file__)")
    assert Path(where).is_relative_to(venv.root), where
    code = "from newslint.declarative.loader import builtin_pack_folder as f; print(f())"
    assert Path(run("python", "-c", code)) == Path(where).parent / "_packs"

    listed = run("newslint", "rules")
    codes = {line.split()[0] for line in listed.splitlines()}
    assert "X001" in codes
    assert yaml_rule_codes() <= codes


def test_sources_without_the_compiled_core_say_how_to_build_it(tmp_path):
    """A clone's sources shadow an installed newslint when Python runs in the clone
    (``python -m newslint``): without the compiled core beside them, one message says
    how to build it, not a bare ModuleNotFoundError deep in the imports."""
    import shutil

    source = Path(__file__).resolve().parents[1] / "newslint"
    shutil.copytree(source, tmp_path / "newslint", ignore=shutil.ignore_patterns("*.so", "*.pyd"))
    run = subprocess.run(
        [sys.executable, "-c", "import newslint"], cwd=tmp_path, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "ImportError: newslint's compiled core (newslint._core) is not built in" in run.stderr
    assert "pip install -e ." in run.stderr
