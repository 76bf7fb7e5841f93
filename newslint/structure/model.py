"""The line model: boosted decision trees over the features of a page's units
(:mod:`.features`) that give, for each unit, the log-odds that it is article text.

Trained by ``training/train_line_model.py`` on the labelled pages of the shared corpus
and shipped as ``line_model.json``: per tree, the feature and threshold of each inner
node of a complete binary tree of fixed depth and the value of each leaf (a shallower
leaf is padded down: its threshold is infinite, every leaf under it holds its value),
with the thresholds of the segmentation (``core/src/segment.rs``) chosen on the same pages.
Evaluated by the compiled core (``core/src/structure.rs``: ``_core.LineScorer``, given
the trees once), with the context features of a page's units in the same call: the
scores numpy gave, bit for bit (float32 comparisons, numpy's pairwise sum of leaves;
``tests/test_structure_parity.py``). numpy is not needed at run time.
"""

from __future__ import annotations

import json
import math
import os
from array import array
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import newslint._core as _core
from newslint.structure.features import NAMES

MODEL_FILE = "line_model.json"


@dataclass(frozen=True)
class LineModel:
    """Trees over :data:`newslint.structure.features.NAMES`, in that order, and the
    thresholds of the segmentation (see ``core/src/segment.rs``)."""

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

    #: the trees as the compiled core walks them, built from the tables above
    scorer: _core.LineScorer = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        scorer = _core.LineScorer(
            [feature for tree in self.features for feature in tree],
            [split for tree in self.splits for split in tree],
            [leaf for tree in self.leaves for leaf in tree],
            len(self.features[0]),
            self.base,
            self.prose_log_odds,
        )
        object.__setattr__(self, "scorer", scorer)  # a frozen dataclass's derived field

    @property
    def depth(self) -> int:
        return len(self.leaves[0]).bit_length() - 1

    def log_odds(self, rows: list[list[float]]) -> list[float]:
        """Log-odds that each unit, with features ``rows`` (:data:`NAMES`), is article
        text. A row goes right at a node when its feature (as float32) is greater than
        the threshold."""
        return self.scorer.log_odds(rows)

    def page_log_odds(
        self, own: list[list[float]], sizes: list[int], scored: list[bool]
    ) -> list[float]:
        """Log-odds of each unit of a page from its own rows (:data:`OWN`) and word
        counts: ``log_odds`` of its full rows (``features.context_rows``) for the units
        ``scored``, :attr:`prose_log_odds` for the others, in one call to the core."""
        return self.scorer.page_log_odds(own, sizes, scored)

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
