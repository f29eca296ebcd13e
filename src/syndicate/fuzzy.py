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

import bisect
import re
from collections import defaultdict
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .actors import Dictionary, is_acronym
from .names import name_key

_PARTICLES = {"al", "el", "ul", "bin", "ibn", "bint", "abu", "ag", "de", "del", "la", "wal",
              "of", "the", "and", "for", "e", "i", "ad", "ud", "as", "ash", "van", "von"}


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
        self.buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for key in self.owners:
            self.buckets[key[0], len(key)].append(key)
        self._seen: dict[str, str | None] = {}

    def nearest(self, key: str) -> str | None:
        """The one actor whose name key is within the allowed distance of ``key``."""
        if key not in self._seen:
            if len(self._seen) > 100_000:
                self._seen.clear()
            self._seen[key] = self._nearest(key)
        return self._seen[key]

    def _nearest(self, key: str) -> str | None:
        if len(key) < 8 or (" " not in key and len(key) < 12) or key in self.owners:
            return None
        limit = allowed(len(key))
        choices = [k for n in range(len(key) - limit, len(key) + limit + 1)
                   for k in self.buckets.get((key[0], n), ())]
        found = process.extract(key, choices, scorer=Levenshtein.distance,
                                score_cutoff=limit, limit=3)
        if not found:
            return None
        best = found[0][1]
        actors = {a for name, score, _ in found if score == best for a in self.owners[name]}
        return actors.pop() if len(actors) == 1 else None


_PARTICLE = "|".join(sorted(_PARTICLES, key=len, reverse=True))
_RUN = re.compile(rf"""
    (?=[A-Z])(?<![\w'\u2019-])[A-Z][\w'\u2019]*  # a capitalised word (checked first: fast)
    (?:(?:[ -]|['\u2019]s[ ])                      # joined by a space, a hyphen or 's
       (?:[A-Z][\w'\u2019]*|(?:{_PARTICLE})(?=[ -])))*  # capitalised words, particles
    """, re.X)
_WORDS_IN_RUN = re.compile(r"[^\s'\u2019-]+(?:['\u2019][^\s'\u2019-]+)*")


def runs(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of capitalised words (particles inside allowed) and their endings of up to
    four words long enough to search (``FuzzyIndex.nearest``), that overlap no span
    already ``taken``."""
    spans: list[tuple[int, int]] = []
    for m in _RUN.finditer(text):
        if m.end() - m.start() < 8 or (" " not in m.group() and m.end() - m.start() < 12):
            continue
        spans += [(m.start() + s, m.start() + e) for s, e in _run_spans(m.group())]
    taken = sorted(taken)
    starts = [s for s, _ in taken]
    return [(s, e) for s, e in spans if not _overlaps(s, e, taken, starts)]


@lru_cache(maxsize=65536)
def _run_spans(run: str) -> tuple[tuple[int, int], ...]:
    """``_sub_spans`` of one run, offsets within it (a run's spans do not depend on where
    it stands)."""
    return tuple(_sub_spans([w.span() for w in _WORDS_IN_RUN.finditer(run)], run))


def _overlaps(start: int, end: int, taken: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect.bisect_left(starts, end)  # spans starting before our end
    return any(taken[j][1] > start for j in range(max(0, i - 3), i))


def _sub_spans(run: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """The run and its endings (titles and the like dropped from the front: "Commander
    Qaseem Suleimani"), never a beginning: "Jaish al-Fath al-Jadid" is not "Jaish al-Fath"."""
    if not run or text[run[-1][0]:run[-1][1]].lower() in _PARTICLES:
        return []
    end = run[-1][1]
    out = []
    for i in range(max(0, len(run) - 4), len(run)):
        if text[run[i][0]:run[i][1]].lower() in _PARTICLES:
            continue
        start = run[i][0]
        if end - start >= 8 and (i < len(run) - 1 or end - start >= 12):
            out.append((start, end))
    return out
