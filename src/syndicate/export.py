"""Exports: the map in the tools analysts already use, written as a stream.

One class per format. ``export()`` feeds each exporter in a fixed order -- every actor,
then every claim, then actors only known from claims, then every edge -- and calls
``finalize()``. Claims stream straight through; edges are aggregated on the way
(``graph.EdgeAccumulator``: memory grows with edges, not claims).

Formats: graphml, gexf (Gephi, with time), json (node-link), csv-claims, csv-edges,
csv-actors, neo4j (a directory for ``neo4j-admin import`` plus a LOAD CSV script),
stix (STIX 2.1 bundle), ftm (FollowTheMoney entities, JSON lines).
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import re
import tempfile
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, ClassVar, Literal, Protocol, TextIO
from xml.sax.saxutils import escape, quoteattr

from .dedup import store_clusters
from .errors import ExportError
from .graph import DateLike, Edge, EdgeAccumulator, edge_key, edge_span

__all__ = ["EXPORTERS", "ExportError", "Exporter", "StoreLike", "export"]

log = logging.getLogger(__name__)


class StoreLike(Protocol):
    """What exports read: the store, or anything shaped like it."""

    def iter_claims(self) -> Iterator[dict[str, Any]]: ...

    def actors(self) -> list[dict[str, Any]]: ...

    def documents(self) -> list[dict[str, Any]]: ...


# ---------------------------------------------------------------- shared rows


def _join(values: Any) -> str:
    if not values:
        return ""
    if isinstance(values, str):
        return values
    return ";".join(str(v).replace(";", ",") for v in values)


def _actor_row(actor: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": actor["id"],
        "name": actor.get("name") or actor["id"],
        "kind": actor.get("kind") or "other",
        "region": actor.get("region"),
        "country": _join(actor.get("country")),
        "aliases": _join(actor.get("aliases")),
        "parent": actor.get("parent"),
        "wikidata": actor.get("wikidata"),
        "provisional": bool(actor.get("provisional")),
    }


def _edge_id(edge: Edge) -> str:
    return f"{edge.subject}|{edge.relation}|{edge.object}"


def _edge_row(edge: Edge) -> dict[str, Any]:
    start, end = edge_span(edge)
    row = edge.to_json()
    row.update(id=_edge_id(edge), source=edge.subject, target=edge.object,
               label=edge.relation, weight=edge.confidence, start=start, end=end)
    return row


ACTOR_COLUMNS = ("id", "name", "kind", "region", "country", "aliases", "parent", "wikidata",
                 "provisional")
EDGE_COLUMNS = ("source", "target", "relation", "directed", "status", "confidence",
                "first_seen", "last_seen", "first_affirmed", "last_affirmed", "until", "start",
                "end", "n_claims", "n_documents", "n_sources", "n_affirmed_sources",
                "n_opposing_sources", "polarity", "modality", "curated")
CLAIM_COLUMNS = ("id", "doc", "source", "published", "subject", "subject_text", "relation",
                 "object", "object_text", "polarity", "modality", "attribution", "time",
                 "time_precision", "time_source", "until", "curated", "trigger", "extractor",
                 "confidence", "start", "end", "sentence")


def _claim_row(claim: Mapping[str, Any]) -> dict[str, Any]:
    t = claim.get("time") or {}
    return {
        "id": claim.get("id"), "doc": claim.get("doc"), "source": claim.get("source"),
        "published": claim.get("published"), "subject": claim["subject"]["id"],
        "subject_text": claim["subject"].get("text"), "relation": claim["relation"],
        "object": claim["object"]["id"], "object_text": claim["object"].get("text"),
        "polarity": claim.get("polarity"), "modality": claim.get("modality"),
        "attribution": claim.get("attribution"), "time": t.get("value"),
        "time_precision": t.get("precision"), "time_source": t.get("source"),
        "until": claim.get("until"), "curated": bool(claim.get("curated")),
        "trigger": claim.get("trigger"), "extractor": claim.get("extractor"),
        "confidence": claim.get("confidence"), "start": claim.get("start"),
        "end": claim.get("end"), "sentence": claim.get("sentence"),
    }


# ---------------------------------------------------------------- exporters


class Exporter:
    """Base: override what the format needs. ``out`` is a text stream (or a directory)."""

    name: ClassVar[str] = ""
    directory: ClassVar[bool] = False

    def __init__(self, out: Any, *, timestamp: str | None = None,
                 csv_safe: bool = True) -> None:
        self.out = out
        self.timestamp = timestamp or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        self.csv_safe = csv_safe  # CSV formats: neutralise cells a spreadsheet would run

    def write_actor(self, actor: Mapping[str, Any]) -> None:
        """One actor; all come before the first edge."""

    def write_claim(self, claim: Mapping[str, Any]) -> None:
        """One claim, as it streams from the store."""

    def write_edge(self, edge: Edge) -> None:
        """One aggregated edge."""

    def finalize(self) -> None:
        """Close whatever the format left open."""


class _CsvExporter(Exporter):
    """One CSV table; subclasses name the columns and which items become rows."""

    columns: tuple[str, ...] = ()
    extrasaction: Literal["raise", "ignore"] = "raise"

    def __init__(self, out: TextIO, **options: Any) -> None:
        super().__init__(out, **options)
        self.writer = csv.DictWriter(out, fieldnames=self.columns,
                                     extrasaction=self.extrasaction,
                                     lineterminator="\n")
        self.writer.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> None:
        if self.csv_safe:
            row = {key: safe_cell(value) for key, value in row.items()}
        self.writer.writerow(row)


class CsvActorsExporter(_CsvExporter):
    name = "csv-actors"
    columns = ACTOR_COLUMNS

    def write_actor(self, actor: Mapping[str, Any]) -> None:
        self.writerow(_actor_row(actor))


class CsvEdgesExporter(_CsvExporter):
    name = "csv-edges"
    columns = EDGE_COLUMNS
    extrasaction = "ignore"

    def write_edge(self, edge: Edge) -> None:
        self.writerow(_edge_row(edge))


class CsvClaimsExporter(_CsvExporter):
    name = "csv-claims"
    columns = CLAIM_COLUMNS

    def write_claim(self, claim: Mapping[str, Any]) -> None:
        self.writerow(_claim_row(claim))


class JsonExporter(Exporter):
    """Node-link JSON (``networkx.node_link_graph(data, edges="edges")`` reads it)."""

    name = "json"

    def __init__(self, out: TextIO, **options: Any) -> None:
        super().__init__(out, **options)
        out.write('{"directed": true, "multigraph": true, "graph": '
                  + json.dumps({"name": "syndicate", "generated": self.timestamp})
                  + ', "nodes": [')
        self.n_nodes = 0
        self.n_edges = 0
        self.in_nodes = True

    def write_actor(self, actor: Mapping[str, Any]) -> None:
        node = dict(actor)
        self.out.write((",\n" if self.n_nodes else "\n")
                       + json.dumps(node, ensure_ascii=False, default=str))
        self.n_nodes += 1

    def _close_nodes(self) -> None:
        if self.in_nodes:
            self.out.write('\n], "edges": [')
            self.in_nodes = False

    def write_edge(self, edge: Edge) -> None:
        self._close_nodes()
        row = edge.to_json(evidence=True, claims=True)
        start, end = edge_span(edge)
        row = {"source": row.pop("subject"), "target": row.pop("object"),
               "key": edge.relation, **row, "start": start, "end": end}
        self.out.write((",\n" if self.n_edges else "\n")
                       + json.dumps(row, ensure_ascii=False, default=str))
        self.n_edges += 1

    def finalize(self) -> None:
        self._close_nodes()
        self.out.write("\n]}\n")


_NODE_ATTRS = (("name", "string"), ("kind", "string"), ("region", "string"),
               ("country", "string"), ("aliases", "string"), ("parent", "string"),
               ("wikidata", "string"), ("provisional", "boolean"))
_EDGE_ATTRS = (("relation", "string"), ("directed", "boolean"), ("status", "string"),
               ("confidence", "double"), ("first_seen", "string"), ("last_seen", "string"),
               ("first_affirmed", "string"), ("last_affirmed", "string"), ("until", "string"),
               ("n_claims", "int"), ("n_documents", "int"), ("n_sources", "int"),
               ("n_affirmed_sources", "int"), ("n_opposing_sources", "int"),
               ("polarity", "string"), ("modality", "string"), ("curated", "boolean"),
               ("claims", "string"))


def _xml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " ".join(map(str, value))
    return str(value)


# Characters XML 1.0 forbids anywhere, even escaped: C0 controls but tab, newline and
# carriage return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: Any) -> str:
    """``value`` as XML character data: escaped, and without the characters XML 1.0
    forbids (a name or sentence with a control character would make the file unreadable)."""
    return escape(_NOT_XML.sub("", _xml_value(value)))


def xml_attr(value: Any) -> str:
    """``value`` as a quoted XML attribute, without the characters XML 1.0 forbids."""
    return quoteattr(_NOT_XML.sub("", _xml_value(value)))


# OWASP CSV injection: a cell starting with one of these runs as a formula in a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a leading ' before a formula character."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _same(value: Any) -> Any:
    return value


class GraphmlExporter(Exporter):
    """GraphML; edges carry ``start``/``end`` (ISO days) for Gephi's timeline."""

    name = "graphml"
    _EXTRA = (("label", "string"), ("start", "string"), ("end", "string"),
              ("weight", "double"))

    def __init__(self, out: TextIO, **options: Any) -> None:
        super().__init__(out, **options)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                  'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                  'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for name, kind in (("label", "string"), *_NODE_ATTRS):
            out.write(f'  <key id="n_{name}" for="node" attr.name="{name}" '
                      f'attr.type="{kind}"/>\n')
        for name, kind in (*_EDGE_ATTRS, *self._EXTRA):
            out.write(f'  <key id="e_{name}" for="edge" attr.name="{name}" '
                      f'attr.type="{kind}"/>\n')
        out.write('  <graph id="syndicate" edgedefault="directed">\n')

    def _data(self, prefix: str, names: Any, row: Mapping[str, Any]) -> str:
        cells = []
        for name, _ in names:
            value = row.get(name)
            if value is None or value == "" or value == []:
                continue
            cells.append(f'<data key="{prefix}_{name}">{xml_text(value)}</data>')
        return "".join(cells)

    def write_actor(self, actor: Mapping[str, Any]) -> None:
        row = _actor_row(actor)
        row["label"] = row["name"]
        data = self._data("n", (("label", ""), *_NODE_ATTRS), row)
        self.out.write(f"    <node id={xml_attr(row['id'])}>{data}</node>\n")

    def write_edge(self, edge: Edge) -> None:
        row = _edge_row(edge)
        row["claims"] = edge.claims
        data = self._data("e", (*_EDGE_ATTRS, *self._EXTRA), row)
        self.out.write(f"    <edge id={xml_attr(row['id'])} source={xml_attr(edge.subject)} "
                       f"target={xml_attr(edge.object)}>{data}</edge>\n")

    def finalize(self) -> None:
        self.out.write("  </graph>\n</graphml>\n")


_GEXF_TYPES = MappingProxyType({"string": "string", "boolean": "boolean", "double": "double",
                                "int": "integer"})


class GexfExporter(Exporter):
    """GEXF 1.2, ``mode="dynamic"``: each edge has start (and, once it ended or faded,
    end) ISO days, so Gephi's timeline plays the map over time."""

    name = "gexf"

    def __init__(self, out: TextIO, **options: Any) -> None:
        super().__init__(out, **options)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
                  f'  <meta lastmodifieddate="{self.timestamp[:10]}">'
                  '<creator>syndicate</creator></meta>\n'
                  '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n')
        for cls, attrs in (("node", _NODE_ATTRS), ("edge", _EDGE_ATTRS)):
            out.write(f'    <attributes class="{cls}" mode="static">\n')
            for name, kind in attrs:
                out.write(f'      <attribute id="{name}" title="{name}" '
                          f'type="{_GEXF_TYPES[kind]}"/>\n')
            out.write("    </attributes>\n")
        out.write("    <nodes>\n")
        self.in_nodes = True

    @staticmethod
    def _attvalues(names: Any, row: Mapping[str, Any]) -> str:
        cells = []
        for name, _ in names:
            value = row.get(name)
            if value is None or value == "" or value == []:
                continue
            cells.append(f"<attvalue for={quoteattr(name)} value={xml_attr(value)}/>")
        return f"<attvalues>{''.join(cells)}</attvalues>" if cells else ""

    def write_actor(self, actor: Mapping[str, Any]) -> None:
        row = _actor_row(actor)
        self.out.write(f"      <node id={xml_attr(row['id'])} label={xml_attr(row['name'])}>"
                       f"{self._attvalues(_NODE_ATTRS, row)}</node>\n")

    def _close_nodes(self) -> None:
        if self.in_nodes:
            self.out.write("    </nodes>\n    <edges>\n")
            self.in_nodes = False

    def write_edge(self, edge: Edge) -> None:
        self._close_nodes()
        row = _edge_row(edge)
        row["claims"] = edge.claims
        when = "".join(f" {k}={xml_attr(row[k])}" for k in ("start", "end") if row[k])
        self.out.write(f"      <edge id={xml_attr(row['id'])} source={xml_attr(edge.subject)} "
                       f"target={xml_attr(edge.object)} label={xml_attr(edge.relation)} "
                       f'weight="{edge.confidence}"{when}>'
                       f"{self._attvalues(_EDGE_ATTRS, row)}</edge>\n")

    def finalize(self) -> None:
        self._close_nodes()
        self.out.write("    </edges>\n  </graph>\n</gexf>\n")


def _label(kind: str) -> str:
    return "".join(part.title() for part in kind.split("_")) if kind else "Other"


class Neo4jExporter(Exporter):
    """A directory: ``nodes.csv`` and ``relationships.csv`` with ``neo4j-admin database
    import`` headers, and ``import.cypher`` that loads the same files with LOAD CSV."""

    name = "neo4j"
    directory = True
    NODE_HEADER = ("id:ID", "name", "kind", "region", "country:string[]", "aliases:string[]",
                   "parent", "wikidata", "provisional:boolean", ":LABEL")
    REL_HEADER = (":START_ID", ":END_ID", ":TYPE", "relation", "directed:boolean", "status",
                  "confidence:float", "first_seen", "last_seen", "start", "end", "until",
                  "n_claims:int", "n_documents:int", "n_sources:int",
                  "n_affirmed_sources:int", "n_opposing_sources:int", "polarity", "modality",
                  "curated:boolean")

    def __init__(self, out: Path, **options: Any) -> None:
        super().__init__(out, **options)
        self.dir = Path(out)
        self.dir.mkdir(parents=True, exist_ok=True)
        self._nodes = (self.dir / "nodes.csv").open("w", encoding="utf-8", newline="")
        self._rels = (self.dir / "relationships.csv").open("w", encoding="utf-8", newline="")
        self.nodes = csv.writer(self._nodes, lineterminator="\n")
        self.rels = csv.writer(self._rels, lineterminator="\n")
        self.nodes.writerow(self.NODE_HEADER)
        self.rels.writerow(self.REL_HEADER)
        self.kinds: set[str] = set()
        self.types: set[str] = set()

    def write_actor(self, actor: Mapping[str, Any]) -> None:
        row = _actor_row(actor)
        self.kinds.add(row["kind"])
        cell = safe_cell if self.csv_safe else _same
        self.nodes.writerow([row["id"], cell(row["name"]), row["kind"], cell(row["region"] or ""),
                             cell(row["country"]), cell(row["aliases"]),
                             cell(row["parent"] or ""), cell(row["wikidata"] or ""),
                             str(row["provisional"]).lower(), f"Actor;{_label(row['kind'])}"])

    def write_edge(self, edge: Edge) -> None:
        row = _edge_row(edge)
        rel_type = edge.relation.upper()
        self.types.add(rel_type)
        self.rels.writerow([
            edge.subject, edge.object, rel_type, edge.relation, str(edge.directed).lower(),
            edge.status, edge.confidence, edge.first_seen or "", edge.last_seen or "",
            row["start"] or "", row["end"] or "", edge.until or "", edge.n_claims,
            edge.n_documents, edge.n_sources, edge.n_affirmed_sources,
            edge.n_opposing_sources, edge.polarity, edge.modality, str(edge.curated).lower(),
        ])

    def finalize(self) -> None:
        self._nodes.close()
        self._rels.close()
        (self.dir / "import.cypher").write_text(self._cypher(), encoding="utf-8")

    def _cypher(self) -> str:
        lines = [
            "// Load with: cypher-shell -f import.cypher (nodes.csv and relationships.csv in",
            "// the server's import directory). Or, into an empty database:",
            "//   neo4j-admin database import full --nodes=nodes.csv "
            "--relationships=relationships.csv neo4j",
            "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;",
            "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row",
            "MERGE (a:Actor {id: row.`id:ID`})",
            "SET a.name = row.name, a.kind = row.kind, a.region = row.region,",
            "    a.country = CASE row.`country:string[]` WHEN '' THEN [] "
            "ELSE split(row.`country:string[]`, ';') END,",
            "    a.aliases = CASE row.`aliases:string[]` WHEN '' THEN [] "
            "ELSE split(row.`aliases:string[]`, ';') END,",
            "    a.parent = row.parent, a.wikidata = row.wikidata,",
            "    a.provisional = row.`provisional:boolean` = 'true';",
        ]
        for kind in sorted(self.kinds):
            lines.append(f"MATCH (a:Actor {{kind: '{kind}'}}) SET a:{_label(kind)};")
        for rel_type in sorted(self.types):
            lines += [
                "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row",
                f"WITH row WHERE row.`:TYPE` = '{rel_type}'",
                "MATCH (s:Actor {id: row.`:START_ID`}), (o:Actor {id: row.`:END_ID`})",
                f"MERGE (s)-[r:{rel_type}]->(o)",
                "SET r.relation = row.relation, r.directed = row.`directed:boolean` = 'true',",
                "    r.status = row.status, r.confidence = toFloat(row.`confidence:float`),",
                "    r.first_seen = row.first_seen, r.last_seen = row.last_seen,",
                "    r.start = row.start, r.end = row.end, r.until = row.until,",
                "    r.n_claims = toInteger(row.`n_claims:int`),",
                "    r.n_documents = toInteger(row.`n_documents:int`),",
                "    r.n_sources = toInteger(row.`n_sources:int`),",
                "    r.polarity = row.polarity, r.modality = row.modality,",
                "    r.curated = row.`curated:boolean` = 'true';",
            ]
        return "\n".join(lines) + "\n"


# STIX ids: uuid5 in Syndicate's own namespace, of the actor id / edge key / claim id.
STIX_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/syndicate/stix")
_STIX_RELATIONSHIP = MappingProxyType({"attacks": "targets"})
_IDENTITY_KINDS = MappingProxyType({
    "state": ("organization", ["government-national"]),
    "state_agency": ("organization", ["government-national"]),
    "state_forces": ("organization", ["government-national", "defense"]),
    "intl_org": ("organization", ["government-regional"]),
    "other": ("unknown", None),
})


def stix_type(kind: str | None) -> str:
    """STIX object type of an actor kind: threat-actor for armed groups and people."""
    return "identity" if kind in _IDENTITY_KINDS else "threat-actor"


def stix_id(stix_object_type: str, key: str) -> str:
    return f"{stix_object_type}--{uuid.uuid5(STIX_NAMESPACE, key)}"


def _stix_time(iso_day: str | None, *, end: bool = False) -> str | None:
    if not iso_day:
        return None
    return f"{iso_day}T23:59:59.999Z" if end else f"{iso_day}T00:00:00.000Z"


class StixExporter(Exporter):
    """A STIX 2.1 bundle: identity (states, agencies, forces, international organisations)
    and threat-actor (armed groups, people) objects; one relationship per edge with
    start_time/stop_time and confidence 0-100; one note per claim carrying its sentence,
    attached to its relationship. Ids are uuid5 of actor id, edge key and claim id."""

    name = "stix"

    def __init__(self, out: TextIO, **options: Any) -> None:
        super().__init__(out, **options)
        out.write('{"type": "bundle", "objects": [')
        self.n = 0
        self.digest = hashlib.sha1()
        self.refs: dict[str, str] = {}

    def _emit(self, obj: dict[str, Any]) -> None:
        obj = {"type": obj["type"], "spec_version": "2.1", "id": obj["id"],
               "created": self.timestamp, "modified": self.timestamp, **obj}
        self.digest.update(obj["id"].encode())
        self.out.write((",\n" if self.n else "\n") + json.dumps(obj, ensure_ascii=False))
        self.n += 1

    def _ref(self, actor_id: str) -> str:
        return self.refs.get(actor_id) or stix_id("threat-actor", f"actor:{actor_id}")

    def write_actor(self, actor: Mapping[str, Any]) -> None:
        row = _actor_row(actor)
        kind = row["kind"]
        typ = stix_type(kind)
        ref = stix_id(typ, f"actor:{row['id']}")
        self.refs[row["id"]] = ref
        obj: dict[str, Any] = {"type": typ, "id": ref, "name": row["name"],
                               "labels": [kind], "x_syndicate_id": row["id"]}
        aliases = list(actor.get("aliases") or [])
        if typ == "identity":
            identity_class, sectors = _IDENTITY_KINDS[kind]
            obj["identity_class"] = identity_class
            if sectors:
                obj["sectors"] = sectors
        else:
            if aliases:
                obj["aliases"] = aliases
            if kind == "person":
                obj["resource_level"] = "individual"
        if actor.get("wikidata"):
            obj["external_references"] = [{
                "source_name": "wikidata", "external_id": actor["wikidata"],
                "url": f"https://www.wikidata.org/wiki/{actor['wikidata']}"}]
        if row["country"]:
            obj["x_syndicate_country"] = row["country"].split(";")
        self._emit(obj)

    def write_claim(self, claim: Mapping[str, Any]) -> None:
        s, rel, o = edge_key(claim)
        sentence = claim.get("sentence") or "(curated dictionary fact)"
        t = claim.get("time") or {}
        abstract = (f"{claim['subject']['id']} {claim['relation']} {claim['object']['id']} "
                    f"({claim.get('polarity', 'affirmed')}, {claim.get('modality', 'asserted')})")
        note: dict[str, Any] = {
            "type": "note", "id": stix_id("note", f"claim:{claim.get('id')}"),
            "abstract": abstract, "content": sentence,
            "object_refs": [stix_id("relationship", f"edge:{s}|{rel}|{o}")],
            "x_syndicate_claim": {
                "id": claim.get("id"), "doc": claim.get("doc"), "start": claim.get("start"),
                "end": claim.get("end"), "polarity": claim.get("polarity"),
                "modality": claim.get("modality"), "time": t.get("value"),
                "time_precision": t.get("precision"), "trigger": claim.get("trigger"),
                "extractor": claim.get("extractor"),
            },
        }
        if claim.get("attribution"):
            note["authors"] = [claim["attribution"]]
        if claim.get("confidence") is not None:
            note["confidence"] = max(0, min(100, round(float(claim["confidence"]) * 100)))
        source = claim.get("source")
        if source or claim.get("doc"):
            ref: dict[str, Any] = {"source_name": source or "syndicate-document"}
            if claim.get("doc"):
                ref["external_id"] = claim["doc"]
            if source and source.startswith(("http://", "https://")):
                ref["url"] = source
            note["external_references"] = [ref]
        self._emit(note)

    def write_edge(self, edge: Edge) -> None:
        start, end = edge_span(edge)
        rel: dict[str, Any] = {
            "type": "relationship",
            "id": stix_id("relationship", f"edge:{_edge_id(edge)}"),
            "relationship_type": _STIX_RELATIONSHIP.get(
                edge.relation, edge.relation.replace("_", "-")),
            "source_ref": self._ref(edge.subject), "target_ref": self._ref(edge.object),
            "confidence": max(0, min(100, round(edge.confidence * 100))),
            "description": (f"{edge.subject} {edge.relation} {edge.object}: {edge.status}, "
                            f"{edge.n_affirmed_sources} independent source(s) for, "
                            f"{edge.n_opposing_sources} against"),
            "x_syndicate_relation": edge.relation, "x_syndicate_status": edge.status,
            "x_syndicate_directed": edge.directed, "x_syndicate_curated": edge.curated,
            "x_syndicate_n_sources": edge.n_sources,
            "x_syndicate_first_seen": edge.first_seen, "x_syndicate_last_seen": edge.last_seen,
        }
        if start:
            rel["start_time"] = _stix_time(start)
        if end and (not start or end >= start):
            rel["stop_time"] = _stix_time(end, end=True)
        self._emit({k: v for k, v in rel.items() if v is not None})

    def finalize(self) -> None:
        bundle = uuid.uuid5(STIX_NAMESPACE, f"bundle:{self.digest.hexdigest()}")
        self.out.write(f'\n], "id": "bundle--{bundle}"}}\n')


def ftm_id(*parts: str) -> str:
    """Deterministic FollowTheMoney entity id (sha1 of the parts)."""
    return hashlib.sha1("\x1f".join(("syndicate", *parts)).encode()).hexdigest()


_MEMBERSHIP_ROLES = MappingProxyType({"leads": "leader", "member_of": "member"})


class FtmExporter(Exporter):
    """FollowTheMoney entities as JSON lines: Organization / Person for actors, Membership
    for leads and member_of, UnknownLink (role = relation) for the rest; Interval
    startDate/endDate keep the precision the claims had."""

    name = "ftm"

    def __init__(self, out: TextIO, **options: Any) -> None:
        super().__init__(out, **options)
        self.kinds: dict[str, str] = {}

    def _emit(self, entity_id: str, schema: str, props: Mapping[str, Any]) -> None:
        properties = {}
        for key, value in props.items():
            values = value if isinstance(value, list) else [value]
            values = [str(v) for v in values if v not in (None, "")]
            if values:
                properties[key] = values
        self.out.write(json.dumps({"id": entity_id, "schema": schema,
                                   "properties": properties}, ensure_ascii=False) + "\n")

    def write_actor(self, actor: Mapping[str, Any]) -> None:
        kind = actor.get("kind") or "other"
        self.kinds[actor["id"]] = kind
        schema = "Person" if kind == "person" else "Organization"
        props: dict[str, Any] = {
            "name": actor.get("name") or actor["id"],
            "alias": list(actor.get("aliases") or []),
            "country": [c.lower() for c in actor.get("country") or []],
            "wikidataId": actor.get("wikidata"),
            "keywords": [kind, actor["id"]],
        }
        if schema == "Organization":
            props["classification"] = kind
        self._emit(ftm_id("actor", actor["id"]), schema, props)

    def write_edge(self, edge: Edge) -> None:
        start_value = edge.first_affirmed or edge.first_seen
        if edge.status == "active":
            end_value = None
        elif edge.status == "ended":
            end_value = edge.until
        else:
            end_value = edge.last_affirmed or edge.last_seen
        summary = (f"{edge.subject} {edge.relation} {edge.object} ({edge.status}, "
                   f"confidence {edge.confidence}, {edge.n_sources} independent sources)")
        evidence = [c.get("sentence") for c in edge.evidence if c.get("sentence")]
        urls = sorted({c["source"] for c in edge.evidence
                       if str(c.get("source") or "").startswith(("http://", "https://"))})
        common = {"startDate": start_value, "endDate": end_value, "summary": summary,
                  "description": evidence, "status": edge.status,
                  "recordId": _edge_id(edge), "sourceUrl": urls}
        subject, obj = ftm_id("actor", edge.subject), ftm_id("actor", edge.object)
        entity_id = ftm_id("edge", _edge_id(edge))
        role = _MEMBERSHIP_ROLES.get(edge.relation)
        if role and self.kinds.get(edge.object) != "person":
            self._emit(entity_id, "Membership",
                       {"member": subject, "organization": obj, "role": role, **common})
        else:
            self._emit(entity_id, "UnknownLink",
                       {"subject": subject, "object": obj, "role": edge.relation, **common})


EXPORTERS: Mapping[str, type[Exporter]] = MappingProxyType({
    cls.name: cls for cls in (
        GraphmlExporter, GexfExporter, JsonExporter, CsvClaimsExporter, CsvEdgesExporter,
        CsvActorsExporter, Neo4jExporter, StixExporter, FtmExporter,
    )
})


@contextmanager
def _target(out: str | Path | IO[str], *, directory: bool) -> Iterator[Any]:
    """Where an exporter writes. A file is written beside its final name and moved into
    place only when complete, so a failed export never leaves half a file or destroys the
    previous one."""
    if directory:
        if not isinstance(out, str | Path) or str(out) == "-":
            raise ExportError("This format writes a directory: give a path with -o DIR.")
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            raise ExportError(f"{folder} is a file, and this format writes a folder: give a "
                              "new or existing folder with -o DIR.")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"cannot create the folder {folder}: "
                              f"{exc.strerror or exc}") from exc
        yield folder
        return
    if not isinstance(out, str | Path):
        yield out
        return
    path = Path(out)
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give a file name with -o, e.g. "
                          f"{path / 'map.export'}")
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist: create it first, or "
                          "write elsewhere with -o")
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below)
            "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.",
            suffix=".part", delete=False)
    except OSError as exc:
        raise ExportError(f"cannot write in {path.parent}: {exc.strerror or exc}") from exc
    try:
        with handle:
            yield handle
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def export(
    store: StoreLike,
    fmt: str,
    out: str | Path | IO[str],
    *,
    clusters: Mapping[str, str] | None = None,
    timestamp: str | None = None,
    csv_safe: bool = True,
    fade_days: int = 730,
    today: DateLike = None,
) -> dict[str, Any]:
    """Write the store's map in format ``fmt`` to ``out`` (a path, or a text stream).

    ``clusters`` (doc id -> near-duplicate cluster) default to the store's own or are
    computed from its documents. ``timestamp`` fixes STIX created/modified (default now).
    ``csv_safe`` (default) prefixes CSV cells that a spreadsheet would run as a formula
    (``=``, ``+``, ``-``, ``@``) with ``'``; turn it off for machine consumers.
    Returns counts of what was written.
    """
    try:
        cls = EXPORTERS[fmt]
    except KeyError:
        raise ExportError(f"Unknown export format '{fmt}'. Known: {', '.join(EXPORTERS)}.")\
            from None
    if clusters is None:
        clusters = store_clusters(store)
    counts: dict[str, Any] = {"format": fmt, "actors": 0, "claims": 0, "edges": 0}
    with _target(out, directory=cls.directory) as target:
        exporter = cls(target, timestamp=timestamp, csv_safe=csv_safe)
        known: set[str] = set()
        for actor in store.actors():
            exporter.write_actor(actor)
            known.add(actor["id"])
            counts["actors"] += 1
        acc = EdgeAccumulator(clusters=clusters)
        unknown: dict[str, str] = {}
        for claim in store.iter_claims():
            acc.add(claim)
            exporter.write_claim(claim)
            counts["claims"] += 1
            for arg in (claim["subject"], claim["object"]):
                if arg["id"] not in known and arg["id"] not in unknown:
                    unknown[arg["id"]] = arg.get("text") or arg["id"]
        for actor_id in sorted(unknown):
            # Claims may name actors the store does not list (e.g. unreviewed candidates).
            kind = "armed_group" if actor_id.startswith("candidate:") else "other"
            exporter.write_actor({"id": actor_id, "name": unknown[actor_id], "kind": kind,
                                  "provisional": True, "aliases": [], "country": []})
            counts["actors"] += 1
        for edge in acc.edges(fade_days=fade_days, today=today):
            exporter.write_edge(edge)
            counts["edges"] += 1
        exporter.finalize()
    log.info("exported %(actors)d actors, %(claims)d claims, %(edges)d edges as %(format)s",
             counts)
    return counts
