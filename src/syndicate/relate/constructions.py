"""Constructions: sentence passes that make claims from cues other than a trigger
(blame, aid relatives, elliptic partners, ...), and the document-level blanket denials
and collective alliances."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from ..model import Argument, Claim, Mention, Sentence
from .claims import (
    _PARTY_KINDS,
    EXTRACTOR,
    STATE_KINDS,
    SYMMETRIC,
    ClaimContext,
    _arg,
    _claim,
    _type_check,
)
from .modality import _attribution, _modality
from .spans import _distinct_actors, _expand, _groups, _within

_BLANKET = re.compile(
    r"""
    \b(?:insist\w*|say|says|said|vow\w*|pledg\w+|promis\w+|maintain\w*)\s+(?:that\s+)?(?:no
    |none\s+of\s+the)\s+(?:\w+\s+){0,2}?(?:groups?|militants|organi[sz]ations|outfits
    |networks?)\s+(?:would|will|should|is|are|was|were)\s+(?:be\s+)?(?:spared|tolerated
    |exempt\w*|allowed\s+to\s+operate)
    """, re.I | re.X)


@dataclass
class View:
    """One sentence as the constructions read it."""

    sentence: Sentence
    mentions: list[Mention]
    ctx: ClaimContext
    groups: list[list[tuple[int, int, Mention]]]  # spans.py
    attribution: str | None
    used: list[tuple[int, int]] = field(default_factory=list)  # words a trigger has read
    claims: list[Claim] = field(default_factory=list)  # made by triggers (and blame)


class Example(NamedTuple):
    text: str
    rule: str
    subject: str
    relation: str
    object: str
    polarity: str = "affirmed"


@dataclass(frozen=True)
class Construction:
    name: str
    make: Callable[[View], Iterable[Claim]]
    before_triggers: bool
    examples: tuple[Example, ...]


CONSTRUCTIONS: dict[str, Construction] = {}


def construction(name: str, *, before_triggers: bool = False, examples: Iterable[Example] = ()
                 ) -> Callable[[Callable[[View], Iterable[Claim]]],
                               Callable[[View], Iterable[Claim]]]:
    """Register a sentence construction: ``make(view)`` yields claims from a cue other than
    a trigger. Constructions run in the order registered, after the triggers of the sentence
    (or, ``before_triggers``, before them, claiming their words first)."""
    def register(make: Callable[[View], Iterable[Claim]]) -> Callable[[View], Iterable[Claim]]:
        CONSTRUCTIONS[name] = Construction(name, make, before_triggers, tuple(examples))
        return make
    return register


def run_constructions(view: View, *, before_triggers: bool) -> Iterable[Claim]:
    for c in CONSTRUCTIONS.values():
        if c.before_triggers == before_triggers:
            yield from c.make(view)



_REJECTS_FINDINGS = re.compile(
    r"""
    \b(?:den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?|refut(?:es|ed)
    |dispute[sd]?)\s+(?:the\s+|these\s+|such\s+|all\s+)?(?:findings|report|charges?|allegations?
    |accusations?|claims?)\b
    """, re.I | re.X)


def _blanket_denials(sentences: list[Sentence], by_sentence: dict[int, list[Mention]],
                     claims: list[Claim], ctx: ClaimContext) -> list[Claim]:
    """'Pakistan insists that no insurgent groups will be spared' denies, for every group
    the same document says Pakistan backs, that it backs it."""
    out: list[Claim] = []
    for sentence in sentences:
        m = _BLANKET.search(sentence.text)
        rejects = _REJECTS_FINDINGS.search(sentence.text) if not m else None
        if not (m or rejects):
            continue
        cue = m or rejects
        assert cue is not None
        speakers = [x for x in by_sentence.get(sentence.index, [])
                    if x.end - sentence.start <= cue.start()]
        if not speakers or (rejects and len(by_sentence.get(sentence.index, [])) > len(speakers)
                            and _distinct_actors(by_sentence[sentence.index]) > 2):
            continue
        speaker = speakers[0]
        seen: set[tuple[str, str]] = set()
        for claim in claims:
            owner = claim.subject.id
            entry = ctx.dictionary.get(owner)
            parent = entry.parent if entry else None
            if claim.polarity != "affirmed" or speaker.actor not in (owner, parent):
                continue
            if m and claim.relation != "supports":
                continue
            if rejects and (claim.relation not in ("supports", "attacks", "controls") or
                            claim.start >= sentence.start or
                            claim.modality not in ("alleged", "reported", "believed")):
                continue  # "X rejected the report": the earlier allegations against X
            if (claim.relation, claim.object.id) in seen:
                continue
            seen.add((claim.relation, claim.object.id))
            # "Islamabad has rejected the charge" denies the charge as made (against the ISI);
            # "Pakistan insists no groups will be spared" is Pakistan's own word
            out.append(_blanket_claim(sentence, claim, cue.group(0), speaker if m else None))
    return out


def _blanket_claim(sentence: Sentence, claim: Claim, trigger: str,
                   speaker: Mention | None) -> Claim:
    obj = Argument(claim.object.id, claim.object.text, claim.object.start, claim.object.end,
                   claim.object.provisional)
    subj = _arg(speaker) if speaker is not None else Argument(
        claim.subject.id, claim.subject.text, claim.subject.start, claim.subject.end,
        claim.subject.provisional)
    return Claim(doc=claim.doc, sentence=sentence.text, start=sentence.start, end=sentence.end,
                 subject=subj, relation=claim.relation, object=obj, polarity="negated",
                 modality="denied", attribution=_attribution(sentence.text) or claim.subject.text,
                 time=claim.time, trigger=trigger, rule="blanket_denial", extractor=EXTRACTOR,
                 confidence=0.45,
                 source=claim.source, published=claim.published)


_COLLECTIVE = re.compile(r"\b(?:join(?:ed|s)?\s+hands|(?:new\s+)?alliances|formed\s+an\s+"
                         r"alliance|cooperate\s+with\s+each\s+other|joined\s+forces)\b", re.I)


def _collective_alliances(sentences: list[Sentence], by_sentence: dict[int, list[Mention]],
                          ctx: ClaimContext, existing: list[Claim]) -> Iterable[Claim]:
    """'Rival militant groups have joined hands ... The militants belonged to A, B and C.'

    An alliance stated of unnamed groups, next to a sentence that lists the groups,
    is read as an alliance among the listed groups (resolved across the two sentences).
    """
    collective = [s for s in sentences if _COLLECTIVE.search(s.text) and
                  _distinct_actors(by_sentence.get(s.index, [])) < 2]
    if not collective:
        return
    done = {(c.start, *sorted((c.subject.id, c.object.id))) for c in existing}
    for index, ms in by_sentence.items():
        sentence = sentences[index]
        local = [(m.start - sentence.start, m.end - sentence.start, m) for m in ms]
        for group in _groups(local, sentence.text):
            members = [m for m in _expand(group) if ctx.kind_of(m) == "armed_group"]
            if len(members) < 2:
                continue
            # the list follows the statement it explains ("they belonged to A, B and C")
            near = [c for c in collective if c.paragraph > 0 and 0 < index - c.index <= 3]
            if not near:
                continue
            cue = near[-1]
            trigger = _COLLECTIVE.search(cue.text)
            assert trigger is not None
            for a, b in _within([(0, 0, m) for m in members]):
                key = (sentence.start, *sorted((a.actor, b.actor)))
                if key in done:
                    continue
                done.add(key)
                yield _claim(ctx, sentence, a, "cooperates_with", b, polarity="affirmed",
                             modality=_modality(cue.text, len(cue.text)),
                             attribution=_attribution(cue.text),
                             trigger=trigger.group(0), rule="collective_alliance", confidence=0.55)


def _rather_than(sentence: Sentence, mentions: list[Mention], claims: list[Claim]):
    """'bombing its fighters rather than the Islamic State': the second target is denied."""
    text, base = sentence.text, sentence.start
    for c in claims:
        if c.polarity != "affirmed" or c.relation not in ("attacks", "fights", "supports"):
            continue
        m = re.match(r"(?:[\s\w,'\u2019-]{0,60}?)\s+rather\s+than\s+(?:on\s+|against\s+"
                     r"|at\s+)?(?:the\s+)?",
                     text[c.object.end - base:])
        if not m:
            continue
        at = c.object.end + m.end()
        other = next((x for x in mentions if x.start == at), None)
        if other is not None and other.actor not in (c.subject.id, c.object.id):
            yield replace(c, object=_arg(other), polarity="negated",
                          trigger=f"{c.trigger} ... rather than", rule="rather_than")


_BLAME_VERB = (r"\s+(?:has\s+|have\s+|had\s+)?(?:long\s+|repeatedly\s+|also\s+|publicly\s+)?"
               r"(?:blam(?:e|es|ed|ing)|accus(?:e|es|ed|ing)|h(?:o|e)lds?\s+responsible)\b")


_BLAME_BEFORE = re.compile(_BLAME_VERB + r"\s+(?:the\s+)?", re.X)


_BLAME_AFTER = re.compile(_BLAME_VERB)


_BLAME_REL = re.compile(r"\s*,\s*(?:which|whom|who)\s+")


_BLAME_ACT = re.compile(r"""
    \s+(?:for|of)\s+(?:the\s+|an?\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,4}?(?P<act>attacks?
    |bombings?|massacres?|killings?|assaults?|raids?|ambush(?:es)?|blasts?|invasion|aggression
    |incursions?|shelling|strikes?)\b
    """, re.X)


_BLAME_TARGET = re.compile(r"\s+(?:on|against)\s+(?:the\s+)?")


def _blames(sentence: Sentence, mentions: list[Mention], ctx: ClaimContext,
            attribution: str | None):
    """'Washington blamed Ansar al-Sharia for the 2012 attack on the US compound', 'Lashkar,
    which India blames for the Mumbai attacks', 'Congo accuses Rwanda of invasion': the
    blamed party attacks the target named, else the blamer; an allegation."""
    text, base = sentence.text, sentence.start
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        gap = text[a.end - base:b.start - base]
        if _BLAME_BEFORE.fullmatch(gap):
            blamer, blamed = a, b
            act = _BLAME_ACT.match(text, b.end - base)
        elif _BLAME_REL.fullmatch(gap) and (verb := _BLAME_AFTER.match(
                text, b.end - base)) is not None:
            blamer, blamed = b, a
            act = _BLAME_ACT.match(text, verb.end())
        else:
            continue
        if act is None or blamer.actor == blamed.actor:
            continue
        on = _BLAME_TARGET.match(text, act.end())
        target = next((m for m in ordered if on and m.start - base == on.end()), None)
        if target is None and ctx.kind_of(blamer) in STATE_KINDS:
            target = blamer
        if target is None or target.actor == blamed.actor:
            continue
        claim = _claim(ctx, sentence, blamed, "attacks", target, polarity="affirmed",
                       modality="alleged", attribution=attribution,
                       trigger=text[act.start("act"):act.end("act")], rule="blame", confidence=0.55)
        yield claim, (act.start("act"), act.end("act"))


_AID_RELATIVE = re.compile(r"\b(?:weapons|arms|missiles|drones|rockets|money|funds|aid|ammunition|"
                           r"components|parts|technology|equipment|supplies)\s+(?:that|which)\s+$")


_AID_VERB = re.compile(r"\s+(?:has\s+|had\s+|have\s+)?(?:sends?|sent|suppli(?:es|ed)|ships?"
                       r"|shipped|deliver(?:s|ed)|provid(?:es|ed)|smuggl(?:es|ed)|gives?"
                       r"|gave)\s+(?:to\s+)?(?:the\s+)?")


def _aid_relatives(sentence: Sentence, mentions: list[Mention], ctx: ClaimContext,
                   attribution: str | None):
    """'the weapons that Iran sends to the Houthis': the sender supports the receiver."""
    text, base = sentence.text, sentence.start
    if " that " not in text and " which " not in text:
        return
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.actor != b.actor and _AID_RELATIVE.search(text, 0, a.start - base) and \
                _AID_VERB.fullmatch(text, a.end - base, b.start - base):
            yield _claim(ctx, sentence, a, "supports", b, polarity="affirmed",
                         modality=_modality(text, a.start - base), attribution=attribution,
                         trigger=text[a.end - base:b.start - base].strip(),
                         rule="aid_relative", confidence=0.6)


_OBJECTLESS = re.compile(
    r"""
    \b(?:(?P<talks>(?:is|are|was|were|be|been)\s+(?:now\s+|still\s+)?negotiating)
    |(?:maintain\w*|keep|keeps|kept|deepen\w*|strengthen\w*
    |expand\w*)\s+(?:(?:strong|stronger|close|closer|operational|military|tactical|their
    |its)\s+){0,3}(?:cooperation
    |co-operation|coordination|ties|contacts))\b(?!\s+(?:with|between|among|to)\b)
    """, re.X)


_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|across|inside|into|near|of|via)\s+(?:the\s+)?$", re.I)


def _elliptic_partner(sentence: Sentence, mentions: list[Mention], ctx: ClaimContext,
                      claims: list[Claim], attribution: str | None):
    """Talks or cooperation whose partner goes unsaid: '... try to open channels with ISKP
    and maintain strong operational cooperation' keeps the pair of the verb it is conjoined
    with; 'the TTP is sending a signal to Islamabad that it is negotiating from a position
    of strength' has one other party in the sentence to negotiate with."""
    text, base = sentence.text, sentence.start
    for m in _OBJECTLESS.finditer(text):
        relation = "negotiates_with" if m.group("talks") else "cooperates_with"
        ts = m.start()
        ends = {id(c): text.find(c.trigger) + len(c.trigger) for c in claims
                if c.relation in SYMMETRIC and c.polarity == "affirmed" and c.trigger in text}
        before = [c for c in claims if id(c) in ends and ends[id(c)] <= ts]
        if before:
            c = before[-1]
            gap = text[ends[id(c)]:ts]
            if re.search(r"\band\s+(?:to\s+)?$", gap) and not re.search(r"[;:]|\bbut\b|\.\s", gap):
                yield replace(c, relation=relation, trigger=m.group(0), rule="elliptic_partner")
            continue
        subject = next((x for x in mentions if x.end - base <= ts and
                        re.fullmatch(r"\s*", text[x.end - base:ts])), None)
        if subject is None or ctx.kind_of(subject) not in _PARTY_KINDS:
            continue
        others = {x.actor: x for x in mentions if x.actor != subject.actor and
                  ctx.kind_of(x) in _PARTY_KINDS and
                  not _PLACE_BEFORE.search(text[max(0, x.start - base - 14):x.start - base])}
        if len(others) == 1:
            partner = next(iter(others.values()))
            yield _claim(ctx, sentence, subject, relation, partner, polarity="affirmed",
                         modality=_modality(text, ts), attribution=attribution,
                         trigger=m.group(0), rule="elliptic_partner", confidence=0.5)


_UNDER_RULE = re.compile(r"\s+under\s+(?:the\s+)?$")


_RULE_NOUN = re.compile(r"\s+(?:regime|rule|government|administration|control)\b")


def _under_rule(sentence: Sentence, mentions: list[Mention], ctx: ClaimContext,
                attribution: str | None):
    """'Afghanistan under the Taliban regime', 'Gaza under Hamas rule': the ruler controls
    the country."""
    text, base = sentence.text, sentence.start
    for a, b in zip(mentions, mentions[1:], strict=False):
        rule = _RULE_NOUN.match(text, b.end - base)
        if rule and ctx.kind_of(a) == "state" and a.actor != b.actor and \
                ctx.kind_of(b) in ("armed_group", "person", None) and \
                _UNDER_RULE.fullmatch(text[a.end - base:b.start - base]):
            yield _claim(ctx, sentence, b, "controls", a, polarity="affirmed",
                         modality=_modality(text, a.end - base), attribution=attribution,
                         trigger=text[a.end - base:rule.end()].strip(), rule="under_rule",
                         confidence=0.55)


_HANDLERS = re.compile(r"\bhandlers\b")


_HANDLERS_AT = re.compile(r"\s+(?:(?:are|were|is)\s+)?(?:based\s+|sitting\s+|located\s+)?"
                          r"(?:in|at|from|within)\s+(?:the\s+)?$")


def _handlers(sentence: Sentence, mentions: list[Mention], ctx: ClaimContext,
              attribution: str | None):
    """'with its handlers based in Rawalpindi', 'LeT and its ISI handlers': whoever handles
    a group controls it."""
    text, base = sentence.text, sentence.start
    for h in _HANDLERS.finditer(text):
        before = text[max(0, h.start() - 40):h.start()]
        controller = next((x for x in mentions if x.end - base <= h.start() and
                           re.fullmatch(r"\s+", text[x.end - base:h.start()])), None)
        if controller is None:
            controller = next((x for x in mentions if x.start - base >= h.end() and
                               _HANDLERS_AT.fullmatch(text[h.end():x.start - base])), None)
        if controller is None or ctx.kind_of(controller) not in \
                ("state", "state_agency", "state_forces"):
            continue
        owner = re.search(r"(?:(?P<pron>\bits|\btheir)|['\u2019]s?)\s+(?:[\w-]+\s+)?$", before)
        if owner is None:
            continue
        if owner.group("pron"):
            # "its handlers": the group the clause is about, its first named party
            handled = next((x for x in mentions if x.start - base < h.start() and
                            ctx.kind_of(x) == "armed_group"), None)
        else:
            at = h.start() - len(before) + owner.start()
            handled = next((x for x in mentions if x.end - base == at), None)
        if handled is None or handled.actor == controller.actor:
            continue
        yield _claim(ctx, sentence, controller, "controls", handled, polarity="affirmed",
                     modality=_modality(text, h.start()), attribution=attribution,
                     trigger=text[h.start():h.end()], rule="handlers", confidence=0.55)


_OPERATION = r"(?:operation|offensive|crackdown|assault|dragnet|onslaught|campaign)"


_ESCAPE = re.compile(
    r"""
    \s+(?:(?:does|do|did|would|will|could|cannot|must|should
    |can)\s+)?(?:not\s+)?(?:to\s+)?escap(?:e
    |es|ed|ing)\s+(?:from\s+)?(?:the\s+)?(?:[\w'\u2019-]+\s+){0,2}?
    """ + _OPERATION + r"\b", re.X)


_PREVENT = re.compile(
    r"""
    \bprevent(?:s|ed|ing)?\s+(?:the\s+)?(?:reconstitution|regrouping|resurgence|re-?emergence
    |revival
    |comeback)(?:\s+and\s+[\w-]+)?\s+of\s+(?:(?:[\w-]+\s+){0,2}(?:outfits|groups
    |organi[sz]ations|networks|militias)\s*,?\s+(?:such\s+as|including|like)\s+)?(?:the\s+)?
    """, re.X)


_PRESSED = re.compile(r"\b(?:pressed|pressured|urged|asked|pushed|called\s+on|wants?|wanted)\s+"
                      r"(?:the\s+)?$")


def _operation_targets(sentence: Sentence, mentions: list[Mention], ctx: ClaimContext,
                       attribution: str | None):
    """The target of a state's operation that is only implied: 'pressed Pakistan's military
    to ensure the group does not escape the current operation'; 'the army offensive ...
    would be to prevent the reconstitution of militant outfits, such as the Haqqani network'."""
    text, base = sentence.text, sentence.start
    if "escap" not in text and "prevent" not in text:
        return  # cheap first: neither construction can occur
    forces = ("state", "state_forces")
    prevented = {p.end(): p for p in _PREVENT.finditer(text)}  # by where the target starts
    for x in mentions:
        if ctx.kind_of(x) != "armed_group":
            continue
        escape = _ESCAPE.match(text, x.end - base)
        if escape:
            pressed = next((y for y in mentions if y.end <= x.start and ctx.kind_of(y) in forces
                            and _PRESSED.search(text, 0, y.start - base)), None)
            if pressed is not None:
                yield _claim(ctx, sentence, pressed, "attacks", x, polarity="affirmed",
                             modality=_modality(text, x.end - base), attribution=attribution,
                             trigger=escape.group(0).strip(), rule="escape_operation",
                             confidence=0.5)
            continue
        prevent = prevented.get(x.start - base)
        if prevent is not None:
            owner = next((y for y in reversed(mentions) if y.end - base <= prevent.start() and
                          ctx.kind_of(y) in forces and
                          re.match(r"\s+" + _OPERATION, text[y.end - base:])), None)
            if owner is not None:
                yield _claim(ctx, sentence, owner, "attacks", x, polarity="affirmed",
                             modality=_modality(text, prevent.start()), attribution=attribution,
                             trigger=prevent.group(0).strip(), rule="prevented_operation",
                             confidence=0.5)


_HEAD_OF_STATE = r"(?:President|Prime\s+Minister|King|Emir|Supreme\s+Leader)"


def _titles_and_owners(sentence: Sentence, mentions: list[Mention], ctx: ClaimContext,
                       claims: list[Claim]):
    """'Syrian President Bashar al-Assad' leads Syria; 'Joseph Kony's Lord's Resistance Army'
    is led by Kony."""
    text, base = sentence.text, sentence.start
    said = {(c.subject.id, c.object.id) for c in claims if c.relation == "leads"}
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if ctx.kind_of(a) == "person" and ctx.kind_of(b) == "armed_group" and \
                re.fullmatch(r"['\u2019]s\s+", text[a.end - base:b.start - base]) and \
                (a.actor, b.actor) not in said:
            yield _claim(ctx, sentence, a, "leads", b, polarity="affirmed", modality="asserted",
                         attribution=None, trigger="'s", rule="possessive_leader", confidence=0.6)
    for m in ordered:
        if ctx.kind_of(m) != "person":
            continue
        titled = re.match(_HEAD_OF_STATE + r"\s", m.text)  # the alias may carry the title
        title = re.search(
            r"\b(?P<dem>[A-Z][a-z]+)\s+" + ("$" if titled else _HEAD_OF_STATE + r"\s+$"),
            text[:m.start - base])
        if not title:
            continue
        state_id = ctx.dictionary.state_of_demonym(title.group("dem"))
        if state_id is not None and (m.actor, state_id) not in said:
            state = Mention(base + title.start("dem"), base + title.end("dem"), title.group("dem"),
                            state_id, sentence.index, "demonym")
            yield _claim(ctx, sentence, m, "leads", state, polarity="affirmed", modality="asserted",
                         attribution=None, trigger=title.group(0).strip(), rule="head_of_state",
                         confidence=0.6)


_JOINT_VERB = re.compile(
    r"""
    \s+(?:fighters\s+|troops\s+|forces\s+|units\s+)?(?:have\s+|had\s+
    |jointly\s+)?(?:\w+ly\s+)?(?:broke|break|breaks|captured|capture|recaptured|retook|seized
    |took(?!\s+advantage)|stormed|reached|entered|advanced|launched|overran|cleared|besieged
    |encircled|recaptured)\b
    """, re.X)


def _joint_action(sentence: Sentence, groups, ctx: ClaimContext, claims: list[Claim],
                  attribution: str | None):
    """'Hezbollah and Syrian troops break siege': two forces as one subject act together."""
    text = sentence.text
    related = {frozenset((c.subject.id, c.object.id)) for c in claims}
    for group in groups:
        members = _expand(group)
        verb = _JOINT_VERB.match(text, group[-1][1])
        if len({m.actor for m in members}) != 2 or verb is None:
            continue
        if any(ctx.kind_of(m) not in ("armed_group", "state_forces") for m in members):
            continue
        a, b = members[0], members[-1]
        if frozenset((a.actor, b.actor)) in related:
            continue
        yield _claim(ctx, sentence, a, "cooperates_with", b, polarity="affirmed",
                     modality=_modality(text, group[-1][1]), attribution=attribution,
                     trigger=verb.group(0).strip(),
                     rule="joint_action", confidence=0.55)


_RELATIONAL = re.compile(r"^(?:its|their)\s+(?:[A-Z][a-z]+\s+)?(?P<noun>allies|ally|partners?"
                         r"|comrades|counterparts|backers?|patrons?|sponsors?)$")


def _relational_nouns(sentence: Sentence, mentions: list[Mention], ctx: ClaimContext,
                      attribution: str | None) -> Iterable[Claim]:
    """'TTP fighters obtained weapons which their Afghan allies seized': the noun that names
    the referent ("allies", "backers") states its relation to the owner."""
    for m in mentions:
        found = _RELATIONAL.match(m.text) if m.method == "coref" else None
        if not found:
            continue
        owners = [x for x in mentions if x.end <= m.start and x.actor != m.actor and
                  ctx.kind_of(x) == "armed_group"]
        if not owners:
            continue
        owner = owners[-1]
        if found.group("noun").startswith(("backer", "patron", "sponsor")):
            subj, relation, obj = m, "supports", owner
        else:
            subj, relation, obj = owner, "cooperates_with", m
        yield _claim(ctx, sentence, subj, relation, obj, polarity="affirmed",
                     modality=_modality(sentence.text, m.start - sentence.start),
                     attribution=attribution, trigger=m.text, rule="relational_noun",
                     confidence=0.55)


_HIS = re.compile(r"his\s+(?:own\s+)?(?:group|organi[sz]ation|movement|network|faction|militia|"
                  r"outfit|fighters|men)$", re.I)


def _his_group(sentence: Sentence, mentions: list[Mention], ctx: ClaimContext,
               attribution: str | None) -> Iterable[Claim]:
    """'Baghdadi said his group and the Nusra Front ...': the speaker leads the group."""
    for m in mentions:
        if m.method != "coref" or not _HIS.match(m.text):
            continue
        people = [p for p in mentions if p.end <= m.start and ctx.kind_of(p) == "person"]
        if people and ctx.dictionary.led_group(people[-1].actor) is not None and \
                ctx.kind_of(m) not in (None, "person"):
            yield _claim(ctx, sentence, people[-1], "leads", m, polarity="affirmed",
                         modality="asserted", attribution=attribution, trigger=m.text,
                         rule="his_group", confidence=0.6)


_APPOS_ALLY = re.compile(r"""
    ^,\s+(?:a|an|the
    |its)\s+(?:(?:close|closest|key|main|old|long-?time|ideological|organi[sz]ational|staunch
    |loyal|and|trusted|strategic)\s+)*(?:ally
    |partner|affiliate)\b(?!\s+of)
    """, re.I | re.X)


def _appositive_ally(sentence: Sentence, groups, ctx: ClaimContext, used, attribution):
    """'X has been unwilling to crack down on the TTP, a close ally': TTP allies with X."""
    text = sentence.text
    for i, group in enumerate(groups):
        m = _APPOS_ALLY.match(text[group[-1][1]:])
        if not m or i == 0:
            continue
        ts, te = group[-1][1], group[-1][1] + m.end()
        if any(s < te and ts < e for s, e in used):
            continue
        head = groups[0]
        for a in _expand(group):
            for b in _expand(head):
                if a.actor != b.actor and _type_check("cooperates_with", a, b, ctx):
                    yield _claim(ctx, sentence, a, "cooperates_with", b, polarity="affirmed",
                                 modality=_modality(text, ts), attribution=attribution,
                                 trigger=m.group(0).strip(", "), rule="appositive_ally",
                                 confidence=0.6)


# --- the registry, in the order the constructions run ------------------------------------

EXAMPLES_blame = (
    Example("M23 rebels claim capture of Goma as Congo accuses Rwanda of invasion",
            "blame", "rwanda", "attacks", "democratic-republic-of-the-congo"),
)
EXAMPLES_appositive_ally = (
    Example("Pakistan refused to act against the Haqqani network, a key ally.",
            "appositive_ally", "haqqani-network", "cooperates_with", "pakistan"),
)
EXAMPLES_his_group = (
    Example("Nasrallah has argued that his men are fighting the Islamic State and the Nusra "
             "Front in Syria so that they will not have to fight them in Lebanon.",
            "his_group", "hassan-nasrallah", "leads", "hezbollah"),
)
EXAMPLES_relational_noun = (
    Example("Hamas was joined in the assault by its Iranian backers.",
            "relational_noun", "iran", "supports", "hamas"),
)
EXAMPLES_rather_than = (
    Example("The Free Syrian Army has accused Moscow of bombing its fighters rather than "
             "the Islamic State, a charge the Kremlin rejects.",
            "rather_than", "russia", "attacks", "islamic-state", "negated"),
)
EXAMPLES_titles_and_owners = (
    Example("The campaign is the largest Ugandan deployment in Congo since Ugandan troops "
             "pursued Joseph Kony's Lord's Resistance Army through the region in the late "
             "2000s.",
            "possessive_leader", "joseph-kony", "leads", "lords-resistance-army"),
    Example("The movement has also been repairing its ties with Iran, which cut much of its "
             "funding to Hamas in 2012 after the group refused to back Syrian President "
             "Bashar al-Assad against the uprising in his country.",
            "head_of_state", "bashar-al-assad", "leads", "syria"),
)
EXAMPLES_joint_action = (
    Example("Hezbollah and Syrian troops break siege north of Aleppo as Russian jets pound "
             "rebels",
            "joint_action", "hezbollah", "cooperates_with", "syrian-army"),
)
EXAMPLES_elliptic_partner = (
    Example("The ISI kept close ties with the Taliban and is still negotiating.",
            "elliptic_partner", "isi", "negotiates_with", "afghan-taliban"),
)
EXAMPLES_handlers = (
    Example("Lashkar-e-Taiba and its ISI handlers planned the attack.",
            "handlers", "isi", "controls", "lashkar-e-taiba"),
)
EXAMPLES_under_rule = (
    Example("Al-Qaeda leaders lived in Afghanistan under the Taliban regime.",
            "under_rule", "afghan-taliban", "controls", "afghanistan"),
)
EXAMPLES_aid_relative = (
    Example("The Israeli military said the port served as the main entry point for weapons "
             "that Iran sends to the Houthis, and described the raid as a response to months "
             "of attacks.",
            "aid_relative", "iran", "supports", "houthis"),
)
EXAMPLES_operation_target = (
    Example("Washington pressed the Pakistani army to ensure the Haqqani network does not "
             "escape the current operation.",
            "escape_operation", "pakistan-army", "attacks", "haqqani-network"),
    Example("The aim of the Pakistani army offensive is to prevent the reconstitution of "
             "militant outfits, such as the Haqqani network.",
            "prevented_operation", "pakistan-army", "attacks", "haqqani-network"),
)


@construction("blame", before_triggers=True, examples=EXAMPLES_blame)
def blame(view: View) -> Iterable[Claim]:
    for claim, span in _blames(view.sentence, view.mentions, view.ctx, view.attribution):
        view.used.append(span)  # "which India blames for the Mumbai attacks": not India's
        yield claim


@construction("appositive_ally", examples=EXAMPLES_appositive_ally)
def appositive_ally(view: View) -> Iterable[Claim]:
    return _appositive_ally(view.sentence, view.groups, view.ctx, view.used, view.attribution)


@construction("his_group", examples=EXAMPLES_his_group)
def his_group(view: View) -> Iterable[Claim]:
    said = {(c.subject.id, c.object.id) for c in view.claims if c.relation == "leads"}
    return (c for c in _his_group(view.sentence, view.mentions, view.ctx, view.attribution)
            if (c.subject.id, c.object.id) not in said)


@construction("relational_noun", examples=EXAMPLES_relational_noun)
def relational_noun(view: View) -> Iterable[Claim]:
    return _relational_nouns(view.sentence, view.mentions, view.ctx, view.attribution)


@construction("rather_than", examples=EXAMPLES_rather_than)
def rather_than(view: View) -> Iterable[Claim]:
    return _rather_than(view.sentence, view.mentions, view.claims)


@construction("titles_and_owners", examples=EXAMPLES_titles_and_owners)
def titles_and_owners(view: View) -> Iterable[Claim]:
    return _titles_and_owners(view.sentence, view.mentions, view.ctx, view.claims)


@construction("joint_action", examples=EXAMPLES_joint_action)
def joint_action(view: View) -> Iterable[Claim]:
    return _joint_action(view.sentence, view.groups, view.ctx, view.claims, view.attribution)


@construction("elliptic_partner", examples=EXAMPLES_elliptic_partner)
def elliptic_partner(view: View) -> Iterable[Claim]:
    return _elliptic_partner(view.sentence, view.mentions, view.ctx, view.claims,
                             view.attribution)


@construction("handlers", examples=EXAMPLES_handlers)
def handlers(view: View) -> Iterable[Claim]:
    return _handlers(view.sentence, view.mentions, view.ctx, view.attribution)


@construction("under_rule", examples=EXAMPLES_under_rule)
def under_rule(view: View) -> Iterable[Claim]:
    return _under_rule(view.sentence, view.mentions, view.ctx, view.attribution)


@construction("aid_relative", examples=EXAMPLES_aid_relative)
def aid_relative(view: View) -> Iterable[Claim]:
    return _aid_relatives(view.sentence, view.mentions, view.ctx, view.attribution)


@construction("operation_target", examples=EXAMPLES_operation_target)
def operation_target(view: View) -> Iterable[Claim]:
    return _operation_targets(view.sentence, view.mentions, view.ctx, view.attribution)
