"""The line model: boosted decision trees over the features of a page's units
(:mod:`.features`) that give, for each unit, the log-odds that it is article text.

Trained by ``training/train_line_model.py`` on the labelled pages of the shared corpus
and shipped as ``line_model.json``: per tree, the feature and threshold of each inner
node of a complete binary tree of fixed depth and the value of each leaf (a shallower
leaf is padded down: its threshold is infinite, every leaf under it holds its value),
with the thresholds of the segmentation (``segment.py``) chosen on the same pages.
Evaluated with numpy, all units of a page and all trees at once: a few array
operations per level of depth, whatever the number of trees. A page of a few units is
evaluated in Python instead, with the same float32 comparisons and numpy's order of
summation (the same log-odds to the last bit, ``tests/test_structure.py``): as quick
there, and a run of short texts never imports numpy, a tenth of its start-up.
"""

from __future__ import annotations

import json
import math
import os
from array import array
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.structure.features import NAMES

if TYPE_CHECKING:  # numpy is imported where a page of many units is scored
    import numpy as np
    import numpy.typing as npt

MODEL_FILE = "line_model.json"
#: Pages with at most this many units to score are scored in Python (see above).
PYTHON_ROWS = 16
#: Largest float32: a feature beyond it would be infinite in numpy's float32 rows.
_FLOAT32_MAX = 3.4028234663852886e38


@dataclass(frozen=True)
class LineModel:
    """Trees over :data:`newslint.structure.features.NAMES`, in that order, and the
    thresholds of the segmentation (see ``segment.py``)."""

    base: float
    #: per tree, 2**depth - 1 inner nodes: the feature index and threshold of each, in
    #: breadth-first order (the children of node k are 2k + 1 and 2k + 2); features
    #: and thresholds are compared as float32, as the training library does (the
    #: thresholds are float32 values here, +inf for a padded leaf)
    features: tuple[tuple[int, ...], ...]
    splits: tuple[tuple[float, ...], ...]
    #: per tree, 2**depth leaves: the value of each, left to right
    leaves: tuple[tuple[float, ...], ...]
    thresholds: dict[str, float]
    #: the log-odds of a unit of plain prose, which the trees do not score: how often
    #: such units are article text in the training pages
    prose_log_odds: float = 3.0

    @property
    def depth(self) -> int:
        return len(self.leaves[0]).bit_length() - 1

    def log_odds(self, rows: list[list[float]]) -> list[float]:
        """Log-odds that each unit, with features ``rows``, is article text. A row
        goes right at a node when its feature is greater than the threshold."""
        if not rows:
            return []
        if len(rows) <= PYTHON_ROWS and all(
            abs(value) <= _FLOAT32_MAX for row in rows for value in row
        ):
            return [self._python_log_odds(row) for row in rows]
        return self._numpy_log_odds(rows)

    def _python_log_odds(self, row: list[float]) -> float:
        """One row down each tree, in float32 as numpy compares, summed as numpy sums."""
        x = array("f", row)  # each feature rounded to float32, as numpy's rows are
        depth, inner = self.depth, len(self.features[0])
        values = []
        for features, splits, leaves in zip(self.features, self.splits, self.leaves, strict=True):
            node = 0
            for _ in range(depth):
                node = node * 2 + 1 + (x[features[node]] > splits[node])
            values.append(leaves[node - inner])
        return _pairwise_sum(values, 0, len(values)) + self.base

    def _numpy_log_odds(self, rows: list[list[float]]) -> list[float]:
        """All units and all trees go down one level at a time, with flat ``take``s
        (one call each for the features, the thresholds and the values of a level):
        a page costs a few dozen array operations whatever its length."""
        import numpy as np

        features_array, splits_array, leaves_array = self._arrays
        x = np.asarray(rows, dtype=np.float32)
        count, width = x.shape
        inner = features_array.shape[1]
        tree_base = np.arange(features_array.shape[0]) * inner
        features, splits = features_array.ravel(), splits_array.ravel()
        flat = x.ravel()
        row_base = (np.arange(count) * width)[:, None]
        node = np.zeros((count, tree_base.size), dtype=np.intp)
        for _ in range(self.depth):
            at = node + tree_base
            value = flat.take(features.take(at) + row_base)
            node = node * 2 + 1 + (value > splits.take(at))
        leaf = node - inner + np.arange(tree_base.size) * (inner + 1)
        scores: list[float] = (leaves_array.ravel().take(leaf).sum(axis=1) + self.base).tolist()
        return scores

    @cached_property
    def _arrays(
        self,
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32], npt.NDArray[np.float64]]:
        import numpy as np

        return (
            np.asarray(self.features, dtype=np.intp),
            np.asarray(self.splits, dtype=np.float32),
            np.asarray(self.leaves, dtype=np.float64),
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        names = tuple(data["features"])
        if names != NAMES:
            raise ValueError(f"{MODEL_FILE} was trained on other features: {names}")
        trees = data["trees"]
        features = tuple(tuple(int(f) for f in tree) for tree in trees["feature"])
        splits = tuple(
            tuple(array("f", [math.inf if s is None else s for s in tree]).tolist())
            for tree in trees["threshold"]
        )
        leaves = tuple(tuple(float(v) for v in tree) for tree in trees["leaf"])
        inner = len(leaves[0]) - 1 if leaves else 0
        if (
            not leaves
            or not len(features) == len(splits) == len(leaves)
            or any(len(tree) != inner for tree in (*features, *splits))
            or any(len(tree) != inner + 1 for tree in leaves)
            or inner & (inner + 1)
        ):
            raise ValueError(f"{MODEL_FILE}: trees of inconsistent shapes")
        thresholds = dict(data.get("thresholds", {}))
        prose = float(data.get("prose_log_odds", 3.0))
        return cls(float(data["base"]), features, splits, leaves, thresholds, prose)


def _pairwise_sum(values: list[float], start: int, count: int) -> float:
    """numpy's sum of ``values[start:start + count]`` (float64): pairwise, with blocks of
    eight partial sums up to 128 values (``pairwise_sum`` in numpy's loops), so that it
    rounds as numpy's does."""
    if count < 8:
        total = 0.0
        for index in range(start, start + count):
            total += values[index]
        return total
    if count <= 128:
        partial = values[start : start + 8]
        index, end = 8, count - count % 8
        while index < end:
            for lane in range(8):
                partial[lane] += values[start + index + lane]
            index += 8
        total = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + (
            (partial[4] + partial[5]) + (partial[6] + partial[7])
        )
        for rest in range(start + index, start + count):
            total += values[rest]
        return total
    half = count // 2
    half -= half % 8
    return _pairwise_sum(values, start, half) + _pairwise_sum(values, start + half, count - half)


#: Names a model file to use instead of the shipped one (one written by
#: ``training/train_line_model.py --output``), for experiments.
MODEL_VARIABLE = "NEWSLINT_LINE_MODEL"


@cache
def line_model() -> LineModel:
    """The model of this process, read once: the shipped one, or the file named by the
    environment variable NEWSLINT_LINE_MODEL."""
    path = os.environ.get(MODEL_VARIABLE)
    if path:
        text = Path(path).read_text("utf-8")
    else:
        text = resources.files("newslint.structure").joinpath(MODEL_FILE).read_text("utf-8")
    return LineModel.from_dict(json.loads(text))
