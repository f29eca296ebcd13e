"""Every export read back with its standard reader; the map's edges survive the trip."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml

from syndicate.export import EXPORTERS, ExportError, export, stix_id
from syndicate.graph import build_edges

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
STAMP = "2024-01-02T03:04:05.000Z"
TODAY = "2021-01-01"


def claim(subject: str, relation: str, obj: str, *, doc: str | None = "d1",
          time: str | None = "2016-08-10", polarity: str = "affirmed",
          modality: str = "asserted", attribution: str | None = None, curated: bool = False,
          until: str | None = None, start: int = 0) -> dict[str, Any]:
    sentence = "" if curated else f"{subject} {relation} {obj} <&> \"quoted\"."
    cid = hashlib.sha1(f"{doc}|{start}|{subject}|{relation}|{obj}|{polarity}".encode()
                       ).hexdigest()[:16]
    out: dict[str, Any] = {
        "id": cid, "doc": doc, "source": f"https://news.example/{doc}" if doc else None,
        "published": time if doc else None, "sentence": sentence, "start": start,
        "end": start + len(sentence),
        "subject": {"id": subject, "text": subject, "start": 0, "end": 1},
        "relation": relation, "object": {"id": obj, "text": obj, "start": 2, "end": 3},
        "polarity": polarity, "modality": modality, "attribution": attribution,
        "time": {"value": time, "precision": "day" if time and len(time) == 10 else "year",
                 "source": "curated" if curated else "published"},
        "trigger": relation, "extractor": "dictionary.v1" if curated else "patterns.v1",
        "confidence": 1.0 if curated else 0.7,
    }
    if curated:
        out.update(curated=True, until=until)
    return out


def actor(actor_id: str, kind: str = "armed_group", **extra: Any) -> dict[str, Any]:
    out = {"id": actor_id, "name": actor_id.replace("-", " ").title(), "kind": kind,
           "region": "south_asia", "country": ["AF", "PK"], "aliases": [f"{actor_id} alias"],
           "parent": None, "wikidata": None, "provisional": False}
    out.update(extra)
    return out


def _text(seed: str, n: int = 120) -> str:
    words = [hashlib.md5(f"{seed}{i}".encode()).hexdigest()[:6] for i in range(n)]
    return " ".join(words)


WIRE = _text("wire")


class FakeStore:
    """The store-like protocol over lists."""

    def __init__(self) -> None:
        self._actors = [
            actor("afghan-taliban", wikidata="Q42418"),
            actor("haqqani-network", parent="afghan-taliban"),
            actor("islamic-state"), actor("islamic-state-khorasan"),
            actor("lashkar-e-taiba"), actor("tehrik-i-taliban-pakistan"),
            actor("pakistan", "state"), actor("isi", "state_agency", parent="pakistan"),
            actor("sirajuddin-haqqani", "person", country=[]),
            actor("united-nations", "intl_org", country=[]),
        ]
        self._claims = [
            claim("haqqani-network", "part_of", "afghan-taliban", doc=None, time="1995",
                  curated=True),
            claim("islamic-state-khorasan", "part_of", "islamic-state", doc=None, time="2015",
                  curated=True),
            claim("sirajuddin-haqqani", "leads", "haqqani-network", doc=None, time="2018",
                  curated=True),
            claim("sirajuddin-haqqani", "member_of", "afghan-taliban", doc="n1",
                  time="2010-11-17"),
            *[claim("lashkar-e-taiba", "cooperates_with", "tehrik-i-taliban-pakistan", doc=d,
                    time="2010-11-17", modality="believed",
                    attribution="American and Nato officials") for d in ("n1", "n2", "n3")],
            claim("afghan-taliban", "fights", "islamic-state", doc="w1", time="2015"),
            claim("islamic-state", "ceasefire_with", "afghan-taliban", doc="w1",
                  time="2016-08-10", modality="reported",
                  attribution="The Wall Street Journal reported"),
            claim("afghan-taliban", "fights", "islamic-state", doc="w1", time="2016-08-10",
                  polarity="negated", start=200),
            claim("pakistan", "supports", "haqqani-network", doc="p1", time="2014-07-01",
                  modality="believed"),
            claim("pakistan", "supports", "haqqani-network", doc="p1", time="2014-07-01",
                  modality="denied", start=300),
            claim("isi", "supports", "haqqani-network", doc="h1", time="2020-06-01"),
            claim("haqqani-network", "controls", "islamic-state-khorasan", doc="h1",
                  time="2020-06-01", modality="possible"),
            claim("united-nations", "negotiates_with", "afghan-taliban", doc="h1",
                  time="2020-06-01", polarity="negated"),
            claim("pakistan-army", "attacks", "haqqani-network", doc="p1", time="2014-07-01",
                  modality="desired"),
        ]
        self._docs = [
            {"id": "n1", "source": "a", "title": None, "published": "2010-11-17", "text": WIRE},
            {"id": "n2", "source": "b", "title": None, "published": "2010-11-17",
             "text": WIRE + " accept cookies read more"},
            {"id": "n3", "source": "c", "title": None, "published": "2010-11-18",
             "text": "0 160 " + WIRE},
            *[{"id": d, "source": d, "title": None, "published": None, "text": _text(d)}
              for d in ("w1", "p1", "h1")],
        ]

    def iter_claims(self) -> Iterator[dict[str, Any]]:
        return iter(self._claims)

    def actors(self) -> list[dict[str, Any]]:
        return list(self._actors)

    def documents(self) -> list[dict[str, Any]]:
        return list(self._docs)


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def expected(store: FakeStore) -> set[tuple[str, str, str]]:
    return {e.key for e in build_edges(store.iter_claims(), today=TODAY)}


def _write(store: FakeStore, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"out.{fmt}"
    export(store, fmt, out, timestamp=STAMP, today=TODAY)
    return out


def test_graphml_round_trip(store: FakeStore, expected: set, tmp_path: Path) -> None:
    g = nx.read_graphml(_write(store, "graphml", tmp_path), force_multigraph=True)
    assert {(u, d["relation"], v) for u, v, d in g.edges(data=True)} == expected
    assert "pakistan-army" in g  # named only in a claim: still a node
    e = next(d for u, v, d in g.edges(data=True) if d["relation"] == "cooperates_with")
    assert e["n_sources"] == 1 and e["n_documents"] == 3  # one wire story, three outlets
    assert isinstance(e["confidence"], float) and e["directed"] is False
    assert e["start"] == "2010-11-17"
    assert g.nodes["afghan-taliban"]["wikidata"] == "Q42418"
    assert g.nodes["pakistan"]["kind"] == "state"


def test_gexf_round_trip_with_time(store: FakeStore, expected: set, tmp_path: Path) -> None:
    path = _write(store, "gexf", tmp_path)
    assert 'mode="dynamic"' in path.read_text()
    g = nx.read_gexf(path)
    assert {(u, d["relation"], v) for u, v, d in g.edges(data=True)} == expected
    by_key = {(u, d["relation"], v): d for u, v, d in g.edges(data=True)}
    fights = by_key[("afghan-taliban", "fights", "islamic-state")]
    assert fights["status"] == "negated"
    assert (fights["start"], fights["end"]) == ("2015-01-01", "2015-12-31")
    iskp = by_key[("islamic-state-khorasan", "part_of", "islamic-state")]
    assert iskp["start"] == "2015-01-01" and "end" not in iskp  # still holds
    assert g.nodes["haqqani-network"]["label"] == "Haqqani Network"


def test_node_link_json_round_trip(store: FakeStore, expected: set) -> None:
    out = io.StringIO()
    export(store, "json", out, timestamp=STAMP, today=TODAY)
    data = json.loads(out.getvalue())
    g = nx.node_link_graph(data, edges="edges")
    assert isinstance(g, nx.MultiDiGraph)
    assert {(u, k, v) for u, v, k in g.edges(keys=True)} == expected
    supports = g.edges["pakistan", "haqqani-network", "supports"]
    assert {c["modality"] for c in supports["evidence"]} == {"believed", "denied"}


def test_csv_exports_round_trip(store: FakeStore, expected: set, tmp_path: Path) -> None:
    with _write(store, "csv-edges", tmp_path).open(newline="") as f:
        edges = list(csv.DictReader(f))
    assert {(r["source"], r["relation"], r["target"]) for r in edges} == expected
    with _write(store, "csv-claims", tmp_path).open(newline="") as f:
        claims = list(csv.DictReader(f))
    assert [r["id"] for r in claims] == [c["id"] for c in store.iter_claims()]
    assert claims[3]["sentence"].endswith('<&> "quoted".')
    with _write(store, "csv-actors", tmp_path).open(newline="") as f:
        actors = list(csv.DictReader(f))
    assert {r["id"] for r in actors} == {a["id"] for a in store.actors()} | {"pakistan-army"}
    assert next(r for r in actors if r["id"] == "pakistan")["country"] == "AF;PK"


def test_neo4j_import_files(store: FakeStore, expected: set, tmp_path: Path) -> None:
    out = tmp_path / "neo4j"
    export(store, "neo4j", out, timestamp=STAMP, today=TODAY)
    with (out / "nodes.csv").open(newline="") as f:
        nodes = list(csv.DictReader(f))
    with (out / "relationships.csv").open(newline="") as f:
        rels = list(csv.DictReader(f))
    assert {"id:ID", ":LABEL"} <= set(nodes[0])
    assert {":START_ID", ":END_ID", ":TYPE"} <= set(rels[0])
    ids = {n["id:ID"] for n in nodes}
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)
    assert {(r[":START_ID"], r["relation"], r[":END_ID"]) for r in rels} == expected
    assert {r[":TYPE"] for r in rels} >= {"SUPPORTS", "PART_OF", "COOPERATES_WITH"}
    assert next(n for n in nodes if n["id:ID"] == "isi")[":LABEL"] == "Actor;StateAgency"
    cypher = (out / "import.cypher").read_text()
    assert "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv'" in cypher
    assert "MERGE (s)-[r:SUPPORTS]->(o)" in cypher


def test_directory_format_refuses_a_stream(store: FakeStore) -> None:
    with pytest.raises(ExportError, match="E060"):
        export(store, "neo4j", io.StringIO())
    with pytest.raises(ExportError, match="Known: graphml"):
        export(store, "pdf", io.StringIO())


# ---------------------------------------------------------------- STIX 2.1

STIX_BASE = ("http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/"
             "schemas/")
# The reference copy holds the SDO/SRO schemas and core.json; the small common schemas they
# reference are not in it, so these stand in (same rules as the published ones).
STIX_COMMON = {
    "identifier.json": {"type": "string", "pattern": (
        "^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-"
        "[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$")},
    "timestamp.json": {"type": "string", "pattern": (
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$")},
    "properties.json": {"patternProperties": {
        "^[a-z][a-z0-9_]{0,245}_bin$": {"type": "string"},
        "^[a-z][a-z0-9_]{0,245}_hex$": {"type": "string"},
        "^([a-z][a-z0-9_]{2,249})|id$": {"anyOf": [
            {"type": "array", "minItems": 1}, {"type": "string"}, {"type": "integer"},
            {"type": "boolean"}, {"type": "number"}, {"type": "object"}]},
    }, "additionalProperties": False},
    "external-reference.json": {"type": "object", "required": ["source_name"],
                                "properties": {"source_name": {"type": "string"},
                                               "url": {"type": "string"},
                                               "external_id": {"type": "string"}}},
    "granular-marking.json": {"type": "object"},
    "extension.json": {"type": "object"},
}


def _stix_validators() -> dict[str, Any]:
    folder = REFERENCE / "stix21_schemas"
    if not folder.is_dir():
        pytest.skip("../shared/reference/stix21_schemas not present")
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    from referencing.jsonschema import DRAFT202012

    resources = []
    for name, schema in STIX_COMMON.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
        resources.append((STIX_BASE + "common/" + name, DRAFT202012.create_resource(schema)))
    schemas = {}
    for path in folder.glob("*.json"):
        schema = json.loads(path.read_text())
        resources.append((schema["$id"], DRAFT202012.create_resource(schema)))
        schemas[path.stem] = schema
    registry = referencing.Registry().with_resources(resources)
    validators = {name: jsonschema.Draft202012Validator(schema, registry=registry)
                  for name, schema in schemas.items()}
    # No identity.json in the reference copy: identities are checked against core.
    validators.setdefault("identity", validators["core"])
    return validators


def test_stix_bundle_validates_and_keeps_edges(store: FakeStore, expected: set,
                                               tmp_path: Path) -> None:
    validators = _stix_validators()
    path = _write(store, "stix", tmp_path)
    bundle = json.loads(path.read_text())
    assert bundle["type"] == "bundle" and bundle["id"].startswith("bundle--")
    objects = bundle["objects"]
    for obj in objects:
        errors = [e.message for e in validators[obj["type"]].iter_errors(obj)]
        assert not errors, (obj["id"], errors)
        validators["core"].validate(obj)
    by_id = {o["id"]: o for o in objects}
    assert len(by_id) == len(objects)
    kinds = {o["x_syndicate_id"]: o["type"] for o in objects if "x_syndicate_id" in o}
    assert kinds["haqqani-network"] == "threat-actor"
    assert kinds["pakistan"] == kinds["isi"] == kinds["united-nations"] == "identity"
    assert by_id[stix_id("threat-actor", "actor:haqqani-network")]["name"] == "Haqqani Network"
    rels = [o for o in objects if o["type"] == "relationship"]
    got = {(by_id[r["source_ref"]]["x_syndicate_id"], r["x_syndicate_relation"],
            by_id[r["target_ref"]]["x_syndicate_id"]) for r in rels}
    assert got == expected
    for r in rels:
        assert 0 <= r["confidence"] <= 100
        if "stop_time" in r:
            assert r["start_time"] < r["stop_time"]
    attacks = next(r for r in rels if r["x_syndicate_relation"] == "attacks")
    assert attacks["relationship_type"] == "targets"
    notes = [o for o in objects if o["type"] == "note"]
    assert len(notes) == len(list(store.iter_claims()))
    assert all(by_id[ref]["type"] == "relationship" for n in notes for ref in n["object_refs"])
    believed = next(n for n in notes if n["x_syndicate_claim"]["modality"] == "believed")
    assert believed["content"].startswith("lashkar-e-taiba cooperates_with")
    assert believed["authors"] == ["American and Nato officials"]


def test_stix_ids_are_deterministic(store: FakeStore) -> None:
    first, second = io.StringIO(), io.StringIO()
    export(store, "stix", first, timestamp=STAMP, today=TODAY)
    export(FakeStore(), "stix", second, timestamp=STAMP, today=TODAY)
    assert first.getvalue() == second.getvalue()


# ---------------------------------------------------------------- FollowTheMoney


def _ftm_schemata() -> dict[str, dict[str, Any]]:
    folder = REFERENCE / "ftm_schema"
    if not folder.is_dir():
        pytest.skip("../shared/reference/ftm_schema not present")
    out: dict[str, dict[str, Any]] = {}
    for path in folder.glob("*.yaml"):
        out.update(yaml.safe_load(path.read_text()))
    # Person.yaml is not in the reference copy; Person extends LegalEntity upstream.
    out.setdefault("Person", {"extends": ["LegalEntity"], "required": ["name"],
                              "properties": {}})
    return out


def _ancestry(schemata: dict[str, dict[str, Any]], name: str) -> list[str]:
    chain = [name]
    for parent in schemata.get(name, {}).get("extends", []):
        chain += _ancestry(schemata, parent)
    return chain


def test_ftm_entities_follow_the_schema(store: FakeStore, expected: set,
                                        tmp_path: Path) -> None:
    schemata = _ftm_schemata()
    lines = _write(store, "ftm", tmp_path).read_text().splitlines()
    entities = [json.loads(line) for line in lines]
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities)
    iso = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
    for entity in entities:
        schema = entity["schema"]
        assert schema in schemata and not schemata[schema].get("abstract"), schema
        chain = _ancestry(schemata, schema)
        props = {}
        for name in reversed(chain):
            props.update(schemata.get(name, {}).get("properties") or {})
        required = {r for name in chain for r in schemata.get(name, {}).get("required", [])}
        assert required <= set(entity["properties"]), (schema, required)
        for prop, values in entity["properties"].items():
            assert prop in props, (schema, prop)
            assert isinstance(values, list) and all(isinstance(v, str) for v in values)
            kind = props[prop].get("type")
            if kind == "date":
                assert all(iso.match(v) for v in values), (prop, values)
            if kind == "country":
                assert all(re.fullmatch(r"[a-z]{2}", v) for v in values), values
            if kind == "entity":
                for v in values:
                    assert v in by_id, (prop, v)
                    assert props[prop]["range"] in _ancestry(schemata, by_id[v]["schema"])
    names = {e["id"]: e["properties"].get("keywords", [None, None])[1] for e in entities
             if e["schema"] in ("Organization", "Person")}
    links = set()
    for e in entities:
        p = e["properties"]
        if e["schema"] == "Membership":
            links.add((names[p["member"][0]], p["role"][0], names[p["organization"][0]]))
        elif e["schema"] == "UnknownLink":
            links.add((names[p["subject"][0]], p["role"][0], names[p["object"][0]]))
    roles = {"leader": "leads", "member": "member_of"}
    assert {(s, roles.get(r, r), o) for s, r, o in links} == expected
    siraj = next(e for e in entities if e["schema"] == "Person")
    assert siraj["properties"]["name"] == ["Sirajuddin Haqqani"]
    leads = next(e for e in entities if e["properties"].get("role") == ["leader"])
    assert leads["schema"] == "Membership" and leads["properties"]["startDate"] == ["2018"]


def test_every_format_streams_to_a_text_stream(store: FakeStore) -> None:
    for fmt, cls in EXPORTERS.items():
        if cls.directory:
            continue
        out = io.StringIO()
        counts = export(store, fmt, out, timestamp=STAMP, today=TODAY)
        assert out.getvalue(), fmt
        assert counts["claims"] == len(store._claims) and counts["edges"] > 0
