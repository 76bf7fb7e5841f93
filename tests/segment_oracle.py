"""From paragraph scores to parts of the page: the article body, and around or inside it
the page header, navigation and link lists, page furniture, reader comments and other
text that is not the article.

The body is found here (:func:`core`); what lies above, below and inside it is judged in
:mod:`.sections`. The thresholds come with the model (``line_model.json``), chosen by
the training script on labelled pages; :data:`DEFAULTS` holds a value for each.

The segmentation as Python computed it before the compiled core took it over
(``core/src/segment.rs``): kept, with ``sections_oracle.py``, as the oracle of
``test_segment_parity.py``. Not used at run time.
"""

from __future__ import annotations

from math import sqrt

import sections_oracle as sections
from sections_oracle import Lines

from newslint.structure.markers import Marker, footer
from newslint.structure.paragraphs import Part, threshold


def parts(lines: Lines, thresholds: dict[str, float]) -> tuple[list[Part], tuple[int, int] | None]:
    """The part of each paragraph and the (first, last) index of the body."""
    count = len(lines.texts)
    found = core(lines, thresholds)
    if found is None:
        return [Part.BODY] * count, None
    first, last = found
    kinds = [Part.BODY] * count
    sections.head(kinds, first, lines, thresholds)
    sections.tail(kinds, last, lines, thresholds)
    sections.inside(kinds, first, last, lines, thresholds)
    sections.require_navigation_evidence(kinds, lines, thresholds)
    return kinds, (first, last)


def core(lines: Lines, thresholds: dict[str, float]) -> tuple[int, int] | None:
    """The article body: the densest run of article-like paragraphs, cut where the page
    furniture starts.

    The run is the segment of greatest total weight, a paragraph weighing its log-odds
    times the square root of its length, so that long prose pulls short lines between
    paragraphs (subheadings) in and a run of short non-article lines pushes out. But
    comments, promotions and press-release boilerplate are prose too: the body ends
    before a comment header that follows enough article text (a comment count in the
    byline starts nothing), and before the first line of furniture (a marker, or words
    of a subscription or follow box) after which little prose is left."""
    limit = threshold(thresholds, "clip")
    weights = [
        max(-limit, min(limit, z)) * sqrt(min(n, 64))
        for z, n in zip(lines.log_odds, lines.sizes, strict=True)
    ]
    segment = _max_segment(weights, 0, len(weights))
    if segment is None:
        return None
    _, first, last = segment
    enough = threshold(thresholds, "min_core_weight")
    for header in _comment_headers(lines) + _footers(lines):
        if not first < header <= last:
            continue
        before = _max_segment(weights, first, header)
        if before is not None and before[0] >= enough and _has_prose(lines, before):
            return before[1], before[2]
    cut = _furniture_start(lines, weights, first, last, thresholds)
    if cut is not None and _has_prose(lines, (0.0, first, cut - 1)):
        last = cut - 1
    return _bridged(lines, first, int(threshold(thresholds, "bridge"))), last


def _bridged(lines: Lines, first: int, reach: int) -> int:
    """The body's first paragraph, taken up over at most ``reach`` paragraphs that are
    neither marked nor links (a list, headings: "Ingredients", "- 225g sugar") to the
    prose of an intro above them, while there is such prose."""
    while True:
        index = first - 1
        while index >= 0 and first - index <= reach and _bridgeable(lines, index):
            index -= 1
        if index < 0 or first - index > reach or not _intro(lines, index):
            return first
        while index > 0 and _intro(lines, index - 1):
            index -= 1
        first = index


def _bridgeable(lines: Lines, index: int) -> bool:
    if lines.furniture_words(index) or lines.is_prose(index):
        return False
    return not (
        lines.feature(index, "link")
        or lines.feature(index, "pipes")
        or lines.feature(index, "separators")
        or lines.feature(index, "repeated")
        or lines.feature(index, "no_letter")
    )


def _intro(lines: Lines, index: int) -> bool:
    return lines.is_prose(index) and not lines.furniture_words(index)


def _furniture_start(
    lines: Lines, weights: list[float], first: int, last: int, thresholds: dict[str, float]
) -> int | None:
    """The earliest line of the segment's end that is page furniture (a marker, or words
    of a subscription or follow box) with no unmarked prose after it (an inline teaser
    or share line is followed by more of the article), and at most ``tail_share`` of the
    segment's article weight after it (an "About" section's paragraphs do not count)."""
    share = threshold(thresholds, "tail_share")
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
        if lines.furniture_words(index):
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


def _comment_headers(lines: Lines) -> list[int]:
    """Paragraphs that open a comment section: comment markers, but for a "Comment"
    button in a row of share buttons; the first signature of a comment thread."""
    markers = lines.markers
    last = len(markers) - 1
    found = [
        index
        for index, marker in enumerate(markers)
        if marker is Marker.COMMENTS
        and not (index > 0 and markers[index - 1] is Marker.SHARE)
        and not (index < last and markers[index + 1] is Marker.SHARE)
    ]
    if lines.thread:
        found.append(markers.index(Marker.SIGNATURE))
    return sorted(found)


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


def page_parts(
    texts: list[str],
    rows: list[list[float]],
    log_odds: list[float],
    sizes: list[int],
    markers: list[Marker | None],
    groups: list[tuple[int, int]],
    thresholds: dict[str, float],
) -> tuple[list[Part], tuple[int, int] | None, list[tuple[Part, int, int]]]:
    """What ``structure.assemble`` computed of a page's units before the core: the part
    of each line, the (first, last) lines of the body and the (part, first, last) lines
    of each block (the core's ``page_parts``)."""
    lines = sections.lines_of(texts, rows, log_odds, sizes, markers, thresholds)
    kinds, body = parts(lines, thresholds)
    if len(groups) < groups[-1][1] + 1:  # from paragraphs to their lines
        unit = [index for index, (first, last) in enumerate(groups) for _ in range(first, last + 1)]
        kinds = [kinds[i] for i in unit]
        body = body and (groups[body[0]][0], groups[body[1]][1])
    blocks: list[tuple[Part, int, int]] = []
    for index, part in enumerate(kinds):
        if part is Part.BODY:
            continue
        if blocks and blocks[-1][0] is part and blocks[-1][2] == index - 1:
            blocks[-1] = (part, blocks[-1][1], index)
        else:
            blocks.append((part, index, index))
    return kinds, body, blocks
