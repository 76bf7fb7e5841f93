"""The labelled sets of the shared corpus (``../shared/corpus``), page by page, with the
label of every non-blank line in the corpus's own terms (see its README)."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

#: (name, articles, labels) of every set evaluate.py measures: the aeb pages (the
#: annotated bodies and five extractions of the same 181 pages) and the l3s pages
#: (322 pages of other sites and another decade, through four extractors).
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
    ("l3s trafilatura", "l3s-gn1/trafilatura.jsonl", "l3s-gn1/trafilatura.labels.jsonl"),
    ("l3s justext", "l3s-gn1/justext.jsonl", "l3s-gn1/justext.labels.jsonl"),
    ("l3s readability", "l3s-gn1/readability.jsonl", "l3s-gn1/readability.labels.jsonl"),
    ("l3s whole page", "l3s-gn1/whole-page.jsonl", "l3s-gn1/whole-page.labels.jsonl"),
)

#: The sources of the sets: the pages of a source, in every set, are one sample of the
#: web (one benchmark's sites and years); the leave-one-source-out measurement fits on
#: the other sources and measures on this one.
SOURCES = ("aeb", "l3s")


def source_of(set_name: str) -> str:
    """The source a set's pages come from."""
    return "l3s" if set_name.startswith("l3s") else "aeb"


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

    @property
    def source(self) -> str:
        return source_of(self.set_name)


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
