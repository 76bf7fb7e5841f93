"""From line scores to parts of the page: the article body, and around or inside it the
page header, navigation and link lists, page furniture, reader comments and other text
that is not the article."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from math import sqrt

from newslint.structure.features import NAMES
from newslint.structure.markers import Marker, footer, tail_marker


class Part(Enum):
    """What a line of the page is."""

    BODY = "body"  # the article, its subheadings, lists and tables
    COMMENTS = "comments"  # the reader comment section
    NAVIGATION = "navigation"  # menus, breadcrumbs, lists of related links, tag lists
    FURNITURE = "furniture"  # share/follow, subscription, legal, credit, about, CMS output
    OTHER = "other"  # other text outside the body, judged not article text


FURNITURE_MARKERS = frozenset(
    {Marker.SHARE, Marker.SUBSCRIBE, Marker.LEGAL, Marker.CREDIT, Marker.ABOUT, Marker.CMS}
)
NAVIGATION_MARKERS = frozenset({Marker.RELATED, Marker.NAVIGATION, Marker.TAGS})
_LIST_ITEM = NAMES.index("list_item")
_COLON_END = NAMES.index("colon_end")


@dataclass(frozen=True)
class Lines:
    """The non-blank lines of a document as the view sees them (parallel lists)."""

    texts: list[str]  # stripped
    rows: list[list[float] | None]  # features; None for plain prose
    log_odds: list[float]  # the line model's: article text or not
    sizes: list[int]  # words
    markers: list[Marker | None]

    def is_list_item(self, index: int) -> bool:
        row = self.rows[index]
        return row is not None and row[_LIST_ITEM] > 0.0

    def ends_with_colon(self, index: int) -> bool:
        row = self.rows[index]
        return row is not None and row[_COLON_END] > 0.0

    def is_prose(self, index: int) -> bool:
        """A sentence-long line the model takes for article text."""
        return self.log_odds[index] > 1.0 and self.sizes[index] >= 12


def parts(lines: Lines, thresholds: dict[str, float]) -> tuple[list[Part], tuple[int, int] | None]:
    """The part of each line and the (first, last) line index of the body."""
    count = len(lines.texts)
    found = core(lines, thresholds)
    if found is None:
        return [Part.BODY] * count, None
    first, last = found
    kinds = [Part.BODY] * count
    _head(kinds, first, lines, thresholds)
    _tail(kinds, last, lines)
    _inside(kinds, first, last, lines, thresholds)
    return kinds, (first, last)


def core(lines: Lines, thresholds: dict[str, float]) -> tuple[int, int] | None:
    """The article body: the densest run of article-like lines, cut where the page
    furniture starts.

    The run is the segment of greatest total weight, a line weighing its log-odds times
    the square root of its length, so that long prose pulls short lines between
    paragraphs (subheadings) in and a run of short non-article lines pushes out. But
    comments, promotions and press-release boilerplate are prose too: the body ends
    before a comment header that follows enough article text (a comment count in the
    byline starts nothing), and before the first line of furniture (a marker, or words
    of a subscription or follow box) after which little prose is left."""
    limit = thresholds.get("clip", 4.0)
    weights = [
        max(-limit, min(limit, z)) * sqrt(min(n, 64))
        for z, n in zip(lines.log_odds, lines.sizes, strict=True)
    ]
    segment = _max_segment(weights, 0, len(weights))
    if segment is None:
        return None
    _, first, last = segment
    enough = thresholds.get("min_core_weight", 12.0)
    for header in _comment_headers(lines.markers) + _footers(lines):
        if not first < header <= last:
            continue
        before = _max_segment(weights, first, header)
        if before is not None and before[0] >= enough and _has_prose(lines, before):
            return before[1], before[2]
    cut = _furniture_start(lines, weights, first, last, thresholds)
    if cut is not None and _has_prose(lines, (0.0, first, cut - 1)):
        return first, cut - 1
    return first, last


def _furniture_start(
    lines: Lines, weights: list[float], first: int, last: int, thresholds: dict[str, float]
) -> int | None:
    """The earliest line of the segment's end that is page furniture (a marker, or words
    of a subscription or follow box) with no unmarked prose after it (an inline teaser
    or share line is followed by more of the article), and at most ``tail_share`` of the
    segment's article weight after it (an "About" section's paragraphs do not count)."""
    share = thresholds.get("tail_share", 0.35)
    total = sum(w for w in weights[first : last + 1] if w > 0)
    # A press release's "About <company>" heading: the prose after it is boilerplate.
    about = next((i for i in range(last, first, -1) if lines.markers[i] is Marker.ABOUT), last + 1)
    after = 0.0
    found = None
    for index in range(last, first, -1):
        if weights[index] > 0 and index < about:
            after += weights[index]
        if after > share * (total - after):
            break
        if lines.markers[index] is not None or tail_marker(lines.texts[index].lower()):
            found = index
        elif lines.is_prose(index) and index < about and not lines.is_list_item(index):
            break  # article text after: what came after it was inline
    return found


def _has_prose(lines: Lines, segment: tuple[float, int, int]) -> bool:
    return any(lines.is_prose(i) for i in range(segment[1], segment[2] + 1))


def _footers(lines: Lines) -> list[int]:
    """Legal footers ("All rights reserved"): the end of a page, or of its main part."""
    return [
        index
        for index, found in enumerate(lines.markers)
        if found is Marker.LEGAL and footer(lines.texts[index].lower())
    ]


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


def _head(kinds: list[Part], first: int, lines: Lines, thresholds: dict[str, float]) -> None:
    """Lines above the body: the page header. The few lines right above it (headline,
    standfirst, byline, date) stay unless marked, and so does prose that starts the
    page; the rest goes: menus and labels are navigation, prose (teasers, promotions) is
    other text."""
    keep = int(thresholds.get("head_window", 4))
    markers = lines.markers
    # A page that starts with prose starts with its article (a standfirst, an intro
    # before a box): those lines stay, up to the first line that is not such prose.
    start = 0
    while start < first and markers[start] is None and lines.is_prose(start):
        start += 1
    for index in range(start, first):
        found = markers[index]
        if index >= first - keep and found in (None, Marker.CREDIT):
            continue  # headline, byline, date
        if found is Marker.COMMENTS:  # a comment count or button: no comments above
            kinds[index] = Part.NAVIGATION
        else:
            default = Part.OTHER if lines.is_prose(index) else Part.NAVIGATION
            kinds[index] = _kind_of(found, default)


def _tail(kinds: list[Part], last: int, lines: Lines) -> None:
    """Lines below the body: from the first that is page furniture on, nothing is the
    article; short unmarked lines right after the body (a list, a credit) stay, unless
    they are a list of links (list items after a body that did not announce a list).

    An unmarked line takes the part of the section it is in: a comment after a comment
    header, a headline after a "Related" header, the paragraph of an "About" section;
    other unmarked lines are other text."""
    count = len(kinds)
    markers = lines.markers
    start = next(
        (
            i
            for i in range(last + 1, count)
            if markers[i] is not None or tail_marker(lines.texts[i].lower())
        ),
        count,
    )
    _link_list(kinds, last, start, lines)
    section: Marker | None = None
    for index in range(start, count):
        found = markers[index]
        if section is Marker.COMMENTS and found is not None and _in_comment(lines, index):
            found = Marker.COMMENTS
        elif found is not None:
            section = found
        kinds[index] = _kind_of(found or _inherited(section, lines, index), Part.OTHER)


def _in_comment(lines: Lines, index: int) -> bool:
    """A marked line inside a comment section that is still a comment: a reply button,
    a "says:" line, or prose the model takes for text."""
    found = lines.markers[index]
    return found is Marker.COMMENTS or lines.log_odds[index] > 0


def _inherited(section: Marker | None, lines: Lines, index: int) -> Marker | None:
    """The marker an unmarked line of a section stands under, if any."""
    if section is Marker.COMMENTS or section is Marker.ABOUT:
        return section
    if section in NAVIGATION_MARKERS and not lines.is_prose(index):
        return section
    return None


def _link_list(kinds: list[Part], last: int, stop: int, lines: Lines) -> None:
    """List items between the body and the furniture, when the body's last line is
    neither a list item nor announces a list ("Here are the highlights:")."""
    if lines.is_list_item(last) or lines.ends_with_colon(last):
        return
    items = [i for i in range(last + 1, stop) if lines.is_list_item(i)]
    if len(items) >= 3 and items[0] == last + 1:
        for index in range(items[0], items[-1] + 1):
            kinds[index] = Part.NAVIGATION


def _inside(
    kinds: list[Part], first: int, last: int, lines: Lines, thresholds: dict[str, float]
) -> None:
    """Marked lines inside the body that the model does not take for article text."""
    limit = thresholds.get("inside_max_log_odds", 0.0)
    for index in range(first, last + 1):
        found = lines.markers[index]
        if found is not None and found is not Marker.COMMENTS and lines.log_odds[index] < limit:
            kinds[index] = _kind_of(found, Part.OTHER)


def _kind_of(found: Marker | None, default: Part) -> Part:
    if found is Marker.COMMENTS:
        return Part.COMMENTS
    if found in FURNITURE_MARKERS:
        return Part.FURNITURE
    if found in NAVIGATION_MARKERS:
        return Part.NAVIGATION
    return default
