"""The labelled units of the shared corpus as the structure view sees them: per page, the
feature rows newslint computes (its own code, so that the model and newslint cannot
disagree on them) and, per unit, the target and weight of the fit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from corpus import ARTICLE, DEFECT, Page

from newslint.model.document import Document
from newslint.structure import Units, page_units


@dataclass
class PageUnits:
    """A page, its document and units (None: the view says nothing, or the page is
    plainly an article and no unit is scored), and per unit the target (1: article text)
    and weight (labelled lines; 0 for a unit of residue only)."""

    page: Page
    document: Document
    units: Units | None
    targets: list[int]
    weights: list[int]


def page_units_of(page: Page) -> PageUnits:
    document = Document(page.text, "page", record=page.id, title=page.title, lang=page.lang)
    units = page_units(document)
    if units is None or units.rows is None:
        return PageUnits(page, document, None, [], [])
    numbers = document.paragraph_numbers
    targets, weights = [], []
    for first, last in units.groups:
        classes = [page.classes[numbers[i] - 1] for i in range(first, last + 1)]
        article, defect = classes.count(ARTICLE), classes.count(DEFECT)
        targets.append(int(article > defect))
        weights.append(article + defect)
    return PageUnits(page, document, units, targets, weights)


#: Paragraphs of one set kept for the fit: the whole pages hold ten times more than the
#: extractions, mostly menus alike; a sample of them teaches as much, in a third of the
#: time (the training runs in CI, tests/test_corpus_structure.py).
MAX_PER_SET = 10_000


def matrix(
    pages: list[PageUnits], max_per_set: int = MAX_PER_SET
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Rows, targets, weights (each set weighing the same) and set names of the
    labelled units of ``pages``, at most ``max_per_set`` of a set (a seeded sample)."""
    rows, targets, weights, sets = [], [], [], []
    for item in pages:
        if item.units is None:
            continue
        assert item.units.rows is not None
        for row, target, weight in zip(item.units.rows, item.targets, item.weights, strict=True):
            if weight and row is not None:  # plain prose is not scored by the trees
                rows.append(row)
                targets.append(target)
                weights.append(weight)
                sets.append(item.page.set_name)
    x = np.asarray(rows, dtype=np.float32)
    y = np.asarray(targets)
    w = np.asarray(weights, dtype=np.float64)
    s = np.asarray(sets)
    kept = _capped(s, max_per_set)
    x, y, w, s = x[kept], y[kept], w[kept], s[kept]
    for name in set(sets):
        chosen = s == name
        w[chosen] *= len(y) / (len(set(sets)) * w[chosen].sum())
    return x, y, w, s


def prose_log_odds(pages: list[PageUnits]) -> float:
    """How often a unit of plain prose (which the trees do not score) is article text in
    ``pages``, as log-odds: each set weighing the same, as in the fit."""
    found: dict[str, list[int]] = {}
    for item in pages:
        if item.units is None or item.units.rows is None:
            continue
        counts = found.setdefault(item.page.set_name, [0, 0])
        for row, target, weight in zip(item.units.rows, item.targets, item.weights, strict=True):
            if row is None and weight:
                counts[target] += weight
    shares = [article / (article + other) for other, article in found.values() if article + other]
    share = min(max(sum(shares) / len(shares), 0.02), 0.98)
    return float(np.log(share / (1.0 - share)))


def _capped(sets: np.ndarray, limit: int) -> np.ndarray:
    """Indexes of at most ``limit`` rows of each set, drawn with a fixed seed, in order."""
    rng = np.random.default_rng(0)
    kept = []
    for name in sorted(set(sets.tolist())):
        rows = np.flatnonzero(sets == name)
        if rows.size > limit:
            rows = np.sort(rng.choice(rows, size=limit, replace=False))
        kept.append(rows)
    return np.sort(np.concatenate(kept))
