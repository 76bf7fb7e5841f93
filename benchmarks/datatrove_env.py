"""datatrove's own virtual environment: made on first use from requirements-datatrove.txt."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REQUIREMENTS = HERE / "requirements-datatrove.txt"
DEFAULT_VENV = HERE / ".venv-datatrove"
#: Written after a successful install; a changed requirements file reinstalls.
STAMP = ".requirements-sha256"
#: What the trio needs at run time, checked after every install.
SMOKE = "import datatrove.pipeline.filters, orjson, spacy; spacy.blank('en')('smoke test')"


def ensure(venv: Path = DEFAULT_VENV, base_python: str = sys.executable) -> Path:
    """The venv's python, creating the venv and installing datatrove when needed."""
    python = venv / "bin" / "python"
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    stamp = venv / STAMP
    if python.exists() and stamp.exists() and stamp.read_text().strip() == digest:
        return python
    print(f"setting up datatrove's venv in {venv} (once; about a minute)", file=sys.stderr)
    if not python.exists():
        subprocess.run([base_python, "-m", "venv", str(venv)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True)
    subprocess.run(
        [str(python), "-c", SMOKE], check=True, env={**os.environ, "HF_HUB_OFFLINE": "1"}
    )
    stamp.write_text(digest + "\n")
    return python
