"""The paragraphs of a page as the structure view sees them (:class:`Lines`), the parts
a paragraph can be (:class:`Part`), and the thresholds of the segmentation with their
defaults: what :mod:`.segment` (the body) and :mod:`.sections` (what lies around and
inside it) share."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from newslint.structure.features import OWN
from newslint.structure.markers import Marker, tail_marker


class Part(Enum):
    """What a line of the page is."""

    BODY = "body"  # the article, its subheadings, lists and tables
    COMMENTS = "comments"  # the reader comment section
    NAVIGATION = "navigation"  # menus, breadcrumbs, lists of related links, tag lists
    FURNITURE = "furniture"  # share/follow, subscription, legal, credit, about, CMS output
    OTHER = "other"  # other text outside the body, judged not article text


#: The thresholds of the segmentation, and their values when a model file has none.
DEFAULTS: dict[str, float] = {
    "clip": 4.0,  # log-odds beyond this weigh no more in the search for the body
    "bridge": 0,  # paragraphs between the body and more prose above it that it takes in
    "min_core_weight": 8.0,  # article weight the body must hold before a comment header
    "tail_share": 0.35,  # share of the body's weight that page furniture may leave after it
    "prose_min": 1.0,  # log-odds above which a sentence-long paragraph is prose
    "prose_floor": -99.0,  # log-odds given at least to a paragraph shaped like running prose
    "head_window": 4,  # paragraphs right above the body that may be headline, byline, date
    "head_min": -99.0,  # log-odds below which such a paragraph is not kept
    "tail_max": -99.0,  # log-odds below which a short line after the body is not kept
    "inside_max_log_odds": 0.0,  # log-odds below which a marked line inside is furniture
    "inside_min": -99.0,  # log-odds below which an unmarked line inside is not the article
    "other_max": 0.0,  # mean log-odds below which a run without navigation evidence is other text
}

_OWN = {name: index for index, name in enumerate(OWN)}


@dataclass(frozen=True)
class Lines:
    """The paragraphs of a document as the view sees them (parallel lists)."""

    texts: list[str]  # stripped, hard-wrapped lines joined
    rows: list[list[float]]  # own features (features.OWN)
    log_odds: list[float]  # the model's: article text or not
    sizes: list[int]  # words
    markers: list[Marker | None]
    #: log-odds above which a sentence-long paragraph is prose
    prose_min: float = 1.0
    #: the page holds a comment thread: several comment signatures
    thread: bool = False

    def feature(self, index: int, name: str) -> float:
        return self.rows[index][_OWN[name]]

    def is_list_item(self, index: int) -> bool:
        return self.rows[index][_OWN["list_item"]] > 0.0

    def ends_with_colon(self, index: int) -> bool:
        return self.rows[index][_OWN["colon_end"]] > 0.0

    def is_prose(self, index: int) -> bool:
        """A sentence-long paragraph the model takes for article text."""
        return self.log_odds[index] >= self.prose_min and self.sizes[index] >= 12

    def marker(self, index: int) -> Marker | None:
        """The marker of a paragraph; a comment signature counts in a thread only."""
        found = self.markers[index]
        if found is Marker.SIGNATURE and not self.thread:
            return Marker.CREDIT  # a lone "Posted by ..." is a byline
        return found

    def furniture_words(self, index: int) -> bool:
        """Marked, or holding words of a subscription, follow or legal box."""
        return self.marker(index) is not None or tail_marker(self.texts[index].lower())


def lines_of(
    texts: list[str],
    rows: list[list[float]],
    log_odds: list[float],
    sizes: list[int],
    markers: list[Marker | None],
    thresholds: dict[str, float],
) -> Lines:
    thread = sum(1 for found in markers if found is Marker.SIGNATURE) >= 2
    prose_min = threshold(thresholds, "prose_min")
    floor = threshold(thresholds, "prose_floor")
    if floor > -99.0:  # whatever its neighbours, running prose is not a menu
        log_odds = [
            max(z, floor) if _running_prose(row, size) else z
            for z, row, size in zip(log_odds, rows, sizes, strict=True)
        ]
    return Lines(texts, rows, log_odds, sizes, markers, prose_min, thread)


def _running_prose(row: list[float], size: int) -> bool:
    """Shaped like running prose: a sentence of twelve words or more, or twenty words
    without an end, in which the language's function words are as common as in text."""
    if row[_OWN["function_share"]] < 0.5:
        return False
    return size >= 20 or (size >= 12 and row[_OWN["sentence_end"]] > 0.0)


def threshold(thresholds: dict[str, float], name: str) -> float:
    return thresholds.get(name, DEFAULTS[name])
