"""The VS Code extension (editors/vscode), tested as far as can be without VS Code: it
compiles (TypeScript, strict), packages to a .vsix with @vscode/vsce, and, activated
against a stand-in for the ``vscode`` module, starts ``newslint server`` from this
environment and turns its findings into diagnostics (editors/vscode/test).

Needs Node.js and the extension's npm packages (``npm ci --prefix editors/vscode``;
.ci/run does it); without them the tests skip, which fails under .ci/run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, require_tool

EXTENSION = REPO / "editors" / "vscode"


@pytest.fixture(scope="module")
def compiled() -> Path:
    """The extension, compiled in place (editors/vscode/out, ignored by git)."""
    require_tool(shutil.which("npm") is not None, "Node.js and npm", "apt-get install nodejs npm")
    require_tool(
        (EXTENSION / "node_modules" / "vscode-languageclient").is_dir(),
        "The VS Code extension's npm packages",
        "npm ci --prefix editors/vscode",
    )
    done = npm("run", "compile")
    assert done.returncode == 0, done.stdout + done.stderr
    return EXTENSION / "out" / "extension.js"


def npm(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["npm", "--prefix", str(EXTENSION), *argv],
        cwd=EXTENSION,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def test_the_extension_compiles_and_exports_activate(compiled):
    text = compiled.read_text(encoding="utf-8")
    assert "exports.activate = activate" in text and "exports.deactivate = deactivate" in text
    manifest = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    assert manifest["main"] == "./out/extension.js"
    assert set(manifest["activationEvents"]) == {"onLanguage:plaintext", "onLanguage:markdown"}
    settings = manifest["contributes"]["configuration"]["properties"]
    assert {"newslint.executable", "newslint.config.settings"} <= set(settings)


def test_vsce_packages_a_vsix_with_the_client_library(compiled, tmp_path):
    vsix = tmp_path / "newslint.vsix"
    done = npm("exec", "--", "vsce", "package", "--out", str(vsix))
    assert done.returncode == 0, done.stdout + done.stderr
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("extension/package.json"))
    assert "extension/out/extension.js" in names
    assert "extension/node_modules/vscode-languageclient/node.js" in names
    assert not any(name.startswith("extension/src/") for name in names)
    assert manifest["name"] == "newslint" and manifest["engines"]["vscode"].startswith("^1.")


def test_activation_starts_the_server_of_this_environment(compiled):
    newslint = shutil.which("newslint", path=str(Path(sys.executable).parent))
    assert newslint is not None, "newslint is installed in this environment"
    env = {**os.environ, "NEWSLINT_EXECUTABLE": newslint}
    done = npm("test", env=env)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# pass 3" in done.stdout and "# fail 0" in done.stdout
