"""The relation vocabulary, declared as data (data/relations.yaml) and validated on load.

Everything else reads it from here: which relations are symmetric, which argument kinds
each relation joins, and how much each modality weighs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from .errors import VocabularyError

ARGUMENT_KINDS = ("person", "group", "any")
WEIGHTS = ("confidence", "evidence")


@dataclass(frozen=True)
class Vocabulary:
    relations: dict[str, dict]
    polarities: tuple[str, ...]
    modalities: tuple[str, ...]
    actor_kinds: tuple[str, ...]
    weights: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    @property
    def symmetric(self) -> frozenset[str]:
        return frozenset(r for r, spec in self.relations.items() if not spec["directed"])

    def is_symmetric(self, relation: str) -> bool:
        return not self.relations[self.check_relation(relation)]["directed"]

    def modality_weights(self, use: str) -> Mapping[str, float]:
        """modality -> weight, for ``use`` 'confidence' (extraction) or 'evidence' (the map)."""
        return MappingProxyType({m: w[use] for m, w in self.weights.items()})

    def admits(self, relation: str, subject_kind: str | None, object_kind: str | None) -> bool:
        """Whether actors of these kinds (None: unknown) may be the relation's arguments."""
        subject, object_ = self.relations[relation]["args"]
        return _fits(subject, subject_kind) and _fits(object_, object_kind)

    def check_relation(self, relation: str) -> str:
        if relation not in self.relations:
            known = ", ".join(sorted(self.relations))
            raise VocabularyError(f"Unknown relation type '{relation}'. Known: {known}")
        return relation

    def check(self, *, relation: str, polarity: str, modality: str) -> None:
        self.check_relation(relation)
        if polarity not in self.polarities:
            raise VocabularyError(f"Unknown polarity '{polarity}'. Known: "
                                  f"{', '.join(self.polarities)}")
        if modality not in self.modalities:
            raise VocabularyError(f"Unknown modality '{modality}'. Known: "
                                  f"{', '.join(self.modalities)}")


def _fits(wanted: str, kind: str | None) -> bool:
    if wanted == "person":
        return kind == "person"
    if wanted == "group":
        return kind != "person"
    return True


def _relations(data: dict[str, Any]) -> dict[str, dict]:
    relations = data.get("relations") or {}
    for name, spec in relations.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("directed"), bool):
            raise VocabularyError(f"relation '{name}' needs 'directed: true|false'")
        args = spec.get("args")
        if not isinstance(args, list) or len(args) != 2 or \
                any(a not in ARGUMENT_KINDS for a in args):
            raise VocabularyError(f"relation '{name}' needs 'args: [subject, object]', each "
                                  f"one of {', '.join(ARGUMENT_KINDS)}; got {args!r}")
    return relations


def _weights(data: dict[str, Any]) -> dict[str, dict[str, float]]:
    modalities = data.get("modalities") or {}
    for name, spec in modalities.items():
        if not isinstance(spec, dict) or any(
                not isinstance(spec.get(w), int | float) for w in WEIGHTS):
            raise VocabularyError(f"modality '{name}' needs 'confidence' and 'evidence' "
                                  f"weights; got {spec!r}")
    return {name: {w: float(spec[w]) for w in WEIGHTS} for name, spec in modalities.items()}


def parse_vocabulary(text: str) -> Vocabulary:
    """A vocabulary from the text of a relations.yaml; VocabularyError if malformed."""
    data = yaml.safe_load(text)
    weights = _weights(data)
    return Vocabulary(_relations(data), tuple(data["polarities"]), tuple(weights),
                      tuple(data["actor_kinds"]), MappingProxyType(weights))


@cache
def vocabulary() -> Vocabulary:
    text = resources.files("syndicate").joinpath("data/relations.yaml").read_text("utf-8")
    return parse_vocabulary(text)


SYMMETRIC: frozenset[str] = vocabulary().symmetric
