"""Names the document defines: "the Islamic Movement of Nowhere (IMN)", "X, also known as
Y", "Y, formerly X", "X renamed itself Y", "known as Y until 2016". The article tells the
reader that two names are one actor; for the rest of the document the second is read so.

A definition only names text the dictionary does not know (or an unknown group-shaped
candidate): it never overrides a dictionary hit. When one name is a dictionary actor the
other becomes a document-scoped alias of it (and a suggested permanent alias, listed by
``syndicate candidates``); when neither is known, one candidate carries both names; when
neither is known nor shaped like a group ("Agence France-Presse (AFP)"), nothing happens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from ..model import Definition, Mention
from ..recognize import candidate_id

__all__ = ["acronym_fits", "apply_definitions", "find_definitions"]

# words an acronym may skip ("Islamic State in the Greater Sahara (ISGS)", "Jama'at Nusrat
# al-Islam wal-Muslimin (JNIM)", "Lashkar-e-Taiba (LeT)" where "e" may also count)
_FUNCTION_WORDS = frozenset("of the for and in al el wal wa e i ul ud de del la des du on to "
                            "at an ad as ash ar az bin ibn".split())
_NAME_WORD = (r"(?:(?:al|el|ad|an|ar|as|ash|at|az|ul)[-\u2010])?"
              r"[A-Z\u00C0-\u00DE\u0100-\u024F][\w'\u2019\u2010-]*")
_JOIN = r"(?:of|the|for|and|in|al|el|wal|wa|e|i|ul|ud|de|del|la|des|du|bin|ibn)"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_JOIN}[ \t]+)*{_NAME_WORD}){{0,9}}"
_NAME_BEFORE = re.compile(rf"(?<![\w'\u2019-])({_NAME})[ \t]*\Z")
_NAME_AFTER = re.compile(rf"[\"\u201c\u2018']?(?:the\s+)?({_NAME})")
_ACRONYM = re.compile(r"\((?P<acr>[A-Z][A-Za-z]*(?:[-\u2010][A-Z][A-Za-z]*)?)\)")
_CUE = re.compile(r"""
    (?:\s*,\s*|\s*\(\s*)
    (?:(?P<aka>(?:also|otherwise|better|more\s+commonly|popularly|locally)\s+known\s+as
        |known\s+(?:locally\s+)?as|also\s+called|[Aa]\.?[Kk]\.?[Aa]\.?|aka
        |which\s+calls\s+itself|(?:which|that|who)\s+call\s+themselves
        |(?:which|whom)\s+(?:[A-Z][\w-]*\s+)?(?:officials|authorities|residents|locals
          |critics|opponents|rivals|supporters|villagers|Tehran|Kabul|Islamabad|Moscow
          |Beijing|Washington|Damascus|Ankara)\s+call)
      |(?P<former>formerly\s+known\s+as|previously\s+(?:called|known\s+as)|formerly
        |(?:which|that)\s+was\s+(?:formerly\s+|previously\s+|once\s+)?(?:known\s+as|called)))
    \s+(?=\S)
    |(?:\s*,\s*(?:which|that)\s+|\s+)(?:(?:has|had|was|were|later|since|then)\s+)*
     (?P<renamed>(?:renamed|rebranded)(?:\s+(?:itself|themselves))?(?:\s+as)?)\s+(?=\S)
    """, re.X)
_UNTIL = re.compile(r"\s*,?\s*(?:until|till|up\s+to)\s+(?:(?:early|late|mid)[-\s])?"
                    r"(?:[A-Z][a-z]+\s+)?(?P<year>(?:19|20)\d\d)\b")
_SINCE = re.compile(r"\s*,?\s*(?:in|since)\s+(?:(?:early|late|mid)[-\s])?"
                    r"(?:[A-Z][a-z]+\s+)?(?P<year>(?:19|20)\d\d)\b")
_NOT_NAMES = frozenset("The A An This That It He She They We I In On At But And Its Their "
                       "His Her".split())


@dataclass(frozen=True)
class _Side:
    """One of the two names of a definition: where it is and what it names so far."""

    start: int
    end: int
    text: str
    actor: str | None  # a dictionary actor, a candidate, or None (a name nobody knows)
    known: bool  # a dictionary actor
    inner: frozenset[str] = frozenset()  # dictionary actors named inside a longer name


def acronym_fits(acronym: str, name: str) -> bool:
    """Whether the letters of ``acronym`` are the initials of the words of ``name`` in
    order, the function words (of, the, al, wal, ...) skipped or counted."""
    letters = tuple(c.lower() for c in acronym if c.isalpha())
    words = tuple(w.strip("'\u2019").lower() for w in re.split(r"[\s\-\u2010]+", name)
                  if w.strip("'\u2019"))
    return bool(words) and words[0] not in _FUNCTION_WORDS and _fit(letters, words)


@cache
def _fit(letters: tuple[str, ...], words: tuple[str, ...]) -> bool:
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    if letters and word[0] == letters[0] and _fit(letters[1:], rest):
        return True
    return word in _FUNCTION_WORDS and _fit(letters, rest)


def _fitting_suffix(acronym: str, text: str, start: int, end: int) -> tuple[int, str] | None:
    """The shortest run of words ending at ``end`` that the acronym abbreviates."""
    name = text[start:end]
    for m in reversed(list(re.finditer(r"(?<![^\s])\S", name))):
        if acronym_fits(acronym, name[m.start():]):
            return start + m.start(), name[m.start():]
    return None


@dataclass(frozen=True)
class _Found:
    definition: Definition
    names: tuple[str, ...]  # the names that now mean ``definition.actor`` in this document
    replaces: str | None  # a candidate id that turned out to be this actor
    overrides: bool = False  # an acronym the dictionary gives another actor, defined here


def define(text: str, sentences: list, mentions: list[Mention],
           sent_at: Callable[[int], int | None]) -> tuple[list[Mention], list[Definition]]:
    """The mentions with every name the document defines read as its actor, and the
    definitions found (for the store and ``syndicate candidates``)."""
    found = find_definitions(text, sentences, mentions, sent_at)
    if not found:
        return mentions, []
    return apply_definitions(text, mentions, found, sent_at), [f.definition for f in found]


def find_definitions(text: str, sentences: list, mentions: list[Mention],
                     sent_at: Callable[[int], int | None]) -> list[_Found]:
    """Every definition in ``text``, in order; ``mentions`` are the names resolved so far."""
    if "(" not in text and not _CUE_WORDS.search(text):
        return []
    ends = {m.end: m for m in mentions}
    starts = {m.start: m for m in mentions}
    out: list[_Found] = []
    for m in _ACRONYM.finditer(text):
        acronym = m.group("acr")
        if not 2 <= sum(c.isupper() for c in acronym) <= 8:
            continue
        s = sent_at(m.start())
        if s is None:
            continue
        acr = _side_at(text, m.start("acr"), m.end("acr"), starts)
        named = _side_before(text, m.start(), sentences[s].start, ends, mentions, acronym)
        if named is not None:
            out += _decide(text, named, acr, s, "(", "aka")
    for m in _cues(text):
        s = sent_at(m.start())
        if s is None:
            continue
        how = "aka" if m.group("aka") else "former" if m.group("former") else "renamed"
        x = _side_before(text, m.start(), sentences[s].start, ends, mentions, None)
        line_end = text.find("\n", m.end())  # not the sentence's: "a.k.a." may end one
        y = _side_after(text, m.end(), line_end if line_end != -1 else len(text), starts,
                        mentions)
        if x is not None and y is not None:
            out += _decide(text, x, y, s, " ".join(m.group(how).split()), how)
    return sorted(out, key=lambda f: f.definition.start)


def _cues(text: str) -> Iterator[re.Match[str]]:
    """The cue matches, looked for only around their key words (cheap first)."""
    last = -1
    for word in _CUE_WORDS.finditer(text):
        m = _CUE.search(text, max(last + 1, word.start() - 40), min(len(text), word.end() + 24))
        while m is not None and m.start() <= word.start():
            if m.end() > word.start():
                last = m.start()
                yield m
                break
            m = _CUE.search(text, m.start() + 1, min(len(text), word.end() + 24))


_CUE_WORDS = re.compile(r"(?=[kcfrAa])"  # where a cue can start, checked first: faster
                        r"(?:known\s+(?:\w+\s+)?as|called|calls\s+itself|call\s+themselves|call"
                        r"|\b[Aa]\.?[Kk]\.?[Aa]\b|formerly|renamed|rebranded)")


def _side_at(text: str, start: int, end: int, starts: dict[int, Mention]) -> _Side:
    m = starts.get(start)
    if m is not None and m.end == end:
        return _Side(start, end, m.text, m.actor, not m.provisional)
    return _Side(start, end, text[start:end], None, False)


def _side_before(text: str, end: int, floor: int, ends: dict[int, Mention],
                 mentions: list[Mention], acronym: str | None) -> _Side | None:
    """The name that ends at ``end`` (spaces aside): a resolved mention, else a run of
    capitalised words (for an acronym, the shortest run it abbreviates)."""
    while end > floor and text[end - 1] in " \t":
        end -= 1
    m = ends.get(end)
    if m is not None and (acronym is None or acronym_fits(acronym, _bare(m.text))):
        return _Side(m.start, m.end, m.text, m.actor, not m.provisional)
    the_group = _THE_GROUP.search(text, max(floor, end - 20), end) if acronym is None else None
    if the_group:
        return _antecedent(text, the_group.start(), end, floor, mentions)
    window_start = max(floor, end - 160)
    name = _NAME_BEFORE.search(text, window_start, end)
    if name is None:
        return None
    start = name.start(1)
    if acronym is not None:
        fitted = _fitting_suffix(acronym, text, start, end)
        if fitted is None:
            return None
        start = fitted[0]
    return _phrase(text, start, end, mentions)


_THE_GROUP = re.compile(r"\b[Tt]he\s+(?:group|movement|organi[sz]ation|militia|faction|outfit)\Z")


def _antecedent(text: str, start: int, end: int, floor: int, mentions: list[Mention]
                ) -> _Side | None:
    """"the group, known locally as Y": the group last named before it in the sentence."""
    before = [m for m in mentions if floor <= m.start and m.end <= start and
              m.method not in ("person", "coref") and not m.actor.startswith("pair:")]
    if not before:
        return None
    m = before[-1]
    return _Side(start, end, text[start:end], m.actor, not m.provisional)


def _side_after(text: str, start: int, ceiling: int, starts: dict[int, Mention],
                mentions: list[Mention]) -> _Side | None:
    """The name that starts at ``start`` (a quote or "the" aside)."""
    name = _NAME_AFTER.match(text, start, ceiling)
    if name is None:
        return None
    m = starts.get(name.start(1))
    end = name.end(1)
    if m is not None and m.end >= end:
        return _Side(m.start, m.end, m.text, m.actor, not m.provisional)
    inner = [x.start for x in mentions if name.start(1) < x.start < end and not x.provisional]
    if inner:  # "known locally as Al Sunna in Mozambique": the name stops before the place
        end = min(inner)
        cut = re.search(rf"(?:[ \t]+{_JOIN})*[ \t]*\Z", text[name.start(1):end])
        end = name.start(1) + (cut.start() if cut else end - name.start(1))
    return _phrase(text, name.start(1), end, mentions)


def _phrase(text: str, start: int, end: int, mentions: list[Mention]) -> _Side | None:
    """A run of capitalised words: a candidate when it holds a group-shaped name, nobody's
    name otherwise; None when it overlaps a dictionary name (never overridden)."""
    lead = re.match(r"(?:The|the)\s+", text[start:end])
    start += lead.end() if lead else 0
    phrase = text[start:end]
    if phrase in _NOT_NAMES or len(phrase) < 2:
        return None
    inside = [m for m in mentions if m.start < end and start < m.end]
    if any(not m.provisional and not (start <= m.start and m.end <= end) for m in inside):
        return None  # a dictionary name reaching beyond this one
    # "the Nusra Brotherhood": a known name inside may be the actor being defined
    inner = frozenset(m.actor for m in inside if not m.provisional)
    if not inner and any(m.provisional and m.method == "shape" for m in inside):
        return _Side(start, end, phrase, candidate_id(phrase), False)
    return _Side(start, end, phrase, None, False, inner)


def _bare(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name)


def _decide(text: str, x: _Side, y: _Side, sentence: int, cue: str, how: str) -> list[_Found]:
    """Which of the two names is the actor and which the newly defined name, and how the
    second relates to the first (another name, a former name, a new name since a date)."""
    if x.known and y.known and x.actor != y.actor and cue == "(" and \
            acronym_fits(y.text, x.text) and not x.inner - {x.actor} and x.actor:
        # "the Syrian National Army (SNA)" where the dictionary's SNA is the Somali one: the
        # article says who it means, from here on
        definition = Definition("alias", y.text, x.actor, y.start, y.end, sentence, cue,
                                other=x.text)
        return [_Found(definition, (y.text,), None, overrides=True)]
    if x.known and y.known or x.actor == y.actor and x.actor is not None:
        return []  # both known: the dictionary has its say, the text is not read as a merger
    if x.known or (not y.known and x.actor is not None):
        actor, defined, by, second = x.actor, y, x, True
    elif y.known or y.actor is not None:
        actor, defined, by, second = y.actor, x, y, False
    else:
        return []  # neither known nor shaped like a group: "Agence France-Presse (AFP)"
    assert actor is not None
    if by.inner or defined.inner - {actor}:
        return []  # a definition never overrides a dictionary name of another actor
    if defined.text in _NOT_NAMES or (how != "aka" or cue == "(") and len(defined.text) < 2:
        return []
    until, since = _UNTIL.match(text, y.end), _SINCE.match(text, y.end)
    kind, start, end = "alias", None, None
    if how == "former" or how == "aka" and until:  # the second name is the old one
        if second:
            kind, end = "former_name", until.group("year") if until else None
    elif how == "renamed" and second:  # the second name is the new one, since a date
        start = since.group("year") if since else None
    elif how == "renamed":
        kind, end = "former_name", since.group("year") if since else None
    if actor.startswith("candidate:"):
        kind = "candidate"
    definition = Definition(kind, defined.text, actor, defined.start, defined.end, sentence, cue,
                            other=by.text, since=start, until=end)
    names = (defined.text, by.text) if kind == "candidate" else (defined.text,)
    replaces = defined.actor if defined.actor and defined.actor != actor else None
    return [_Found(definition, names, replaces)]


def apply_definitions(text: str, mentions: list[Mention], found: list[_Found],
                      sent_at: Callable[[int], int | None]) -> list[Mention]:
    """``mentions`` with each defined name read as its actor from its definition on (a
    candidate that turned out to be a known actor, everywhere)."""
    out = list(mentions)
    for f in found:
        d = f.definition
        if f.overrides:
            out = [_as(m, d.actor, False) if m.text == d.name and m.start >= d.start else m
                   for m in out]
            continue
        provisional = d.actor.startswith("candidate:")
        if f.replaces:
            out = [_as(m, d.actor, provisional) if m.actor == f.replaces else m for m in out]
        for name in f.names:
            for start in _occurrences(text, name, d.start if name == d.name else 0):
                end = start + len(name)
                overlapping = [m for m in out if m.start < end and start < m.end]
                if any(_kept(m, start, end, d.actor) for m in overlapping):
                    continue  # a dictionary name, or a name defined before: left alone
                s = sent_at(start)
                if s is None:
                    continue
                out = [m for m in out if m not in overlapping]
                out.append(Mention(start, end, name, d.actor, s, "definition", provisional))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _kept(m: Mention, start: int, end: int, actor: str) -> bool:
    """Whether a mention stands where a defined name is found again: a dictionary name
    does (unless it is the defined actor's, inside the name), a group-shaped one does not."""
    if m.actor == actor and start <= m.start and m.end <= end:
        return False
    return not m.provisional or m.method != "shape"


def _as(m: Mention, actor: str, provisional: bool) -> Mention:
    return Mention(m.start, m.end, m.text, actor, m.sentence, "definition", provisional)


def _occurrences(text: str, name: str, after: int):
    """Where ``name`` occurs as a whole word at or after ``after``."""
    at = text.find(name, after)
    while at != -1:
        end = at + len(name)
        before = text[at - 1] if at else " "
        following = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "-'\u2019") and not (following.isalnum()
                                                                     or following == "-"):
            yield at
        at = text.find(name, at + 1)
