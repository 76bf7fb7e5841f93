"""The compiled core's segmentation (``core/src/segment.rs``: the body, what lies
around and inside it, the parts of the lines and the blocks) gives what the Python it
replaced gave: that Python is kept as the oracle in ``tests/segment_oracle.py`` and
``tests/sections_oracle.py``. Held on every page of the shared corpus (skipped, saying
why, without ../shared beside the repository) and on generated pages, whose rows,
log-odds, markers and texts reach the branches real pages seldom do (bridges, threads,
footers, layout tables, article lists, unicode digits and capitals)."""

from __future__ import annotations

import json

import hypothesis
import pytest
import segment_oracle as oracle
from hypothesis import strategies as st
from shared_sets import SETS, shared_set

import newslint._core as _core
from newslint.model.document import Document
from newslint.structure import Units, assemble, page_units, unit_log_odds
from newslint.structure.features import OWN
from newslint.structure.function_words import function_words
from newslint.structure.markers import Marker, marker_reader
from newslint.structure.model import line_model
from newslint.structure.paragraphs import DEFAULTS, Part, threshold_values

FUZZ = hypothesis.settings(deadline=None, derandomize=True, database=None, max_examples=1000)
MARKERS = {found: index for index, found in enumerate(Marker)}


def core_parts(
    units: Units, log_odds: list[float], thresholds: dict[str, float], lang: str = "en"
) -> tuple[list[Part], tuple[int, int] | None, list[tuple[Part, int, int]]]:
    words = function_words(lang)
    assert words is not None
    kinds, body, blocks = _core.page_parts(
        words.reader,
        marker_reader(),
        units.texts,
        units.own,
        log_odds,
        units.sizes,
        [None if found is None else MARKERS[found] for found in units.markers],
        units.groups,
        threshold_values(thresholds),
    )
    parts = tuple(Part)
    return [parts[k] for k in kinds], body, [(parts[p], a, b) for p, a, b in blocks]


def expected_parts(
    units: Units, log_odds: list[float], thresholds: dict[str, float]
) -> tuple[list[Part], tuple[int, int] | None, list[tuple[Part, int, int]]]:
    return oracle.page_parts(
        units.texts, units.own, log_odds, units.sizes, units.markers, units.groups, thresholds
    )


@pytest.mark.parametrize("name", SETS)
def test_the_core_segments_every_shared_page_as_python_did(name):
    path = shared_set(name)
    model = line_model()
    pages = 0
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        doc = Document(record["text"], "a", record=record["id"], lang=record.get("lang"))
        units = page_units(doc)
        if units is None or units.scored is None:
            continue
        odds = unit_log_odds(units, model)
        expected = expected_parts(units, odds, model.thresholds)
        found = assemble(doc, units, odds, model.thresholds)
        blocks = [(block.part, block.first, block.last) for block in found.blocks]
        assert (found.parts, found.body, blocks) == expected, record["id"]
        pages += 1
    assert pages > 0


#: Columns of an own row that hold flags or counts (the others hold shares or logs).
_COUNTS = {"pipes", "separators"}
_SHARES = {"function_share", "title_share", "number_share", "comma_rate", "log_words", "wrapped"}


def _row_values(name: str) -> st.SearchStrategy[float]:
    if name in _SHARES:
        return st.sampled_from([0.0, 0.2, 0.5, 0.6, 1.0, 1.4, 2.0])
    if name in _COUNTS:
        return st.sampled_from([0.0, 0.0, 1.0, 3.0])
    return st.sampled_from([0.0, 0.0, 0.0, 1.0])


ROWS = st.tuples(*(_row_values(name) for name in OWN)).map(list)
#: Texts of a generated page's units: what the segmentation reads of them (pipes,
#: figures, letters, capitals, bullets, invisible characters, repeated lines).
PIECES = st.one_of(
    st.sampled_from([*" |1234567890-•.)(aZ\t", "\u200b", "\ufeff", "٣", "²", "Ⅻ", "É"]),
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    st.sampled_from(["Home ", "News ", "2 cups ", "1. ", "- ", "All rights reserved", "inbox"]),
)
TEXTS = st.one_of(
    st.sampled_from(
        [
            "Home",
            "News | Sport",
            "| Sam | 68 |",
            "- 2 cups flour",
            "1. Step",
            "2) Bake for 20 minutes",
            "- Latest news from the city",
            "© 2024 Acme. All rights reserved.",
            "Sign up for our newsletter",
            "\u200b",
        ]
    ),
    st.lists(PIECES, min_size=1, max_size=12).map("".join),
).filter(bool)
ODDS = st.sampled_from([-9.0, -3.5, -3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0, 5.0])
UNITS = st.tuples(
    TEXTS,
    ROWS,
    ODDS,
    st.integers(1, 40),
    st.one_of(st.none(), st.none(), st.sampled_from(list(Marker))),
    st.integers(1, 3),
).map(lambda unit: (*unit[:4], Marker.LEGAL, *unit[5:]) if unit[0][0] == "©" else unit)
THRESHOLDS = st.one_of(
    st.just(None),
    st.fixed_dictionaries(
        {
            name: st.sampled_from([value, value + 1, value - 1, value + 3])
            for name, value in DEFAULTS.items()
        }
    ),
)
#: A page: runs of alike units (a menu, a list, comments, paragraphs of prose).
PAGE = st.lists(st.tuples(UNITS, st.integers(1, 6)), min_size=1, max_size=10).map(
    lambda runs: [unit for unit, times in runs for _ in range(times)]
)


@FUZZ
@hypothesis.given(PAGE, THRESHOLDS)
def test_the_core_segments_generated_pages_as_python_did(page, thresholds):
    texts, own, odds, sizes, markers, wraps = (list(column) for column in zip(*page, strict=True))
    groups, first = [], 0
    for wrap in wraps:
        groups.append((first, first + wrap - 1))
        first += wrap
    units = Units(texts, own, markers, sizes, [True] * len(texts), groups)
    chosen = line_model().thresholds if thresholds is None else thresholds
    assert core_parts(units, odds, chosen) == expected_parts(units, odds, chosen)


def test_the_core_refuses_lists_of_other_lengths():
    units = Units(["a", "b"], [[0.0] * len(OWN)] * 2, [None, None], [1, 1], [True, True], [(0, 0)])
    with pytest.raises(ValueError, match="differ in length"):
        core_parts(units, [0.0, 0.0], {})


def _unit(text: str, size: int, odds: float, **flags: float) -> tuple[str, list[float], float, int]:
    row = [0.0] * len(OWN)
    for name, value in flags.items():
        row[OWN.index(name)] = value
    return text, row, odds, size


def _list_page(items: list[str]) -> Units:
    """A page that opens with its intro, then a list (and a line of invisible
    characters) above the rest of the article: a run of navigation without evidence."""
    intro = "An intro that runs on like prose. " * 3
    prose = "The article goes on at length. " * 4
    units = [
        _unit(intro, 30, 5.0, function_share=1.0, sentence_end=1.0),
        *(_unit(item, len(item.split()), -3.0, list_item=1.0) for item in items),
        *[_unit(prose, 40, 5.0, sentence_end=1.0)] * 4,
    ]
    texts, own, _, sizes = (list(column) for column in zip(*units, strict=True))
    groups = [(i, i) for i in range(len(texts))]
    return Units(texts, own, [None] * len(texts), sizes, [True] * len(texts), groups)


#: The segmentation thresholds these list pages were written for (the shipped model's of
#: 2026-12-07): with a bridge over short units above the article, the items join the
#: body whatever their numbers say, and the test would no longer read them.
LIST_THRESHOLDS = {"bridge": 0, "min_core_weight": 16.0, "tail_share": 0.35, "prose_min": 2.0}


def _list_parts(units: Units) -> list[Part]:
    odds = [5.0 if size >= 30 else -3.0 for size in units.sizes]
    thresholds = {**line_model().thresholds, **LIST_THRESHOLDS}
    found = core_parts(units, odds, thresholds)
    assert found == expected_parts(units, odds, thresholds)
    return found[0]


def test_the_core_takes_an_article_list_back_as_python_did():
    """Quantities among words ("3 eggs"): the article's own list, taken back."""
    items = ["1. 2 cups flour", "- 3 eggs", "\u200b", "2)  200 g sugar", "- Salt"]
    parts = _list_parts(_list_page([*items, "- Pepper", "- Oil", "- 1 lemon", "- Thyme"]))
    assert parts[:6] == [Part.BODY] * 6


def test_the_core_reads_no_quantity_in_the_number_of_an_item_as_python_did():
    """ "1. Flour" holds the number of its item, no quantity: not the article's list."""
    items = ["1. Flour", "2. Eggs", "\u200b", "3) 200 g sugar", "- Salt"]
    parts = _list_parts(_list_page([*items, "- Pepper", "- Oil", "- 1 lemon", "- Thyme"]))
    assert parts[1:3] == [Part.OTHER] * 2
