"""Recognize stage: find actor mentions with one multi-pattern automaton over all aliases.

Matching works on a copy of the text folded to lower case with hyphens and curly quotes
normalised (same length, so offsets hold); acronyms are then checked case-sensitively.
Names shaped like armed groups that the dictionary does not know become candidates.
"""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from .actors import Dictionary, is_acronym
from .fuzzy import FuzzyIndex, runs
from .gate import on_topic, part_of_longer_name, rules, settle
from .names import _FOLD, fold, name_key, words


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    actors: tuple[str, ...]  # more than one when the alias is ambiguous
    how: str  # name | alias | former_name | state_form | capital | qualified | fuzzy | shape


class Matcher:
    """Finds every dictionary alias in a text, leftmost-longest, on whole words.

    Text and aliases meet on ``names.name_key`` (spellings folded); of the aliases sharing
    a key, those spelled like the text (``fold``) win, and a key that only a different
    spelling reaches must name one actor. Acronyms match case-sensitively.
    """

    def __init__(self, dictionary: Dictionary) -> None:
        self.dictionary = dictionary
        entries: dict[str, list[tuple[str, str, str, bool]]] = {}
        places = {form for actor in dictionary.actors.values() if actor.kind == "state"
                  for form, _ in actor.surface_forms() if is_acronym(form)}
        for actor in dictionary.actors.values():
            for form, how in _split_parenthesised(actor.surface_forms(), places):
                key = name_key(form.strip())
                if len(key) < 2:
                    continue
                entries.setdefault(key, []).append((form, actor.id, how, is_acronym(form)))
        self._automaton = ahocorasick.Automaton()
        exact: dict[str, list[tuple[str, str, str, bool]]] = {}
        for key, values in entries.items():
            self._automaton.add_word(key, (len(key), values))
            for value in values:  # a spelling brings all the aliases of its key
                exact[fold(value[0].strip())] = values
        self._automaton.make_automaton()
        self._exact = ahocorasick.Automaton()
        for key, values in exact.items():
            if len(key) >= 2:  # whether some form is lower case: else a lower-case surface
                # is a word, not the name (``_lowered``), and is passed over at once
                self._exact.add_word(key, (len(key), values,
                                           any(v[0].islower() for v in values)))
        self._exact.make_automaton()
        self.keys = entries
        self._fuzzy: FuzzyIndex | None = None
        self._runs: dict[str, list[tuple[int, int, list]]] = {}
        self._chosen: dict[tuple[str, int], tuple[tuple[str, ...], str] | None] = {}
        # The dictionary and the matcher live as long as the work does: move them (and
        # whatever else is alive now, once garbage is collected) out of the garbage
        # collector's way, which would otherwise walk their objects at every full
        # collection, a seventh of the time recognition takes over a batch of documents.
        gc.collect()
        gc.freeze()

    def near(self, text: str, known: list[Hit]) -> list[Hit]:
        """Long names that no alias matches but one actor's name is a few edits from
        (``fuzzy.py``), longest first, not overlapping ``known``."""
        if self._fuzzy is None:
            self._fuzzy = FuzzyIndex(self.dictionary)
        out: list[Hit] = []
        for start, end in sorted(runs(text, [(h.start, h.end) for h in known]),
                                 key=lambda se: se[0] - se[1]):
            if any(h.start < end and start < h.end for h in out):
                continue
            actor = self._fuzzy.nearest(name_key(text[start:end]))
            if actor:
                out.append(Hit(start, end, text[start:end], (actor,), "fuzzy"))
        return out

    def find(self, text: str) -> list[Hit]:
        """Aliases as spelled (the whole text, folded to lower case), then other spellings
        of names (runs of capitalised words, on their ``name_key``), leftmost-longest."""
        spelled = self._as_spelled(text)
        return _leftmost_longest(spelled + self._respelled(text, {(h.start, h.end)
                                                                  for h in spelled}))

    def _as_spelled(self, text: str) -> list[Hit]:
        folded = fold(text)
        out = []
        for end_index, (length, values, lower) in self._exact.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if not _whole_word(folded, start, end):
                continue
            surface = text[start:end]
            if not lower and surface.islower():
                continue  # "army", "is": words, not names (``_lowered``)
            hit = self._choose_once(surface, values, start, end)
            if hit is not None:
                out.append(_with_tail(hit, values, text))
        return out

    def _respelled(self, text: str, spelled: set[tuple[int, int]]) -> list[Hit]:
        """Other spellings of names, run by run of capitalised words; names already found
        as spelled (``spelled``) are not chosen again. A run's keys match the same aliases
        wherever it stands, so each run's matches are worked out once (``_run_matches``)."""
        runs = [m.span() for m in _NAME_RUN.finditer(text)]
        matches = self._run_matches([text[start:end] for start, end in runs])
        out = []
        for (offset, _), found in zip(runs, matches, strict=True):
            for a, b, values in found:
                start, end = offset + a, offset + b
                if (start, end) in spelled:
                    continue
                hit = self._choose_once(text[start:end], values, start, end)
                if hit is not None:
                    out.append(_with_tail(hit, values, text))
        return out

    def _run_matches(self, runs: list[str]) -> list[list[tuple[int, int, list]]]:
        """Per run, the (start, end, aliases) its name keys match. Runs not seen before are
        cut at once (joined by blank lines, which no name crosses)."""
        cache = self._runs
        new = list(dict.fromkeys(r for r in runs if r not in cache))
        if new:
            if len(cache) > 200_000:
                cache.clear()
            joined_at, at = [], 0
            for run in new:
                joined_at.append(at)
                at += len(run) + 2
            cut = words("\n\n".join(new))
            found: list[list[tuple[int, int, list]]] = [[] for _ in new]
            for end_index, (length, values) in self._automaton.iter(cut.key):
                first = cut.key_starts.get(end_index - length + 1)
                last = cut.key_ends.get(end_index + 1)
                if first is None or last is None:
                    continue
                i = bisect.bisect_right(joined_at, cut.starts[first]) - 1
                if i + 1 < len(joined_at) and cut.ends[last] > joined_at[i + 1]:
                    continue  # across two runs: "R" and "AW" of "R&AW", found as spelled
                found[i].append((cut.starts[first] - joined_at[i],
                                 cut.ends[last] - joined_at[i], values))
            cache.update(zip(new, found, strict=True))
        return [cache[r] for r in runs]

    def _choose_once(self, surface: str, values: list[tuple[str, str, str, bool]], start: int,
                     end: int) -> Hit | None:
        """``_choose``, remembered per surface and alias list (names recur)."""
        key = (surface, id(values))
        if key not in self._chosen:
            if len(self._chosen) > 200_000:
                self._chosen.clear()
            hit = _choose(surface, values, 0, len(surface))
            self._chosen[key] = (hit.actors, hit.how) if hit else None
        chosen = self._chosen[key]
        return Hit(start, end, surface, chosen[0], chosen[1]) if chosen else None


# a run of capitalised words, with the particles names carry (al-, bin, wal-, of the ...)
_NAME_RUN = re.compile(r"""
    (?=[aeu][ldnsrtz]|[^\W\d_a-z])  # fails fast where no run can start (a quarter faster)
    (?:(?<![\w'`\u2019\u02bf\u02be-])(?:al|el|ul|ad|an|as|ash|at|az|ar)[-\s])?
    (?<![\w'`\u2019\u02bf\u02be])[^\W\d_a-z][\w'`\u2019\u2018\u02bf\u02be.]*
    (?:(?:[\s\u2010\u2011-]+|['\u2019]s\s)
       (?:[^\W\d_a-z][\w'`\u2019\u2018\u02bf\u02be.]*
       |(?:al|el|ul|ad|ud|as|ash|at|az|ar|bin|ibn|bint|abu|ag|e|i|y|wal|wa|of|the|for|and|in
          |de|del|des|du|da|do|dos|das|la|le|les|van|der|von|et|li|lil|min|fi|ahlis|ahl)
          (?=[\s\u2010\u2011-])))*
    """, re.X)


def _whole_word(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not (before.isalnum() or before == "'") and not after.isalnum()


_QUALIFIED = re.compile(r"(.+?)\s*\((.+)\)")  # "Mujahideen Army (Iraq)": name, qualifier


def _split_parenthesised(forms: list[tuple[str, str]],
                         places: AbstractSet[str] = frozenset()) -> list[tuple[str, str]]:
    """"Sinjar Resistance Units (YBS)" is two forms, as the text writes them apart. A
    qualifier in brackets ("Mujahideen Army (Iraq)", "National Action (UK)": ``places``
    holds the states' acronyms, "Billy Wright (loyalist)") tells a
    bare name apart from its namesakes: the bare name is a ``qualified`` form, which names
    the actor only in a document that bears the qualifier out (``_borne_out``)."""
    out = []
    for form, how in forms:
        m = _QUALIFIED.fullmatch(form.strip())
        if m is None:
            out.append((form, how))
        elif is_acronym(m.group(2)) and m.group(2) not in places:
            out += [(form, how), (m.group(1), how), (m.group(2), how)]
        elif re.search(r"\d", m.group(2)) or is_acronym(m.group(1).strip()):
            out.append((form, how))  # "Óglaigh na hÉireann (2009–2018)", "CPN (Maoist)"
        else:  # the bare name, only where the document bears the qualifier out
            out += [(form, how), (m.group(1), "qualified")]
    return out


def _choose(surface: str, values: list[tuple[str, str, str, bool]], start: int,
            end: int) -> Hit | None:
    """The hit a surface makes of the aliases sharing its key: same spelling first; a
    key that only another spelling reaches must name one actor. A spelling of a capital
    ("Sana'a", "Sanaa") is the capital however the alias list spells it."""
    light = _light(surface)
    if _lowered(surface, values):
        return None  # words, not names
    values = [v for v in values if not _small_acronym(surface, v[0])]
    if not values:
        return None  # "is Libya", not "IS Libya"
    exact = [v for v in values if _light(v[0]) == light and
             (not v[3] or _bare(surface) == _bare(v[0]))]
    pool = _prefer_explicit(exact or [v for v in values if not v[3]])
    actors: list[str] = []
    how = pool[0][2] if pool else ""
    for _form, actor_id, form_how, _acronym in pool:
        if actor_id not in actors:
            actors.append(actor_id)
            how = form_how
    if not actors or (not exact and len(actors) > 1):
        return None
    if any(v[2] == "capital" and v[1] == actors[0] for v in values) and len(actors) == 1:
        how = "capital"
    return Hit(start, end, surface, tuple(actors), how)


def _small_acronym(surface: str, form: str) -> bool:
    """A form led by an acronym ("IS Libya", "IS-Somalia") met in a surface whose first
    word is written in lower case ("is Libya"; "Isis-K", the British spelling, stands)."""
    head, said = _FIRST_WORD.split(form.strip(), 1), _FIRST_WORD.split(surface.strip(), 1)
    return len(head) == 2 and len(head[0]) >= 2 and head[0].isupper() and \
        said[0].islower()


_FIRST_WORD = re.compile(r"[\s\u2010\u2011\u2013-]+")


def _lowered(surface: str, values: list[tuple[str, str, str, bool]]) -> bool:
    """A name written all in lower case where the dictionary capitalises it: "bone china",
    "a shining path of moonlight" (a lower-case head, "the Haqqani network", is usual), or
    whose first word is in lower case where every form capitalises it: "a black September
    for the club" (an article or particle may be lower case: "al-Qaeda", "ibn Saud")."""
    if surface.islower():
        return not any(form.islower() for form, *_ in values)
    first = _FIRST_WORD.split(surface.strip(), 1)[0]
    return first[:1].islower() and first.lower() not in _LOWER_PARTICLES and \
        all(form.strip()[:1].isupper() for form, *_ in values)


_LOWER_PARTICLES = {"al", "el", "ul", "ad", "ud", "as", "ash", "an", "ibn", "bin", "bint",
                    "de", "del", "della", "di", "do", "dos", "das", "du", "da", "la", "le",
                    "les", "los", "las", "van", "von", "der", "den", "wal", "wa", "e", "i",
                    "y", "et", "the", "of", "isis", "is", "isil", "daesh"}


@lru_cache(maxsize=65536)
def _bare(name: str) -> str:
    return name.translate(_FOLD).strip(" .,;:!?\u00a1\u00bf()")


@lru_cache(maxsize=65536)
def _light(name: str) -> str:
    return _bare(name).lower()


def _with_tail(hit: Hit, values: list[tuple[str, str, str, bool]], text: str) -> Hit:
    """"U.S.", "Alfaro Vive ¡Carajo!", "(Mali)": the punctuation that ends the form."""
    if hit.end >= len(text) or text[hit.end].isalnum() or text[hit.end].isspace():
        return hit
    for form, *_ in values:
        tail = re.search(r"[^\w\s]+$", form.strip())
        if tail and text.startswith(tail.group(), hit.end) and \
                fold(form.strip()).startswith(fold(hit.text)[:1]):
            end = hit.end + len(tail.group())
            return Hit(hit.start, end, text[hit.start:end], hit.actors, hit.how)
    return hit


def _prefer_explicit(values: list[tuple[str, str, str, bool]]) -> list[tuple[str, str, str, bool]]:
    """An explicit alias beats a generated state form, a capital or a qualified name's bare
    form for the same words; a generated form beats a bare one."""
    explicit = [v for v in values if v[2] not in ("state_form", "capital", "qualified")]
    return explicit or [v for v in values if v[2] != "qualified"] or values


def _leftmost_longest(hits: list[Hit]) -> list[Hit]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    last_end = -1
    for hit in hits:
        if hit.start >= last_end:
            out.append(hit)
            last_end = hit.end
    return out


# --- names shaped like armed groups that the dictionary does not know -------------------

_CAP = r"(?:[A-Z][a-z'\u2019]+|[A-Z]{2,}|al|el|ul|ud|e|i|wal|of|the|for|and|de|del|la|las|los)"
_GROUP_NOUNS = (r"(?:Network|Front|Brigades?|Battalions?|Movement|Group|Army|Militia|"
                r"Mujahideen|Mujahidin|Liberation\ Front|Organi[sz]ation|Faction|Council|"
                r"Forces|Legion|Guards?|Commandos?|Squad|Tigers|Jihad)")  # verbose: "\ " is a space
_SHAPED = re.compile(
    rf"""
    (?=[A-Z]|[Tt]he\s)  # where a shape can start (checked first: a quarter faster)
    (?:\b(?:[Tt]he\s+)?((?:[A-Z][\w'\u2019-]+\s+)(?:{_CAP}\s+){{0,4}}{_GROUP_NOUNS})\b
    |\b((?:Jaish|Jaysh|Lashkar|Tehrik|Tehreek|Harakat|Harkat|Ansar|Ansaru|Jama'?at|Jamaat
        |Katibat?|Liwa|Hizb|Hezb|Jabhat|Kata'?ib|Saraya|Sipah|Majlis)
        [-\s'\u2019](?:[a-z]{{1,3}}[-\s'\u2019])?[A-Z][\w'\u2019-]*
        (?:[-\s](?:[a-z]{{1,3}}[-\s])?[A-Z][\w'\u2019-]+){{0,3}}))
    """, re.X)

_NOT_GROUPS = {"united nations", "security council", "national army", "afghan army",
               "the group", "red army", "salvation army", "premier league"}
_GENERIC_HEADS = {"the", "a", "an", "this", "that", "another", "one", "his", "her", "its",
                  "their", "our", "new", "militant", "terrorist", "rebel", "armed", "islamist",
                  "jihadist", "insurgent", "extremist", "separatist", "local", "main", "other",
                  "every", "each", "some", "several", "many", "any"}


def find_shaped(text: str, known: list[Hit]) -> list[Hit]:
    """Unknown group-shaped names, not overlapping any dictionary hit."""
    taken = [(h.start, h.end) for h in known]
    out = []
    for m in _SHAPED.finditer(text):
        group = 1 if m.group(1) else 2
        start, end = m.start(group), m.end(group)
        name = text[start:end].strip()
        first = name.split()[0].lower()
        if first in _GENERIC_HEADS or name.lower() in _NOT_GROUPS or len(name) < 6:
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        if start > 0 and text[start - 1] not in " (\"'\u201c\u2018\n" and start != 0:
            continue
        if rules().things.match(text, start + len(name)):
            continue  # "a Swiss Army knife" (recognition.yaml, check 5)
        out.append(Hit(start, end, name, (candidate_id(name),), "shape"))
    return out


def candidate_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name).replace("'", "")).strip("-")
    slug = re.sub(r"^the-", "", slug)
    return f"candidate:{slug}"


def recognize(text: str, matcher: Matcher, *, candidates: bool = True) -> list[Hit]:
    """Every actor mention in ``text``: dictionary hits that name an actor, then (with
    ``candidates``) names shaped like armed groups that the dictionary does not know."""
    get = matcher.dictionary.get
    hits = []
    every = matcher.find(text)
    for h in every:
        kind = getattr(get(h.actors[0]), "kind", None)
        if _keep(h, text, kind) and not part_of_longer_name(h, text, kind):
            hits.append(h)
    if on_topic(text):
        hits = sorted(hits + [h for h in matcher.near(text, hits)
                              if not part_of_longer_name(h, text, None)], key=lambda h: h.start)
    hits = _nicknamed(text, matcher, hits)
    hits = _quoted_units(text, matcher, hits)
    hits = _borne_out(hits, text, matcher.dictionary)
    shaped = find_shaped(text, hits) if candidates else []
    hits = settle(hits, text, matcher.dictionary, shaped,  # recognition.yaml, checks 3 and 4
                  named=len({h.actors for h in every}))
    kinds = {h.actors: getattr(get(h.actors[0]), "kind", None) for h in hits}
    if shaped and not on_topic(text, armed=True) and \
            "armed_group" not in {kinds[h.actors] for h in hits}:
        shaped = [h for h in shaped if _ARMED_HEAD.search(h.text)]  # recognition.yaml, 3
    return hits + shaped


_NICKNAMED = re.compile(r"""
    (?=["\u201c\u00ab])(?<=\s)["\u201c\u00ab]\s?          # an opening quote or guillemet
    (?P<nick>[A-Z][^"\u201d\u00bb\n]{1,30}?)\s?["\u201d\u00bb]  # the nickname, closed
    \s+(?P<last>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)  # the surname after it
    """, re.X)
_NAME_BEFORE_NICK = re.compile(r"(?:[A-Z][\w'\u2019-]+\s+)?[A-Z][\w'\u2019-]+\s+\Z")


def _nicknamed(text: str, matcher: Matcher, hits: list[Hit]) -> list[Hit]:
    """'Ismael "El Mayo" Zambada', 'Joaquin "El Chapo" Guzman', 'Ismael «El Mayo» Zambada':
    a person's name with a nickname in quotes inside it is the person, as if the nickname
    were not there."""
    out = hits
    for m in _NICKNAMED.finditer(text):
        before = _NAME_BEFORE_NICK.search(text, max(0, m.start() - 60), m.start())
        if before is None:
            continue
        words = before.group(0).split()
        for first in (" ".join(words), words[-1]) if len(words) > 1 else (words[0],):
            for last in dict.fromkeys((m.group("last"), m.group("last").split()[0])):
                found = matcher.find(f"{first} {last}")
                if len(found) != 1 or found[0].end - found[0].start != len(f"{first} {last}"):
                    continue
                entry = matcher.dictionary.get(found[0].actors[0])
                if entry is None or entry.kind != "person":
                    continue
                start = m.start() - len(before.group(0)) + before.group(0).index(first)
                end = m.start("last") + len(last)
                out = _in_place_of(out, Hit(start, end, text[start:end], found[0].actors,
                                            "alias"))
                break
            else:
                continue
            break
    return out


_QUOTED_UNIT = re.compile(r"""
    (?=["\u201c\u00ab])["\u201c\u00ab](?P<name>[A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?)
    ["\u201d\u00bb]\s+(?P<unit>battalion|brigade|regiment)s?\b
    """, re.X | re.I)
_UNIT_NOUNS = ("Battalion", "Brigade", "Regiment")


def _quoted_units(text: str, matcher: Matcher, hits: list[Hit]) -> list[Hit]:
    """'the "Sparta" battalion', 'the "Prizrak" brigade': a unit's name in quotes before
    its noun is the dictionary's unit of that name (under its own noun, else another: units
    are renamed from battalion to brigade), when exactly one unit has it."""
    out = hits
    for m in _QUOTED_UNIT.finditer(text):
        start, end = m.span()
        if any(h.start < end and start < h.end and not (m.start("name") <= h.start and
                                                         h.end <= m.end("name"))
               for h in out):
            continue  # part of a longer name already found
        said = m.group("unit").capitalize()
        found: set[str] = set()
        for noun in (said, *[n for n in _UNIT_NOUNS if n != said]):
            form = f"{m.group('name')} {noun}"
            for hit in matcher.find(form):
                if hit.start == 0 and hit.end == len(form) and len(hit.actors) == 1:
                    found.add(hit.actors[0])
            if found:
                break
        if len(found) != 1:
            continue
        out = _in_place_of(out, Hit(start, end, text[start:end], (found.pop(),), "alias"))
    return out


def _in_place_of(hits: list[Hit], hit: Hit) -> list[Hit]:
    """``hits`` with ``hit`` in place of those it overlaps, in text order."""
    return sorted([h for h in hits if h.end <= hit.start or h.start >= hit.end] + [hit],
                  key=lambda h: h.start)


def _borne_out(hits: list[Hit], text: str, dictionary: Dictionary) -> list[Hit]:
    """A qualified name's bare form ("Mujahideen Army" of "Mujahideen Army (Iraq)") names
    the one actor whose qualifier the document bears out: the qualifier's words written in
    it ("Iraq"), or another name in it of the actor's state, parent, branches or the actors
    its dictionary relations name. Otherwise it names no one."""
    if not any(h.how == "qualified" for h in hits):
        return hits
    named = {dictionary.canonical(h.actors[0]) for h in hits if h.how != "qualified"}
    folded = fold(text)
    out = []
    for hit in hits:
        if hit.how != "qualified":
            out.append(hit)
            continue
        borne = [a for a in hit.actors if _bears_out(dictionary, a, named, folded)]
        if len(borne) == 1:
            out.append(Hit(hit.start, hit.end, hit.text, (borne[0],), "qualified"))
    return out


def _bears_out(dictionary: Dictionary, actor_id: str, named: set[str], folded: str) -> bool:
    actor = dictionary.get(actor_id)
    if actor is None:
        return False
    related = {dictionary.canonical(str(r["object"])) for r in actor.relations}
    related |= {dictionary.canonical(a) for a in (actor.parent,) if a}
    related |= set(dictionary.factions(actor.id))
    related |= {s for c in actor.country for s in dictionary.states_in(c)}
    if named & related:
        return True
    for form, _ in actor.surface_forms():
        m = _QUALIFIED.fullmatch(form.strip())
        words = re.findall(r"[A-Z][\w'-]+", m.group(2)) if m else []
        if words and all(re.search(rf"(?<!\w){re.escape(fold(w))}(?!\w)", folded)
                         for w in words):
            return True
    return False


_ARMED_HEAD = re.compile(r"\b(?:Brigades?|Battalions?|Army|Militias?|Mujahideen|Mujahidin|"
                         r"Commandos?|Legion|Forces|Guards?)$")


_LOCATIVE = re.compile(r"""
    (?:\b(?:in|at|near|from|to|into|around|outside|across|of|via|towards?|visit(?:ed|ing)?
    |based\ in|overr?an|captured|seized|took|entered|besieged|stormed|occupied
    |shelled)\s+(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|downtown\s+)?)$
    """, re.I | re.X)
_GOVERNMENT_IN = re.compile(r"""
    \b(?:(?:government|authorities|regime|leadership|rulers|officials)\s+in
    |(?:forces|troops|army|police|president|administration)\s+of
    |(?:pressure|support|backing|aid|funding|criticism|orders|demands|envoys?|delegations?)
     \s+from
    |(?:signal|message|warning|ultimatum|overtures?|offer|appeal|assurances?|letter
    |proposals?)s?\s+to)\s+$
    """, re.I | re.X)
_ITS_PEOPLE = re.compile(r"\s+(?:leader|president|officials|authorities|government"
                         r"|administration|forces|troops|police|spokes(?:man|woman|person))\b")
_PLACE_NOUN = re.compile(r"""
    ^\s+(?:airport|city|province|residents|hotel|street|streets|neighbourhoods?|neighborhoods?
    |district|university|embassy|suburbs?|outskirts|valley|citizens|police\s+station)\b
    """, re.I | re.X)


def _keep(hit: Hit, text: str, kind: str | None = None) -> bool:
    """Whether a hit names an actor: a capital is a place, not its government, in
    "in Kabul", "Kabul residents", "Lake Victoria" or a dateline; so is a region's bare
    name ("Puntland", "Jubaland": an authority of kind ``other``) in "a faction in
    Puntland", but not in "loyal to Jubaland leader Ahmed Madobe"."""
    if kind == "other" and hit.how != "capital" and re.fullmatch(r"[A-Z][a-z]+", hit.text):
        before = text[max(0, hit.start - 25):hit.start]
        return not (_LOCATIVE.search(before) and not _GOVERNMENT_IN.search(before)) or \
            _ITS_PEOPLE.match(text, hit.end) is not None
    if hit.how != "capital":
        return True
    before = text[max(0, hit.start - 25):hit.start]
    after = text[hit.end:hit.end + 3]
    if _LOCATIVE.search(before) and not _GOVERNMENT_IN.search(before):
        return False
    if _PLACE_NOUN.match(text[hit.end:hit.end + 20]) or re.match(
            r"['\u2019]s\s+(?:[\w-]+\s+){0,2}(?:suburbs?|streets|outskirts|districts?|"
            r"neighbou?rhoods?|old\s+city|residents)\b", text[hit.end:hit.end + 40]):
        # "Kabul residents", "Beirut's southern suburbs": the city, not the government (its
        # airport, a state's installation, stays a target of the state)
        return False
    if re.match(r" [A-Z][a-z]", text[hit.end:hit.end + 3]) or \
            re.search(r"[A-Z][a-z]+ $", text[max(0, hit.start - 20):hit.start]) and \
            not re.search(r"\b(?:The|But|And|Yet|So|Now|Then|When|While|As|If|After|Before|"
                          r"Since|Meanwhile|Officially|Publicly) $",
                          text[max(0, hit.start - 20):hit.start]):
        return False  # part of a longer name: "Victoria Beckham", "Lake Victoria"
    if hit.text.isupper() or (hit.start == 0 or text[hit.start - 1] == "\n") and after[:1] in ":," \
            and re.match(r"[,:]\s*(?:[A-Z][a-z]{2,8}\.?\s+\d|\d|\(|[A-Z]{2,}\b|$)",
                         text[hit.end:hit.end + 16]):
        return False  # a dateline ("WASHINGTON:", "New Delhi, Jan 15")
    return True
