"""What coreference rules share: which mentions are groups, which is salient, which a
noun names."""

from __future__ import annotations

import re

from ..actors import Dictionary
from ..model import Mention

STATE_NOUNS = {"government", "authorities", "regime", "junta"}


GROUP_KINDS = {"armed_group"}


_BEFORE_NAME = re.compile(r",?\s+(?:the\s+)?")


def _name_follows(text: str, end: int, starts: set[int]) -> bool:
    """Whether a mention (of those starting at ``starts``) begins just after ``end``: "the
    new group, JNIM"."""
    m = _BEFORE_NAME.match(text[end:end + 8])
    return m is not None and end + m.end() in starts


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
    return noun in actor.name_words


def _is_group(mention: Mention, dictionary: Dictionary) -> bool:
    if mention.provisional:
        return True
    actor = dictionary.get(mention.actor)
    return actor is not None and actor.kind in GROUP_KINDS
