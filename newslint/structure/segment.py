"""From line scores to parts of the page: the article body, and around or inside it the
page header, navigation and link lists, page furniture, reader comments and other text
that is not the article."""

from __future__ import annotations

from enum import Enum
from math import sqrt

from newslint.structure.markers import Marker


class Part(Enum):
    """What a line of the page is."""

    BODY = "body"  # the article, its subheadings, lists and tables
    COMMENTS = "comments"  # the reader comment section
    NAVIGATION = "navigation"  # menus, breadcrumbs, lists of related links, tag lists
    FURNITURE = "furniture"  # share/follow, subscription, legal, credit, about, CMS output
    OTHER = "other"  # other text outside the body, judged not article text


_FURNITURE_MARKERS = frozenset(
    {Marker.SHARE, Marker.SUBSCRIBE, Marker.LEGAL, Marker.CREDIT, Marker.ABOUT, Marker.CMS}
)
_NAVIGATION_MARKERS = frozenset({Marker.RELATED, Marker.NAVIGATION, Marker.TAGS})


def core(
    log_odds: list[float], sizes: list[int], markers: list[Marker | None], thresholds: dict[str, float]
) -> tuple[int, int] | None:
    """The densest run of article-like lines: the segment of greatest total weight, a
    line weighing its log-odds times the square root of its length, so that long prose
    pulls short lines between paragraphs (subheadings) in and a run of short non-article
    lines pushes out. Comments are prose too: a comment header inside that segment ends
    it when enough article text comes before the header (a comment count in the byline
    is not the start of the comments)."""
    limit = thresholds.get("clip", 4.0)
    weights = [
        max(-limit, min(limit, z)) * sqrt(min(n, 64)) for z, n in zip(log_odds, sizes, strict=True)
    ]
    segment = _max_segment(weights, 0, len(weights))
    if segment is None:
        return None
    _, first, last = segment
    enough = thresholds.get("min_core_weight", 12.0)
    for header in _comment_headers(markers):
        if not first < header <= last:
            continue
        before = _max_segment(weights, first, header)
        if before is not None and before[0] >= enough and _has_prose(log_odds, sizes, before):
            return before[1], before[2]
    return first, last


def _has_prose(log_odds: list[float], sizes: list[int], segment: tuple[float, int, int]) -> bool:
    """At least one line of the segment is a sentence-long article-like line."""
    return any(log_odds[i] > 1.0 and sizes[i] >= 12 for i in range(segment[1], segment[2] + 1))


def _comment_headers(markers: list[Marker | None]) -> list[int]:
    """Lines that open a comment section: comment markers, but for a "Comment" button
    in a row of share buttons."""
    last = len(markers) - 1
    return [
        index
        for index, found in enumerate(markers)
        if found is Marker.COMMENTS
        and not (index > 0 and markers[index - 1] is Marker.SHARE)
        and not (index < last and markers[index + 1] is Marker.SHARE)
    ]


def _max_segment(weights: list[float], start: int, stop: int) -> tuple[float, int, int] | None:
    """(sum, first, last) of the segment of ``weights[start:stop]`` with the greatest
    positive sum (Kadane), or None."""
    best_sum, best_first, best_last = 0.0, -1, -1
    running, first = 0.0, start
    for index in range(start, stop):
        if running <= 0.0:
            running, first = 0.0, index
        running += weights[index]
        if running > best_sum:
            best_sum, best_first, best_last = running, first, index
    return (best_sum, best_first, best_last) if best_first >= 0 else None


def parts(
    log_odds: list[float], sizes: list[int], markers: list[Marker | None], thresholds: dict[str, float]
) -> tuple[list[Part], tuple[int, int] | None]:
    """The part of each line and the (first, last) line index of the body."""
    count = len(log_odds)
    found = core(log_odds, sizes, markers, thresholds)
    if found is None:
        return [Part.BODY] * count, None
    first, last = found
    kinds = [Part.BODY] * count
    _head(kinds, first, log_odds, markers, thresholds)
    _tail(kinds, last, log_odds, sizes, markers, thresholds)
    _inside(kinds, first, last, log_odds, markers, thresholds)
    return kinds, (first, last)


def _head(
    kinds: list[Part],
    first: int,
    log_odds: list[float],
    markers: list[Marker | None],
    thresholds: dict[str, float],
) -> None:
    """Lines above the body: the page header. The few lines right above it (headline,
    standfirst, byline, date) stay unless marked; above them everything goes."""
    keep = int(thresholds.get("head_window", 4))
    for index in range(first):
        if index >= first - keep and markers[index] is None:
            continue
        kinds[index] = _kind_of(markers[index], Part.NAVIGATION)


def _tail(
    kinds: list[Part],
    last: int,
    log_odds: list[float],
    sizes: list[int],
    markers: list[Marker | None],
    thresholds: dict[str, float],
) -> None:
    """Lines below the body: from the first that is page furniture on, nothing is the
    article; short unmarked lines right after the body (a list, a credit) stay."""
    count = len(kinds)
    start = next((i for i in range(last + 1, count) if markers[i] is not None), count)
    in_comments = False
    for index in range(start, count):
        found = markers[index]
        if found is Marker.COMMENTS:
            in_comments = True
        elif found in _FURNITURE_MARKERS or found in _NAVIGATION_MARKERS:
            in_comments = in_comments and log_odds[index] > 0
        kinds[index] = Part.COMMENTS if in_comments else _kind_of(found, Part.OTHER)


def _inside(
    kinds: list[Part],
    first: int,
    last: int,
    log_odds: list[float],
    markers: list[Marker | None],
    thresholds: dict[str, float],
) -> None:
    """Marked lines inside the body that the model does not take for article text."""
    limit = thresholds.get("inside_max_log_odds", 0.0)
    for index in range(first, last + 1):
        found = markers[index]
        if found is not None and found is not Marker.COMMENTS and log_odds[index] < limit:
            kinds[index] = _kind_of(found, Part.OTHER)


def _kind_of(found: Marker | None, default: Part) -> Part:
    if found is Marker.COMMENTS:
        return Part.COMMENTS
    if found in _FURNITURE_MARKERS:
        return Part.FURNITURE
    if found in _NAVIGATION_MARKERS:
        return Part.NAVIGATION
    return default
