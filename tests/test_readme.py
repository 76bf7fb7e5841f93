"""README.md starts with the two commands a newcomer types; CI runs the second one."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    """The indented command lines of README.md, in order."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.startswith("    python3 -m venv")]


def test_readme_starts_with_the_install_and_run_command_then_the_test_command():
    install_and_run, install_and_test = _commands()[:2]
    assert install_and_run.endswith("newslint check examples/fr-blinken-lavrov.txt")
    assert (REPO / "examples" / "fr-blinken-lavrov.txt").is_file()
    assert install_and_test.endswith("pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _commands()[1] in [line.strip() for line in ci]
