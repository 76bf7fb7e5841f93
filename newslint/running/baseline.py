"""``--baseline FILE``: remember the findings of a run, then report only new ones.

A baseline counts fingerprints (code + record id or path + flagged text), so it
survives lines added above a finding, records moving in a file, and reruns on a
growing corpus; two identical findings in one record are counted, not merged.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from newslint.errors import NewslintError
from newslint.io.fileio import atomic_text_writer
from newslint.model.finding import Finding

VERSION = 1
#: The largest baseline read: some 35 million distinct findings. A larger file, or a
#: device that never ends (``/dev/zero``), is refused instead of read into memory.
MAX_BYTES = 1 << 30
_CHUNK = 1 << 20


class BaselineError(NewslintError):
    """A baseline file that cannot be read."""


def load(path: Path) -> Counter[str]:
    try:
        data = json.loads(_read(path).decode("utf-8"))
        if data.get("version") != VERSION:
            raise BaselineError(f"{path}: unsupported baseline version {data.get('version')!r}")
        return Counter({str(k): int(v) for k, v in data["fingerprints"].items()})
    except (OSError, ValueError, KeyError, AttributeError, TypeError) as exc:
        raise BaselineError(f"{path}: not a newslint baseline: {exc}") from exc


def _read(path: Path) -> bytes:
    """The bytes of a baseline file, read with a bound: it must start as a JSON object
    does and hold at most :data:`MAX_BYTES`."""
    with path.open("rb") as stream:
        chunks = [stream.read(_CHUNK)]
        if not chunks[0].lstrip().startswith(b"{"):
            raise ValueError("it does not start with a JSON object")
        size = len(chunks[0])
        while size <= MAX_BYTES and (chunk := stream.read(_CHUNK)):
            chunks.append(chunk)
            size += len(chunk)
    if size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES:,} bytes")
    return b"".join(chunks)


def check_writable(path: Path) -> None:
    """Fail before a run whose baseline could not be written at its end."""
    folder = path.resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise BaselineError(f"{path}: cannot write the baseline: no writable folder {folder}")


def save(path: Path, counts: Counter[str]) -> None:
    try:
        with atomic_text_writer(path) as stream:
            json.dump(
                {"version": VERSION, "fingerprints": dict(sorted(counts.items()))}, stream, indent=0
            )
            stream.write("\n")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc}") from exc


class Baseline:
    """Filters the findings already in ``known``; records every finding it sees."""

    def __init__(self, known: Counter[str]) -> None:
        self.remaining = Counter(known)
        self.seen: Counter[str] = Counter()
        self.suppressed = 0

    def new_findings(self, findings: Iterable[Finding]) -> list[Finding]:
        """``findings`` less those in the baseline (each known one suppresses one)."""
        new = []
        for finding in findings:
            self.seen[finding.fingerprint] += 1
            if self.remaining[finding.fingerprint] > 0:
                self.remaining[finding.fingerprint] -= 1
                self.suppressed += 1
            else:
                new.append(finding)
        return new
