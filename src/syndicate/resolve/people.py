"""People the dictionary does not know, named with a role in a group: "Ruken Jamal, a
spokesperson for the YPJ", "YPJ commander Ruken Jamal", "the YPJ's chief Ruken Jamal",
"Ruken Jamal, who leads the YPJ", "former FARC negotiator Iván Márquez".

Each becomes a provisional ``candidate:`` person linked to the group (a dictionary armed
group or an unknown group candidate); the full name again, or the bare surname later in
the document, refers back to them. A name that is or holds a dictionary actor (a person,
a state, a capital: "Paris, France") is left alone, and so are words that only look like
names (months, weekdays, news agencies, titles).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..actors import Dictionary
from ..model import Definition, Mention
from ..recognize import Matcher, candidate_id, fold

__all__ = ["PERSON", "claimable", "find_people", "person_id", "person_name"]

PERSON = "person"  # the method of a candidate person's mentions (Dictionary.kind_of reads it)

_TITLES = (r"(?:(?:Gen|Col|Lt|Maj|Capt|Brig|Sgt|Dr|Mr|Mrs|Ms|Prof)\.?[ \t]+"
           r"|(?:General|Brigadier|Major|Colonel|Captain|Lieutenant|Sergeant)[ \t]+)*")
_WORD = (r"(?:(?:al|el|ad|an|ar|as|ash|at|az|ag|ul)[-\u2010])?"
         r"[A-Z\u00C0-\u00DE\u0100-\u024F][\w'\u2019\u2010-]*")
_PARTICLE = r"(?:bin|ibn|ben|ag|ould|wuld|de|da|do|dos|das|del|della|di|du|van|von|der|den|le|y)"
_PERSON = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_WORD}){{1,4}}"
_ROLE = (r"(?:spokes(?:man|woman|person)|co-?founder|founder|deputy(?:[ \t]+(?:leader|chief"
         r"|commander|head|emir))?|commander|leader|chief|emir|amir|head|member|negotiator"
         r"|ideologue|official|officer|chairman)")
_NOT_BEFORE = r"(?<![\w'\u2019.-])"

# "Ruken Jamal, a spokesperson for the <group>"
_ROLE_OF = re.compile(rf"""{_NOT_BEFORE}(?P<name>{_PERSON}),\s+(?:(?:a|an|the|its|their)\s+)?
    (?:[a-z-]+\s+){{0,3}}?(?P<role>{_ROLE})\s+(?:of|for|with|in|at|from)\s+(?:the\s+)?\Z""",
                      re.X)
# "Iván Márquez, the former <group> negotiator" (the role after the group)
_APPOSED = re.compile(rf"{_NOT_BEFORE}(?P<name>{_PERSON}),\s+(?:a|an|the)\s+"
                      rf"(?:[a-z-]+\s+){{0,2}}\Z")
_ROLE_AFTER_GROUP = re.compile(rf"(?:['\u2019]s)?\s+(?:[a-z-]+\s+)??(?P<role>{_ROLE})\b")
# "Ruken Jamal, who leads the <group>"
_WHO_LEADS = re.compile(rf"""{_NOT_BEFORE}(?P<name>{_PERSON}),\s+who\s+(?:(?:now|currently|once
    |later|also)\s+)?(?P<role>leads|led|heads|headed|founded|co-founded|commands|commanded)
    \s+(?:the\s+)?\Z""", re.X)
# "<group> commander Ruken Jamal", "<group>'s chief negotiator Iván Márquez", and set off
# by commas: "A <group> commander, Major Aik Mone, said", "The <group>' military spokesman,
# Yahya Saree, said"
_TITLED = re.compile(rf"""(?:['\u2019]s?)?\s+(?:[a-z-]+\s+){{0,2}}?(?P<role>{_ROLE})
    (?:[ \t]+{_TITLES}(?P<name>{_PERSON})|,[ \t]+{_TITLES}(?P<set_off>{_PERSON})(?=,))""",
                     re.X)
# "the President of the <group>, Bertrand Bisimwa,"
_ROLE_BEFORE = re.compile(rf"""(?:^|\s)(?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+){{0,2}}?
    (?P<role>{_ROLE}|[Pp]resident)
    \s+(?:of|for|in)\s+(?:the\s+)?\Z""", re.X)
_OF = ("of ", "of the ", "for ", "for the ", "in ", "in the ")  # what ends _ROLE_BEFORE
_NAME_AFTER = re.compile(rf",[ \t]+{_TITLES}(?P<name>{_PERSON})(?=,)")
# "<group>, led by Bakura Doro", "<group> has been led by Bakura Doro since 2021"
_LED_BY = re.compile(rf"""(?:,\s+|\s+(?:which\s+|that\s+)?(?:is|was|has\s+been|had\s+been)\s+)
    (?:(?:now|since|then|later|also|jointly)\s+)?(?P<role>led|headed|commanded)\s+by\s+
    {_TITLES}(?P<name>{_PERSON})""", re.X)

# what the words just before a group must be for one of the patterns above to match there
_TAIL = re.compile(rf"""(?:{_ROLE}\s+(?:of|for|with|in|at|from)|who\s+(?:[a-z]+\s+)?(?:leads
    |led|heads|headed|founded|co-founded|commands|commanded))\s+(?:the\s+)?\Z""", re.X)
_TAIL_APPOSED = re.compile(r",\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}\Z")

_MONTHS = ("January February March April May June July August September October November "
           "December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
_LEADING = frozenset(f"{_MONTHS} {_DAYS} The A An In On At But And After Before When While As "
                     "If Since Meanwhile Later Earlier Then Now Last Speaking Asked Also Yet "
                     "So Still General Gen Colonel Col Commander President Minister Prime "
                     "Mr Mrs Ms Dr Sir Lord Senator Governor".split())
_NOT_NAME = frozenset(f"{_MONTHS} {_DAYS} Reuters AFP AP Associated Press Agency News Times "
                      "Post Ministry Government Council Army Forces Force Front Group Movement "
                      "State States Brigade Brigades Battalion Militia Party Police Office "
                      "Committee Command Organisation Organization Union Alliance Coalition "
                      "Network Islamic Republic Kingdom United Nations National Federal "
                      "Democratic Liberation Revolutionary Popular Province Region Ministry "
                      "Spokesman Spokesperson Spokeswoman Commander Leader Chief Official "
                      "Northern Southern Eastern Western Central North South East West "
                      "Twitter Telegram Facebook Christmas Ramadan Eid God Allah Deputy "
                      "Minister Secretary Director Ambassador Envoy Special Representative "
                      "Foreign Defence Defense Interior Information Affairs".split())
_PARTICLES = frozenset(_PARTICLE[3:-1].split("|"))


@dataclass(frozen=True)
class _Role:
    start: int  # the person's name
    end: int
    group: Mention
    role: str


def claimable(mentions: list[Mention]) -> list[Mention]:
    """The mentions relation extraction reads: not yet those of unknown people. Their link
    to their group is the definition the store keeps and 'syndicate candidates' lists; a
    claim about them cannot be scored against the gold sets (keyed by dictionary ids) and
    waits for an analyst to promote the person."""
    if not any(m.method == PERSON and m.provisional for m in mentions):
        return mentions
    return [m for m in mentions if not (m.method == PERSON and m.provisional)]


def person_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the personal name in ``text[start:end]``, with the leading words that
    are not part of it dropped ("On Monday Ruken Jamal"); None unless two to four name
    words are left (particles aside: al-, bin, ag, de, van), none only looking like one."""
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text[start:end])]
    while tokens and tokens[0][2].rstrip(".") in _LEADING:
        tokens.pop(0)
    if tokens and re.search(r"['\u2019]s\Z", tokens[-1][2]):  # "Jamal's": the name, not 's
        s, e, word = tokens[-1]
        tokens[-1] = (s, e - 2, word[:-2])
    words = [t[2] for t in tokens if t[2] not in _PARTICLES]
    if not 2 <= len(words) <= 4:
        return None
    for word in words:
        bare = re.sub(r"^(?:al|el|ad|an|ar|as|ash|at|az|ag|ul)[-\u2010]", "", word)
        if not bare[:1].isupper() or bare.rstrip(".") in _NOT_NAME or \
                (len(bare) > 1 and bare.isupper()) or len(bare) < 2:
            return None
    return start + tokens[0][0], start + tokens[-1][1]


def person_id(name: str) -> str:
    """``candidate:<slug>`` of a name, its letters without their accents ("Gómez": gomez)."""
    plain = unicodedata.normalize("NFKD", fold(name))
    return candidate_id("".join(c for c in plain if not unicodedata.combining(c)))


def _is_group(m: Mention, dictionary: Dictionary) -> bool:
    if m.actor.startswith("pair:"):
        return False
    if m.provisional:
        return not m.method.startswith(PERSON)
    return dictionary.kind_of(m) in ("armed_group", "state_forces")  # "An RDF spokesman"


def _roles(text: str, mentions: list[Mention], dictionary: Dictionary) -> Iterator[_Role]:
    """Every personal name said to hold a role in a group mentioned in ``mentions``."""
    for g in mentions:
        if not _is_group(g, dictionary):
            continue
        floor = max(0, g.start - 160, text.rfind("\n", 0, g.start) + 1)
        ahead = text[g.end:g.end + 60]
        found = []
        near = max(floor, g.start - 48)
        if g.start - floor > 6 and text[g.start - 1] == " ":
            # cheap first: the words just before the group, then the whole pattern
            for pattern in (_ROLE_OF, _WHO_LEADS) if _TAIL.search(text, near, g.start) else ():
                m = pattern.search(text, floor, g.start)
                if m:
                    found.append((m.start("name"), m.end("name"), m.group("role")))
            m = _APPOSED.search(text, floor, g.start) if _TAIL_APPOSED.search(
                text, near, g.start) else None
            after = _ROLE_AFTER_GROUP.match(ahead) if m else None
            if m and after:
                found.append((m.start("name"), m.end("name"), after.group("role")))
        m = _TITLED.match(text, g.end, min(len(text), g.end + 100)) if ahead[:1] in " '\u2019" \
            else None
        if m:
            name = "name" if m.group("name") else "set_off"
            found.append((m.start(name), m.end(name), m.group("role")))
        m = _LED_BY.match(text, g.end, min(len(text), g.end + 100)) \
            if ahead[:1] in ", " and " by " in ahead else None
        if m:
            found.append((m.start("name"), m.end("name"), "leader"))
        before = _ROLE_BEFORE.search(text, max(floor, g.start - 48), g.start) \
            if g.start - floor > 6 and text[max(0, g.start - 8):g.start].endswith(_OF) else None
        after_name = _NAME_AFTER.match(text, g.end, min(len(text), g.end + 80)) if before \
            else None
        if before and after_name:
            found.append((after_name.start("name"), after_name.end("name"), before.group("role")))
        for start, end, role in found:
            span = person_name(text, start, end)
            if span:
                yield _Role(span[0], span[1], g, " ".join(role.split()))


def find_people(text: str, mentions: list[Mention], dictionary: Dictionary, matcher: Matcher,
                sent_at: Callable[[int], int | None], *,
                groups: Callable[[Mention], bool] | None = None
                ) -> tuple[list[Mention], list[Definition]]:
    """``mentions`` with the unknown people in roles added (and their later full names and
    surnames), and one ``person`` definition per person (for the store). ``groups``, when
    given, says which group mentions to look beside (after coreference: "the faction has
    been led by Bakura Doro")."""
    if not any(r in text for r in ("spokes", "ommander", "eader", "ounder", "hief", "mir",
                                   "member", "negotiator", "head", "official", "ideologue",
                                   "chairman", "deputy", "leads", "led ", "officer",
                                   "resident")):
        return mentions, []
    out = list(mentions)
    defined: dict[str, Definition] = {}
    beside = mentions if groups is None else [m for m in mentions if groups(m)]
    for r in sorted(_roles(text, beside, dictionary), key=lambda r: r.start):
        name = text[r.start:r.end]
        s = sent_at(r.start)
        if name in defined or s is None or _overlaps(out, r.start, r.end) or matcher.find(name):
            continue  # already a person here, a dictionary name, or holds one ("Paris, France")
        actor = person_id(name)
        defined[name] = Definition(PERSON, name, actor, r.start, r.end, s, r.role,
                                   other=r.group.actor, role=r.role)
        out.append(Mention(r.start, r.end, name, actor, s, PERSON, provisional=True))
    if not defined:
        return mentions, []
    out += _references(text, out, list(defined.values()), matcher, sent_at)
    out.sort(key=lambda m: (m.start, m.end))
    return out, list(defined.values())


def _references(text: str, mentions: list[Mention], people: list[Definition],
                matcher: Matcher, sent_at: Callable[[int], int | None]) -> list[Mention]:
    """The full name anywhere in the document and the bare surname after the person was
    introduced ("Jamal said"), unless two people here share it or it starts a longer name."""
    surnames: dict[str, list[Definition]] = {}
    for d in people:
        last = d.name.split()[-1]
        bare = re.sub(r"^(?:al|el|ul|ag)[-\u2010]", "", last)
        variants = {last, last[:1].upper() + last[1:], bare}  # "al-Somali" opens a sentence
        for variant in variants:
            if len(variant) >= 3 and variant not in _NOT_NAME and not matcher.find(variant) \
                    and matcher.dictionary.state_of_demonym(variant) is None:
                surnames.setdefault(variant, []).append(d)  # not "Somali", a demonym
    wanted = [(d.name, d, 0) for d in people]
    wanted += [(s, ds[0], ds[0].end) for s, ds in surnames.items() if len(ds) == 1]
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in mentions]
    for name, d, after in wanted:
        for hit in re.finditer(rf"(?<![\w'\u2019-]){re.escape(name)}(?![\w-])", text[after:]):
            start, end = after + hit.start(), after + hit.end()
            if any(s < end and start < e for s, e in taken) or _in_longer_name(text, start, end):
                continue
            s = sent_at(start)
            if s is not None:
                out.append(Mention(start, end, name, d.actor, s, PERSON, provisional=True))
                taken.append((start, end))
    return out


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """"Jamal Abdi" or "Ahmed Jamal" is not the Jamal introduced before."""
    return bool(re.match(r"[ \t]+(?:(?:al|el|bin|ibn)[- ])?[A-Z]", text[end:end + 6]) or
                re.search(r"[A-Z][\w'\u2019-]*[ \t]+\Z", text[max(0, start - 30):start]) and
                not re.search(r"(?:^|[.!?\"\u201c]\s*)[A-Z][\w'\u2019-]*[ \t]+\Z",
                              text[max(0, start - 30):start]))


def _overlaps(mentions: list[Mention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in mentions)
