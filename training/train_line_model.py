"""Train the structure view's line model on the labelled sets of the shared corpus and
write it to newslint/structure/line_model.json.

    pip install -r training/requirements.txt
    python training/train_line_model.py                 # fit on every page, write the model
    python training/train_line_model.py --held-out      # fit on half of the sites, measure on the other half

The model is a logistic regression over the per-line features of
``newslint/structure/features.py`` (the same code newslint runs), predicting whether a
line is article text: lines the corpus leaves unlabelled are article text, lines
labelled ``defect`` are not, ``residue`` lines (headline, byline just above the body)
are left out. Each of the six sets weighs the same in the fit, whatever its size.

The thresholds of the segmentation (``segment.py``) are then chosen on the same pages:
each combination of a small grid is scored, the structure view alone, by its mean
recall over the six sets minus 100 times its mean false positives per article (one
false positive in a hundred articles costs a point of recall); the best is written.

``--held-out`` splits the pages by site (a hash of the host name, so that one site's
pages, in every set, fall on the same side), fits on one half and runs the whole of
newslint, with that model, on the pages of the other half of every set, scored as
``score.py`` scores (recall of defect lines at warning level, false positives per
article); then the other way round. The sum of both directions is printed next to the
same figures for the shipped model, which has seen every page.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ARTICLE, DEFAULT_CORPUS, DEFECT, Page, pages  # noqa: E402
from held_out import report, structure_scores  # noqa: E402

from newslint.structure.features import NAMES, line_features  # noqa: E402
from newslint.structure.function_words import function_words  # noqa: E402
from newslint.structure.model import LineModel  # noqa: E402

MODEL_PATH = REPO / "newslint" / "structure" / "line_model.json"
#: Thresholds of segment.py that are not searched.
FIXED_THRESHOLDS = {"clip": 4.0, "inside_max_log_odds": 0.0}
#: The grid searched for the others.
GRID = {
    "head_window": (3, 4, 5),
    "min_core_weight": (8.0, 12.0, 16.0),
    "tail_share": (0.2, 0.35, 0.5),
}
#: Weight of false positives per article against recall (in points) in the search.
FP_WEIGHT = 100.0


def half_of(site: str) -> int:
    return int(hashlib.sha1(site.encode("utf-8")).hexdigest(), 16) % 2


def examples(page: Page) -> tuple[list[list[float]], list[int], list[bool]]:
    """Feature rows, targets (1: article text, 0: not) and plain-prose flags (lines
    newslint does not score) of a page's labelled lines."""
    words = function_words(page.lang)
    if words is None:
        return [], [], []
    lines = page.text.split("\n")
    kept = [i for i, c in enumerate(page.classes) if c in (ARTICLE, DEFECT)]
    numbers = [i for i, c in enumerate(page.classes) if c != "blank"]
    texts = [lines[i].strip() for i in numbers]
    rows, _, _ = line_features(texts, words, every_line=True)
    plain, _, _ = line_features(texts, words)
    by_number = dict(zip(numbers, zip(rows, plain, strict=True), strict=True))
    return (
        [by_number[i][0] for i in kept],  # type: ignore[misc]
        [int(page.classes[i] == ARTICLE) for i in kept],
        [by_number[i][1] is None for i in kept],
    )


def fit(all_pages: list[Page]) -> dict[str, object]:
    rows: list[list[float]] = []
    targets: list[int] = []
    sets: list[str] = []
    plain: list[bool] = []
    for page in all_pages:
        x, y, p = examples(page)
        rows += x
        targets += y
        plain += p
        sets += [page.set_name] * len(y)
    X, Y, S = np.array(rows), np.array(targets), np.array(sets)
    weight = np.ones(len(Y))
    for name in set(sets):
        weight[name == S] = len(Y) / (len(set(sets)) * (name == S).sum())
    mean, scale = X.mean(axis=0), X.std(axis=0) + 1e-9
    model = LogisticRegression(C=1.0, max_iter=5000)
    model.fit((X - mean) / scale, Y, sample_weight=weight)
    w = model.coef_[0] / scale
    b = model.intercept_[0] - float((model.coef_[0] * mean / scale).sum())
    prose = float(np.median(X[np.array(plain)] @ w + b))
    model = {
        "features": list(NAMES),
        "weights": [round(float(v), 5) for v in w],
        "bias": round(float(b), 5),
        "prose_log_odds": round(prose, 5),
        "thresholds": dict(FIXED_THRESHOLDS),
        "trained_on": f"{len(Y)} labelled lines of {len(all_pages)} pages ({len(set(sets))} sets)",
    }
    model["thresholds"] = choose_thresholds(all_pages, model)
    return model


def choose_thresholds(all_pages: list[Page], model: dict[str, object]) -> dict[str, float]:
    """The grid point with the best score on ``all_pages`` (see the module docstring)."""
    best: tuple[float, dict[str, float]] | None = None
    for values in itertools.product(*GRID.values()):
        thresholds = {**FIXED_THRESHOLDS, **dict(zip(GRID, values, strict=True))}
        candidate = LineModel.from_dict({**model, "thresholds": thresholds})
        scores = structure_scores(all_pages, candidate).values()
        objective = sum(s.recall - FP_WEIGHT * s.fp_per_article for s in scores) / len(scores)
        if best is None or objective > best[0]:
            best = (objective, thresholds)
    assert best is not None
    return best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--held-out", action="store_true", help="measure on held-out sites")
    parser.add_argument("--output", type=Path, default=MODEL_PATH, help="where to write the model")
    args = parser.parse_args()
    all_pages = list(pages(args.corpus))
    if args.held_out:
        report(all_pages, fit, half_of)
        return
    model = fit(all_pages)
    args.output.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: {model['trained_on']}; thresholds {model['thresholds']}")
    for name, weight in zip(NAMES, model["weights"], strict=True):  # type: ignore[call-overload]
        print(f"  {name:16} {weight:+.3f}")


if __name__ == "__main__":
    main()
