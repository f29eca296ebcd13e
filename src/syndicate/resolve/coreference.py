"""Coreference: 'the group', 'the two groups', 'they', 'its' -> the actors meant, by small
registered rules that run in order, each with examples (tests/test_coreference.py)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import NamedTuple

from ..actors import Dictionary
from ..model import Mention, Sentence, is_pair, pair_id
from .antecedents import STATE_NOUNS, _is_group, _name_follows, _named, _said_backed, _salient

_COREF = re.compile(
    r"""
    (?=[TtBb])\b(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Bb]oth)\s+(?P<two>two\s+
    |three\s+)?(?P<adj>(?:(?:new|splinter|main|militant|extremist|terror|terrorist|jihadist
    |insurgent|armed|rebel|banned|outlawed|proscribed|Islamist|Pakistani|Afghan|Iraqi|Syrian
    |Somali|Nigerian|Malian|Yemeni|Lebanese|Palestinian|Sunni|Shia|Shiite|Kurdish
    |Middle\s+Eastern|radical|powerful|umbrella|jihadi|Islamic|banned
    |front)\s+){0,2})(?P<noun>groups?
    |networks?|outfits?|organi[sz]ations?|movements?|insurgenc(?:y|ies)|factions?|militias?
    |front|coalition|rebels|insurgents|militants|government|authorities|charity|regime|junta
    |army|military|operation
    |offensive)\b(?!\s+(?:wing|arm|branch|unit|front|faction|affiliate|offshoot|chief|commander
    |of)\b)
    """, re.X
)


# Sentence-initial pronouns that refer back to the salient group: "Its fighters ...",
# "It is led by ...".
_PRONOUN = re.compile(r"(?=I|T)(?:^|(?<=[.!?]\s)|(?<=\n))"
                      r"(?P<pron>Its|Their|It(?=\s+(?:is|was|has|had)\s+"
                      r"(?:led|headed|founded|based|backed|blamed|accused|believed|run)\b))\b")


_OBJECT_VERB = re.compile(r"""
    \b(?:(?:talks|negotiations|ties|links|contacts|cooperation|fighting|war|truce
    |ceasefire)\s+with
    |(?:member|part|faction|branch|wing|ally|rival|enemy|offshoot|splinter)\s+of
    |giv(?:e|es|en|ing)|gave|back(?:s|ed|ing)?|support(?:s|ed|ing)?|shelter(?:s|ed|ing)?
    |host(?:s|ed|ing)?|help(?:s|ed|ing)?|fund(?:s|ed|ing)?|arm(?:s|ed|ing)|attack(?:s|ed|ing)?
    |target(?:s|ed|ing)?|expel(?:s|led|ling)?|protect(?:s|ed|ing)?|train(?:s|ed|ing)?
    |accus(?:e|es|ed|ing)|blam(?:e|es|ed|ing))\s+$
    """, re.X)


_AS_OBJECT = re.compile(r"\b(?:into|with|from|against|to)\s+$")


_NAMED_NEXT = re.compile(r",?\s+(?:which\s+)?(?:calls\s+itself|called|named|known\s+as)\b|"
                         r",\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*\s*(?:\(|,)")


_THEY = re.compile(r"""
    (?=They|among|between|of|[Ii]f|allowed|enabled|helped|forced|let)  # first: fast
    (?:(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=[\u201c\"]))(?P<pron>They)\b
    |\b(?:among|between|of)\s+(?P<pron2>them)\b|\b[Ii]f\s+(?P<pron3>they)\b
    |\b(?:allowed|enabled|helped|forced|let)\s+(?P<pron4>them)\s+to\b)
    """, re.X)


_DEMONYM_ALLIES = re.compile(r"(?=its|their)\b(?:its|their)\s+(?P<dem>[A-Z][a-z]+)\s+"
                             r"(?:allies|ally|partners?|"
                             r"backers?|patrons?|sponsors?|comrades|counterparts)\b")


_BACKED_NOUN = re.compile(r"""
    (?=[Tt]he)\b[Tt]he\s+\S+?(?P<dash>-)(?:backed|funded|sponsored|supported|armed
    |allied)\s+(?P<noun>group|militia|movement|alliance|coalition|force|faction|network|outfit
    |organi[sz]ation)\b
    """, re.X)


_RIVALS = re.compile(r"(?=its|their)\b(?:its|their)\s+"
                     r"(?:(?:former|old|main|bitter|longtime|arch)\s+)?"
                     r"(?:rivals|rival|enemies|enemy|foes|foe|arch-?rivals?)\b")


_HIS_GROUP = re.compile(r"(?=his)\bhis\s+(?:own\s+)?"
                        r"(?:group|organi[sz]ation|movement|network|faction|"
                        r"fighters|men|militia|outfit)\b")


_SUBORDINATE_PRONOUN = re.compile(r"\b(?:because|since|although|though|unless|until)\s+"
                                  r"(?P<pron>it|they)\b")


_SPEAKER_PRONOUN = re.compile(
    r"""
    \b(?:said|says|say|announced|declared|claimed|warned|insisted|stated|added|ordered|told
    |(?:denies|denied|deny)(?=\s+(?:that\s+)?(?:its|their)\s)|instructed|demand|demands|demanded
    |insistence|expectation
    |(?:signal|message|warning)\s+to\s+(?:[A-Z][\w-]+\s+){0,2}[A-Z][\w-]+)\s+(?:(?:on|last
    |this|in)\s+\w+(?:\s+\d{1,4})?\s+)?(?:that\s+)?(?P<pron>it
    |they
    |(?:its|their)\s+(?:fighters|militants|members|forces|commanders|men|cadres|units|strikes
    |aircraft|jets|warplanes|troops|soldiers|drones))\b
    |,\s+(?:and|but)\s+(?:(?:in|by|since)\s+\d{4}\s+|later\s+
    |then\s+)?(?P<pron2>it)\b(?=\s+(?:has|had|was|is|\w+ed)\b)
    """, re.X)


@dataclass
class References:
    """What every coreference rule reads: the document, its named mentions, and the
    references earlier rules (and earlier matches of the same rule) have resolved."""

    text: str
    sentences: list[Sentence]
    mentions: list[Mention]  # named mentions, before coreference
    dictionary: Dictionary
    sent_at: Callable[[int], int | None]
    year: int | None = None
    out: list[Mention] = field(default_factory=list)

    def __post_init__(self) -> None:
        # the named mentions by start: which indices, where each starts, the furthest end
        # reached so far (whether a span is covered is one bisection), and the set of starts
        self.order = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].start)
        self.starts = [self.mentions[i].start for i in self.order]
        self._reach = list(accumulate((self.mentions[i].end for i in self.order), max))
        self.begun = set(self.starts)

    def covered(self, start: int, end: int) -> bool:
        """Whether a named mention overlaps the span."""
        before_end = bisect_left(self.starts, end)
        return bool(before_end) and self._reach[before_end - 1] > start

    @cached_property
    def states(self) -> list[tuple[Mention, int]]:
        """The named mentions of states, in order, with their paragraphs."""
        return [(x, self.sentences[x.sentence].paragraph) for x in self.mentions
                if self.dictionary.kind_of(x) == "state"]

    @cached_property
    def main_group(self) -> str | None:
        """The group the article is about: the one named most."""
        counts: dict[str, int] = {}
        for x in self.mentions:
            if _is_group(x, self.dictionary):
                counts[x.actor] = counts.get(x.actor, 0) + 1
        return max(counts, key=lambda a: counts[a]) if counts else None

    def free(self, start: int, end: int) -> int | None:
        """The sentence of a span that no named mention overlaps, else None."""
        if self.covered(start, end):
            return None
        return self.sent_at(start)

    def add(self, start: int, end: int, actor: str, sentence: int, *, method: str = "coref",
            like: Mention | None = None) -> None:
        self.out.append(Mention(start, end, self.text[start:end], actor, sentence, method,
                                provisional=like.provisional if like is not None else False))

    def pairs(self, before: int, sentence: int, reach: int) -> list[Mention]:
        """'the two groups' resolved at most ``reach`` sentences before."""
        return [x for x in self.out if is_pair(x.actor) and x.end <= before and
                0 <= sentence - x.sentence <= reach]


class Example(NamedTuple):
    text: str
    reference: str  # the words that refer back
    actor: str  # what they refer to


Rule = Callable[[References], None]
RULES: dict[str, Rule] = {}
EXAMPLES: dict[str, tuple[Example, ...]] = {}


def coreference(name: str, *examples: Example) -> Callable[[Rule], Rule]:
    """Register a coreference rule with its examples; rules run in the order registered,
    each seeing the references the ones before it resolved."""
    def register(func: Rule) -> Rule:
        RULES[name] = func
        EXAMPLES[name] = examples
        return func
    return register


def _coreference(text: str, sentences: list[Sentence], mentions: list[Mention],
                 dictionary: Dictionary, sent_at, year: int | None = None) -> list[Mention]:
    """'the group', 'the network', 'the two groups', 'they', 'its' -> the actors meant."""
    refs = References(text, sentences, mentions, dictionary, sent_at, year)
    for rule in RULES.values():
        rule(refs)
    return refs.out


@coreference(
    "rivals",
    Example("ISKP bombed a mosque in Kabul. The Taliban were trying to stamp out their rivals.",
            "their rivals", "islamic-state-khorasan"))
def rivals(refs: References) -> None:
    """"The Taliban were trying to stamp out their rivals": the other group just named."""
    text, mentions, dictionary = refs.text, refs.mentions, refs.dictionary
    for m in _RIVALS.finditer(text):
        s = refs.free(m.start(), m.end())
        if s is None or _name_follows(text, m.end(), refs.begun):
            continue
        here = [x for x in mentions if x.sentence == s and x.end <= m.start()]
        if not here or not _is_group(here[-1], dictionary):
            continue
        possessor = here[-1].actor
        rivals = [x for x in mentions if x.end <= m.start() and 0 <= s - x.sentence <= 2 and
                  x.actor != possessor and _is_group(x, dictionary)]
        if rivals and len({x.actor for x in rivals}) == 1:  # only when it is unambiguous
            refs.add(m.start(), m.end(), rivals[-1].actor, s, like=rivals[-1])


@coreference(
    "definite",
    Example("Lashkar-e-Taiba recruits in Punjab. The group denies any role in Mumbai.",
            "The group", "lashkar-e-taiba"))
def definite(refs: References) -> None:
    """"the group", "the network", "the two groups", "the government", "the army": the
    actor(s) of the story the noun phrase points back to."""
    text, sentences = refs.text, refs.sentences
    # the named mentions by start, with their paragraphs and whether each is a group, so
    # that each match looks only at those of its own and the two paragraphs before
    order, starts = refs.order, refs.starts
    paragraphs = [sentences[refs.mentions[i].sentence].paragraph for i in order]
    groups = [_is_group(refs.mentions[i], refs.dictionary) for i in order]
    by_paragraph = all(a <= b for a, b in zip(paragraphs, paragraphs[1:], strict=False))
    in_order = order == list(range(len(order)))
    for m in _COREF.finditer(text):
        start, end = m.start(), m.end()
        if refs.covered(start, end):
            continue
        if _NAMED_NEXT.match(text, end) or _name_follows(text, end, refs.begun):
            continue  # "the new group, JNIM, ...": the name follows, nothing to resolve
        s = refs.sent_at(start)
        if s is None:
            continue
        noun = m.group("noun").lower()
        paragraph = sentences[s].paragraph
        first = bisect_left(paragraphs, paragraph - 2) if by_paragraph else 0
        near = [order[k] for k in range(first, bisect_left(starts, start))
                if refs.mentions[order[k]].end <= start and
                paragraph - 2 <= paragraphs[k] <= paragraph and
                (groups[k] or _named(refs.mentions[order[k]], noun, refs.dictionary))]
        earlier = [refs.mentions[i] for i in (near if in_order else sorted(near))]
        if not earlier and noun not in STATE_NOUNS | {"army", "military", "operation",
                                                       "offensive"}:
            continue
        if bool(m.group("two")) or m.group("det").lower() == "both":
            _two_groups(refs, m, s, earlier)
        elif not _vague(refs, m, noun, s):
            _one_actor(refs, m, noun, s, earlier)


def _two_groups(refs: References, m: re.Match[str], s: int, earlier: list[Mention]) -> None:
    """"the two groups", "both groups": a pair resolved just before, else the last two
    actors named."""
    pairs = [x for x in refs.out if is_pair(x.actor) and x.end <= m.start() and
             s - x.sentence <= 3]
    if pairs:
        refs.add(m.start(), m.end(), pairs[-1].actor, s)
        return
    recent: list[str] = []
    for x in reversed(earlier):
        if x.actor not in recent:
            recent.append(x.actor)
        if len(recent) == 2:
            break
    if len(recent) == 2:
        refs.add(m.start(), m.end(), pair_id(recent), s)


def _vague(refs: References, m: re.Match[str], noun: str, s: int) -> bool:
    """Whether the noun phrase is settled (a battlefield, the two sides of a conflict) or
    too vague to resolve, so that no single antecedent is looked for."""
    text, start, end = refs.text, m.start(), m.end()
    if noun == "front" and re.search(r"\b(?:to|at|on|near|from|along)\s+$", text[:start]):
        return True  # "sent fighters to the front": a battlefield
    if noun in ("militants", "insurgents", "rebels") and _both_sides(refs, m, s):
        return True
    if noun.endswith("s") and noun not in ("rebels", "insurgents", "authorities", "militants"):
        return True  # a plural other than "the two X" is too vague
    if noun in ("operation", "offensive") and not re.match(
            r"\s+(?:has|have|had|is|was|killed|displaced|disrupted|targeted|hit|pushed|drove|"
            r"forced|destroyed|cleared)\b", text[end:]):
        return True  # only as the subject: "the operation has displaced the Haqqani network"
    if noun in ("army", "military", "operation", "offensive"):
        _state_forces(refs, m, s)
        return True
    return False


def _both_sides(refs: References, m: re.Match[str], s: int) -> bool:
    """"the militants" after a pair, or after a conflict between two groups: both."""
    start = m.start()
    pairs = refs.pairs(start, s, 2)
    if pairs:
        refs.add(start, m.end(), pairs[-1].actor, s)
        return True
    sides = {x.actor for x in refs.mentions + refs.out if x.end <= start and
             0 <= s - x.sentence <= 1 and _is_group(x, refs.dictionary) and
             not is_pair(x.actor)}
    context = refs.text[refs.sentences[max(0, s - 1)].start:start]
    if len(sides) == 2 and re.search(r"\b(?:conflict|rivals?|infighting|feud|fought|"
                                      r"battles?|clashes)\b", context) and \
            not any(x.sentence == s and x.end <= start and _is_group(x, refs.dictionary)
                    for x in refs.mentions):
        # "The Taliban were trying to stamp out their rivals. ... took advantage of the
        # conflict, pushing back the militants": both sides of the conflict
        refs.add(start, m.end(), pair_id(sides), s)
        return True
    return False


def _state_forces(refs: References, m: re.Match[str], s: int) -> None:
    """"the army could launch a new offensive": the forces of the state in the story."""
    text, dictionary = refs.text, refs.dictionary
    if m.group("adj").strip() or m.group("det").lower() != "the" or re.match(
            r"\s+(?:junta|government|regime|rulers?|leaders?|leadership|council|authorities|"
            r"court|intelligence|spokes\w+|chiefs?|commanders?|officials?)\b", text[m.end():]):
        return  # "the military junta" is the state's government
    states = [x for x in refs.mentions if x.end <= m.start() and
              dictionary.kind_of(x) in ("state", "state_forces")]
    forces = [x for x in states if dictionary.kind_of(x) == "state_forces" and
              x.actor == dictionary.main_forces(dictionary.state_of(x.actor))]
    if forces and m.group("noun").lower() in ("army", "military"):
        states = forces  # "Myanmar's army" named, then "the army": that army, however
        # often the story names other states (China, the mediator)
    named_times: dict[str, int] = {}
    for x in states:  # the state the story is about: the one named most so far
        home = dictionary.state_of(x.actor)
        named_times[home] = named_times.get(home, 0) + 1
    picked = max(reversed(states), key=lambda x: named_times[dictionary.state_of(x.actor)],
                 default=None)
    if picked is not None:
        actor = picked.actor if dictionary.kind_of(picked) == "state_forces" else \
            dictionary.main_forces(picked.actor)
        refs.add(m.start(), m.end(), actor, s)


def _one_actor(refs: References, m: re.Match[str], noun: str, s: int,
               earlier: list[Mention]) -> None:
    """"the group", "the government", "the militants": one antecedent."""
    dictionary, start = refs.dictionary, m.start()
    if noun in STATE_NOUNS:
        if m.group("adj").strip():
            return  # "the Syrian government" is a dictionary form, not a reference
        paragraph = refs.sentences[s].paragraph
        candidates = [x for x, at in refs.states if x.end <= start and paragraph - 2 <= at]
    elif noun == "militants":
        # "the militants" with no pair just named: the group the article is about (the
        # whole article: its main group is the one named most)
        candidates = [x for x in earlier if x.actor == refs.main_group]
    else:
        # "the front", "the coalition": an actor whose name says so; else any group
        named = [x for x in earlier if _named(x, noun, dictionary)]
        candidates = named or earlier
    chosen = _not_its_own_clause(refs, m, s, candidates, _salient(candidates, s))
    chosen = _by_adjective(refs, m, candidates, chosen)
    if chosen is not None:
        refs.add(start, m.end(), chosen.actor, s, like=chosen)


def _not_its_own_clause(refs: References, m: re.Match[str], s: int,
                        candidates: list[Mention], chosen: Mention | None) -> Mention | None:
    """A reference that is an object in the clause of the salient actor means another."""
    text, start, end = refs.text, m.start(), m.end()

    def another() -> Mention | None:
        assert chosen is not None
        others = [x for x in candidates if x.actor != chosen.actor]
        return _salient(others, s) if others else chosen

    if chosen is not None and chosen.sentence == s and \
            _AS_OBJECT.search(text[max(0, start - 12):start]) and \
            re.search(r",\s*(?:which|who)\b", text[chosen.end:start]):
        # "Hizbul Islam, which merged into the movement": an object of a preposition
        # does not point back at the clause's own subject (that would be "itself")
        chosen = another()
    between = text[chosen.end:start] if chosen is not None else ""
    if chosen is not None and chosen.sentence == s and \
            _OBJECT_VERB.search(text, max(0, start - 200), start) and \
            not re.search(r"[;]|\b(?:which|who|that|and|but)\b", between) and \
            ("," not in between or re.match(r",\s*(?:a|an|another|the|one)\s", between)):
        # "The Taliban deny giving the group any support": not the subject itself
        chosen = another()
    if chosen is not None and m.group("det").lower() in ("that", "this") and any(
            x.actor == chosen.actor and x.sentence == s and x.start >= end
            for x in refs.mentions):
        # "That faction, led by Mumin, split from al-Shabaab": not al-Shabaab itself
        others = [x for x in candidates if x.actor != chosen.actor]
        chosen = _salient(others, s) if others else None
    return chosen


def _by_adjective(refs: References, m: re.Match[str], candidates: list[Mention],
                  chosen: Mention | None) -> Mention | None:
    """"the umbrella group", "the new group": the adjective picks the antecedent."""
    adjectives = m.group("adj").lower().split()
    if "umbrella" in adjectives and candidates:
        # "the umbrella group": one the story has named as holding others
        umbrellas = [x for x in candidates if re.search(
            r"(?:(?:factions|groups|members|militias|brigades)\s+(?:in|of|within)|(?:part|member|"
            r"faction|wing|branch|unit)\s+of|joined|under)\s+(?:the\s+)?$",
            refs.text[max(0, x.start - 40):x.start]) or re.search(
            r"\b(?:Resistance|Coalition|Alliance|Front|Council|Mobili[sz]ation|Forces)\b",
            x.text)]
        chosen = umbrellas[-1] if umbrellas else chosen
    if "new" in adjectives and candidates:
        # "the new group": the group that entered the story last
        first_seen: dict[str, int] = {}
        for x in refs.mentions:
            first_seen.setdefault(x.actor, x.start)
        chosen = max(candidates, key=lambda x: (first_seen.get(x.actor, 0), x.start))
    return chosen


@coreference(
    "his_group",
    Example("Abu Bakr al-Baghdadi said in 2014 that his group would expand.", "his group",
            "islamic-state"))
def his_group(refs: References) -> None:
    """"Baghdadi said his group ...": the group the dictionary says he leads."""
    leaders = refs.dictionary.led_groups
    for m in _HIS_GROUP.finditer(refs.text):
        s = refs.free(m.start(), m.end())
        if s is None:
            continue
        people = [x for x in refs.mentions if x.end <= m.start() and x.actor in leaders and
                  s - x.sentence <= 1]
        group = refs.dictionary.led_group(people[-1].actor, refs.year) if people else None
        if group:
            refs.add(m.start(), m.end(), group, s)


@coreference(
    "they",
    Example("The Houthis have fought the Yemeni government since 2004. They are also "
            "enemies of AQAP.", "They", "houthis"))
def they(refs: References) -> None:
    """"They fought deadly battles ...", "no fighting among them": the pair just named, or
    a group with a plural name."""
    text, mentions, dictionary = refs.text, refs.mentions, refs.dictionary
    for m in _THEY.finditer(text):
        g = next(n for n in ("pron", "pron2", "pron3", "pron4") if m.group(n))
        s = refs.free(m.start(g), m.end(g))
        if s is None:
            continue
        # "if they are working together" is a question put about the pair under discussion,
        # often a few sentences after it was named
        pairs = refs.pairs(m.start(g), s, 5 if g == "pron3" else 2)
        if pairs:
            refs.add(m.start(g), m.end(g), pairs[-1].actor, s)
        elif g == "pron" and s > 0:
            # "The Houthis, led by ..., have fought ... They are also enemies of AQAP": a group
            # with a plural name that opens the sentence before
            previous = [x for x in mentions if x.sentence == s - 1]
            opener = previous[0] if previous else None
            if opener is not None and _is_group(opener, dictionary) and \
                    re.fullmatch(r"\W*(?:the\s+)?", text[refs.sentences[s - 1].start:opener.start],
                                 re.I) and re.search(r"(?:[^s]s|Taliban|Taleban)$", opener.text):
                refs.add(m.start(g), m.end(g), opener.actor, s, like=opener)
        elif g == "pron4":
            # "ignored groups like the Haqqanis ..., or allowed them to return": a group with
            # a plural name earlier in the sentence
            plural = [x for x in mentions if x.sentence == s and x.end <= m.start(g) and
                      _is_group(x, dictionary) and re.search(r"(?:[^s]s|Taliban)$", x.text)]
            if plural:
                refs.add(m.start(g), m.end(g), plural[-1].actor, s, like=plural[-1])


@coreference(
    "subordinate_pronoun",
    Example("Pakistan ignored the Haqqanis because they did not attack Pakistan.", "they",
            "haqqani-network"))
def subordinate_pronoun(refs: References) -> None:
    """"ignored the Haqqanis because they did not carry out attacks": the group just named."""
    text, mentions, dictionary = refs.text, refs.mentions, refs.dictionary
    for m in _SUBORDINATE_PRONOUN.finditer(text):
        if refs.covered(m.start("pron"), m.end()):
            continue
        s = refs.sent_at(m.start("pron"))
        if s is None:
            continue
        before = [x for x in mentions if x.sentence == s and x.end <= m.start() and
                  (x.provisional or dictionary.kind_of(x) == "armed_group")]
        first = [x for x in mentions if x.sentence == s and x.end <= m.start()][:1]
        if not before and first and m.group("pron") == "it" and \
                dictionary.kind_of(first[0]) in ("state", "state_agency", "intl_org") and \
                re.match(r"\s+(?:was|is|has|had|did|does)\b", text[first[0].end:]):
            before = first  # "Iran was in non-compliance because it had failed to"
        if before:
            refs.add(m.start("pron"), m.end("pron"), before[-1].actor, s, like=before[-1])


@coreference(
    "speaker_pronoun",
    Example("Hamas said that it was ready to hold talks.", "it", "hamas"))
def speaker_pronoun(refs: References) -> None:
    """"JNIM said that it was ready to hold talks": it is the speaker; "JNIM said its
    fighters killed ...", "The TTP has grown ..., and in 2020 it reabsorbed ..."."""
    text, dictionary = refs.text, refs.dictionary
    for m in _SPEAKER_PRONOUN.finditer(text):
        g = "pron" if m.group("pron") else "pron2"
        s = refs.free(m.start(g), m.end(g))
        if s is None:
            continue
        speakers = [x for x in refs.mentions if x.sentence == s and x.end <= m.start() and
                    x.method != "coref" and text[x.end:x.end + 1] != "-" and
                    (x.provisional or dictionary.kind_of(x) not in (None, "person"))]
        if re.match(r"(?:demand|insistence|expectation)", m.group(0)):
            # "X is unlikely to bow to Islamabad's demand that it expels ...": not the one
            # who demands, but the one the demand is made of
            speakers = [x for x in speakers if not re.match(r"['\u2019]s\s", text[x.end:])][-1:]
        if speakers:
            x = speakers[0]  # the clause's subject, not an actor inside its apposition
            actor = x.actor
            if dictionary.kind_of(x) == "state" and re.search(
                    r"\s(?:forces|troops|soldiers|units|aircraft|jets|warplanes|drones)$",
                    m.group(g)):
                actor = dictionary.main_forces(actor)  # "Ethiopia says its troops killed"
            refs.add(m.start(g), m.end(g), actor, s, method="speaker", like=x)


@coreference(
    "demonym_allies",
    Example("The Afghan Taliban took Kabul in 2021. TTP fighters used weapons which their "
            "Afghan allies seized.", "their Afghan allies", "afghan-taliban"))
def demonym_allies(refs: References) -> None:
    """"TTP fighters ... weaponry which their Afghan allies seized": the Afghan group of the
    story; "Hezbollah and its Iranian backers": no Iranian group named, so the state."""
    text, dictionary = refs.text, refs.dictionary
    for m in _DEMONYM_ALLIES.finditer(text):
        s = refs.free(m.start(), m.end())
        if s is None:
            continue
        state_id = dictionary.state_of_demonym(m.group("dem"))
        state_entry = dictionary.get(state_id) if state_id else None
        countries = set(state_entry.country) if state_entry else set()
        here = [x for x in refs.mentions if x.sentence == s and x.end <= m.start() and
                _is_group(x, dictionary)]
        owner = here[-1].actor if here else None
        seen: dict[str, int] = {}
        for x in refs.mentions:
            entry = dictionary.get(x.actor)
            if x.end <= m.start() and x.actor != owner and entry is not None and \
                    entry.kind == "armed_group" and countries & set(entry.country):
                seen[x.actor] = seen.get(x.actor, 0) + 1
        if owner and seen:
            refs.add(m.start(), m.end(), max(seen, key=lambda a: seen[a]), s)
        elif owner and re.search(r"(?:backers?|patrons?|sponsors?)$", m.group(0)) and \
                state_id is not None:
            refs.add(m.start(), m.end(), state_id, s)


@coreference(
    "backed_noun",
    Example("The SDF, the US-backed alliance, took Raqqa in 2017.", "alliance",
            "syrian-democratic-forces"))
def backed_noun(refs: References) -> None:
    """"the Iran-backed militia": the noun refers back; the adjective states the backing."""
    text, mentions, dictionary = refs.text, refs.mentions, refs.dictionary
    for m in _BACKED_NOUN.finditer(text):
        start, end = m.start("noun"), m.end("noun")
        s = refs.free(start, end)
        if s is None:
            continue
        backer = {x.actor for x in mentions if x.end == m.start("dash")}
        apposed = [x for x in mentions if re.fullmatch(r"\s*,\s*", text[x.end:m.start()])]
        window = {x.actor for x in mentions + refs.out if x.end <= m.start() and
                  x.actor not in backer and 0 <= s - x.sentence <= 1 and
                  _is_group(x, dictionary) and not is_pair(x.actor)}
        if len(window) > 1 and backer:
            # "... ISKP by the Haqqani Network with the help of Pakistani ISI. ... the
            # Rawalpindi-backed group": the group just said to be backed by that state
            window = _said_backed(text, mentions, window, backer, dictionary) or window
        # "the SDF, the US-backed alliance": the apposed name; else only one group to mean
        chosen = apposed[-1] if apposed else next(
            (x for x in reversed(mentions + refs.out) if x.end <= m.start() and
             x.actor in window), None) if len(window) == 1 else None
        if chosen is not None:
            refs.add(start, end, chosen.actor, s, like=chosen)


@coreference(
    "possessive_pronoun",
    Example("Hezbollah sent fighters to Syria in 2013. Its fighters returned in 2019.",
            "Its", "hezbollah"))
def possessive_pronoun(refs: References) -> None:
    """Sentence-initial "Its fighters ...", "It is led by ...": the salient group; "Its
    aircraft": a state's forces."""
    text, sentences, dictionary = refs.text, refs.sentences, refs.dictionary
    for m in _PRONOUN.finditer(text):
        s = refs.free(m.start(), m.end())
        if s is None:
            continue
        paragraph = sentences[s].paragraph
        # "Its aircraft have bombed ...": a state's forces own aircraft, not a militant group
        military = re.match(r"\s+(?:aircraft|jets|warplanes|troops|soldiers|artillery|drones|"
                            r"navy|air\s+force|gunships|helicopters)\b", text[m.end():])
        earlier = [x for x in refs.mentions + refs.out if x.end <= m.start() and
                   paragraph - 1 <= sentences[x.sentence].paragraph <= paragraph and
                   not is_pair(x.actor) and
                   (dictionary.kind_of(x) in ("state_forces", "state") if military
                    else _is_group(x, dictionary))]
        chosen = _salient(earlier, s)
        if chosen is not None:
            refs.add(m.start(), m.end(), chosen.actor, s, like=chosen)
