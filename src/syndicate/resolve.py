"""Resolve stage: dictionary hits -> canonical actors, by context rules and light coreference."""

from __future__ import annotations

import re

from .actors import Dictionary
from .model import Mention, Sentence
from .recognize import Hit, Matcher, fold, recognize

_COREF = re.compile(
    r"""
    \b(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Bb]oth)\s+(?P<two>two\s+
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
_PRONOUN = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<pron>Its|Their|It(?=\s+(?:is|was|has|had)\s+"
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
    (?:(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=[\u201c\"]))(?P<pron>They)\b
    |\b(?:among|between|of)\s+(?P<pron2>them)\b|\b[Ii]f\s+(?P<pron3>they)\b
    |\b(?:allowed|enabled|helped|forced|let)\s+(?P<pron4>them)\s+to\b)
    """, re.X)
_DEMONYM_ALLIES = re.compile(r"\b(?:its|their)\s+(?P<dem>[A-Z][a-z]+)\s+(?:allies|ally|partners?|"
                             r"backers?|patrons?|sponsors?|comrades|counterparts)\b")
_BACKED_NOUN = re.compile(r"""
    \b[Tt]he\s+\S+?(?P<dash>-)(?:backed|funded|sponsored|supported|armed
    |allied)\s+(?P<noun>group|militia|movement|alliance|coalition|force|faction|network|outfit
    |organi[sz]ation)\b
    """, re.X)
_RIVALS = re.compile(r"\b(?:its|their)\s+(?:(?:former|old|main|bitter|longtime|arch)\s+)?"
                     r"(?:rivals|rival|enemies|enemy|foes|foe|arch-?rivals?)\b")
_HIS_GROUP = re.compile(r"\bhis\s+(?:own\s+)?(?:group|organi[sz]ation|movement|network|faction|"
                        r"fighters|men|militia|outfit)\b")


_SUBORDINATE_PRONOUN = re.compile(r"\b(?:because|since|although|though|unless|until)\s+"
                                  r"(?P<pron>it|they)\b")
_SPEAKER_PRONOUN = re.compile(
    r"""
    \b(?:said|says|say|announced|declared|claimed|warned|insisted|stated|added|ordered|told
    |(?:denies|denied|deny)(?=\s+(?:that\s+)?(?:its|their)\s)|instructed|demand|demands|demanded
    |insistence|expectation
    |(?:signal|message|warning)\s+to\s+(?:[A-Z][\w-]+\s+){0,2}[A-Z][\w-]+)\s+(?:(?:on|last
    |this)\s+\w+(?:\s+\d{1,2})?\s+)?(?:that\s+)?(?P<pron>it
    |they
    |(?:its|their)\s+(?:fighters|militants|members|forces|commanders|men|cadres|units|strikes
    |aircraft|jets|warplanes|troops|soldiers|drones))\b
    |,\s+(?:and|but)\s+(?:(?:in|by|since)\s+\d{4}\s+|later\s+
    |then\s+)?(?P<pron2>it)\b(?=\s+(?:has|had|was|is|\w+ed)\b)
    """, re.X)
STATE_NOUNS = {"government", "authorities", "regime", "junta"}
GROUP_KINDS = {"armed_group"}


def resolve(text: str, sentences: list[Sentence], dictionary: Dictionary,
            matcher: Matcher, *, candidates: bool = True, year: int | None = None
            ) -> list[Mention]:
    """All actor mentions in ``text`` with their canonical actor, sentence by sentence:
    the recognize stage and this one together."""
    return resolve_hits(text, sentences, recognize(text, matcher, candidates=candidates),
                        dictionary, matcher, year=year)


def resolve_hits(text: str, sentences: list[Sentence], found: list[Hit],
                 dictionary: Dictionary, matcher: Matcher, *, year: int | None = None
                 ) -> list[Mention]:
    """The mentions the recognized ``found`` hits make, with their canonical actors."""
    hits = [h for h in found if h.how != "shape"]
    doc_folded = fold(text)
    mentions: list[Mention] = []
    sent_at = _sentence_index(sentences)
    for hit in sorted(found, key=lambda h: h.start):
        s = sent_at(hit.start)
        if s is None:
            continue
        if hit.how == "shape":
            mentions.append(Mention(hit.start, hit.end, hit.text, hit.actors[0], s, "shape",
                                    provisional=True))
            continue
        actor = _disambiguate(hit, text, sentences[s], doc_folded, dictionary)
        if actor and _scene_setting(hit, text, actor, dictionary):
            continue  # "In Somalia, the X announced ...": a place that frames the sentence
        if actor:
            mentions.append(Mention(hit.start, hit.end, hit.text, dictionary.canonical(actor), s,
                                    hit.how))
    mentions = _possessive_forces(text, mentions, dictionary)
    mentions += _shared_heads(text, hits, matcher, dictionary, sent_at)
    mentions += _demonym_adjectives(text, mentions, dictionary, sent_at)
    mentions += _surnames(text, mentions, dictionary, sent_at)
    mentions.sort(key=lambda m: (m.start, m.end))
    mentions += _coreference(text, sentences, mentions, dictionary, sent_at, year)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


_STATE_POSSESSIVE_FORCES = re.compile(
    r"""
    ['\u2019]s\s+(?:(?:own|defeated|regular|national|elite|beleaguered|depleted|demoralised
    |demoralized|former|regular)\s+)?(?:armed\s+forces
    |army|military|security\s+forces|troops|soldiers|forces)\b
    """, re.X)


def _possessive_forces(text: str, mentions: list[Mention], dictionary: Dictionary
                       ) -> list[Mention]:
    """"Afghanistan's defeated armed forces": the state's forces, not the state."""
    out = []
    for m in mentions:
        forces = dictionary.main_forces(m.actor) if dictionary.kind_of(m) == "state" else m.actor
        tail = _STATE_POSSESSIVE_FORCES.match(text, m.end) if forces != m.actor else None
        if tail is not None:
            m = Mention(m.start, tail.end(), text[m.start:tail.end()], forces, m.sentence,
                        "state_form")
        out.append(m)
    return out


_DEMONYM_ADJECTIVE = re.compile(r"\b(?P<dem>[A-Z][a-z]+)-(?=(?:backed|led|funded|sponsored|"
                                r"supported|trained|armed|brokered|mediated|allied)\b)")


def _demonym_adjectives(text: str, mentions: list[Mention], dictionary: Dictionary,
                        sent_at) -> list[Mention]:
    """'another Emirati-backed force', 'the Turkish-backed SNA', 'an Egyptian-brokered
    truce': the demonym glued to the participle names its state."""
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in mentions]
    for m in _DEMONYM_ADJECTIVE.finditer(text):
        start, end = m.start("dem"), m.end("dem")
        if any(a < end and start < b for a, b in taken):
            continue
        state = dictionary.state_of_demonym(m.group("dem"))
        s = sent_at(start)
        if state is not None and s is not None:
            out.append(Mention(start, end, m.group("dem"), state, s, "demonym"))
    return out


def _shared_heads(text: str, hits: list[Hit], matcher: Matcher, dictionary: Dictionary,
                  sent_at) -> list[Mention]:
    """'Afghan and US forces': the first demonym shares the second one's noun."""
    out: list[Mention] = []
    for hit in hits:
        parts = hit.text.split(" ", 1)
        if hit.how not in ("state_form", "alias") or len(parts) != 2 or not parts[0][:1].isupper():
            continue
        before = text[max(0, hit.start - 30):hit.start]
        m = re.search(r"\b([A-Z][a-z]+|[A-Z]{2,3})\s+and\s+$", before)
        if not m:
            continue
        for form in (f"{m.group(1)} {parts[1]}", f"{m.group(1)} {hit.text.rsplit(' ', 1)[-1]}"):
            # "Afghan and US forces"; "The Afghan and US-led coalition forces"
            found = matcher.find(form)
            if len(found) == 1 and found[0].end == len(form) and \
                    found[0].how in ("state_form", "alias"):
                break
        if len(found) == 1 and found[0].end == len(form) and found[0].how in ("state_form",
                                                                               "alias"):
            start = hit.start - len(m.group(0))
            s = sent_at(start)
            if s is not None:
                actor = dictionary.canonical(found[0].actors[0])
                out.append(Mention(start, start + len(m.group(1)), m.group(1), actor, s,
                                   "state_form"))
    return out


def _surnames(text: str, mentions: list[Mention], dictionary: Dictionary,
              sent_at) -> list[Mention]:
    """After 'Baitullah Mehsud', a later 'Mehsud' is the same person (news style)."""
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in mentions]
    seen: dict[str, tuple[int, str]] = {}
    for m in mentions:
        actor = dictionary.get(m.actor)
        if actor is None or actor.kind != "person" or " " not in m.text.strip():
            continue
        last = m.text.split()[-1]
        for variant in {last, re.sub(r"^(?:al|el|ul)-", "", last)}:
            if len(variant) >= 4 and variant[0].isupper() and variant not in seen:
                seen[variant] = (m.end, m.actor)
    for name, (after, actor_id) in seen.items():
        for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text[after:]):
            start, end = after + hit.start(), after + hit.end()
            if any(s < end and start < e for s, e in taken):
                continue
            s = sent_at(start)
            if s is not None:
                out.append(Mention(start, end, name, actor_id, s, "surname"))
                taken.append((start, end))
    return out


_ACTIVE_IN = re.compile(r"\b(?:active|based|operating|present|deployed|holed\s+up|hiding)\s+in\s+"
                        r"(?:(?:northern|southern|eastern|western|central)\s+)?$", re.I)
_SCENE = re.compile(r"(?:^|[.!?]\s+|\n)(?:In|Across|Throughout|Inside|Within|From)\s+"
                    r"(?:(?:the\s+)?(?:north|south|east|west|central)(?:ern)?(?:-\w+)?\s+)?$")


def _scene_setting(hit: Hit, text: str, actor: str, dictionary: Dictionary) -> bool:
    entry = dictionary.get(actor)
    if entry is None or entry.kind != "state":
        return False
    before = text[max(0, hit.start - 40):hit.start]
    if _ACTIVE_IN.search(before):
        return True  # "jihadist groups active in Mali"
    return text[hit.end:hit.end + 1] == "," and bool(_SCENE.search(before))


def _disambiguate(hit: Hit, text: str, sentence: Sentence, doc_folded: str,
                  dictionary: Dictionary) -> str | None:
    key = fold(hit.text)
    for rule in dictionary.rules:
        if rule.setdefault("_folded", fold(rule["alias"])) != key:
            continue
        for override in rule.get("overrides") or []:
            if _override_applies(override, hit, text, sentence, doc_folded):
                return str(override["actor"])
        return str(rule["default"]) if rule.get("default") else None
    return hit.actors[0]


_PARENT_CONTEXT = re.compile(r"\b(?:branch|affiliate|province|franchise|wing|arm|offshoot|chapter|"
                             r"allegiance|loyalty|loyal|leader|caliph|central\s+command)\s+"
                             r"(?:of|to)\s+(?:the\s+)?$", re.I)


_PARENT_POSSESSIVE = re.compile(r"['\u2019]s\s+(?:[\w-]+\s+){0,2}?(?:branch|affiliate|province|"
                                r"franchise|wing|arm|offshoot|chapter|leader|caliph|"
                                r"central\s+command)\b", re.I)


def _override_applies(override: dict, hit: Hit, text: str, sentence: Sentence,
                      doc_folded: str) -> bool:
    preceded = override.get("preceded_by")
    if preceded:
        before = fold(text[max(0, hit.start - 20):hit.start]).rstrip()
        return any(before.endswith(fold(p)) for p in preceded)
    if override.get("scope") == "document" and (_PARENT_CONTEXT.search(
            text[max(0, hit.start - 40):hit.start]) or _PARENT_POSSESSIVE.match(text, hit.end)):
        # "ISKP, the Afghan branch of the Islamic State", "the Islamic State's branch for
        # Afghanistan": the parent itself
        return False
    scope = doc_folded if override.get("scope") == "document" else fold(sentence.text)
    if any(_has_word(scope, fold(u)) for u in override.get("unless") or []):
        return False
    return any(_has_word(scope, fold(c)) for c in override.get("cues") or [])


def _has_word(folded: str, word: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", folded) is not None


def _sentence_index(sentences: list[Sentence]):
    starts = [s.start for s in sentences]
    import bisect

    def at(offset: int) -> int | None:
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0 or offset >= sentences[i].end:
            return None
        return i

    return at


def _coreference(text: str, sentences: list[Sentence], mentions: list[Mention],
                 dictionary: Dictionary, sent_at, year: int | None = None) -> list[Mention]:
    """'the group', 'the network', 'the two groups' -> the most recent group(s) in the paragraph."""
    out: list[Mention] = []
    spans = [(m.start, m.end) for m in mentions]
    for m in _RIVALS.finditer(text):
        # "The Taliban were trying to stamp out their rivals": the other group just named
        s = sent_at(m.start())
        if s is None or any(a < m.end() and m.start() < b for a, b in spans) or \
                _name_follows(text, m.end(), mentions):
            continue
        here = [x for x in mentions if x.sentence == s and x.end <= m.start()]
        if not here or not _is_group(here[-1], dictionary):
            continue
        possessor = here[-1].actor
        rivals = [x for x in mentions if x.end <= m.start() and 0 <= s - x.sentence <= 2 and
                  x.actor != possessor and _is_group(x, dictionary)]
        if rivals and len({x.actor for x in rivals}) == 1:  # only when it is unambiguous
            x = rivals[-1]
            out.append(Mention(m.start(), m.end(), m.group(0), x.actor, s, "coref",
                               provisional=x.provisional))
    for m in _COREF.finditer(text):
        start, end = m.start(), m.end()
        if any(s < end and start < e for s, e in spans):
            continue
        if _NAMED_NEXT.match(text, end) or _name_follows(text, end, mentions):
            continue  # "the new group, JNIM, ...": the name follows, nothing to resolve
        s = sent_at(start)
        if s is None:
            continue
        paragraph = sentences[s].paragraph
        earlier = [x for x in mentions if x.end <= start and
                   paragraph - 2 <= sentences[x.sentence].paragraph <= paragraph and
                   (_is_group(x, dictionary) or _named(x, m.group("noun").lower(),
                                                       dictionary))]
        if not earlier and m.group("noun").lower() not in \
                STATE_NOUNS | {"army", "military", "operation", "offensive"}:
            continue
        wants_two = bool(m.group("two")) or m.group("det").lower() == "both"
        if wants_two:
            pairs = [x for x in out if x.actor.startswith("pair:") and x.end <= start and
                     s - x.sentence <= 3]
            if pairs:
                out.append(Mention(start, end, m.group(0), pairs[-1].actor, s, "coref"))
                continue
            recent: list[str] = []
            for x in reversed(earlier):
                if x.actor not in recent:
                    recent.append(x.actor)
                if len(recent) == 2:
                    break
            if len(recent) == 2:
                pair = "pair:" + "|".join(sorted(recent))
                out.append(Mention(start, end, m.group(0), pair, s, "coref"))
            continue
        noun = m.group("noun").lower()
        if noun == "front" and re.search(r"\b(?:to|at|on|near|from|along)\s+$", text[:start]):
            continue  # "sent fighters to the front": a battlefield
        if noun in ("militants", "insurgents", "rebels"):
            pairs = [x for x in out if x.actor.startswith("pair:") and x.end <= start and
                     0 <= s - x.sentence <= 2]
            if pairs:
                out.append(Mention(start, end, m.group(0), pairs[-1].actor, s, "coref"))
                continue
            sides = {x.actor for x in mentions + out if x.end <= start and
                     0 <= s - x.sentence <= 1 and _is_group(x, dictionary) and
                     not x.actor.startswith("pair:")}
            context = text[sentences[max(0, s - 1)].start:start]
            if len(sides) == 2 and re.search(r"\b(?:conflict|rivals?|infighting|feud|fought|"
                                              r"battles?|clashes)\b", context) and \
                    not any(x.sentence == s and x.end <= start and _is_group(x, dictionary)
                            for x in mentions):
                # "The Taliban were trying to stamp out their rivals. ... took advantage of the
                # conflict, pushing back the militants": both sides of the conflict
                out.append(Mention(start, end, m.group(0), "pair:" + "|".join(sorted(sides)),
                                   s, "coref"))
                continue
        if noun.endswith("s") and noun not in ("rebels", "insurgents", "authorities", "militants"):
            continue  # a plural other than "the two X" is too vague
        if noun in ("operation", "offensive") and not re.match(
                r"\s+(?:has|have|had|is|was|killed|displaced|disrupted|targeted|hit|pushed|drove|"
                r"forced|destroyed|cleared)\b", text[end:]):
            continue  # only as the subject: "the operation has displaced the Haqqani network"
        if noun in ("army", "military", "operation", "offensive"):
            # "the army could launch a new offensive": the forces of the state in the story
            if m.group("adj").strip() or m.group("det").lower() != "the" or re.match(
                    r"\s+(?:junta|government|regime|rulers?|leaders?|leadership|council|authorities|"
                    r"court|intelligence|spokes\w+|chiefs?|commanders?|officials?)\b", text[end:]):
                continue  # "the military junta" is the state's government
            states = [x for x in mentions if x.end <= start and
                      dictionary.kind_of(x) in ("state", "state_forces")]
            named_times: dict[str, int] = {}
            for x in states:  # the state the story is about: the one named most so far
                home = dictionary.state_of(x.actor)
                named_times[home] = named_times.get(home, 0) + 1
            picked = max(reversed(states), key=lambda x: named_times[dictionary.state_of(x.actor)],
                         default=None)
            if picked is not None:
                actor = picked.actor if dictionary.kind_of(picked) == "state_forces" else \
                    dictionary.main_forces(picked.actor)
                out.append(Mention(start, end, m.group(0), actor, s, "coref"))
            continue
        if noun in STATE_NOUNS:
            if m.group("adj").strip():
                continue  # "the Syrian government" is a dictionary form, not a reference
            candidates = [x for x in mentions if x.end <= start and dictionary.kind_of(x) == "state"
                          and paragraph - 2 <= sentences[x.sentence].paragraph]
        elif noun == "militants":
            # "the militants" with no pair just named: the group the article is about
            counts: dict[str, int] = {}
            for x in mentions:  # the whole article: its main group is the one named most
                if _is_group(x, dictionary):
                    counts[x.actor] = counts.get(x.actor, 0) + 1
            top = max(counts, key=lambda a: counts[a]) if counts else None
            candidates = [x for x in earlier if x.actor == top]
        else:
            # "the front", "the coalition": an actor whose name says so; else any group
            named = [x for x in earlier if _named(x, noun, dictionary)]
            candidates = named or earlier
        chosen = _salient(candidates, s)
        if chosen is not None and chosen.sentence == s and \
                _AS_OBJECT.search(text[max(0, start - 12):start]) and \
                re.search(r",\s*(?:which|who)\b", text[chosen.end:start]):
            # "Hizbul Islam, which merged into the movement": an object of a preposition
            # does not point back at the clause's own subject (that would be "itself")
            others = [x for x in candidates if x.actor != chosen.actor]
            chosen = _salient(others, s) if others else chosen
        between = text[chosen.end:start] if chosen is not None else ""
        if chosen is not None and chosen.sentence == s and _OBJECT_VERB.search(text, 0, start) \
                and not re.search(r"[;]|\b(?:which|who|that|and|but)\b", between) and \
                ("," not in between or re.match(r",\s*(?:a|an|another|the|one)\s", between)):
            # "The Taliban deny giving the group any support": not the subject itself
            others = [x for x in candidates if x.actor != chosen.actor]
            chosen = _salient(others, s) if others else chosen
        if chosen is not None and m.group("det").lower() in ("that", "this") and any(
                x.actor == chosen.actor and x.sentence == s and x.start >= end for x in mentions):
            # "That faction, led by Mumin, split from al-Shabaab": not al-Shabaab itself
            others = [x for x in candidates if x.actor != chosen.actor]
            chosen = _salient(others, s) if others else None
        if "umbrella" in m.group("adj").lower().split() and candidates:
            # "the umbrella group": one the story has named as holding others
            umbrellas = [x for x in candidates if re.search(
                r"(?:(?:factions|groups|members|militias|brigades)\s+(?:in|of|within)|(?:part|member|"
                r"faction|wing|branch|unit)\s+of|joined|under)\s+(?:the\s+)?$",
                text[max(0, x.start - 40):x.start]) or re.search(
                r"\b(?:Resistance|Coalition|Alliance|Front|Council|Mobili[sz]ation|Forces)\b",
                x.text)]
            chosen = umbrellas[-1] if umbrellas else chosen
        if "new" in m.group("adj").lower().split() and candidates:
            # "the new group": the group that entered the story last
            first_seen: dict[str, int] = {}
            for x in mentions:
                first_seen.setdefault(x.actor, x.start)
            chosen = max(candidates, key=lambda x: (first_seen.get(x.actor, 0), x.start))
        if chosen is not None:
            out.append(Mention(start, end, m.group(0), chosen.actor, s, "coref",
                               provisional=chosen.provisional))
    leaders = dictionary.led_groups
    for m in _HIS_GROUP.finditer(text):
        # "Baghdadi said his group ...": the group the dictionary says he leads
        s = sent_at(m.start())
        if s is None or any(a < m.end() and m.start() < b for a, b in spans):
            continue
        people = [x for x in mentions if x.end <= m.start() and x.actor in leaders and
                  s - x.sentence <= 1]
        group = dictionary.led_group(people[-1].actor, year) if people else None
        if group:
            out.append(Mention(m.start(), m.end(), m.group(0), group, s, "coref"))
    for m in _THEY.finditer(text):
        # "They fought deadly battles ...", "no fighting among them": the pair just named
        g = next(n for n in ("pron", "pron2", "pron3", "pron4") if m.group(n))
        s = sent_at(m.start(g))
        if s is None or any(a < m.end(g) and m.start(g) < b for a, b in spans):
            continue
        # "if they are working together" is a question put about the pair under discussion,
        # often a few sentences after it was named
        reach = 5 if g == "pron3" else 2
        pairs = [x for x in out if x.actor.startswith("pair:") and x.end <= m.start(g) and
                 0 <= s - x.sentence <= reach]
        if pairs:
            out.append(Mention(m.start(g), m.end(g), m.group(g), pairs[-1].actor, s, "coref"))
        elif g == "pron" and s > 0:
            # "The Houthis, led by ..., have fought ... They are also enemies of AQAP": a group
            # with a plural name that opens the sentence before
            previous = [x for x in mentions if x.sentence == s - 1]
            opener = previous[0] if previous else None
            if opener is not None and _is_group(opener, dictionary) and \
                    re.fullmatch(r"\W*(?:the\s+)?", text[sentences[s - 1].start:opener.start],
                                 re.I) and re.search(r"(?:[^s]s|Taliban|Taleban)$", opener.text):
                out.append(Mention(m.start(g), m.end(g), m.group(g), opener.actor, s, "coref",
                                   provisional=opener.provisional))
        elif g == "pron4":
            # "ignored groups like the Haqqanis ..., or allowed them to return": a group with
            # a plural name earlier in the sentence
            plural = [x for x in mentions if x.sentence == s and x.end <= m.start(g) and
                      _is_group(x, dictionary) and re.search(r"(?:[^s]s|Taliban)$", x.text)]
            if plural:
                out.append(Mention(m.start(g), m.end(g), m.group(g), plural[-1].actor, s,
                                   "coref", provisional=plural[-1].provisional))
    for m in _SUBORDINATE_PRONOUN.finditer(text):
        # "ignored the Haqqanis because they did not carry out attacks": the group just named
        s = sent_at(m.start("pron"))
        if s is None or any(a < m.end() and m.start("pron") < b for a, b in spans):
            continue
        before = [x for x in mentions if x.sentence == s and x.end <= m.start() and
                  (x.provisional or dictionary.kind_of(x) == "armed_group")]
        first = [x for x in mentions if x.sentence == s and x.end <= m.start()][:1]
        if not before and first and m.group("pron") == "it" and \
                dictionary.kind_of(first[0]) in ("state", "state_agency", "intl_org") and \
                re.match(r"\s+(?:was|is|has|had|did|does)\b", text[first[0].end:]):
            before = first  # "Iran was in non-compliance because it had failed to"
        if before:
            x = before[-1]
            out.append(Mention(m.start("pron"), m.end("pron"), m.group("pron"), x.actor, s,
                               "coref", provisional=x.provisional))
    for m in _SPEAKER_PRONOUN.finditer(text):
        # "JNIM said that it was ready to hold talks": it is the speaker; "JNIM said its
        # fighters killed ...", "The TTP has grown ..., and in 2020 it reabsorbed ..."
        g = "pron" if m.group("pron") else "pron2"
        s = sent_at(m.start(g))
        if s is None or any(a < m.end(g) and m.start(g) < b for a, b in spans):
            continue
        speakers = [x for x in mentions if x.sentence == s and x.end <= m.start() and
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
            out.append(Mention(m.start(g), m.end(g), m.group(g), actor, s,
                               "speaker", provisional=x.provisional))
    for m in _DEMONYM_ALLIES.finditer(text):
        # "TTP fighters ... weaponry which their Afghan allies seized": the Afghan group of
        # the story
        s = sent_at(m.start())
        if s is None or any(a < m.end() and m.start() < b for a, b in spans):
            continue
        state_id = dictionary.state_of_demonym(m.group("dem"))
        state_entry = dictionary.get(state_id) if state_id else None
        countries = set(state_entry.country) if state_entry else set()
        here = [x for x in mentions if x.sentence == s and x.end <= m.start() and
                _is_group(x, dictionary)]
        owner = here[-1].actor if here else None
        seen: dict[str, int] = {}
        for x in mentions:
            entry = dictionary.get(x.actor)
            if x.end <= m.start() and x.actor != owner and entry is not None and \
                    entry.kind == "armed_group" and countries & set(entry.country):
                seen[x.actor] = seen.get(x.actor, 0) + 1
        if owner and seen:
            chosen_actor = max(seen, key=lambda a: seen[a])
            out.append(Mention(m.start(), m.end(), m.group(0), chosen_actor, s, "coref"))
        elif owner and re.search(r"(?:backers?|patrons?|sponsors?)$", m.group(0)):
            # "Hezbollah and its Iranian backers": no Iranian group named, so the state
            if state_id is not None:
                out.append(Mention(m.start(), m.end(), m.group(0), state_id, s, "coref"))
    for m in _BACKED_NOUN.finditer(text):
        # "the Iran-backed militia": the noun refers back; the adjective states the backing
        start, end = m.start("noun"), m.end("noun")
        s = sent_at(start)
        if s is None or any(a < end and start < b for a, b in spans):
            continue
        paragraph = sentences[s].paragraph
        backer = {x.actor for x in mentions if x.end == m.start("dash")}
        apposed = [x for x in mentions if re.fullmatch(r"\s*,\s*", text[x.end:m.start()])]
        window = {x.actor for x in mentions + out if x.end <= m.start() and x.actor not in backer
                  and 0 <= s - x.sentence <= 1 and _is_group(x, dictionary) and
                  not x.actor.startswith("pair:")}
        if len(window) > 1 and backer:
            # "... ISKP by the Haqqani Network with the help of Pakistani ISI. ... the
            # Rawalpindi-backed group": the group just said to be backed by that state
            window = _said_backed(text, mentions, window, backer, dictionary) or window
        # "the SDF, the US-backed alliance": the apposed name; else only one group to mean
        chosen = apposed[-1] if apposed else next(
            (x for x in reversed(mentions + out) if x.end <= m.start() and
             x.actor in window), None) if len(window) == 1 else None
        if chosen is not None:
            out.append(Mention(start, end, m.group("noun"), chosen.actor, s, "coref",
                               provisional=chosen.provisional))
    for m in _PRONOUN.finditer(text):
        s = sent_at(m.start())
        if s is None or any(a < m.end() and m.start() < b for a, b in spans):
            continue
        paragraph = sentences[s].paragraph
        # "Its aircraft have bombed ...": a state's forces own aircraft, not a militant group
        military = re.match(r"\s+(?:aircraft|jets|warplanes|troops|soldiers|artillery|drones|"
                            r"navy|air\s+force|gunships|helicopters)\b", text[m.end():])
        earlier = [x for x in mentions + out if x.end <= m.start() and
                   paragraph - 1 <= sentences[x.sentence].paragraph <= paragraph and
                   not x.actor.startswith("pair:") and
                   (dictionary.kind_of(x) in ("state_forces", "state") if military
                    else _is_group(x, dictionary))]
        chosen = _salient(earlier, s)
        if chosen is not None:
            out.append(Mention(m.start(), m.end(), m.group(0), chosen.actor, s, "coref",
                               provisional=chosen.provisional))
    return out


def _name_follows(text: str, end: int, mentions: list[Mention]) -> bool:
    m = re.match(r",?\s+(?:the\s+)?", text[end:end + 8])
    if m is None:
        return False
    return any(x.start == end + m.end() for x in mentions)


_BACKED_GAP = re.compile(r"""
    \s*,?\s+(?:(?:who|which)\s+(?:[\w-]+\s+){0,3}?)?(?:with\s+the\s+(?:help|backing
    |support)\s+of
    |(?:backed|supported|sponsored|aided|funded)\s+by)\s+(?:the\s+)?(?:[A-Z][\w-]+\s+)?$
    """, re.X)


def _said_backed(text: str, mentions: list[Mention], window: set[str], backer: set[str],
                 dictionary: Dictionary) -> set[str]:
    """Of the groups in ``window``, those the text has called backed by the backer's state."""
    states = {dictionary.state_of(b) for b in backer}
    found = set()
    for x in mentions:
        if x.actor not in window:
            continue
        for y in mentions:
            if x.end <= y.start <= x.end + 80 and dictionary.state_of(y.actor) in states and \
                    _BACKED_GAP.match(text, x.end, y.start):
                found.add(x.actor)
    return found


def _salient(candidates: list[Mention], ref_sentence: int) -> Mention | None:
    """The antecedent, by a simple centering rule: the last candidate earlier in the same
    sentence, else the first candidate (the likely subject) of the closest sentence before."""
    if not candidates:
        return None
    here = [x for x in candidates if x.sentence == ref_sentence]
    if here:
        return here[-1]  # callers drop self-relations, e.g. "X ... merged into the movement"
    sentence = max(x.sentence for x in candidates)
    return min((x for x in candidates if x.sentence == sentence), key=lambda x: x.start)


def _named(mention: Mention, noun: str, dictionary: Dictionary) -> bool:
    actor = dictionary.get(mention.actor)
    if actor is None:
        return noun in mention.text.lower()
    return any(noun in form.lower().split() for form, _ in actor.surface_forms()[:8])


def _is_group(mention: Mention, dictionary: Dictionary) -> bool:
    if mention.provisional:
        return True
    actor = dictionary.get(mention.actor)
    return actor is not None and actor.kind in GROUP_KINDS
