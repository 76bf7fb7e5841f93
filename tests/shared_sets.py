"""The labelled sets of ``../shared/corpus`` that the parity tests hold the core to.

One list, so that a set added to the corpus is checked by every parity test at once.
The corpus sits beside the repository and is not shipped with it: a test that needs a
set skips, saying why, when it is absent.
"""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
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


def shared_set(name: str) -> Path:
    """The path of one of ``SETS``; skips the calling test when the corpus is absent."""
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} not found: shared/ must sit beside the repository")
    return path
