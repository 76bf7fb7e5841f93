"""Start-up: what one small check costs, against a baseline (issue 20: at most 0.4 s wall
for ``newslint check`` on one small text file on an idle machine; the language server's
first diagnostics on the example article within 1 s). A benchmark: it measures and
reports, never fails.

    python benchmarks/startup.py                                   # this interpreter alone
    python benchmarks/startup.py --baseline OTHER_VENV/bin/python  # paired with another
    python benchmarks/startup.py --runs 9 --pycache /tmp/pycache   # bytecode kept

Three measurements, each a fresh process run from an empty temporary folder (no config
file), ``--runs`` times (default 7) after one warm-up run that is not counted (it fills
newslint's caches, ``newslint/disk_cache.py``, as any earlier run on the machine has):

1. ``python -m newslint check SMALL --exit-zero``: a two-sentence English text, its
   language detected (no ``--language``);
2. the same on the example article (``examples/fr-blinken-lavrov.txt``);
3. ``python -m newslint server``: the time from starting the server to the first
   ``publishDiagnostics`` for the example article opened at once (the process's CPU
   time at that moment, from /proc).

With ``--baseline PYTHON`` (an interpreter with another newslint installed, e.g. a venv
of the main branch) the two run in turn, A B A B ..., and the ratios are taken pair by
pair, so that a change in the machine's load during the run moves both. Medians of wall
and CPU time (user + system, of the process and what it waited for) are printed; on a
shared machine read the CPU time. ``--pycache DIR`` runs both with bytecode written to
and read from DIR (as an installed package has it; a session that sets
PYTHONDONTWRITEBYTECODE would otherwise compile newslint's sources on every run).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "fr-blinken-lavrov.txt"
SMALL = (
    "The minister said on Tuesday that the talks would continue next week.\n"
    "He added that nothing had been decided yet.\n"
)
#: A server that has published nothing after this long is reported as such.
SERVER_TIMEOUT = 60.0


def environment(pycache: Path | None, label: str) -> dict[str, str]:
    env = dict(os.environ)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache / label)
    return env


def check_once(python: str, path: Path, cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one ``newslint check`` of ``path``."""
    argv = [python, "-m", "newslint", "check", str(path), "--exit-zero"]
    run = measure.run(argv, cwd=cwd, env=env).check()
    return run.wall_seconds, run.cpu_seconds


def _frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def _read_message(stream: object) -> dict[str, object]:
    read_line = stream.readline  # type: ignore[attr-defined]
    length = 0
    while (line := read_line()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    if not length:
        raise EOFError("the server closed its output")
    message: dict[str, object] = json.loads(stream.read(length))  # type: ignore[attr-defined]
    return message


def _answer(request: dict[str, object]) -> dict[str, object]:
    """An editor's answer without settings: ``workspace/configuration`` gets one null per
    item (the server waits for it), anything else null."""
    result: object = None
    params = request.get("params")
    if request["method"] == "workspace/configuration" and isinstance(params, dict):
        result = [None] * len(params.get("items", []))
    return {"jsonrpc": "2.0", "id": request["id"], "result": result}


def _cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / measure.TICKS


def server_once(python: str, cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds from starting ``newslint server`` to its first diagnostics of
    the example article, opened right after the handshake."""
    uri = EXAMPLE.resolve().as_uri()
    text = EXAMPLE.read_text(encoding="utf-8")
    start = time.perf_counter()
    server = subprocess.Popen(
        [python, "-m", "newslint", "server"],
        cwd=cwd,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert server.stdin is not None and server.stdout is not None
    try:
        server.stdin.write(_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": os.getpid(), "rootUri": cwd.as_uri(), "capabilities": {}}}))  # fmt: skip
        server.stdin.write(_frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        server.stdin.write(_frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                             "text": text}}}))  # fmt: skip
        server.stdin.flush()
        while time.perf_counter() - start < SERVER_TIMEOUT:
            message = _read_message(server.stdout)
            if message.get("method") == "textDocument/publishDiagnostics":
                return time.perf_counter() - start, _cpu_of(server.pid)
            if "id" in message and "method" in message:  # a request: answered as an editor
                server.stdin.write(_frame(_answer(message)))  # without settings would
                server.stdin.flush()
        raise TimeoutError("no diagnostics from the server")
    finally:
        server.kill()
        server.wait()


def paired(
    measurements: dict[str, Callable[[str, dict[str, str]], tuple[float, float]]],
    pythons: dict[str, str],
    envs: dict[str, dict[str, str]],
    runs: int,
) -> dict[str, dict[str, list[tuple[float, float]]]]:
    """measurement -> label -> [(wall, CPU)], the labels in turn for each run."""
    found: dict[str, dict[str, list[tuple[float, float]]]] = {}
    for name, once in measurements.items():
        found[name] = {label: [] for label in pythons}
        for label, python in pythons.items():  # the warm-up: not counted
            once(python, envs[label])
        for _ in range(runs):
            for label, python in pythons.items():
                found[name][label].append(once(python, envs[label]))
    return found


def report(found: dict[str, dict[str, list[tuple[float, float]]]], baseline: bool) -> str:
    header = "| measurement | wall (median) | CPU (median) |"
    rows = [header, "|---|---:|---:|"]
    if baseline:
        rows[0] += " baseline wall | baseline CPU | ratio wall | ratio CPU |"
        rows[1] += "---:|---:|---:|---:|"
    for name, by_label in found.items():
        new = by_label["new"]
        row = f"| {name} | {statistics.median(w for w, _ in new):.3f} s | "
        row += f"{statistics.median(c for _, c in new):.3f} s |"
        if baseline:
            old = by_label["baseline"]
            row += f" {statistics.median(w for w, _ in old):.3f} s |"
            row += f" {statistics.median(c for _, c in old):.3f} s |"
            for index in (0, 1):
                ratios = [a[index] / b[index] for a, b in zip(new, old, strict=True)]
                row += f" {statistics.median(ratios):.2f} |"
        rows.append(row)
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="counted runs of each (default 7)")
    parser.add_argument("--baseline", help="another Python with newslint, run in turn")
    parser.add_argument("--pycache", type=Path, help="keep bytecode in this folder")
    parser.add_argument("--no-server", action="store_true", help="leave the server out")
    args = parser.parse_args(argv)
    pythons = {"new": sys.executable}
    if args.baseline:
        pythons["baseline"] = args.baseline
    envs = {label: environment(args.pycache, label) for label in pythons}
    with tempfile.TemporaryDirectory(prefix="newslint-startup-") as folder:
        cwd = Path(folder)
        small = cwd / "small.txt"
        small.write_text(SMALL, encoding="utf-8")
        measurements: dict[str, Callable[[str, dict[str, str]], tuple[float, float]]] = {
            "check, a 2-line file": lambda python, env: check_once(python, small, cwd, env),
            "check, the example article": lambda python, env: check_once(python, EXAMPLE, cwd, env),
        }
        if not args.no_server:
            measurements["server, first diagnostics of the example"] = lambda python, env: (
                server_once(python, cwd, env)
            )
        found = paired(measurements, pythons, envs, args.runs)
    print(f"load average before: {os.getloadavg()[0]:.2f}; {args.runs} runs of each")
    print(report(found, args.baseline is not None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
