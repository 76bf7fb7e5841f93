"""The parts a paragraph of a page can be (:class:`Part`) and the thresholds of the
segmentation with their defaults: what the compiled core's segmentation
(``core/src/segment.rs``, called by ``structure.assemble``) reads, and what the training
script chooses."""

from __future__ import annotations

from enum import Enum


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


def threshold(thresholds: dict[str, float], name: str) -> float:
    return thresholds.get(name, DEFAULTS[name])


def threshold_values(thresholds: dict[str, float]) -> list[float]:
    """Every threshold, in the order of :data:`DEFAULTS`: as the core takes them."""
    return [thresholds.get(name, default) for name, default in DEFAULTS.items()]
