"""When a name the dictionary knows is an actor of this document: case, part of a longer
name, and the document's topic, declared in data/recognition.yaml (its header says why)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from .actors import is_acronym

if TYPE_CHECKING:
    from .recognize import Hit


@dataclass(frozen=True)
class Rules:
    armed: re.Pattern[str]
    any_cue: re.Pattern[str]
    titles: frozenset[str]
    openers: frozenset[str]
    institutions: frozenset[str]
    extenders: frozenset[str]


def _cue_pattern(words: list[str]) -> re.Pattern[str]:
    """Whole words, or word starts for a cue ending in ``*``."""
    alternatives = sorted(
        (re.escape(w.rstrip("*")).replace(r"\ ", r"\s+") + ("" if w.endswith("*") else r"\b")
         for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + ")", re.I)


@lru_cache(maxsize=1)
def rules() -> Rules:
    path = resources.files("syndicate").joinpath("data/recognition.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    cues = data["cues"]
    return Rules(_cue_pattern(cues["armed"]), _cue_pattern(cues["armed"] + cues["political"]),
                 frozenset(data["titles"]), frozenset(data["openers"]),
                 frozenset(data["institutions"]), frozenset(data["extenders"]))


def on_topic(text: str, *, armed: bool = False) -> bool:
    """Whether ``text`` says anything of armed conflict (or, without ``armed``, of
    security or politics)."""
    r = rules()
    return (r.armed if armed else r.any_cue).search(text) is not None


def risky(hit: Hit, kind: str | None) -> bool:
    """A name that often means something else: an acronym of two or three letters ("the
    HTS code"), or one word naming a state, its capital or a person ("Jordan", "Lima
    beans", "Leila Soleimani"). Longer acronyms, names of several words and one-word
    names of groups ("Hezbollah", "Kach") seldom do (data/recognition.yaml, check 3)."""
    if is_acronym(hit.text) or any(c.isdigit() for c in hit.text):
        return len(re.sub(r"[^A-Za-z0-9]", "", hit.text)) <= 3
    return " " not in hit.text.strip() and (hit.how == "capital" or kind in ("state", "person"))


_PREV = re.compile(r"([A-Z][\w'\u2019.-]*) $")
_NEXT = re.compile(r" ((?:[A-Z][\w'\u2019&.-]*\s){0,2})([A-Z][\w'\u2019&-]*)")


def part_of_longer_name(hit: Hit, text: str, kind: str | None) -> bool:
    """"Michael Jordan", "Cuba Gooding", "Jamaica Plain", "Sea Tigers Swim Club": the
    name is part of another one (data/recognition.yaml, check 2); not in a headline."""
    if not _joined_to_a_name(hit, text, kind):
        return False
    line_start = text.rfind("\n", 0, hit.start) + 1
    line_end = text.find("\n", hit.end)
    return not _title_case(text[line_start:line_end if line_end >= 0 else len(text)])


def _joined_to_a_name(hit: Hit, text: str, kind: str | None) -> bool:
    r = rules()
    after = _NEXT.match(text, hit.end)
    if after and after.group(2).rstrip(".") in r.extenders:
        return True
    if " " in hit.text.strip() or is_acronym(hit.text):
        return False
    if after and not after.group(1) and after.group(2) not in r.institutions and \
            not after.group(2).isupper():
        return True
    before = _PREV.search(text, max(0, hit.start - 30), hit.start)
    if before is None or kind not in ("person", "state"):
        return False
    word = before.group(1)
    if word.endswith(".") and word.rstrip(".") not in r.titles:
        return False  # the end of the sentence before: "... with the M23. Kinshasa has"
    word = word.rstrip(".")
    return word not in r.titles and word not in r.openers and not _adjective(word)


def _adjective(word: str) -> bool:
    """Demonyms and other adjectives before a name ("Kurdish", "Pakistani", "Syrian")."""
    return bool(re.search(r"(?:ish|ian|ese|i|an|ern|ic|led|backed)$", word))


@lru_cache(maxsize=256)
def _title_case(line: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'-]*", line)
    if len(words) < 4:
        return False
    small = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "as", "by",
             "with", "from", "after", "over", "into", "al", "el", "vs"}
    caps = sum(w[0].isupper() for w in words if w.lower() not in small)
    return caps >= 0.8 * sum(1 for w in words if w.lower() not in small)
