"""Boosted trees fitted with scikit-learn, written in the form newslint evaluates
(``newslint/structure/model.py``): per tree, a complete binary tree of fixed depth."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier


def fit_trees(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray, *, trees: int, depth: int, rate: float
) -> GradientBoostingClassifier:
    model = GradientBoostingClassifier(
        n_estimators=trees,
        max_depth=depth,
        learning_rate=rate,
        subsample=0.8,
        min_samples_leaf=20,
        random_state=0,
    )
    model.fit(x, y, sample_weight=weight)
    return model


def export(model: GradientBoostingClassifier, depth: int) -> dict[str, Any]:
    """The trees of ``model`` padded to ``depth``, the learning rate folded into the
    leaves, and the base score: ``base + sum of leaves`` is the decision function."""
    features, splits, leaves = [], [], []
    rate = model.learning_rate
    for estimator in model.estimators_[:, 0]:
        f, t, v = _complete(estimator.tree_, depth)
        features.append(f)
        splits.append(t)
        leaves.append([round(rate * value, 6) for value in v])
    probe = np.zeros((1, model.n_features_in_), dtype=np.float32)
    base = float(model.decision_function(probe)[0]) - sum(
        rate * float(e.predict(probe)[0]) for e in model.estimators_[:, 0]
    )
    return {
        "base": round(base, 6),
        "trees": {"feature": features, "threshold": splits, "leaf": leaves},
    }


def _float32_below(threshold: float) -> float:
    """The greatest float32 at most ``threshold``, written with the 9 digits that
    read back to it: for float32 features x, ``x <= threshold`` is unchanged."""
    value = np.float32(threshold)
    if float(value) > threshold:
        value = np.nextafter(value, np.float32(-np.inf))
    return float(f"{float(value):.9g}")


def _complete(tree: Any, depth: int) -> tuple[list[int], list[float | None], list[float]]:
    """Inner nodes (feature, threshold; None: always left) breadth first and leaves of
    ``tree`` as a complete tree of ``depth``."""
    inner = 2**depth - 1
    features = [0] * inner
    splits: list[float | None] = [None] * inner
    leaves = [0.0] * (2**depth)

    def walk(node: int, slot: int, level: int) -> None:
        left, right = tree.children_left[node], tree.children_right[node]
        value = float(tree.value[node][0][0])
        if level == depth:
            leaves[slot - inner] = value
            return
        if left == -1:  # a leaf above the full depth: every path below ends here
            walk_leaf(value, slot, level)
            return
        features[slot] = int(tree.feature[node])
        splits[slot] = _float32_below(float(tree.threshold[node]))
        walk(left, 2 * slot + 1, level + 1)
        walk(right, 2 * slot + 2, level + 1)

    def walk_leaf(value: float, slot: int, level: int) -> None:
        if level == depth:
            leaves[slot - inner] = value
            return
        walk_leaf(value, 2 * slot + 1, level + 1)
        walk_leaf(value, 2 * slot + 2, level + 1)

    walk(0, 0, 0)
    return features, splits, leaves
