"""Builds a benchmark corpus: the real articles of a JSONL file repeated, streamed to disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import orjson


@dataclass(frozen=True)
class Corpus:
    path: Path
    articles: int
    distinct: int
    bytes: int


def load_records(source: Path) -> list[dict[str, object]]:
    """The source articles (a few hundred): small enough to hold, unlike the corpus."""
    with source.open("rb") as lines:
        records = [orjson.loads(line) for line in lines if line.strip()]
    if not records:
        raise ValueError(f"{source}: no records")
    missing = [n for n, record in enumerate(records, 1) if not record.get("text")]
    if missing:
        raise ValueError(f"{source}: record {missing[0]} has no text")
    return records


def build(records: list[dict[str, object]], target: Path, articles: int) -> Corpus:
    """Write ``articles`` lines to ``target``, one record at a time.

    Record ``i`` is source record ``i % len(records)`` with id ``f"{id}-{i}"``. Cycling
    through every source record before repeating one keeps neighbouring texts different,
    so that no per-text cache of a few entries (datatrove keeps the last 5 word splits)
    sees the same text twice in a row.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for i in range(articles):
            record = dict(records[i % len(records)])
            record["id"] = f"{record.get('id', 'article')}-{i}"
            out.write(orjson.dumps(record))
            out.write(b"\n")
    return Corpus(target, articles, min(articles, len(records)), target.stat().st_size)
