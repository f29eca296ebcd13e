"""Relate stage: typed relation claims between actors in a sentence.

Cheap first: only sentences with two or more distinct actors (a "the two groups"
reference counts as two) are analysed. Each trigger (``triggers.py``, declared in
data/triggers.yaml) says how its arguments are found: its argument shape
(``shapes.py``: ``active``: subject left, object right; ``passive``: "backed by X";
``between``: "cooperation between X and Y"; ``reciprocal``: "X and Y joined hands";
``adjective``: "ISI-backed Y"; ``role``: "ISKP leader Aslam Farooqi"), over the actor
spans of ``spans.py``. ``sentence.py`` runs the triggers of one sentence, then the
constructions (``constructions.py``); ``modality.py`` says how the sentence holds each
claim and ``claims.py`` builds it.
"""

from __future__ import annotations

from ..model import Claim, Mention, Sentence
from .claims import EXTRACTOR, STATE_KINDS, SYMMETRIC, ClaimContext
from .constructions import _blanket_denials, _collective_alliances
from .sentence import _find_triggers, _sentence_claims
from .spans import _by_sentence, _distinct_actors

__all__ = ["EXTRACTOR", "STATE_KINDS", "SYMMETRIC", "ClaimContext", "deny_blanket", "relate"]


def relate(text: str, sentences: list[Sentence], mentions: list[Mention],
           ctx: ClaimContext) -> list[Claim]:
    """Every relation claim the document's sentences state between two actors (their time
    is the event-time stage's job)."""
    by_sentence = _by_sentence(mentions)
    claims: list[Claim] = []
    seen: set[tuple] = set()
    wanted = {i for i, ms in by_sentence.items() if _distinct_actors(ms) >= 2}
    found = _find_triggers(text, sentences, wanted) if wanted else {}
    for index in sorted(wanted):
        # cheap first: most sentences name at most one actor and are never looked at
        sentence = sentences[index]
        for claim in _sentence_claims(sentence, by_sentence[index], ctx,
                                      found.get(index, [])):
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
