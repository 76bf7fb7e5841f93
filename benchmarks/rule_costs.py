"""Time spent in each rule, per article, on the benchmark's real articles.

The throughput benchmark (run.py) says how fast newslint is; this says where the time
goes, rule by rule, so that the slowest rules are the ones worked on:

    python benchmarks/rule_costs.py                  # ../shared/corpus/aeb.jsonl, 3 rounds
    python benchmarks/rule_costs.py CORPUS.jsonl --rounds 5 --top 20

Each round builds fresh documents (shared views such as lines and words are computed
once per document, by the first rule that needs them, and that rule is charged for it),
then, as ``newslint check`` does, looks for every rule's required strings in one
prefilter pass (its own row) and runs every enabled rule through the engine's
``run_rule`` under one watchdog per document. Figures are microseconds per article, and the share of the total.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from newslint.checking.checker import Checker
from newslint.checking.engine import run_rule
from newslint.checking.prefilter import PRESENT
from newslint.config.settings import Settings

#: The row of the literal prefilter's pass (shared by every rule that needs a string).
PREFILTER = "(prefilter)"
DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "aeb.jsonl"


def measure(corpus: Path, rounds: int) -> tuple[dict[str, float], int]:
    checker = Checker(Settings(), strict=False)
    settings, pm, rules, budget = checker.settings, checker.plugins, checker.rules, checker.budget
    index = checker.literals
    spent: dict[str, float] = defaultdict(float)
    articles = 0
    for _ in range(rounds + 1):  # the first round loads tables and is not counted
        documents = list(pm.hook.newslint_read(source=str(corpus), settings=settings))
        for document in documents:
            # As the engine: one literal prefilter pass for all rules, then each rule
            # with what it found (a rule given nothing would look for its strings alone).
            start = time.perf_counter()
            present = index.present(document)
            document.stash[PRESENT] = (index, present)
            spent[PREFILTER] += time.perf_counter() - start
            with budget.watchdog(settings.rule_timeout):  # as the engine: one per document
                for rule in rules:
                    if not rule.applies_to(document.language):
                        continue
                    known = rule.requires is None or index.covers(rule.requires)
                    start = time.perf_counter()
                    run_rule(document, rule, settings, budget, present if known else None)
                    spent[rule.code] += time.perf_counter() - start
        if _ == 0:
            spent.clear()
        else:
            articles += len(documents)
    return {code: seconds / articles * 1e6 for code, seconds in spent.items()}, articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--top", type=int, default=0, help="show only the N costliest rules")
    args = parser.parse_args()
    costs, articles = measure(args.corpus, args.rounds)
    total = sum(costs.values())
    ranked = sorted(costs.items(), key=lambda item: -item[1])
    print(f"{articles} articles, {total:.0f} µs per article in rules\n")
    print("| rule | µs/article | share |\n|---|---:|---:|")
    for code, micros in ranked[: args.top or None]:
        print(f"| {code} | {micros:.1f} | {micros / total:.1%} |")


if __name__ == "__main__":
    main()
