"""Time the map queries on generated claims, against a plain pass measured in the same run.

    PYTHONPATH=src python benchmarks/bench_graph.py [--claims 100000] [--actors 2000]

Claims are generated (not extracted): actors in communities with hubs, the twelve relations,
a mix of modalities, negations, dates 2000-2024 at day/month/year precision, a share of
claims attributed to a few named reports, and near-duplicate document clusters. Ratios are
against a plain pass grouping the claims by (subject, relation, object): the least any
aggregation must do, so they travel between machines better than seconds.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from syndicate import graph
from syndicate.dedup import cluster_documents
from syndicate.export import export

RELATIONS = [("cooperates_with", 20), ("fights", 15), ("attacks", 20), ("supports", 15),
             ("part_of", 5), ("splinter_of", 2), ("merged_with", 1), ("controls", 3),
             ("negotiates_with", 4), ("ceasefire_with", 3), ("leads", 6), ("member_of", 6)]
MODALITIES = [("asserted", 50), ("reported", 25), ("believed", 8), ("alleged", 7),
              ("possible", 5), ("denied", 3), ("desired", 2)]
ATTRIBUTIONS = [None] * 90 + ["a New York Times report", "according to RFE/RL",
                              "The Wall Street Journal reported", "US officials",
                              "according to Reuters"] * 2


def generate(n_claims: int, n_actors: int, seed: int) -> tuple[list[dict], list[dict], dict]:
    rng = random.Random(seed)
    kinds = ["armed_group"] * 80 + ["state"] * 5 + ["state_agency"] * 5 + \
        ["state_forces"] * 3 + ["person"] * 7
    actors = [{"id": f"actor-{i:04d}", "name": f"Actor {i}", "kind": rng.choice(kinds),
               "region": "south_asia", "country": ["PK"], "aliases": [], "parent": None,
               "wikidata": None, "provisional": False} for i in range(n_actors)]
    size = 50
    communities = [actors[i:i + size] for i in range(0, n_actors, size)]
    hubs = actors[:: max(1, n_actors // 40)]
    rel_names, rel_w = zip(*RELATIONS, strict=True)
    mod_names, mod_w = zip(*MODALITIES, strict=True)
    # News repeats itself: claims fall on a pool of dyads with Zipf-like popularity.
    dyads = []
    for _ in range(max(10, n_claims // 6)):
        r = rng.random()
        if r < 0.1:
            a, b = rng.sample(hubs, 2)
        elif r < 0.85:
            a, b = rng.sample(rng.choice(communities), 2)
        else:
            a, b = rng.sample(actors, 2)
        dyads.append((a, b, rng.choices(rel_names, rel_w)[0]))
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(dyads))]
    n_docs = max(1, n_claims // 4)
    docs = [f"doc-{i:06d}" for i in range(n_docs)]
    # One document in five is a reprint of the one before it.
    clusters = {d: (docs[i - 1] if i % 5 == 4 else d) for i, d in enumerate(docs)}
    claims = []
    picks = rng.choices(dyads, weights, k=n_claims)
    for i, (a, b, relation) in enumerate(picks):
        if rng.random() < 0.15:  # relations change: allies fall out, rivals make truces
            relation = rng.choices(rel_names, rel_w)[0]
        year = rng.randint(2000, 2024)
        p = rng.random()
        value = (f"{year}" if p < 0.2 else f"{year}-{rng.randint(1, 12):02d}" if p < 0.4
                 else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        doc = rng.choice(docs)
        claims.append({
            "id": f"c{i:07d}", "doc": doc, "source": f"https://news.example/{doc}",
            "published": value if len(value) == 10 else None,
            "sentence": f"Sentence {i} about {a['name']} and {b['name']}.",
            "start": 0, "end": 40,
            "subject": {"id": a["id"], "text": a["name"], "start": 12, "end": 20},
            "relation": relation,
            "object": {"id": b["id"], "text": b["name"], "start": 25, "end": 33},
            "polarity": "negated" if rng.random() < 0.08 else "affirmed",
            "modality": rng.choices(mod_names, mod_w)[0],
            "attribution": rng.choice(ATTRIBUTIONS),
            "time": {"value": value, "precision": ("year", "month", "day")[value.count("-")],
                     "source": "sentence"},
            "trigger": "x", "extractor": "patterns.v1", "confidence": round(rng.random(), 3),
        })
    return claims, actors, clusters


class ListStore:
    def __init__(self, claims: list[dict], actors: list[dict], clusters: dict) -> None:
        self._claims, self._actors, self._clusters = claims, actors, clusters

    def iter_claims(self) -> Iterator[dict]:
        return iter(self._claims)

    def actors(self) -> list[dict]:
        return self._actors

    def documents(self) -> list[dict]:
        return []

    def clusters(self) -> dict:
        return self._clusters


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--actors", type=int, default=2_000)
    ap.add_argument("--docs", type=int, default=2_000, help="documents for the MinHash timing")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    t0 = time.perf_counter()
    claims, actors, clusters = generate(args.claims, args.actors, args.seed)
    print(f"generated {len(claims):,} claims over {len(actors):,} actors, "
          f"{len(clusters):,} documents in {time.perf_counter() - t0:.1f}s\n")
    today = "2025-01-01"

    def plain_pass() -> int:
        return len(Counter((c["subject"]["id"], c["relation"], c["object"]["id"])
                           for c in claims))

    base, n_keys = best_of(args.repeat, plain_pass)
    rows: list[tuple[str, float, str]] = [("plain pass (baseline)", base, f"{n_keys:,} keys")]

    def run(label: str, fn: Callable[[], Any], note: Callable[[Any], str]) -> None:
        seconds, result = best_of(args.repeat, fn)
        rows.append((label, seconds, note(result)))

    encoded = [json.dumps(c) for c in claims]
    run("decode claims from JSON (what a store read adds)",
        lambda: [json.loads(line) for line in encoded], lambda r: f"{len(r):,} claims")

    run("build_edges", lambda: graph.build_edges(claims, clusters=clusters, today=today),
        lambda r: f"{len(r):,} edges")
    run("network (all, today)",
        lambda: graph.network(claims, clusters=clusters, actors=actors, today=today),
        lambda r: f"{len(r['edges']):,} edges, {len(r['nodes']):,} nodes")
    run("network --at 2012-06-30",
        lambda: graph.network(claims, at="2012-06-30", clusters=clusters, actors=actors),
        lambda r: f"{len(r['edges']):,} edges")
    run("network --since 2015 --until 2016 --relation supports --min-confidence 0.3",
        lambda: graph.network(claims, since="2015", until="2016", relations=["supports"],
                              min_confidence=0.3, clusters=clusters, actors=actors),
        lambda r: f"{len(r['edges']):,} edges")
    rng = random.Random(args.seed + 1)
    pairs = [tuple(a["id"] for a in rng.sample(actors, 2)) for _ in range(5)]
    path_times, lengths = [], []
    for a, b in pairs:
        seconds, hops = best_of(1, lambda a=a, b=b: graph.path(claims, a, b,
                                                              clusters=clusters, today=today))
        path_times.append(seconds)
        lengths.append(len(hops))
    rows.append(("path (median of 5 random pairs)", statistics.median(path_times),
                 f"hops {lengths}"))
    hub_a, hub_b = actors[0]["id"], actors[50]["id"]
    run("timeline (hub pair)", lambda: graph.timeline(claims, hub_a, hub_b, clusters=clusters),
        lambda r: f"{len(r['claims'])} claims, {len(r['periods'])} periods")
    run("contradictions", lambda: graph.contradictions(claims, clusters=clusters),
        lambda r: f"{len(r):,} items")
    run("stats (betweenness sampled)",
        lambda: graph.stats(claims, actors, clusters=clusters, today=today),
        lambda r: f"{len(r['communities'])} communities, k={r['betweenness_sample']}")
    store = ListStore(claims, actors, clusters)

    def export_size(fmt: str) -> int:
        out = io.StringIO()
        export(store, fmt, out, today=today)
        return len(out.getvalue())

    for fmt in ("graphml", "stix"):
        run(f"export {fmt} (to memory)", lambda fmt=fmt: export_size(fmt),
            lambda n: f"{n / 1e6:.0f} MB")

    words = [f"w{i}" for i in range(5000)]
    drng = random.Random(args.seed + 2)
    texts = [(f"d{i:05d}", " ".join(drng.choices(words, k=400))) for i in range(args.docs)]
    run(f"cluster_documents ({args.docs:,} docs x 400 words)",
        lambda: cluster_documents(texts), lambda r: f"{len(set(r.values())):,} clusters")

    width = max(len(r[0]) for r in rows)
    print(f"{'operation':{width}}  {'seconds':>8}  {'x baseline':>10}  result")
    for label, seconds, note in rows:
        print(f"{label:{width}}  {seconds:8.3f}  {seconds / base:10.1f}  {note}")


if __name__ == "__main__":
    main()
