"""The fuzzy fallback of recognition: a long capitalised name that no alias matches, within
a few edits of one actor's name ("Abdiqadir Mumin", "Women's Protection Unit").

Only for names of eight characters or more (their key, ``names.name_key``), never for
acronyms, and only when one actor is that close: the edit distance allowed grows with the
length (1 up to 15 characters, 2 up to 23, then 3), the first letter must agree, and a
tie between two actors gives nothing. A name of one word must be 12 characters or more,
as one-word names (surnames, plurals: "Sandinista" the album) have many near neighbours;
states are left out (their names are spelled one way, and their demonyms sit one edit
away: "Venezuelan").
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .actors import Dictionary, is_acronym
from .names import name_key

_PARTICLES = {"al", "el", "ul", "bin", "ibn", "bint", "abu", "ag", "de", "del", "la", "wal",
              "of", "the", "and", "for", "e", "i", "ad", "ud", "as", "ash", "van", "von"}
_TOKEN = re.compile(r"[^\W\d_][\w'\u2019\u02bf\u02be-]*")


def allowed(length: int) -> int:
    return 1 if length <= 15 else 2 if length <= 23 else 3


class FuzzyIndex:
    """Dictionary name keys by first letter, for a quick nearest-name search."""

    def __init__(self, dictionary: Dictionary) -> None:
        owners: dict[str, set[str]] = defaultdict(set)
        for actor in dictionary.actors.values():
            for form, how in actor.surface_forms():
                if how in ("state_form", "capital") or is_acronym(form) or "(" in form or \
                        actor.kind == "state":
                    continue
                key = name_key(form)
                if len(key) >= 8:
                    owners[key].add(actor.id)
        self.owners = dict(owners)
        self.by_letter: dict[str, list[str]] = defaultdict(list)
        for key in self.owners:
            self.by_letter[key[0]].append(key)

    def nearest(self, key: str) -> str | None:
        """The one actor whose name key is within the allowed distance of ``key``."""
        if len(key) < 8 or (" " not in key and len(key) < 12) or key in self.owners:
            return None
        limit = allowed(len(key))
        found = process.extract(key, self.by_letter.get(key[0], []),
                                scorer=Levenshtein.distance, score_cutoff=limit, limit=3)
        if not found:
            return None
        best = found[0][1]
        actors = {a for name, score, _ in found if score == best for a in self.owners[name]}
        return actors.pop() if len(actors) == 1 else None


def runs(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of capitalised words (particles inside allowed), all their sub-spans of up to
    four words, that overlap no span already ``taken``."""
    spans: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []
    for m in [*_TOKEN.finditer(text), None]:
        joined = m is not None and run and text[run[-1].end():m.start()] == " "
        if m is not None and (m.group()[0].isupper() or (
                joined and m.group().split("-")[0].lower() in _PARTICLES)) and (joined or not run):
            run.append(m)
            continue
        spans += _sub_spans(run)
        run = [m] if m is not None and m.group()[0].isupper() else []
    return [(s, e) for s, e in spans if not any(s < te and ts < e for ts, te in taken)]


def _sub_spans(run: list[re.Match[str]]) -> list[tuple[int, int]]:
    while run and run[-1].group().split("-")[0].lower() in _PARTICLES:
        run = run[:-1]
    out = []
    for i in range(len(run)):
        if run[i].group().split("-")[0].lower() in _PARTICLES and i:
            continue
        for j in range(i, min(len(run), i + 4)):
            out.append((run[i].start(), run[j].end()))
    return out
