"""Cut articles: how often newslint's T rules report, at warning level, an article that
stops where a scraper or a paywall cut it, and how often they report an article that
is whole.

    python benchmarks/truncation_cuts.py                      # the shared annotated articles
    python benchmarks/truncation_cuts.py --cuts 8 --seed 3    # more cuts, another draw

Articles: the annotated bodies of ``../shared/corpus`` (``aeb.jsonl``: 181 pages, mostly
English, some Portuguese, Russian, Italian, German, Indonesian, Korean, Japanese; and
``l3s-gn1/annotated.jsonl``: 322 English pages of other sites), as the annotators
extracted them. Each is cut ``--cuts`` times of each kind, at random points between a
fifth and the end of its text (seeded, so a run repeats):

- **mid-word**: inside a word of four letters or more ("... the negotia");
- **mid-sentence**: after a whole word that ends no sentence ("... the negotiations").

A cut is found when a T finding at warning level or above falls on the paragraph the
cut leaves last. False positives: T findings at warning level or above on the articles
as they are, per article; on ``aeb.jsonl`` a line its labels call a defect (a paywall
cut the page already had) does not count. ``l3s-gn1`` has no such labels: its annotated
bodies include the page's own "Continued..." after a teaser, a text cut by its page;
the findings on such a last line are not false positives (the text says it is cut) and
are shown apart.

The T rules run with the structure view's block rules (B015, B016, B017, H006), which
take a cut marker (T004) reported inside their blocks (``newslint/checking/overlaps.py``);
no other rule changes what T reports. A benchmark, not a test: it prints a table per language
and never fails.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from newslint.checking.checker import Checker
from newslint.checking.overlaps import BLOCK_CODES
from newslint.model.document import Document
from newslint.model.finding import Severity

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
SOURCES = (("aeb", "aeb.jsonl", "labels.jsonl"), ("l3s", "l3s-gn1/annotated.jsonl", None))
_WORD = re.compile(r"[^\W\d_]{4,}")
_WHOLE_WORD = re.compile(r"[^\W\d_]+(?= )")
#: A last line that says the article goes on elsewhere: the page's own cut.
_GOES_ON = re.compile(r"\bcontinued(?: on page \d+)?\W*$", re.IGNORECASE)


@dataclass
class Tally:
    cuts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    articles: int = 0
    false_positives: int = 0
    #: findings on a line that says the article goes on ("Continued..."): no false positives
    said_cut: int = 0
    #: (article id, line, text of the line) of each false positive
    flagged: list[tuple[str, int, str]] = field(default_factory=list)


def cut_points(text: str, kind: str, count: int, rng: random.Random) -> list[int]:
    """``count`` offsets at which to cut ``text`` (fewer when it has fewer places)."""
    low = len(text) // 5
    if kind == "mid-word":
        words = [m for m in _WORD.finditer(text) if m.start() >= low]
        chosen = rng.sample(words, min(count, len(words)))
        return [rng.randrange(m.start() + 1, m.end()) for m in chosen]
    ends = [
        m.end()
        for m in _WHOLE_WORD.finditer(text)
        if m.start() >= low and text[m.end() : m.end() + 1] == " "
    ]
    return [end for end in rng.sample(ends, min(count, len(ends)))]


def warned_lines(checker: Checker, document: Document) -> set[int]:
    """Lines with a T finding at warning level or above."""
    found: set[int] = set()
    for finding in checker.check_document(document):
        if finding.code.startswith("T") and finding.severity >= Severity.WARNING:
            found.update(range(finding.line, max(finding.line, finding.end_line) + 1))
    return found


def defect_lines(corpus: Path, labels: str | None) -> dict[str, set[int]]:
    if labels is None:
        return {}
    marked: dict[str, set[int]] = defaultdict(set)
    with open(corpus / labels, encoding="utf-8") as lines:
        for line in lines:
            label = json.loads(line)
            if label["class"] == "defect":
                marked[label["id"]].add(label["line"])
    return marked


def measure(corpus: Path, cuts: int, seed: int) -> dict[str, Tally]:
    checker = Checker({"select": ["T", *BLOCK_CODES]}, load_entry_points=False)
    rng = random.Random(seed)
    tallies: dict[str, Tally] = defaultdict(Tally)
    for source, articles, labels in SOURCES:
        defects = defect_lines(corpus, labels)
        with open(corpus / articles, encoding="utf-8") as records:
            for record in map(json.loads, records):
                text, lang = record["text"].strip(), record.get("lang")
                tally = tallies[f"{source} {lang}"]
                tally.articles += 1
                whole = Document(text, "article", record=record["id"], lang=lang)
                flagged = warned_lines(checker, whole) - defects.get(record["id"], set())
                lines = text.split("\n")
                said_cut = {n for n in flagged if _GOES_ON.search(lines[n - 1])}
                tally.said_cut += len(said_cut)
                tally.false_positives += len(flagged - said_cut)
                tally.flagged += [
                    (record["id"], n, lines[n - 1][-80:]) for n in sorted(flagged - said_cut)
                ]
                for kind in ("mid-word", "mid-sentence"):
                    for point in cut_points(text, kind, cuts, rng):
                        cut = text[:point].rstrip()
                        first = cut.rfind("\n", 0, len(cut)) + 1
                        last_line = cut.count("\n", 0, first) + 1
                        document = Document(cut, "article", record=record["id"], lang=lang)
                        tally.cuts[kind] += 1
                        if any(line >= last_line for line in warned_lines(checker, document)):
                            tally.found[kind] += 1
    return tallies


def table(tallies: dict[str, Tally]) -> str:
    rows = ["| articles | count | mid-word found | mid-sentence found | all cuts found |"
            " T false positives / article | T on a text that says it goes on (not counted) |",
            "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    total = Tally()
    for name in sorted(tallies, key=lambda n: (-tallies[n].articles, n)):
        tally = tallies[name]
        rows.append(_row(name, tally))
        total.articles += tally.articles
        total.false_positives += tally.false_positives
        total.said_cut += tally.said_cut
        for kind in ("mid-word", "mid-sentence"):
            total.cuts[kind] += tally.cuts[kind]
            total.found[kind] += tally.found[kind]
    rows.append(_row("**all**", total))
    return "\n".join(rows)


def _share(found: int, count: int) -> str:
    return f"{100 * found / count:.1f}% of {count}" if count else "-"


def _row(name: str, tally: Tally) -> str:
    word = _share(tally.found["mid-word"], tally.cuts["mid-word"])
    sentence = _share(tally.found["mid-sentence"], tally.cuts["mid-sentence"])
    both = _share(sum(tally.found.values()), sum(tally.cuts.values()))
    fp = tally.false_positives / max(1, tally.articles)
    said = tally.said_cut / max(1, tally.articles)
    return f"| {name} | {tally.articles} | {word} | {sentence} | {both} | {fp:.3f} | {said:.3f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--cuts", type=int, default=4, help="cuts of each kind per article")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--verbose", action="store_true", help="list the false positives")
    args = parser.parse_args()
    if not (args.corpus / "aeb.jsonl").is_file():
        sys.exit(f"{args.corpus} holds no aeb.jsonl: give the shared corpus with --corpus")
    tallies = measure(args.corpus, args.cuts, args.seed)
    print(table(tallies))
    if args.verbose:
        for name in sorted(tallies):
            for record, line, text in tallies[name].flagged:
                print(f"false positive: {name} {record} line {line}: ...{text}")


if __name__ == "__main__":
    main()
