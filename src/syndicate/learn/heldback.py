"""Scoring pair predictions on held-back passages in the gold set's own terms."""

from __future__ import annotations

from typing import Any

from ..evaluate import Prediction, score
from .corpus import NONE, PairExample, Passage, claims_of, pair_examples


def predictions_from(passage: Passage, examples: list[PairExample],
                     outputs: list[tuple[str, str, str, float]]) -> list[Prediction]:
    out = []
    for ex, (label, polarity, modality, _) in zip(examples, outputs, strict=True):
        triple = claims_of(ex, label) if label != NONE else None
        if triple is None:
            continue
        subject, relation, obj = triple
        out.append(Prediction(passage.id, passage.sentences[ex.sentence].text, subject,
                              relation, obj, polarity, modality))
    return out


def score_passages(passages: list[Passage], predict: Any) -> dict[str, Any]:
    """``predict(examples) -> outputs`` run on each passage's pairs, scored against gold."""
    gold: list[dict[str, Any]] = []
    flat: list[Prediction] = []
    for p in passages:
        examples = pair_examples(p)
        flat += predictions_from(p, examples, predict(examples))
        gold += [{**r, "doc": p.id} for r in p.relations]
    return score(gold, flat)


def gold_as_predictions(passages: list[Passage]) -> dict[str, Any]:
    """The ceiling of the pair formulation: gold labels through the same scorer."""
    return score_passages(passages, lambda exs: [(e.label, e.polarity, e.modality, 1.0)
                                                 for e in exs])
