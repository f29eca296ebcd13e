"""An armed group's own account of its attack: "al-Shabaab said its fighters had killed
dozens of Somali soldiers", "the Islamic Resistance in Iraq has claimed more than 200
attacks on Israel". The annotation guidelines count a claim of responsibility by the
attacker as asserted, not reported: the speaker is the party that acted."""

from __future__ import annotations

import re

from ..actors import Dictionary
from ..model import Claim, Mention
from .claims import _MODALITY_WEIGHT, EXTRACTOR

# the speaker's own frame: "X said", "X, an al-Qaeda affiliate ..., claimed that",
# "In a statement on Monday, X said", "X's news outlet said", "X announced that"
_VERB = re.compile(r"\b(?:said|says|announced|announces|claimed|claims|stated|added"
                   r"|saying|declared)\b")
_GAP = re.compile(r"""
    ^(?:['\u2019]s?\s+(?:[\w-]+\s+){0,2}?(?:outlet|agency|channel|spokes(?:man|woman|person)
    |media\s+(?:arm|wing|office)|statement|command|office|ministry)\s+  # "X's news outlet"
    |\)?,[^;:"\u201c]{0,160}?,\s+  # an apposition: "X, an al-Qaeda affiliate that ..., claimed"
    |\s+)(?:(?:also|later|then|again|itself|themselves)\s+)?(?:has\s+|had\s+|have\s+)?$
    """, re.X)
# the names of one speaker list: "The United States and the United Kingdom said"
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?$", re.I)


def own_attack_claims(claims: list[Claim], mentions: list[Mention],
                      dictionary: Dictionary) -> None:
    """Turn to asserted every reported, affirmed ``attacks`` claim whose reporting frame's
    speaker is the attacking group itself (in place). A state's forces telling of their
    operations ("the army said its troops had engaged ELN units") stay reported: that is
    how the annotators read them, more often than not."""
    for claim in claims:
        if claim.relation != "attacks" or claim.modality != "reported" or \
                claim.polarity != "affirmed":
            continue
        kind = getattr(dictionary.get(claim.subject.id), "kind", None)
        if kind != "armed_group" and not claim.subject.id.startswith("candidate:"):
            continue
        if claim.subject.id in _speakers(claim, mentions):
            if claim.extractor == EXTRACTOR:  # the rules weigh confidence by modality
                claim.confidence = round(min(claim.confidence / _MODALITY_WEIGHT["reported"]
                                             * _MODALITY_WEIGHT["asserted"], 0.99), 3)
            claim.modality = "asserted"


def _speakers(claim: Claim, mentions: list[Mention]) -> set[str]:
    """The actors that speak the frame the claim's object is reported in: the mentions
    right before the last reporting verb that comes before the object."""
    text, base = claim.sentence, claim.start
    verbs = [m for m in _VERB.finditer(text, 0, max(claim.object.start - base, 0))]
    if not verbs:
        return set()
    verb = verbs[-1].start()
    before = sorted((m for m in mentions if base <= m.start and m.end - base <= verb),
                    key=lambda m: m.start)
    first = next((m for m in reversed(before)  # skipping names inside an apposition
                  if _GAP.match(text[m.end - base:verb])
                  and not _VERB.search(text, m.end - base, verb)), None)
    if first is None:
        return set()
    out = {first.actor}
    end = first.start - base
    for m in reversed([m for m in before if m.end <= first.start]):  # the speaker list
        if not _LIST_JOIN.match(text[m.end - base:end]):
            break
        out.add(m.actor)
        end = m.start - base
    return out
