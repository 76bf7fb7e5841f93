"""What lies around and inside the article body: the page header above it, the furniture,
link lists and comments below it, marked lines inside it; and the evidence a run of
lines needs to be called navigation (a list that is the article is not a menu). With
the paragraphs as the segmentation reads them (:class:`Lines`).

The segmentation as Python computed it before the compiled core took it over
(``core/src/segment.rs``): kept, with ``segment_oracle.py``, as the oracle of
``test_segment_parity.py``. Not used at run time."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newslint.structure.features import OWN
from newslint.structure.markers import Marker, tail_marker
from newslint.structure.paragraphs import Part, threshold

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


FURNITURE_MARKERS = frozenset(
    {Marker.SHARE, Marker.SUBSCRIBE, Marker.LEGAL, Marker.CREDIT, Marker.ABOUT, Marker.CMS}
)
NAVIGATION_MARKERS = frozenset({Marker.RELATED, Marker.NAVIGATION, Marker.TAGS})
COMMENT_MARKERS = frozenset({Marker.COMMENTS, Marker.SIGNATURE})
#: The least share of items holding a quantity among words in a run the article goes on
#: with. On the eight extracted and whole-page sets of ../shared/corpus, 17 runs right
#: under article prose have no navigation evidence and are rejected by the model: 16
#: hold at most a fifth of such items (menus, sections, captions, a table of bare
#: figures, quoted prose), the one article list (a meal plan) two thirds. Sentences do
#: not count: teaser lists are sentences, and counting them kept related links as the
#: article on sources the model had not seen (leave one source out).
ARTICLE_LIST_SHARE = 1 / 3
#: Characters that show nothing (zero-width spaces and joiners, byte order marks).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
#: The bullet or number that starts a list item ("- ", "2. ", "3) ").
_ENUMERATION = re.compile(r"^[-–—*+•·▪►>◦‣\s]*(?:\d{1,3}[.)]\s+)?")
#: A paragraph of at most this many words is a label, a menu item, a table cell.
SHORT = 4


def head(kinds: list[Part], first: int, lines: Lines, thresholds: dict[str, float]) -> None:
    """Paragraphs above the body: the page header. The few right above it (headline,
    standfirst, byline, date) stay unless marked or plainly not text, and so does prose
    that starts the page; the rest goes: menus and labels are navigation, prose (teasers,
    promotions) is other text."""
    keep = int(threshold(thresholds, "head_window"))
    # A page that starts with prose starts with its article (a standfirst, an intro
    # before a box): those paragraphs stay, up to the first that is not such prose.
    start = 0
    while start < first and lines.marker(start) is None and lines.is_prose(start):
        start += 1
    # The headline, byline and date come after the menu: the zone they may hold is the
    # last ``keep`` paragraphs above the body, after the last marked one.
    zone = first - keep
    for index in range(first - 1, max(start, first - keep) - 1, -1):
        if not _headline_zone(lines, index, thresholds):
            zone = index + 1
            break
    for index in range(start, first):
        found = lines.marker(index)
        if index >= zone:
            continue  # headline, byline, date
        if found in COMMENT_MARKERS:  # a comment count or button: no comments above
            kinds[index] = Part.NAVIGATION
        else:
            default = Part.OTHER if lines.is_prose(index) else Part.NAVIGATION
            kinds[index] = kind_of(found, default)


def _headline_zone(lines: Lines, index: int, thresholds: dict[str, float]) -> bool:
    """A paragraph right above the body that may be its headline, byline or date: not
    marked (but as a credit), with letters, not a row of a table, and not plainly
    something else by the model."""
    if lines.marker(index) not in (None, Marker.CREDIT):
        return False
    if lines.feature(index, "no_letter") or _layout_row(lines, index):
        return False
    return lines.log_odds[index] >= threshold(thresholds, "head_min")


def tail(kinds: list[Part], last: int, lines: Lines, thresholds: dict[str, float]) -> None:
    """Paragraphs below the body: from the first that is page furniture on, nothing is
    the article; short lines right after the body (a list, a credit) stay, unless they
    are a list of links, rows of a table or labels the model rejects.

    An unmarked paragraph takes the part of the section it is in: a comment after a
    comment header, a headline after a "Related" header, the paragraph of an "About"
    section; other unmarked paragraphs are other text."""
    count = len(kinds)
    start = next((i for i in range(last + 1, count) if lines.furniture_words(i)), count)
    _link_list(kinds, last, start, lines)
    _residue_after(kinds, last, start, lines, thresholds)
    section: Marker | None = None
    for index in range(start, count):
        found = lines.marker(index)
        if section is Marker.COMMENTS and found is not None and _in_comment(lines, index):
            found = Marker.COMMENTS
        elif found is Marker.SIGNATURE:
            found = section = Marker.COMMENTS
        elif found is not None:
            section = found
        kinds[index] = kind_of(found or _inherited(section, lines, index), Part.OTHER)


def _residue_after(
    kinds: list[Part], last: int, stop: int, lines: Lines, thresholds: dict[str, float]
) -> None:
    """Between the body and the furniture: lines without a letter, rows of a layout table
    ("| | |", "| Sport | Business |"), and, after the last prose, labels (a few words,
    no sentence) the model rejects."""
    floor = threshold(thresholds, "tail_max")
    prose_after = False
    for index in range(stop - 1, last, -1):
        if kinds[index] is not Part.BODY:
            continue
        residue = lines.feature(index, "no_letter") or _layout_row(lines, index)
        rejected = not prose_after and _label(lines, index) and lines.log_odds[index] < floor
        if residue or rejected:
            kinds[index] = Part.NAVIGATION
        prose_after = prose_after or lines.is_prose(index)


def _layout_row(lines: Lines, index: int) -> bool:
    """A row of a layout table: cells of a few words, no figures, and no row of figures
    beside it (a table of the article holds figures: "| Player | Plays |" above
    "| Sam Ortega | 68 |")."""
    if not _pipe_row(lines, index) or _has_figures(lines.texts[index]):
        return False
    cells = [cell.split() for cell in lines.texts[index].split("|")]
    if any(len(cell) > SHORT for cell in cells):
        return False
    near = (i for i in (index - 1, index + 1) if 0 <= i < len(lines.texts))
    return not any(_pipe_row(lines, i) and _has_figures(lines.texts[i]) for i in near)


def _pipe_row(lines: Lines, index: int) -> bool:
    return bool(lines.feature(index, "pipes"))


def _has_figures(text: str) -> bool:
    return any(char.isdigit() for char in text)


def _label(lines: Lines, index: int) -> bool:
    """A few words that end no sentence and hold none of the language's commonest words
    ("Great deals online", not "For the", which starts a sentence)."""
    return (
        lines.sizes[index] <= SHORT
        and not lines.feature(index, "sentence_end")
        and not lines.feature(index, "function_share")
        and not lines.is_list_item(index)
    )


def _in_comment(lines: Lines, index: int) -> bool:
    """A marked paragraph inside a comment section that is still a comment: a reply
    button, a "says:" line, a signature, or prose the model takes for text."""
    found = lines.marker(index)
    return found in COMMENT_MARKERS or lines.log_odds[index] > 0


def _inherited(section: Marker | None, lines: Lines, index: int) -> Marker | None:
    """The marker an unmarked paragraph of a section stands under, if any."""
    if section is Marker.COMMENTS or section is Marker.ABOUT:
        return section
    if section in NAVIGATION_MARKERS and not lines.is_prose(index):
        return section
    return None


def _link_list(kinds: list[Part], last: int, stop: int, lines: Lines) -> None:
    """A list that ends the body or follows it, when no paragraph announces it ("Here
    are the highlights:") and its items look like links: headlines, dates, addresses,
    not sentences, quantities or numbered steps. The body may have taken its first
    items in."""
    first = last + 1
    while first > 0 and lines.is_list_item(first - 1):
        first -= 1
    if first == 0 or lines.ends_with_colon(first - 1) or _heading(lines, first - 1):
        return  # announced ("Here are the highlights:") or under a heading ("Qualified teams")
    end = first
    while end < stop and lines.is_list_item(end):
        end += 1
    items = range(first, end)
    if len(items) < 3 or end <= last + 1:
        return
    if sum(1 for i in items if lines.texts[i][0].isdigit()) * 2 > len(items):
        return  # a numbered list: steps, a ranking ("Most read" lists come with a header)
    linked = sum(1 for i in items if _link_like(lines, i) or _headline_like(lines, i))
    if 2 * linked <= len(items):
        return
    for index in items:
        kinds[index] = Part.NAVIGATION


def _heading(lines: Lines, index: int) -> bool:
    """An unmarked subheading: a few words that end no sentence ("Qualified teams"; a
    "Related stories" header is marked)."""
    return (
        lines.marker(index) is None
        and lines.sizes[index] <= SHORT
        and not lines.feature(index, "sentence_end")
        and not lines.feature(index, "no_letter")
    )


def _link_like(lines: Lines, index: int, repeated: bool | None = None) -> bool:
    """An address, a row of links ("Home | News", "Sport » Football": no figures, which a
    row of a table has), a repeated line (``repeated``: whether it counts as one, by
    default whether it occurs elsewhere in the page)."""
    if repeated is None:
        repeated = bool(lines.feature(index, "repeated"))
    if lines.feature(index, "link") or repeated:
        return True
    separated = lines.feature(index, "pipes") or lines.feature(index, "separators")
    return bool(separated) and not _has_figures(lines.texts[index])


def _headline_like(lines: Lines, index: int) -> bool:
    """A headline: a few words to a dozen, capitalised or dated, that end no sentence and
    start with no quantity ("- 225g flour" is an ingredient)."""
    if lines.feature(index, "sentence_end") or not 3 <= lines.sizes[index] <= 16:
        return False
    if lines.feature(index, "date_time") or lines.feature(index, "title_share") >= 0.6:
        return True
    text = lines.texts[index].lstrip("-–—*+•·▪►>o◦‣ \t")
    return text[:1].isupper()


def inside(
    kinds: list[Part], first: int, last: int, lines: Lines, thresholds: dict[str, float]
) -> None:
    """Paragraphs inside the body that the model does not take for article text: marked
    ones below ``inside_max_log_odds``, unmarked ones below ``inside_min``."""
    marked_limit = threshold(thresholds, "inside_max_log_odds")
    unmarked_limit = threshold(thresholds, "inside_min")
    for index in range(first, last + 1):
        found = lines.marker(index)
        odds = lines.log_odds[index]
        if found is None:
            if odds < unmarked_limit and not _kept_inside(lines, index, last):
                kinds[index] = Part.OTHER
        elif found is not Marker.COMMENTS and odds < marked_limit:
            kinds[index] = kind_of(found, Part.OTHER)


def _kept_inside(lines: Lines, index: int, last: int) -> bool:
    """A list item, or a subheading: a few words that end no sentence (or ask, or
    announce: "Think about it:") with article prose after them."""
    if lines.is_list_item(index):
        return True
    if lines.sizes[index] > 10 or (
        lines.feature(index, "sentence_end") and not _asks(lines, index)
    ):
        return False
    return index < last and lines.is_prose(index + 1)


def _asks(lines: Lines, index: int) -> bool:
    return bool(lines.feature(index, "question_end"))


def require_navigation_evidence(
    kinds: list[Part], lines: Lines, thresholds: dict[str, float]
) -> None:
    """A run of navigation needs navigation evidence: a menu or related-links marker,
    items that look like links (addresses, rows of links, repeated lines, headlines
    with dates), or a place at the edge of the page (nothing but the page's header or
    footer between it and the top or the bottom). A run without evidence is the article
    (a list of steps, ingredients, ranks), or other text when the model rejects it, but
    for the article's own list that goes on from its prose (:func:`_article_list`). A
    line the run alone repeats is no link when it says something: a plan repeats its
    own days."""
    limit = threshold(thresholds, "other_max")
    copies = Counter(lines.texts)
    for run_first, run_last in _runs(kinds, Part.NAVIGATION):
        # A menu or "Related" marker is evidence for its own section, below it: the lines
        # above it in the run need their own.
        marked = next(
            (i for i in range(run_first, run_last + 1) if lines.marker(i) in NAVIGATION_MARKERS),
            None,
        )
        if marked is None or marked == run_first:
            pieces = [(run_first, run_last)]
        else:
            pieces = [(run_first, marked - 1), (marked, run_last)]
        for first, last in pieces:
            if _has_evidence(kinds, lines, first, last, copies):
                continue
            odds = lines.log_odds[first : last + 1]
            if sum(odds) / len(odds) >= limit:
                part = Part.BODY
            elif _article_list(lines, first, last):
                _take_into_body(kinds, lines, first, last)
                continue
            else:
                part = Part.OTHER
            for index in range(first, last + 1):
                kinds[index] = part


def _article_list(lines: Lines, first: int, last: int) -> bool:
    """A run of at least three paragraphs that goes on from article prose (its intro
    right above it) and whose items hold quantities among words (at least
    ``ARTICLE_LIST_SHARE`` of them, the rest being its subheadings and instructions): the
    article's own list (a recipe, a plan, a ranking with its figures), however short its
    lines and however low the model scores them."""
    count = last - first + 1
    above = first - 1
    if count < 3 or above < 0 or not lines.is_prose(above) or lines.furniture_words(above):
        return False
    items = sum(1 for i in range(first, last + 1) if _quantity_item(lines, i))
    return items >= ARTICLE_LIST_SHARE * count


def _take_into_body(kinds: list[Part], lines: Lines, first: int, last: int) -> None:
    """The run is the article; above the body, so is the unmarked prose right above it,
    its intro (which the page header above the body took for other text)."""
    above_body = all(kind is not Part.BODY for kind in kinds[:first])
    for index in range(first, last + 1):
        kinds[index] = Part.BODY
    index = first - 1 if above_body else -1
    while (
        index >= 0
        and kinds[index] is Part.OTHER
        and lines.is_prose(index)
        and not lines.furniture_words(index)
    ):
        kinds[index] = Part.BODY
        index -= 1


def _has_evidence(
    kinds: list[Part], lines: Lines, first: int, last: int, copies: Counter[str]
) -> bool:
    if any(lines.marker(i) in NAVIGATION_MARKERS for i in range(first, last + 1)):
        return True
    # A line of nothing but invisible characters is a blank line, no item: repeated,
    # it would pass for a link.
    items = [i for i in range(first, last + 1) if lines.texts[i].strip(_INVISIBLE)]
    count = len(items)
    if not count:
        return True  # nothing visible: not the article either
    at_edge = _edge(kinds, lines, range(first)) or _edge(kinds, lines, range(last + 1, len(kinds)))
    menu = sum(1 for i in items if _menu_like(lines, i))
    if at_edge and 2 * menu > count:
        return True
    inside = Counter(lines.texts[first : last + 1])
    linked = sum(1 for i in items if _linked_in_run(lines, i, copies, inside))
    if 2 * linked >= count:
        return True
    # Headlines are evidence below the article (a list of related stories); above it, a
    # list of dated results or a calendar is as likely the article itself.
    below_body = any(kind is Part.BODY for kind in kinds[:first])
    headlines = sum(1 for i in items if _headline_like(lines, i))
    return below_body and count >= 3 and 2 * headlines > count


def _linked_in_run(lines: Lines, index: int, copies: Counter[str], inside: Counter[str]) -> bool:
    """Link-like within a run. A repeated line counts, but for an item of text that the
    run alone repeats: a plan per day or a recipe per serving repeats its own lines
    ("Bake for 20 minutes", "1 cup rice"), where a menu or a teaser recurs elsewhere
    on the page."""
    text = lines.texts[index]
    own = copies[text] == inside[text] and _text_item(lines, index)
    return _link_like(lines, index, repeated=bool(lines.feature(index, "repeated")) and not own)


def _quantity_item(lines: Lines, index: int) -> bool:
    """An item that holds a quantity among words ("2 cups flour", "Bake for 20 minutes";
    a date, or the number of a numbered list, is not one)."""
    text = _ENUMERATION.sub("", lines.texts[index])  # "2. A headline" holds no quantity
    return (
        _has_figures(text)
        and any(char.isalpha() for char in text)
        and not lines.feature(index, "date_time")
    )


def _text_item(lines: Lines, index: int) -> bool:
    """An item that says something: a quantity among words or a sentence."""
    return bool(lines.feature(index, "sentence_end")) or _quantity_item(lines, index)


def _edge(kinds: list[Part], lines: Lines, between: range) -> bool:
    """Nothing of the article between a run and the page's top or bottom: no paragraph
    of the body, and no prose (a run under an intro is in the middle of something)."""
    return all(kinds[i] is not Part.BODY and not lines.is_prose(i) for i in between)


def _menu_like(lines: Lines, index: int) -> bool:
    """A menu item: a few words, no sentence, no quantity."""
    return (
        lines.sizes[index] <= 6
        and not lines.feature(index, "sentence_end")
        and not lines.feature(index, "number_share")
    )


def _runs(kinds: list[Part], part: Part) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for index, kind in enumerate(kinds):
        if kind is not part:
            continue
        if found and found[-1][1] == index - 1:
            found[-1] = (found[-1][0], index)
        else:
            found.append((index, index))
    return found


def kind_of(found: Marker | None, default: Part) -> Part:
    if found in COMMENT_MARKERS:
        return Part.COMMENTS
    if found in FURNITURE_MARKERS:
        return Part.FURNITURE
    if found in NAVIGATION_MARKERS:
        return Part.NAVIGATION
    return default
