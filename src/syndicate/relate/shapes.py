"""Argument shapes: how the two actors of a trigger are found around its words.

``SHAPES`` maps each shape a trigger may name (data/triggers.yaml) to a small function
over the actor groups left and right of the trigger (spans.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model import Mention, is_pair
from .claims import SYMMETRIC, ClaimContext
from .spans import (
    _APPOS_LINK,
    _CLAUSE_BREAK,
    _WHO_GAP,
    _cross,
    _expand,
    _nearest_left,
    _nearest_right,
    _within,
)
from .triggers import Trigger

Group = list[tuple[int, int, Mention]]
Pairs = Iterator[tuple[Mention, Mention]]


@dataclass(slots=True)
class Site:
    """Where a trigger stands in a sentence: what every shape reads around its words."""

    trigger: Trigger
    text: str
    ts: int  # the trigger's span, local to the sentence
    te: int
    groups: list[Group]  # the sentence's actor groups (spans.py)
    ctx: ClaimContext


Shape = Callable[[Site, "Group | None", "Group | None"], Pairs]
SHAPES: dict[str, Shape] = {}


def shape(name: str) -> Callable[[Shape], Shape]:
    """Register an argument shape: ``shape(site, left, right)`` yields (subject, object)
    pairs, given the nearest actor groups left and right of the trigger."""
    def register(func: Shape) -> Shape:
        SHAPES[name] = func
        return func
    return register


def _arguments(pattern: Trigger, text: str, ts: int, te: int, groups: list[Group],
               ctx: ClaimContext) -> Pairs:
    """The (subject, object) pairs the trigger's shape finds around its words."""
    site = Site(pattern, text, ts, te, groups, ctx)
    left = _nearest_left(groups, text, ts, max_gap=pattern.near or 160, ctx=ctx)
    if left is None and pattern.relation in ("leads", "member_of"):
        left = _nearest_left(groups, text, ts, allow=_WHO_GAP)
    if left is None and pattern.relation not in ("leads", "member_of"):
        left = _led_by_head(groups, text, ts, ctx) or _role_relative_head(groups, text, ts)
    right = _nearest_right(groups, text, te, titled_person=pattern.relation == "attacks",
                           ctx=ctx)
    yield from SHAPES[pattern.how](site, left, right)


def _active_arguments(s: Site, left: Group | None, right: Group | None
                      ) -> tuple[Group | None, Group | None]:
    """Where an active verb's actors are not simply left and right of it."""
    text, ts, te, groups = s.text, s.ts, s.te, s.groups
    if right is None and left is not None:
        right = _object_pronoun(groups, text, te, left, s.ctx)
    if right is None and s.trigger.relation == "attacks":
        used = re.match(r"\s+(?:an?\s+|the\s+)?(?:[\w'\u2019-]+\s+){1,7}?(?:used|run|held"
                        r"|occupied|manned|operated|controlled|housing)\s+by\s+(?:the\s+)?",
                        text[te:])
        if used and not _CLAUSE_BREAK.search(used.group(0)):
            # "stormed an airfield used by Kenyan and US forces": the users are the target
            right = next((g for g in groups if g[0][0] == te + used.end()), None)
    if right is not None:
        owner = _possessive_subject(groups, text, ts, right, s.ctx)
        if owner is not None:
            left = owner  # "for years its support for the movement was an open secret"
        inside = [g for g in groups if ts <= g[0][0] and g[-1][1] <= te]
        if inside and re.match(r"pledg", text[ts:te], re.I):
            left = inside[0]  # "pledging the group's obedience to"
        agent = _by_agent(groups, text, right)
        if agent is not None and (left is None or _NOMINAL_TRIGGER.search(text[ts:te])):
            left = agent  # "the attempt to take over ISKP by the Haqqani Network"
    return left, right


@shape("active")
def active(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """Subject left, object right: "Iran backs the Houthis"."""
    left, right = _active_arguments(s, left, right)
    relation, text, groups = s.trigger.relation, s.text, s.groups
    product = _merger_product(groups, text, right, left) if \
        relation == "merged_with" and left and right else None
    if product is not None:
        # "X merged with Y and smaller factions to form Z": each merged into Z
        yield from _cross(left, product)
        yield from _cross(right, product)
    elif left and right:
        yield from _cross(left, right)
        yield from _splinter_and_companion(s, right)
    elif left and relation in _TRANSITIVE and \
            (antecedent := _object_relative(groups, text, left)) is not None:
        # "the Yemeni government, which the Houthis drove from the capital"
        yield from _cross(left, antecedent)
    elif left and relation in SYMMETRIC and len(_expand(left)) >= 2 and \
            not re.match(r"\s+(?:the|a|an|its|their|[A-Z])", text[s.te:s.te + 5]):
        # "A, B and C had already cooperated in attacks" (no object of its own)
        yield from _within(left)


def _splinter_and_companion(s: Site, right: Group) -> Pairs:
    text, groups, relation = s.text, s.groups, s.trigger.relation
    formed = re.match(r"\s+and\s+(?:has\s+|have\s+)?formed\s+(?:an?\s+(?:new\s+)?(?:\w+\s+)?"
                      r"(?:group|organi[sz]ation|faction|movement)\s+(?:called|named"
                      r"|known\s+as)\s+)?(?:the\s+)?", text[right[-1][1]:])
    if formed and relation == "splinter_of":
        # "has broken away from the umbrella group and formed a new organisation
        # called Jamaat-ul-Ahrar": the new organisation is the splinter
        new = next((g for g in groups if g[0][0] == right[-1][1] + formed.end()), None)
        if new is not None:
            yield from _cross(new, right)
    companion = re.match(r"(?:\s+\w+){0,3}?\s+(?:in\s+tandem\s+with|jointly\s+with|together\s+"
                         r"with|alongside)\s+(?:the\s+)?", text[right[-1][1]:])
    if companion and relation == "attacks":
        # "ISKP cadres are attacking Kabul in tandem with the HQN group": both attack
        at = right[-1][1] + companion.end()
        partner = next((g for g in groups if g[0][0] == at), None)
        if partner is not None:
            yield from _cross(partner, right)


@shape("ditransitive")
def ditransitive(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """A verb, its object, then what must follow ("stop X from operating")."""
    text, ts, te, groups = s.text, s.ts, s.te, s.groups
    if right is None and left is not None:
        right = _object_pronoun(groups, text, te, left, s.ctx)
    obj = _nearest_right(groups, text, te, max_gap=25) or right
    nearest = max((g for g in groups if g[-1][1] <= ts), key=lambda g: g[-1][1], default=None)
    apposed = nearest is not None and nearest is not left  # "ISKP, the branch of IS, regards"
    complement = s.trigger.complement
    if left and obj and complement is not None and \
            ("," not in text[left[-1][1]:ts] or apposed) and \
            complement.match(text, obj[-1][1]):
        yield from _cross(left, obj)


@shape("of_leader")
def of_leader(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """"the Afghan Taliban of Mullah Omar": the person leads the group before "of"."""
    before = [item for g in s.groups for item in g if item[1] == s.ts - 1]
    after = [item for g in s.groups for item in g if item[0] == s.te + 1]
    if before and after and s.ctx.kind_of(after[0][2]) == "person" and \
            s.ctx.kind_of(before[0][2]) not in (None, "person"):
        yield after[0][2], before[0][2]


@shape("used_by")
def used_by(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """"drones used by the Houthis against coalition ships": the users attack the target."""
    agent = _nearest_right(s.groups, s.text, s.te, max_gap=20)
    if agent:
        against = re.match(r"\s*(?:[^,;.]{0,30}?\s)?against\s+", s.text[agent[-1][1]:])
        if against:
            target = _nearest_right(s.groups, s.text, agent[-1][1] + against.end(), max_gap=30)
            if target:
                yield from _cross(agent, target)


@shape("brokered")
def brokered(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """"an Egyptian-brokered ceasefire between Israel and Islamic Jihad": the broker
    negotiates with each party."""
    glued = [g for g in s.groups if g[-1][1] == s.ts]
    between = re.match(r"\s+(?:\w+\s+){0,2}?(?:ceasefire|cease-fire|truce|talks|deal|agreement|"
                       r"accord)\s+(?:between|with)\s+(?:the\s+)?", s.text[s.te:])
    sides = next((g for g in s.groups if between and g[0][0] == s.te + between.end()), None)
    if glued and sides:
        yield from _cross(glued[-1][-1:], sides)


@shape("guarantors")
def guarantors(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """"Cuba and Norway have acted as guarantors of the talks between Bogota and the rebels"."""
    if left and right:
        yield from _cross(left, right)
        yield from _within(right)


@shape("mediated")
def mediated(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """"talks between Israel and Hamas, mediated by Egypt and Qatar": each mediator
    negotiates with each party."""
    parties = [g for g in s.groups if g[-1][1] <= s.ts and len(_expand(g)) >= 2]
    mediators = _nearest_right(s.groups, s.text, s.te, max_gap=20)
    if parties and mediators:
        yield from _cross(mediators, parties[-1])
        if not re.search(r"\bbetween\s+(?:the\s+)?$", s.text[:parties[-1][0][0]]):
            # "A and B agreed to a truce while negotiations mediated by C continue"
            yield from _within(parties[-1])


@shape("appos")
def appos(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """"X, a faction of Y", "X is the armed wing of Y", "X, an alias of Y"."""
    if left and right and _APPOS_LINK.match(s.text[left[-1][1]:s.ts]):
        yield from _cross(left, right)


@shape("passive")
def passive(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """Object left, agent right: "the Houthis, backed by Iran"."""
    relation, text = s.trigger.relation, s.text
    product = _merger_product(s.groups, text, None, left) if \
        relation == "leads" and left and len(_expand(left)) >= 2 else None
    if product is not None and right:
        yield from _cross(right, product)  # "... when A and B merged under the leadership of X"
    elif left and right:
        persons = [item for item in right if s.ctx.kind_of(item[2]) == "person"]
        if relation == "leads" and persons:
            right = persons  # "headed by Hadi al-Amiri, and Kataib Hezbollah, which ..."
        yield from _cross(right, left)
    elif right and not left:
        yield from _fronted_passive(s, right)


def _fronted_passive(s: Site, right: Group) -> Pairs:
    """No object before the words: "Backed by ISI, Haqqani Network is ..."."""
    text, ts, te, groups = s.text, s.ts, s.te, s.groups
    if not text[:ts].strip() and len(right) >= 2 and \
            re.fullmatch(r"\s*,\s*(?:the\s+)?", text[right[0][1]:right[1][0]]):
        yield from _cross(right[:1], right[1:])  # "Backed by ISI, Haqqani Network is ..."
    elif not text[:ts].strip():
        # fronted: "Backed by ISI, Haqqani Network is making a move"
        following = [g for g in groups if g[0][0] >= right[-1][1] and
                     re.fullmatch(r"\s*\)?\s*,\s*(?:the\s+)?", text[right[-1][1]:g[0][0]])]
        if following:
            yield from _cross(right, following[0])
    elif re.search(r"\bat\s+(?:its|their)\s+disposal\b", text[ts:te]):
        # "the sanctuaries at its disposal in Afghanistan under the Taliban regime": the
        # holder is the group the possessive refers to, the last one named before
        holder = next((g for g in reversed(groups) if g[-1][1] <= ts and
                       s.ctx.kind_of(g[-1][2]) in ("armed_group", None)), None)
        if holder is not None:
            yield from _cross(right, holder[-1:])


@shape("adjective")
def adjective(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """"ISI-backed Haqqani Network": the actor glued before the hyphen backs the one after."""
    groups, text = s.groups, s.text
    glued = [g for g in groups if g[-1][1] == s.ts]
    if glued:
        index = next(i for i, g in enumerate(groups) if g is glued[-1])
        described = groups[index - 1] if index and re.fullmatch(
            r"\s*,\s*(?:the|a|an|another)\s+(?:[a-z]+\s+){0,2}",
            text[groups[index - 1][-1][1]:glued[-1][0][0]]) \
            else None  # "the SDF, the US-backed alliance"
        backed = described or _nearest_right(groups, text, s.te, max_gap=40)
        if backed:
            yield from _cross(glued[-1][-1:], backed[:1])


@shape("between")
def between(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """"cooperation between X and Y"; "X's alliance with Y"."""
    if right and len(_expand(right)) >= 2:
        yield from _within(right)
    elif right and left and len(_expand(right)) == 1:
        yield from _cross(left, right)


@shape("mediated_between")
def mediated_between(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """"Angola has mediated between Kinshasa and Kigali": the parties, and the mediator
    with each."""
    if right and len(_expand(right)) >= 2:
        yield from _within(right)
        if left:
            yield from _cross(left, right)


@shape("reciprocal")
def reciprocal(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """The actors left of the words with each other: "X and Y joined hands"."""
    if s.trigger.relation == "attacks":
        if left and len(_expand(left)) >= 2:
            # "Indian and Pakistani troops were exchanging artillery fire": each at the other
            for a, b in _within(left):
                yield a, b
                yield b, a
        return
    if left and not right or left and len(_expand(left)) >= 2:
        product = _merger_product(s.groups, s.text, None, left, s.te) if \
            s.trigger.relation == "merged_with" else None
        if product is not None:
            yield from _cross(left, product)  # "JNIM was formed when A, B and C merged"
        elif len(_expand(left)) >= 2:
            yield from _within(left)


@shape("role")
def role(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """Leadership and membership stated by a role noun ("ISKP leader Aslam Farooqi")."""
    yield from _role(s.trigger, s.text, s.ts, s.te, s.groups, s.ctx)


@shape("possessive")
def possessive(s: Site, left: Group | None, right: Group | None) -> Pairs:
    """"the Islamic State of Iraq, al-Qaeda's affiliate in Iraq", "the Nusra Front, which
    he recognised as al-Qaeda's official affiliate": the head belongs to the owner."""
    groups, text = s.groups, s.text
    owners = [g for g in groups if g[-1][1] == s.ts]
    if not owners:
        return
    index = next(i for i, g in enumerate(groups) if g is owners[0])
    head = groups[index - 1] if index else None
    follower = next((g for g in groups if re.fullmatch(r"\s+", text[s.te:g[0][0]])), None)
    if head and _POSSESSIVE_LINK.match(text[head[-1][1]:owners[0][0][0]]):
        yield from _cross(head, owners[0][-1:])
    elif head and (apposed_head := next(
            (groups[k] for k in range(index - 2, max(0, index - 4) - 1, -1)
             if _POSSESSIVE_APPOSED.match(text[groups[k][-1][1]:owners[0][0][0]])),
            None)) is not None:
        # "the YPG, the main Kurdish militia in Syria, is little more than the PKK's
        # Syrian branch"
        yield from _cross(apposed_head, owners[0][-1:])
    elif follower is not None and not text[:owners[0][0][0]].strip(" -\u2013"):
        yield from _cross(follower, owners[0][-1:])  # "Al-Qaeda's Sahel affiliate JNIM"


_TRANSITIVE = {"attacks", "supports", "controls", "fights", "leads"}


_NOMINAL_TRIGGER = re.compile(r"\b(?:attacks?|take\s*over|takeover|support|backing|offensive|"
                              r"campaign|strikes?|raids?|operations?|bombings?|assaults?|war|"
                              r"control)\b", re.I)


def _object_relative(groups, text: str, subject):
    index = next(i for i, g in enumerate(groups) if g is subject)
    if index == 0:
        return None
    before = groups[index - 1]
    if re.fullmatch(r"\s*,\s*(?:which|whom)\s+(?:the\s+)?", text[before[-1][1]:subject[0][0]]) and \
            not re.match(r"\s+(?:says?|said|believes?|claims?|thinks?|alleges?)\b",
                         text[subject[-1][1]:]):
        return before  # not "Quds Force, which the Pentagon says arms the groups"
    return None


_FORMED_WHEN = re.compile(r"\s+was\s+(?:formed|created|founded|born"
                          r"|set\s+up)\b[^;]{0,40}?,?\s+when\s+$")


_TO_FORM = re.compile(r"""
    (?:\s+and\s+(?:several\s+|other\s+|a\s+few\s+)?(?:[\w-]+\s+){0,2}?(?:factions|groups
    |brigades|militias))?\s*,?\s+(?:(?:in\s+\d{4}|last\s+year)\s+)?(?:to\s+form
    |into|under\s+the\s+name(?:\s+of)?|forming)\s+(?:the\s+
    |a\s+new\s+(?:\w+\s+)?(?:called|named)\s+)?$
    """, re.X)


def _merger_product(groups, text: str, right, members, te: int | None = None):
    """The organisation a merger formed: "... to form Z", "Z was formed when A and B merged",
    "The group ... was formed when A, B and C merged into a single movement"."""
    after = right[-1][1] if right else te
    if after is not None:
        for g in groups:
            if g[0][0] >= after and _TO_FORM.fullmatch(text[after:g[0][0]]):
                return g
        if re.match(r"\s+into\s+(?:a|one)\s+(?:single|new|unified"
                    r"|joint)\s+(?:[\w-]+\s+)?(?:movement|group|organi[sz]ation|coalition"
                    r"|front|alliance|entity)\b", text[after:]) and \
                groups and groups[0] is not members and \
                re.fullmatch(r"\s*(?:the\s+)?", text[:groups[0][0][0]], re.I):
            return groups[0]
    index = next((i for i, g in enumerate(groups) if g is members), None)
    if index:
        product = groups[index - 1]
        if _FORMED_WHEN.match(text[product[-1][1]:members[0][0]]) and \
                not text[:product[0][0]].strip(" -\u2013"):
            return product
    return None


def _role_relative_head(groups, text: str, ts: int):
    """'Hapilon, a veteran Abu Sayyaf commander who pledged allegiance': the person."""
    before = [g for g in groups if g[-1][1] <= ts]
    if len(before) < 2 or not re.fullmatch(
            r"""
        \s+(?:[\w-]+\s+){0,2}?(?:commander|leader|chief|member|official|militant|figure
        |operative|founder|emir|spokesman|ideologue|cleric)\s+(?:who|that)\s+(?:[\w-]+\s+)?
        """,
            text[before[-1][-1][1]:ts], re.X):
        return None
    if re.fullmatch(r"\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}",
                    text[before[-2][-1][1]:before[-1][0][0]]):
        return before[-2]
    return None


def _led_by_head(groups, text: str, ts: int, ctx: ClaimContext):
    """'ISS, a rival headed by Abdulqadir Mumin that broke away from al-Shabaab': the
    relative clause after the leader's name is about the group he heads."""
    before = [g for g in groups if g[-1][1] <= ts]
    if len(before) < 2 or ctx.kind_of(before[-1][0][2]) != "person" or not re.fullmatch(
            r"\s+(?:that|which)\s+(?:[\w-]+\s+)?", text[before[-1][-1][1]:ts]):
        return None
    head = before[-2]
    if re.search(r"\b(?:headed|led|founded|run|commanded|set\s+up)\s+(?:in\s+\d{4}\s+)?by\s+$",
                 text[head[-1][1]:before[-1][0][0]]) and ";" not in text[head[-1][1]:ts]:
        return head
    return None


def _possessive_subject(groups, text: str, ts: int, obj, ctx: ClaimContext):
    """'its support for X', 'their attacks on X': the owner, not X, is the subject; the
    owner is the sentence's subject if it opens the sentence, else the nearest group."""
    if not re.search(r"\b(?:its|their)\s+(?:[a-z]+\s+)?$", text[max(0, ts - 30):ts]):
        return None
    if any(re.fullmatch(r"\s*", text[g[-1][1]:ts]) and re.match(r"(?:its|their)\s", text[g[0][0]:])
           for g in groups if g[-1][1] <= ts):
        return None  # "Kenya says its troops killed": the troops, resolved already, act
    taken = {m.actor for m in _expand(obj)}
    before = [g for g in groups if g[-1][1] <= ts and not taken & {m.actor for m in _expand(g)}
              and ctx.kind_of(g[0][2]) != "person"]
    if not before:
        return None
    first = groups[0]
    if first in before and re.fullmatch(r"\s*(?:the\s+)?", text[:first[0][0]], re.I):
        return first
    return before[-1]


def _by_agent(groups, text: str, obj):
    m = re.match(r"\s+by\s+(?:the\s+)?", text[obj[-1][1]:])
    if not m:
        return None
    return next((g for g in groups if g[0][0] == obj[-1][1] + m.end()), None)


def _object_pronoun(groups, text: str, te: int, subject, ctx: ClaimContext):
    """'launched an offensive against it': the group named last before the clause."""
    m = re.match(r"""
        \s+(?:on\s+|against\s+)?(it|them
        |(?:its|their)\s+(?:own\s+)?(?:fighters|positions|bases|strongholds|commanders|leaders
        |leadership|members|militants|ranks|camps|hideouts))\b
        """, text[te:], re.X)
    if not m:
        return None
    for group in reversed(groups):
        if group is subject or group[-1][1] > te:
            continue
        item = group[-1]
        if ctx.kind_of(item[2]) != "armed_group" or \
                (m.group(1) == "it" and is_pair(item[2].actor)):
            continue
        start, end = te + m.start(1), te + m.end(1)
        shift = item[2].start - item[0]
        return [(start, end, Mention(start + shift, end + shift, m.group(1), item[2].actor,
                                     item[2].sentence, "coref", item[2].provisional))]
    return None


_NO_MORE_THAN = r"(?:little\s+more|nothing\s+(?:more|other))\s+than\s+"  # "is little more than"


_POSSESSIVE_LINK = re.compile(
    r"""
    ^(?:\s*\([^()]{1,30}\))?\s*(?:,\s*(?:now\s+|then\s+)?|\s+(?:is|was|are|were)\s+
    """ + _NO_MORE_THAN + r"""
    |(?:\s+(?:emerged|began|started
    |was\s+(?:set\s+up|founded|formed|created)))?\s+(?:in\s+\d{4}\s+)?as\s+
    |\s+(?:is|was|became|remains|as)\s+(?:now\s+|still\s+)?
    |,\s*which\s+(?:\w+\s+){1,3}?(?:as|to\s+be)\s+
    |\s+(?:is|was|are|were)\s+(?:\w+ly\s+)?(?:described|seen|regarded|known|identified
    |named)\s+as\s+)(?:the\s+
    |an?\s+)?$
    """, re.I | re.X)


_POSSESSIVE_APPOSED = re.compile(
    r"""
    ^(?:\s*\([^()]{1,30}\))?\s*,[^,;]{1,80},\s*(?:is|was|are|were|remains|became)\s+(?:
    """ + _NO_MORE_THAN + r"""
    |now\s+|still\s+|effectively\s+)?(?:the\s+|an?\s+)?$
    """, re.X)


_ADJS = r"(?:(?:[a-z][\w-]*|[A-Z][a-z]+)\s+){0,3}?"


_POSS_GAP = re.compile(r"^\s*(?:'s|\u2019s|'|\u2019)?\s*" + _ADJS + r"$")


_APPOS_GAP = re.compile(r"""
    ^\s*(?:,
    |\s(?:serves|served|acts|acted)\s+as)\s*(?:who\s+(?:is|was|had\s+been
    |has\s+been)\s+(?:also\s+|now\s+|still\s+|once\s+)?)?(?:(?:the|a|an|its|their|his)\s+)?
    """ + _ADJS + r"$", re.X)


def _role(pattern: Trigger, text: str, ts: int, te: int, groups, ctx: ClaimContext):
    """Leadership stated by a role noun.

    'ISKP leader Aslam Farooqi', "al-Shabaab's emir, Ahmed Abdi Godane",
    'Osama bin Laden, the al-Qaeda leader', 'Sirajuddin Haqqani, Deputy leader of Taliban'.
    """
    def is_person(group) -> bool:
        return bool(group) and ctx.kind_of(group[0][2]) == "person"

    # roles bind single names, not conjoined groups ("Santos and FARC commander Londono")
    singles = [[item] for group in groups for item in group]
    before = [g for g in singles if g[-1][1] <= ts]
    after = [g for g in singles if g[0][0] >= te]
    left = before[-1] if before else None
    right = after[0] if after else None
    gap_left = text[left[-1][1]:ts] if left else ""
    gap_right = text[te:right[0][0]] if right else ""
    # GROUP ... its role PERSON ("Hezbollah's leadership, including its secretary-general X",
    # "ISGS, whose founder Adnan Abu Walid al-Sahrawi")
    owner = next((g for g in reversed(before) if ctx.kind_of(g[0][2]) == "armed_group"),
                 None)
    if owner and right and is_person(right) and re.fullmatch(r"\s*,?\s*", gap_right) and \
            re.search(r"\b(?:its|whose)\s+" + _ADJS + r"$", text[owner[-1][1]:ts]) and \
            not re.search(r"[;:]|\.\s", text[owner[-1][1]:ts]) and len(text[owner[-1][1]:ts]) < 80:
        yield right[0][2], owner[-1][2]
        return
    # GROUP('s) role PERSON
    if left and right and not is_person(left) and is_person(right) and \
            _POSS_GAP.match(gap_left) and re.fullmatch(r"\s*,?\s*", gap_right) and \
            not re.search(r"\b(?:after|before|its|their|his|her|and|or|with|when|while|since|as|"
                          r"to|from|by|in|on|at)\b", gap_left):
        yield right[0][2], left[-1][2]
        return
    # PERSON, the role of GROUP
    if right and not is_person(right) and re.fullmatch(r"\s+(?:of|for)\s+(?:the\s+)?",
                                                      gap_right):
        if left and is_person(left) and _APPOS_GAP.match(gap_left):
            yield left[-1][2], right[0][2]
            return
    # PERSON, the GROUP role
    if left and not is_person(left) and _POSS_GAP.match(gap_left) and len(before) >= 2:
        person = before[-2]
        if is_person(person) and (_APPOS_GAP.match(text[person[-1][1]:left[0][0]]) or re.fullmatch(
                r"\s*,[^,;]{1,60},\s*(?:serves|served|acts|acted|is|was)\s+(?:also\s+)?(?:as\s+)?"
                r"(?:the|a|an)\s+", text[person[-1][1]:left[0][0]])):
            yield person[-1][2], left[-1][2]
