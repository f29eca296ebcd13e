"""How a sentence holds a claim: polarity, modality (hedges, reports, denials) and
attribution (who says so)."""

from __future__ import annotations

import re

from .triggers import Trigger

_MODALITY_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("denied", re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?"
                          r"|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing))\b", re.I)),
    ("desired", re.compile(r"""
        \b(?:(?:effort|attempt|bid|plan|plans|aim|aims|seeks?|sought|tried|trying|try|threat\w*
        |vow\w*|promis\w*|pledg\w*|ready|willing|prepared|open|commit\w*)\s+to
        |(?:vow(?:s|ed)?|pledg(?:e|es|ed)|promis(?:e|es|ed)|swore|swears?)\s+that
        |order(?:s|ed)?\s+(?:its|their|his|the)\s+(?:[\w-]+\s+){0,2}?to
        |(?:promis|vow|pledg|threaten)\w*\s+(?:an?\s+)?(?:[\w-]+\s+)?[\w-]+(?=\s*$)|wants?
        |wanted|urg(?:e|es|ed|ing)|demand(?:s|ed)?
        |press(?:ed|ing)(?!\s+(?:on|ahead)\b)
        |called\s+on|calls\s+on|asked\s+(?:\w+\s+){1,3}to
        |push(?:es|ed|ing)?\s+(?:[\w-]+\s+){1,4}?to|should|must|expectation|to\s+ensure|unless
        |(?:goal|aim|objective|purpose|success|mission|task)\s+(?:\w+\s+){0,2}?(?:is|was
        |would\s+be|will\s+be)\s+to)\b
        """, re.I | re.X)),
    ("alleged", re.compile(r"\b(?:alleg(?!ian)\w+|accus\w+)\b", re.I)),  # not "allegiance"
    ("believed", re.compile(r"""
        \b(?:believ\w+|suspect\w*|thought\s+to|presum\w+|assess(?:ed|es|ment)?
        |regard(?:s|ed|ing)?\s+(?:[\w'\u2019-]+\s+){1,4}?as
        |view(?:s|ed)?\s+(?:[\w'\u2019-]+\s+){1,4}?as
        |consider(?:s|ed)?\s+(?:[\w'\u2019-]+\s+){1,4}?(?:as|to\s+be))\b
        """, re.I | re.X)),
    ("possible", re.compile(r"\b(?:could|may|might|possibl\w+|likely|perhaps|can|indicated"
                            r"|appear(?:s|ed)?\s+to|seem(?:s|ed)?\s+to|expect(?:s|ed)?|if"
                            r"|whether)\b", re.I)),
    ("reported", re.compile(r"""
        \b(?:reported(?:ly)?|reports?|according\s+to|said|says|say|saying|told|sources|evidence
        |claimed(?!\s+(?:responsibility|credit
        |(?:[\w-]+\s+){0,4}?(?:attacks?|bombings?|killings?|assaults?|raids?|ambush(?:es)?)\b))
        |stated|added|quoted|described|describes?|noted|announc\w+|found\s+that|concluded
        |present(?:s|ed)\s+(?:\w+\s+)?as|what\s+(?:it|they|he|she)\s+call(?:s|ed))\b
        """, re.I | re.X)),
)


_ATTRIBUTION = (
    re.compile(r"\baccording\s+to\s+(?P<who>(?:an?\s+|the\s+)?[^,.;:]{3,80}?)(?=,|\.|;|$"
               r"|\s+(?:the|US|\w+\s+officials)\b)", re.I),
    re.compile(r"""
        \b(?:said|says|told
        |according\s+to)\s+(?P<who>(?:an?|the|one)\s+(?:senior\s+
        |top\s+)?[\w\s.'-]{3,60}?(?:official|officer|spokesman|spokesperson|commander|analyst
        |source|general|diplomat|report)s?)\b
        """, re.I | re.X),
    re.compile(r"""
        (?:^|[,.\u201d\"]\s*
        |\bthat\s+)(?P<who>(?:[A-Z][\w.'\u2019-]*\s+){0,5}(?:officials?|sources|analysts
        |observers|watchers|experts?|leaders|spokes(?:man|woman|person)|commanders?|authorities
        |report|officers?|general|minister|secretary|diplomats?|intelligence|agency
        |researchers?)(?:,\s+[A-Z][\w.' ]{3,40},)?)\s+(?:have\s+
        |had\s+)?(?:reportedly\s+|also\s+|long\s+)?(?:said|say|says|believe|believed|believes
        |allege[ds]?|claim(?:s|ed)?|told|stated|reported|indicated|accuse[ds]?|warned
        |insist(?:s|ed)?|suspect(?:s|ed)?)\b
        """, re.X),
    re.compile(r"(?P<who>(?:The\s+)?(?:[A-Z][\w/&.'-]+\s+){0,4}(?:[A-Z][\w/&.'-]+))\s+(?:reported"
               r"|said|says)\b"),
    re.compile(r"(?P<who>(?:an?\s+|the\s+)(?:[\w-]+\s+){0,3}(?:report|reports|investigation"
               r"|study|assessment))\b", re.I),
)


_NOMINAL = re.compile(r"\b(?:take\s*over|takeover|truce|ceasefire|alliance|talks|negotiations|"
                      r"cooperation|merger|support|backing)\b", re.I)


_COLLAPSED = re.compile(r"""
    [^.;,:()]{0,80}?\b(?:collapsed|broke\s+down|fell\s+apart|foundered|unravell?ed|expired
    |lapsed|collapses|lapses|expires|breaks\s+down|falls\s+apart
    |(?:has|had|have)\s+(?:since\s+)?(?:collapsed|broken\s+down|fallen\s+apart|expired
    |lapsed)|(?:was|were)\s+not\s+(?:extended|renewed)|did\s+not\s+(?:last|hold|survive))\b
    """, re.I | re.X)


_QUOTED = re.compile(r"^\s*[\"\u201c]")


# attacks as the subject of their own end: "attacks on Saudi Arabia largely stopped"
_STOPPED = re.compile(r"[^.;,:()]{0,60}?\b(?:largely\s+|all\s+but\s+|effectively\s+|have\s+"
                      r"|had\s+|has\s+)?(?:stopped|halted|ceased|ended)\b", re.I)


# "troops pressed their assault on ...": fighting on, not pressure on someone to act
_PRESSED_ON = re.compile(r"press(?:ed|ing)\s+(?:their|its|his|the|an?)\s+(?:[\w-]+\s+)?"
                         r"(?:assault|offensive|attacks?|campaign|advance|operations?|push)\b",
                         re.I)


_DENIED_REPORT = re.compile(r"""
    \b(?:den\w+|reject\w*|dismiss\w*)\s+(?:the\s+|an?\s+)?(?:claims?|reports?|allegations?
    |accusations?|charges?|suggestions?|announcements?|statements?
    |assertions?)\s+(?:by\s+[^,;]{3,60}?\s+)?that\b
    """, re.I | re.X)


_DENIAL_TAIL = re.compile(
    r"""
    ,\s+(?:a|an)\s+(?:charge|allegation|accusation|claim|assertion|link|connection|description
    |characteri[sz]ation|label)s?\s+(?:that\s+
    |which\s+)?(?P<who>(?:the\s+)?[\w\s'\u2019.-]{2,50}?)\s+(?:has\s+|have\s+
    |had\s+)?(?:\w+ly\s+)?(?:rejects|rejected|denies|denied|dismisses|dismissed|disputes
    |disputed)\b
    |,\s+which\s+(?P<who2>(?:the\s+)?[\w\s'\u2019.-]{2,40}?)\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?
    (?:rejects|reject|rejected|denies|deny|denied)(?=\s*(?:[.;]|$))
    """, re.I | re.X)


def _polarity(text: str, pattern: Trigger, ts: int, te: int) -> str:
    if pattern.id == "supports.tolerance" or re.match(r"made\s+no\s+", text[ts:te]):
        return "affirmed"
    before = text[max(0, ts - 40):ts]
    # negation right before the trigger: "did not target", "no fighting", "never backed"
    if re.search(r"""
        (?:\b(?:not|never|no|neither|nor|no\s+longer|avoid(?:ed|s|ing)?|stop(?:ped|s)?
        |cease[ds]?|ceasing|end(?:ed|s)?(?!\s+(?:in|with|up)\b)|halt(?:ed|s|ing)?|stopping
        |refrain(?:ed|s)?\s+from
        |suspend(?:ed|s|ing)?|call(?:ed|s|ing)?\s+off|rul(?:ed|es|ing)\s+out
        |(?:broke|break|breaking|broken)\s+off|pull(?:ed|s|ing)?\s+out\s+of
        |walk(?:ed|s|ing)?\s+out\s+of|abandon(?:ed|s|ing)?|scrap(?:ped|s|ping)?|put\s+on\s+hold
        |refus(?:e|es|ed|ing)\s+to|declin(?:e|es|ed|ing)\s+to)\s+(?:\w+\s+){0,3})$
        |n't\s+(?:\w+\s+){0,3}$
        """, before, re.I | re.X):
        return "negated"
    if re.search(r"\b(?:denied|denies|deny|denying|rejected)\s+(?:\w+\s+){0,3}$", before, re.I):
        return "negated"
    # "had broken its truce with Colombo", "abrogated the group's 14-year ceasefire with"
    if re.match(r"(?:truce|ceasefire|cease-fire)", text[ts:te], re.I) and re.search(
            r"\b(?:broke|broken|breaking|breaks|abrogat\w+|tore\s+up|tears\s+up)\s+(?:its|their"
            r"|the|a|an)\s+(?:[\w'\u2019-]+\s+){0,2}$", before, re.I):
        return "negated"
    # "prevents it from using Afghan territory for carrying out attacks", "stop them from"
    if re.search(r"\b(?:prevent|stop|keep|bar|deter|restrain)(?:s|ed|ped|ing|ping)?\s+"
                 r"(?:[\w'\u2019-]+\s+){1,3}?from\s+(?:[\w'\u2019-]+\s+){0,6}$",
                 text[max(0, ts - 100):ts], re.I):
        return "negated"
    # "talks between A and B collapsed", "the alliance fell apart": the relation's noun
    # as the subject of a collapse (tests/gold/README.md: "that truce has collapsed")
    if _NOMINAL.search(text, ts, te) and _COLLAPSED.match(text, te):
        return "negated"
    # "Houthi drone and missile attacks on Saudi Arabia largely stopped"
    if re.search(r"\battacks?\b", text[ts:te], re.I) and _STOPPED.match(text, te):
        return "negated"
    # "has little direct control over"
    if re.search(r"\b(?:little|scant|hardly\s+any)\s+(?:real\s+|direct\s+|operational\s+"
                 r"|actual\s+)?$",
                 before, re.I) and re.match(r"(?:control|influence|contact|coordination|support)",
                                            text[ts:te], re.I):
        return "negated"
    # "have not received ... evidence ... showing it has targeted", "no proof that"
    if re.search(r"\b(?:no|not\b[^.;]{0,40}?|without|lack\s+of)\s+(?:\w+\s+){0,4}?"
                 r"(?:evidence|proof|sign|indication|confirmation)s?\b[^.;]{0,80}$",
                 text[:ts], re.I):
        return "negated"
    return "affirmed"


# ", though ...": the writer's concession, a clause of its own
_CONCESSION = re.compile(r",\s*(?:even\s+)?(?:al)?though\s+", re.I)


_CLAUSE_START = re.compile(r"""
    [;]|,\s*(?:and|but)\s+(?:instead\s+)?|\binstead\b|\bwhereas\b|,\s*(?:which|who)\b
    |,\s*(?=(?:has|have|had|is|are|was|were)\s)
    |,\s+(?=(?:pledges|vows|says|denies|rejects|joins|claims|warns|calls|seeks|agrees|accuses
    |backs|welcomes)\b)
    |""" + _CONCESSION.pattern, re.I | re.X)


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
_MODAL_AFTER = re.compile(r"""
    ^[^,;]{0,70}?\b(?:could|may|might)\s+(?:soon\s+|yet\s+|still\s+|also\s+)?(?:be|become|happen
    |take\s+place|occur|emerge|materiali[sz]e|come|follow|resume|start|begin|collapse|hold)\b
    """, re.I | re.X)


# a relative clause or a hedged description closed by a comma before the trigger
_CLOSED = re.compile(r",\s*(?:(?:which|who|whom|whose)\s|(?:(?:today|now|widely|long|once|still)"
                     r"\s+)?(?:considered|regarded|believed|thought|seen|described)\s)[^,;]*,",
                     re.I)


# the trigger inside a relative clause: ", which broke away from the MILF in 2010"
_INSIDE_RELATIVE = re.compile(r",\s*(?:(?:the|an?)\s[^,;]*?\s(?:which|who|that)|which|who)\s"
                              r"[^,;.]*$", re.I)  # not ", that ...": a complement clause


def _modality(text: str, ts: int, te: int | None = None, *, tail: bool = True,
              nested: bool = False) -> str:
    """The hedge that scopes over the trigger: cues before it in its clause, a reporting
    frame around it ("X said ...", "..., officials said"), or a modal verb after a noun
    phrase trigger ("a truce between X and Y could be agreed").

    A trigger inside a relative clause is the article's background, whoever speaks in the
    main clause ("Security analysts say the BIFF, which broke away from the MILF in 2010,
    may also have sent fighters"; "Burundi, which had deployed troops alongside the FARDC,
    has begun pulling them back, according to residents"): only the clause's own hedges
    count ("..., which officials say fought beside ..."). Quoted speech keeps its speaker."""
    inside = None if nested or _QUOTED.match(text) else _INSIDE_RELATIVE.search(text, 0, ts)
    if inside is not None:
        ends = [i for i in (text.find(c, ts) for c in ",;") if i >= 0]
        end = min(ends, default=len(text))
        start = inside.start()
        return _modality(text[start:end], ts - start,
                         None if te is None else min(te, end) - start, tail=False, nested=True)
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
    # "The Arakan Army, whose commander has vowed to drive the military out, opened a
    # second front", "Los Lobos, today considered the largest gang, broke away from ...":
    # a hedge inside a closed relative clause or description holds only that clause (one
    # that opens before the trigger's clause is that clause: its hedges count)
    closed = [(r.start(), r.end()) for r in _CLOSED.finditer(text[:ts])]
    closed_before = [(a, b) for a, b in closed if a >= clause]
    for modality, cue in _MODALITY_CUES:
        if modality == "reported":
            continue
        for m in cue.finditer(text, clause, ts):
            if any(a < m.start() < b for a, b in closed_before):
                continue
            if modality == "denied" and _DENIAL_TAIL.search(text[:ts + 1]):
                continue
            if modality == "desired" and _PRESSED_ON.match(text, m.start()):
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
    # "Angola, which has mediated between Kinshasa and Kigali since 2022, said ...", "the
    # TTP, the umbrella of factions that has waged war on the state since 2007, said ...":
    # the relative clause is the article's background, not what Angola said
    relative = re.search(r",\s*(?:(?:the|an?)\s[^,;]*?\s)?(?:which|who|that)\s[^,;]*$",
                         text[:ts])
    closing = text.find(",", ts) if relative else -1
    background = closing >= 0 and re.match(r"[^,;]{0,60}\b(?:said|says|say|told|added)\b",
                                            text[closing + 1:]) is not None
    # "Boko Haram, which officials describe as a spent force, has become the main target
    # of ...": the report stays inside its closed relative clause (``closed`` above)
    # "X is widely reported to arm them, though it keeps its truce with Y": the writer's
    # own concession is not what was reported (a speaker's frame, "Diplomats say ...,
    # though ...", still holds the whole sentence)
    conceded = max((c.end() for c in _CONCESSION.finditer(text, 0, ts)), default=0)
    for m in reported.finditer(text):
        if background and m.start() > closing or any(a < m.start() < b for a, b in closed) \
                or (m.start() < conceded and m.group().lower().startswith("report")):
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
