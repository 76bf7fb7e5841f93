"""The line model: boosted decision trees over the features of a page's units
(:mod:`.features`) that give, for each unit, the log-odds that it is article text.

Trained by ``training/train_line_model.py`` on the labelled pages of the shared corpus
and shipped as ``line_model.json``: per tree, the feature and threshold of each inner
node of a complete binary tree of fixed depth and the value of each leaf (a shallower
leaf is padded down: its threshold is infinite, every leaf under it holds its value),
with the thresholds of the segmentation (``segment.py``) chosen on the same pages.
Evaluated with numpy, all units of a page and all trees at once: a few array
operations per level of depth, whatever the number of trees.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.structure.features import NAMES

if TYPE_CHECKING:  # numpy is imported where the trees are read: a page that is plainly
    # an article is never scored, and then a run need not load it
    import numpy as np
    import numpy.typing as npt

MODEL_FILE = "line_model.json"


@dataclass(frozen=True)
class LineModel:
    """Trees over :data:`newslint.structure.features.NAMES`, in that order, and the
    thresholds of the segmentation (see ``segment.py``)."""

    base: float
    #: (trees, 2**depth - 1): the feature index and threshold of each inner node, in
    #: breadth-first order (the children of node k are 2k + 1 and 2k + 2); features
    #: and thresholds are compared as float32, as the training library does
    features: npt.NDArray[np.intp]
    splits: npt.NDArray[np.float32]
    #: (trees, 2**depth): the value of each leaf, left to right
    leaves: npt.NDArray[np.float64]
    thresholds: dict[str, float]
    #: the log-odds of a unit of plain prose, which the trees do not score: how often
    #: such units are article text in the training pages
    prose_log_odds: float = 3.0

    @property
    def depth(self) -> int:
        return int(self.leaves.shape[1]).bit_length() - 1

    def log_odds(self, rows: list[list[float]]) -> list[float]:
        """Log-odds that each unit, with features ``rows``, is article text. A row
        goes right at a node when its feature is greater than the threshold.

        All units and all trees go down one level at a time, with flat ``take``s
        (one call each for the features, the thresholds and the values of a level):
        a page costs a few dozen array operations whatever its length."""
        if not rows:
            return []
        import numpy as np

        x = np.asarray(rows, dtype=np.float32)
        count, width = x.shape
        inner = self.features.shape[1]
        tree_base = np.arange(self.features.shape[0]) * inner
        features, splits = self.features.ravel(), self.splits.ravel()
        flat = x.ravel()
        row_base = (np.arange(count) * width)[:, None]
        node = np.zeros((count, tree_base.size), dtype=np.intp)
        for _ in range(self.depth):
            at = node + tree_base
            value = flat.take(features.take(at) + row_base)
            node = node * 2 + 1 + (value > splits.take(at))
        leaf = node - inner + np.arange(tree_base.size) * (inner + 1)
        scores: list[float] = (self.leaves.ravel().take(leaf).sum(axis=1) + self.base).tolist()
        return scores

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        names = tuple(data["features"])
        if names != NAMES:
            raise ValueError(f"{MODEL_FILE} was trained on other features: {names}")
        import numpy as np

        trees = data["trees"]
        features = np.asarray(trees["feature"], dtype=np.intp)
        splits = np.asarray(
            [[np.inf if s is None else s for s in tree] for tree in trees["threshold"]],
            dtype=np.float32,
        )
        leaves = np.asarray(trees["leaf"], dtype=np.float64)
        inner = leaves.shape[1] - 1
        if features.shape != splits.shape or features.shape[1] != inner or inner & (inner + 1):
            raise ValueError(f"{MODEL_FILE}: trees of inconsistent shapes")
        thresholds = dict(data.get("thresholds", {}))
        prose = float(data.get("prose_log_odds", 3.0))
        return cls(float(data["base"]), features, splits, leaves, thresholds, prose)


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
