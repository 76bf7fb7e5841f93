"""The floor: read a JSONL corpus, decode each line with orjson, run one regex over the text.

No linter can check articles faster than it can read them, so this rate is what every
other figure is compared with. Run by run.py in a child process; usable on its own:

    python benchmarks/floor.py CORPUS.jsonl     # prints one JSON object
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import orjson

#: One precompiled pattern, a common two-word phrase between word boundaries, counted in
#: every text with the standard library's ``re``.
PATTERN = re.compile(r"\bof the\b")


def measure(path: Path) -> dict[str, object]:
    records = matches = characters = 0
    start = time.perf_counter()
    with path.open("rb") as lines:
        for line in lines:
            text = orjson.loads(line)["text"]
            matches += len(PATTERN.findall(text))
            characters += len(text)
            records += 1
    seconds = time.perf_counter() - start
    return {
        "pattern": PATTERN.pattern,
        "records": records,
        "matches": matches,
        "characters": characters,
        "seconds": seconds,
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: floor.py CORPUS.jsonl")
    sys.stdout.buffer.write(orjson.dumps(measure(Path(sys.argv[1]))) + b"\n")
