"""Mentions made of the forms around names: a state's possessive forces, demonym
adjectives, shared heads ("the Afghan and Pakistani Taliban"), surnames, a leader's
faction ("Minni Minnawi's wing of the SLM")."""

from __future__ import annotations

import re
from functools import lru_cache

from ..actors import Dictionary
from ..gate import rules
from ..model import Mention
from ..names import article_either_case
from ..recognize import Hit, Matcher
from .disambiguate import _PARENT_CONTEXT

_STATE_POSSESSIVE_FORCES = re.compile(
    r"""
    ['\u2019]s\s+(?:(?:own|defeated|regular|national|elite|beleaguered|depleted|demoralised
    |demoralized|former|regular)\s+)?(?:armed\s+forces
    |army|military|security\s+forces|troops|soldiers|forces)\b
    """, re.X)


def _possessive_forces(text: str, mentions: list[Mention], dictionary: Dictionary
                       ) -> list[Mention]:
    """"Afghanistan's defeated armed forces": the state's forces, not the state."""
    out = []
    for m in mentions:
        forces = dictionary.main_forces(m.actor) if dictionary.kind_of(m) == "state" else m.actor
        tail = _STATE_POSSESSIVE_FORCES.match(text, m.end) if forces != m.actor else None
        if tail is not None:
            m = Mention(m.start, tail.end(), text[m.start:tail.end()], forces, m.sentence,
                        "state_form")
        out.append(m)
    return out


_DEMONYM_ADJECTIVE = re.compile(r"\b(?P<dem>[A-Z][a-z]+)-(?=(?:backed|led|funded|sponsored|"
                                r"supported|trained|armed|brokered|mediated|allied)\b)")


_LEADERS_GROUP = re.compile(r"['\u2019]s?\s+(?:own\s+)?(?P<noun>group|faction|network|"
                            r"militia|organi[sz]ation|movement|outfit)\b")


def _leaders_groups(text: str, mentions: list[Mention], dictionary: Dictionary,
                    sent_at) -> list[Mention]:
    """"Hafiz Gul Bahadur's group": the noun after a leader's possessive is the group the
    dictionary says the leader leads and names after him (the person keeps his own
    mention)."""
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in mentions]
    for m in mentions:
        tail = _LEADERS_GROUP.match(text, m.end)
        if tail is None or dictionary.kind_of(m) != "person":
            continue
        surname = m.text.split()[-1].lower()
        groups = [g for g in _led_by(dictionary, m.actor)
                  if getattr(dictionary.get(g), "kind", None) == "armed_group"
                  and surname in _name_of(dictionary, g).lower()]
        start, end = tail.span("noun")
        s = sent_at(start)
        if len(groups) == 1 and s is not None and \
                not any(a < end and start < b for a, b in taken):
            out.append(Mention(start, end, text[start:end], groups[0], s, "faction"))
    return out


def _demonym_adjectives(text: str, mentions: list[Mention], dictionary: Dictionary,
                        sent_at) -> list[Mention]:
    """'another Emirati-backed force', 'the Turkish-backed SNA', 'an Egyptian-brokered
    truce': the demonym glued to the participle names its state."""
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in mentions]
    for m in _DEMONYM_ADJECTIVE.finditer(text):
        start, end = m.start("dem"), m.end("dem")
        if any(a < end and start < b for a, b in taken):
            continue
        state = dictionary.state_of_demonym(m.group("dem"))
        s = sent_at(start)
        if state is not None and s is not None:
            out.append(Mention(start, end, m.group("dem"), state, s, "demonym"))
    return out


def _shared_heads(text: str, hits: list[Hit], matcher: Matcher, dictionary: Dictionary,
                  sent_at) -> list[Mention]:
    """'Afghan and US forces': the first demonym shares the second one's noun; 'the
    brothers Omar and Abdullah Maute': the first given name shares the surname."""
    out: list[Mention] = []
    for hit in hits:
        parts = hit.text.split(" ", 1)
        if len(parts) != 2 or not parts[0][:1].isupper() or not (
                hit.how in ("state_form", "alias") or _is_person(dictionary, hit.actors[0])):
            continue
        before = text[max(0, hit.start - 30):hit.start]
        m = re.search(r"\b([A-Z][a-z]+|[A-Z]{2,3})\s+and\s+$", before)
        if not m:
            continue
        for form in (f"{m.group(1)} {parts[1]}", f"{m.group(1)} {hit.text.rsplit(' ', 1)[-1]}"):
            # "Afghan and US forces"; "The Afghan and US-led coalition forces"
            found = matcher.find(form)
            if _whole_form(found, form):
                break
        if _whole_form(found, form):
            start = hit.start - len(m.group(0))
            s = sent_at(start)
            actor = dictionary.canonical(found[0].actors[0])
            person = _is_person(dictionary, hit.actors[0])
            # a person's given name shares a person's surname; a demonym, a state's noun
            if s is not None and person == _is_person(dictionary, actor) and \
                    (person or found[0].how != "name"):
                out.append(Mention(start, start + len(m.group(1)), m.group(1), actor, s,
                                   "alias" if person else "state_form"))
    return out


def _is_person(dictionary: Dictionary, actor_id: str) -> bool:
    return getattr(dictionary.get(actor_id), "kind", None) == "person"


def _whole_form(found: list[Hit], form: str) -> bool:
    """One hit covering all of ``form``: "Afghan forces", not "Soleimani" of "Muhandis
    Soleimani" (from "Abu Mahdi al-Muhandis and Qassem Soleimani")."""
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(form) and \
        found[0].how in ("state_form", "alias", "name")


def _surnames(text: str, mentions: list[Mention], dictionary: Dictionary,
              sent_at) -> list[Mention]:
    """After 'Baitullah Mehsud', a later 'Mehsud' is the same person (news style). The
    mentions given, with these added."""
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in mentions]
    dropped: set[tuple[int, int]] = set()
    seen: dict[str, tuple[int, str]] = {}
    for m in mentions:
        actor = dictionary.get(m.actor)
        if actor is None or actor.kind != "person" or " " not in m.text.strip():
            continue
        last = m.text.split()[-1]
        for variant in {last, re.sub(r"^(?:al|el|ul)-", "", last)}:
            if len(variant) >= 4 and variant[0].isupper() and variant not in seen:
                seen[variant] = (m.end, m.actor)
        if last[:3].lower() in ("al-", "el-") and last[3:4].isupper():
            # "Al-Houthi spoke": with its article the surname is the person, not the group
            # whose name the bare word matched ("Houthi")
            pattern = _surname_pattern(last)
            for other in mentions:
                if other.start > m.end and other.actor != m.actor and \
                        (other.start, other.end) not in dropped and \
                        pattern.fullmatch(text, other.start - 3, other.end) and \
                        getattr(dictionary.get(other.actor), "kind", None) != "person":
                    dropped.add((other.start, other.end))
                    out.append(Mention(other.start - 3, other.end,
                                       text[other.start - 3:other.end], m.actor,
                                       other.sentence, "surname"))
    taken = [span for span in taken if span not in dropped]
    taken += [(m.start, m.end) for m in out]
    for name, (after, actor_id) in seen.items():
        out += _later(text, _surname_pattern(name), after, actor_id, "surname", taken,
                      sent_at)
    return [m for m in mentions if (m.start, m.end) not in dropped] + out


@lru_cache(maxsize=4096)
def _surname_pattern(name: str) -> re.Pattern[str]:
    """A surname as a whole word; one with an article ("al-Houthi") in either case."""
    return re.compile(rf"(?<![\w-]){article_either_case(name, ('al-', 'el-'))}(?![\w-])")


def _later(text: str, pattern: re.Pattern[str], after: int, actor: str, method: str,
           taken: list[tuple[int, int]], sent_at) -> list[Mention]:
    """The mentions of ``actor`` that ``pattern`` finds after offset ``after`` (a short form
    back-referring to a name given in full), not overlapping what is ``taken``, which they
    join."""
    out = []
    for hit in pattern.finditer(text, after):
        start, end = hit.span()
        s = sent_at(start)
        if s is None or any(a < end and start < b for a, b in taken):
            continue
        out.append(Mention(start, end, hit.group(), actor, s, method))
        taken.append((start, end))
    return out


# The Arabic and Urdu head words of group names ("Lashkar-e-Taiba", "Ahrar al-Sham"),
# which news uses alone for the group once it has been named in full.
_HEAD_WORDS = re.compile(r"^(Lashkar|Jaish|Jaysh|Ahrar|Harkat|Harakat|Hizb|Hezb|Tehrik|"
                         r"Tehreek|Jabhat|Jamaat|Jama'at|Katibat|Ansar|Liwa|Saraya|Kataib)"
                         r"[-\s'\u2019]")


def _head_words(text: str, mentions: list[Mention], dictionary: Dictionary,
                sent_at) -> list[Mention]:
    """After 'Lashkar-e-Taiba', a later bare 'Lashkar' is the same group, when no other
    group of the document begins with that word."""
    firsts: dict[str, set[str]] = {}
    after: dict[str, int] = {}
    for m in mentions:
        head = _HEAD_WORDS.match(m.text)
        if head and dictionary.kind_of(m) == "armed_group" and not m.provisional:
            firsts.setdefault(head.group(1), set()).add(m.actor)
            after.setdefault(head.group(1), m.end)
    taken = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for word, actors in firsts.items():
        if len(actors) != 1:
            continue
        bare = re.compile(rf"(?<![\w-]){word}(?![\w\u2010-]|[\s'\u2019](?:[a-z]{{1,3}}"
                          rf"[-\s'\u2019])?[A-Z])")
        out += _later(text, bare, after[word], next(iter(actors)), "short", taken, sent_at)
    return out


_FACTION_OF = re.compile(r"""
    ^(?:['\u2019]s?\s+(?:[\w-]+\s+)?|\s+(?:[\w-]+\s+)?|-led\s+)
    (?:wing|faction|branch|splinter(?:\s+group|\s+faction)?|breakaway\s+faction)
    \s+of\s+(?:the\s+)?$
    """, re.X | re.I)


def _leader_factions(text: str, mentions: list[Mention], dictionary: Dictionary
                     ) -> list[Mention]:
    """"Minni Minnawi's wing of the Sudan Liberation Movement", "the al-Hilu faction of
    the SPLM-N": the group named is the faction the person leads (the dictionary's group
    that is a branch or splinter of the one named and is led by, or named after, the
    person), when the dictionary has exactly one such faction."""
    out = list(mentions)
    person = None  # the last mention ending before the one looked at
    for i, group in enumerate(mentions):
        if i and mentions[i - 1].end <= group.start:
            person = mentions[i - 1]
        if person is None or group.start - person.end > 40 or \
                _FACTION_OF.match(text[person.end:group.start]) is None or \
                dictionary.kind_of(person) != "person":
            continue
        out[i] = _as_faction(group, _faction_led_by(dictionary, person.actor, group.actor))
    for i, group in enumerate(mentions[:-1]):  # "the SPLM-N of Abdelaziz al-Hilu"
        leader = mentions[i + 1]
        if out[i].method == "faction" or not _of_leader(text[group.end:leader.start]) or \
                dictionary.kind_of(leader) != "person" or \
                _PARENT_CONTEXT.search(text[max(0, group.start - 40):group.start]):
            continue  # "the affiliate of the Islamic State led by ...": the affiliate is led
        out[i] = _as_faction(group, _faction_led_by(dictionary, leader.actor, group.actor))
    return out


def _as_faction(group: Mention, faction: str | None) -> Mention:
    if faction is None:
        return group
    return Mention(group.start, group.end, group.text, faction, group.sentence, "faction")


_OF_LEADER = re.compile(r"\s+(?:of|led\s+by|headed\s+by|loyal\s+to)\s+")


def _of_leader(gap: str) -> bool:
    """'of', 'led by' ... and titles only (recognition.yaml's): "the SLM of General X"."""
    m = _OF_LEADER.match(gap)
    return m is not None and all(w.rstrip(".") in rules().titles for w in gap[m.end():].split())


def _faction_led_by(dictionary: Dictionary, person_id: str, group_id: str) -> str | None:
    person = dictionary.get(person_id)
    if person is None:
        return None
    surname = person.name.split()[-1].lower()
    led = _led_by(dictionary, person_id)
    found = {f for f in dictionary.factions(dictionary.canonical(group_id))
             if f in led or surname in _name_of(dictionary, f).lower()}
    return found.pop() if len(found) == 1 else None


def _led_by(dictionary: Dictionary, person_id: str) -> set[str]:
    """Every actor the dictionary says the person leads (or led)."""
    person = dictionary.get(person_id)
    return {dictionary.canonical(str(r["object"])) for r in getattr(person, "relations", ())
            if r.get("relation") == "leads"}


def _name_of(dictionary: Dictionary, actor_id: str) -> str:
    actor = dictionary.get(actor_id)
    return actor.name if actor is not None else ""
