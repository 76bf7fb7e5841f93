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
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ARTICLE, DEFAULT_CORPUS, DEFECT, Page, pages  # noqa: E402

from newslint.structure.features import NAMES, line_features  # noqa: E402
from newslint.structure.function_words import function_words  # noqa: E402

MODEL_PATH = REPO / "newslint" / "structure" / "line_model.json"
#: Thresholds of segment.py, written with the weights.
THRESHOLDS = {
    "clip": 4.0,
    "min_core_weight": 12.0,
    "head_window": 4,
    "inside_max_log_odds": 0.0,
    "tail_share": 0.35,
}


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
    return {
        "features": list(NAMES),
        "weights": [round(float(v), 5) for v in w],
        "bias": round(float(b), 5),
        "prose_log_odds": round(prose, 5),
        "thresholds": THRESHOLDS,
        "trained_on": f"{len(Y)} labelled lines of {len(all_pages)} pages ({len(set(sets))} sets)",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--held-out", action="store_true")
    args = parser.parse_args()
    all_pages = list(pages(args.corpus))
    if args.held_out:
        from held_out import report

        report(all_pages, fit, half_of, args.corpus)
        return
    model = fit(all_pages)
    MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH.relative_to(REPO)}: {model['trained_on']}")
    for name, weight in zip(NAMES, model["weights"], strict=True):  # type: ignore[call-overload]
        print(f"  {name:16} {weight:+.3f}")


if __name__ == "__main__":
    main()
