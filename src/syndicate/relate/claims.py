"""Building one claim: its provenance, arguments, confidence and the relation its
actors' kinds allow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..actors import Dictionary
from ..model import Argument, Claim, Mention, Sentence
from ..vocab import vocabulary

EXTRACTOR = "patterns.v2"
STATE_KINDS = {"state", "state_agency", "state_forces", "intl_org"}
VOCABULARY = vocabulary()
SYMMETRIC = VOCABULARY.symmetric
_MODALITY_WEIGHT = VOCABULARY.modality_weights("confidence")


@dataclass(frozen=True)
class ClaimContext:
    """What every claim of one document is made with: the dictionary, and the document's
    provenance, so that claims are built complete."""

    dictionary: Dictionary
    doc: str
    source: str | None = None
    published: str | None = None
    # Dictionary.kind_of, bound once: it is asked for every mention near every trigger
    kind_of: Callable[[Mention], str | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind_of", self.dictionary.kind_of)


_PARTY_KINDS = STATE_KINDS | {"armed_group"}


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


def _arg(m: Mention) -> Argument:
    return Argument(m.actor, m.text, m.start, m.end, m.provisional)
