"""The claims of one sentence: its triggers, each given the arguments its shape finds,
then the constructions."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Claim, Mention, Sentence
from .claims import ClaimContext, _claim, _type_check
from .constructions import View, run_constructions
from .modality import (
    _DENIAL_TAIL,
    _DENIED_REPORT,
    _NOMINAL,
    _QUOTED,
    _attribution,
    _modality,
    _polarity,
)
from .shapes import _arguments
from .spans import _groups, _lower
from .triggers import Trigger, triggers


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


def _sentence_claims(sentence: Sentence, mentions: list[Mention], ctx: ClaimContext,
                     triggers: list[tuple[int, int, int, Trigger]]) -> Iterable[Claim]:
    text = sentence.text
    base = sentence.start
    local = [(m.start - base, m.end - base, m) for m in mentions]
    view = View(sentence, mentions, ctx, _groups(local, text), _attribution(text))
    # the longest trigger wins where two overlap ("front attacks for" over "attacks"), then
    # the trigger of higher priority
    triggers.sort(key=lambda x: (-(x[1] - x[0]), x[2]))
    view.claims.extend(run_constructions(view, before_triggers=True))
    for ts, te, _, pattern in triggers:
        if any(s < te and ts < e for s, e in view.used):
            continue  # a longer or more specific trigger already claimed these words
        if pattern.how not in ("adjective", "brokered") and any(s <= ts < e for s, e, _ in local):
            continue  # the trigger is inside an actor's name ("Islamic Front")
        pairs = list(_arguments(pattern, text, ts, te, view.groups, ctx))
        if pairs:
            view.used.append((ts, te))
            view.claims.extend(_trigger_claims(view, pattern, ts, te, pairs))
    yield from view.claims
    yield from run_constructions(view, before_triggers=False)


def _trigger_claims(view: View, pattern: Trigger, ts: int, te: int,
                    pairs: list[tuple[Mention, Mention]]) -> Iterable[Claim]:
    """The claims a trigger's words make of the argument pairs its shape found."""
    sentence, ctx, text = view.sentence, view.ctx, view.sentence.text
    polarity = pattern.polarity or _polarity(text, pattern, ts, te)
    # an apposition ("ISKP leader Aslam Farooqi", "Katiba Macina, the central unit of
    # JNIM") is the article's own background fact
    appositive = _appositive(pattern, text, ts)
    if appositive:
        polarity = "affirmed"  # "the Haqqani network, an Afghan Taliban faction,"
    modality = "asserted" if pattern.how == "role" or appositive or _background_leader(
        pattern, text, ts) else _modality(
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
    words = text[ts:te].strip()
    for subj, obj in pairs:
        typed = _typed(view, pattern, subj, obj, words)
        if typed is None:
            continue
        subj, relation = typed
        mod = modality
        if polarity == "negated" and mod == "reported" and subj.method == "speaker":
            mod = "denied"  # "The Lebanese government said it did not endorse ..."
        yield _claim(ctx, sentence, subj, relation, obj, polarity=polarity, modality=mod,
                     attribution=view.attribution, trigger=words, rule=pattern.id,
                     confidence=pattern.confidence)
        if denied_report:
            # "reject claims that Tehran commands the Houthis": the claim, and its denial
            yield _claim(ctx, sentence, subj, relation, obj, polarity="affirmed",
                         modality="alleged", attribution=view.attribution, trigger=words,
                         rule=pattern.id, confidence=pattern.confidence)
        if denial_tail and polarity == "affirmed" and not appositive and (
                denial_tail.group("who") or mod in ("alleged", "believed", "reported")):
            # "accused Venezuela of sheltering the ELN, a charge Caracas rejects"; and, of an
            # accusation only, "accuse FARDC officers of arming it, which the army denies"
            who = next(w for w in denial_tail.group("who", "who2") if w)
            yield _claim(ctx, sentence, subj, relation, obj, polarity="negated",
                         modality="denied", attribution=who.strip(),
                         trigger=denial_tail.group(0).strip(", "), rule=pattern.id,
                         confidence=pattern.confidence)


def _typed(view: View, pattern: Trigger, subj: Mention, obj: Mention, words: str
           ) -> tuple[Mention, str] | None:
    """The subject and relation the trigger's relation becomes for these actors, or None."""
    ctx = view.ctx
    relation = _type_check(pattern.relation, subj, obj, ctx)
    if relation is None or (pattern.objects and ctx.kind_of(obj) != pattern.objects):
        return None
    if relation == "member_of" and pattern.relation == "part_of":
        led = ctx.dictionary.led_group(subj.actor)
        group = next((m for m in view.mentions if m.actor == led), None)
        if group is not None:
            # "the name Boko Haram adopted after Shekau pledged allegiance to IS":
            # the leader pledges on his group's behalf
            subj, relation = group, "part_of"
    if relation == "controls" and pattern.relation == "leads" and re.search(
            r"found|launch|creat|establish|set\s+up", words, re.I):
        return None  # a group "founded by" another group is not controlled by it
    return subj, relation


_NOUN_HEDGE = re.compile(r"\b(?:allegations?|accusations?|reports?|claims?)\s+(?:of|that)\b",
                         re.I)


def _background_leader(pattern: Trigger, text: str, ts: int) -> bool:
    """'allegations of abuse by members of the "Sparta" battalion, commanded by Arsen
    Pavlov': a leader given between commas after a group named inside an allegation (a
    report, a claim) of something else is the article's background, not what is alleged."""
    return pattern.relation == "leads" and pattern.how == "passive" and \
        re.search(r"[\w\"\u201d)],\s+$", text[:ts]) is not None and \
        _NOUN_HEDGE.search(text, 0, ts) is not None


def _appositive(pattern: Trigger, text: str, ts: int) -> bool:
    """An apposition ("ISKP leader Aslam Farooqi", "Katiba Macina, the central unit of
    JNIM") states the article's own background fact."""
    before = text[:ts]
    if pattern.how == "appos" and re.search(r"\w[\w)]*\s*,\s*(?:the\s+|an?\s+|its\s+)?$",
                                            text[max(0, ts - 30):ts]):
        return True
    if pattern.how == "possessive" and re.search(
            r",\s*(?![^,]*\b(?:is|was|are|were|as|than)\b)[^,\s][^,]{0,40}$", before):
        return True
    if pattern.relation in ("leads", "member_of") and re.search(
            r",\s+(?:the|a|an)\s+[^,]{0,40}\bwho\s+$", before):
        return True  # ", the cleric who leads"
    return pattern.relation == "leads" and pattern.how == "passive" and re.search(
        r",\s+(?:the|an?)\s+(?:[\w-]+\s+){0,3}$", before) is not None  # ", the group founded by"
