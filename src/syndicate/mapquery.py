"""Queries over the materialised map (``edges.py``): what the web pages and the JSON API read.

Every function takes a ``Store`` and returns plain data. They read the ``edges``,
``claim_edges`` and ``contradictions`` tables through their indexes and decode only the
claims they return (a page of evidence, one pair's timeline), never all claims.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from . import graph
from .edges import (
    CLAIM_ORDER,
    FADE_DAYS,
    claims_by_id,
    claims_keyed,
    edge_status,
    edges_stale,
    reference_day,
    status_sql,
)
from .errors import SyndicateError, UnknownActorError

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "NotFound",
    "actor_page",
    "candidates",
    "contradictions",
    "document_view",
    "edge_evidence",
    "kept_edges",
    "kept_network",
    "reads_kept",
    "map_range",
    "neighbourhood",
    "network",
    "pair_timeline",
    "path",
    "search",
    "stored_edges",
]

EDGE_FIELDS = (
    "subject", "relation", "object", "directed", "status", "confidence", "first_seen",
    "last_seen", "first_affirmed", "last_affirmed", "until", "n_claims", "n_documents",
    "n_sources", "n_affirmed_sources", "n_opposing_sources", "polarity", "modality", "curated",
)
MAX_EDGES = 2_000
# The map's default cap. Drawing costs the browser about a millisecond per element on its
# first frame (more under load), so the first view shows the 150 strongest edges (some 250
# actors at a million claims) and the page offers to raise the cap.
DEFAULT_EDGES = 150
NEIGHBOURS = 60  # a focused map also shows edges among this many of the strongest neighbours
COUNT_BEYOND = 1_000  # a capped map counts the edges it leaves out up to this many


class NotFound(SyndicateError):  # noqa: N818 -- named for the HTTP status it becomes
    """A page's subject (actor, document, edge, claim) is not in the store."""

    code = "E044"


def _edge_json(row: Any, ref: int, *, status: str | None = None) -> dict[str, Any]:
    out = {k: row[k] for k in EDGE_FIELDS if k != "status"}
    out["status"] = status or edge_status(row, ref)
    out["directed"] = bool(out["directed"])
    out["curated"] = bool(out["curated"])
    out["n_curated"] = row["n_curated"]
    out["n_confirmed"] = row["n_confirmed"]
    out["n_rejected"] = row["n_rejected"]
    return out


def stored_edges(store: Store, *, today: graph.DateLike = None) -> list[dict[str, Any]]:
    """Every stored edge as ``graph.Edge.to_json()`` (status judged at ``today``)."""
    ref = reference_day(today)
    rows = store.db.execute("SELECT * FROM edges ORDER BY subject, relation, object")
    return [_stored_json(row, ref) for row in rows]


def reads_kept(store: Any) -> bool:
    """Whether queries may read the kept edges of ``store`` instead of aggregating its
    claims: a real store whose derived tables are up to date (a store-like object of
    claims, or a store not refreshed since a change, is read claim by claim)."""
    from .store import Store

    return isinstance(store, Store) and not edges_stale(store)


def _stored_json(row: Any, ref: int) -> dict[str, Any]:
    edge = _edge_json(row, ref)
    for extra in ("n_curated", "n_confirmed", "n_rejected"):
        edge.pop(extra)
    return edge


def kept_edges(store: Store, *, today: graph.DateLike = None) -> list[graph.Edge]:
    """``graph.build_edges(store.iter_claims(), clusters=store.clusters())`` read from the
    kept tables: each edge with its claim ids (one scan of the light ``claim_edges`` rows)
    and its evidence (only those claims are decoded)."""
    ref = reference_day(today)
    members: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for cid, s, rel, o, curated in store.db.execute(
            "SELECT claim, subject, relation, object, curated FROM claim_edges "
            f"WHERE review IS NOT 'rejected' {CLAIM_ORDER}"):
        # a curated fact stated twice is kept apart as 'id#n'; the edge names it by its id
        members[(s, rel, o)].append(cid.split("#", 1)[0] if curated else cid)
    rows = store.db.execute("SELECT * FROM edges ORDER BY subject, relation, object").fetchall()
    wanted = sorted({c for r in rows for c in json.loads(r["evidence"])})
    claims = claims_keyed(store, wanted)
    out = []
    for row in rows:
        fields = _stored_json(row, ref)
        key = (row["subject"], row["relation"], row["object"])
        evidence = [claims[c] for c in json.loads(row["evidence"]) if c in claims]
        out.append(graph.Edge(**fields, claims=members.get(key, []), evidence=evidence))
    return out


def kept_network(store: Store, *, relations: Collection[str] | None = None,
                 min_confidence: float = 0.0, kinds: Collection[str] | None = None,
                 statuses: Collection[str] = graph.MAP_STATUSES,
                 today: graph.DateLike = None) -> dict[str, Any]:
    """``graph.network`` (no date or range) read from the kept edges: the same document."""
    ref = reference_day(today)
    params: dict[str, Any] = {"ref": ref, "fade": FADE_DAYS,
                              "minconf": float(min_confidence)}
    where = [f"{status_sql()} IN ({','.join(f':st{i}' for i in range(len(statuses)))})",
             "e.confidence >= :minconf"]
    params.update({f"st{i}": s for i, s in enumerate(statuses)})
    if relations:
        where.append(f"e.relation IN ({','.join(f':rel{i}' for i in range(len(relations)))})")
        params.update({f"rel{i}": r for i, r in enumerate(sorted(relations))})
    index = {a["id"]: a for a in store.actors()}
    kind_filter = set(kinds) if kinds else None
    edges = []
    degree: dict[str, int] = defaultdict(int)
    for row in store.db.execute(f"SELECT e.* FROM edges e WHERE {' AND '.join(where)} "
                                "ORDER BY e.subject, e.relation, e.object", params):
        if kind_filter is not None and not (
                (index.get(row["subject"]) or {}).get("kind") in kind_filter
                and (index.get(row["object"]) or {}).get("kind") in kind_filter):
            continue
        edges.append(_stored_json(row, ref))
        degree[row["subject"]] += 1
        degree[row["object"]] += 1
    nodes = [dict(graph._node(n, index), degree=degree[n]) for n in sorted(degree)]
    return {"at": None, "since": None, "until": None, "reference_date": graph._iso(ref),
            "nodes": nodes, "edges": edges}


def _names(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    ids = sorted(set(ids))
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        cur = store.db.cursor()
        cur.row_factory = None
        for i, name, kind, region, provisional in cur.execute(
                "SELECT id, name, kind, region, provisional FROM actors WHERE id IN "
                f"({','.join('?' * len(chunk))})", chunk):
            out[i] = {"id": i, "name": name, "kind": kind, "region": region,
                      "provisional": bool(provisional)}
    for i in ids:
        out.setdefault(i, {"id": i, "name": i, "kind": None, "region": None,
                           "provisional": i.startswith("candidate:")})
    return out


def _actor(store: Store, actor: str) -> dict[str, Any]:
    row = store.db.execute("SELECT * FROM actors WHERE id = ?", (actor,)).fetchone()
    if row is None:
        merged = store.dictionary.merged if store.dictionary else {}
        if actor in merged:
            return _actor(store, merged[actor])
        raise UnknownActorError(f"Unknown actor '{actor}'. Search actors with /actors?q=")
    out = dict(row)
    out["country"] = json.loads(out["country"] or "[]")
    out["aliases"] = json.loads(out["aliases"] or "[]")
    out["provisional"] = bool(out["provisional"])
    return out


# ---------------------------------------------------------------- the map


def _filters(
    *, relations: Collection[str] | None, kinds: Collection[str] | None,
    regions: Collection[str] | None, min_confidence: float,
    modalities: Collection[str] | None, origin: str | None, at: str | None,
    statuses: Collection[str], params: dict[str, Any],
) -> list[str]:
    where = []

    def inlist(column: str, values: Collection[str], name: str) -> str:
        marks = []
        for i, v in enumerate(sorted(values)):
            params[f"{name}{i}"] = v
            marks.append(f":{name}{i}")
        return f"{column} IN ({','.join(marks)})"

    if relations:
        where.append(inlist("e.relation", relations, "rel"))
    if kinds:
        where.append(inlist("e.subject_kind", kinds, "ks") + " AND " +
                     inlist("e.object_kind", kinds, "ko"))
    if regions:
        where.append("(" + inlist("sa.region", regions, "rs") + " OR " +
                     inlist("oa.region", regions, "ro") + ")")
    if min_confidence:
        params["minconf"] = float(min_confidence)
        where.append("e.confidence >= :minconf")
    if modalities:
        where.append(inlist("e.modality", modalities, "mod"))
    if origin == "curated":
        where.append("e.n_curated > 0")
    elif origin == "extracted":
        where.append("e.n_claims > e.n_curated")
    if at:
        # The map on that day: edges whose span (first claim for them .. last, or a curated
        # 'until'; open while active) covers it -- the GEXF export's intervals.
        params["at"] = graph.parse_date(at, end=True)
        where.append(f"e.held_from <= :at AND (e.held_to >= :at OR {status_sql()} = 'active')")
    else:
        where.append(inlist(status_sql(), statuses, "st"))
    return where


# The columns the map returns per edge, read as plain tuples (cheaper than sqlite3.Row by
# name at 2,000 edges a request), then ``weight`` and the status judged in SQL.
_MAP_COLUMNS = (*(f for f in EDGE_FIELDS if f != "status"), "n_curated", "n_confirmed",
                "n_rejected")
_MAP_KEYS = (*_MAP_COLUMNS, "weight", "status")


def _map_select(joins: str) -> str:
    cols = ", ".join(f"e.{c}" for c in _MAP_COLUMNS)
    return f"SELECT {cols}, e.weight, {status_sql()} AS now FROM edges e {joins}"


def _map_rows(store: Store, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    cur = store.db.cursor()
    cur.row_factory = None
    out = []
    for t in cur.execute(sql, params):
        e = dict(zip(_MAP_KEYS, t, strict=True))
        e["directed"] = bool(e["directed"])
        e["curated"] = bool(e["curated"])
        out.append(e)
    return out


def _strongest(where: list[str], joins: str, relations: Collection[str] | None) -> str:
    """The strongest edges that pass ``where``: down the weight index, or with relations
    given, down the (relation, weight) index once per relation and merged, so a filtered
    map reads about ``limit`` rows per relation, not the whole weight order."""
    select = _map_select(joins)
    if not relations:
        return (f"{select.replace(' e ', ' e INDEXED BY edges_weight ', 1)} "
                f"WHERE {' AND '.join(where)} ORDER BY e.weight DESC LIMIT :limit")
    rest = [w for w in where if not w.startswith("e.relation IN")]
    by_index = select.replace(" e ", " e INDEXED BY edges_relation_weight ", 1)
    parts = [f"SELECT * FROM ({by_index} WHERE e.relation = :rel{i} AND "
             f"{' AND '.join(rest)} ORDER BY e.weight DESC LIMIT :limit)"
             for i in range(len(relations))]
    return f"{' UNION ALL '.join(parts)} ORDER BY weight DESC LIMIT :limit"


def _around(store: Store, focus: str, where: list[str], joins: str,
            params: dict[str, Any]) -> list[dict[str, Any]]:
    """The focus's strongest edges, then those among its strongest neighbours."""
    params["focus"] = focus
    cond = " AND ".join(where)
    select = _map_select(joins)
    rows = _map_rows(store, f"{select} WHERE e.subject = :focus AND {cond} UNION "
                            f"{select} WHERE e.object = :focus AND {cond} "
                            "ORDER BY weight DESC LIMIT :limit", params)
    ranked: dict[str, None] = {}  # rows come strongest first
    for r in rows:
        ranked.setdefault(r["object"] if r["subject"] == focus else r["subject"], None)
    near = sorted(list(ranked)[:NEIGHBOURS])
    seen = {(r["subject"], r["relation"], r["object"]) for r in rows}
    if near and len(rows) < params["limit"]:
        marks = ",".join(f":n{i}" for i in range(len(near)))
        params.update({f"n{i}": n for i, n in enumerate(near)})
        params["limit"] -= len(rows)
        among = _map_rows(store, f"{select} WHERE e.subject IN ({marks}) AND e.object IN "
                                 f"({marks}) AND {cond} ORDER BY e.weight DESC LIMIT :limit",
                          params)
        rows += [r for r in among if (r["subject"], r["relation"], r["object"]) not in seen]
    return rows


def _left_out(store: Store, rows: list[dict[str, Any]], where: list[str], joins: str,
              params: dict[str, Any]) -> tuple[int, dict[str, int]]:
    """How many edges pass the filters (counted up to COUNT_BEYOND past the cap) and, per
    relation, how many of them a capped map leaves out."""
    params["cap"] = params["limit"] + COUNT_BEYOND
    by_relation = dict(store.db.execute(
        f"SELECT relation, count(*) FROM (SELECT e.relation FROM edges e {joins} "
        f"WHERE {' AND '.join(where)} LIMIT :cap) GROUP BY relation", params).fetchall())
    total = sum(by_relation.values())
    for r in rows:
        by_relation[r["relation"]] -= 1
    return total, {k: v for k, v in sorted(by_relation.items()) if v > 0}


def network(
    store: Store, *, relations: Collection[str] | None = None,
    kinds: Collection[str] | None = None, regions: Collection[str] | None = None,
    min_confidence: float = 0.0, modalities: Collection[str] | None = None,
    origin: str | None = None, at: str | None = None,
    statuses: Collection[str] = graph.MAP_STATUSES, focus: str | None = None,
    limit: int = DEFAULT_EDGES, today: graph.DateLike = None,
) -> dict[str, Any]:
    """The map: the ``limit`` strongest edges that pass the filters, their actors, and how
    many edges the cap left out. With ``focus``, the actor's neighbourhood: its edges and
    those among its neighbours. ``at`` (a date) replays the map on that day."""
    limit = max(1, min(int(limit), MAX_EDGES))
    ref = reference_day(today)
    params: dict[str, Any] = {"ref": ref, "fade": FADE_DAYS, "limit": limit}
    where = _filters(relations=relations, kinds=kinds, regions=regions,
                     min_confidence=min_confidence, modalities=modalities, origin=origin,
                     at=at, statuses=statuses, params=params)
    joins = ("LEFT JOIN actors sa ON sa.id = e.subject LEFT JOIN actors oa ON oa.id = e.object"
             if regions else "")
    hidden: dict[str, int] = {}
    if focus:
        _actor(store, focus)
        edges = _around(store, focus, where, joins, params)
        total = len(edges)
    else:
        edges = _map_rows(store, _strongest(where, joins, relations), params)
        total = len(edges)
        if total >= limit:
            total, hidden = _left_out(store, edges, where, joins, params)
    weight: dict[str, int] = defaultdict(int)
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        e.pop("weight")
        for end in (e["subject"], e["object"]):
            weight[end] += e["n_affirmed_sources"] or e["n_sources"]
            degree[end] += 1
    ids = set(weight) | ({focus} if focus else set())
    names = _names(store, ids)
    nodes = [dict(names[i], sources=weight.get(i, 0), degree=degree.get(i, 0))
             for i in sorted(ids)]
    return {
        "at": at, "focus": focus, "reference_date": graph._iso(ref),
        "nodes": nodes, "edges": edges, "limit": limit,
        "total_edges": total, "total_is_estimate": total >= limit + COUNT_BEYOND,
        "hidden_edges": max(0, total - len(edges)), "hidden_by_relation": hidden,
    }


def neighbourhood(store: Store, actor: str, **filters: Any) -> dict[str, Any]:
    """An actor's edges and those among its neighbours (the map focused on it)."""
    return network(store, focus=actor, **filters)


def map_range(store: Store) -> dict[str, Any]:
    """First and last day any edge held, for the time slider (kept by ``edges.py`` at each
    refresh); the kinds and regions of actors, for the filters."""
    row = store.db.execute("SELECT value FROM edges_meta WHERE name = 'range'").fetchone()
    lo, hi = json.loads(row[0]) if row else (None, None)
    kinds = [r[0] for r in store.db.execute("SELECT DISTINCT kind FROM actors ORDER BY kind")]
    regions = [r[0] for r in store.db.execute(
        "SELECT DISTINCT region FROM actors WHERE region IS NOT NULL ORDER BY region")]
    return {"from": graph._iso(lo), "to": graph._iso(hi), "kinds": kinds, "regions": regions}


# ---------------------------------------------------------------- evidence


def _with_marks(claim: dict[str, Any]) -> dict[str, Any]:
    """Argument offsets within the sentence, for highlighting."""
    start = claim.get("start") or 0
    marks = []
    for side in ("subject", "object"):
        arg = claim.get(side) or {}
        if claim.get("sentence") and arg.get("start") is not None:
            marks.append({"side": side, "start": arg["start"] - start,
                          "end": arg["end"] - start})
    claim["marks"] = sorted(marks, key=lambda m: m["start"])
    return claim


def edge_evidence(store: Store, subject: str, relation: str, obj: str, *, page: int = 1,
                  per_page: int = 50, today: graph.DateLike = None) -> dict[str, Any]:
    """An edge and its claims, grouped by polarity and modality (counts for all, one page
    of claims), strongest stance first; rejected claims are listed, marked."""
    if relation in graph.SYMMETRIC and obj < subject:
        subject, obj = obj, subject
    key = (subject, relation, obj)
    row = store.db.execute("SELECT * FROM edges WHERE subject=? AND relation=? AND object=?",
                           key).fetchone()
    n_rows = store.db.execute("SELECT count(*) FROM claim_edges WHERE subject=? AND "
                              "relation=? AND object=?", key).fetchone()[0]
    if row is None and not n_rows:
        raise NotFound(f"No edge {subject} {relation} {obj}.")
    groups = [dict(r) for r in store.db.execute(
        "SELECT polarity, modality, count(*) AS n FROM claim_edges WHERE subject=? AND "
        "relation=? AND object=? GROUP BY polarity, modality ORDER BY polarity, n DESC", key)]
    page = max(1, int(page))
    per_page = max(1, min(int(per_page), 200))
    ids = [r[0] for r in store.db.execute(
        "SELECT claim FROM claim_edges WHERE subject=? AND relation=? AND object=? "
        "ORDER BY polarity, modality, review IS 'rejected', day_start DESC, claim "
        "LIMIT ? OFFSET ?", (*key, per_page, (page - 1) * per_page))]
    claims = [_with_marks(c) for c in claims_by_id(store, ids)]
    rejected = {r[0] for r in store.db.execute(
        f"SELECT claim FROM review_state WHERE verdict = 'rejected' AND claim IN "
        f"({','.join('?' * len(ids))})", ids)} if ids else set()
    for c in claims:
        if c["id"] in rejected:
            c["review"] = c.get("review") or {"verdict": "rejected", "note": None}
    by_group: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        by_group[(c["polarity"], c["modality"])].append(c)
    names = _names(store, [subject, obj])
    ref = reference_day(today)
    return {
        "edge": _edge_json(row, ref) if row else None,
        "subject": names[subject], "object": names[obj], "relation": relation,
        "groups": [dict(g, claims=by_group.get((g["polarity"], g["modality"]), []))
                   for g in groups],
        "page": page, "per_page": per_page, "total": n_rows,
        "next": page + 1 if page * per_page < n_rows else None,
    }


# ---------------------------------------------------------------- documents


def document_view(store: Store, doc_id: str) -> dict[str, Any]:
    """A document's cleaned text cut into sentences and mentions, the claims of each
    sentence, and what cleaning removed."""
    doc = store.document(doc_id)
    if doc is None:
        raise NotFound(f"No document '{doc_id}'.")
    mentions = [dict(r) for r in store.db.execute(
        'SELECT start, "end", text, actor, sentence, provisional FROM mentions WHERE doc = ? '
        "ORDER BY start", (doc["id"],))]
    ids = [r[0] for r in store.db.execute("SELECT claim FROM claim_edges WHERE doc = ?",
                                          (doc["id"],))]
    claims = [_with_marks(c) for c in claims_by_id(store, ids)]
    by_start: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        by_start[c["start"]].append(c)
    names = _names(store, [m["actor"] for m in mentions] +
                   [c[s]["id"] for c in claims for s in ("subject", "object")])
    sentences = []
    text = doc["text"]
    for s in store.db.execute('SELECT idx, paragraph, start, "end", text FROM sentences '
                              "WHERE doc = ? ORDER BY idx", (doc["id"],)):
        pieces = []
        pos = s["start"]
        for m in mentions:
            if m["sentence"] != s["idx"] or m["start"] < pos or m["end"] > s["end"]:
                continue
            if m["start"] > pos:
                pieces.append({"text": text[pos:m["start"]]})
            pieces.append({"text": text[m["start"]:m["end"]], "actor": m["actor"],
                           "name": names[m["actor"]]["name"],
                           "provisional": bool(m["provisional"])})
            pos = m["end"]
        if pos < s["end"]:
            pieces.append({"text": text[pos:s["end"]]})
        sentences.append({"idx": s["idx"], "paragraph": s["paragraph"], "start": s["start"],
                          "end": s["end"], "pieces": pieces,
                          "claims": by_start.get(s["start"], [])})
    doc.pop("text")
    doc["sentences"] = sentences
    doc["mentions"] = mentions
    doc["claims"] = claims
    doc["names"] = names
    return doc


# ---------------------------------------------------------------- actors and pairs


def actor_page(store: Store, actor: str, *, today: graph.DateLike = None,
               documents: int = 50) -> dict[str, Any]:
    """Names and aliases, parent and branches, relations, a yearly timeline of its claims
    per relation, and the documents that mention it."""
    info = _actor(store, actor)
    actor = info["id"]
    ref = reference_day(today)
    branches = [dict(r) for r in store.db.execute(
        "SELECT id, name, kind FROM actors WHERE parent = ? ORDER BY name", (actor,))]
    rows = store.db.execute(
        "SELECT * FROM edges WHERE subject = ? UNION ALL SELECT * FROM edges WHERE object = ? "
        "AND subject != ?", (actor, actor, actor)).fetchall()
    relations = []
    for r in rows:
        e = _edge_json(r, ref)
        out = e["subject"] == actor
        e["direction"] = "out" if out else "in"
        e["counterpart"] = e["object"] if out else e["subject"]
        relations.append(e)
    names = _names(store, [e["counterpart"] for e in relations] +
                   ([info["parent"]] if info.get("parent") else []))
    for e in relations:
        e["counterpart_name"] = names[e["counterpart"]]["name"]
    relations.sort(key=lambda e: (-e["confidence"], e["relation"], e["counterpart_name"]))
    years: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for rel, year, st, n in store.db.execute(
            "SELECT relation, substr(coalesce(time_value, published), 1, 4) AS y, stance, "
            "count(*) FROM claim_edges WHERE (subject = ? OR object = ?) AND curated = 0 "
            "AND review IS NOT 'rejected' AND y IS NOT NULL GROUP BY relation, y, stance",
            (actor, actor)):
        years[(rel, st)][year] += n
    timeline = [{"relation": rel, "stance": st, "years": dict(sorted(ys.items()))}
                for (rel, st), ys in sorted(years.items())]
    docs = [dict(r) for r in store.db.execute(
        "SELECT d.id, d.title, d.source, d.published, count(*) AS mentions FROM mentions m "
        "JOIN documents d ON d.id = m.doc WHERE m.actor = ? GROUP BY d.id "
        "ORDER BY d.published DESC LIMIT ?", (actor, documents))]
    info["parent_name"] = names[info["parent"]]["name"] if info.get("parent") else None
    return {"actor": info, "branches": branches, "relations": relations,
            "timeline": timeline, "documents": docs}


def pair_timeline(store: Store, a: str, b: str, *, today: graph.DateLike = None,
                  ) -> dict[str, Any]:
    """``graph.timeline`` of two actors over their claims only (indexed, not all claims)."""
    a, b = _actor(store, a)["id"], _actor(store, b)["id"]
    ids = [r[0] for r in store.db.execute(
        "SELECT claim FROM claim_edges WHERE subject = ? AND object = ? AND "
        "review IS NOT 'rejected' UNION SELECT claim FROM claim_edges WHERE subject = ? AND "
        "object = ? AND review IS NOT 'rejected'", (a, b, b, a))]
    claims = list(claims_by_id(store, ids))
    docs = sorted({c["doc"] for c in claims if c.get("doc")})
    clusters = _clusters_of(store, docs)
    data = graph.timeline(claims, a, b, clusters=clusters, today=today)
    data["claims"] = [_with_marks(c) for c in data["claims"]]
    data["names"] = _names(store, [a, b])
    return data


def _clusters_of(store: Store, docs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for start in range(0, len(docs), 500):
        chunk = docs[start:start + 500]
        out.update(store.db.execute(f"SELECT doc, cluster FROM clusters WHERE doc IN "
                                    f"({','.join('?' * len(chunk))})", chunk).fetchall())
    return out


SIDE_CLAIMS = 20


def _trimmed(item: dict[str, Any]) -> dict[str, Any]:
    """At most SIDE_CLAIMS claims per side (the edge's evidence page has them all)."""
    for side in ("affirmed", "opposing"):
        item[f"n_{side}_claims"] = len(item[side])
        item[side] = item[side][:SIDE_CLAIMS]
    return item


def contradictions(store: Store, *, actor: str | None = None, page: int = 1,
                   per_page: int = 50) -> dict[str, Any]:
    """Stored contradictions, oldest first, a page at a time."""
    page, per_page = max(1, int(page)), max(1, min(int(per_page), 200))
    where, params = "", []
    if actor:
        where = "WHERE subject = ? OR object = ?"
        params = [actor, actor]
    total = store.db.execute(f"SELECT count(*) FROM contradictions {where}", params).fetchone()[0]
    items = [_trimmed(json.loads(r[0])) for r in store.db.execute(
        f"SELECT json FROM contradictions {where} ORDER BY day_from, subject, relation, object "
        "LIMIT ? OFFSET ?", [*params, per_page, (page - 1) * per_page])]
    names = _names(store, [x for i in items for x in (i["subject"], i["object"])])
    return {"items": items, "names": names, "page": page, "per_page": per_page,
            "total": total, "next": page + 1 if page * per_page < total else None}


def path(store: Store, a: str, b: str, *, max_hops: int = 4, today: graph.DateLike = None,
         statuses: Collection[str] = graph.AFFIRMED_STATUSES, min_confidence: float = 0.0,
         ) -> list[dict[str, Any]]:
    """``graph.path`` over the stored edges: breadth-first, one indexed query per level."""
    a, b = _actor(store, a)["id"], _actor(store, b)["id"]
    ref = reference_day(today)
    best: dict[str, dict[str, Any]] = {}

    def neighbours(nodes: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = defaultdict(dict)
        for start in range(0, len(nodes), 400):
            chunk = nodes[start:start + 400]
            marks = ",".join("?" * len(chunk))
            for r in store.db.execute(
                    f"SELECT * FROM edges WHERE subject IN ({marks}) UNION "
                    f"SELECT * FROM edges WHERE object IN ({marks})", chunk + chunk):
                if edge_status(r, ref) not in statuses or r["confidence"] < min_confidence:
                    continue
                for u, v in ((r["subject"], r["object"]), (r["object"], r["subject"])):
                    old = found[u].get(v)
                    key = (r["subject"], r["relation"], r["object"])
                    if old is None or (r["confidence"], (old["subject"], old["relation"],
                                       old["object"])) > (old["confidence"], key):
                        found[u][v] = r
        return found

    if a == b:
        return []

    def confidences(nodes: list[str]) -> dict[str, dict[str, float]]:
        adj = neighbours(nodes)
        best.update(adj)
        return {u: {v: r["confidence"] for v, r in adj[u].items()} for u in adj}

    chain = graph.best_chain(a, b, confidences, max_hops=max_hops)
    hops = []
    for u, v in zip(chain, chain[1:], strict=False):
        r = best[u][v]
        ev_ids = json.loads(r["evidence"])
        evidence = [c for c in claims_by_id(store, ev_ids) if graph.stance(c) == "for"]
        hops.append({
            "from": u, "to": v, "subject": r["subject"], "relation": r["relation"],
            "object": r["object"], "directed": bool(r["directed"]),
            "status": edge_status(r, ref), "confidence": r["confidence"],
            "n_sources": r["n_affirmed_sources"], "first_seen": r["first_affirmed"],
            "last_seen": r["last_affirmed"], "evidence": evidence,
        })
    return hops


# ---------------------------------------------------------------- search and candidates


def search(store: Store, query: str, *, relation: str | None = None,
           actor: str | None = None, since: str | None = None, until: str | None = None,
           page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """Full-text search over sentences (SQLite FTS5 syntax: words, "phrases", OR, NEAR,
    prefix*), with the claims each sentence carries; ``relation``/``actor`` keep sentences
    with such a claim, ``since``/``until`` filter on the publication date."""
    page, per_page = max(1, int(page)), max(1, min(int(per_page), 200))
    sql = ("SELECT f.doc, f.idx, snippet(sentences_fts, 0, '\x02', '\x03', '…', 40) AS snip, "
           "s.start, d.source, d.title, d.published FROM sentences_fts f "
           "JOIN sentences s ON s.doc = f.doc AND s.idx = f.idx "
           "JOIN documents d ON d.id = f.doc WHERE sentences_fts MATCH ?")
    params: list[Any] = [query]
    if since:
        sql += " AND d.published >= ?"
        params.append(since)
    if until:
        sql += " AND d.published <= ?"
        params.append(until + "\uffff")
    sql += " ORDER BY rank"
    try:
        rows = store.db.execute(sql, params).fetchall()
    except Exception as exc:  # sqlite3.OperationalError: FTS5 syntax
        raise BadQuery(f"Cannot search for {query!r}: {exc}. Quote phrases with \"...\".") \
            from exc
    results = []
    wanted = page * per_page
    for r in rows:
        ids = [x[0] for x in store.db.execute(
            "SELECT c.claim FROM claim_edges c WHERE c.doc = ? AND c.review IS NOT 'rejected'",
            (r["doc"],))]
        claims = [c for c in claims_by_id(store, ids) if c.get("start") == r["start"]]
        if relation and not any(c["relation"] == relation for c in claims):
            continue
        if actor and not any(actor in (c["subject"]["id"], c["object"]["id"]) for c in claims):
            continue
        results.append({"doc": r["doc"], "idx": r["idx"], "snippet": r["snip"],
                        "source": r["source"], "title": r["title"],
                        "published": r["published"],
                        "claims": [{"id": c["id"], "subject": c["subject"]["id"],
                                    "relation": c["relation"], "object": c["object"]["id"],
                                    "polarity": c["polarity"], "modality": c["modality"]}
                                   for c in claims]})
        if len(results) > wanted:
            break
    items = results[(page - 1) * per_page: wanted]
    return {"query": query, "items": items, "page": page, "per_page": per_page,
            "next": page + 1 if len(results) > wanted else None}


class BadQuery(SyndicateError):  # noqa: N818 -- named for the HTTP status it becomes
    """A search query that FTS5 cannot parse."""

    code = "E045"


def candidates(store: Store) -> list[dict[str, Any]]:
    """Unknown groups and people with their examples and current review, most mentioned
    first; a person's group with its name."""
    reviewed = {r["claim"]: dict(r) for r in store.db.execute(
        "SELECT claim, verdict, note, reviewer, at FROM review_state WHERE claim LIKE "
        "'candidate:%'")}
    out = []
    for c in store.candidates():
        c["review"] = reviewed.get(c["id"])
        if c.get("group"):
            row = store.db.execute("SELECT name FROM actors WHERE id = ?",
                                   (c["group"],)).fetchone()
            c["group_name"] = row[0] if row else c["group"]
        out.append(c)
    return out


def actor_search(store: Store, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Actors whose name, id or alias starts with (then contains) ``query``."""
    q = query.strip().casefold()
    if not q:
        return []
    rows = store.db.execute(
        "SELECT id, name, kind, region, provisional, aliases FROM actors WHERE "
        "lower(name) LIKE :sub OR id LIKE :sub OR lower(aliases) LIKE :sub "
        "ORDER BY lower(name) LIKE :pre DESC, length(name), name LIMIT :limit",
        {"sub": f"%{q}%", "pre": f"{q}%", "limit": limit})
    return [{"id": r["id"], "name": r["name"], "kind": r["kind"], "region": r["region"],
             "provisional": bool(r["provisional"])} for r in rows]
