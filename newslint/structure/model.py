"""The line model: a logistic regression over the line features that gives, for each
line, the log-odds that it is article text. Trained by ``training/train_line_model.py``
on the labelled pages of the shared corpus and shipped as ``line_model.json`` (a few
hundred bytes of weights and the thresholds chosen on the same data)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from operator import mul
from pathlib import Path
from typing import Any

from newslint.structure.features import NAMES

MODEL_FILE = "line_model.json"


@dataclass(frozen=True)
class LineModel:
    """Weights over :data:`newslint.structure.features.NAMES`, in that order, and the
    thresholds of the segmentation (see ``segment.py``)."""

    bias: float
    weights: tuple[float, ...]
    #: the score of a line of plain prose (a row of None): the median the model gives them
    prose_log_odds: float
    thresholds: dict[str, float]

    def log_odds(self, row: list[float] | None) -> float:
        """Log-odds that a line with features ``row`` is article text."""
        if row is None:
            return self.prose_log_odds
        return float(self.bias + sum(map(mul, self.weights, row)))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        names = tuple(data["features"])
        if names != NAMES:
            raise ValueError(f"{MODEL_FILE} was trained on other features: {names}")
        weights = tuple(float(w) for w in data["weights"])
        prose = float(data["prose_log_odds"])
        return cls(float(data["bias"]), weights, prose, dict(data.get("thresholds", {})))


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
