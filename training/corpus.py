"""The labelled sets of the shared corpus (``../shared/corpus``), page by page, with the
label of every non-blank line in the corpus's own terms (see its README)."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

#: (name, articles, labels) of every set evaluate.py measures.
SETS = (
    ("annotated bodies (hand)", "aeb.jsonl", "labels.jsonl"),
    ("trafilatura default", "aeb-extracted.jsonl", "aeb-extracted.labels.jsonl"),
    (
        "trafilatura recall",
        "extracted/trafilatura-recall.jsonl",
        "extracted/trafilatura-recall.labels.jsonl",
    ),
    ("justext", "extracted/justext.jsonl", "extracted/justext.labels.jsonl"),
    ("readability", "extracted/readability.jsonl", "extracted/readability.labels.jsonl"),
    ("whole page", "extracted/whole-page.jsonl", "extracted/whole-page.labels.jsonl"),
)

ARTICLE, DEFECT, RESIDUE, BLANK = "article", "defect", "residue", "blank"


@dataclass(frozen=True)
class Page:
    """One record of a set: its id, site, language, text, and per line (1-based, blank
    lines included) its class and, for a defect, the family it should be reported in."""

    set_name: str
    id: str
    site: str
    lang: str | None
    title: str | None
    text: str
    classes: list[str]
    families: list[str]


def site_of(url: str) -> str:
    host = urllib.parse.urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def pages(corpus: Path, set_names: tuple[str, ...] | None = None) -> Iterator[Page]:
    """Every page of every set (or of ``set_names``), in file order."""
    for name, articles, labels in SETS:
        if set_names is not None and name not in set_names:
            continue
        marks: dict[str, dict[int, dict[str, str]]] = {}
        with open(corpus / labels, encoding="utf-8") as lines:
            for line in lines:
                label = json.loads(line)
                marks.setdefault(label["id"], {})[label["line"]] = label
        with open(corpus / articles, encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                text = record.get("text") or ""
                page_marks = marks.get(record["id"], {})
                classes, families = [], []
                for number, content in enumerate(text.split("\n"), 1):
                    mark = page_marks.get(number)
                    if not content.strip():
                        classes.append(BLANK)
                    elif mark is None:
                        classes.append(ARTICLE)
                    else:
                        classes.append(DEFECT if mark["class"] == "defect" else RESIDUE)
                    families.append(mark["family"] if mark else "")
                yield Page(name, record["id"], site_of(record.get("url", "")),
                           record.get("lang"), record.get("title"), text, classes, families)  # fmt: skip
