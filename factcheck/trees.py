"""Gradient-boosted trees, evaluated with numpy alone.

The pair scorer (``factcheck/data/pairs_v4.json``) is fitted with scikit-learn's
HistGradientBoostingClassifier at training time (``python -m factcheck.training``, the
``train`` extra) and shipped as plain arrays, so that scoring needs neither scikit-learn
nor its version: the log-odds of a row is ``base`` plus one leaf value per tree, a row
going left at a node when its feature is at most the node's threshold (as scikit-learn's
own predictor does for features with no missing values).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

DIGITS = 6  # decimals kept of leaf values


@dataclass(frozen=True)
class TreeEnsemble:
    base: float
    # one row per tree, one column per node (padded with leaves): the FEATURES column a
    # node splits on, its threshold, its children, whether it is a leaf, its value
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    value: np.ndarray
    depth: int  # the deepest leaf: how many steps a row takes at most

    def logits(self, rows: np.ndarray) -> np.ndarray:
        """Log-odds per row of ``rows`` (one column per FEATURES entry)."""
        z = np.full(len(rows), self.base)
        at = np.arange(len(rows))
        for tree in range(len(self.feature)):
            feature, threshold = self.feature[tree], self.threshold[tree]
            left, right, leaf = self.left[tree], self.right[tree], self.leaf[tree]
            node = np.zeros(len(rows), dtype=np.int64)
            for _ in range(self.depth):
                goes_left = rows[at, feature[node]] <= threshold[node]
                node = np.where(leaf[node], node, np.where(goes_left, left[node], right[node]))
            z += self.value[tree][node]
        return z

    def to_json(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "depth": self.depth,
            **{
                name: getattr(self, name).tolist()
                for name in ("feature", "threshold", "left", "right", "leaf", "value")
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TreeEnsemble:
        return cls(
            base=float(data["base"]),
            feature=np.asarray(data["feature"], dtype=np.int64),
            threshold=np.asarray(data["threshold"], dtype=float),
            left=np.asarray(data["left"], dtype=np.int64),
            right=np.asarray(data["right"], dtype=np.int64),
            leaf=np.asarray(data["leaf"], dtype=bool),
            value=np.asarray(data["value"], dtype=float),
            depth=int(data["depth"]),
        )


def from_sklearn(model: Any, columns: list[int]) -> TreeEnsemble:
    """A fitted binary HistGradientBoostingClassifier as arrays; ``columns`` maps the
    model's own feature numbers to FEATURES columns (a fit on some of them)."""
    trees = [predictors[0].nodes for predictors in model._predictors]
    width = max(len(nodes) for nodes in trees)

    def padded(field: str, fill: float, dtype: type) -> np.ndarray:
        out: np.ndarray = np.full((len(trees), width), fill, dtype=dtype)
        for n, nodes in enumerate(trees):
            out[n, : len(nodes)] = nodes[field]
        return out

    feature = padded("feature_idx", 0, np.int64)
    # rounded as shipped, so that the thresholds fitted with this ensemble hold for the file
    return TreeEnsemble(
        base=round(float(np.ravel(model._baseline_prediction)[0]), DIGITS),
        feature=np.asarray(columns, dtype=np.int64)[feature],
        # thresholds exact: scikit-learn may split at a value the data holds
        threshold=padded("num_threshold", 0.0, float),
        left=padded("left", 0, np.int64),
        right=padded("right", 0, np.int64),
        leaf=padded("is_leaf", 1, bool),
        value=padded("value", 0.0, float).round(DIGITS),
        depth=int(max(int(nodes["depth"].max()) for nodes in trees)),
    )
