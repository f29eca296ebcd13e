"""The linear baseline: logistic regression over lexical pair features (training extra)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .corpus import NONE, PairExample
from .features import pair_features


@dataclass
class LinearModel:
    vectorizer: Any
    relation: Any
    polarity: Any
    modality: Any
    version: str = "linear.v1"
    feature_set: int = 1

    def predict(self, examples: list[PairExample]) -> list[tuple[str, str, str, float]]:
        """(label, polarity, modality, confidence) per example."""
        if not examples:
            return []
        x = self.vectorizer.transform([pair_features(e, self.feature_set) for e in examples])
        probs = self.relation.predict_proba(x)
        labels = self.relation.classes_[probs.argmax(axis=1)]
        pols = self.polarity.predict(x)
        mods = self.modality.predict(x)
        return [(str(lab), str(p), str(m), float(pr.max()))
                for lab, p, m, pr in zip(labels, pols, mods, probs, strict=True)]


def train_linear(examples: list[PairExample], *, seed: int = 13, feature_set: int = 1,
                 c: float = 4.0) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([pair_features(e, feature_set) for e in examples])
    relation = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    relation.fit(x, [e.label for e in examples])
    positive = [i for i, e in enumerate(examples) if e.label != NONE]
    xp = x[positive]
    polarity = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    polarity.fit(xp, [examples[i].polarity for i in positive])
    modality = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    modality.fit(xp, [examples[i].modality for i in positive])
    return LinearModel(vectorizer, relation, polarity, modality, feature_set=feature_set)
