"""Sparse lexical features of an actor pair, for the linear baseline.

The words between the two mentions carry the relation ("broke away from", "joined forces
with"), the words around the pair carry hedges and denials ("officials believe",
"denied"), and the kinds of the two actors narrow the choice (a person leads, a state
attacks). Mentions are replaced by their kinds, so the model learns constructions, not
names.
"""

from __future__ import annotations

import re

from .corpus import PairExample

_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*|[^\w\s]")


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def pair_features(ex: PairExample) -> dict[str, float]:
    a0, a1 = ex.local(ex.first)
    b0, b1 = ex.local(ex.second)
    w = ex.window
    before, between, after = tokens(w[:a0])[-4:], tokens(w[a1:b0]), tokens(w[b1:])[:4]
    kinds = f"{ex.first.kind}|{ex.second.kind}"
    feats: dict[str, float] = {f"k:{kinds}": 1.0, f"k1:{ex.first.kind}": 1.0,
                               f"k2:{ex.second.kind}": 1.0,
                               f"gap:{min(len(between), 12) // 3}": 1.0}
    if ex.offset < ex.first.start and "." in w[a1:b0]:
        feats["cross"] = 1.0
    for i, tok in enumerate(between):
        feats[f"b:{tok}"] = 1.0
        if i + 1 < len(between):
            feats[f"bb:{tok}_{between[i + 1]}"] = 1.0
        if i < 3:
            feats[f"bs:{tok}"] = 1.0
        if i >= len(between) - 3:
            feats[f"be:{tok}"] = 1.0
    for tok in before:
        feats[f"l:{tok}"] = 1.0
    for tok in after:
        feats[f"r:{tok}"] = 1.0
    for tok in tokens(w):
        feats[f"w:{tok}"] = 1.0
    feats[f"kb:{kinds}:{'_'.join(between[:2])}"] = 1.0
    return feats
