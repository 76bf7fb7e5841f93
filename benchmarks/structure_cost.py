"""Microseconds per article of the structure view and the rules that read it (B015 B016
B017 H006 T006), on fresh documents of three shared sets (real articles, L3S pages
extracted by trafilatura, whole pages), so that a change to the view can be timed:

    python benchmarks/structure_cost.py              # best of 3 rounds
    python benchmarks/structure_cost.py --rounds 5

Each round builds fresh documents (the view is computed once per document, by the first
of the rules), detects their language outside the timing (not the view's cost), then
runs the five rules through the engine's ``run_rule`` under one watchdog, as ``newslint
check`` does. On a shared machine, compare two trees with paired, interleaved runs.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newslint.checking.checker import Checker
from newslint.checking.engine import run_rule
from newslint.config.settings import Settings
from newslint.model.document import Document

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
SETS = ("aeb.jsonl", "l3s-gn1/trafilatura.jsonl", "extracted/whole-page.jsonl")
CODES = ("B015", "B016", "B017", "H006", "T006")


def records(corpus: Path) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    for name in SETS:
        lines = (corpus / name).read_text("utf-8").splitlines()
        found += [json.loads(line) for line in lines if line.strip()]
    return found


def one_round(checker: Checker, items: list[dict[str, str]]) -> float:
    """Microseconds per article of the five rules on fresh documents."""
    docs = [Document(r["text"], "a", record=r["id"], lang=r.get("lang")) for r in items]
    for doc in docs:
        doc.language  # noqa: B018 - language detection is not the view's cost
    rules = [rule for rule in checker.rules if rule.code in CODES]
    start = time.perf_counter()
    with checker.budget.watchdog(100):
        for doc in docs:
            for rule in rules:
                run_rule(doc, rule, checker.settings, checker.budget)
    return (time.perf_counter() - start) / len(docs) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    checker = Checker(Settings(), strict=False)
    items = records(args.corpus)
    one_round(checker, items)  # warm-up: imports, the model, the function words
    best = min(one_round(checker, items) for _ in range(args.rounds))
    print(f"{best:.1f} µs per article ({len(items)} articles, best of {args.rounds})")


if __name__ == "__main__":
    main()
