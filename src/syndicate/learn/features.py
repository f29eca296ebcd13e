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


def pair_features(ex: PairExample, version: int = 1) -> dict[str, float]:
    """The features of ``ex`` as the model of feature set ``version`` was trained on."""
    if version == 3:
        return pair_features_v3(ex)
    return pair_features_v2(ex) if version == 2 else pair_features_v1(ex)


def pair_features_v1(ex: PairExample) -> dict[str, float]:
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
    _words(feats, before, between, after, tokens(w))
    feats[f"kb:{kinds}:{'_'.join(between[:2])}"] = 1.0
    return feats


def _words(feats: dict[str, float], before: list[str], between: list[str],
           after: list[str], window: list[str]) -> None:
    """The words of both feature sets: between the pair (each, each pair of neighbours, the
    first and last three), four either side, and every word of the window."""
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
    for tok in window:
        feats[f"w:{tok}"] = 1.0


def masked_tokens(ex: PairExample) -> tuple[list[str], int, int]:
    """The window's tokens with every mention one placeholder: ``<a>`` and ``<b>`` for the
    pair, ``<kind>`` for the others; and the positions of ``<a>`` and ``<b>``."""
    spans = sorted([(ex.first, "<a>"), (ex.second, "<b>")]
                   + [(o, f"<{o.kind}>") for o in ex.others], key=lambda x: x[0].start)
    out: list[str] = []
    pos = {"<a>": 0, "<b>": 0}
    cursor = 0
    for span, mark in spans:
        start, end = ex.local(span)
        if start < cursor:
            continue  # overlapping mentions: the first one stands
        out += tokens(ex.window[cursor:start])
        if mark in pos:
            pos[mark] = len(out)
        out.append(mark)
        cursor = end
    out += tokens(ex.window[cursor:])
    return out, pos["<a>"], pos["<b>"]


def pair_features_v2(ex: PairExample) -> dict[str, float]:
    """Feature set 2: as set 1, over the window with every mention masked, so that other
    actors between the pair read as actors ("<a> and <armed_group> attacked <b>"), plus
    the short between-sequence whole and the number of actors between."""
    toks, a, b = masked_tokens(ex)
    before, between, after = toks[max(0, a - 4):a], toks[a + 1:b], toks[b + 1:b + 5]
    kinds = f"{ex.first.kind}|{ex.second.kind}"
    n_between = sum(1 for t in between if t.startswith("<"))
    feats: dict[str, float] = {f"k:{kinds}": 1.0, f"k1:{ex.first.kind}": 1.0,
                               f"k2:{ex.second.kind}": 1.0,
                               f"gap:{min(len(between), 12) // 3}": 1.0,
                               f"nb:{min(n_between, 3)}": 1.0}
    if ex.offset < ex.first.start and "." in between:
        feats["cross"] = 1.0
    if len(between) <= 6:
        feats[f"seq:{'_'.join(between)}"] = 1.0
    _words(feats, before, between, after, toks)
    if before:
        feats[f"l1:{before[-1]}"] = 1.0
    if after:
        feats[f"r1:{after[0]}"] = 1.0
    feats[f"kb:{kinds}:{'_'.join(between[:2])}"] = 1.0
    feats[f"ke:{kinds}:{'_'.join(between[-2:])}"] = 1.0
    return feats


def pair_features_v3(ex: PairExample) -> dict[str, float]:
    """Feature set 3, the learned combination with the rules: set 2, plus what the rules
    claimed for the pair in this sentence (relation with direction, polarity, modality),
    so the model learns when to trust them."""
    feats = pair_features_v2(ex)
    rule = ex.rule or "none"
    feats[f"rule:{rule}"] = 1.0
    feats[f"rulek:{rule}:{ex.first.kind}|{ex.second.kind}"] = 1.0
    if ex.rule:
        feats["rule:any"] = 1.0
        feats[f"rulemod:{ex.rule_modality}"] = 1.0
    return feats
