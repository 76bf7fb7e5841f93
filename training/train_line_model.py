"""Train the structure view's line model on the labelled sets of the shared corpus and
write it to newslint/structure/line_model.json.

    pip install -r training/requirements.txt
    python training/train_line_model.py                 # fit on every page, write the model
    python training/train_line_model.py --held-out      # the held-out figures (see below)

The model is boosted decision trees over the features of the paragraphs of a page
(``newslint/structure/features.py``, the same code newslint runs: a paragraph's own
shape and that of its neighbours, its position, the run of alike paragraphs it is in),
predicting whether a paragraph is article text: lines the corpus leaves unlabelled are
article text, lines labelled ``defect`` are not, ``residue`` lines are left out; a
paragraph of several lines weighs as many lines. Each set weighs the same in the fit,
whatever its size. Pages that the view takes for plain articles (nothing scored) are
left out: the model never sees them.

The thresholds of the segmentation (``core/src/segment.rs``) are then chosen on the same pages,
each page scored by trees fitted without its site (two halves of the sites, each scored
by the trees of the other): each combination of a small grid is scored, the structure
view alone, by its mean recall over the sets minus 100 times its mean false positives
per article (one false positive in a hundred articles costs a point of recall); the
best is written with the trees fitted on every page.

``--held-out`` measures what the model does on pages it has never seen, in two ways:
by site (the pages split in two halves by a hash of the site, every set of a site on
the same side; fit on one half, measure on the other, and the other way round) and by
source (fit on the aeb pages, measure on the l3s pages, and the other way round). Each
fit chooses its thresholds on its own pages; each measurement runs the whole of
newslint with that model and scores the findings as the corpus's ``score.py`` does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DEFAULT_CORPUS, pages  # noqa: E402
from held_out import report, structure_scores  # noqa: E402
from labelled_units import PageUnits, matrix, page_units_of, prose_log_odds  # noqa: E402
from trees import export, fit_trees  # noqa: E402

from newslint.structure import unit_log_odds  # noqa: E402
from newslint.structure.features import NAMES  # noqa: E402
from newslint.structure.model import LineModel  # noqa: E402
from newslint.structure.paragraphs import DEFAULTS  # noqa: E402

MODEL_PATH = REPO / "newslint" / "structure" / "line_model.json"
#: The boosted trees: how many, how deep, how fast they learn.
TREES, DEPTH, RATE = 150, 3, 0.1
#: Thresholds of the segmentation (core/src/segment.rs) that are not searched.
FIXED_THRESHOLDS: dict[str, float] = {"clip": 4.0}
#: The values searched for the others, one threshold at a time from paragraphs.DEFAULTS
#: (coordinate descent, two rounds).
GRID: dict[str, tuple[float, ...]] = {
    "prose_min": (0.0, 0.5, 1.0, 1.5, 2.0),
    "prose_floor": (-99.0, 0.0, 1.0, 2.0),
    "bridge": (0, 6, 12, 24),
    "min_core_weight": (8.0, 12.0, 16.0),
    "tail_share": (0.2, 0.35, 0.5),
    "head_window": (3, 4, 5),
    "head_min": (-99.0, -3.0, -2.0, -1.0),
    "tail_max": (-99.0, -3.0, -2.0, -1.0),
    "inside_max_log_odds": (-2.0, -1.0, 0.0),
    "inside_min": (-99.0, -5.0, -4.0, -3.0),
    "other_max": (-99.0, -2.0, -1.0, 0.0),
}
#: Weight of false positives per article against recall (in points) in the search.
FP_WEIGHT = 100.0


def half_of(site: str) -> int:
    return int(hashlib.sha1(site.encode("utf-8")).hexdigest(), 16) % 2


def inner_half_of(site: str) -> int:
    return int(hashlib.sha1(f"inner {site}".encode()).hexdigest(), 16) % 2


def fit(items: list[PageUnits]) -> dict[str, Any]:
    """The model fitted on ``items``, with the thresholds chosen on them, each page
    scored by a model fitted without its site (:func:`out_of_fold_log_odds`)."""
    model = fit_trees_only(items)
    model["thresholds"] = choose_thresholds(items, out_of_fold_log_odds(items))
    return model


def out_of_fold_log_odds(items: list[PageUnits]) -> list[list[float]]:
    """Each page's log-odds from the trees fitted on the other half of the sites. The
    thresholds are chosen on these, not on the fitted pages' own: on its own pages the
    model is surer than on any new page, and the thresholds chosen there were far from
    the best on another source (see README.md, the fit's thresholds)."""
    log_odds: list[list[float]] = [[] for _ in items]
    # Not half_of's halves: the by-site measurement fits on one of those.
    halves = [inner_half_of(item.page.site) for item in items]
    for half in (0, 1):
        inside = [i for i, item in enumerate(items) if halves[i] == half]
        train = [item for i, item in enumerate(items) if halves[i] != half]
        scored = LineModel.from_dict(fit_trees_only(train))
        for i in inside:
            units = items[i].units
            log_odds[i] = unit_log_odds(units, scored) if units and units.rows else []
    return log_odds


def fit_trees_only(items: list[PageUnits]) -> dict[str, Any]:
    """The model's trees fitted on ``items``, with the fixed thresholds only."""
    x, y, w, s = matrix(items)
    trees = fit_trees(x, y, w, trees=TREES, depth=DEPTH, rate=RATE)
    model: dict[str, Any] = {
        "features": list(NAMES),
        **export(trees, DEPTH),
        "prose_log_odds": round(prose_log_odds(items), 5),
        "thresholds": dict(FIXED_THRESHOLDS),
        "trained_on": f"{len(y)} labelled paragraphs of {len(items)} pages "
        f"({len(set(s.tolist()))} sets)",
    }
    check = LineModel.from_dict(model).log_odds(x[:2000].tolist())
    assert np.allclose(check, trees.decision_function(x[:2000]), atol=1e-4), "export differs"
    return model


def choose_thresholds(items: list[PageUnits], log_odds: list[list[float]]) -> dict[str, float]:
    """The thresholds with the best score on ``items``, whose units have ``log_odds``
    (see the module docstring), searched one at a time over :data:`GRID`, twice round."""

    def objective(thresholds: dict[str, float]) -> float:
        scores = structure_scores(items, log_odds, thresholds).values()
        return sum(s.recall - FP_WEIGHT * s.fp_per_article for s in scores) / len(scores)

    best = {**DEFAULTS, **FIXED_THRESHOLDS}
    best_score = objective(best)
    for _ in range(2):
        for name, values in GRID.items():
            for value in values:
                if value == best[name]:
                    continue
                candidate = {**best, name: value}
                score = objective(candidate)
                if score > best_score:
                    best, best_score = candidate, score
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--held-out", action="store_true", help="measure on held-out pages")
    parser.add_argument("--output", type=Path, default=MODEL_PATH, help="where to write the model")
    args = parser.parse_args()
    started = time.perf_counter()
    items = [page_units_of(page) for page in pages(args.corpus)]
    print(f"{len(items)} pages read in {time.perf_counter() - started:.0f} s", flush=True)
    if args.held_out:
        report(items, fit, half_of)
        return
    model = fit(items)
    args.output.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: {model['trained_on']}; thresholds {model['thresholds']}")


if __name__ == "__main__":
    main()
