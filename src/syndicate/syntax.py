"""Optional statistical parser: dependency patterns refine the rule-based claims.

When a spaCy English pipeline is installed and named in the settings
(``Settings.spacy_model`` / ``SYNDICATE_SPACY_MODEL``), ``load_parser`` returns a
``Parser`` whose one contract is ``refine(processed) -> claims``. It never finds claims
of its own and never downloads anything: the model must be an installed package (or a
local model folder). Without a model name the rule-based path runs alone.

Cheap first: only the sentences that carry claims are parsed. For each claim whose
trigger is one of the triggers (``rule``; claims built from other cues pass through as
they are), the parse is asked three questions, and acts only where the tree is clear:

- attachment: an argument inside a clause that modifies a noun and does not hold the
  trigger ("The Houthis, long trained by Hezbollah, attacked ...": Hezbollah attacks
  no one) moves to the mention of the same actor the parse attaches, or else drops the
  claim. A claim is also dropped when the trigger verb's agent is another named actor,
  or when its subject or object is the subject of another verb ("LeT, said the ISI,
  has never attacked ...");
- negation scope: a ``neg`` on the trigger's verb negates the claim ("has not, despite
  ..., attacked"); a negation that belongs to another verb ("did not say Pakistan
  backed ...") or "not only" no longer does; "has not cut its ties" is not a cut;
- passives: with a ``by`` agent, the agent is the subject of a directed relation.

Claims the parse could check carry the extractor ``patterns.v2+dep.v1``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import SettingsError
from .model import Argument, Claim, Mention, Processed, pair_members
from .relate.triggers import Trigger, trigger_by_id, triggers
from .vocab import SYMMETRIC

if TYPE_CHECKING:  # spaCy is optional; only its types are needed here
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

NAME = "dep.v1"
# parsing needs the tagger and the parser; the rest of a pipeline only costs time
_UNUSED_COMPONENTS = ("ner", "lemmatizer", "textcat", "entity_linker", "entity_ruler",
                      "senter")

# dependents that open a clause of their own: an argument inside one is not an
# argument of a trigger outside it
_CLAUSAL = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "csubjpass", "xcomp",
                      "pcomp", "parataxis"})
# a verb shares the subject of the verb it depends on through these ("unwilling to
# crack down on", "attacked and killed", "attacked Y, killing Z")
_SHARES_SUBJECT = frozenset({"xcomp", "conj", "advcl", "acomp"})
_SUBJECT = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECT = frozenset({"nsubjpass", "csubjpass"})
_RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "that"})
_SUBJECT_CONTROL = frozenset({"promise", "promised", "promises", "promising", "vowed", "vow"})
_PARTITIVE = frozenset({"one", "some", "many", "most", "all", "part", "member", "each", "any"})
_NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "nor", "neither"})
# negation the rules read from other cues; the parser leaves those claims alone
_OTHER_NEGATION = re.compile(
    r"""
    \b(?:den(?:y|ies|ied|ying)|reject\w*|avoid\w*|stop\w*|ceas\w+|end(?:ed|s)?|halt\w*
    |refrain\w*|without|lack|evidence|proof|sign|indication|confirmation|no\s+longer)\b
    """,
    re.I | re.X)
_WINDOW = 40  # how far before its trigger relate looks for a negation cue


def load_parser(name: str | None) -> Parser | None:
    """The parser named in the settings, or None for the rule-based path.

    ``name`` is an installed spaCy pipeline package (``en_core_web_sm``) or a model
    folder. Nothing is ever downloaded: a name that is not installed is an error that
    says how to install it.
    """
    if not name:
        return None
    try:
        import spacy
        from spacy.util import is_package
    except ImportError as exc:
        raise SettingsError(
            f"spacy_model is set to '{name}' but spaCy is not installed. Install it with "
            f"'pip install spacy' and the model package, or unset spacy_model "
            "(SYNDICATE_SPACY_MODEL) to use the rule-based extractor alone.") from exc
    if not is_package(name) and not Path(name).is_dir():
        raise SettingsError(
            f"spaCy model '{name}' is not installed. Install its package first (for "
            f"example 'pip install {name}' from your package index, or "
            f"'python -m spacy download {name}'), or unset spacy_model "
            "(SYNDICATE_SPACY_MODEL) to use the rule-based extractor alone. Syndicate "
            "never downloads models itself.")
    try:
        nlp = spacy.load(name, exclude=list(_UNUSED_COMPONENTS))
    except (OSError, ValueError, ImportError) as exc:
        raise SettingsError(f"spaCy model '{name}' could not be loaded: {exc}") from exc
    if "parser" not in nlp.pipe_names:
        raise SettingsError(f"spaCy model '{name}' has no dependency parser; "
                            f"its components are {nlp.pipe_names}")
    log.info("statistical parser: %s (%s)", name, ", ".join(nlp.pipe_names))
    return Parser(nlp, model=name)


@dataclass(frozen=True)
class Verdict:
    """What the parse says about one claim."""

    checked: bool = False  # False: the parse could not say (the claim passes as it is)
    keep: bool = True
    swap: bool = False  # subject and object trade places (a passive read the wrong way)
    polarity: str | None = None  # the corrected polarity, when it changes
    subject: Argument | None = None  # the same actor, at the words the parse points to
    object: Argument | None = None
    reason: str = ""


class Parser:
    """Refines rule-based claims with a dependency parse of their sentences."""

    name = NAME

    def __init__(self, nlp: Language, *, model: str, batch_size: int = 64) -> None:
        self.nlp = nlp
        self.model = model
        self.batch_size = batch_size

    def __repr__(self) -> str:
        return f"Parser(model={self.model!r})"

    def refine(self, processed: Processed) -> list[Claim]:
        """The document's claims, with argument attachment, negation and passive
        direction checked against the parse of each sentence that carries a claim."""
        claims = processed.claims
        if not claims:
            return []
        texts = list(dict.fromkeys(c.sentence for c in claims))
        parses = dict(zip(texts, self.nlp.pipe(texts, batch_size=self.batch_size),
                          strict=True))
        out: list[Claim] = []
        seen: set[str] = set()
        for claim in claims:
            local = [m for m in processed.mentions if claim.start <= m.start < claim.end]
            verdict = judge(claim, parses[claim.sentence], local)
            if not verdict.keep and (_resolved(claim, local) or (
                    claim.relation == "part_of" and re.search(r"pledg|swore|allegiance",
                                                              claim.trigger, re.I))):
                # keep the rules' reading: a reference the parse cannot see, or a leader's
                # pledge on his group's behalf ("after Shekau pledged allegiance")
                verdict = Verdict()
            refined = _apply(claim, verdict)
            if refined is None or refined.key in seen:
                continue
            seen.add(refined.key)
            out.append(refined)
        return out


def _resolved(claim: Claim, mentions: Sequence[Mention]) -> bool:
    """An argument the rules resolved by reference ('them', 'its fighters', 'the group'):
    the parse cannot see what it refers to, so it may not veto the claim."""
    spans = {(c.start, c.end) for c in (claim.subject, claim.object)}
    return any((m.start, m.end) in spans and m.method in ("coref", "speaker") for m in mentions)


def _apply(claim: Claim, verdict: Verdict) -> Claim | None:
    if not verdict.checked:
        return claim
    if verdict.reason:
        log.debug("%s %s -%s-> %s: %s", "kept" if verdict.keep else "dropped",
                  claim.subject.id, claim.relation, claim.object.id, verdict.reason)
    if not verdict.keep:
        return None
    subject = verdict.subject or claim.subject
    obj = verdict.object or claim.object
    if verdict.swap:
        subject, obj = obj, subject
    return replace(claim, subject=subject, object=obj,
                   polarity=verdict.polarity or claim.polarity,
                   extractor=_extractor(claim.extractor))


def _extractor(name: str) -> str:
    suffix = f"+{NAME}"
    return name if name.endswith(suffix) else name + suffix


# --- the tree questions -------------------------------------------------------------


def judge(claim: Claim, doc: Doc, mentions: Sequence[Mention] = ()) -> Verdict:
    """What the parse of the claim's sentence says about the claim. ``mentions`` are
    the document's actor mentions (offsets into its text)."""
    pattern = _pattern_of(claim)
    if pattern is None or pattern.how in ("role", "possessive"):
        # built from a cue other than a trigger (blanket denial, collective), or an apposition
        # the parse does not model ("its secretary-general Hassan Nasrallah")
        return Verdict()
    subject = _span(doc, claim.start, claim.subject)
    obj = _span(doc, claim.start, claim.object)
    trigger = _trigger(doc, claim, subject, obj)
    if subject is None or obj is None or trigger is None:
        return Verdict()
    head = _trigger_head(trigger)
    verbal = _is_verb(head) and pattern.how in ("active", "passive", "ditransitive")
    agent, patient = _roles(head) if verbal else (None, None)
    # "received training from", "sheltered with": the verb's subject is the relation's object
    inverse = pattern.how == "passive" and not re.search(r"\bby\b", claim.trigger, re.I)
    expected = {"subject": patient if inverse else agent,
                "object": agent if inverse else patient}
    moved: dict[str, Argument] = {}
    for role, arg, argument in (("subject", subject, claim.subject),
                                ("object", obj, claim.object)):
        clause = _foreign_clause(arg, trigger)
        if clause is None:
            continue
        there = _mention_in(doc, expected[role], argument.id, claim.start, mentions)
        if there is None:
            return Verdict(checked=True, keep=False,
                           reason=f"the {role} is inside the clause of '{clause.text}'")
        moved[role] = Argument(argument.id, there.text, there.start, there.end,
                               there.provisional)
        span = _span(doc, claim.start, moved[role])
        assert span is not None
        subject, obj = (span, obj) if role == "subject" else (subject, span)
    moved_subject, moved_object = moved.get("subject"), moved.get("object")
    reason = "an argument moved to the phrase the parse attaches" if moved else ""
    if not verbal:
        return Verdict(checked=True, subject=moved_subject, object=moved_object,
                       reason=reason)
    first, second = (obj, subject) if inverse else (subject, obj)
    first_id = claim.object.id if inverse else claim.subject.id
    swap = False
    if not inverse and _in_phrase(first, patient) and _in_phrase(second, agent) and \
            not _in_phrase(first, agent):
        swap = claim.relation not in SYMMETRIC  # "X is backed by Y" read the wrong way round
        first, second = second, first
        first_id = claim.object.id
    if agent is not None and not _in_phrase(first, agent) and not _in_phrase(first, patient):
        other = _other_actor(doc, agent, claim.start, mentions, first, first_id)
        if other is not None:
            return Verdict(checked=True, keep=False,
                           reason=f"'{other}' is the agent of '{head.text}'")
    if agent is None:
        verb = _subject_of_other_verb(first, head, below=False)
        if verb is not None and not _CONTROL_VERB.match(verb.text) and not (
                _REPORTING_VERB.match(verb.text) and first.end <= verb.i and
                not _clause_has_subject(head)):
            return Verdict(checked=True, keep=False,
                           reason=f"the subject belongs to '{verb.text}'")
    if not _in_phrase(second, patient) and not _in_phrase(second, agent):
        verb = _subject_of_other_verb(second, head, below=True)
        if verb is not None:
            return Verdict(checked=True, keep=False,
                           reason=f"the object is the subject of '{verb.text}'")
    polarity = _polarity(claim, pattern, head, trigger.start_char)
    if swap:
        reason = f"'{head.text}' is passive: its 'by' phrase is the subject"
    elif polarity:
        reason = f"negation scope of '{head.text}'"
    return Verdict(checked=True, swap=swap, polarity=polarity, subject=moved_subject,
                   object=moved_object, reason=reason)


# verbs whose subject is also the subject of the verb they govern: "US air strikes were
# successful in eliminating", "was intended to restore" (the pipeline runs
# without a lemmatizer, so the forms are matched)
_REPORTING_VERB = re.compile(r"(?:said|says?|told|claimed|added|stated)$", re.I)


def _clause_has_subject(head: Token) -> bool:
    """Whether the clause of ``head`` names its own subject; if not, the reporting verb's
    subject before it may be the doer ("an operation Riyadh said was intended to restore"),
    unlike a speaker put after the verb ("Lashkar, said the ISI, has never attacked")."""
    token = head
    while token.dep_ == "xcomp" and token.head is not token:
        token = token.head
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


_CONTROL_VERB = re.compile(r"(?:be|is|are|was|were|been|seem\w*|appear\w*|intend\w*)$",
                           re.I)


def _mention_in(doc: Doc, head: Token | None, actor: str, offset: int,
                mentions: Sequence[Mention]) -> Mention | None:
    """The one mention of ``actor`` inside the phrase of ``head``, if there is one."""
    if head is None:
        return None
    phrase = _phrase(head)
    found = []
    for m in mentions:
        span = _span(doc, offset, m)
        if span is not None and span.root.i in phrase and actor in _actor_ids(m.actor):
            found.append(m)
    return found[0] if len({(m.start, m.end) for m in found}) == 1 else None


def _pattern_of(claim: Claim) -> Trigger | None:
    """The trigger that made the claim: its ``rule``; for a claim made before rules had
    ids (patterns.v1, read back from a store), the first trigger matching its words."""
    if claim.rule:
        return trigger_by_id().get(claim.rule)
    allowed = {claim.relation, {"attacks": "fights", "controls": "leads"}.get(claim.relation)}
    for pattern in triggers():
        if pattern.relation in allowed and pattern.regex.fullmatch(claim.trigger):
            return pattern
    return None


def _span(doc: Doc, offset: int, where: Argument | Mention) -> Span | None:
    """The tokens of an argument or mention; None when it lies outside the sentence
    (an argument resolved from another sentence)."""
    start, end = where.start - offset, where.end - offset
    if start < 0 or end > len(doc.text) or doc.text[start:end] != where.text:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def _trigger(doc: Doc, claim: Claim, subject: Span | None, obj: Span | None) -> Span | None:
    """The occurrence of the trigger words nearest to the two arguments."""
    if not claim.trigger or subject is None or obj is None:
        return None
    best: tuple[int, int] | None = None
    for m in re.finditer(re.escape(claim.trigger), doc.text):
        distance = sum(min(abs(m.start() - a.end_char), abs(a.start_char - m.end()))
                       for a in (subject, obj))
        if best is None or distance < best[0]:
            best = (distance, m.start())
    if best is None:
        return None
    start = best[1]
    return doc.char_span(start, start + len(claim.trigger), alignment_mode="expand")


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD"


def _trigger_head(trigger: Span) -> Token:
    """The verb of a trigger ("held talks with" -> held), else its syntactic root."""
    for token in trigger:
        if _is_verb(token) and token.dep_ not in ("aux", "auxpass"):
            return token
    return trigger.root


def _chain(verb: Token) -> list[Token]:
    """The verb and the verbs it takes its subject from."""
    out = [verb]
    current = verb
    while current.dep_ in _SHARES_SUBJECT and current.head is not current and \
            not _own_subject(current) and current.head not in out:
        current = current.head
        out.append(current)
    return out


def _own_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECT | _PASSIVE_SUBJECT for c in token.children)


def _by_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _grammatical_subject(verb: Token) -> Token | None:
    """Whom the verb is said of: its subject, the subject it shares, the noun its
    clause modifies, or the object of a verb like 'push' ("push X to increase ...")."""
    previous: Token | None = None
    for current in _chain(verb):
        if previous is not None and previous.dep_ == "xcomp" and \
                current.lower_ not in _SUBJECT_CONTROL:
            controller = [c for c in current.children if c.dep_ == "dobj"]
            if controller:
                return controller[0]
        for child in current.children:
            if child.dep_ in _SUBJECT | _PASSIVE_SUBJECT:
                return _antecedent(child, current)
        if current.dep_ in ("relcl", "acl"):
            return current.head
        previous = current
    return None


def _roles(verb: Token) -> tuple[Token | None, Token | None]:
    """(agent, patient) heads: the 'by' phrase and the subject of a passive, the subject
    alone otherwise."""
    subject = _grammatical_subject(verb)
    by = _by_agent(verb)
    passive = by is not None or any(c.dep_ in _PASSIVE_SUBJECT for c in verb.children) or \
        (verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and not _own_subject(verb))
    if passive:
        return by, subject
    return subject, None


def _antecedent(subject: Token, verb: Token) -> Token:
    """'which' in "Abu Sayyaf, which split from the MNLF" stands for Abu Sayyaf."""
    if subject.lower_ not in _RELATIVE_PRONOUNS:
        return subject
    for ancestor in [verb, *verb.ancestors]:
        if ancestor.dep_ == "relcl":
            return ancestor.head
    return subject


def _top(head: Token) -> Token:
    """The noun phrase an appositive belongs to ("Fazlullah, the cleric who leads ...",
    "the Nusra Front, one of the forces fighting ...")."""
    current = head
    while True:
        if current.dep_ == "appos":
            current = current.head
        elif current.dep_ == "pobj" and current.head.lower_ == "of" and \
                current.head.head.lower_ in _PARTITIVE and current.head.head.dep_ == "appos":
            current = current.head.head
        else:
            return current


def _phrase(head: Token) -> set[int]:
    """Token indices of a noun phrase: the head and its dependents, without the
    clauses hanging off it."""
    top = _top(head)
    out = {top.i}
    for child in top.children:
        if child.dep_ not in _CLAUSAL:
            out |= {t.i for t in child.subtree}
    return out


def _in_phrase(arg: Span, head: Token | None) -> bool:
    return head is not None and arg.root.i in _phrase(head)


def _other_actor(doc: Doc, agent: Token, offset: int, mentions: Sequence[Mention],
                 arg: Span, actor: str) -> str | None:
    """Another actor named as the agent itself: the evidence a claim needs before it is
    dropped. An agent phrase that only contains an actor proves nothing: "Mullah Omar's
    followers" may well be the Taliban, "the leader of X" may speak for X."""
    top = _top(agent)
    heads = {t.i for t in (top, *top.conjuncts)} | \
        {c.i for t in (top, *top.conjuncts) for c in t.children if c.dep_ == "appos"}
    claimed = {actor}
    spans = [(m, _span(doc, offset, m)) for m in mentions]
    for m, span in spans:
        if span is not None and span.start_char == arg.start_char:
            claimed |= _actor_ids(m.actor)  # "the two groups" stands for both
    for m, span in spans:
        if span is not None and heads & {t.i for t in span} and \
                not _actor_ids(m.actor) & claimed:
            return m.text
    return None


def _actor_ids(actor: str) -> set[str]:
    return set(pair_members(actor))


def _np_head(arg: Span) -> Token:
    token = arg.root
    while token.dep_ == "compound" and token.head is not token:
        token = token.head  # "ELN commanders"
    return token


def _foreign_clause(arg: Span, trigger: Span) -> Token | None:
    """The clause modifying a noun that holds ``arg`` but not the trigger ("the Houthis,
    armed by Iran, attacked ...": Iran is inside 'armed by Iran')."""
    line = {t.i for token in trigger for t in (token, *token.ancestors)}
    head = _np_head(arg)
    if head.dep_ in ("attr", "oprd") or head.dep_ == "pobj" and head.head.lower_ == "as":
        return None  # "which calls itself the Segunda Marquetalia": a name of the noun
    for ancestor in arg.root.ancestors:
        if ancestor.i in line:
            return None
        if ancestor.dep_ in ("relcl", "acl") or \
                ancestor.dep_ == "ccomp" and ancestor.head.pos_ in ("NOUN", "PROPN"):
            return ancestor
    return None


def _subject_of_other_verb(arg: Span, head: Token, *, below: bool) -> Token | None:
    """The verb ``arg`` is the subject of, when that is not the trigger's verb.

    With ``below``, a verb above the trigger does not count: in "the Haqqani Network,
    which Pakistan backs, attacked ..." the network is still what Pakistan backs. A
    subject must be the trigger's own: in "LeT, said the ISI, has never attacked ...",
    the ISI only speaks."""
    token = _np_head(arg)
    if token.dep_ not in _SUBJECT | _PASSIVE_SUBJECT:
        return None
    verb = token.head
    if verb.i in {t.i for t in _chain(head)}:
        return None
    if below and verb.i in {t.i for t in head.ancestors}:
        return None
    if verb.head.i == head.i and verb.dep_ in ("ccomp", "xcomp"):
        return None  # "allowed the TTP to operate"
    return verb


def _verb_of(token: Token) -> Token:
    """The verb a negation word belongs to ("no longer backs" -> backs)."""
    current = token.head
    while not _is_verb(current) and current.head is not current and \
            current.dep_ in ("advmod", "neg", "npadvmod"):
        current = current.head
    return current


def _negations(doc: Doc, *, before: int, within: int) -> list[Token]:
    return [t for t in doc if t.lower_ in _NEGATION_WORDS and before - within <= t.idx < before]


def _not_only(token: Token) -> bool:
    """'not only ... but also' adds, it does not negate."""
    doc = token.doc
    return token.lower_ == "not" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "only"


def _polarity(claim: Claim, pattern: Trigger, head: Token, start: int) -> str | None:
    """The polarity the parse gives, where it differs from the rules' reading.

    ``start`` is where the trigger words begin; the rules look for a negation cue in
    the few words before it."""
    if claim.modality == "denied":
        return None  # a denial is negated by what it is, not by a 'not'
    doc = head.doc
    own = [t for t in _negations(doc, before=len(doc.text), within=len(doc.text))
           if t.dep_ == "neg" and not _not_only(t) and _verb_of(t).i == head.i]
    if pattern.polarity is not None:
        # "has not cut its ties with": a negated trigger that is negative itself
        if pattern.polarity == "negated" and own and claim.polarity == "negated":
            return "affirmed"
        return None
    if claim.polarity == "affirmed":
        return "negated" if own else None
    cues = _negations(doc, before=start, within=_WINDOW)
    if own or not cues or _OTHER_NEGATION.search(doc.text[:start]):
        return None
    scope = {t.i for t in _chain(head)}
    for cue in cues:
        if _not_only(cue):
            continue  # "not only backed the TTP but also armed it"
        verb = _verb_of(cue)
        if cue.dep_ != "neg" or not _is_verb(verb) or verb.i in scope:
            return None  # "no intention to back", "did not want to attack", "did not back or arm"
    return "affirmed"  # "did not say Pakistan backed the TTP": 'not' belongs to 'say'
