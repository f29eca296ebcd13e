"""Inter-annotator agreement: F1 of a second, independent annotation against the first.

Two lines agree when they name the same passage and sentence (the sentence holding each
anchor), the same relation between the same actors (either order when symmetric) and the
same polarity; modality agreement is reported on the agreeing lines.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..vocab import vocabulary
from .corpus import Passage


def _key(passage: Passage, line: dict[str, Any]) -> tuple[Any, ...] | None:
    anchor = line.get("anchor", "")
    sentence = next((s.index for s in passage.sentences if anchor and anchor in s.text), None)
    if sentence is None:
        return None
    a, b = line["subject"], line["object"]
    if vocabulary().is_symmetric(line["relation"]):
        a, b = sorted((a, b))
    return passage.id, sentence, line["relation"], a, b, line.get("polarity", "affirmed")


def agreement(passages: list[Passage], second_path: str | Path) -> dict[str, Any]:
    """Score the second annotation of ``second_path`` against the passages' own lines."""
    by_id = {p.id: p for p in passages}
    second: dict[str, list[dict[str, Any]]] = {}
    for raw in Path(second_path).read_text("utf-8").splitlines():
        if raw.strip():
            line = json.loads(raw)
            pid = line["doc"].removeprefix("train/")
            if pid in by_id:
                second.setdefault(pid, [])
                if line.get("relation"):
                    second[pid].append(line)
    first_keys: Counter[tuple[Any, ...]] = Counter()
    second_keys: Counter[tuple[Any, ...]] = Counter()
    modality: dict[tuple[Any, ...], list[str]] = {}
    for pid, lines in second.items():
        p = by_id[pid]
        for line in p.relations:
            key = _key(p, line)
            if key:
                first_keys[key] += 1
                modality.setdefault(key, []).append(line.get("modality", "asserted"))
        for line in lines:
            key = _key(p, line)
            if key:
                second_keys[key] += 1
                modality.setdefault(key, []).append(line.get("modality", "asserted"))
    both = sum((first_keys & second_keys).values())
    precision = both / max(sum(second_keys.values()), 1)
    recall = both / max(sum(first_keys.values()), 1)
    same_modality = sum(1 for k in first_keys & second_keys if len(set(modality[k])) == 1)
    return {"passages": len(second), "first": sum(first_keys.values()),
            "second": sum(second_keys.values()), "agreed": both,
            "f1": round(2 * precision * recall / max(precision + recall, 1e-9), 3),
            "modality_agreement": round(same_modality / max(len(first_keys & second_keys), 1),
                                        3)}
