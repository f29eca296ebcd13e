"""The relation vocabulary, declared as data (data/relations.yaml) and validated on load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from .errors import VocabularyError


@dataclass(frozen=True)
class Vocabulary:
    relations: dict[str, dict]
    polarities: tuple[str, ...]
    modalities: tuple[str, ...]
    actor_kinds: tuple[str, ...]

    def is_symmetric(self, relation: str) -> bool:
        return not self.relations[self.check_relation(relation)]["directed"]

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


@cache
def vocabulary() -> Vocabulary:
    text = resources.files("syndicate").joinpath("data/relations.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    relations = data.get("relations") or {}
    for name, spec in relations.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("directed"), bool):
            raise VocabularyError(f"relation '{name}' needs 'directed: true|false'")
    return Vocabulary(relations, tuple(data["polarities"]), tuple(data["modalities"]),
                      tuple(data["actor_kinds"]))


SYMMETRIC = frozenset({"cooperates_with", "ceasefire_with", "fights", "merged_with",
                       "negotiates_with"})
