"""Exports of hostile names and sentences open everywhere: XML without the characters XML 1.0
forbids, CSV cells a spreadsheet would run neutralised (unless asked not to)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from syndicate.export import EXPORTERS, export, safe_cell

from .test_export import FakeStore, actor, claim

HOSTILE_NAMES = {
    "ctrl-group": "Black\x01Banner\x1b[31m Brigade\x0b\x0c\x7f",
    "formula-group": "=HYPERLINK(\"http://evil\",\"x\")",
    "plus-group": "+1+cmd|' /C calc'!A0",
    "minus-group": "-2+3",
    "at-group": "@SUM(1+1)",
    "rtl-group": "\u202eTNORF\u202c Front\u200b\u200d\ufeff",
    "nonchar-group": "Odd\ufffe\uffff Group \U0001f600",
}


class HostileStore(FakeStore):
    def __init__(self) -> None:
        super().__init__()
        for actor_id, name in HOSTILE_NAMES.items():
            self._actors.append(actor(actor_id, name=name, aliases=[name, "=1+1"]))
        for n, actor_id in enumerate(HOSTILE_NAMES):
            c = claim(actor_id, "fights", "afghan-taliban", doc="h1", start=1000 + n)
            c["sentence"] = f"=cmd {HOSTILE_NAMES[actor_id]} fought\x00 the Taliban\x08."
            c["attribution"] = "@officials\x02"
            self._claims.append(c)


def _export(fmt: str, tmp_path: Path, **options) -> Path:
    out = tmp_path / (fmt if EXPORTERS[fmt].directory else f"map.{fmt}")
    export(HostileStore(), fmt, str(out), timestamp="2024-01-01T00:00:00.000Z",
           today="2021-01-01", **options)
    return out


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_with_control_characters_are_well_formed(fmt, tmp_path):
    out = _export(fmt, tmp_path)
    etree.parse(str(out))  # raises on a character XML 1.0 forbids
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert "ctrl-group" in graph
    label = graph.nodes["ctrl-group"].get("label") or graph.nodes["ctrl-group"].get("name")
    assert label.startswith("BlackBanner[31m Brigade")
    assert "\u202e" in graph.nodes["rtl-group"].get("name", graph.nodes["rtl-group"]
                                                       .get("label", ""))


@pytest.mark.parametrize("fmt", ["csv-actors", "csv-claims", "csv-edges"])
def test_csv_cells_a_spreadsheet_would_run_are_neutralised(fmt, tmp_path):
    with _export(fmt, tmp_path).open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    if fmt == "csv-actors":
        assert "'=HYPERLINK(\"http://evil\",\"x\")" in cells


def test_neo4j_csvs_are_neutralised_and_ids_kept(tmp_path):
    folder = _export("neo4j", tmp_path)
    with (folder / "nodes.csv").open(newline="", encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    names = {row["id:ID"]: row["name"] for row in nodes}
    assert names["formula-group"].startswith("'=") and names["at-group"].startswith("'@")
    with (folder / "relationships.csv").open(newline="", encoding="utf-8") as fh:
        ends = {row[":START_ID"] for row in csv.DictReader(fh)} | set()
    with (folder / "relationships.csv").open(newline="", encoding="utf-8") as fh:
        ends |= {row[":END_ID"] for row in csv.DictReader(fh)}
    assert "formula-group" in ends  # ids are slugs, never altered


def test_csv_raw_keeps_values_for_machine_consumers(tmp_path):
    with _export("csv-actors", tmp_path, csv_safe=False).open(newline="", encoding="utf-8") as f:
        names = {row["id"]: row["name"] for row in csv.DictReader(f)}
    assert names["formula-group"] == HOSTILE_NAMES["formula-group"]
    assert safe_cell(-1.5) == -1.5 and safe_cell("-x") == "'-x"


@pytest.mark.parametrize("fmt", ["json", "stix", "ftm"])
def test_json_exports_of_hostile_names_read_back(fmt, tmp_path):
    text = _export(fmt, tmp_path).read_text("utf-8")
    if fmt == "ftm":
        entities = [json.loads(line) for line in text.splitlines()]
        assert any("Black\x01Banner" in e["properties"].get("name", [""])[0] for e in entities)
    else:
        data = json.loads(text)
        if fmt == "json":
            graph = nx.node_link_graph(data, edges="edges")
            assert "formula-group" in graph
        else:
            assert data["type"] == "bundle"
