"""Materialised edges: the map kept in the store, not recomputed from every claim.

Three derived tables (schema: ``store.MIGRATIONS`` v3):

- ``claim_edges``: one light row per claim (and per curated dictionary fact) with its
  canonical edge key, stance, dates as day ordinals, source fields and review verdict --
  everything ``graph.EdgeAccumulator`` reads, so no JSON is decoded to aggregate;
- ``edges``: one row per (subject, relation, object), the ``graph.Edge`` fields plus the
  inputs of its status, which depends on the day it is judged (``status_sql``), and the
  kinds of its two actors (v8; triggers on ``actors`` keep them in step);
- ``contradictions``: ``graph.contradictions`` items, one per contradicted key.

Writers only mark what changed (``edges_dirty``: a document, a claim, the curated facts,
the clusters); ``refresh_edges`` recomputes just the edges those touch, each from all of
its claims with the same ``graph`` code, so the result equals ``rebuild_edges`` and
``graph.build_edges(store.iter_claims())`` (``tests/test_edges.py`` proves it).
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from . import graph
from .graph import SYMMETRIC, DateLike, Edge, EdgeAccumulator, claim_span, parse_date, stance

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "DERIVATION",
    "FADE_DAYS",
    "edge_status",
    "edges_stale",
    "rebuild_edges",
    "refresh_edges",
    "reference_day",
    "status_sql",
]

log = logging.getLogger(__name__)

# Bump when what the tables hold or how it is computed changes: the tables are then stale.
DERIVATION = "edges.v1"
FADE_DAYS = 730
_NO_DAY = date.min.toordinal() - 1  # graph's "no date" marker for last_*_start/end


_CE_COLUMNS = ("claim, doc, seq, subject, relation, object, stated_subject, stated_object, "
               "time_value, published, until, day_start, day_end, polarity, modality, stance, "
               "attribution, confidence, curated, review, fact")


# ---------------------------------------------------------------- status


def reference_day(today: DateLike = None) -> int:
    """The day statuses are judged at, as an ordinal (default: today)."""
    ref = parse_date(today, end=True) if today else None
    return ref if ref is not None else date.today().toordinal()


def edge_status(row: Mapping[str, Any], ref: int, fade_days: int = FADE_DAYS) -> str:
    """``graph``'s status rule over the stored inputs (mirrors ``EdgeAccumulator._edge``)."""
    if row["has_against"] and (not row["has_for"] or row["against_later"]):
        return "negated"
    if not row["has_for"]:
        return "unaffirmed"
    if row["curated_open"]:
        return "active"
    until = row["curated_until_day"]
    if until is not None and until < ref and row["last_for_end"] <= until:
        return "ended"
    if row["last_for_dated"] and ref - row["last_for_end"] > fade_days:
        return "fading"
    return "active"


def status_sql(alias: str = "e") -> str:
    """The same rule as a SQL expression; parameters ``:ref`` and ``:fade``."""
    a = alias
    return (f"(CASE WHEN {a}.has_against AND (NOT {a}.has_for OR {a}.against_later) "
            f"THEN 'negated' WHEN NOT {a}.has_for THEN 'unaffirmed' "
            f"WHEN {a}.curated_open THEN 'active' "
            f"WHEN {a}.curated_until_day IS NOT NULL AND {a}.curated_until_day < :ref "
            f"AND {a}.last_for_end <= {a}.curated_until_day THEN 'ended' "
            f"WHEN {a}.last_for_dated AND :ref - {a}.last_for_end > :fade THEN 'fading' "
            f"ELSE 'active' END)")


# ---------------------------------------------------------------- claim rows


def _claim_row(claim: Mapping[str, Any], *, seq: int = 0, review: str | None = None,
               dates: Any = None) -> tuple[Any, ...]:
    s, rel, o = graph.edge_key(claim)
    span = claim_span(claim, dates)
    curated = bool(claim.get("curated"))
    return (
        str(claim.get("id")), claim.get("doc"), seq, s, rel, o,
        claim["subject"]["id"], claim["object"]["id"],
        (claim.get("time") or {}).get("value"), claim.get("published"), claim.get("until"),
        span[0] if span else None, span[1] if span else None,
        claim.get("polarity") or "affirmed", claim.get("modality") or "asserted",
        stance(claim), claim.get("attribution"), claim.get("confidence"), int(curated),
        review, json.dumps(claim) if curated else None,
    )


def _as_claim(row: Mapping[str, Any]) -> dict[str, Any]:
    """The fields ``EdgeAccumulator`` reads, rebuilt from a ``claim_edges`` row."""
    curated = bool(row["curated"])
    confidence = row["confidence"]
    if row["review"] == "confirmed":
        confidence = 1.0
    return {
        "id": row["claim"], "doc": row["doc"],
        "subject": {"id": row["stated_subject"]}, "relation": row["relation"],
        "object": {"id": row["stated_object"]},
        "time": {"value": row["time_value"]}, "published": row["published"],
        "until": row["until"], "polarity": row["polarity"], "modality": row["modality"],
        "attribution": row["attribution"], "confidence": confidence, "curated": curated,
    }


def _reviews(store: Store) -> dict[str, str]:
    return dict(store.db.execute("SELECT claim, verdict FROM review_state").fetchall())


def _canonical(store: Store, claim: dict[str, Any]) -> dict[str, Any]:
    merged = store.dictionary.merged if store.dictionary else {}
    for side in ("subject", "object"):
        claim[side]["id"] = merged.get(claim[side]["id"], claim[side]["id"])
    return claim


def _curated_rows(store: Store) -> list[tuple[Any, ...]]:
    from .store import curated_claim

    if store.dictionary is None:
        return []
    rows, seen = [], set()
    for i, fact in enumerate(store.dictionary.curated_claims()):
        row = _claim_row(curated_claim(fact), seq=i)
        if row[0] in seen:  # one pair stated twice (e.g. two periods): keep both, apart
            row = (f"{row[0]}#{i}", *row[1:])
        seen.add(row[0])
        rows.append(row)
    return rows


# ---------------------------------------------------------------- edges


_EDGE_COLUMNS = (
    "subject, relation, object, directed, confidence, first_seen, last_seen, first_affirmed, "
    "last_affirmed, until, n_claims, n_documents, n_sources, n_affirmed_sources, "
    "n_opposing_sources, polarity, modality, curated, n_curated, n_confirmed, n_rejected, "
    "has_for, has_against, against_later, curated_open, curated_until_day, last_for_end, "
    "last_for_dated, held_from, held_to, weight, evidence, subject_kind, object_kind")
_EDGE_INSERT = f"INSERT INTO edges ({_EDGE_COLUMNS}) VALUES ({','.join('?' * 34)})"


def _kinds(store: Store) -> dict[str, str]:
    """Each actor's kind, written on its edges (the map's kind filter reads it there)."""
    return dict(store.db.execute("SELECT id, kind FROM actors").fetchall())


def _edge_rows(acc: EdgeAccumulator, counts: Mapping[tuple[str, str, str], list[int]],
               kinds: Mapping[str, str]) -> Iterator[tuple[Any, ...]]:
    ref = date.today().toordinal()
    for key in sorted(acc._aggs):
        agg = acc._aggs[key]
        e: Edge = acc._edge(key, agg, ref, FADE_DAYS)
        has_for = bool(agg.for_src)
        has_against = bool(agg.against_src)
        until_day = agg.curated_until[0] if agg.curated_until else None
        first_for = graph._span_of(e.first_affirmed) if e.first_affirmed else None
        # The span the map's time slider shows it over (as graph.edge_span, the GEXF
        # intervals): from the first claim for it to the last one, or to a curated 'until';
        # open while active, which is judged when asked.
        if until_day is not None and not agg.curated_open and agg.last_for_end <= until_day:
            held_to: int | None = until_day
        else:
            last = graph._span_of(e.last_affirmed) if e.last_affirmed else None
            held_to = last[1] if last else None
        n_curated, n_confirmed, n_rejected = counts.get(key, (0, 0, 0))
        yield (
            e.subject, e.relation, e.object, int(e.directed), e.confidence, e.first_seen,
            e.last_seen, e.first_affirmed, e.last_affirmed, e.until, e.n_claims,
            e.n_documents, e.n_sources, e.n_affirmed_sources, e.n_opposing_sources,
            e.polarity, e.modality, int(e.curated), n_curated, n_confirmed, n_rejected,
            int(has_for), int(has_against), int(agg.last_against_start > agg.last_for_start),
            int(agg.curated_open), until_day, agg.last_for_end, int(agg.last_for is not None),
            first_for[0] if first_for else None, held_to,
            _weight(e, n_curated),
            json.dumps([str(c.get("id")) for c in e.evidence]),
            kinds.get(e.subject), kinds.get(e.object),
        )


def _weight(edge: Edge, n_curated: int) -> float:
    """The map's order when it is capped: edges the news supports first, by how many
    independent sources and how confidently; dictionary-only structure after them."""
    from_text = edge.n_affirmed_sources - (1 if edge.curated else 0)
    if from_text <= 0:
        return round(edge.confidence * 0.5, 4)
    return round(1 + min(from_text, 50) * 0.1 + edge.confidence, 4)


def _aggregate(store: Store, rows: Iterable[Mapping[str, Any]], clusters: Mapping[str, str],
               ) -> tuple[EdgeAccumulator, dict[tuple[str, str, str], list[int]]]:
    acc = EdgeAccumulator(clusters=clusters, keep_claims=False)
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        key = (row["subject"], row["relation"], row["object"])
        if row["review"] == "rejected":
            counts[key][2] += 1
            continue
        if row["curated"]:
            counts[key][0] += 1
        if row["review"] == "confirmed":
            counts[key][1] += 1
        acc.add(_as_claim(row))
    return acc, counts


# Same order as store.iter_claims: stored claims by (time_value, id), then curated facts.
CLAIM_ORDER = "ORDER BY curated, CASE WHEN curated THEN seq END, time_value, claim"


def _recompute(store: Store, keys: set[tuple[str, str, str]],
               clusters: Mapping[str, str]) -> int:
    db = store.db
    db.execute("CREATE TEMP TABLE IF NOT EXISTS _keys (subject, relation, object)")
    db.execute("DELETE FROM _keys")
    db.executemany("INSERT INTO _keys VALUES (?,?,?)", sorted(keys))
    rows = db.execute(
        f"SELECT {_CE_COLUMNS} FROM claim_edges WHERE (subject, relation, object) IN "
        f"(SELECT subject, relation, object FROM _keys) {CLAIM_ORDER}")
    acc, counts = _aggregate(store, rows, clusters)
    db.execute("DELETE FROM edges WHERE (subject, relation, object) IN "
               "(SELECT subject, relation, object FROM _keys)")
    new = list(_edge_rows(acc, counts, _kinds(store)))
    db.executemany(_EDGE_INSERT, new)
    # Rows whose every claim was rejected keep no edge but still count for the review page.
    _recompute_contradictions(store, keys, clusters)
    return len(new)


def _parents(store: Store) -> dict[str, str]:
    return graph.state_parents(store.actors())


def _recompute_contradictions(store: Store, keys: set[tuple[str, str, str]] | None,
                              clusters: Mapping[str, str]) -> None:
    """Contradictions of the given edge keys (after mapping agencies to states), or all."""
    db = store.db
    parents = _parents(store)
    children: dict[str, set[str]] = defaultdict(set)
    for child, parent in parents.items():
        children[parent].add(child)

    def mapped(s: str, rel: str, o: str) -> tuple[str, str, str]:
        s, o = parents.get(s, s), parents.get(o, o)
        if rel in SYMMETRIC and o < s:
            s, o = o, s
        return s, rel, o

    if keys is None:
        stances: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for s, rel, o, st in db.execute(
                "SELECT subject, relation, object, stance FROM claim_edges WHERE "
                "review IS NOT 'rejected' AND stance != 'desired'"):
            stances[mapped(s, rel, o)].add(st)
        targets = {k for k, v in stances.items() if len(v) == 2}
        db.execute("DELETE FROM contradictions")
    else:
        targets = {mapped(*k) for k in keys}
        db.executemany("DELETE FROM contradictions WHERE subject=? AND relation=? AND object=?",
                       sorted(targets))
    items = []
    for s, rel, o in sorted(targets):
        sides = ({s} | children.get(s, set()), {o} | children.get(o, set()))
        claims = list(_claims_between(store, sides[0], rel, sides[1]))
        for item in graph.contradictions(claims, parents=parents, clusters=clusters):
            day = graph._span_of(item["from"]) if item["from"] else None
            items.append((item["subject"], item["relation"], item["object"],
                          day[0] if day else None, json.dumps(item)))
    db.executemany("INSERT OR REPLACE INTO contradictions VALUES (?,?,?,?,?)", items)


def _claims_between(store: Store, subjects: set[str], relation: str,
                    objects: set[str]) -> Iterator[dict[str, Any]]:
    marks_s = ",".join("?" * len(subjects))
    marks_o = ",".join("?" * len(objects))
    params = [relation, *subjects, *objects]
    sql = (f"SELECT claim FROM claim_edges WHERE relation = ? AND review IS NOT 'rejected' "
           f"AND ((subject IN ({marks_s}) AND object IN ({marks_o}))")
    if relation in SYMMETRIC:
        sql += f" OR (subject IN ({marks_o}) AND object IN ({marks_s}))"
        params += [*objects, *subjects]
    sql += ")"
    ids = [r[0] for r in store.db.execute(sql, params)]
    yield from claims_by_id(store, ids)


def claims_by_id(store: Store, ids: list[str]) -> Iterator[dict[str, Any]]:
    """Full claims (data contract, reviews applied) for claim ids, curated facts included,
    in the order given."""
    found = claims_keyed(store, ids)
    for cid in ids:
        if cid in found:
            yield found[cid]


def claims_keyed(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """``claims_by_id`` as a mapping from each id asked for (a curated fact stated twice is
    kept as 'id#n' and answers under that key)."""
    found: dict[str, dict[str, Any]] = {}
    reviews = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for cid, text, verdict, note in store.db.execute(
                f"SELECT c.id, c.json, r.verdict, r.note FROM claims c LEFT JOIN review_state r"
                f" ON r.claim = c.id WHERE c.id IN ({marks})", chunk):
            claim = _canonical(store, json.loads(text))
            claim["curated"] = False
            reviews[cid] = (verdict, note)
            found[cid] = claim
        for cid, fact in store.db.execute(
                f"SELECT claim, fact FROM claim_edges WHERE curated = 1 AND claim IN ({marks})",
                chunk):
            found[cid] = json.loads(fact)
    for cid, claim in found.items():
        verdict, note = reviews.get(cid, (None, None))
        if verdict:
            claim["review"] = {"verdict": verdict, "note": note}
            if verdict == "confirmed":
                claim["confidence"] = 1.0
    return found


# ---------------------------------------------------------------- maintenance


def _meta(store: Store, name: str) -> str | None:
    row = store.db.execute("SELECT value FROM edges_meta WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def _signature(value: Any) -> str:
    import hashlib

    return hashlib.sha1(json.dumps(value).encode()).hexdigest()


def _merged(store: Store) -> dict[str, str]:
    return dict(store.dictionary.merged) if store.dictionary else {}


def _dictionary_signatures(store: Store, curated: list[tuple[Any, ...]]) -> list[tuple[str, str]]:
    """What the derived rows take from the dictionary: its curated facts and its merges.
    A store opened without a dictionary leaves them as they were."""
    if store.dictionary is None:
        return [(name, _meta(store, name) or "") for name in ("curated", "merged")]
    return [("curated", _signature([r[20] for r in curated])),
            ("merged", _signature(sorted(_merged(store).items())))]


def _store_range(store: Store) -> None:
    """The days the map spans, for the time slider (one scan per refresh, not per request)."""
    lo, hi = store.db.execute("SELECT min(held_from), max(max(coalesce(held_to, held_from), "
                              "coalesce(held_from, 0))) FROM edges").fetchone()
    store.db.execute("INSERT OR REPLACE INTO edges_meta VALUES ('range', ?)",
                     (json.dumps([lo, hi or None]),))


def rebuild_edges(store: Store) -> dict[str, int]:
    """Recompute every derived row from the stored claims and the dictionary (for
    ``syndicate reindex``). Decodes every claim once; returns row counts."""
    db = store.db
    reviews = _reviews(store)
    dates = graph._Dates()
    curated = _curated_rows(store)
    with db:
        db.execute("DELETE FROM claim_edges")
        db.execute("DELETE FROM edges")
        db.execute("DELETE FROM edges_dirty")
        batch: list[tuple[Any, ...]] = []
        for cid, text in db.execute("SELECT id, json FROM claims"):
            claim = _canonical(store, json.loads(text))
            batch.append(_claim_row(claim, review=reviews.get(cid), dates=dates))
            if len(batch) >= 10_000:
                db.executemany(f"INSERT INTO claim_edges VALUES ({','.join('?' * 21)})", batch)
                batch = []
        batch += curated
        db.executemany(f"INSERT INTO claim_edges VALUES ({','.join('?' * 21)})", batch)
        clusters = store.clusters()
        rows = db.execute(f"SELECT {_CE_COLUMNS} FROM claim_edges {CLAIM_ORDER}")
        acc, counts = _aggregate(store, rows, clusters)
        db.executemany(_EDGE_INSERT, _edge_rows(acc, counts, _kinds(store)))
        _recompute_contradictions(store, None, clusters)
        db.executemany("INSERT OR REPLACE INTO edges_meta VALUES (?,?)",
                       [("derivation", DERIVATION), *_dictionary_signatures(store, curated)])
        _store_range(store)
    out = {t: int(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
           for t in ("claim_edges", "edges", "contradictions")}
    log.info("rebuilt edges of %s: %s", store.path, out)
    return out


def edges_stale(store: Store) -> bool:
    """True when the derived tables may differ from a rebuild: never built or built by
    another derivation, changes not yet applied, claims missing or the dictionary's
    curated facts changed since."""
    if _meta(store, "derivation") != DERIVATION:
        return True
    if store.db.execute("SELECT 1 FROM edges_dirty LIMIT 1").fetchone():
        return True
    for name, value in _dictionary_signatures(store, _curated_rows(store)):
        if _meta(store, name) != value:
            return True
    n_claims = store.db.execute("SELECT count(*) FROM claims").fetchone()[0]
    n_rows = store.db.execute("SELECT count(*) FROM claim_edges WHERE curated = 0").fetchone()[0]
    return bool(n_claims != n_rows)


def refresh_edges(store: Store) -> int:
    """Apply the changes marked in ``edges_dirty``: reload the claim rows of changed
    documents and claims, then recompute only the edges they touch (before and after).
    Rebuilds from scratch when the tables were never built. Returns edges recomputed."""
    db = store.db
    if _meta(store, "derivation") != DERIVATION:
        return rebuild_edges(store)["edges"]
    curated = _curated_rows(store)
    (_, curated_sig), (_, merged_sig) = signatures = _dictionary_signatures(store, curated)
    dirty = db.execute("SELECT kind, key FROM edges_dirty").fetchall()
    if merged_sig != _meta(store, "merged"):
        # claims stored under an id the dictionary now merges into another
        old_ids = sorted(_merged(store))
        for start in range(0, len(old_ids), 400):
            chunk = old_ids[start:start + 400]
            marks = ",".join("?" * len(chunk))
            dirty += db.execute(
                f"SELECT 'claim', claim FROM claim_edges WHERE curated = 0 AND "
                f"(stated_subject IN ({marks}) OR stated_object IN ({marks}))",
                chunk + chunk).fetchall()
    if not dirty and curated_sig == _meta(store, "curated"):
        return 0
    reviews = _reviews(store)
    dates = graph._Dates()
    keys: set[tuple[str, str, str]] = set()
    with db:
        docs = sorted(k for kind, k in dirty if kind == "doc")
        ids = sorted(k for kind, k in dirty if kind == "claim")
        for chunk_start in range(0, max(len(docs), len(ids)), 500):
            for column, values in (("doc", docs), ("claim", ids)):
                chunk = values[chunk_start:chunk_start + 500]
                if not chunk:
                    continue
                marks = ",".join("?" * len(chunk))
                keys.update(db.execute(
                    f"SELECT subject, relation, object FROM claim_edges WHERE {column} IN "
                    f"({marks})", chunk).fetchall())
                db.execute(f"DELETE FROM claim_edges WHERE {column} IN ({marks})", chunk)
                where = "doc" if column == "doc" else "id"
                new = []
                for cid, text in db.execute(
                        f"SELECT id, json FROM claims WHERE {where} IN ({marks})", chunk):
                    claim = _canonical(store, json.loads(text))
                    new.append(_claim_row(claim, review=reviews.get(cid), dates=dates))
                db.executemany(f"INSERT OR REPLACE INTO claim_edges VALUES "
                               f"({','.join('?' * 21)})", new)
                keys.update((r[3], r[4], r[5]) for r in new)
        if _meta(store, "curated") != curated_sig:
            keys.update(db.execute("SELECT subject, relation, object FROM claim_edges "
                                   "WHERE curated = 1").fetchall())
            db.execute("DELETE FROM claim_edges WHERE curated = 1")
            db.executemany(f"INSERT INTO claim_edges VALUES ({','.join('?' * 21)})", curated)
            keys.update((r[3], r[4], r[5]) for r in curated)
        n = _recompute(store, {tuple(k) for k in keys}, store.clusters())  # type: ignore[misc]
        db.execute("DELETE FROM edges_dirty")
        db.executemany("INSERT OR REPLACE INTO edges_meta VALUES (?,?)", signatures)
        _store_range(store)
    log.info("refreshed %d edges of %s", n, store.path)
    return n
