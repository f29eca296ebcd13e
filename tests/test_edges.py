"""The materialised edges equal the from-scratch computation, after every kind of change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from syndicate import graph, mapquery
from syndicate.api import KnowledgeBase, sample_corpus
from syndicate.edges import edges_stale, rebuild_edges, refresh_edges

TODAY = "2025-06-01"


def from_scratch(store) -> list[dict]:
    return [e.to_json() for e in graph.build_edges(store.iter_claims(),
                                                   clusters=store.clusters(), today=TODAY)]


def contradictions_from_scratch(store) -> list[dict]:
    return graph.contradictions(store.iter_claims(), parents=graph.state_parents(store.actors()),
                                clusters=store.clusters())


def stored_contradictions(store) -> list[dict]:
    rows = store.db.execute("SELECT json FROM contradictions ORDER BY subject, relation, object")
    return [json.loads(r[0]) for r in rows]


def stored_kinds(store) -> dict[tuple[str, str, str], tuple[str | None, str | None]]:
    return {(s, r, o): (sk, ok) for s, r, o, sk, ok in store.db.execute(
        "SELECT subject, relation, object, subject_kind, object_kind FROM edges")}


def kinds_from_scratch(store) -> dict[tuple[str, str, str], tuple[str | None, str | None]]:
    """Each edge's actor kinds as the actors table has them now."""
    kind = {a["id"]: a["kind"] for a in store.actors()}
    return {(e["subject"], e["relation"], e["object"]): (kind.get(e["subject"]),
                                                        kind.get(e["object"]))
            for e in from_scratch(store)}


def assert_kind_filter_exact(store, kinds: set[str]) -> None:
    """The map filtered by kind shows exactly the edges between actors of those kinds."""
    kind = {a["id"]: a["kind"] for a in store.actors()}
    want = {(e["subject"], e["relation"], e["object"]) for e in from_scratch(store)
            if e["status"] in graph.MAP_STATUSES and kind.get(e["subject"]) in kinds
            and kind.get(e["object"]) in kinds}
    got = mapquery.network(store, kinds=kinds, limit=mapquery.MAX_EDGES, today=TODAY)
    assert {(e["subject"], e["relation"], e["object"]) for e in got["edges"]} == want


def assert_equal_to_scratch(store) -> None:
    assert not edges_stale(store)
    stored = mapquery.stored_edges(store, today=TODAY)
    assert stored == from_scratch(store)
    assert stored_kinds(store) == kinds_from_scratch(store)
    assert stored_contradictions(store) == contradictions_from_scratch(store)
    # and a rebuild changes nothing
    rebuild_edges(store)
    assert mapquery.stored_edges(store, today=TODAY) == stored
    assert stored_kinds(store) == kinds_from_scratch(store)


@pytest.fixture(scope="module")
def sample_kb(tmp_path_factory):
    path = tmp_path_factory.mktemp("edges") / "sample.db"
    kb = KnowledgeBase(path)
    kb.ingest([sample_corpus()])
    yield kb
    kb.close()


def test_ingest_keeps_edges_equal_to_a_rebuild(sample_kb):
    store = sample_kb.store
    assert store.db.execute("SELECT count(*) FROM edges").fetchone()[0] > 50
    assert_equal_to_scratch(store)


def test_incremental_ingest_in_two_batches(tmp_path):
    files = sorted(Path(sample_corpus()).iterdir())
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    for i, f in enumerate(files):
        shutil.copy(f, (first if i % 2 else second) / f.name)
    with KnowledgeBase(tmp_path / "two.db") as kb:
        kb.ingest([str(first)])
        assert_equal_to_scratch(kb.store)
        kb.ingest([str(second)])
        # a document read again is a duplicate and changes nothing
        kb.ingest([str(second / files[0].name)])
        assert_equal_to_scratch(kb.store)


def test_merge_and_promote_of_candidates_follow(tmp_path):
    with KnowledgeBase(tmp_path / "cand.db") as kb:
        kb.ingest([sample_corpus(), "tests/data/unknown_groups_article.txt"])
        cands = kb.candidates()
        assert len(cands) >= 2
        kb.promote(cands[0]["id"], region="global")
        assert_equal_to_scratch(kb.store)
        kb.merge(cands[1]["id"], "haqqani-network")
        assert_equal_to_scratch(kb.store)


def test_an_actor_whose_kind_changes_moves_between_kind_filters(tmp_path):
    """A kind changed in the overlay (no claim changes) reaches the map's kind filter."""
    from syndicate.overlay import Overlay

    with KnowledgeBase(tmp_path / "kind.db") as kb:
        kb.ingest([sample_corpus(), "tests/data/unknown_groups_article.txt"])
        cand = next(c for c in kb.candidates() if c["claims"])
        actor = kb.promote(cand["id"], region="global")["id"]
        assert_kind_filter_exact(kb.store, {"armed_group"})
        overlay = Overlay(kb.settings.project_overlay)
        overlay.entry(actor)["kind"] = "state_forces"
        kb.save_overlay(overlay)
        assert_equal_to_scratch(kb.store)
        for kinds in ({"armed_group"}, {"state_forces"}, {"state_forces", "armed_group"}):
            assert_kind_filter_exact(kb.store, kinds)
        shown = mapquery.network(kb.store, kinds={"state_forces", "armed_group"},
                                 limit=mapquery.MAX_EDGES, today=TODAY)
        assert any(actor in (e["subject"], e["object"]) for e in shown["edges"])


def test_a_store_from_before_kinds_on_edges_gets_them_on_open(tmp_path):
    """Opening a schema-v7 store (edges without their actors' kinds) fills them in."""
    from syndicate.store import Store

    path = tmp_path / "v7.db"
    with KnowledgeBase(path) as kb:
        kb.ingest([sample_corpus()])
        want = kinds_from_scratch(kb.store)
    with Store(path) as store:
        for trigger in ("actors_kind_insert", "actors_kind_update", "actors_kind_delete"):
            store.db.execute(f"DROP TRIGGER {trigger}")
        store.db.execute("ALTER TABLE edges DROP COLUMN subject_kind")
        store.db.execute("ALTER TABLE edges DROP COLUMN object_kind")
        store.db.execute("PRAGMA user_version = 7")
    with KnowledgeBase(path) as kb:
        assert kb.store.schema_version == 8
        assert stored_kinds(kb.store) == want
        assert_kind_filter_exact(kb.store, {"armed_group", "state"})
        assert_equal_to_scratch(kb.store)


def test_stale_until_refreshed(tmp_path):
    with KnowledgeBase(tmp_path / "s.db") as kb:
        kb.ingest([sample_corpus()])
        store = kb.store
        assert not edges_stale(store)
        store.db.execute("DELETE FROM edges_meta WHERE name = 'derivation'")
        assert edges_stale(store)
        refresh_edges(store)  # never built (as far as it knows): rebuilds
        assert_equal_to_scratch(store)
        store.db.execute("INSERT INTO edges_dirty VALUES ('doc', 'nothing-such')")
        assert edges_stale(store)
        refresh_edges(store)
        assert not edges_stale(store)


def test_path_over_stored_edges_matches_graph_path(sample_kb):
    store = sample_kb.store
    a, b = "jamaat-ud-dawa", "al-qaeda"
    expected = graph.path(store.iter_claims(), a, b, clusters=store.clusters(), today=TODAY)
    got = mapquery.path(store, a, b, today=TODAY)
    assert [(h["from"], h["to"], h["relation"], h["confidence"]) for h in got] == \
        [(h["from"], h["to"], h["relation"], h["confidence"]) for h in expected]
    assert [[c["id"] for c in h["evidence"]] for h in got] == \
        [[c["id"] for c in h["evidence"]] for h in expected]


def test_pair_timeline_matches_graph_timeline(sample_kb):
    store = sample_kb.store
    a, b = "jabhat-al-nusra", "islamic-state"
    expected = graph.timeline(store.iter_claims(actor=a), a, b, clusters=store.clusters(),
                              today=TODAY)
    got = mapquery.pair_timeline(store, a, b, today=TODAY)
    got.pop("names")
    for c in got["claims"]:
        c.pop("marks")
    assert got == json.loads(json.dumps(expected))
    assert got["periods"]


def test_neighbourhood_and_evidence(sample_kb):
    store = sample_kb.store
    net = mapquery.neighbourhood(store, "haqqani-network", today=TODAY)
    assert any(n["id"] == "haqqani-network" for n in net["nodes"])
    assert all({"subject", "relation", "object", "status"} <= e.keys() for e in net["edges"])
    e = next(e for e in net["edges"] if e["n_claims"] > e["n_curated"])
    ev = mapquery.edge_evidence(store, e["subject"], e["relation"], e["object"])
    claims = [c for g in ev["groups"] for c in g["claims"]]
    assert claims and all(c["subject"]["id"] in (e["subject"], e["object"]) for c in claims)
    sentence_claim = next(c for c in claims if c.get("sentence"))
    for m in sentence_claim["marks"]:
        assert 0 <= m["start"] < m["end"] <= len(sentence_claim["sentence"])


def test_contradiction_sweep_finds_the_pairs_that_overlap():
    """graph._overlapping (a sweep) marks exactly the claims graph._overlap pairs up."""
    import random

    rng = random.Random(7)
    for _ in range(200):
        sides = []
        for _side in range(2):
            claims = []
            for i in range(rng.randint(0, 12)):
                doc = rng.choice(["d1", "d2", "d3", None])
                if rng.random() < 0.2:
                    span = None
                else:
                    start = rng.randint(0, 3000)
                    span = (start, start + rng.choice([0, 30, 365]))
                claims.append(({"id": f"c{i}", "doc": doc}, span))
            sides.append(claims)
        fors, againsts = sides
        window = rng.choice([0, 30, 365])
        want_f = {fi for fi, (f, fs) in enumerate(fors) for a, as_ in againsts
                  if graph._overlap(a, as_, f, fs, window)}
        want_a = {ai for ai, (a, as_) in enumerate(againsts) for f, fs in fors
                  if graph._overlap(a, as_, f, fs, window)}
        assert graph._overlapping(fors, againsts, window) == (want_f, want_a)


def test_edges_network_and_path_read_the_kept_edges_and_equal_the_claims(sample_kb):
    """KnowledgeBase.edges/network/path answer from the kept tables exactly what the
    from-scratch computation over every claim gives (claims and evidence included)."""
    store = sample_kb.store
    clusters = store.clusters()
    assert mapquery.reads_kept(store)
    kept = [e.to_json(evidence=True, claims=True) for e in sample_kb.edges(today=TODAY)]
    scratch = [e.to_json(evidence=True, claims=True)
               for e in graph.build_edges(store.iter_claims(), clusters=clusters, today=TODAY)]
    assert len(kept) > 50 and kept == json.loads(json.dumps(scratch))
    for options in ({}, {"relations": ["fights", "supports"]}, {"min_confidence": 0.7},
                    {"kinds": ["armed_group"]}, {"statuses": ["negated", "unaffirmed"]}):
        got = sample_kb.network(today=TODAY, **options)
        want = graph.network(store.iter_claims(), actors=store.actors(), clusters=clusters,
                             today=TODAY, **options)
        assert got == want and got["edges"], options
    for a, b, options in (("jamaat-ud-dawa", "al-qaeda", {}),
                          ("haqqani-network", "islamic-state", {"min_confidence": 0.5}),
                          ("lashkar-e-taiba", "al-shabaab", {"max_hops": 2})):
        got = sample_kb.path(a, b, today=TODAY, **options)
        want = graph.path(store.iter_claims(), a, b, clusters=clusters, today=TODAY, **options)
        assert got == json.loads(json.dumps(want)), (a, b, options)
    # a date still needs the claims, and gets them
    at = sample_kb.network(at="2014-12-31", today=TODAY)
    assert at == graph.network(store.iter_claims(), actors=store.actors(), clusters=clusters,
                               at="2014-12-31", today=TODAY)


def test_cli_network_and_path_equal_the_claims(sample_kb):
    from click.testing import CliRunner

    from syndicate.cli import cli

    store = sample_kb.store
    clusters = store.clusters()

    def run(*args: str) -> dict:
        result = CliRunner().invoke(cli, ["--db", sample_kb.db_path, *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    want = graph.network(store.iter_claims(), actors=store.actors(), clusters=clusters,
                         relations=["fights"], min_confidence=0.3)
    assert run("network", "--relation", "fights", "--min-confidence", "0.3", "--json") == want
    want = graph.network(store.iter_claims(), actors=store.actors(), clusters=clusters,
                         since="2014", until="2016")
    assert run("network", "--since", "2014", "--until", "2016", "--json") == want
    hops = graph.path(store.iter_claims(), "jamaat-ud-dawa", "al-qaeda", clusters=clusters)
    got = run("path", "Jamaat-ud-Dawa", "al-Qaeda", "--json")
    assert got["hops"] == json.loads(json.dumps(hops)) and got["hops"]


def test_reindex_keeps_the_map_indexes(sample_kb):
    """The indexes the map's queries read (store migration 7) survive a full reindex."""
    def indexes(store) -> dict[str, list[str]]:
        names = [r[0] for r in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'edges' "
            "AND sql IS NOT NULL")]
        return {n: [c[2] for c in store.db.execute(f"PRAGMA index_info({n})")] for n in names}

    before = indexes(sample_kb.store)
    assert before["edges_relation_weight"] == ["relation", "weight"]
    assert before["edges_object"] == ["object", "subject"]
    assert before["edges_weight"] == ["weight"]
    sample_kb.reindex(full=True)
    assert indexes(sample_kb.store) == before
    assert_equal_to_scratch(sample_kb.store)
