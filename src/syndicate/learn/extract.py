"""The model as an extractor: resolved mentions in, complete claims out.

Pairs come from the same windows as in training (``corpus.pair_examples``); every claim
keeps its sentence and the offsets of both arguments, so evidence stays exact. In the
hybrid mode the rules' claims stand and the model adds the pairs the rules said nothing
about.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..actors import Dictionary
from ..model import Argument, Claim, DateInfo, Mention, Sentence, Time
from ..relate.modality import _QUOTED, _attribution, _modality
from ..vocab import vocabulary
from .corpus import NONE, Passage, Span, claims_of, pair_examples
from .runtime import PairModel

# a learned claim's confidence: the model's probability, times this
LEARNED_CONFIDENCE = 0.9


def model_claims(text: str, sentences: list[Sentence], mentions: list[Mention],
                 dictionary: Dictionary, model: PairModel, *, doc: str,
                 published: DateInfo, source: str | None,
                 rules: list[Claim] | None = None,
                 judged: set[tuple[int, frozenset[str]]] | None = None,
                 min_probability: float | Mapping[str, float] = 0.0) -> list[Claim]:
    """The model's claims; ``rules``: the rules' claims, which a stacked model (feature
    set 3) reads as features; ``judged``, when given, receives every (sentence start,
    actor pair) the model decided on, "none" included; a pair whose relation the model
    gives a probability under ``min_probability`` gets no claim (one number, or one per
    relation with "*" for the others: a model's ``hybrid_threshold``)."""
    kinds = {(m.start, m.end): dictionary.kind_of(m) for m in mentions}
    spans = [Span(m.start, m.end, m.actor, kinds[(m.start, m.end)] or "other")
             for m in mentions if not m.actor.startswith("pair:")]
    passage = Passage(doc, text, spans, [], sentences=sentences,
                      rule_claims=[(c.start, c.subject.id, c.relation, c.object.id,
                                    c.polarity, c.modality) for c in rules or ()])
    vocab = vocabulary()
    examples = pair_examples(passage)
    claims = []
    texts = {(m.start, m.end): m for m in mentions}
    if judged is not None:
        judged.update((sentences[ex.sentence].start, frozenset((ex.first.actor,
                                                                ex.second.actor)))
                      for ex in examples)
    if rules is not None and not getattr(model, "stacked", False):
        # the hybrid keeps the rules' claim wherever they made one (``combine``): those
        # pairs need no reading by the model
        covered = {(c.start, frozenset((c.subject.id, c.object.id))) for c in rules}
        examples = [ex for ex in examples
                    if (sentences[ex.sentence].start,
                        frozenset((ex.first.actor, ex.second.actor))) not in covered]
    for ex, (label, polarity, modality, confidence) in zip(examples, model.predict(examples),
                                                           strict=True):
        triple = claims_of(ex, label) if label != NONE else None
        if triple is None:
            continue
        subject_id, relation, object_id = triple
        if confidence < probability_floor(min_probability, relation):
            continue
        subj, obj = (ex.first, ex.second) if subject_id == ex.first.actor else (ex.second,
                                                                             ex.first)
        if not vocab.admits(relation, kinds[(subj.start, subj.end)],
                            kinds[(obj.start, obj.end)]):
            continue  # kinds that cannot hold it (args in relations.yaml)
        sentence = sentences[ex.sentence]
        if relation in _IDENTITY and _apposition(sentence, subj, obj):
            modality = "asserted"  # who an actor is: the article's own fact
        elif modality == "asserted":
            modality = _hedge(sentence, subj, obj)
        claims.append(Claim(
            doc=doc, sentence=sentence.text, start=sentence.start, end=sentence.end,
            subject=_argument(subj, texts), relation=relation, object=_argument(obj, texts),
            polarity=polarity, modality=modality, attribution=_attribution(sentence.text),
            time=Time(published.value, published.precision, "published")
            if published.value else Time(None, None, "none"),
            trigger=f"{label} ({confidence:.2f})", extractor=model.version,
            confidence=round(confidence * LEARNED_CONFIDENCE, 3), source=source,
            published=published.value))
    return claims


def probability_floor(min_probability: float | Mapping[str, float], relation: str) -> float:
    """The lowest probability a relation's claim is kept at: one number, or one per
    relation with "*" for the rest."""
    if isinstance(min_probability, Mapping):
        return float(min_probability.get(relation, min_probability.get("*", 0.0)))
    return min_probability


# a relative clause opened after the first argument: ", which ...", "a force that ..."
_RELATIVE = re.compile(r"(?:,\s*|\b(?:force|group|militia|movement|faction|organi[sz]ation"
                       r"|alliance|coalition|front|network|outfit|army|rebels)\s+)"
                       r"(?:which|who|that)\s")


def _within(sentence: Sentence, a: Span, b: Span) -> tuple[Span, Span] | None:
    """The pair in text order, if both stand in the sentence (None across two)."""
    if not sentence.start <= min(a.start, b.start) or max(a.end, b.end) > sentence.end:
        return None
    first, second = sorted((a, b), key=lambda s: s.start)
    return first, second


def _hedge(sentence: Sentence, a: Span, b: Span) -> str:
    """What the rules read around the words between the two arguments, for a pair the
    model calls asserted: a reporting frame ("..., diplomats said"), a hedge before it in
    its clause ("officials believe ..."); the model's own modality head seldom sees them."""
    ordered = _within(sentence, a, b)
    if ordered is None:
        return "asserted"  # a pair across two sentences: no one clause to read
    first, second = ordered
    text, at = sentence.text, second.start - sentence.start  # the words before it hold
    relative = _RELATIVE.search(text, first.end - sentence.start, at)  # the trigger
    if relative is not None and not _QUOTED.match(text):
        # "Bogota said it would talk to the ELN, which fought a turf war with the FARC":
        # the pair's relation is the relative clause's, the article's own background; a
        # frame around the main clause ("..., analysts said") does not reach into it
        found = _modality(text[relative.start():], at - relative.start(), tail=False)
    else:
        found = _modality(text, at)
    return "asserted" if found in ("denied", "desired") else found


_IDENTITY = ("leads", "member_of", "part_of", "splinter_of")

# "Qasem Soleimani, the commander of Iran's Quds Force, has visited ...": the words between
# the two arguments are an apposition, the article's own background to whatever is said
_APPOSED = re.compile(r"""
    ^(?:\s*\([^)]{1,40}\))?\s*,\s*(?:alias\s+[^,]{1,30},\s*)?(?:the|an?|its|his|their)\s
    (?![^,;:()]*\b(?:is|are|was|were|has|have|had|said|says|say|told|which|who|whom|that|and
    |but|when|after|while|alleged\w*|suspected|reported\w*|purported)\b)[^,;:()]{0,60}$
    """, re.I | re.X)
_ROLE_BEFORE = re.compile(r"\b(?:head|leader|chief|commander|founder|co-founder|member|emir"
                          r"|deputy|chairman|spokes(?:man|woman|person))\s+of\s+(?:the\s+)?$",
                          re.I)
_TITLED = re.compile(r"^(?:['\u2019]s\s+[^,;:()]{0,40})?\s*,\s*(?:[A-Z][\w.-]*\s+){0,3}$")


def _apposition(sentence: Sentence, a: Span, b: Span) -> bool:
    """The pair is an apposition: "X, the leader of Y", "the head of Y, Minister X"."""
    ordered = _within(sentence, a, b)
    if ordered is None:
        return False
    first, second = ordered
    gap = sentence.text[first.end - sentence.start:second.start - sentence.start]
    before = sentence.text[:first.start - sentence.start]
    return _APPOSED.match(gap) is not None or (
        _TITLED.match(gap) is not None and _ROLE_BEFORE.search(before) is not None)


def _argument(span: Span, mentions: dict[tuple[int, int], Mention]) -> Argument:
    m = mentions[(span.start, span.end)]
    return Argument(m.actor, m.text, m.start, m.end, m.provisional)


def combine(rules: list[Claim], learned: list[Claim]) -> list[Claim]:
    """The rules' claims, plus the model's for sentences and pairs the rules left alone."""
    covered = {(c.start, frozenset((c.subject.id, c.object.id))) for c in rules}
    return rules + [c for c in learned
                    if (c.start, frozenset((c.subject.id, c.object.id))) not in covered]


def stack(rules: list[Claim], learned: list[Claim],
          judged: set[tuple[int, frozenset[str]]]) -> list[Claim]:
    """The learned combination (a model that read the rules' claims as features): on the
    pairs it judged the model decides, keeping the rules' own claim where it agrees (its
    trigger, time and modality); the rules' claims on pairs it did not judge stand."""
    def pair(c: Claim) -> tuple[int, frozenset[str]]:
        return c.start, frozenset((c.subject.id, c.object.id))

    def same(c: Claim) -> tuple[int, str, str, str, str]:
        return c.start, c.subject.id, c.relation, c.object.id, c.polarity

    kept = [c for c in rules if pair(c) not in judged]
    by_claim = {same(c): c for c in rules if pair(c) in judged}
    return kept + [by_claim.get(same(c), c) for c in learned]
