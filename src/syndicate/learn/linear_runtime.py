"""Run the linear pair model from its shipped weights: NumPy only, no training framework.

``linear.npz`` holds the feature names, and per head (relation, polarity, modality) the
class names, the weight matrix and the intercepts of the logistic regressions trained by
``learn.linear``; ``export_linear`` writes it.
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from .corpus import NONE, PairExample
from .features import pair_features
from .runtime import MODELS, read_config

DEFAULT_LINEAR = MODELS / "linear"
HEADS = ("relation", "polarity", "modality")


def export_linear(model: Any, folder: Path, *, version: str, threshold: float,
                  extra: dict[str, Any] | None = None, prune: float = 1e-3) -> Path:
    """Keep the features whose weight matters in some head; store float16 weights."""
    folder.mkdir(parents=True, exist_ok=True)
    names = np.array(model.vectorizer.get_feature_names_out(), dtype=str)
    heads = {h: getattr(model, h) for h in HEADS}
    keep = np.zeros(len(names), dtype=bool)
    for clf in heads.values():
        keep |= (np.abs(clf.coef_) > prune).any(axis=0)
    arrays: dict[str, Any] = {"features": names[keep]}
    for h, clf in heads.items():
        arrays[f"{h}_classes"] = np.array(clf.classes_, dtype=str)
        arrays[f"{h}_coef"] = clf.coef_[:, keep].astype(np.float16)
        arrays[f"{h}_intercept"] = clf.intercept_.astype(np.float32)
    np.savez_compressed(folder / "linear.npz", **arrays)
    config = {"version": version, "threshold": threshold, "features": int(keep.sum()),
              "feature_set": getattr(model, "feature_set", 1),
              **(extra or {})}
    (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    return folder


class LinearPairModel:
    """``predict(examples)`` -> (label, polarity, modality, confidence), like ``PairModel``."""

    def __init__(self, folder: str | Path = DEFAULT_LINEAR) -> None:
        self.folder = Path(folder)
        self.config = read_config(self.folder, "linear pair model")
        self.version: str = self.config["version"]
        self.threshold: float = self.config.get("threshold", 0.0)
        self.feature_set: int = self.config.get("feature_set", 1)
        self.stacked = self.feature_set == 3  # it read the rules' claims: hybrid stacks

    @cached_property
    def weights(self) -> dict[str, Any]:
        data = np.load(self.folder / "linear.npz", allow_pickle=False)
        out: dict[str, Any] = {"index": {f: i for i, f in enumerate(data["features"])}}
        for h in HEADS:
            coef = data[f"{h}_coef"].astype(np.float32)
            if coef.shape[0] == 1:  # a binary head stores one row: class 1 against 0
                coef = np.vstack([-coef, coef]) / 2
                intercept = np.array([-1, 1], dtype=np.float32) * data[f"{h}_intercept"] / 2
            else:
                intercept = data[f"{h}_intercept"]
            out[h] = ([str(c) for c in data[f"{h}_classes"]], coef.T.copy(), intercept)
        return out

    def predict(self, examples: list[PairExample]) -> list[tuple[str, str, str, float]]:
        if not examples:
            return []
        w = self.weights
        index = w["index"]
        rows = [[index[f] for f in pair_features(e, self.feature_set) if f in index]
                for e in examples]
        scores = {}
        for h in HEADS:
            _, coef, intercept = w[h]
            scores[h] = np.stack([coef[r].sum(axis=0) for r in rows]) + intercept
        rel = scores["relation"]
        probs = np.exp(rel - rel.max(axis=1, keepdims=True))
        probs /= probs.sum(axis=1, keepdims=True)
        labels = w["relation"][0]
        out = []
        for i in range(len(examples)):
            best = int(probs[i].argmax())
            label = labels[best]
            if label != NONE and probs[i, best] < self.threshold:
                label = NONE
            out.append((label, w["polarity"][0][int(scores["polarity"][i].argmax())],
                        w["modality"][0][int(scores["modality"][i].argmax())],
                        float(probs[i, best])))
        return out
