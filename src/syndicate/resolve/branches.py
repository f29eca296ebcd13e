"""A parent's name used for one of its branches, decided by the places the text names
(``branches:`` in data/disambiguation.yaml, whose header says how)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..actors import Dictionary
from ..names import article_either_case, name_key
from ..recognize import Hit
from .disambiguate import _PARENT_CONTEXT, _PARENT_POSSESSIVE


@dataclass(frozen=True)
class Family:
    parent: str
    names: frozenset[str]  # name keys
    places: dict[str, re.Pattern[str]]  # branch id (or the parent, for home) -> its places
    own_names: re.Pattern[str]  # what the branches are called themselves


@lru_cache(maxsize=1)
def _declared() -> list[dict]:
    text = resources.files("syndicate").joinpath("data/disambiguation.yaml").read_text("utf-8")
    return (yaml.safe_load(text) or {}).get("branches") or []


def families(dictionary: Dictionary) -> list[Family]:
    cached = getattr(dictionary, "_branch_families", None)
    if cached is None:
        cached = [_family(entry, dictionary) for entry in _declared()]
        dictionary._branch_families = cached  # type: ignore[attr-defined]
    return cached


def _family(entry: dict, dictionary: Dictionary) -> Family:
    by_code: dict[str, list[str]] = {}
    for actor in dictionary.actors.values():
        if actor.kind == "state" and len(actor.country) == 1:
            forms = [actor.name, *actor.demonyms] + ([actor.capital] if actor.capital else [])
            by_code.setdefault(actor.country[0], []).extend(forms)
    places = {}
    home = [f for code in entry.get("home") or [] for f in by_code.get(code, [])]
    if home:
        places[entry["parent"]] = _pattern(home)
    for branch, spec in (entry.get("members") or {}).items():
        forms = [f for code in spec.get("countries") or [] for f in by_code.get(code, [])]
        places[branch] = _pattern(forms + list(spec.get("cues") or []))
    own = [form for branch in entry.get("members") or {} if dictionary.get(branch)
           for form, _how in dictionary.get(branch).surface_forms()]  # type: ignore[union-attr]
    return Family(entry["parent"], frozenset(name_key(n) for n in entry["names"]), places,
                  _pattern(own))


def _pattern(forms: list[str]) -> re.Pattern[str]:
    """The places, case-sensitively but for an article ("Al-Bayda", "al-Bayda")."""
    alternatives = sorted({article_either_case(f) for f in forms if f}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


def branch_of(hit: Hit, actor: str, text: str, sentence_text: str,
              dictionary: Dictionary, year: int | None = None) -> str:
    """The branch ``actor`` (a parent named by ``hit``) stands for here, or ``actor``.
    A text that names a branch by its own name ("ISWAP", "AQAP") keeps the parent's name
    for the parent; a text written (``year``) before the branch was founded (its
    ``active.from`` in the dictionary) means the parent."""
    for family in families(dictionary):
        if family.parent != actor or name_key(hit.text) not in family.names:
            continue
        if _PARENT_CONTEXT.search(text[max(0, hit.start - 40):hit.start]) or \
                _PARENT_POSSESSIVE.match(text, hit.end):
            return actor  # "the Afghan branch of the Islamic State", "IS's province"
        placed = _PLACED.match(text, hit.end)
        named = {who for who, places in family.places.items()
                 if placed and places.match(text, placed.end())}
        if len(named) == 1:  # "Islamic State cells in Somalia": placed by its own words
            return _founded_by(named.pop(), actor, dictionary, year)
        if _names_branch(family.own_names, text):
            return actor  # the text names the branch itself, so the parent's name is the parent
        named = {who for who, places in family.places.items() if places.search(sentence_text)}
        if len(named) != 1:
            return actor
        return _founded_by(named.pop(), actor, dictionary, year)
    return actor


# "Islamic State cells in", "al-Qaeda's fighters in northern": the place comes next
_PLACED = re.compile(r"(?:['\u2019]s)?(?:\s+[a-z]+){1,2}\s+in\s+(?:the\s+)?"
                     r"(?:(?:north|south|east|west|north-?east|north-?west|south-?east"
                     r"|south-?west|central)(?:ern)?\s+)?")


def _founded_by(branch: str, actor: str, dictionary: Dictionary, year: int | None) -> str:
    """``branch``, unless the text was written (``year``) before it was founded."""
    entry = dictionary.get(branch)
    founded = entry.active.get("from") if entry is not None else None
    if year is not None and isinstance(founded, int) and founded > year:
        return actor  # "al-Qaeda" in Mumbai in 2008: its Indian branch came in 2014
    return branch


@lru_cache(maxsize=16)
def _names_branch(own_names: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` names a branch by its own name: searched once per document and
    family, not once per mention of the parent."""
    return own_names.search(text) is not None
