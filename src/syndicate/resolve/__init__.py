"""Resolve stage: dictionary hits -> canonical actors, by context rules and light coreference.

``disambiguate.py`` says which actor an ambiguous name means, ``forms.py`` adds the mentions
made of the forms around names, and ``coreference.py`` resolves references ("the group",
"they", "its") by small registered rules sharing the helpers of ``antecedents.py``.
``definitions.py`` reads the names a document defines ("the Islamic Movement of Nowhere
(IMN)", "X, also known as Y") and ``people.py`` the unknown people it gives a role
("YPJ spokesperson Ruken Jamal").
"""

from __future__ import annotations

from ..actors import Dictionary
from ..model import Definition, Mention, Sentence
from ..recognize import Hit, Matcher, fold, recognize
from .branches import branch_of
from .coreference import _coreference
from .definitions import define
from .disambiguate import _disambiguate, _scene_setting
from .forms import (
    _demonym_adjectives,
    _head_words,
    _leader_factions,
    _leaders_groups,
    _possessive_forces,
    _shared_heads,
    _surnames,
)
from .people import find_people

__all__ = ["resolve", "resolve_hits"]


def resolve(text: str, sentences: list[Sentence], dictionary: Dictionary,
            matcher: Matcher, *, candidates: bool = True, year: int | None = None
            ) -> list[Mention]:
    """All actor mentions in ``text`` with their canonical actor, sentence by sentence:
    the recognize stage and this one together."""
    return resolve_hits(text, sentences, recognize(text, matcher, candidates=candidates),
                        dictionary, matcher, year=year)


def resolve_hits(text: str, sentences: list[Sentence], found: list[Hit],
                 dictionary: Dictionary, matcher: Matcher, *, year: int | None = None,
                 definitions: list[Definition] | None = None) -> list[Mention]:
    """The mentions the recognized ``found`` hits make, with their canonical actors. The
    names the document defines (aliases, unknown people in roles) are appended to
    ``definitions`` when it is given."""
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
        if actor:
            actor = branch_of(hit, actor, text, sentences[s].text, dictionary, year)
        if actor and _scene_setting(hit, text, actor, dictionary):
            continue  # "In Somalia, the X announced ...": a place that frames the sentence
        if actor:
            mentions.append(Mention(hit.start, hit.end, hit.text, dictionary.canonical(actor), s,
                                    hit.how))
    mentions = _possessive_forces(text, mentions, dictionary)
    mentions, defined = define(text, sentences, mentions, sent_at)
    mentions += _shared_heads(text, hits, matcher, dictionary, sent_at)
    mentions += _demonym_adjectives(text, mentions, dictionary, sent_at)
    mentions += _leaders_groups(text, mentions, dictionary, sent_at)
    mentions = _surnames(text, mentions, dictionary, sent_at)
    mentions += _head_words(text, mentions, dictionary, sent_at)
    mentions.sort(key=lambda m: (m.start, m.end))
    mentions = _leader_factions(text, mentions, dictionary)
    mentions, people = find_people(text, mentions, dictionary, matcher, sent_at)
    mentions += _coreference(text, sentences, mentions, dictionary, sent_at, year)
    mentions.sort(key=lambda m: (m.start, m.end))
    mentions, more = find_people(text, mentions, dictionary, matcher, sent_at,
                                 groups=lambda m: m.method == "coref")
    if definitions is not None:
        definitions += defined + people + more
    return mentions


def _sentence_index(sentences: list[Sentence]):
    starts = [s.start for s in sentences]
    import bisect

    def at(offset: int) -> int | None:
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0 or offset >= sentences[i].end:
            return None
        return i

    return at
