"""Edges over time, independent sources, timelines, paths, contradictions and analytics."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml

from syndicate.graph import (
    SYMMETRIC,
    build_edges,
    contradictions,
    edge_span,
    network,
    path,
    state_parents,
    stats,
    timeline,
    to_networkx,
)

TODAY = "2017-01-01"


def claim(
    subject: str,
    relation: str,
    obj: str,
    *,
    doc: str | None = "d1",
    time: str | None = "2016-08-10",
    polarity: str = "affirmed",
    modality: str = "asserted",
    attribution: str | None = None,
    confidence: float = 0.8,
    sentence: str | None = None,
    curated: bool = False,
    until: str | None = None,
    start: int = 0,
) -> dict[str, Any]:
    """A claim dict as ``Claim.to_json()`` gives it (plus the curated extras)."""
    sentence = sentence or f"{subject} {relation} {obj}."
    cid = hashlib.sha1(
        f"{doc}|{start}|{subject}|{relation}|{obj}|{polarity}|{modality}|{time}".encode()
    ).hexdigest()[:16]
    out: dict[str, Any] = {
        "id": cid, "doc": doc, "source": f"news/{doc}.html" if doc else None,
        "published": time if doc else None, "sentence": sentence, "start": start,
        "end": start + len(sentence),
        "subject": {"id": subject, "text": subject, "start": 0, "end": len(subject)},
        "relation": relation,
        "object": {"id": obj, "text": obj, "start": 0, "end": len(obj)},
        "polarity": polarity, "modality": modality, "attribution": attribution,
        "time": {"value": time, "precision": "day" if time and len(time) == 10 else "year",
                 "source": "curated" if curated else "published"},
        "trigger": relation, "extractor": "dictionary.v1" if curated else "patterns.v1",
        "confidence": 1.0 if curated else confidence,
    }
    if curated:
        out["curated"] = True
        out["until"] = until
    return out


def actor(actor_id: str, kind: str = "armed_group", parent: str | None = None) -> dict[str, Any]:
    return {"id": actor_id, "name": actor_id.replace("-", " ").title(), "kind": kind,
            "region": "south_asia", "country": ["PK"], "aliases": [], "parent": parent,
            "wikidata": None, "provisional": False}


def one(edges: list, key: tuple[str, str, str]):
    found = [e for e in edges if e.key == key]
    assert len(found) == 1, [e.key for e in edges]
    return found[0]


def test_symmetric_relations_match_the_vocabulary() -> None:
    data = yaml.safe_load((Path(__file__).resolve().parents[1] / "src" / "syndicate" / "data"
                           / "relations.yaml").read_text())
    assert {r for r, spec in data["relations"].items() if not spec["directed"]} == SYMMETRIC


def test_edges_aggregate_claims_per_relation_and_pair() -> None:
    claims = [
        claim("lashkar-e-taiba", "cooperates_with", "ttp", doc="d1", time="2010-11-17"),
        claim("ttp", "cooperates_with", "lashkar-e-taiba", doc="d2", time="2011-02-01"),
        claim("ttp", "cooperates_with", "lashkar-e-taiba", doc="d2", time="2011-02-01",
              start=90, modality="believed"),
        claim("isi", "supports", "haqqani"),
        claim("haqqani", "supports", "isi", polarity="negated"),
    ]
    edges = build_edges(claims, today="2011-06-01")
    assert [e.key for e in edges] == [
        ("haqqani", "supports", "isi"), ("isi", "supports", "haqqani"),
        ("lashkar-e-taiba", "cooperates_with", "ttp"),
    ]
    e = one(edges, ("lashkar-e-taiba", "cooperates_with", "ttp"))
    assert (e.n_claims, e.n_documents, e.n_sources) == (3, 2, 2)
    assert (e.first_seen, e.last_seen) == ("2010-11-17", "2011-02-01")
    assert not e.directed and e.status == "active" and not e.curated
    assert e.modality == "believed" or e.modality == "asserted"  # latest day has both
    directed = one(edges, ("isi", "supports", "haqqani"))
    assert directed.directed and directed.status == "active"
    assert one(edges, ("haqqani", "supports", "isi")).status == "negated"


def test_confidence_rises_with_independent_sources_and_falls_with_hedges() -> None:
    def conf(*cs: dict[str, Any]) -> float:
        return build_edges(list(cs), today=TODAY)[0].confidence

    one_src = conf(claim("a", "supports", "b", doc="d1"))
    two_src = conf(claim("a", "supports", "b", doc="d1"), claim("a", "supports", "b", doc="d2"))
    same_src_twice = conf(claim("a", "supports", "b", doc="d1"),
                          claim("a", "supports", "b", doc="d1", start=50))
    assert 0 < one_src < two_src <= 1
    assert same_src_twice == one_src
    asserted = conf(claim("a", "supports", "b"))
    reported = conf(claim("a", "supports", "b", modality="reported"))
    believed = conf(claim("a", "supports", "b", modality="believed"))
    alleged = conf(claim("a", "supports", "b", modality="alleged"))
    possible = conf(claim("a", "supports", "b", modality="possible"))
    assert asserted > reported > believed > alleged > possible > 0
    denied = conf(claim("a", "supports", "b", doc="d1"),
                  claim("a", "supports", "b", doc="d2", modality="denied"))
    negated = conf(claim("a", "supports", "b", doc="d1"),
                   claim("a", "supports", "b", doc="d2", polarity="negated"))
    assert negated < denied < asserted


def test_desired_claims_never_make_an_affirmed_edge() -> None:
    wants = claim("pakistan-army", "attacks", "haqqani", modality="desired",
                  attribution="US officials")
    (edge,) = build_edges([wants], today=TODAY)
    assert edge.status == "unaffirmed" and edge.confidence == 0
    assert network([wants], today=TODAY)["edges"] == []


def test_near_duplicate_documents_count_as_one_source() -> None:
    claims = [claim("a", "cooperates_with", "b", doc=d) for d in ("d1", "d2", "d3")]
    clusters = {"d1": "d1", "d2": "d1", "d3": "d1"}
    with_clusters = build_edges(claims, clusters=clusters, today=TODAY)[0]
    without = build_edges(claims, today=TODAY)[0]
    assert (with_clusters.n_documents, with_clusters.n_sources) == (3, 1)
    assert without.n_sources == 3
    assert with_clusters.confidence < without.confidence


def test_same_original_report_repeated_by_two_outlets_counts_once() -> None:
    claims = [
        claim("lashkar-e-taiba", "cooperates_with", "ttp", doc="outlet-1",
              attribution="a New York Times report"),
        claim("lashkar-e-taiba", "cooperates_with", "ttp", doc="outlet-2",
              attribution="according to a New York Times report"),
    ]
    e = build_edges(claims, today=TODAY)[0]
    assert (e.n_documents, e.n_sources) == (2, 1)


def test_a_document_citing_a_report_is_not_independent_of_it() -> None:
    # Outlet A's headline speaks in its own voice, its body cites the NYT; outlet B cites
    # the NYT too. One source: the NYT report.
    claims = [
        claim("a", "cooperates_with", "b", doc="outlet-a", start=0),
        claim("a", "cooperates_with", "b", doc="outlet-a", start=100,
              attribution="said a New York Times report on Wednesday"),
        claim("a", "cooperates_with", "b", doc="outlet-b", attribution="NYT"),
        claim("a", "cooperates_with", "b", doc="outlet-c"),
    ]
    e = build_edges(claims, today=TODAY)[0]
    assert (e.n_documents, e.n_sources, e.n_affirmed_sources) == (3, 2, 2)


def test_undated_evidence_does_not_fade() -> None:
    undated = claim("a", "supports", "b", time=None)
    undated["published"] = None
    assert build_edges([undated], today="2030-01-01")[0].status == "active"


def test_curated_facts_are_edges_marked_curated() -> None:
    claims = [
        claim("islamic-state-khorasan", "part_of", "islamic-state", doc=None, time="2015",
              curated=True),
        claim("old-front", "part_of", "lashkar-e-taiba", doc=None, time="2002",
              curated=True, until="2009"),
    ]
    edges = build_edges(claims, today="2024-01-01")
    iskp = one(edges, ("islamic-state-khorasan", "part_of", "islamic-state"))
    assert iskp.curated and iskp.status == "active" and iskp.confidence == 1.0
    old = one(edges, ("old-front", "part_of", "lashkar-e-taiba"))
    assert old.status == "ended" and old.until == "2009"
    assert edge_span(old) == ("2002-01-01", "2009-12-31")
    # The map in 2005 shows the front; in 2012 neither (ISKP dates from 2015); in 2016 ISKP.
    assert {(e["subject"]) for e in network(claims, at="2005")["edges"]} == {"old-front"}
    assert network(claims, at="2012")["edges"] == []
    assert [e["subject"] for e in network(claims, at="2016")["edges"]] == [
        "islamic-state-khorasan"]


def test_edges_fade_when_not_reconfirmed() -> None:
    claims = [claim("a", "cooperates_with", "b", time="2010-05-01")]
    assert build_edges(claims, today="2011-05-01")[0].status == "active"
    assert build_edges(claims, today="2013-05-02")[0].status == "fading"
    assert build_edges(claims, today="2011-05-01", fade_days=100)[0].status == "fading"
    # Fading edges stay on the map (de-emphasised), they do not vanish.
    assert network(claims, today="2013-05-02")["edges"][0]["status"] == "fading"


def test_timeline_shows_ally_then_rival_periods() -> None:
    claims = [
        claim("afghan-taliban", "cooperates_with", "islamic-state", doc="d1", time="2014-03-01"),
        claim("islamic-state", "cooperates_with", "afghan-taliban", doc="d2", time="2014-09-01",
              modality="reported"),
        claim("afghan-taliban", "fights", "islamic-state", doc="d3", time="2015-06-01"),
        claim("afghan-taliban", "fights", "islamic-state", doc="d4", time="2016-01-15"),
        claim("afghan-taliban", "supports", "other-group", doc="d4", time="2016-01-15"),
        claim("afghan-taliban", "attacks", "islamic-state", doc="d5", time="2016-03-01",
              modality="desired"),
    ]
    t = timeline(claims, "islamic-state", "afghan-taliban", today="2016-06-01")
    assert [(p["relation"], p["stance"], p["from"], p["to"], p["n_claims"])
            for p in t["periods"]] == [
        ("cooperates_with", "affirmed", "2014-03-01", "2014-09-01", 2),
        ("fights", "affirmed", "2015-06-01", "2016-01-15", 2),
    ]
    assert [c["time"]["value"] for c in t["claims"]] == [
        "2014-03-01", "2014-09-01", "2015-06-01", "2016-01-15", "2016-03-01"]
    statuses = {(e["relation"]): e["status"] for e in t["edges"]}
    assert statuses["fights"] == "active"


def test_timeline_separates_a_truce_from_fighting() -> None:
    claims = [
        claim("afghan-taliban", "fights", "islamic-state", doc="d1", time="2015"),
        claim("afghan-taliban", "fights", "islamic-state", doc="d2", time="2016-08-10",
              polarity="negated"),
        claim("islamic-state", "ceasefire_with", "afghan-taliban", doc="d2", time="2016-08-10",
              modality="reported", attribution="The Wall Street Journal reported"),
    ]
    periods = timeline(claims, "afghan-taliban", "islamic-state")["periods"]
    assert [(p["relation"], p["stance"]) for p in periods] == [
        ("fights", "affirmed"), ("ceasefire_with", "affirmed"), ("fights", "negated")]


def test_contradiction_listed_with_both_sides() -> None:
    backs = claim("pakistan", "supports", "haqqani", doc="d1", time="2014-07-01",
                  modality="believed", attribution="US military officials",
                  sentence="Top levels of Pakistan's security establishment back the Haqqanis.")
    denies = claim("pakistan", "supports", "haqqani", doc="d1", time="2014-07-01", start=400,
                   modality="denied", attribution="Pakistan",
                   sentence="Pakistan insists that no insurgent groups will be spared.")
    isi = claim("isi", "supports", "haqqani", doc="d2", time="2014-08-01")
    later_denial = claim("isi", "supports", "haqqani", doc="d3", time="2019-01-01",
                         polarity="negated")
    found = contradictions([backs, denies, isi, later_denial])
    assert len(found) == 1
    item = found[0]
    assert (item["subject"], item["relation"], item["object"]) == (
        "pakistan", "supports", "haqqani")
    assert [c["sentence"] for c in item["affirmed"]] == [backs["sentence"]]
    assert [c["sentence"] for c in item["opposing"]] == [denies["sentence"]]
    # ISI's denial came years later: a change, not a contradiction -- unless ISI and
    # Pakistan are one side, when the 2014 ISI claim meets Pakistan's 2014 denial.
    parents = state_parents([actor("pakistan", "state"), actor("isi", "state_agency",
                                                               parent="pakistan")])
    assert parents == {"isi": "pakistan"}
    merged = contradictions([backs, denies, isi, later_denial], parents=parents)
    assert len(merged) == 1
    assert {c["id"] for c in merged[0]["affirmed"]} == {backs["id"], isi["id"]}
    # The 2019 denial is outside the one-year window of every affirming claim.
    assert [c["id"] for c in merged[0]["opposing"]] == [denies["id"]]
    assert merged[0]["actors"] == ["haqqani", "isi", "pakistan"]


def test_path_finds_a_two_hop_connection_with_evidence() -> None:
    claims = [
        claim("isi", "supports", "haqqani", doc="d1", sentence="ISI backs the HQN."),
        claim("haqqani", "controls", "iskp", doc="d2", sentence="HQN controls ISKP units."),
        claim("haqqani", "controls", "iskp", doc="d3", modality="possible"),
        claim("isi", "attacks", "iskp", doc="d4", polarity="negated"),
        claim("isi", "fights", "far-away", doc="d5"),
    ]
    hops = path(claims, "isi", "iskp", today=TODAY)
    assert [(h["from"], h["to"], h["relation"]) for h in hops] == [
        ("isi", "haqqani", "supports"), ("haqqani", "iskp", "controls")]
    assert hops[0]["evidence"][0]["sentence"] == "ISI backs the HQN."
    assert hops[1]["evidence"][0]["sentence"] == "HQN controls ISKP units."
    assert hops[1]["n_sources"] == 2
    # Either direction; nothing when out of reach.
    assert [h["to"] for h in path(claims, "iskp", "isi", today=TODAY)] == ["haqqani", "isi"]
    assert path(claims, "isi", "iskp", max_hops=1, today=TODAY) == []
    assert path(claims, "isi", "nobody", today=TODAY) == []


def test_path_prefers_the_better_evidenced_of_equally_short_routes() -> None:
    claims = [
        claim("a", "supports", "weak", doc="d1", modality="possible"),
        claim("weak", "supports", "z", doc="d2", modality="possible"),
        claim("a", "supports", "strong", doc="d3"),
        claim("strong", "supports", "z", doc="d4"),
        claim("strong", "supports", "z", doc="d5"),
    ]
    assert [h["to"] for h in path(claims, "a", "z", today=TODAY)] == ["strong", "z"]


def test_network_filters_by_date_relation_confidence_and_kind() -> None:
    claims = [
        claim("a", "cooperates_with", "b", doc="d1", time="2010-01-01"),
        claim("a", "fights", "c", doc="d2", time="2016-01-01"),
        claim("a", "fights", "c", doc="d3", time="2016-02-01"),
        claim("pakistan", "supports", "a", doc="d4", time="2016-03-01", modality="possible"),
    ]
    actors = [actor("a"), actor("b"), actor("c"), actor("pakistan", "state")]
    keys = lambda net: {(e["subject"], e["relation"], e["object"]) for e in net["edges"]}  # noqa: E731
    assert keys(network(claims, at="2012", today=TODAY)) == {("a", "cooperates_with", "b")}
    assert keys(network(claims, since="2015", until="2016-12-31")) == {
        ("a", "fights", "c"), ("pakistan", "supports", "a")}
    assert keys(network(claims, relations=["fights"], today=TODAY)) == {("a", "fights", "c")}
    assert keys(network(claims, min_confidence=0.5, today=TODAY)) == {("a", "fights", "c")}
    net = network(claims, kinds=["armed_group"], actors=actors, today=TODAY)
    assert keys(net) == {("a", "cooperates_with", "b"), ("a", "fights", "c")}
    assert {n["id"]: n["degree"] for n in net["nodes"]} == {"a": 2, "b": 1, "c": 1}
    assert net["nodes"][0]["name"] == "A"
    # Status at the reference date: the 2010 alliance has faded by 2016.
    at_2016 = network(claims, at="2016-12-31")
    assert {e["relation"]: e["status"] for e in at_2016["edges"]}["cooperates_with"] == "fading"


def test_stats_centrality_communities_bridges() -> None:
    claims = [claim(x, "cooperates_with", y, doc=f"d{i}") for i, (x, y) in enumerate([
        ("a1", "a2"), ("a2", "a3"), ("a1", "a3"),
        ("b1", "b2"), ("b2", "b3"), ("b1", "b3"),
        ("a3", "b1"),
    ])]
    s = stats(claims, [actor(x) for x in ("a1", "a2", "a3", "b1", "b2", "b3")], today=TODAY)
    assert s["n_nodes"] == 6 and s["n_edges"] == 7
    assert s["bridges"] == [("a3", "b1")]
    assert s["articulation_points"] == ["a3", "b1"]
    assert sorted(map(sorted, s["communities"])) == [["a1", "a2", "a3"], ["b1", "b2", "b3"]]
    assert {n["id"] for n in s["nodes"][:2]} == {"a3", "b1"}  # brokers first


def test_to_networkx_one_arc_per_edge() -> None:
    claims = [
        claim("b", "cooperates_with", "a"),
        claim("a", "supports", "b", doc="d2"),
        claim("b", "supports", "a", doc="d3"),
    ]
    g = to_networkx(claims, [actor("a"), actor("b"), actor("lonely")], today=TODAY)
    assert isinstance(g, nx.MultiDiGraph)
    assert set(g.nodes) == {"a", "b", "lonely"}
    assert sorted((u, v, k) for u, v, k in g.edges(keys=True)) == [
        ("a", "b", "cooperates_with"), ("a", "b", "supports"), ("b", "a", "supports")]
    assert g.edges["a", "b", "cooperates_with"]["directed"] is False
    assert g.nodes["a"]["kind"] == "armed_group"


@pytest.mark.parametrize("bad", ["yesterday", "2016-13-01"])
def test_bad_dates_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        network([], at=bad)


# ---------------------------------------------------------------- CLI


class ListStore:
    def __init__(self, claims: list[dict[str, Any]], actors: list[dict[str, Any]]) -> None:
        self._claims, self._actors = claims, actors

    def iter_claims(self):
        return iter(self._claims)

    def actors(self) -> list[dict[str, Any]]:
        return list(self._actors)

    def documents(self) -> list[dict[str, Any]]:
        return []


@pytest.fixture
def cli_run():
    import click
    from click.testing import CliRunner

    from syndicate.cli.graph import register

    @click.group()
    def group() -> None:
        pass

    register(group)
    claims = [
        claim("taliban", "cooperates_with", "islamic-state", doc="d1", time="2014-03-01"),
        claim("taliban", "fights", "islamic-state", doc="d2", time="2015-06-01",
              sentence="They fought deadly battles."),
        claim("pakistan", "supports", "haqqani", doc="d3", time="2014-07-01",
              modality="believed", attribution="US military officials"),
        claim("pakistan", "supports", "haqqani", doc="d3", time="2014-07-01", start=99,
              modality="denied", sentence="Pakistan insists no group will be spared."),
        claim("haqqani", "part_of", "taliban", doc=None, time="1995", curated=True),
    ]
    actors = [actor("taliban"), actor("islamic-state"), actor("haqqani"),
              actor("pakistan", "state")]
    names = {a["name"].lower(): a["id"] for a in actors}

    def resolve(text: str) -> str:
        if text in names.values():
            return text
        if text.lower() in names:
            return names[text.lower()]
        raise click.BadParameter(f"[E040] Unknown actor '{text}'.")

    obj = {"open_store": lambda: ListStore(claims, actors), "resolve_actor": resolve}

    def run(*args: str):
        return CliRunner().invoke(group, list(args), obj=obj)

    return run


def test_cli_timeline_table_and_json(cli_run) -> None:
    result = cli_run("timeline", "Taliban", "islamic-state")
    assert result.exit_code == 0, result.output
    assert result.output.index("cooperates_with") < result.output.index("fights")
    data = json.loads(cli_run("timeline", "taliban", "islamic-state", "--json").output)
    assert [p["relation"] for p in data["periods"]] == ["cooperates_with", "fights"]
    assert cli_run("timeline", "nobody", "taliban").exit_code == 2


def test_cli_path_network_stats_contradictions_export(cli_run) -> None:
    hops = json.loads(cli_run("path", "pakistan", "taliban", "--json").output)["hops"]
    assert [h["to"] for h in hops] == ["haqqani", "taliban"]
    assert cli_run("path", "pakistan", "islamic-state", "--max-hops", "1").exit_code == 1
    net = json.loads(cli_run("network", "--at", "2014-12-31", "--json").output)
    assert {e["relation"] for e in net["edges"]} == {"cooperates_with", "part_of", "supports"}
    assert cli_run("network", "--at", "2014", "--since", "2013").exit_code == 2
    assert cli_run("network", "--at", "soon").exit_code == 2
    table = cli_run("network", "--relation", "fights", "--kind", "armed_group").output
    assert "Taliban" in table and "fights" in table and "supports" not in table
    assert json.loads(cli_run("stats", "--json").output)["n_nodes"] == 4
    assert "community 0" in cli_run("stats").output
    lines = cli_run("contradictions", "--json").output.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["relation"] == "supports"
    assert "Pakistan insists" in cli_run("contradictions").output
    out = cli_run("export", "--format", "csv-edges").output
    assert out.startswith("source,target,relation")
    assert cli_run("export", "--format", "neo4j").exit_code == 2


def test_undated_claims_conflict_within_their_own_document() -> None:
    backs = claim("pakistan", "supports", "haqqani", doc="p1", time=None, modality="believed")
    denies = claim("pakistan", "supports", "haqqani", doc="p1", time=None, start=80,
                   modality="denied")
    elsewhere = claim("pakistan", "supports", "haqqani", doc="p2", time=None,
                      polarity="negated")
    (item,) = contradictions([backs, denies, elsewhere])
    assert [c["id"] for c in item["opposing"]] == [denies["id"]]
    assert item["from"] is None


# ---------------------------------------------------------------- on the seed articles


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    """The five seeds plus two outlets reprinting seed 000 with their own trimmings."""
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds not present")
    from syndicate.api import KnowledgeBase

    folder = tmp_path_factory.mktemp("seeds")
    wire = next(seeds.glob("000_*.txt")).read_text(encoding="utf-8")
    lines = wire.splitlines()
    once = "\n".join(lines[1:len(lines) // 2 + 1])  # the body once, without the headline
    (folder / "outlet-b.txt").write_text(
        "Militant factions unite along the border, says NYT\nISLAMABAD: " + once
        + "\nThis website uses cookies. Accept Read More\n", encoding="utf-8")
    (folder / "outlet-c.txt").write_text(
        "Border militants share recruits and safe passage\n0\n160\n" + once
        + "\n(Reporting by staff; editing by the desk)\n", encoding="utf-8")
    kb = KnowledgeBase(str(folder / "seeds.db"))
    kb.ingest([*map(str, sorted(seeds.glob("0*.txt"))), str(folder / "outlet-b.txt"),
               str(folder / "outlet-c.txt")])
    yield kb
    kb.close()


def test_seed_wire_story_printed_by_three_outlets_is_one_source(seed_store) -> None:
    from syndicate.dedup import store_clusters

    store = seed_store.store
    net = network(store.iter_claims(), relations=["cooperates_with"],
                  clusters=store_clusters(store), today="2011-01-01")
    edge = next(e for e in net["edges"]
                if {e["subject"], e["object"]} == {"lashkar-e-taiba", "tehrik-i-taliban-pakistan"})
    assert edge["n_documents"] == 3
    assert edge["n_sources"] == 1


def test_seed_taliban_and_is_move_from_fighting_to_truce(seed_store) -> None:
    claims = list(seed_store.store.iter_claims())
    pair = {c["object"]["id"] for c in claims
            if c["subject"]["id"] == "afghan-taliban" and c["relation"] == "ceasefire_with"}
    pair |= {c["subject"]["id"] for c in claims
             if c["object"]["id"] == "afghan-taliban" and c["relation"] == "ceasefire_with"}
    assert pair, "no ceasefire claim between the Taliban and IS extracted from seed 003"
    periods = timeline(claims, "afghan-taliban", pair.pop())["periods"]
    relations = [p["relation"] for p in periods]
    assert relations.index("fights") < relations.index("ceasefire_with")
    assert periods[0]["from"] < periods[-1]["from"]
