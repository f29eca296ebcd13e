"""Trigger patterns as data: data/triggers.yaml, validated when loaded.

Each trigger names the relation its words state, the argument shape that finds the two
actors around them (shapes.py), a regular expression in verbose (``re.X``) layout run on
the lower-cased sentence, a confidence, a fixed polarity where the words carry one
("cut all aid to" is negated support), and sentences it must and must not make claims
from. Where two triggers match spans of the same length that overlap, the higher
``priority`` wins; ``overrides`` names the triggers a trigger is known to win over, and
loading checks that the priorities say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..errors import TriggerError
from ..vocab import vocabulary

# the argument shapes of shapes.SHAPES (a test keeps the two in step; shapes.py imports
# this module, so the names are repeated here rather than imported)
SHAPES = ("active", "passive", "between", "reciprocal", "adjective", "role", "ditransitive",
          "of_leader", "appos", "possessive", "used_by", "mediated_between", "brokered",
          "guarantors", "mediated")
FIELDS = {"id", "note", "relation", "shape", "pattern", "confidence", "polarity", "complement",
          "objects", "near", "priority", "overrides", "examples", "counter_examples"}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser where installed
REQUIRED = ("id", "relation", "shape", "pattern", "confidence", "priority", "examples",
            "counter_examples")


@dataclass(frozen=True)
class Example:
    text: str
    subject: str | None = None  # None in a counter-example: no claim from this trigger
    relation: str | None = None
    object: str | None = None
    polarity: str = "affirmed"


@dataclass(frozen=True)
class Trigger:
    id: str
    relation: str
    how: str  # the argument shape
    regex: re.Pattern[str]
    confidence: float = 0.7
    polarity: str | None = None  # fixed by the words ("cut all aid to" is negated support)
    complement: re.Pattern[str] | None = None  # ditransitive: what must follow the object
    objects: str | None = None  # only objects of this kind ("influence in" a group)
    near: int | None = None  # the subject must be at most this many characters away
    priority: int = 0
    overrides: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    counter_examples: tuple[Example, ...] = ()


@cache
def triggers() -> tuple[Trigger, ...]:
    """The packaged triggers, highest priority first."""
    path = "data/triggers.yaml"
    text = resources.files("syndicate").joinpath(path).read_text("utf-8")
    return parse_triggers(text, where=path)


@cache
def trigger_by_id() -> dict[str, Trigger]:
    return {t.id: t for t in triggers()}


def parse_triggers(text: str, *, where: str = "triggers.yaml") -> tuple[Trigger, ...]:
    """Triggers from YAML text; TriggerError naming file, trigger and field if malformed."""
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise TriggerError(f"{where}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("triggers"), list):
        raise TriggerError(f"{where}: expected a mapping with a 'triggers:' list")
    out = [_trigger(item, where, n) for n, item in enumerate(data["triggers"], 1)]
    _check_ids_and_priorities(out, where)
    return tuple(sorted(out, key=lambda t: -t.priority))


def _fail(where: str, trigger: str, field: str, message: str) -> TriggerError:
    return TriggerError(f"{where}: trigger '{trigger}', field '{field}': {message}")


def _trigger(item: Any, where: str, n: int) -> Trigger:
    name = str(item.get("id", f"#{n}")) if isinstance(item, dict) else f"#{n}"
    if not isinstance(item, dict):
        raise _fail(where, name, "-", "expected a mapping")
    for key in REQUIRED:
        if key not in item:
            raise _fail(where, name, key, "missing")
    for key in item:
        if key not in FIELDS:
            raise _fail(where, name, key, f"unknown field. Known: {', '.join(sorted(FIELDS))}")
    vocab = vocabulary()
    if item["relation"] not in vocab.relations:
        raise _fail(where, name, "relation", f"unknown relation '{item['relation']}'. "
                    f"Known: {', '.join(vocab.relations)}")
    if item["shape"] not in SHAPES:
        raise _fail(where, name, "shape", f"unknown shape '{item['shape']}'. "
                    f"Known: {', '.join(SHAPES)}")
    if item.get("polarity") not in (None, *vocab.polarities):
        raise _fail(where, name, "polarity", f"unknown polarity '{item['polarity']}'")
    if item.get("objects") not in (None, *vocab.actor_kinds):
        raise _fail(where, name, "objects", f"unknown actor kind '{item['objects']}'")
    if not isinstance(item["confidence"], int | float) or not 0 < item["confidence"] <= 1:
        raise _fail(where, name, "confidence", "expected a number in (0, 1]")
    if not isinstance(item["priority"], int):
        raise _fail(where, name, "priority", "expected an integer")
    return Trigger(
        name, item["relation"], item["shape"], _compile(item, "pattern", where, name, 0),
        float(item["confidence"]), item.get("polarity"),
        _compile(item, "complement", where, name, re.I) if "complement" in item else None,
        item.get("objects"), item.get("near"), item["priority"],
        tuple(item.get("overrides") or ()),
        _examples(item, "examples", where, name), _examples(item, "counter_examples", where,
                                                            name))


def _compile(item: dict, field: str, where: str, name: str, flags: int) -> re.Pattern[str]:
    try:
        return re.compile(item[field], flags | re.X)
    except (re.error, TypeError) as exc:
        raise _fail(where, name, field, f"not a regular expression: {exc}") from exc


def _examples(item: dict, field: str, where: str, name: str) -> tuple[Example, ...]:
    out = []
    for example in item[field] or ():
        if isinstance(example, str):
            example = {"text": example}
        if not isinstance(example, dict) or "text" not in example:
            raise _fail(where, name, field, f"expected {{text: ..}}, got {example!r}")
        if field == "examples" and not {"subject", "object"} <= set(example):
            raise _fail(where, name, field, f"an example names its subject and object: "
                        f"{example['text'][:60]!r}")
        out.append(Example(example["text"], example.get("subject"),
                           example.get("relation", item["relation"]) if field == "examples"
                           else None, example.get("object"),
                           example.get("polarity", item.get("polarity") or "affirmed")))
    return tuple(out)


def _check_ids_and_priorities(found: list[Trigger], where: str) -> None:
    by_id: dict[str, Trigger] = {}
    for t in found:
        if t.id in by_id:
            raise _fail(where, t.id, "id", "used twice")
        by_id[t.id] = t
    priorities = [t.priority for t in found]
    if len(set(priorities)) != len(priorities):
        raise TriggerError(f"{where}: two triggers share a priority; every priority is distinct "
                           "so the order of overlapping matches is never left to chance")
    for t in found:
        for other in t.overrides:
            if other not in by_id:
                raise _fail(where, t.id, "overrides", f"unknown trigger '{other}'")
            if by_id[other].priority >= t.priority:
                raise _fail(where, t.id, "overrides", f"'{other}' has priority "
                            f"{by_id[other].priority}, not lower than {t.priority}")
