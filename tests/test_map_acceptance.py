"""The map over the bundled sample plus the seeds (issue: the map over time)."""

from __future__ import annotations

import pytest

import syndicate
from syndicate.api import sample_corpus

from .conftest import SEEDS


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "map.db"
    inputs = [sample_corpus()] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    with syndicate.open(str(path)) as kb:
        report = kb.ingest(inputs)
        assert report.failed == 0, report.failures
        yield kb


def test_a_wire_story_printed_by_three_outlets_is_one_independent_source(kb):
    wire = [d for d in kb.documents() if "2018-01-" in d["source"]]
    assert len(wire) == 3
    clusters = kb.store.clusters()
    assert len({clusters[d["id"]] for d in wire}) == 1
    edge = next(e for e in kb.edges() if (e.subject, e.relation, e.object) ==
                ("iran", "supports", "houthis"))
    wire_ids = {d["id"] for d in wire}
    from_wire = [c for c in kb.claims(actor="iran", relation="supports")
                 if c["doc"] in wire_ids and c["object"]["id"] == "houthis"]
    assert len({c["doc"] for c in from_wire}) == 3  # three outlets carry the claim ...
    other_docs = {c["doc"] for c in kb.claims(actor="iran", relation="supports")
                  if c["object"]["id"] == "houthis" and c["doc"] not in wire_ids}
    assert edge.n_sources == 1 + len(other_docs)  # ... but count as one source


def test_a_pair_that_turns_from_ally_to_rival_shows_both_periods(kb):
    line = kb.timeline("Nusra Front", "ISIS")
    relations = [p["relation"] for p in line["periods"] if p["stance"] == "affirmed"]
    assert "cooperates_with" in relations and "fights" in relations
    first_ally = min(p["from"] for p in line["periods"] if p["relation"] == "cooperates_with")
    first_rival = min(p["from"] for p in line["periods"] if p["relation"] == "fights")
    assert first_ally < first_rival


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_the_pakistan_haqqani_contradiction_is_listed(kb):
    found = [c for c in kb.contradictions()
             if {c["subject"], c["object"]} == {"pakistan", "haqqani-network"}
             and c["relation"] == "supports"]
    assert found
    sides = found[0]
    assert sides["affirmed"] and sides["opposing"]
    assert any("no insurgent groups will be spared" in ev["sentence"]
               for ev in sides["opposing"])


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_taliban_and_is_change_from_fighting_to_truce_in_seed_003(kb):
    line = kb.timeline("Afghan Taliban", "ISKP")
    order = [p["relation"] for p in line["periods"] if p["stance"] == "affirmed"]
    assert order.index("fights") < max(order.index(r) for r in order
                                       if r in ("ceasefire_with", "cooperates_with"))


def test_path_connects_two_actors_with_evidence_per_hop(kb):
    hops = kb.path("Jamaat-ud-Dawa", "al-Qaeda")
    assert hops and hops[0]["from"] == "jamaat-ud-dawa" and hops[-1]["to"] == "al-qaeda"
    assert all(h["evidence"] for h in hops)
