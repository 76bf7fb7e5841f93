"""The peer: datatrove's Gopher repetition, Gopher quality and FineWeb quality filters.

Runs in datatrove's own virtual environment (see datatrove_env.py), never in newslint's:

    benchmarks/.venv-datatrove/bin/python benchmarks/datatrove_trio.py CORPUS.jsonl [LIMIT]

Each JSONL line becomes a ``datatrove.data.Document`` (text, id, the other fields as
metadata) and goes through the three filters' ``filter(doc)`` in FineWeb's order
(GopherRepetitionFilter, GopherQualityFilter, FineWebQualityFilter), with their default
settings (English). As in a datatrove pipeline, a document that one filter removes does
not reach the next. Prints one JSON object: counts, the removal reasons, and the time
spent in each filter (word splitting, cached per text by datatrove, is paid by the first
filter that asks for it).
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

# Nothing here may reach the network: the filters need no model, and the hub stays off.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import orjson


def _verdict(result: Any) -> tuple[bool, str | None]:
    """datatrove's filter contract: True to keep, False or (False, reason) to remove."""
    if isinstance(result, tuple):
        return bool(result[0]), str(result[1])
    return bool(result), None


def measure(path: Path, limit: int | None) -> dict[str, object]:
    start = time.perf_counter()
    import datatrove
    from datatrove.data import Document
    from datatrove.pipeline.filters import (
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )

    filters = [GopherRepetitionFilter(), GopherQualityFilter(), FineWebQualityFilter()]
    names = [type(f).__name__ for f in filters]
    setup = time.perf_counter() - start

    spent = dict.fromkeys(names, 0.0)
    reasons: Counter[str] = Counter()
    records = kept = 0
    start = time.perf_counter()
    with path.open("rb") as lines:
        for line in lines:
            if limit is not None and records >= limit:
                break
            record = orjson.loads(line)
            text = record.pop("text")
            doc = Document(text=text, id=str(record.pop("id", records)), metadata=record)
            records += 1
            for name, step in zip(names, filters, strict=True):
                before = time.perf_counter()
                keep, reason = _verdict(step.filter(doc))
                spent[name] += time.perf_counter() - before
                if not keep:
                    reasons[f"{name}: {reason or 'removed'}"] += 1
                    break
            else:
                kept += 1
    seconds = time.perf_counter() - start
    return {
        "datatrove_version": getattr(datatrove, "__version__", None) or _version("datatrove"),
        "spacy_version": _version("spacy"),
        "filters": names,
        "records": records,
        "kept": kept,
        "removed": records - kept,
        "reasons": dict(reasons.most_common()),
        "setup_seconds": setup,
        "seconds": seconds,
        "seconds_per_filter": spent,
    }


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: datatrove_trio.py CORPUS.jsonl [LIMIT]")
    limit = int(sys.argv[2]) if len(sys.argv) == 3 else None
    sys.stdout.buffer.write(orjson.dumps(measure(Path(sys.argv[1]), limit)) + b"\n")
