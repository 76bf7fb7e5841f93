"""Builds a benchmark corpus of distinct articles from the shared sets.

    python benchmarks/distinct_corpus.py OUT.jsonl --articles 100000
    python benchmarks/distinct_corpus.py OUT.jsonl --articles 100000 --without-lang

The 181 shared articles repeated (``corpus.py``) make every record after the 181st an
exact copy, so that the corpus-wide rules (C001) fire on nearly all of them and every
per-text cache is warm. This corpus is made of different articles instead:

- **Sources**: every record of the shared sets (``aeb``, ``aeb-extracted``, the four
  ``extracted/`` sets and the five ``l3s-gn1/`` sets: the annotators' bodies and what
  five real extractors made of the same pages), distinct texts only: about 2,700
  articles with their real defects (boilerplate lines, credits, truncations, mojibake).
- **Record i** is source ``i % sources`` (cycling through them all before any repeats)
  with its prose rewritten: every line of 12 words or more has its sentences replaced by
  sentences drawn, with a random generator seeded by ``i``, from all the prose of the
  sources in the same language. Lines shorter than that (headings, credits, bylines,
  navigation, the lines boilerplate rules look for) are kept as they are, so each
  source's defects recur as they do across a site's pages; its URL keeps its host (the
  site) with a path of its own. Each record's text, and nearly every paragraph and word
  5-shingle, is then new.
- **Language**: ``lang`` is the source's, or the language newslint detects on the
  source text when the source has none (omitted when unsure); ``--without-lang`` leaves
  the field out of every record, to measure what identifying the language costs.

The corpus is written line by line (never held in memory); the same arguments give the
same file.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import orjson

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
SETS = [
    "aeb.jsonl",
    "aeb-extracted.jsonl",
    "extracted/trafilatura-recall.jsonl",
    "extracted/justext.jsonl",
    "extracted/readability.jsonl",
    "extracted/whole-page.jsonl",
    "l3s-gn1/annotated.jsonl",
    "l3s-gn1/trafilatura.jsonl",
    "l3s-gn1/justext.jsonl",
    "l3s-gn1/readability.jsonl",
    "l3s-gn1/whole-page.jsonl",
]
#: A line of this many words or more is prose, and gets sentences of other articles.
PROSE_WORDS = 12
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=\S)")


def sources(shared: Path) -> list[dict[str, object]]:
    """The distinct texts of the shared sets, each record with a ``lang`` when known."""
    from newslint.model.language import detect

    seen: set[str] = set()
    found = []
    for name in SETS:
        path = shared / "corpus" / name
        for line in path.open("rb"):
            record = orjson.loads(line)
            text = record.get("text")
            if not isinstance(text, str) or not text.strip() or text in seen:
                continue
            seen.add(text)
            lang = record.get("lang") or detect(text)
            found.append({"id": record.get("id"), "url": record.get("url"), "lang": lang,
                          "title": record.get("title"), "text": text})  # fmt: skip
    return found


def sentence_pools(records: list[dict[str, object]]) -> dict[object, list[str]]:
    """Every sentence of the prose lines of the sources, by language."""
    pools: dict[object, list[str]] = defaultdict(list)
    for record in records:
        for line in str(record["text"]).split("\n"):
            if len(line.split()) >= PROSE_WORDS:
                pools[record["lang"]].extend(_SENTENCE.split(line.strip()))
    return pools


def rewritten(text: str, pool: list[str], rng: random.Random) -> str:
    """``text`` with the sentences of each prose line drawn from ``pool``."""
    lines = []
    for line in text.split("\n"):
        if len(line.split()) >= PROSE_WORDS and pool:
            count = len(_SENTENCE.split(line.strip()))
            line = " ".join(rng.choice(pool) for _ in range(count))
        lines.append(line)
    return "\n".join(lines)


def records(shared: Path, articles: int, with_lang: bool = True) -> Iterator[dict[str, object]]:
    """The corpus, record by record (see the module docstring)."""
    base = sources(shared)
    pools = sentence_pools(base)
    for i in range(articles):
        source = base[i % len(base)]
        rng = random.Random(i)
        url = str(source.get("url") or f"https://site{i % 500}.example/")
        record = {
            "id": f"{source.get('id') or 'article'}-{i}",
            "url": url.split("?")[0].rstrip("/") + f"/v{i}",
            "title": source.get("title"),
            "text": rewritten(str(source["text"]), pools[source["lang"]], rng),
        }
        if with_lang and source["lang"]:
            record["lang"] = source["lang"]
        yield record


def write(target: Path, shared: Path, articles: int, with_lang: bool = True) -> int:
    """Write the corpus to ``target``; its size in bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        for record in records(shared, articles, with_lang):
            out.write(orjson.dumps(record))
            out.write(b"\n")
    return target.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--without-lang", action="store_true", help="leave lang out")
    args = parser.parse_args(argv)
    size = write(args.output, args.shared, args.articles, not args.without_lang)
    print(f"{args.output}: {args.articles:,} articles, {size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
