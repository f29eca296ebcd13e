"""Relate stage: typed relation claims between actors in a sentence.

Cheap first: only sentences with two or more distinct actors (a "the two groups"
reference counts as two) are analysed. Each trigger pattern says how its arguments
are found (``active``: subject left, object right; ``passive``: "backed by X";
``between``: "cooperation between X and Y"; ``reciprocal``: "X and Y joined hands";
``adjective``: "ISI-backed Y"; ``role``: "ISKP leader Aslam Farooqi").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..actors import Dictionary
from ..model import Argument, Claim, Mention, Sentence
from ..vocab import vocabulary
from .triggers import Trigger, triggers

EXTRACTOR = "patterns.v2"
STATE_KINDS = {"state", "state_agency", "state_forces", "intl_org"}
VOCABULARY = vocabulary()
SYMMETRIC = VOCABULARY.symmetric
_MODALITY_WEIGHT = VOCABULARY.modality_weights("confidence")


_MODALITY_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("denied", re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing))\b", re.I)),
    ("desired", re.compile(r"\b(?:(?:effort|attempt|bid|plan|plans|aim|aims|seeks?|sought|tried|trying|try|threat\w*|vow\w*|promis\w*|ready|willing|prepared|commit\w*)\s+to|(?:promis|vow|pledg|threaten)\w*\s+(?:an?\s+)?(?:[\w-]+\s+)?[\w-]+(?=\s*$)|wants?|wanted|urg(?:e|es|ed|ing)|press(?:ed|ing)(?!\s+(?:on|ahead)\b)|demand(?:s|ed)?|called\s+on|calls\s+on|asked\s+(?:\w+\s+){1,3}to|push(?:es|ed|ing)?\s+(?:[\w-]+\s+){1,4}?to|should|must|expectation|to\s+ensure|unless|"
                           r"(?:goal|aim|objective|purpose|success|mission|task)\s+(?:\w+\s+){0,2}?(?:is|was|would\s+be|will\s+be)\s+to)\b", re.I)),
    ("alleged", re.compile(r"\b(?:alleg\w+|accus\w+)\b", re.I)),
    ("believed", re.compile(r"\b(?:believ\w+|suspect\w*|thought\s+to|presum\w+|assess(?:ed|es|ment)|"
                            r"regard(?:s|ed|ing)?\s+(?:[\w'\u2019-]+\s+){1,4}?as|view(?:s|ed)?\s+(?:[\w'\u2019-]+\s+){1,4}?as|"
                            r"consider(?:s|ed)?\s+(?:[\w'\u2019-]+\s+){1,4}?(?:as|to\s+be))\b", re.I)),
    ("possible", re.compile(r"\b(?:could|may|might|possibl\w+|likely|perhaps|can|indicated|appear(?:s|ed)?\s+to|seem(?:s|ed)?\s+to|expect(?:s|ed)?|if|whether)\b", re.I)),
    ("reported", re.compile(r"\b(?:reported(?:ly)?|reports?|according\s+to|said|says|say|saying|told|sources|evidence|"
                            r"claimed(?!\s+(?:responsibility|credit|(?:[\w-]+\s+){0,4}?(?:attacks?|bombings?|killings?|"
                            r"assaults?|raids?|ambush(?:es)?)\b))|stated|added|quoted|described|describes?|noted|"
                            r"announc\w+|found\s+that|concluded|present(?:s|ed)\s+(?:\w+\s+)?as)\b", re.I)),
)
_ATTRIBUTION = (
    re.compile(r"\baccording\s+to\s+(?P<who>(?:an?\s+|the\s+)?[^,.;:]{3,80}?)(?=,|\.|;|$|\s+(?:the|US|\w+\s+officials)\b)", re.I),
    re.compile(r"\b(?:said|says|told|according\s+to)\s+(?P<who>(?:an?|the|one)\s+(?:senior\s+|top\s+)?[\w\s.'-]{3,60}?(?:official|officer|spokesman|spokesperson|commander|analyst|source|general|diplomat|report)s?)\b", re.I),
    re.compile(r"(?:^|[,.\u201d\"]\s*|\bthat\s+)(?P<who>(?:[A-Z][\w.'\u2019-]*\s+){0,5}(?:officials?|sources|analysts|observers|watchers|experts?|leaders|spokes(?:man|woman|person)|commanders?|authorities|report|officers?|general|minister|secretary|diplomats?|intelligence|agency|researchers?)(?:,\s+[A-Z][\w.' ]{3,40},)?)\s+(?:have\s+|had\s+)?(?:reportedly\s+|also\s+|long\s+)?(?:said|say|says|believe|believed|believes|allege[ds]?|claim(?:s|ed)?|told|stated|reported|indicated|accuse[ds]?|warned|insist(?:s|ed)?|suspect(?:s|ed)?)\b"),
    re.compile(r"(?P<who>(?:The\s+)?(?:[A-Z][\w/&.'-]+\s+){0,4}(?:[A-Z][\w/&.'-]+))\s+(?:reported|said|says)\b"),
    re.compile(r"(?P<who>(?:an?\s+|the\s+)(?:[\w-]+\s+){0,3}(?:report|reports|investigation|study|assessment))\b", re.I),
)


@dataclass(frozen=True)
class ClaimContext:
    """What every claim of one document is made with: the dictionary, and the document's
    provenance, so that claims are built complete."""

    dictionary: Dictionary
    doc: str
    source: str | None = None
    published: str | None = None

    def kind_of(self, mention: Mention) -> str | None:
        return self.dictionary.kind_of(mention)


def relate(text: str, sentences: list[Sentence], mentions: list[Mention],
           ctx: ClaimContext) -> list[Claim]:
    """Every relation claim the document's sentences state between two actors (their time
    is the event-time stage's job)."""
    by_sentence = _by_sentence(mentions)
    claims: list[Claim] = []
    seen: set[tuple] = set()
    wanted = {i for i, ms in by_sentence.items() if _distinct_actors(ms) >= 2}
    triggers = _find_triggers(text, sentences, wanted) if wanted else {}
    for index in sorted(wanted):
        # cheap first: most sentences name at most one actor and are never looked at
        sentence = sentences[index]
        for claim in _sentence_claims(sentence, by_sentence[index], ctx,
                                      triggers.get(index, [])):
            # one claim per relation, pair, polarity and modality in a sentence, however many words
            # say it ("signed a peace agreement ..., ending years of negotiations")
            key: tuple[object, ...] = (claim.start, claim.subject.id, claim.relation,
                                       claim.object.id, claim.polarity, claim.modality)
            if claim.relation in SYMMETRIC:
                key = (claim.start, *sorted((claim.subject.id, claim.object.id)), claim.relation,
                       claim.polarity, claim.modality)
            if key in seen or claim.subject.id == claim.object.id:
                continue
            seen.add(key)
            claims.append(claim)
    claims += list(_collective_alliances(sentences, by_sentence, ctx, claims))
    return claims


def deny_blanket(sentences: list[Sentence], mentions: list[Mention], claims: list[Claim],
                 ctx: ClaimContext) -> list[Claim]:
    """The claims a sweeping denial in the document denies, each dated as the claim it
    denies (so this runs after the event-time stage)."""
    return _blanket_denials(sentences, _by_sentence(mentions), claims, ctx)


def _by_sentence(mentions: list[Mention]) -> dict[int, list[Mention]]:
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    return by_sentence


_BLANKET = re.compile(
    r"\b(?:insist\w*|say|says|said|vow\w*|pledg\w+|promis\w+|maintain\w*)\s+(?:that\s+)?"
    r"(?:no|none\s+of\s+the)\s+(?:\w+\s+){0,2}?(?:groups?|militants|organi[sz]ations|"
    r"outfits|networks?)\s+(?:would|will|should|is|are|was|were)\s+(?:be\s+)?"
    r"(?:spared|tolerated|exempt\w*|allowed\s+to\s+operate)", re.I)


_REJECTS_FINDINGS = re.compile(
    r"\b(?:den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?|refut(?:es|ed)|dispute[sd]?)\s+"
    r"(?:the\s+|these\s+|such\s+|all\s+)?(?:findings|report|charges?|allegations?|accusations?|"
    r"claims?)\b", re.I)


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


def _find_triggers(text: str, sentences: list[Sentence], wanted: set[int]
                   ) -> dict[int, list[tuple[int, int, int, Trigger]]]:
    """Every trigger in the wanted sentences, offsets local to the sentence."""
    out: dict[int, list[tuple[int, int, int, Trigger]]] = {}
    for i in wanted:
        sentence_text = _lower(sentences[i].text)
        out[i] = [(t.start(), t.end(), order, pattern)
                  for order, pattern in enumerate(triggers())
                  for t in pattern.regex.finditer(sentence_text)]
    return out


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # keep offsets: "İ".lower() is two characters
        lowered = "".join(c.lower()[0] for c in text)
    return lowered


def _distinct_actors(ms: list[Mention]) -> int:
    ids: set[str] = set()
    for m in ms:
        ids.update(m.actor[5:].split("|") if m.actor.startswith("pair:") else [m.actor])
    return len(ids)


def _sentence_claims(sentence: Sentence, mentions: list[Mention], ctx: ClaimContext,
                     triggers: list[tuple[int, int, int, Trigger]]) -> Iterable[Claim]:
    text = sentence.text
    base = sentence.start
    local = [(m.start - base, m.end - base, m) for m in mentions]
    groups = _groups(local, text)  # once per sentence, shared by every trigger in it
    used: list[tuple[int, int]] = []
    # the longest trigger wins where two overlap ("front attacks for" over "attacks")
    triggers.sort(key=lambda x: (-(x[1] - x[0]), x[2]))
    attribution = _attribution(text)
    out: list[Claim] = []
    for claim, span in _blames(sentence, mentions, ctx, attribution):
        out.append(claim)
        used.append(span)  # "which India blames for the Mumbai attacks": not India's attacks
    for ts, te, _, pattern in triggers:
        if any(s < te and ts < e for s, e in used):
            continue  # a longer or more specific trigger already claimed these words
        if pattern.how not in ("adjective", "brokered") and any(s <= ts < e for s, e, _ in local):
            continue  # the trigger is inside an actor's name ("Islamic Front")
        pairs = list(_arguments(pattern, text, ts, te, groups, ctx))
        if not pairs:
            continue
        used.append((ts, te))
        polarity = pattern.polarity or _polarity(text, pattern, ts, te)
        # an apposition ("ISKP leader Aslam Farooqi", "Katiba Macina, the central unit of
        # JNIM") is the article's own background fact
        appositive = (pattern.how == "appos" and re.search(
            r"\w[\w)]*\s*,\s*(?:the\s+|an?\s+|its\s+)?$", text[max(0, ts - 30):ts]) is not None) or (
            pattern.how == "possessive" and re.search(
                r",\s*(?![^,]*\b(?:is|was|are|were|as|than)\b)[^,\s][^,]{0,40}$", text[:ts]) is not None)
        appositive = appositive or (pattern.relation in ("leads", "member_of") and re.search(
            r",\s+(?:the|a|an)\s+[^,]{0,40}\bwho\s+$", text[:ts]) is not None)  # ", the cleric who leads"
        appositive = appositive or (pattern.relation == "leads" and pattern.how == "passive" and re.search(
            r",\s+(?:the|an?)\s+(?:[\w-]+\s+){0,3}$", text[:ts]) is not None)  # ", the group founded by"
        if appositive:
            polarity = "affirmed"  # "the Haqqani network, an Afghan Taliban faction,"
        modality = "asserted" if pattern.how == "role" or appositive else _modality(
            text, ts, te if pattern.how in ("between", "appos") or _NOMINAL.search(
                text[ts:te]) else None, tail=pattern.relation not in ("leads", "member_of"))
        if modality == "denied":
            polarity = "negated"
        elif polarity == "negated" and modality in ("reported", "asserted") and (
                _QUOTED.match(text) or text[:ts].count("\"") % 2 == 1 or
                text[:ts].count("\u201c") > text[:ts].count("\u201d")):
            modality = "denied"  # '"Iran has not supplied weapons," a spokesman said'
        denial_tail = _DENIAL_TAIL.search(text, te)
        denied_report = modality == "denied" and _DENIED_REPORT.search(text, 0, ts)
        for subj, obj in pairs:
            relation = _type_check(pattern.relation, subj, obj, ctx)
            if relation is None or (pattern.objects and ctx.kind_of(obj) != pattern.objects):
                continue
            if relation == "member_of" and pattern.relation == "part_of":
                led = ctx.dictionary.led_group(subj.actor)
                group = next((m for m in mentions if m.actor == led), None)
                if group is not None:
                    # "the name Boko Haram adopted after Shekau pledged allegiance to IS":
                    # the leader pledges on his group's behalf
                    subj, relation = group, "part_of"
            if relation == "controls" and pattern.relation == "leads" and re.search(
                    r"found|launch|creat|establish|set\s+up", text[ts:te], re.I):
                continue  # a group "founded by" another group is not controlled by it
            mod = modality
            if polarity == "negated" and mod == "reported" and subj.method == "speaker":
                mod = "denied"  # "The Lebanese government said it did not endorse ..."
            out.append(_claim(ctx, sentence, subj, relation, obj, polarity=polarity, modality=mod,
                         attribution=attribution, trigger=text[ts:te].strip(),
                         rule=pattern.id, confidence=pattern.confidence))
            if denied_report:
                # "reject claims that Tehran commands the Houthis": the claim, and its denial
                out.append(_claim(ctx, sentence, subj, relation, obj, polarity="affirmed",
                                  modality="alleged", attribution=attribution,
                                  trigger=text[ts:te].strip(), rule=pattern.id, confidence=pattern.confidence))
            if denial_tail and polarity == "affirmed" and not appositive:
                # "accused Venezuela of sheltering the ELN, a charge Caracas rejects"
                out.append(_claim(ctx, sentence, subj, relation, obj, polarity="negated",
                                  modality="denied", attribution=denial_tail.group("who").strip(),
                                  trigger=denial_tail.group(0).strip(", "),
                                  rule=pattern.id, confidence=pattern.confidence))
    yield from out
    yield from _appositive_ally(sentence, groups, ctx, used, attribution)
    said = {(c.subject.id, c.object.id) for c in out if c.relation == "leads"}
    yield from (c for c in _his_group(sentence, mentions, ctx, attribution)
                if (c.subject.id, c.object.id) not in said)
    yield from _relational_nouns(sentence, mentions, ctx, attribution)
    yield from _rather_than(sentence, mentions, out)
    yield from _titles_and_owners(sentence, mentions, ctx, out)
    yield from _joint_action(sentence, groups, ctx, out, attribution)
    yield from _elliptic_partner(sentence, mentions, ctx, out, attribution)
    yield from _handlers(sentence, mentions, ctx, attribution)
    yield from _under_rule(sentence, mentions, ctx, attribution)
    yield from _aid_relatives(sentence, mentions, ctx, attribution)
    yield from _operation_targets(sentence, mentions, ctx, attribution)


def _rather_than(sentence: Sentence, mentions: list[Mention], claims: list[Claim]):
    """'bombing its fighters rather than the Islamic State': the second target is denied."""
    text, base = sentence.text, sentence.start
    for c in claims:
        if c.polarity != "affirmed" or c.relation not in ("attacks", "fights", "supports"):
            continue
        m = re.match(r"(?:[\s\w,'\u2019-]{0,60}?)\s+rather\s+than\s+(?:on\s+|against\s+|at\s+)?(?:the\s+)?",
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
_BLAME_BEFORE = re.compile(_BLAME_VERB + r"\s+(?:the\s+)?")
_BLAME_AFTER = re.compile(_BLAME_VERB)
_BLAME_REL = re.compile(r"\s*,\s*(?:which|whom|who)\s+")
_BLAME_ACT = re.compile(r"\s+(?:for|of)\s+(?:the\s+|an?\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,4}?"
                        r"(?P<act>attacks?|bombings?|massacres?|killings?|assaults?|raids?|"
                        r"ambush(?:es)?|blasts?|invasion|aggression|incursions?|shelling|strikes?)\b")
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
        claim = _claim(ctx, sentence, blamed, "attacks", target, polarity="affirmed", modality="alleged",
                       attribution=attribution, trigger=text[act.start("act"):act.end("act")],
                       rule="blame", confidence=0.55)
        yield claim, (act.start("act"), act.end("act"))


_AID_RELATIVE = re.compile(r"\b(?:weapons|arms|missiles|drones|rockets|money|funds|aid|ammunition|"
                           r"components|parts|technology|equipment|supplies)\s+(?:that|which)\s+$")
_AID_VERB = re.compile(r"\s+(?:has\s+|had\s+|have\s+)?(?:sends?|sent|suppli(?:es|ed)|ships?|shipped|"
                       r"deliver(?:s|ed)|provid(?:es|ed)|smuggl(?:es|ed)|gives?|gave)\s+(?:to\s+)?(?:the\s+)?")


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
                         trigger=text[a.end - base:b.start - base].strip(), rule="aid_relative", confidence=0.6)


_OBJECTLESS = re.compile(
    r"\b(?:(?P<talks>(?:is|are|was|were|be|been)\s+(?:now\s+|still\s+)?negotiating)|"
    r"(?:maintain\w*|keep|keeps|kept|deepen\w*|strengthen\w*|expand\w*)\s+"
    r"(?:(?:strong|stronger|close|closer|operational|military|tactical|their|its)\s+){0,3}"
    r"(?:cooperation|co-operation|coordination|ties|contacts))\b(?!\s+(?:with|between|among|to)\b)")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|across|inside|into|near|of|via)\s+(?:the\s+)?$", re.I)
_PARTY_KINDS = STATE_KINDS | {"armed_group"}


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
                         trigger=text[a.end - base:rule.end()].strip(), rule="under_rule", confidence=0.55)


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
    r"\s+(?:(?:does|do|did|would|will|could|cannot|must|should|can)\s+)?(?:not\s+)?"
    r"(?:to\s+)?escap(?:e|es|ed|ing)\s+(?:from\s+)?(?:the\s+)?(?:[\w'\u2019-]+\s+){0,2}?" + _OPERATION +
    r"\b")
_PREVENT = re.compile(
    r"\bprevent(?:s|ed|ing)?\s+(?:the\s+)?(?:reconstitution|regrouping|resurgence|re-?emergence|"
    r"revival|comeback)(?:\s+and\s+[\w-]+)?\s+of\s+(?:(?:[\w-]+\s+){0,2}(?:outfits|groups|"
    r"organi[sz]ations|networks|militias)\s*,?\s+(?:such\s+as|including|like)\s+)?(?:the\s+)?")
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
                             trigger=escape.group(0).strip(), rule="escape_operation", confidence=0.5)
            continue
        prevent = prevented.get(x.start - base)
        if prevent is not None:
            owner = next((y for y in reversed(mentions) if y.end - base <= prevent.start() and
                          ctx.kind_of(y) in forces and
                          re.match(r"\s+" + _OPERATION, text[y.end - base:])), None)
            if owner is not None:
                yield _claim(ctx, sentence, owner, "attacks", x, polarity="affirmed",
                             modality=_modality(text, prevent.start()), attribution=attribution,
                             trigger=prevent.group(0).strip(), rule="prevented_operation", confidence=0.5)


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
        title = re.search(r"\b(?P<dem>[A-Z][a-z]+)\s+" + ("$" if titled else _HEAD_OF_STATE + r"\s+$"),
                          text[:m.start - base])
        if not title:
            continue
        state_id = ctx.dictionary.state_of_demonym(title.group("dem"))
        if state_id is not None and (m.actor, state_id) not in said:
            state = Mention(base + title.start("dem"), base + title.end("dem"), title.group("dem"),
                            state_id, sentence.index, "demonym")
            yield _claim(ctx, sentence, m, "leads", state, polarity="affirmed", modality="asserted",
                         attribution=None, trigger=title.group(0).strip(), rule="head_of_state", confidence=0.6)


_JOINT_VERB = re.compile(
    r"\s+(?:fighters\s+|troops\s+|forces\s+|units\s+)?(?:have\s+|had\s+|jointly\s+)?(?:\w+ly\s+)?"
    r"(?:broke|break|breaks|captured|capture|recaptured|retook|seized|took(?!\s+advantage)|stormed|reached|entered|"
    r"advanced|launched|overran|cleared|besieged|encircled|recaptured)\b")


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


_RELATIONAL = re.compile(r"^(?:its|their)\s+(?:[A-Z][a-z]+\s+)?(?P<noun>allies|ally|partners?|comrades|"
                         r"counterparts|backers?|patrons?|sponsors?)$")


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
                     attribution=attribution, trigger=m.text, rule="relational_noun", confidence=0.55)


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


_NOMINAL = re.compile(r"\b(?:take\s*over|takeover|truce|ceasefire|alliance|talks|negotiations|"
                      r"cooperation|merger|support|backing)\b", re.I)
_QUOTED = re.compile(r"^\s*[\"\u201c]")
_DENIED_REPORT = re.compile(r"\b(?:den\w+|reject\w*|dismiss\w*)\s+(?:the\s+|an?\s+)?(?:claims?|reports?|"
                            r"allegations?|accusations?|charges?|suggestions?|announcements?|"
                            r"statements?|assertions?)\s+(?:by\s+[^,;]{3,60}?\s+)?that\b", re.I)
_DENIAL_TAIL = re.compile(
    r",\s+(?:a|an)\s+(?:charge|allegation|accusation|claim|assertion|link|connection|description|"
    r"characteri[sz]ation|label)s?\s+(?:that\s+|which\s+)?"
    r"(?P<who>(?:the\s+)?[\w\s'\u2019.-]{2,50}?)\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?"
    r"(?:rejects|rejected|denies|denied|dismisses|dismissed|disputes|disputed)\b", re.I)


def _claim(ctx: ClaimContext, sentence: Sentence, subj: Mention, relation: str, obj: Mention, *,
           polarity: str, modality: str, attribution: str | None, trigger: str, rule: str,
           confidence: float) -> Claim:
    confidence *= _MODALITY_WEIGHT[modality]
    if subj.method in ("coref", "speaker") or obj.method in ("coref", "speaker"):
        confidence *= 0.85
    if subj.provisional or obj.provisional:
        confidence *= 0.9
    return Claim(doc=ctx.doc, source=ctx.source, published=ctx.published,
                 sentence=sentence.text, start=sentence.start, end=sentence.end,
                 subject=_arg(subj), relation=relation, object=_arg(obj), polarity=polarity,
                 modality=modality, attribution=attribution, trigger=trigger,
                 rule=rule, extractor=EXTRACTOR, confidence=round(min(confidence, 0.99), 3))


_APPOS_ALLY = re.compile(r"^,\s+(?:a|an|the|its)\s+(?:(?:close|closest|key|main|old|"
                         r"long-?time|ideological|organi[sz]ational|staunch|loyal|and|"
                         r"trusted|strategic)\s+)*(?:ally|partner|affiliate)\b(?!\s+of)", re.I)


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
                                 trigger=m.group(0).strip(", "), rule="appositive_ally", confidence=0.6)


_CONJ = re.compile(
    r"^(?:\s*(?:(?:fighters|commanders|members|units|cadres|leaders|militants|elements)\s*|"
    r"['\u2019]s\s+(?:government|authorities|army|military|forces)\s*)?"
    r"(?:,|and|or|&|-|\u2013|/|as\s+well\s+as|along\s+with|plus)\s*)+(?:the\s+|its\s+|former\s+)?"
    r"(?:(?:a|one)\s+(?:faction|wing|branch|cell|unit)\s+of\s+(?:the\s+)?)?"
    r"(?:(?:fighters|members|militants|units|cadres|commanders)\s+(?:from|of)\s+(?:the\s+)?"
    r"(?:militant\s+|extremist\s+|jihadist\s+)?)?$", re.I)
_PAREN = re.compile(r"^\s*\($")
_BRIDGE_RIGHT = re.compile(
    r"^\s*(?:(?:the|its|their|a|an|of|to|on|with|for|against|some|all|"
    r"top|levels|senior|groups?|like|such|as|fighters?|units?|cadres|militants|"
    r"members|leaders|commanders|elements|of|rival|banned|outlawed|local|powerful|"
    r"(?:comrades|allies|rivals|enemies|positions|bases|strongholds|leadership|gatherings|"
    r"posts|camps|convoys|patrols|territory|areas)\s+(?:in|of)|former|new|"
    r"(?:north|south|east|west)(?:ern)?|central|deep|both|either|so-called|what\s+is\s+left\s+of|"
    r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds|several|many|"
    r"successive|senior|top|key|foreign|leading|(?:groups?|outfits|organi[sz]ations)\s+(?:like|such\s+as)|"
    r"(?:troopers|soldiers|policemen|personnel|officers|guards|members|fighters|mercenaries)\s+(?:of|from)|"
    r"cleric|preacher|jihadist|veteran|warlord|commander|militant|rebel|Malian|Nigerian|Somali|"
    r"help|assist|train|support|leader|chief|President|Prime\s+Minister|General|Sheikh|Mullah|"
    r"Syrian|Iraqi|Afghan|Pakistani|Yemeni|Libyan|Tuareg|Salafist|hardline|radical|"
    r"Kurdish|Shia|Shiite|Sunni|Islamist|Baloch|Pashtun|Arab|Palestinian|Lebanese|Houthi|"
    r"(?-i:[A-Z][a-z]+(?:ian|ean|ese|ish|i))|"
    r"such\s+as|including|much\s+of|most\s+of|some\s+of|"
    r"(?:other\s+)?(?:[a-z]+\s+)?(?:groups|brigades|factions|militias|organi[sz]ations|outfits|rebels|insurgents),?\s+(?:including|such\s+as|like)|(?:areas|positions|territory|towns|villages)\s+(?:held|controlled)\s+by|"
    r"[\"\u201c]?(?:terrorists|militants|fighters|members|cadres|commanders)[\"\u201d]?\s+"
    r"(?:from|of|belonging\s+to)|"
    r"internationally\s+recogni[sz]ed|[a-z]+ly|"
    r"(?:a|one)\s+(?:faction|wing|branch|cell|unit)\s+of|"
    r"militant|insurgent|Pakistan's|Afghan|affiliated|affiliates?|"
    r"(?:\w+-)?(?:based|linked)|[\w.]+-(?:backed|led|allied|supported|trained|funded|armed))\s+|[\u201c\u201d\"'])*$",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[;:]|\.\s|\bbut\b|\bwhile\b|\bwhereas\b|\bwhich\b|\bwho\b|\bafter\b|"
                           r"\b(?:al)?though\b|\byet\b|\bunlike\b|\bthat\b|"
                           r"\bbecause\b|\bwhen\b|\bif\b|\bunless\b|\b(?:since|before|until)\s+(?:a|an|the)\s", re.I)


def _groups(local: list[tuple[int, int, Mention]], text: str) -> list[list[tuple[int, int, Mention]]]:
    """Mentions joined by 'and' / commas form one argument group ("X, Y and Z")."""
    groups: list[list[tuple[int, int, Mention]]] = []
    joins: list[list[str]] = []
    for item in sorted(local, key=lambda x: x[0]):
        if groups and groups[-1][-1][0] == item[0] and groups[-1][-1][1] == item[1]:
            continue  # two readings of the same words ("US" as the state and as its forces)
        gap = text[groups[-1][-1][1]:item[0]] if groups else ""
        if groups and _PAREN.match(gap) and groups[-1][-1][2].actor == item[2].actor:
            continue  # "Islamic State (IS)": the acronym repeats the name
        if groups and _CONJ.match(gap):
            groups[-1].append(item)
            joins[-1].append(gap)
        else:
            groups.append([item])
            joins.append([])
    # a comma alone does not make a list ("assistance to the AFP, the US embassy said"):
    # only "A, B and C" does, except in a headline ("Pakistan, TTP extend ceasefire")
    headline = len(text) < 120 and not re.search(r"[.!?:;\"\u201d]\s*$", text) and \
        text.count(",") == 1
    out: list[list[tuple[int, int, Mention]]] = []
    for group, gaps in zip(groups, joins, strict=True):
        if gaps and not headline and not any(_LIST_WORD.search(g) for g in gaps):
            out.extend([item] for item in group)
        else:
            out.append(group)
    return out


_LIST_WORD = re.compile(r"\b(?:and|or|plus|as\s+well\s+as|along\s+with)\b|[-\u2013/&]", re.I)


def _arguments(pattern: Trigger, text: str, ts: int, te: int,
               groups: list[list[tuple[int, int, Mention]]], ctx: ClaimContext):
    left = _nearest_left(groups, text, ts, max_gap=pattern.near or 160, ctx=ctx)
    if left is None and pattern.relation in ("leads", "member_of"):
        left = _nearest_left(groups, text, ts, allow=_WHO_GAP)
    if left is None and pattern.relation not in ("leads", "member_of"):
        left = _led_by_head(groups, text, ts, ctx) or _role_relative_head(groups, text, ts)
    right = _nearest_right(groups, text, te, titled_person=pattern.relation == "attacks",
                           ctx=ctx)
    how = pattern.how
    if how in ("active", "ditransitive") and right is None and left is not None:
        right = _object_pronoun(groups, text, te, left, ctx)
    if how == "active" and right is None and pattern.relation == "attacks":
        used = re.match(r"\s+(?:an?\s+|the\s+)?(?:[\w'\u2019-]+\s+){1,7}?(?:used|run|held|occupied|manned|"
                        r"operated|controlled|housing)\s+by\s+(?:the\s+)?", text[te:])
        if used and not _CLAUSE_BREAK.search(used.group(0)):
            # "stormed an airfield used by Kenyan and US forces": the users are the target
            right = next((g for g in groups if g[0][0] == te + used.end()), None)
    if how == "active" and right is not None:
        owner = _possessive_subject(groups, text, ts, right, ctx)
        if owner is not None:
            left = owner  # "for years its support for the movement was an open secret"
        inside = [g for g in groups if ts <= g[0][0] and g[-1][1] <= te]
        if inside and re.match(r"pledg", text[ts:te], re.I):
            left = inside[0]  # "pledging the group's obedience to"
        agent = _by_agent(groups, text, right)
        if agent is not None and (left is None or _NOMINAL_TRIGGER.search(text[ts:te])):
            left = agent  # "the attempt to take over ISKP by the Haqqani Network"
    if how == "ditransitive":
        obj = _nearest_right(groups, text, te, max_gap=25) or right
        nearest = max((g for g in groups if g[-1][1] <= ts), key=lambda g: g[-1][1], default=None)
        apposed = nearest is not None and nearest is not left  # "ISKP, the branch of IS, regards"
        if left and obj and pattern.complement is not None and \
                ("," not in text[left[-1][1]:ts] or apposed) and \
                pattern.complement.match(text, obj[-1][1]):
            yield from _cross(left, obj)
    elif how == "active":
        product = _merger_product(groups, text, right, left) if \
            pattern.relation == "merged_with" and left and right else None
        if product is not None:
            # "X merged with Y and smaller factions to form Z": each merged into Z
            yield from _cross(left, product)
            yield from _cross(right, product)
        elif left and right:
            yield from _cross(left, right)
            formed = re.match(r"\s+and\s+(?:has\s+|have\s+)?formed\s+(?:an?\s+(?:new\s+)?(?:\w+\s+)?"
                              r"(?:group|organi[sz]ation|faction|movement)\s+(?:called|named|known\s+as)\s+)?"
                              r"(?:the\s+)?", text[right[-1][1]:])
            if formed and pattern.relation == "splinter_of":
                # "has broken away from the umbrella group and formed a new organisation
                # called Jamaat-ul-Ahrar": the new organisation is the splinter
                new = next((g for g in groups if g[0][0] == right[-1][1] + formed.end()), None)
                if new is not None:
                    yield from _cross(new, right)
            companion = re.match(r"(?:\s+\w+){0,3}?\s+(?:in\s+tandem\s+with|jointly\s+with|together\s+"
                                 r"with|alongside)\s+(?:the\s+)?", text[right[-1][1]:])
            if companion and pattern.relation == "attacks":
                # "ISKP cadres are attacking Kabul in tandem with the HQN group": both attack
                at = right[-1][1] + companion.end()
                partner = next((g for g in groups if g[0][0] == at), None)
                if partner is not None:
                    yield from _cross(partner, right)
        elif left and pattern.relation in _TRANSITIVE and \
                (antecedent := _object_relative(groups, text, left)) is not None:
            # "the Yemeni government, which the Houthis drove from the capital"
            yield from _cross(left, antecedent)
        elif left and pattern.relation in SYMMETRIC and len(_expand(left)) >= 2 and \
                not re.match(r"\s+(?:the|a|an|its|their|[A-Z])", text[te:te + 5]):
            # "A, B and C had already cooperated in attacks" (no object of its own)
            yield from _within(left)
    elif how == "of_leader":
        # "the Afghan Taliban of Mullah Omar"
        before = [item for g in groups for item in g if item[1] == ts - 1]
        after = [item for g in groups for item in g if item[0] == te + 1]
        if before and after and ctx.kind_of(after[0][2]) == "person" and \
                ctx.kind_of(before[0][2]) not in (None, "person"):
            yield after[0][2], before[0][2]
    elif how == "used_by":
        # "drones used by the Houthis against coalition ships"
        agent = _nearest_right(groups, text, te, max_gap=20)
        if agent:
            against = re.match(r"\s*(?:[^,;.]{0,30}?\s)?against\s+", text[agent[-1][1]:])
            if against:
                target = _nearest_right(groups, text, agent[-1][1] + against.end(), max_gap=30)
                if target:
                    yield from _cross(agent, target)
    elif how == "brokered":
        # "an Egyptian-brokered ceasefire between Israel and Islamic Jihad": the broker
        # negotiates with each party
        glued = [g for g in groups if g[-1][1] == ts]
        between = re.match(r"\s+(?:\w+\s+){0,2}?(?:ceasefire|cease-fire|truce|talks|deal|agreement|"
                           r"accord)\s+(?:between|with)\s+(?:the\s+)?", text[te:])
        sides = next((g for g in groups if between and g[0][0] == te + between.end()), None)
        if glued and sides:
            yield from _cross(glued[-1][-1:], sides)
    elif how == "guarantors":
        # "Cuba and Norway have acted as guarantors of the talks between Bogota and the rebels"
        if left and right:
            yield from _cross(left, right)
            yield from _within(right)
    elif how == "mediated":
        # "talks between Israel and Hamas, mediated by Egypt and Qatar": each mediator
        # negotiates with each party
        parties = [g for g in groups if g[-1][1] <= ts and len(_expand(g)) >= 2]
        mediators = _nearest_right(groups, text, te, max_gap=20)
        if parties and mediators:
            yield from _cross(mediators, parties[-1])
            if not re.search(r"\bbetween\s+(?:the\s+)?$", text[:parties[-1][0][0]]):
                # "A and B agreed to a truce while negotiations mediated by C continue"
                yield from _within(parties[-1])
    elif how == "appos":
        # "X, a faction of Y", "X is the armed wing of Y", "X, an alias of Y"
        if left and right and _APPOS_LINK.match(text[left[-1][1]:ts]):
            yield from _cross(left, right)
    elif how == "passive":
        product = _merger_product(groups, text, None, left) if \
            pattern.relation == "leads" and left and len(_expand(left)) >= 2 else None
        if product is not None and right:
            yield from _cross(right, product)  # "... when A and B merged under the leadership of X"
        elif left and right:
            persons = [item for item in right if ctx.kind_of(item[2]) == "person"]
            if pattern.relation == "leads" and persons:
                right = persons  # "headed by Hadi al-Amiri, and Kataib Hezbollah, which ..."
            yield from _cross(right, left)
        elif right and not left and not text[:ts].strip() and len(right) >= 2 and \
                re.fullmatch(r"\s*,\s*(?:the\s+)?", text[right[0][1]:right[1][0]]):
            yield from _cross(right[:1], right[1:])  # "Backed by ISI, Haqqani Network is ..."
        elif right and not left and not text[:ts].strip():
            # fronted: "Backed by ISI, Haqqani Network is making a move"
            following = [g for g in groups if g[0][0] >= right[-1][1] and
                         re.fullmatch(r"\s*\)?\s*,\s*(?:the\s+)?", text[right[-1][1]:g[0][0]])]
            if following:
                yield from _cross(right, following[0])
        elif right and not left and re.search(r"\bat\s+(?:its|their)\s+disposal\b", text[ts:te]):
            # "the sanctuaries at its disposal in Afghanistan under the Taliban regime": the
            # holder is the group the possessive refers to, the last one named before
            holder = next((g for g in reversed(groups) if g[-1][1] <= ts and
                           ctx.kind_of(g[-1][2]) in ("armed_group", None)), None)
            if holder is not None:
                yield from _cross(right, holder[-1:])
    elif how == "adjective":
        # "ISI-backed Haqqani Network": the actor glued before the hyphen backs the one after
        glued = [g for g in groups if g[-1][1] == ts]
        if glued:
            index = next(i for i, g in enumerate(groups) if g is glued[-1])
            described = groups[index - 1] if index and re.fullmatch(
                r"\s*,\s*(?:the|a|an|another)\s+(?:[a-z]+\s+){0,2}", text[groups[index - 1][-1][1]:glued[-1][0][0]]) \
                else None  # "the SDF, the US-backed alliance"
            backed = described or _nearest_right(groups, text, te, max_gap=40)
            if backed:
                yield from _cross(glued[-1][-1:], backed[:1])
    elif how == "between":
        if right and len(_expand(right)) >= 2:
            yield from _within(right)
        elif right and left and len(_expand(right)) == 1:
            yield from _cross(left, right)
    elif how == "mediated_between":
        if right and len(_expand(right)) >= 2:
            yield from _within(right)
            if left:
                yield from _cross(left, right)
    elif how == "reciprocal" and pattern.relation == "attacks":
        if left and len(_expand(left)) >= 2:
            # "Indian and Pakistani troops were exchanging artillery fire": each at the other
            for a, b in _within(left):
                yield a, b
                yield b, a
    elif how == "reciprocal":
        if left and not right or left and len(_expand(left)) >= 2:
            product = _merger_product(groups, text, None, left, te) if \
                pattern.relation == "merged_with" else None
            if product is not None:
                yield from _cross(left, product)  # "JNIM was formed when A, B and C merged"
            elif len(_expand(left)) >= 2:
                yield from _within(left)
    elif how == "role":
        yield from _role(pattern, text, ts, te, groups, ctx)
    elif how == "possessive":
        # "the Islamic State of Iraq, al-Qaeda's affiliate in Iraq", "the Nusra Front, which
        # he recognised as al-Qaeda's official affiliate": the head belongs to the owner
        owners = [g for g in groups if g[-1][1] == ts]
        if owners:
            index = next(i for i, g in enumerate(groups) if g is owners[0])
            head = groups[index - 1] if index else None
            follower = next((g for g in groups if re.fullmatch(r"\s+", text[te:g[0][0]])), None)
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


_FORMED_WHEN = re.compile(r"\s+was\s+(?:formed|created|founded|born|set\s+up)\b[^;]{0,40}?,?\s+when\s+$")
_TO_FORM = re.compile(r"(?:\s+and\s+(?:several\s+|other\s+|a\s+few\s+)?(?:[\w-]+\s+){0,2}?(?:factions|groups|"
                      r"brigades|militias))?\s*,?\s+(?:(?:in\s+\d{4}|last\s+year)\s+)?(?:to\s+form|into|"
                      r"under\s+the\s+name(?:\s+of)?|forming)\s+(?:the\s+|a\s+new\s+(?:\w+\s+)?(?:called|"
                      r"named)\s+)?$")


def _merger_product(groups, text: str, right, members, te: int | None = None):
    """The organisation a merger formed: "... to form Z", "Z was formed when A and B merged",
    "The group ... was formed when A, B and C merged into a single movement"."""
    after = right[-1][1] if right else te
    if after is not None:
        for g in groups:
            if g[0][0] >= after and _TO_FORM.fullmatch(text[after:g[0][0]]):
                return g
        if re.match(r"\s+into\s+(?:a|one)\s+(?:single|new|unified|joint)\s+(?:[\w-]+\s+)?(?:movement|group|"
                    r"organi[sz]ation|coalition|front|alliance|entity)\b", text[after:]) and \
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
            r"\s+(?:[\w-]+\s+){0,2}?(?:commander|leader|chief|member|official|militant|figure|"
            r"operative|founder|emir|spokesman|ideologue|cleric)\s+(?:who|that)\s+(?:[\w-]+\s+)?",
            text[before[-1][-1][1]:ts]):
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
    m = re.match(r"\s+(?:on\s+|against\s+)?(it|them|(?:its|their)\s+(?:own\s+)?(?:fighters|positions|"
                 r"bases|strongholds|commanders|leaders|leadership|members|militants|ranks|camps|"
                 r"hideouts))\b", text[te:])
    if not m:
        return None
    for group in reversed(groups):
        if group is subject or group[-1][1] > te:
            continue
        item = group[-1]
        if ctx.kind_of(item[2]) != "armed_group" or \
                (m.group(1) == "it" and item[2].actor.startswith("pair:")):
            continue
        start, end = te + m.start(1), te + m.end(1)
        shift = item[2].start - item[0]
        return [(start, end, Mention(start + shift, end + shift, m.group(1), item[2].actor,
                                     item[2].sentence, "coref", item[2].provisional))]
    return None


_NO_MORE_THAN = r"(?:little\s+more|nothing\s+(?:more|other))\s+than\s+"  # "is little more than"
_POSSESSIVE_LINK = re.compile(
    r"^(?:\s*\([^()]{1,30}\))?\s*(?:,\s*(?:now\s+|then\s+)?|\s+(?:is|was|are|were)\s+" + _NO_MORE_THAN + r"|(?:\s+(?:emerged|began|started|was\s+"
    r"(?:set\s+up|founded|formed|created)))?\s+(?:in\s+\d{4}\s+)?as\s+|\s+(?:is|was|became|remains|as)\s+(?:now\s+|still\s+)?|"
    r",\s*which\s+(?:\w+\s+){1,3}?(?:as|to\s+be)\s+|\s+(?:is|was|are|were)\s+(?:\w+ly\s+)?"
    r"(?:described|seen|regarded|known|identified|named)\s+as\s+)(?:the\s+|an?\s+)?$", re.I)
_POSSESSIVE_APPOSED = re.compile(
    r"^(?:\s*\([^()]{1,30}\))?\s*,[^,;]{1,80},\s*(?:is|was|are|were|remains|became)\s+(?:" + _NO_MORE_THAN +
    r"|now\s+|still\s+|effectively\s+)?(?:the\s+|an?\s+)?$")
_APPOS_LINK = re.compile(r"^\s*[\"\u201c]?\s*(?:,|\(|\bis\b|\bwas\b|\bare\b|\bwere\b|\bas\b|\bbecame\b|"
                         r"\bremains\b|\bbeing\b|,?\s*(?:saying|said)\s+(?:it|they)\s+(?:is|was|are))?"
                         r"\s*(?:not\s+|no\s+longer\s+|now\s+|still\s+|also\s+|effectively\s+|"
                         r"in\s+effect\s+)?$", re.I)
_WHO_GAP = re.compile(r"^\s*,?\s*(?:(?:the|a|an)\s+(?:[\w-]+\s+){0,4})?(?:who|which)\s+"
                      r"(?:[\w-]+\s+(?:and\s+)?)?(?:now\s+|also\s+|once\s+|still\s+)?$", re.I)
_RELATIVE = re.compile(r"^\s*,\s*(?:which|who|that|whose)\s+(?:(?:they|he|she|officials|it)\s+"
                       r"(?:\w+\s+){0,2}?)?", re.I)
_BARE_RELATIVE = re.compile(r"^(?:\s+\w+)?\s+(?:that|which|who)\s+[^,;:]{3,60}?\s+(?:are|is|were|was|have|"
                            r"has|had)\s+(?:now\s+|also\s+|still\s+|since\s+)?$", re.I)
_SHARED_SUBJECT = re.compile(r"^(?:\s+in\s+\d{4}|\s+[a-z]+|\s+(?:in|since|during|until|by|for|over)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?[\w-]+)?\s*,?\s*(?:but|and)\s+(?:would|will|has|have|had|is|was|are|were|did|does|"
                             r"could|may|might|also|then|not|now|later)\b[^,;:]*$", re.I)


def _nearest_left(groups, text: str, ts: int, max_gap: int = 160,
                  allow: re.Pattern[str] | None = None, ctx: ClaimContext | None = None):
    for group in reversed(groups):
        end = group[-1][1]
        if end <= ts:
            gap = text[end:ts]
            if allow is not None:
                return group if allow.match(gap) else None
            if re.fullmatch(r"\s*,\s*", gap) and allow is None and \
                    not re.match(r"(?:the|a|an|its|their|one)\s|\w+\s+(?:\w+\s+)?by\b", text[ts:ts + 40]) \
                    and re.search(
                    r"\b(?:from|against|with|into|on|at|to)\s+(?:the\s+)?$",
                    text[max(0, group[0][0] - 12):group[0][0]]):
                opening = text.rfind(",", 0, group[0][0])
                earlier = [g for g in groups if g[-1][1] <= opening] if opening >= 0 else []
                if earlier and re.fullmatch(r"\s*", text[earlier[-1][-1][1]:opening]) and \
                        re.match(r",\s*(?:with|without|backed|helped|aided|along)\b", text[opening:]):
                    return earlier[-1]  # "Al-Shabaab, with help from Eritrea, attacked the AU"
                return None  # "broke away from AQIM, declared loyalty to IS": AQIM is an object
            if re.fullmatch(r"\s*,?\s+(?:or|and)\s+", gap) and allow is None:
                either = text.rfind(" either ", 0, group[0][0])
                if either >= 0:
                    # "offensives have either ignored the Haqqanis ..., or allowed them to"
                    return _nearest_left(groups, text, either, max_gap=max_gap,
                                         ctx=ctx)
                return None  # "expels the TTP or prevents it from": the TTP is an object
            if re.fullmatch(r"\s*,\s*(?:a|an|the|another)\s+(?:[\w'\u2019-]+\s+){0,5}?(?:that|which|who)\s+"
                            r"(?:(?:has|have|had|also|once|later|then)\s+)?", gap):
                return group  # "BIFF, a hardline faction that broke away from the MILF"
            if re.fullmatch(r"\s*,\s*(?:a|an|the|another)\s[^;]{1,120}?,\s*(?:(?:has|have|had|is|was|were|are|"
                            r"will|would|also|later|then|long)\s+)*", gap):
                return group  # "Droukdel, an Algerian explosives specialist who ..., had commanded"
            if re.match(r",\s*saying\s+(?:it|they)\s", gap):
                # "Hezbollah began firing ..., saying it was acting in support of Hamas"
                first = groups[0]
                return first if not text[:first[0][0]].strip() else None
            relative = _RELATIVE.match(gap)
            if len(gap) <= max_gap and relative and \
                    not _CLAUSE_BREAK.search(gap[relative.end():]):
                # "Abu Sayyaf, which split from the MNLF"; past an appositive
                # ("X and Y, deputy leader of Z, who are launching attacks") to its head
                return _appositive_head(groups, group, text, ", ") or group
            if re.fullmatch(r"\s+(?:fighters|units|members|commanders|militants)?\s*(?:that|which|who)\s+"
                            r"(?:once|also|still|now|had|have|has|jointly)?\s*", gap) and not (
                    ctx is not None and ctx.kind_of(group[0][2]) == "person"):
                return group  # "Nusra fighters and ISIS units that once shared checkpoints"
            if len(gap) <= max_gap and _BARE_RELATIVE.match(gap):
                return group  # "Nusra fighters and ISIS units that once shared checkpoints are now"
            if len(gap) <= max_gap and _SHARED_SUBJECT.match(gap):
                # "X would keep attacking A but would not fight B": X is the subject
                if re.search(r"\b(?:calls?\s+itself|known\s+as|called|named)\s+(?:the\s+)?$",
                             text[:group[0][0]]):
                    return group  # "which calls itself the Segunda Marquetalia and is led by"
                first = groups[0]
                if first is not group and re.fullmatch(r"\s*(?:the\s+)?", text[:first[0][0]], re.I) \
                        and re.match(r"\s+(?:is|was|has|have|had|are|were)\b", text[first[-1][1]:]):
                    return first  # "Hurras al-Din is led by X, a veteran ..., and has pledged"
                return _nearest_left(groups, text, group[0][0], max_gap=max_gap, ctx=ctx)
            head = _appositive_head(groups, group, text, gap)
            if head is not None:
                return head
            if re.match(r"[^,;()]{0,40}?(?:\s*\([^()]{1,30}\))?\s*,\s*(?:has|have|had|is|are|was|were|will|would|"
                        r"[a-z]+ed)\b", gap):
                # "ISGS, which propaganda presents as part of ISWAP, has become": the
                # subject is what the relative clause is about
                antecedent = _relative_antecedent(groups, group, text)
                if antecedent is not None:
                    return antecedent
            if len(gap) <= max_gap and re.search(r"\b(?:in|inside|across|throughout)\s+$",
                                                 text[max(0, group[0][0] - 8):group[0][0]]) \
                    and ctx is not None and ctx.kind_of(group[-1][2]) == "state":
                continue  # "ISWAP's leadership in Nigeria has": a place, not the subject
            if len(gap) > max_gap or _CLAUSE_BREAK.search(gap):
                return None
            if _OBJECT_OF_VERB.search(text[max(0, group[0][0] - 30):group[0][0]]) and \
                    group is not groups[0] and not re.fullmatch(r"\s*,\s*(?:the|a|an)\s+[^,]*", gap):
                continue  # "ISKP cadres attack Kabul in tandem with HQN": Kabul is an object
            if _POSSESSOR.match(gap):
                continue  # "Mullah Omar's followers may regroup": the followers act
            if _MODIFIER_NOUN.match(gap):
                continue  # "which Islamic State propaganda presents as": the propaganda acts
            return group
    return None


def _relative_antecedent(groups, group, text: str):
    openings = list(re.finditer(r",\s*(?:which|who|whom|whose|as)\b", text[:group[0][0]]))
    opening = openings[-1] if openings else None
    if opening is None or re.search(r"[;,]", text[opening.end():group[0][0]]):
        return None
    before = [g for g in groups if g[-1][1] <= opening.start()]
    if before and re.fullmatch(r"\s*", text[before[-1][-1][1]:opening.start()]):
        return before[-1]
    if not before:
        # "The new group, which calls itself the Segunda Marquetalia and is led by ..., is"
        named = re.match(r",\s*which\s+(?:now\s+)?(?:calls?\s+itself|is\s+known\s+as|is\s+called)\s+",
                         text[opening.start():])
        inside = [g for g in groups if g[0][0] >= opening.start()]
        if named and inside and inside[0][0][0] == opening.start() + named.end() + \
                (4 if text[opening.start() + named.end():].startswith("the ") else 0):
            return inside[0]
    return None


def _appositive_head(groups, group, text: str, gap: str):
    """'Baitullah Mehsud, the TTP chief based in X, has threatened ...': the subject is the
    head before the appositive (or relative clause), not the actor inside it."""
    if "," not in gap or _CLAUSE_BREAK.search(gap.split(",", 1)[1]):
        return None
    opening = re.search(r",\s*(?:(?:the|a|an|its|which|who|led|backed|based|known|founded|headed|"
                        r"indicted|accused|wanted|sanctioned|designated|blamed|"
                        r"supported|funded|armed|[Dd]eputy|[Ll]eader|[Cc]hief|[Hh]ead|"
                        r"[Cc]ommander|[Ff]ounder)\b[^,]*)?$", text[:group[0][0]])
    if not opening:
        return None
    index = next(i for i, g in enumerate(groups) if g is group)
    if index == 0:
        return None
    head = groups[index - 1]
    if head[-1][1] <= opening.start() and re.fullmatch(r"\s*", text[head[-1][1]:opening.start()]):
        return head
    return None


_MODIFIER_NOUN = re.compile(r"^\s+(?:propaganda|media|newsletter|newspaper|statement|video|magazine|"
                            r"outlet|channel|website|officials?|spokes(?:man|woman|person)|"
                            r"sources|supporters)\b", re.I)
_POSSESSOR = re.compile(r"^['\u2019]s\s+(?:followers|supporters|men|loyalists|forces|fighters|"
                        r"allies|government|officials|rivals|enemies)\b")
_OBJECT_OF_VERB = re.compile(
    r"(?<!-)\b(?:attack\w*|target\w*|strik\w+|struck|bomb\w*|fight\w*|fought|back\w*|"
    r"support\w*|fund\w*|arm\w*|against|on|at|into|inside|across)\s+(?:the\s+)?$", re.I)


def _nearest_right(groups, text: str, te: int, max_gap: int = 60, *, titled_person: bool = False,
                   ctx: ClaimContext | None = None):
    for group in groups:
        start = group[0][0]
        if start >= te and re.match(r"-[a-z]", text[group[-1][1]:group[-1][1] + 2]):
            continue  # "US-backed efforts": the actor only modifies a noun
        if start >= te:
            gap = text[te:start]
            if len(gap) > max_gap or _CLAUSE_BREAK.search(gap):
                return None
            if not _BRIDGE_RIGHT.match(gap):
                return None
            owned = next((g for g in groups if re.fullmatch(r"['\u2019]s\s+", text[group[-1][1]:g[0][0]])),
                         None)
            if owned is not None and len(group) == 1 and ctx is not None and \
                    ctx.kind_of(group[0][2]) == "person":
                return owned  # "pursued Joseph Kony's Lord's Resistance Army"
            titled = re.match(r"['\u2019]?s?\s+(?:(?:deputy|former|top|senior|military|supreme)\s+)?"
                              r"(?:leader|chief|commander|founder|emir|head|spokesman)\s+", text[group[-1][1]:])
            if titled and titled_person and len(group) == 1:
                # "killed al-Qaeda leader Ayman al-Zawahiri": the person is the object
                person = next((g for g in groups if g[0][0] == group[-1][1] + titled.end()), None)
                if person is not None:
                    return person
            return group
    return None


def _expand(group) -> list[Mention]:
    """Argument mentions of a group; a 'the two groups' reference stands for two actors."""
    out: list[Mention] = []
    for _, _, m in group:
        if m.actor.startswith("pair:"):
            for actor in m.actor[5:].split("|"):
                out.append(Mention(m.start, m.end, m.text, actor, m.sentence, "coref"))
        else:
            out.append(m)
    return out


def _cross(subjects, objects):
    for s in _expand(subjects):
        for o in _expand(objects):
            if s.actor != o.actor:
                yield s, o


def _within(group):
    ms = _expand(group)
    for i, a in enumerate(ms):
        for b in ms[i + 1:]:
            if a.actor != b.actor:
                yield a, b


_ADJS = r"(?:(?:[a-z][\w-]*|[A-Z][a-z]+)\s+){0,3}?"
_POSS_GAP = re.compile(r"^\s*(?:'s|\u2019s|'|\u2019)?\s*" + _ADJS + r"$")
_APPOS_GAP = re.compile(r"^\s*(?:,|\s(?:serves|served|acts|acted)\s+as)\s*(?:who\s+(?:is|was|had\s+been|has\s+been)\s+(?:also\s+|now\s+|still\s+|once\s+)?)?"
                        r"(?:(?:the|a|an|its|their|his)\s+)?" + _ADJS + r"$")


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


def _type_check(relation: str, subj: Mention, obj: Mention, ctx: ClaimContext) -> str | None:
    """The relation the trigger's words mean for actors of these kinds, or None if the kinds
    cannot hold it (``args`` in relations.yaml)."""
    sk, ok = ctx.kind_of(subj), ctx.kind_of(obj)
    if relation == "leads" and sk != "person" and ok != "person":
        return "controls"  # "Tehran commands the Houthis"
    if relation == "member_of" and sk == "armed_group" and ok == "armed_group":
        return "part_of"  # "Nujaba, another member of the umbrella group"
    if relation == "part_of" and sk == "person" and ok not in (None, "person"):
        return "member_of"  # a person pledging allegiance joins the group
    if relation == "cooperates_with" and sk == "person" and ok != "person":
        return "member_of"  # "Farooqi, with links to LeT"
    if not VOCABULARY.admits(relation, sk, ok):
        return None
    if relation == "fights" and (sk in STATE_KINDS or ok in STATE_KINDS):
        return "attacks"
    if relation == "attacks" and sk == "armed_group" and ok == "armed_group":
        return "fights"  # violence between two non-state groups is fighting between them
    return relation


def _polarity(text: str, pattern: Trigger, ts: int, te: int) -> str:
    if pattern.id == "supports.tolerance" or re.match(r"made\s+no\s+", text[ts:te]):
        return "affirmed"
    before = text[max(0, ts - 40):ts]
    # negation right before the trigger: "did not target", "no fighting", "never backed"
    if re.search(r"(?:\b(?:not|never|no|neither|nor|no\s+longer|avoid(?:ed|s|ing)?|stop(?:ped|s)?|"
                 r"cease[ds]?|ceasing|end(?:ed|s)?|halt(?:ed|s)?|refrain(?:ed|s)?\s+from|"
                 r"suspend(?:ed|s|ing)?|call(?:ed|s|ing)?\s+off|rul(?:ed|es|ing)\s+out|"
                 r"(?:broke|break|breaking|broken)\s+off|pull(?:ed|s|ing)?\s+out\s+of|"
                 r"walk(?:ed|s|ing)?\s+out\s+of|abandon(?:ed|s|ing)?|scrap(?:ped|s|ping)?|"
                 r"refus(?:e|es|ed|ing)\s+to|declin(?:e|es|ed|ing)\s+to)\s+"
                 r"(?:\w+\s+){0,3})$|n't\s+(?:\w+\s+){0,3}$", before, re.I):
        return "negated"
    if re.search(r"\b(?:denied|denies|deny|denying|rejected)\s+(?:\w+\s+){0,3}$", before, re.I):
        return "negated"
    # "prevents it from using Afghan territory for carrying out attacks", "stop them from"
    if re.search(r"\b(?:prevent|stop|keep|bar|deter|restrain)(?:s|ed|ped|ing|ping)?\s+"
                 r"(?:[\w'\u2019-]+\s+){1,3}?from\s+(?:[\w'\u2019-]+\s+){0,6}$",
                 text[max(0, ts - 100):ts], re.I):
        return "negated"
    # "has little direct control over"
    if re.search(r"\b(?:little|scant|hardly\s+any)\s+(?:real\s+|direct\s+|operational\s+|actual\s+)?$",
                 before, re.I) and re.match(r"(?:control|influence|contact|coordination|support)",
                                            text[ts:te], re.I):
        return "negated"
    # "have not received ... evidence ... showing it has targeted", "no proof that"
    if re.search(r"\b(?:no|not\b[^.;]{0,40}?|without|lack\s+of)\s+(?:\w+\s+){0,4}?"
                 r"(?:evidence|proof|sign|indication|confirmation)s?\b[^.;]{0,80}$",
                 text[:ts], re.I):
        return "negated"
    return "affirmed"


_CLAUSE_START = re.compile(r"[;]|,\s*(?:and|but)\s+(?:instead\s+)?|\binstead\b|\bwhereas\b|"
                           r",\s*(?:which|who)\b|,\s*(?=(?:has|have|had|is|are|was|were)\s)|,\s+(?=(?:pledges|vows|says|denies|rejects|joins|"
                           r"claims|warns|calls|seeks|agrees|accuses|backs|welcomes)\b)", re.I)
_HEDGED_NOUN = re.compile(r"\b(?P<cue>reported|alleged|suspected|purported|rumou?red|possible|"
                          r"planned|proposed)\s+$", re.I)
_HEDGE_OF = {"reported": "reported", "alleged": "alleged", "suspected": "believed",
             "purported": "alleged", "rumoured": "reported", "rumored": "reported",
             "possible": "possible", "planned": "desired", "proposed": "desired"}


_REPORT_TAIL = re.compile(
    r"(?:,|[\"\u201d])\s*[^,]{0,70}?\b(?:said|says|say|told|reported|added|noted|according\s+to)"
    r"\b(?:[^,]*,[^,]*)?[^,]*$", re.I)
# "a truce between X and Y could be agreed" hedges the truce; "the Taliban's takeover of
# Afghanistan could galvanise the insurgency" takes the takeover as given
_MODAL_AFTER = re.compile(r"^[^,;]{0,70}?\b(?:could|may|might)\s+(?:soon\s+|yet\s+|still\s+|also\s+)?"
                          r"(?:be|become|happen|take\s+place|occur|emerge|materiali[sz]e|come|"
                          r"follow|resume|start|begin|collapse|hold)\b", re.I)


def _modality(text: str, ts: int, te: int | None = None, *, tail: bool = True) -> str:
    """The hedge that scopes over the trigger: cues before it in its clause, a reporting
    frame around it ("X said ...", "..., officials said"), or a modal verb after a noun
    phrase trigger ("a truce between X and Y could be agreed")."""
    clause = 0
    for b in _CLAUSE_START.finditer(text):
        if b.end() <= ts:  # not finditer(text, 0, ts): its lookahead must see the trigger
            clause = b.end()
    hedged = _HEDGED_NOUN.search(text[max(0, ts - 12):ts])
    if hedged:
        return _HEDGE_OF[hedged.group("cue").lower()]  # "the reported alliance between"
    if _MODALITY_CUES[0][1].match(text, ts):
        return "denied"  # the trigger itself denies: "denied any links with"
    report_tail = _REPORT_TAIL.search(text, ts) if tail else None
    # hedges before the trigger in its clause: a denial wins, else the outermost hedge
    # ("may try to regroup" is possible, "wants X to ... could" is desired)
    found: list[tuple[int, str]] = []
    for modality, cue in _MODALITY_CUES:
        if modality == "reported":
            continue
        for m in cue.finditer(text, clause, ts):
            if modality == "denied" and _DENIAL_TAIL.search(text[:ts + 1]):
                continue
            found.append((m.start(), modality))
            break
    if any(mod == "denied" for _, mod in found):
        return "denied"
    if found:
        return min(found)[1]
    if te is not None and _MODAL_AFTER.match(text[te:]):
        return "possible"
    reported = _MODALITY_CUES[-1][1]
    # "Angola, which has mediated between Kinshasa and Kigali since 2022, said ...": the
    # relative clause is the article's background, not what Angola said
    relative = re.search(r",\s*(?:which|who)\s[^,;]*$", text[:ts])
    closing = text.find(",", ts) if relative else -1
    background = closing >= 0 and re.match(r"[^,;]{0,60}\b(?:said|says|say|told|added)\b",
                                            text[closing + 1:]) is not None
    # "Boko Haram, which officials describe as a spent force, has become the main target
    # of ...": the hedge stays inside its closed relative clause
    closed = [(r.start(), r.end()) for r in re.finditer(r",\s*(?:which|who|whom)\s[^,;]*,", text[:ts])]
    for m in reported.finditer(text):
        if background and m.start() > closing or any(a < m.start() < b for a, b in closed):
            continue
        if m.start() < ts or (report_tail and m.start() >= report_tail.start()):
            return "reported"
    if _QUOTED.match(text):
        return "reported"  # quoted speech; the speaker is named around it
    return "asserted"


def _attribution(text: str) -> str | None:
    for pattern in _ATTRIBUTION:
        m = pattern.search(text)
        if m:
            who = m.group("who").strip(" ,\u201c\u201d\"")
            if 3 <= len(who) <= 90:
                return who
    return None


def _arg(m: Mention) -> Argument:
    return Argument(m.actor, m.text, m.start, m.end, m.provisional)
