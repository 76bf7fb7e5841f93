"""The ``console`` blocks of README.md and docs/: each ``$ COMMAND`` line with the output
shown under it, which must be what the command prints, byte for byte.

    python docs/console_blocks.py            # list the blocks whose output differs
    python docs/console_blocks.py --update   # write the programs' outputs into the pages

Commands run with bash, in a fresh temporary folder holding a copy of ``examples/``
(the commands of one block share it, in order), with this Python's ``newslint`` first
on PATH. Its standard output and standard error go, unbuffered, to one pipe: the lines
come in the order a terminal shows them.
tests/test_docs.py runs the check; when a rule's output changes on purpose, run the
update and read the diff.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)


@dataclass(frozen=True)
class Command:
    command: str
    shown: str  # the output the page shows (with its final line break)


@dataclass(frozen=True)
class Block:
    page: Path
    start: int  # offset of the block's content in the page
    end: int
    commands: tuple[Command, ...]

    def where(self) -> str:
        line = self.page.read_text(encoding="utf-8")[: self.start].count("\n") + 1
        return f"{self.page.relative_to(REPO)}:{line}"


def pages() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


def blocks(page: Path) -> Iterator[Block]:
    text = page.read_text(encoding="utf-8")
    for match in BLOCK.finditer(text):
        commands: list[Command] = []
        for part in re.split(r"^\$ ", match[1], flags=re.M)[1:]:
            command, _, shown = part.partition("\n")
            commands.append(Command(command, shown))
        if commands:
            yield Block(page, match.start(1), match.end(1), tuple(commands))


def run(block: Block) -> list[str]:
    """What each command of ``block`` prints, run as the module docstring says."""
    with tempfile.TemporaryDirectory(prefix="newslint-docs-") as folder:
        shutil.copytree(REPO / "examples", Path(folder) / "examples")
        env = {
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "COLUMNS": "100",
            "PYTHONUNBUFFERED": "1",
        }
        outputs = []
        for command in block.commands:
            done = subprocess.run(
                ["bash", "-c", command.command],
                cwd=folder,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                encoding="utf-8",
                env=env,
                timeout=600,
            )
            outputs.append(done.stdout)
        return outputs


def differences() -> list[tuple[Block, Command, str]]:
    """(block, command, actual output) for every command whose output is not shown."""
    found = []
    for page in pages():
        for block in blocks(page):
            for command, actual in zip(block.commands, run(block), strict=True):
                if actual != command.shown:
                    found.append((block, command, actual))
    return found


def update() -> int:
    changed = 0
    for page in pages():
        text = page.read_text(encoding="utf-8")
        for block in reversed(list(blocks(page))):
            outputs = run(block)
            content = "".join(
                f"$ {command.command}\n{output}"
                for command, output in zip(block.commands, outputs, strict=True)
            )
            if not content.endswith("\n"):
                content += "\n"
            if content != text[block.start : block.end]:
                text = text[: block.start] + content + text[block.end :]
                changed += 1
        page.write_text(text, encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="write the actual outputs")
    args = parser.parse_args(argv)
    if args.update:
        print(f"{update()} blocks updated")
        return 0
    wrong = differences()
    for block, command, _ in wrong:
        print(f"{block.where()}: the output of `{command.command}` differs")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
