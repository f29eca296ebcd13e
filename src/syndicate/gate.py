"""When a name the dictionary knows is an actor of this document: case, part of a longer
name, and the document's topic, declared in data/recognition.yaml (its header says why)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from .actors import Actor, Dictionary, is_acronym

if TYPE_CHECKING:
    from .recognize import Hit


@dataclass(frozen=True)
class Rules:
    armed: re.Pattern[str]
    any_cue: re.Pattern[str]
    violent: re.Pattern[str]
    substantive: re.Pattern[str]  # every cue but the everyday ones
    titles: frozenset[str]
    openers: frozenset[str]
    institutions: frozenset[str]
    extenders: frozenset[str]
    other_places: frozenset[str]
    things: re.Pattern[str]
    elsewhere: re.Pattern[str]


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
                 _cue_pattern([c for c in cues["armed"] if c not in set(cues["everyday"])]),
                 _cue_pattern([c for c in cues["armed"] + cues["political"]
                               if c not in set(cues["everyday"])]),
                 frozenset(data["titles"]), frozenset(data["openers"]),
                 frozenset(data["institutions"]), frozenset(data["extenders"]),
                 frozenset(data["other_places"]),
                 re.compile(r"[ \t]+(?:" + "|".join(map(re.escape, data["things"])) + r")\b"),
                 _cue_pattern(cues["elsewhere"]))


@lru_cache(maxsize=8)
def on_topic(text: str, *, armed: bool = False) -> bool:
    """Whether ``text`` says anything of armed conflict (or, without ``armed``, of
    security or politics); remembered for the last few texts, which each stage asks."""
    r = rules()
    return (r.armed if armed else r.any_cue).search(text) is not None


def risky(hit: Hit, kind: str | None) -> bool:
    """A name that often means something else: an acronym of two or three letters ("the
    HTS code"), or one word naming a state, its capital or a person ("Jordan", "Lima
    beans", "Leila Soleimani"). Longer acronyms, names of several words and one-word
    names of groups ("Hezbollah", "Kach") seldom do (data/recognition.yaml, check 3)."""
    if is_acronym(hit.text) or any(c.isdigit() for c in hit.text):
        return short_acronym(hit)
    if kind == "person":  # "Raul Reyes, a plumber": common names; "Abu Bakr al-Baghdadi" not
        return _words(hit.text) < 3
    return " " not in hit.text.strip() and (hit.how == "capital" or kind == "state")


def _words(name: str) -> int:
    """Words of a name that are not particles ("al", "de", "the")."""
    return sum(w.lower() not in _PARTICLES for w in re.findall(r"[^\W\d_]+", name))


def _capitals(name: str) -> bool:
    """An acronym of any length: one word, at least two capitals, half its letters or
    more ("TPNPB", "LeT", "FARC-EP"; not "Omega-7")."""
    letters = [c for c in name if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return " " not in name.strip() and upper >= 2 and 2 * upper >= len(letters)


def short_acronym(hit: Hit) -> bool:
    return len(re.sub(r"[^A-Za-z0-9]", "", hit.text)) <= 3


_PARTICLES = {"al", "el", "ul", "ud", "ad", "as", "ash", "at", "az", "bin", "ibn", "bint",
              "of", "the", "and", "de", "del", "la", "los", "le", "da", "do", "dos", "van",
              "von", "ag", "wal", "e", "i"}


def settle(hits: list[Hit], text: str, dictionary: Dictionary,
           company: list[Hit] | None = None, *, named: int | None = None) -> list[Hit]:
    """Check 3 (topic) and check 4 (a short acronym needs a neighbour from its country or
    region, or another actor in its sentence: a dictionary one or ``company``, the unknown
    groups found). ``named``: how many actors the text names before any check (default:
    those of ``hits``)."""
    kinds = {h.actors: getattr(dictionary.get(h.actors[0]), "kind", None) for h in hits}
    if not rules().substantive.search(text) and (named or len(kinds)) == 1 and not company:
        # one name in a text that says nothing of conflict or politics but in everyday
        # words ("police", "arms": check 3): not one word ("Wagner's operas", "Lehi police
        # arrested a fraudster"), nor two in a text about something else ("Los Lobos
        # played an encore"); acronyms and longer names stand
        shortest = 2 if rules().elsewhere.search(text) else 1
        hits = [h for h in hits if _capitals(h.text) or _words(h.text) > shortest]
    if not on_topic(text) and not any(not risky(h, kinds[h.actors]) for h in hits) and \
            (len(kinds) < 2 or set(kinds.values()) == {"state"}):
        hits = [h for h in hits if not risky(h, kinds[h.actors])]
    if not any(is_acronym(h.text) and short_acronym(h) for h in hits) or \
            rules().violent.search(text):
        return hits
    places: set[str] = set()
    for h in hits:
        actor = dictionary.get(h.actors[0])
        if actor is not None and not (is_acronym(h.text) and short_acronym(h)):
            places.update(actor.country + ([actor.region] if actor.region else []))
    return [h for h in hits if not (is_acronym(h.text) and short_acronym(h))
            or _at_home(dictionary.get(h.actors[0]), places)
            or any(o is not h and _same_sentence(text, h, o) for o in [*hits, *(company or [])])]


def _same_sentence(text: str, a: Hit, b: Hit) -> bool:
    lo, hi = min(a.start, b.start), max(a.end, b.end)
    return not re.search(r"[.!?]\s", text[lo:hi])


def _at_home(actor: Actor | None, places: set[str]) -> bool:
    """A state's own acronym ("US", "UAE") travels; a group's or an army's needs company."""
    return actor is None or actor.kind == "state" or not actor.country or \
        bool(places & {*actor.country, actor.region})


_PREV = re.compile(r"([A-Z][\w'\u2019.-]*) $")
_SECOND_PLACE = re.compile(r", ((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)\b")
_NEXT = re.compile(r" ((?:[A-Z][\w'\u2019&.-]*\s){0,2})([A-Z][\w'\u2019&-]*)")


def part_of_longer_name(hit: Hit, text: str, kind: str | None) -> bool:
    """"Michael Jordan", "Cuba Gooding", "Jamaica Plain", "Sea Tigers Swim Club": the
    name is part of another one (data/recognition.yaml, check 2); not in a headline. "A
    Swiss Army knife", "Brazil nut sacks": the name of a thing (check 5)."""
    if rules().things.match(text, hit.end):
        return True
    if not _joined_to_a_name(hit, text, kind):
        return False
    line_start = text.rfind("\n", 0, hit.start) + 1
    line_end = text.find("\n", hit.end)
    return not _title_case(text[line_start:line_end if line_end >= 0 else len(text)])


def _joined_to_a_name(hit: Hit, text: str, kind: str | None) -> bool:
    r = rules()
    after = _NEXT.match(text, hit.end)
    elsewhere = _SECOND_PLACE.match(text, hit.end)
    if elsewhere and elsewhere.group(1) in r.other_places:
        return True  # "Peru, Indiana", "Palestine, Texas": a town of that name
    if after and after.group(2).rstrip(".") in r.extenders:
        return True
    if re.match(r"(?:ibn|bin|bint) ", hit.text):  # "Umar ibn al-Khattab": a patronym
        before = _PREV.search(text, max(0, hit.start - 30), hit.start)
        return before is not None and before.group(1) not in r.titles and \
            before.group(1) not in r.openers
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
