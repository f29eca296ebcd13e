"""Actor spans in a sentence: groups of coordinated actors, and the nearest group to the
left or right of a trigger, across the clauses and appositions between."""

from __future__ import annotations

import re

from ..model import Mention, is_pair, pair_members
from .claims import ClaimContext


def _by_sentence(mentions: list[Mention]) -> dict[int, list[Mention]]:
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    return by_sentence


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # keep offsets: "İ".lower() is two characters
        lowered = "".join(c.lower()[0] for c in text)
    return lowered


def _distinct_actors(ms: list[Mention]) -> int:
    ids: set[str] = set()
    for m in ms:
        ids.update(pair_members(m.actor))
    return len(ids)


_CONJ = re.compile(
    r"""
    ^(?:\s*(?:(?:fighters|commanders|members|units|cadres|leaders|militants|elements)\s*
    |['\u2019]s\s+(?:government|authorities|army|military|forces)\s*)?(?:,|and|or|&|-|\u2013|/
    |as\s+well\s+as|along\s+with|plus)\s*)+(?:the\s+
    |its\s+
    |former\s+)?(?:(?:a|one)\s+(?:faction|wing|branch|cell
    |unit)\s+of\s+(?:the\s+)?)?(?:(?:fighters|members|militants|units|cadres
    |commanders)\s+(?:from|of)\s+(?:the\s+)?(?:militant\s+|extremist\s+|jihadist\s+)?)?$
    """, re.I | re.X)


_PAREN = re.compile(r"^\s*\($")


_BRIDGE_RIGHT = re.compile(
    r"""
    ^\s*(?:(?:the|its|their|a|an|of|to|on|with|for|against|some|all|top|levels|senior|groups?
    |like|such|as|fighters?|units?|cadres|militants|members|leaders|commanders|elements|of|rival
    |banned|outlawed|local|powerful
    |(?:comrades|allies|rivals|enemies|positions|bases|strongholds|leadership|gatherings|posts
    |camps|convoys|patrols|territory|areas)\s+(?:in|of)
    |former|new|(?:north|south|east|west)(?:ern)?|central|deep|both|either|so-called
    |what\s+is\s+left\s+of|\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens|scores
    |hundreds|several|many|successive|senior|top|key|foreign|leading
    |(?:groups?|outfits|organi[sz]ations)\s+(?:like|such\s+as)
    |(?:troopers|soldiers|policemen|personnel|officers|guards|members|fighters
    |mercenaries)\s+(?:of|from)
    |cleric|preacher|jihadist|veteran|warlord|commander|militant|rebel|Malian|Nigerian|Somali
    |help|assist|train|support|leader|chief|President|Prime\s+Minister|General|Sheikh|Mullah
    |Syrian|Iraqi|Afghan|Pakistani|Yemeni|Libyan|Tuareg|Salafist|hardline|radical|Kurdish|Shia
    |Shiite|Sunni|Islamist|Baloch|Pashtun|Arab|Palestinian|Lebanese|Houthi
    |(?-i:[A-Z][a-z]+(?:ian|ean|ese|ish|i))|such\s+as|including|much\s+of|most\s+of|some\s+of
    |(?:other\s+)?(?:[a-z]+\s+)?(?:groups|brigades|factions|militias|organi[sz]ations|outfits
    |rebels|insurgents),?\s+(?:including|such\s+as|like)
    |(?:areas|positions|territory|towns|villages)\s+(?:held|controlled)\s+by
    |[\"\u201c]?(?:terrorists|militants|fighters|members|cadres|commanders)[\"\u201d]?\s+(?:from
    |of|belonging\s+to)
    |internationally\s+recogni[sz]ed|[a-z]+ly|(?:a|one)\s+(?:faction|wing|branch|cell|unit)\s+of
    |militant|insurgent|Pakistan's|Afghan|affiliated|affiliates?|(?:\w+-)?(?:based|linked)
    |[\w.]+-(?:backed|led|allied|supported|trained|funded|armed))\s+
    |[\u201c\u201d\"'])*$
    """,
    re.I | re.X,
)


_CLAUSE_BREAK = re.compile(r"""
    [;:]|\.\s|\bbut\b|\bwhile\b|\bwhereas\b|\bwhich\b|\bwho\b|\bafter\b|\b(?:al)?though\b
    |\byet\b|\bunlike\b|\bthat\b|\bbecause\b|\bwhen\b|\bif\b|\bunless\b
    |\b(?:since|before|until)\s+(?:a|an|the)\s
    |\b(?:believes?|believed|thinks?|fears?|feared|argues?|argued)\s+(?=(?:the|a|an|its|their)\s)
    """, re.I | re.X)


def _groups(local: list[tuple[int, int, Mention]], text: str
            ) -> list[list[tuple[int, int, Mention]]]:
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


_APPOS_LINK = re.compile(r"""
    ^\s*[\"\u201c]?\s*(?:,|\(|\bis\b|\bwas\b|\bare\b|\bwere\b|\bas\b|\bbecame\b|\bremains\b
    |\bbeing\b|,?\s*(?:saying|said)\s+(?:it|they)\s+(?:is|was|are))?\s*(?:not\s+|no\s+longer\s+
    |now\s+|still\s+|also\s+|effectively\s+|in\s+effect\s+)?$
    """, re.I | re.X)


_WHO_GAP = re.compile(r"^\s*,?\s*(?:(?:the|a|an)\s+(?:[\w-]+\s+){0,4})?(?:who|which)\s+"
                      r"(?:[\w-]+\s+(?:and\s+)?)?(?:now\s+|also\s+|once\s+|still\s+)?$", re.I)


_RELATIVE = re.compile(r"^\s*,\s*(?:which|who|that|whose)\s+(?:(?:they|he|she|officials|it)\s+"
                       r"(?:\w+\s+){0,2}?)?", re.I)


_BARE_RELATIVE = re.compile(r"^(?:\s+\w+)?\s+(?:that|which|who)\s+[^,;:]{3,60}?\s+(?:are|is"
                            r"|were|was|have|has|had)\s+(?:now\s+|also\s+|still\s+|since\s+)?$",
                            re.I)


_SHARED_SUBJECT = re.compile(r"""
    ^(?:\s+in\s+\d{4}|\s+[a-z]+
    |\s+(?:in|since|during|until|by|for
    |over)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?[\w-]+)?\s*,?\s*(?:but
    |and)\s+(?:would|will|has|have|had|is|was|are|were|did|does|could|may|might|also|then|not
    |now|later)\b[^,;:]*$
    """, re.I | re.X)


_NEXT = object()  # the verdict "look at the group further left"
_ON = object()  # the verdict "this test says nothing; ask the next one"


def _nearest_left(groups, text: str, ts: int, max_gap: int = 160,
                  allow: re.Pattern[str] | None = None, ctx: ClaimContext | None = None):
    """The actor group a trigger at ``ts`` has for subject: the nearest one to its left,
    across the appositions, relative clauses and conjoined verbs in between."""
    for group in reversed(groups):
        end = group[-1][1]
        if end > ts:
            continue
        gap = text[end:ts]
        if allow is not None:
            return group if allow.match(gap) else None
        verdict = _left_across_commas(groups, group, text, ts, gap, max_gap, ctx)
        if verdict is _ON:
            verdict = _left_across_clauses(groups, group, text, gap, max_gap, ctx)
        if verdict is not _NEXT:
            return verdict
    return None


def _left_across_commas(groups, group, text: str, ts: int, gap: str, max_gap: int,
                        ctx: ClaimContext | None):
    """Commas and conjunctions between the group and the trigger."""
    if re.fullmatch(r"\s*,\s*", gap) and \
            not re.match(r"(?:the|a|an|its|their|one)\s|\w+\s+(?:\w+\s+)?by\b",
                         text[ts:ts + 40]) \
            and re.search(
            r"\b(?:from|against|with|into|on|at|to|by)\s+(?:the\s+)?$",
            text[max(0, group[0][0] - 12):group[0][0]]):
        opening = text.rfind(",", 0, group[0][0])
        earlier = [g for g in groups if g[-1][1] <= opening] if opening >= 0 else []
        if earlier and re.fullmatch(r"\s*", text[earlier[-1][-1][1]:opening]) and \
                re.match(r",\s*(?:with|without|backed|helped|aided|along|including|(?:the|a|an)\s)\b",
                         text[opening:]):
            # "Al-Shabaab, with help from Eritrea, attacked the AU"; "La Mayiza, the faction
            # loyal to Zambada, turned its guns on Los Chapitos"
            return earlier[-1]
        return None  # "broke away from AQIM, declared loyalty to IS": AQIM is an object
    if re.fullmatch(r"\s*,?\s+(?:or|and)\s+", gap):
        either = text.rfind(" either ", 0, group[0][0])
        if either >= 0:
            # "offensives have either ignored the Haqqanis ..., or allowed them to"
            return _nearest_left(groups, text, either, max_gap=max_gap, ctx=ctx)
        return None  # "expels the TTP or prevents it from": the TTP is an object
    if re.fullmatch(r"\s*,\s*(?:a|an|the|another)\s+(?:[\w'\u2019-]+\s+){0,5}?(?:that"
                    r"|which|who)\s+(?:(?:has|have|had|also|once|later|then)\s+)?", gap):
        return group  # "BIFF, a hardline faction that broke away from the MILF"
    if re.fullmatch(r"\s*,\s*(?:a|an|the"
                    r"|another)\s[^;]{1,120}?,\s*(?:(?:has|have|had|is|was|were|are"
                    r"|will|would|also|later|then|long)\s+)*", gap):
        return group  # "Droukdel, an Algerian explosives specialist who ..., had commanded"
    if re.match(r",\s*saying\s+(?:it|they)\s", gap):
        # "Hezbollah began firing ..., saying it was acting in support of Hamas"
        first = groups[0]
        return first if not text[:first[0][0]].strip() else None
    return _left_across_relatives(groups, group, text, gap, max_gap, ctx)


def _left_across_relatives(groups, group, text: str, gap: str, max_gap: int,
                           ctx: ClaimContext | None):
    """Relative clauses and shared subjects between the group and the trigger."""
    relative = _RELATIVE.match(gap)
    if len(gap) <= max_gap and relative and \
            not _CLAUSE_BREAK.search(gap[relative.end():]):
        # "Abu Sayyaf, which split from the MNLF"; past an appositive
        # ("X and Y, deputy leader of Z, who are launching attacks") to its head
        return _appositive_head(groups, group, text, ", ") or group
    if re.fullmatch(r"\s+(?:fighters|units|members|commanders|militants)?\s*(?:that"
                    r"|which|who)\s+(?:once|also|still|now|had|have|has|jointly)?\s*",
                    gap) and not (
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
        if first is not group and \
                re.fullmatch(r"\s*(?:the\s+)?", text[:first[0][0]], re.I) \
                and re.match(r"\s+(?:is|was|has|have|had|are|were)\b", text[first[-1][1]:]):
            return first  # "Hurras al-Din is led by X, a veteran ..., and has pledged"
        return _nearest_left(groups, text, group[0][0], max_gap=max_gap, ctx=ctx)
    head = _appositive_head(groups, group, text, gap)
    if head is not None:
        return head
    if re.match(r"[^,;()]{0,40}?(?:\s*\([^()]{1,30}\))?\s*,\s*(?:has|have|had|is|are"
                r"|was|were|will|would|[a-z]+ed)\b", gap):
        # "ISGS, which propaganda presents as part of ISWAP, has become": the
        # subject is what the relative clause is about
        antecedent = _relative_antecedent(groups, group, text)
        if antecedent is not None:
            return antecedent
    return _ON


def _left_across_clauses(groups, group, text: str, gap: str, max_gap: int,
                         ctx: ClaimContext | None):
    """Whether the group is the subject or only a place, an object or a possessor."""
    if len(gap) <= max_gap and re.search(r"\b(?:in|inside|across|throughout)\s+$",
                                         text[max(0, group[0][0] - 8):group[0][0]]) \
            and ctx is not None and ctx.kind_of(group[-1][2]) == "state":
        return _NEXT  # "ISWAP's leadership in Nigeria has": a place, not the subject
    if len(gap) > max_gap or _CLAUSE_BREAK.search(gap):
        return None
    if _OBJECT_OF_VERB.search(text[max(0, group[0][0] - 30):group[0][0]]) and \
            group is not groups[0] and \
            not re.fullmatch(r"\s*,\s*(?:the|a|an)\s+[^,]*", gap):
        return _NEXT  # "ISKP cadres attack Kabul in tandem with HQN": Kabul is an object
    if _POSSESSOR.match(gap):
        return _NEXT  # "Mullah Omar's followers may regroup": the followers act
    if _MODIFIER_NOUN.match(gap):
        return _NEXT  # "which Islamic State propaganda presents as": the propaganda acts
    return group


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
        named = re.match(r",\s*which\s+(?:now\s+)?(?:calls?\s+itself|is\s+known\s+as"
                         r"|is\s+called)\s+",
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
    opening = re.search(r"""
        ,\s*(?:(?:the|a|an|its|which|who|led|backed|based|known|founded|co-founded|co-led|headed
        |established|created|formed|indicted|accused
        |wanted|sanctioned|designated|blamed|supported|funded|armed|[Dd]eputy|[Ll]eader|[Cc]hief
        |[Hh]ead|[Cc]ommander|[Ff]ounder)\b[^,]*)?$
        """, text[:group[0][0]], re.X)
    if not opening:
        return None
    index = next(i for i, g in enumerate(groups) if g is group)
    if index == 0:
        return None
    head = groups[index - 1]
    if head[-1][1] <= opening.start() and re.fullmatch(r"\s*", text[head[-1][1]:opening.start()]):
        return head
    return None


_MODIFIER_NOUN = re.compile(r"^\s+(?:propaganda|media|newsletter|newspaper|statement|video"
                            r"|magazine|outlet|channel|website|officials?"
                            r"|spokes(?:man|woman|person)|sources|supporters)\b", re.I)


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
            owned = next((g for g in groups
                          if re.fullmatch(r"['\u2019]s\s+", text[group[-1][1]:g[0][0]])), None)
            if owned is not None and len(group) == 1 and ctx is not None and \
                    ctx.kind_of(group[0][2]) == "person":
                return owned  # "pursued Joseph Kony's Lord's Resistance Army"
            titled = re.match(r"['\u2019]?s?\s+(?:(?:deputy|former|top|senior|military"
                              r"|supreme)\s+)?(?:leader"
                              r"|chief|commander|founder|emir|head|spokesman)\s+",
                              text[group[-1][1]:])
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
        if is_pair(m.actor):
            for actor in pair_members(m.actor):
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
