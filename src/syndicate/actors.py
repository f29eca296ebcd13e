"""The actor dictionary: bundled YAML files, a user overlay on top, validated at load."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import DictionaryError
from .model import PAIR, Mention
from .names import fold
from .vocab import vocabulary

log = logging.getLogger(__name__)

REGIONS = (
    "south_asia", "central_asia", "middle_east", "north_africa", "west_africa", "east_africa",
    "central_africa", "southern_africa", "latin_america", "north_america", "southeast_asia",
    "east_asia", "europe", "oceania", "global",
)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Generated for every state: "<demonym> army", "<demonym> government", ...
STATE_FORMS = ("government", "authorities", "regime", "capital", "air strikes", "airstrikes",
               "drone strikes", "drone strike", "embassy", "embassies", "consulate", "consulates",
               "diplomats", "mediators", "facilitators", "envoy", "envoys", "enemy", "aggression")
# Military forms name the state's armed forces when the dictionary has them
# ("Israeli warplanes" -> Israel Defense Forces), else the state itself. A strike is the
# state's act ("US air strikes", "a US drone strike"), a weapon its forces' ("US drones").
MILITARY_FORMS = ("army", "forces", "security forces", "military", "troops", "armed forces",
                  "air force", "navy", "soldiers", "warplanes", "jets", "aircraft", "artillery",
                  "special forces", "ground forces", "offensive", "offensives",
                  "military offensive", "military operation", "operations", "military operations",
                  "raids", "air raids", "bombers", "helicopters", "gunships", "warships",
                  "commandos", "paratroopers", "tanks", "shelling", "bombardment",
                  "drone", "drones")
_MAIN_FORCES = re.compile(r"armed forces|defen[cs]e (?:and security )?forces?|\barmy\b|military",
                          re.I)
_FIELDS = {"id", "name", "kind", "region", "country", "aliases", "former_names", "parent",
           "wikidata", "active", "demonyms", "capital", "relations", "note", "sources"}


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    region: str | None = None
    country: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    former_names: list[dict[str, Any]] = field(default_factory=list)
    parent: str | None = None
    wikidata: str | None = None
    active: dict[str, Any] = field(default_factory=dict)
    demonyms: list[str] = field(default_factory=list)
    capital: str | None = None
    relations: list[dict[str, Any]] = field(default_factory=list)
    note: str | None = None
    sources: list[str] = field(default_factory=list)  # where the entry's facts come from
    provisional: bool = False
    origin: str = "bundled"
    generated: list[str] = field(default_factory=list)  # forms derived at load time

    def surface_forms(self) -> list[tuple[str, str]]:
        """(form, how) pairs this actor is recognised by."""
        forms = [(self.name, "name")] + [(a, "alias") for a in self.aliases]
        forms += [(f["name"], "former_name") for f in self.former_names if f.get("name")]
        forms += [(g, "state_form") for g in self.generated]
        if self.capital:
            forms.append((self.capital, "capital"))
        return forms

    @cached_property
    def name_words(self) -> frozenset[str]:
        """The lower-cased words of the name and leading aliases (the first eight surface
        forms): "the movement" points back to a name with "Movement" in it."""
        return frozenset(w for form, _ in self.surface_forms()[:8] for w in form.lower().split())

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "region": self.region,
            "country": self.country, "aliases": self.aliases, "parent": self.parent,
            "wikidata": self.wikidata, "active": self.active, "provisional": self.provisional,
            "origin": self.origin,
        }


@dataclass
class Dictionary:
    actors: dict[str, Actor]
    rules: list[dict[str, Any]]
    merged: dict[str, str] = field(default_factory=dict)  # old id -> surviving id

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(self.merged.get(actor_id, actor_id))

    def kind_of(self, mention: Mention) -> str | None:
        """The kind of actor a mention names (actor_kinds in relations.yaml): a provisional
        name or a pair ('the two groups') is an armed group, unless it is an unknown person
        ('person' mentions); None if the id is unknown."""
        if mention.provisional:  # an unknown person in a role (resolve/people.py), or a group
            return "person" if mention.method == "person" else "armed_group"
        if mention.actor.startswith(PAIR):  # is_pair, inlined: hot
            return "armed_group"
        actor = self.get(mention.actor)
        return actor.kind if actor else None

    def canonical(self, actor_id: str) -> str:
        seen = set()
        while actor_id in self.merged and actor_id not in seen:
            seen.add(actor_id)
            actor_id = self.merged[actor_id]
        return actor_id

    @cached_property
    def rule_for(self) -> dict[str, dict[str, Any]]:
        """Folded alias -> its disambiguation rule (the first one, as the file reads); a
        rule for every name of an actor is under "actor:" and its id."""
        out: dict[str, dict[str, Any]] = {}
        for rule in self.rules:
            out.setdefault(fold(rule["alias"]) if "alias" in rule else f"actor:{rule['actor']}",
                           rule)
        return out

    def states_in(self, country: str) -> list[str]:
        """The state actors whose countries include ``country`` (an ISO code)."""
        return self._states_in.get(country, [])

    @cached_property
    def _states_in(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for actor in self.actors.values():
            if actor.kind == "state":
                for country in actor.country:
                    out.setdefault(country, []).append(actor.id)
        return out

    def factions(self, group_id: str) -> list[str]:
        """The actors the dictionary gives as branches (parent) or splinters of a group."""
        return self._factions.get(group_id, [])

    @cached_property
    def _factions(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for actor in self.actors.values():
            of = {actor.parent} | {str(r["object"]) for r in actor.relations
                                   if r.get("relation") in ("splinter_of", "part_of")}
            for group in of - {None}:
                out.setdefault(self.canonical(str(group)), []).append(actor.id)
        return out

    @cached_property
    def led_groups(self) -> dict[str, str]:
        """Person id -> the group the dictionary says the person leads (latest role)."""
        out: dict[str, str] = {}
        for actor in self.actors.values():
            roles = [r for r in actor.relations if r.get("relation") == "leads"]
            if actor.kind == "person" and roles:
                latest = max(roles, key=lambda r: str(r.get("from") or ""))
                out[actor.id] = self.canonical(str(latest["object"]))
        return out

    @cached_property
    def _main_forces(self) -> dict[str, str]:
        return {state: forces.id for state, forces in _main_forces_by_state(self.actors).items()}

    def main_forces(self, state: str) -> str:
        """The state's main armed forces when the dictionary has exactly one, else the state."""
        return self._main_forces.get(state, state)

    def state_of(self, actor_id: str) -> str:
        """The state a state's forces or agency belong to; any other actor is itself."""
        entry = self.actors.get(actor_id)
        return entry.parent if entry is not None and entry.parent and \
            entry.kind in ("state_agency", "state_forces") else actor_id

    @cached_property
    def _states_by_demonym(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for actor in self.actors.values():
            if actor.kind == "state":
                for demonym in actor.demonyms:
                    out.setdefault(demonym, []).append(actor.id)
        return out

    def state_of_demonym(self, demonym: str) -> str | None:
        """The one state a demonym names ('Emirati' -> UAE); None if none or several."""
        states = self._states_by_demonym.get(demonym, [])
        return states[0] if len(states) == 1 else None

    def led_group(self, person: str, year: int | None = None) -> str | None:
        """The group a person led in ``year`` ("his group" in a 2013 article is Nusra, not
        the state Julani heads from 2025); without a year, the latest armed group led."""
        actor = self.actors.get(person)
        roles = [r for r in actor.relations if r.get("relation") == "leads"] if actor else []
        if not roles:
            return None

        def held(r: dict[str, Any]) -> bool:
            start, until = r.get("from"), r.get("until")
            return year is not None and (start is None or int(str(start)[:4]) <= year) and \
                (until is None or year <= int(str(until)[:4]))

        def armed(r: dict[str, Any]) -> bool:
            target = self.get(self.canonical(str(r["object"])))
            return target is not None and target.kind == "armed_group"

        for choice in ([r for r in roles if held(r)], [r for r in roles if armed(r)], roles):
            if choice:
                latest = max(choice, key=lambda r: str(r.get("from") or ""))
                return self.canonical(str(latest["object"]))
        return None

    def curated_claims(self) -> list[dict[str, Any]]:
        """Structural facts from the dictionary, as claims marked curated."""
        out = []
        for actor in self.actors.values():
            facts = list(actor.relations)
            if actor.parent and not any(r.get("relation") == "part_of" and
                                        r.get("object") == actor.parent for r in facts):
                facts.append({"relation": "part_of", "object": actor.parent})
            for fact in facts:
                obj = self.get(fact["object"])
                if obj is None:
                    continue
                out.append({"subject": actor.id, "subject_name": actor.name,
                            "relation": fact["relation"], "object": obj.id,
                            "object_name": obj.name, "from": _year(fact.get("from")),
                            "until": _year(fact.get("until")), "role": fact.get("role")})
        return out


def _year(value: Any) -> str | None:
    return None if value is None else str(value)


def bundled_files() -> list[Path]:
    folder = resources.files("syndicate").joinpath("data/actors")
    return sorted(Path(str(p)) for p in folder.iterdir() if str(p).endswith(".yaml"))


def load_dictionary(overlays: Iterable[str | Path] = ()) -> Dictionary:
    """Load the bundled dictionary and lay ``overlays`` (analyst files) on top."""
    actors: dict[str, Actor] = {}
    for path in bundled_files():
        for entry in _load_yaml_list(path):
            actor = _parse(entry, path)
            if actor.id in actors:
                raise DictionaryError(f"{path.name}: duplicate actor id '{actor.id}' "
                                      f"(also in {actors[actor.id].origin})")
            actor.origin = path.name
            actors[actor.id] = actor
    merged: dict[str, str] = {}
    for overlay in overlays:
        path = Path(overlay)
        if path.is_dir():
            raise DictionaryError(f"{path} is a folder, not an actors file: give a YAML file "
                                  "(see docs/actors.md)")
        if path.exists():
            _apply_overlay(actors, merged, path)
    _generate_state_forms(actors)
    rules = _load_rules()
    dictionary = Dictionary(actors, rules, merged)
    validate(dictionary)
    return dictionary


def _main_forces_by_state(actors: dict[str, Actor]) -> dict[str, Actor]:
    """State id -> its main armed forces, for states the dictionary gives exactly one."""
    forces: dict[str, list[Actor]] = {}
    for actor in actors.values():
        if actor.kind == "state_forces" and actor.parent and _MAIN_FORCES.search(actor.name):
            forces.setdefault(actor.parent, []).append(actor)
    return {state: found[0] for state, found in forces.items() if len(found) == 1}


def _generate_state_forms(actors: dict[str, Actor]) -> None:
    """'<demonym> government' for every state; military forms for its main armed forces."""
    main = _main_forces_by_state(actors)
    for actor in actors.values():
        if actor.kind != "state" or not actor.demonyms:
            continue
        target = main.get(actor.id, actor)
        for demonym in actor.demonyms:
            actor.generated += [f"{demonym} {form}" for form in STATE_FORMS]
            target.generated += [f"{demonym} {form}" for form in MILITARY_FORMS]
    _generate_possessives(actors)
    _generate_ordinals(actors)
    _generate_prefixes(actors)


def _generate_ordinals(actors: dict[str, Actor]) -> None:
    """"444th Brigade" for "444 Brigade" and the other way round: numbered units are
    written both ways."""
    for actor in actors.values():
        if actor.kind == "state":
            continue
        forms = {actor.name, *actor.aliases}
        for form in list(forms):
            m = re.fullmatch(r"(\d{1,3})(st|nd|rd|th)?( [A-Z].*)", form)
            if m is None or not _UNIT.search(m.group(3)):
                continue  # "400 Mawozo", "15 May Organization": a name, not a unit's number
            other = m.group(1) + m.group(3) if m.group(2) else \
                m.group(1) + _ordinal(int(m.group(1))) + m.group(3)
            if other not in forms:
                actor.generated.append(other)


# The Islamic State's acronyms stand for one another in a branch's name: "ISIS-Somalia",
# "ISIL-Somalia", "IS-Somalia"; "ISIS-K", "ISIL-K"
_IS_PREFIX = re.compile(r"(IS|ISIS|ISIL)([-\u2013])(\S.*)")  # not a space: "is Algeria"


def _generate_prefixes(actors: dict[str, Actor]) -> None:
    """Every acronym of the Islamic State in front of a branch's name that has one."""
    for actor in actors.values():
        forms = {actor.name, *actor.aliases, *actor.generated}
        for form in list(forms):
            m = _IS_PREFIX.fullmatch(form)
            if m is None:
                continue
            for prefix in ("IS", "ISIS", "ISIL"):
                other = prefix + m.group(2) + m.group(3)
                if other not in forms:
                    forms.add(other)
                    actor.generated.append(other)


_UNIT = re.compile(r"\b(?:Brigades?|Division|Corps|Battalions?|Regiment|Front|Unit|Squadron"
                   r"|Legion|Company)\b")


def _ordinal(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _generate_possessives(actors: dict[str, Actor]) -> None:
    """"Turkey's National Intelligence Organization" for "National Intelligence
    Organization of Turkey": an organ named after its state, with the state in front."""
    states = {a.id: a.name for a in actors.values() if a.kind == "state"}
    for actor in actors.values():
        if actor.kind == "state" or not actor.parent or actor.parent not in states:
            continue
        state = states[actor.parent]
        for form in [actor.name, *actor.aliases]:
            m = re.fullmatch(rf"(.+) of (?:the )?{re.escape(state)}", form)
            if m and len(m.group(1).split()) >= 2:
                owner = state + ("'" if state.endswith("s") else "'s")
                actor.generated.append(f"{owner} {m.group(1)}")


def _load_yaml_list(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path}: not valid YAML: {exc}") from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise DictionaryError(f"{path}: expected a list of actor entries")
    return data


def _parse(entry: Any, path: Path) -> Actor:
    if not isinstance(entry, dict):
        raise DictionaryError(f"{path.name}: entry is not a mapping: {entry!r:.80}")
    where = f"{path.name}: actor '{entry.get('id', '?')}'"
    unknown = set(entry) - _FIELDS
    if unknown:
        raise DictionaryError(f"{where}: unknown field(s) {sorted(unknown)}; "
                              f"allowed: {sorted(_FIELDS)}")
    for key in ("id", "name", "kind"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise DictionaryError(f"{where}: field '{key}' is required (a string)")
    if not _ID.match(entry["id"]):
        raise DictionaryError(f"{where}: id must be a lower-case slug like 'haqqani-network'")
    if entry["kind"] not in vocabulary().actor_kinds:
        raise DictionaryError(f"{where}: unknown kind '{entry['kind']}'; known: "
                              f"{', '.join(vocabulary().actor_kinds)}")
    region = entry.get("region")
    if region is not None and region not in REGIONS:
        raise DictionaryError(f"{where}: unknown region '{region}'; known: {', '.join(REGIONS)}")
    if region is None and entry["kind"] != "person":
        raise DictionaryError(f"{where}: field 'region' is required for a {entry['kind']}")
    lists = {k: entry.get(k) or [] for k in ("country", "aliases", "demonyms", "relations",
                                              "former_names", "sources")}
    for key, value in lists.items():
        if not isinstance(value, list):
            raise DictionaryError(f"{where}: field '{key}' must be a list")
    for alias in lists["aliases"]:
        if not isinstance(alias, str) or not alias.strip():
            raise DictionaryError(f"{where}: alias {alias!r} is not a non-empty string")
    if not all(isinstance(s, str) and s.strip() for s in lists["sources"]):
        raise DictionaryError(f"{where}: field 'sources' must be a list of non-empty strings")
    for former in lists["former_names"]:
        if not isinstance(former, dict) or not isinstance(former.get("name"), str):
            raise DictionaryError(f"{where}: former_names entries need a 'name'")
    for rel in lists["relations"]:
        if not isinstance(rel, dict) or "relation" not in rel or "object" not in rel:
            raise DictionaryError(f"{where}: relations entries need 'relation' and 'object'")
        if rel["relation"] not in vocabulary().relations:
            raise DictionaryError(f"{where}: unknown relation '{rel['relation']}'")
    return Actor(
        id=entry["id"], name=entry["name"].strip(), kind=entry["kind"], region=region,
        country=[str(c) for c in lists["country"]],
        aliases=[str(a).strip() for a in lists["aliases"]],
        former_names=lists["former_names"], parent=entry.get("parent"),
        wikidata=entry.get("wikidata"), active=entry.get("active") or {},
        demonyms=[str(d) for d in lists["demonyms"]], capital=entry.get("capital"),
        relations=lists["relations"], note=entry.get("note"),
        sources=[s.strip() for s in lists["sources"]],
    )


def _apply_overlay(actors: dict[str, Actor], merged: dict[str, str], path: Path) -> None:
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{path}: not valid YAML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"{path}: cannot read the actors file: {exc}") from exc
    if isinstance(data, list):
        data = {"actors": data}
    if not isinstance(data, dict):
        raise DictionaryError(f"{path}: expected a mapping with 'actors' and 'merged'")
    for entry in data.get("actors") or []:
        if isinstance(entry, dict) and entry.get("id") in actors and set(entry) <= {"id",
                                                                                     "aliases"}:
            base = actors[entry["id"]]
            base.aliases += [a for a in entry.get("aliases") or [] if a not in base.aliases]
            continue
        actor = _parse(entry, path)
        actor.origin = "overlay"
        actors[actor.id] = actor
    for old, new in (data.get("merged") or {}).items():
        merged[str(old)] = str(new)
    for old, new in merged.items():
        if old in actors and new in actors:
            gone = actors.pop(old)
            keep = actors[new]
            keep.aliases += [f for f, _ in gone.surface_forms() if f not in keep.aliases]


def _load_rules() -> list[dict[str, Any]]:
    text = resources.files("syndicate").joinpath("data/disambiguation.yaml").read_text("utf-8")
    return (yaml.safe_load(text) or {}).get("rules") or []


def validate(dictionary: Dictionary) -> None:
    """Cross-entry checks: parents and relation objects exist; no unexplained shared alias."""
    actors = dictionary.actors
    for actor in actors.values():
        if actor.parent and dictionary.get(actor.parent) is None:
            raise DictionaryError(f"{actor.origin}: actor '{actor.id}': parent "
                                  f"'{actor.parent}' is not in the dictionary")
        for rel in actor.relations:
            if dictionary.get(rel["object"]) is None:
                raise DictionaryError(f"{actor.origin}: actor '{actor.id}': relation object "
                                      f"'{rel['object']}' is not in the dictionary")
    ruled = {r["alias"].lower() for r in dictionary.rules if "alias" in r}
    for rule in dictionary.rules:
        if "alias" not in rule and dictionary.get(rule.get("actor", "")) is None:
            raise DictionaryError(f"disambiguation.yaml: a rule names neither an alias nor "
                                  f"an actor of the dictionary: {rule}")
    owners: dict[str, str] = {}
    for actor in actors.values():
        for form, how in actor.surface_forms():
            key = form if is_acronym(form) else form.lower()
            other = owners.get(key)
            if other and other != actor.id and form.lower() not in ruled:
                if how == "state_form" or how == "capital":
                    continue  # an explicit alias elsewhere wins over a generated form
                other_actor = actors[other]
                if any(f == form and h in ("state_form", "capital")
                       for f, h in other_actor.surface_forms()):
                    owners[key] = actor.id
                    continue
                raise DictionaryError(
                    f"{actor.origin}: alias '{form}' of '{actor.id}' is also used by '{other}' "
                    f"({other_actor.origin}); add a rule to disambiguation.yaml or drop one")
            owners.setdefault(key, actor.id)


@lru_cache(maxsize=65536)
def is_acronym(form: str) -> bool:
    """Short all-capital forms (LeT, HQN, IS-K, AQ) are matched case-sensitively."""
    letters = [c for c in form if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return " " not in form and len(letters) <= 4 and upper >= 2
