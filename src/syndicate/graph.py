"""The map over time: claims aggregated into edges, with independent sources and analytics.

Everything here works on plain claim dicts (``Claim.to_json()`` plus ``"curated": true`` and
``"until"`` for dictionary facts) and actor dicts, so it runs the same on a store, a JSONL
dump or a test fixture. Symmetric relations are one edge per unordered pair (sorted ids).
"""

from __future__ import annotations

import bisect
import calendar
import heapq
import logging
import math
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from .dedup import SourceGroups, count_sources, source_keys
from .vocab import vocabulary

__all__ = [
    "AFFIRMED_STATUSES",
    "MAP_STATUSES",
    "STATUSES",
    "SYMMETRIC",
    "Edge",
    "EdgeAccumulator",
    "build_edges",
    "claim_span",
    "claim_time",
    "contradictions",
    "edge_key",
    "edge_span",
    "network",
    "parse_date",
    "path",
    "stance",
    "state_parents",
    "stats",
    "timeline",
    "to_networkx",
]

log = logging.getLogger(__name__)

# Both read from data/relations.yaml, the one declaration of the vocabulary.
SYMMETRIC: frozenset[str] = vocabulary().symmetric
# How strongly a claim's wording commits its source (1 = stated as fact).
MODALITY_WEIGHT: Mapping[str, float] = vocabulary().modality_weights("evidence")
# A party denying its own links is weaker evidence against them than a stated negation;
# "denied" above is that weight when the claim counts against the edge.
SOURCE_CAP = 0.6  # most one source, however sure, can give an edge
CURATED_STRENGTH = 1.0  # dictionary facts are checked by hand
EVIDENCE_FOR = 3
EVIDENCE_AGAINST = 2

STATUSES = ("active", "fading", "ended", "negated", "unaffirmed")
AFFIRMED_STATUSES = ("active", "fading", "ended")
MAP_STATUSES = ("active", "fading")

_MIN = date.min.toordinal()
_MAX = date.max.toordinal()
_ISO = re.compile(r"^(\d{4})(?:s|-(\d{2})(?:-(\d{2}))?)?")

Span = tuple[int, int]
DateLike = str | date | None


# ---------------------------------------------------------------- dates


def _span_of(value: str | date | None) -> Span | None:
    """First and last day (ordinals) covered by an ISO date, month, year or decade."""
    if value is None:
        return None
    if isinstance(value, date):
        o = value.toordinal()
        return o, o
    m = _ISO.match(str(value).strip())
    if not m:
        return None
    year = int(m.group(1))
    try:
        if str(value).strip().startswith(f"{year}s"):
            return date(year, 1, 1).toordinal(), date(year + 9, 12, 31).toordinal()
        if m.group(3):
            o = date(year, int(m.group(2)), int(m.group(3))).toordinal()
            return o, o
        if m.group(2):
            month = int(m.group(2))
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).toordinal(), date(year, month, last).toordinal()
        return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    except ValueError:
        return None


def parse_date(value: DateLike, *, end: bool = False) -> int | None:
    """Ordinal of the first (or with ``end`` the last) day of "2016", "2016-08", "2016-08-10".

    Raises ValueError on a value that is not such a date.
    """
    if value is None:
        return None
    span = _span_of(value)
    if span is None:
        raise ValueError(f"not a date: {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    return span[1] if end else span[0]


def _iso(ordinal: int | None) -> str | None:
    if ordinal is None or ordinal in (_MIN, _MAX):
        return None
    return date.fromordinal(ordinal).isoformat()


class _Dates:
    """Per-call memo of parsed date strings (many claims share a date)."""

    def __init__(self) -> None:
        self._cache: dict[str, Span | None] = {}

    def span(self, value: Any) -> Span | None:
        if value is None:
            return None
        if not isinstance(value, str):
            return _span_of(value)
        try:
            return self._cache[value]
        except KeyError:
            s = self._cache[value] = _span_of(value)
            return s


def claim_time(claim: Mapping[str, Any]) -> str | None:
    """When the claim says the relation held: its time value, else its publication date."""
    t = claim.get("time") or {}
    return t.get("value") or (None if claim.get("curated") else claim.get("published"))


def claim_span(claim: Mapping[str, Any], dates: _Dates | None = None) -> Span | None:
    """Days the claim covers: its time at its precision; curated facts from..until (open)."""
    dates = dates or _Dates()
    if claim.get("curated"):
        t = claim.get("time") or {}
        start = dates.span(t.get("value"))
        stop = dates.span(claim.get("until"))
        return (start[0] if start else _MIN), (stop[1] if stop else _MAX)
    return dates.span(claim_time(claim))


# ---------------------------------------------------------------- claims


def edge_key(claim: Mapping[str, Any]) -> tuple[str, str, str]:
    """(subject, relation, object) of the edge a claim belongs to; symmetric pairs sorted."""
    s, rel, o = claim["subject"]["id"], claim["relation"], claim["object"]["id"]
    if rel in SYMMETRIC and o < s:
        s, o = o, s
    return s, rel, o


def stance(claim: Mapping[str, Any]) -> str:
    """``for``, ``against`` (negated or denied) or ``desired`` (never evidence either way)."""
    modality = claim.get("modality") or "asserted"
    if modality == "desired":
        return "desired"
    if claim.get("polarity") == "negated" or modality == "denied":
        return "against"
    return "for"


def _strength(claim: Mapping[str, Any]) -> float:
    if claim.get("curated"):
        return CURATED_STRENGTH
    conf = claim.get("confidence")
    conf = 1.0 if conf is None else float(conf)
    weight = MODALITY_WEIGHT.get(claim.get("modality") or "asserted", 0.5)
    return SOURCE_CAP * weight * max(0.0, min(1.0, conf))


# ---------------------------------------------------------------- edges


@dataclass
class Edge:
    """One (subject, relation, object) on the map, with what stands behind it."""

    subject: str
    relation: str
    object: str
    directed: bool
    status: str  # active | fading | ended | negated | unaffirmed
    confidence: float
    first_seen: str | None = None  # span of claim times
    last_seen: str | None = None
    first_affirmed: str | None = None  # span of the times of claims for the edge
    last_affirmed: str | None = None
    until: str | None = None  # end of a curated fact
    n_claims: int = 0
    n_documents: int = 0
    n_sources: int = 0  # independent sources, any stance
    n_affirmed_sources: int = 0
    n_opposing_sources: int = 0
    polarity: str = "affirmed"  # of the latest claim
    modality: str = "asserted"
    curated: bool = False
    claims: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)  # best for, then against

    @property
    def key(self) -> tuple[str, str, str]:
        return self.subject, self.relation, self.object

    @property
    def affirmed(self) -> bool:
        return self.status in AFFIRMED_STATUSES

    def to_json(self, *, evidence: bool = False, claims: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "subject": self.subject, "relation": self.relation, "object": self.object,
            "directed": self.directed, "status": self.status, "confidence": self.confidence,
            "first_seen": self.first_seen, "last_seen": self.last_seen,
            "first_affirmed": self.first_affirmed, "last_affirmed": self.last_affirmed,
            "until": self.until, "n_claims": self.n_claims, "n_documents": self.n_documents,
            "n_sources": self.n_sources, "n_affirmed_sources": self.n_affirmed_sources,
            "n_opposing_sources": self.n_opposing_sources, "polarity": self.polarity,
            "modality": self.modality, "curated": self.curated,
        }
        if claims:
            out["claims"] = list(self.claims)
        if evidence:
            out["evidence"] = list(self.evidence)
        return out


class _Agg:
    __slots__ = (
        "n_claims", "docs", "sources", "for_src", "against_src", "first", "last",
        "first_for", "last_for", "last_for_start", "last_for_end", "last_against_start",
        "latest", "curated", "curated_open", "curated_until", "claims", "ev_for",
        "ev_against", "tick",
    )

    def __init__(self) -> None:
        self.n_claims = 0
        self.docs: set[str] = set()
        self.sources = SourceGroups()
        self.for_src: dict[str, float] = {}
        self.against_src: dict[str, float] = {}
        self.first: tuple[int, str] | None = None
        self.last: tuple[int, int, str] | None = None
        self.first_for: tuple[int, str] | None = None
        self.last_for: tuple[int, int, str] | None = None
        self.last_for_start = _MIN - 1
        self.last_for_end = _MIN - 1
        self.last_against_start = _MIN - 1
        self.latest: tuple[int, int, str, str, str] | None = None
        self.curated = False
        self.curated_open = False
        self.curated_until: tuple[int, str] | None = None
        self.claims: list[str] = []
        self.ev_for: list[tuple[float, int, str, int, dict[str, Any]]] = []
        self.ev_against: list[tuple[float, int, str, int, dict[str, Any]]] = []
        self.tick = 0


def _keep(heap: list[Any], item: tuple[Any, ...], k: int) -> None:
    if len(heap) < k:
        heapq.heappush(heap, item)
    elif item[:4] > heap[0][:4]:
        heapq.heapreplace(heap, item)


def _by_source(groups: SourceGroups, strengths: Mapping[str, float]) -> dict[str, float]:
    """Strongest claim of each independent source."""
    out: dict[str, float] = {}
    for key, strength in strengths.items():
        root = groups.find(key)
        out[root] = max(out.get(root, 0.0), strength)
    return out


def _noisy_or(strengths: Iterable[float]) -> float:
    miss = 1.0
    for s in strengths:
        miss *= 1.0 - s
    return 1.0 - miss


class EdgeAccumulator:
    """Aggregates claims into edges one at a time, in memory bounded by the number of edges.

    ``at`` keeps what was known at that date (claims up to it; curated facts valid then);
    ``since``/``until`` keep claims whose time overlaps the range. Undated claims are
    dropped when any of them is given.
    """

    def __init__(
        self,
        *,
        clusters: Mapping[str, str] | None = None,
        at: DateLike = None,
        since: DateLike = None,
        until: DateLike = None,
        keep_claims: bool = True,
    ) -> None:
        self.clusters = clusters or {}
        self.at = parse_date(at, end=True)
        self.since = parse_date(since)
        self.until = parse_date(until, end=True)
        self.keep_claims = keep_claims
        self.dates = _Dates()
        self._aggs: dict[tuple[str, str, str], _Agg] = {}
        self._outlets: dict[str, str | None] = {}
        self.n_seen = 0
        self.n_kept = 0

    def _admits(self, claim: Mapping[str, Any], span: Span | None) -> bool:
        if self.at is None and self.since is None and self.until is None:
            return True
        if span is None:
            return False
        start, stop = span
        if self.at is not None:
            if start > self.at or (claim.get("curated") and stop < self.at):
                return False
        if self.since is not None and stop < self.since:
            return False
        return not (self.until is not None and start > self.until)

    def add(self, claim: Mapping[str, Any]) -> bool:
        """Count one claim; False when it is outside the time filter or a self-loop."""
        self.n_seen += 1
        key = edge_key(claim)
        if key[0] == key[2]:
            return False
        span = claim_span(claim, self.dates)
        if not self._admits(claim, span):
            return False
        self.n_kept += 1
        agg = self._aggs.get(key)
        if agg is None:
            agg = self._aggs[key] = _Agg()
        agg.n_claims += 1
        agg.tick += 1
        cid = str(claim.get("id") or "")
        if self.keep_claims:
            agg.claims.append(cid)
        doc = claim.get("doc")
        if doc:
            agg.docs.add(doc)
        keys = source_keys(claim, self.clusters, outlets=self._outlets)
        agg.sources.add(keys)
        src = keys[0]
        side = stance(claim)
        value = claim_time(claim)
        start, stop = span if span else (_MIN - 1, _MIN - 1)
        if value is not None and span is not None:
            if agg.first is None or start < agg.first[0]:
                agg.first = (start, value)
            if agg.last is None or (start, stop) > agg.last[:2]:
                agg.last = (start, stop, value)
        latest = (start, stop, cid, claim.get("polarity") or "affirmed",
                  claim.get("modality") or "asserted")
        if agg.latest is None or latest[:3] > agg.latest[:3]:
            agg.latest = latest
        if claim.get("curated"):
            agg.curated = True
            if claim.get("until"):
                if agg.curated_until is None or stop > agg.curated_until[0]:
                    agg.curated_until = (stop, str(claim["until"]))
            elif side == "for":
                agg.curated_open = True
        if side == "desired":
            return True
        strength = _strength(claim)
        if side == "for":
            if strength > agg.for_src.get(src, -1.0):
                agg.for_src[src] = strength
            if value is not None and span is not None:
                if agg.first_for is None or start < agg.first_for[0]:
                    agg.first_for = (start, value)
                if agg.last_for is None or (start, stop) > agg.last_for[:2]:
                    agg.last_for = (start, stop, value)
            agg.last_for_start = max(agg.last_for_start, start)
            agg.last_for_end = max(agg.last_for_end, stop)
            _keep(agg.ev_for, (strength, start, cid, agg.tick, claim), EVIDENCE_FOR)
        else:
            if strength > agg.against_src.get(src, -1.0):
                agg.against_src[src] = strength
            agg.last_against_start = max(agg.last_against_start, start)
            _keep(agg.ev_against, (strength, start, cid, agg.tick, claim), EVIDENCE_AGAINST)
        return True

    def reference(self, today: DateLike = None) -> int:
        """The date statuses are judged at: ``at``, else ``until``, else ``today``."""
        if self.at is not None:
            return self.at
        if self.until is not None:
            return self.until
        ref = parse_date(today, end=True) if today else None
        return ref if ref is not None else date.today().toordinal()

    def edges(self, *, fade_days: int = 730, today: DateLike = None) -> list[Edge]:
        """The edges so far, sorted by (subject, relation, object)."""
        ref = self.reference(today)
        out = []
        for key in sorted(self._aggs):
            out.append(self._edge(key, self._aggs[key], ref, fade_days))
        return out

    @staticmethod
    def _edge(key: tuple[str, str, str], agg: _Agg, ref: int, fade_days: int) -> Edge:
        s, rel, o = key
        for_src = _by_source(agg.sources, agg.for_src)
        against_src = _by_source(agg.sources, agg.against_src)
        has_for, has_against = bool(for_src), bool(against_src)
        if has_against and (not has_for or agg.last_against_start > agg.last_for_start):
            status = "negated"
        elif not has_for:
            status = "unaffirmed"
        elif agg.curated_open:
            status = "active"
        elif agg.curated_until and agg.curated_until[0] < ref and (
            agg.last_for_end <= agg.curated_until[0]
        ):
            status = "ended"
        elif agg.last_for is not None and ref - agg.last_for_end > fade_days:
            status = "fading"  # undated evidence cannot be judged old
        else:
            status = "active"
        support = _noisy_or(for_src.values())
        against = _noisy_or(against_src.values())
        confidence = round(support * (1.0 - against), 3)
        evidence = [e[4] for e in sorted(agg.ev_for, reverse=True, key=lambda e: e[:4])]
        evidence += [e[4] for e in sorted(agg.ev_against, reverse=True, key=lambda e: e[:4])]
        latest = agg.latest
        return Edge(
            subject=s, relation=rel, object=o, directed=rel not in SYMMETRIC,
            status=status, confidence=confidence,
            first_seen=agg.first[1] if agg.first else None,
            last_seen=agg.last[2] if agg.last else None,
            first_affirmed=agg.first_for[1] if agg.first_for else None,
            last_affirmed=agg.last_for[2] if agg.last_for else None,
            until=agg.curated_until[1] if agg.curated_until and not agg.curated_open else None,
            n_claims=agg.n_claims, n_documents=len(agg.docs), n_sources=len(agg.sources),
            n_affirmed_sources=len(for_src), n_opposing_sources=len(against_src),
            polarity=latest[3] if latest else "affirmed",
            modality=latest[4] if latest else "asserted",
            curated=agg.curated, claims=agg.claims, evidence=evidence,
        )


def build_edges(
    claims: Iterable[Mapping[str, Any]],
    *,
    clusters: Mapping[str, str] | None = None,
    at: DateLike = None,
    since: DateLike = None,
    until: DateLike = None,
    fade_days: int = 730,
    today: DateLike = None,
) -> list[Edge]:
    """Aggregate claims into edges, one per (subject, relation, object).

    Independent sources: ``dedup.SourceGroups`` over ``dedup.source_keys`` -- a document's
    near-duplicate cluster (``clusters``) and any original report its claims name are one
    source, so reprints and outlets repeating one report count once; curated facts are one.

    Confidence = P * (1 - N), where
      P = 1 - prod(1 - w_s) over independent sources s with claims for the edge,
      N = 1 - prod(1 - v_s) over sources with negated or denied claims,
      w_s, v_s = the source's strongest claim: 0.6 * modality weight * claim confidence
      (modality weight: asserted 1, reported .8, believed .6, alleged .5, possible .35,
      denied .5); curated facts give w = 1. One source gives at most 0.6, two 0.84, three
      0.94; a source repeating itself adds nothing; desired claims count for nothing.

    Status, judged at ``at``, else ``until``, else ``today``: ``negated`` when the latest
    evidence is against it (or all is), ``unaffirmed`` when only desired, ``ended`` for a
    curated fact past its ``until``, ``fading`` when the last dated claim for it is more than
    ``fade_days`` old (curated facts without ``until`` and undated evidence never fade),
    else ``active``.
    """
    acc = EdgeAccumulator(clusters=clusters, at=at, since=since, until=until)
    for claim in claims:
        acc.add(claim)
    return acc.edges(fade_days=fade_days, today=today)


def edge_span(edge: Edge) -> tuple[str | None, str | None]:
    """(start, end) ISO days the edge held, for timelines: open end while it is active."""
    start = _span_of(edge.first_affirmed) if edge.first_affirmed else None
    if edge.status == "active":
        end = None
    elif edge.status == "ended" and edge.until:
        span = _span_of(edge.until)
        end = span[1] if span else None
    else:
        span = _span_of(edge.last_affirmed) if edge.last_affirmed else None
        end = span[1] if span else None
    return _iso(start[0]) if start else None, _iso(end)


# ---------------------------------------------------------------- actors


def _actor_index(
    actors: Iterable[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]] | None,
) -> dict[str, Mapping[str, Any]]:
    if actors is None:
        return {}
    if isinstance(actors, Mapping):
        return dict(actors)
    return {a["id"]: a for a in actors}


def _node(actor_id: str, index: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    a = index.get(actor_id) or {}
    return {
        "id": actor_id,
        "name": a.get("name") or actor_id,
        "kind": a.get("kind"),
        "provisional": bool(a.get("provisional", actor_id.startswith("candidate:"))),
    }


def state_parents(actors: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """State agencies and forces -> their parent state, for ``contradictions(parents=...)``."""
    index = _actor_index(actors)
    out = {}
    for a in index.values():
        parent = a.get("parent")
        if a.get("kind") in ("state_agency", "state_forces") and parent:
            if (index.get(parent) or {}).get("kind") == "state":
                out[a["id"]] = parent
    return out


# ---------------------------------------------------------------- queries


def network(
    claims: Iterable[Mapping[str, Any]],
    *,
    at: DateLike = None,
    since: DateLike = None,
    until: DateLike = None,
    relations: Collection[str] | None = None,
    min_confidence: float = 0.0,
    kinds: Collection[str] | None = None,
    actors: Iterable[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]] | None = None,
    statuses: Collection[str] = MAP_STATUSES,
    clusters: Mapping[str, str] | None = None,
    fade_days: int = 730,
    today: DateLike = None,
) -> dict[str, Any]:
    """The map at a date or over a range: ``{"nodes": [...], "edges": [...]}``.

    Edges of the given ``statuses`` (default active and fading), ``relations`` and at least
    ``min_confidence``; with ``kinds`` both ends must be actors of those kinds (``actors``
    gives kinds and names).
    """
    index = _actor_index(actors)
    rel_filter = set(relations) if relations else None
    if rel_filter is not None:
        claims = (c for c in claims if c["relation"] in rel_filter)
    acc = EdgeAccumulator(clusters=clusters, at=at, since=since, until=until,
                          keep_claims=False)
    for claim in claims:
        acc.add(claim)
    kind_filter = set(kinds) if kinds else None
    edges = []
    degree: dict[str, int] = defaultdict(int)
    for e in acc.edges(fade_days=fade_days, today=today):
        if e.status not in statuses or e.confidence < min_confidence:
            continue
        if kind_filter is not None and not (
            (index.get(e.subject) or {}).get("kind") in kind_filter
            and (index.get(e.object) or {}).get("kind") in kind_filter
        ):
            continue
        edges.append(e.to_json())
        degree[e.subject] += 1
        degree[e.object] += 1
    nodes = [dict(_node(n, index), degree=degree[n]) for n in sorted(degree)]
    return {
        "at": _iso(acc.at), "since": _iso(acc.since), "until": _iso(acc.until),
        "reference_date": _iso(acc.reference(today)),
        "nodes": nodes, "edges": edges,
    }


def _pair_claims(claims: Iterable[Mapping[str, Any]], a: str, b: str) -> list[Mapping[str, Any]]:
    if a == b:
        return []
    pair = {a, b}
    return [c for c in claims if {c["subject"]["id"], c["object"]["id"]} == pair]


def timeline(
    claims: Iterable[Mapping[str, Any]],
    a: str,
    b: str,
    *,
    clusters: Mapping[str, str] | None = None,
    fade_days: int = 730,
    today: DateLike = None,
) -> dict[str, Any]:
    """How the relation between ``a`` and ``b`` changed: their claims in time order and the
    periods of one (relation, direction, stance) each, e.g. cooperates_with 2010..2012 then
    fights 2015..2016. Undated and desired claims are listed but start no period."""
    dates = _Dates()
    pair = _pair_claims(claims, a, b)

    def order(c: Mapping[str, Any]) -> tuple[Any, ...]:
        span = claim_span(c, dates)
        start, stop = span if span else (_MAX, _MAX)
        return start, stop, str(c.get("doc") or ""), c.get("start") or 0, str(c.get("id"))

    pair.sort(key=order)

    def label(c: Mapping[str, Any]) -> tuple[str, str, str, str]:
        s, rel, o = edge_key(c)
        return rel, s, o, "affirmed" if stance(c) == "for" else "negated"

    # Same-day claims: keep the running period's label first so runs do not flicker.
    buckets: dict[int, list[Mapping[str, Any]]] = {}
    for c in pair:
        span = claim_span(c, dates)
        if span is None or stance(c) == "desired":
            continue
        buckets.setdefault(span[0], []).append(c)
    periods: list[dict[str, Any]] = []
    current: tuple[str, str, str, str] | None = None
    for day in sorted(buckets):
        group = sorted(buckets[day], key=lambda c: (label(c) != current, label(c)))
        for c in group:
            lab = label(c)
            if lab != current:
                rel, s, o, polarity = lab
                periods.append({"relation": rel, "subject": s, "object": o,
                                "stance": polarity, "from": claim_time(c), "to": claim_time(c),
                                "n_claims": 0, "claims": [], "_claims": []})
                current = lab
            p = periods[-1]
            p["to"] = claim_time(c)
            p["n_claims"] += 1
            p["_claims"].append(c)
            p["claims"].append(c.get("id"))
    for p in periods:
        p["n_sources"] = count_sources(p.pop("_claims"), clusters)
    edges = build_edges(pair, clusters=clusters, fade_days=fade_days, today=today)
    return {
        "a": a, "b": b,
        "periods": periods,
        "edges": [e.to_json() for e in edges],
        "claims": [dict(c) for c in pair],
    }


def path(
    claims: Iterable[Mapping[str, Any]],
    a: str,
    b: str,
    *,
    max_hops: int = 4,
    clusters: Mapping[str, str] | None = None,
    at: DateLike = None,
    min_confidence: float = 0.0,
    statuses: Collection[str] = AFFIRMED_STATUSES,
    today: DateLike = None,
) -> list[dict[str, Any]]:
    """How ``a`` reaches ``b``: the shortest chain of affirmed edges (either direction),
    among equally short ones the most confident (product of edge confidences), each hop
    with its best edge and that edge's best evidence. ``[]`` when none within ``max_hops``.
    """
    if a == b:
        return []
    best: dict[str, dict[str, Edge]] = defaultdict(dict)
    for e in build_edges(claims, clusters=clusters, at=at, today=today):
        if e.status not in statuses or e.confidence < min_confidence:
            continue
        for u, v in ((e.subject, e.object), (e.object, e.subject)):
            old = best[u].get(v)
            if old is None or (e.confidence, old.key) > (old.confidence, e.key):
                best[u][v] = e
    if a not in best or b not in best:
        return []
    chain = best_chain(a, b, lambda nodes: {u: {v: e.confidence for v, e in best[u].items()}
                                            for u in nodes}, max_hops=max_hops)
    hops = []
    for u, v in zip(chain, chain[1:], strict=False):
        e = best[u][v]
        hops.append({
            "from": u, "to": v, "subject": e.subject, "relation": e.relation,
            "object": e.object, "directed": e.directed, "status": e.status,
            "confidence": e.confidence, "n_sources": e.n_affirmed_sources,
            "first_seen": e.first_affirmed, "last_seen": e.last_affirmed,
            "evidence": [c for c in e.evidence if stance(c) == "for"],
        })
    return hops


def best_chain(a: str, b: str,
               neighbours: Callable[[list[str]], Mapping[str, Mapping[str, float]]], *,
               max_hops: int) -> list[str]:
    """Breadth-first from ``a``: the shortest chain of nodes to ``b`` (``[]`` if none within
    ``max_hops``), among equally short ones the one whose edge confidences have the highest
    product. ``neighbours(frontier)`` gives, per node, its neighbours and the confidence of
    the edge to each; it is asked once per level."""
    dist = {a: 0}
    score = {a: 0.0}
    pred: dict[str, str] = {}
    frontier = [a]
    while frontier and b not in dist and dist[frontier[0]] < max_hops:
        adj = neighbours(frontier)
        nxt: list[str] = []
        for u in frontier:  # score[u] is final: all its predecessors were one level up
            for v in sorted(adj.get(u, {})):
                if v in dist and dist[v] != dist[u] + 1:
                    continue
                gain = score[u] + math.log(max(adj[u][v], 1e-9))
                if v not in dist:
                    dist[v] = dist[u] + 1
                    nxt.append(v)
                    score[v], pred[v] = gain, u
                elif gain > score[v]:
                    score[v], pred[v] = gain, u
        frontier = sorted(nxt)
    if b not in dist:
        return []
    chain = [b]
    while chain[-1] != a:
        chain.append(pred[chain[-1]])
    chain.reverse()
    return chain


def _simple_graph(edges: Iterable[Edge], statuses: Collection[str]) -> nx.Graph:
    g = nx.Graph()
    for e in edges:
        if e.status not in statuses:
            continue
        w = g.get_edge_data(e.subject, e.object, {}).get("weight", 0.0)
        g.add_edge(e.subject, e.object, weight=max(w, e.confidence))
    return g


def stats(
    claims: Iterable[Mapping[str, Any]],
    actors: Iterable[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]] | None = None,
    *,
    clusters: Mapping[str, str] | None = None,
    at: DateLike = None,
    statuses: Collection[str] = MAP_STATUSES,
    exact_betweenness_up_to: int = 500,
    sample: int = 256,
    today: DateLike = None,
) -> dict[str, Any]:
    """Centrality, communities and bridges of the map (edges of ``statuses``, undirected).

    Betweenness is exact up to ``exact_betweenness_up_to`` nodes, else estimated from
    ``sample`` pivots (seeded, so repeatable). Communities: Louvain (seed 0), largest first.
    Bridges: edges whose removal disconnects their component; articulation points: actors
    whose removal does.
    """
    index = _actor_index(actors)
    g = _simple_graph(build_edges(claims, clusters=clusters, at=at, today=today), statuses)
    n = g.number_of_nodes()
    if n == 0:
        return {"n_nodes": 0, "n_edges": 0, "nodes": [], "communities": [], "bridges": [],
                "articulation_points": [], "betweenness_sample": None}
    k = None if n <= exact_betweenness_up_to else min(sample, n)
    betweenness = nx.betweenness_centrality(g, k=k, seed=0)
    degree_c = nx.degree_centrality(g)
    communities = sorted(
        (sorted(c) for c in nx.community.louvain_communities(g, weight="weight", seed=0)),
        key=lambda c: (-len(c), c[0]),
    )
    member = {node: i for i, c in enumerate(communities) for node in c}
    nodes = [
        dict(_node(v, index), degree=g.degree(v), degree_centrality=round(degree_c[v], 4),
             betweenness=round(betweenness[v], 4), community=member[v])
        for v in g.nodes
    ]
    nodes.sort(key=lambda d: (-d["betweenness"], -d["degree"], d["id"]))
    return {
        "n_nodes": n,
        "n_edges": g.number_of_edges(),
        "nodes": nodes,
        "communities": communities,
        "bridges": sorted(tuple(sorted(e)) for e in nx.bridges(g)),
        "articulation_points": sorted(nx.articulation_points(g)),
        "betweenness_sample": k,
    }


def _in_time_order(
    hits: Iterable[tuple[Mapping[str, Any], Span | None]],
) -> list[dict[str, Any]]:
    return [dict(c) for c, _ in sorted(hits, key=lambda h: (h[1] or (_MAX, _MAX),
                                                            str(h[0].get("id"))))]


def _overlap(a: Mapping[str, Any], a_span: Span | None, b: Mapping[str, Any],
             b_span: Span | None, window_days: int) -> bool:
    if a_span is None or b_span is None:
        # An undated claim is at least simultaneous with the rest of its document.
        return a.get("doc") is not None and a.get("doc") == b.get("doc")
    return max(a_span[0], b_span[0]) - min(a_span[1], b_span[1]) <= window_days


def _overlapping(
    fors: list[tuple[Mapping[str, Any], Span | None]],
    againsts: list[tuple[Mapping[str, Any], Span | None]],
    window_days: int,
) -> tuple[set[int], set[int]]:
    """Indexes of the claims on each side that ``_overlap`` some claim on the other side,
    in O(n log n) rather than comparing every pair: dated claims by a sweep over starts
    with a running latest end, undated ones through their document."""

    def hits(side: list[tuple[Mapping[str, Any], Span | None]],
             other: list[tuple[Mapping[str, Any], Span | None]]) -> set[int]:
        dated: list[Span] = sorted(sp for _, sp in other if sp is not None)
        starts = [start for start, _ in dated]
        reach: list[int] = []  # latest end among the first k other-side claims by start
        for _, stop in dated:
            reach.append(max(reach[-1], stop) if reach else stop)
        out = set()
        for i, (_, sp) in enumerate(side):
            if sp is None:
                continue
            k = bisect.bisect_right(starts, sp[1] + window_days)
            if k and reach[k - 1] >= sp[0] - window_days:
                out.add(i)
        return out

    hit_f, hit_a = hits(fors, againsts), hits(againsts, fors)
    # An undated claim overlaps every claim of its own document on the other side.
    by_doc: dict[Any, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i, (c, _) in enumerate(fors):
        if c.get("doc") is not None:
            by_doc[c["doc"]][0].append(i)
    for i, (c, _) in enumerate(againsts):
        if c.get("doc") is not None:
            by_doc[c["doc"]][1].append(i)
    for f_idx, a_idx in by_doc.values():
        if not f_idx or not a_idx:
            continue
        undated_f = [i for i in f_idx if fors[i][1] is None]
        undated_a = [i for i in a_idx if againsts[i][1] is None]
        if undated_f:
            hit_f.update(undated_f)
            hit_a.update(a_idx)
        if undated_a:
            hit_a.update(undated_a)
            hit_f.update(f_idx)
    return hit_f, hit_a


def contradictions(
    claims: Iterable[Mapping[str, Any]],
    *,
    parents: Mapping[str, str] | None = None,
    window_days: int = 365,
    clusters: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Relations that sources both affirm and negate or deny at overlapping times.

    Claims conflict when one is for and one against the same (subject, relation, object)
    and their times lie within ``window_days`` of each other (curated facts cover
    from..until; an undated claim overlaps only claims of its own document). With
    ``parents`` (e.g. ``state_parents(actors)``), an agency or force and its state are one
    side. Each item lists both sides' evidence, oldest first.
    """
    parents = parents or {}
    dates = _Dates()
    groups: dict[tuple[str, str, str], list[tuple[Mapping[str, Any], Span | None]]] = (
        defaultdict(list))
    for c in claims:
        if stance(c) == "desired":
            continue
        s = parents.get(c["subject"]["id"], c["subject"]["id"])
        o = parents.get(c["object"]["id"], c["object"]["id"])
        if s == o:
            continue
        rel = c["relation"]
        if rel in SYMMETRIC and o < s:
            s, o = o, s
        groups[(s, rel, o)].append((c, claim_span(c, dates)))
    out = []
    for key in sorted(groups):
        fors = [(c, sp) for c, sp in groups[key] if stance(c) == "for"]
        againsts = [(c, sp) for c, sp in groups[key] if stance(c) == "against"]
        if not fors or not againsts:
            continue
        hits_f, hits_a = _overlapping(fors, againsts, window_days)
        hit_for = {i: fors[i] for i in sorted(hits_f)}
        hit_against = {i: againsts[i] for i in sorted(hits_a)}
        if not hit_for:
            continue
        involved = list(hit_for.values()) + list(hit_against.values())
        bounds = [sp for _, sp in involved if sp is not None]
        s, rel, o = key
        out.append({
            "subject": s, "relation": rel, "object": o,
            "from": _iso(min(b[0] for b in bounds)) if bounds else None,
            "to": _iso(max(b[1] for b in bounds)) if bounds else None,
            "n_affirmed_sources": count_sources((c for c, _ in hit_for.values()), clusters),
            "n_opposing_sources": count_sources((c for c, _ in hit_against.values()), clusters),
            "actors": sorted({x for c, _ in involved
                              for x in (c["subject"]["id"], c["object"]["id"])}),
            "affirmed": _in_time_order(hit_for.values()),
            "opposing": _in_time_order(hit_against.values()),
        })
    return out


def to_networkx(
    claims: Iterable[Mapping[str, Any]],
    actors: Iterable[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]] | None = None,
    *,
    clusters: Mapping[str, str] | None = None,
    at: DateLike = None,
    since: DateLike = None,
    until: DateLike = None,
    today: DateLike = None,
) -> nx.MultiDiGraph:
    """The map as a MultiDiGraph: every actor a node, every edge one arc keyed by relation
    (symmetric ones once, subject < object, with ``directed=False``)."""
    index = _actor_index(actors)
    g = nx.MultiDiGraph()
    for actor_id, a in index.items():
        g.add_node(actor_id, **{k: v for k, v in a.items() if k != "id" and v is not None})
    for e in build_edges(claims, clusters=clusters, at=at, since=since, until=until,
                         today=today):
        for end in (e.subject, e.object):
            if end not in g:
                g.add_node(end, **{k: v for k, v in _node(end, index).items()
                                   if k != "id" and v is not None})
        data = e.to_json(claims=True)
        for k in ("subject", "object"):
            data.pop(k)
        g.add_edge(e.subject, e.object, key=e.relation, **data)
    return g
