"""One stage contract: every stage is a registered, versioned ``stage(doc, ctx) -> doc``."""

from __future__ import annotations

import pytest

from syndicate.errors import StageError
from syndicate.model import RawDocument
from syndicate.pipeline import Pipeline
from syndicate.stages import STAGES, Document, get_stage, run

TEXT = ("Islamabad, March 3, 2021. Officials said the Haqqani network works with "
        "Lashkar-e-Taiba in 2019.")


def test_the_pipeline_is_the_list_of_registered_stages(pipeline):
    assert pipeline.stage_names == ["clean.v1", "date.v1", "segment.v1", "recognize.v1",
                                    "limits_resolve.v1", "resolve.v1", "limits_relate.v1",
                                    "relate.v1", "event_time.v1", "blanket_denials.v1"]
    assert set(pipeline.stage_names) <= set(STAGES)
    assert all(name.rpartition(".v")[2].isdigit() for name in STAGES)


def test_the_extractor_chooses_the_relate_stages(dictionary):
    from syndicate.pipeline import Pipeline

    hybrid = Pipeline(dictionary, extractor="hybrid").stage_names
    assert hybrid[hybrid.index("relate.v1") + 1] == "relate_pairs.v1"
    learned = Pipeline(dictionary, extractor="model").stage_names
    assert "relate_pairs.v1" in learned and "relate.v1" not in learned


def test_an_unknown_stage_is_a_coded_error():
    with pytest.raises(StageError, match=r"\[E013\] Unknown stage 'relate.v9'. Known: clean"):
        get_stage("relate.v9")


def test_each_stage_fills_its_part_of_the_document(pipeline):
    doc = Document(RawDocument(source="t", text=TEXT))
    names = iter(pipeline.stage_names)
    for name in names:
        doc = get_stage(name)(doc, pipeline.context)
        if name == "recognize.v1":
            assert doc.hits and not doc.mentions
        if name == "relate.v1":
            assert doc.claims and all(c.time.source == "none" for c in doc.claims)
            assert all(c.doc == doc.id and c.source == "t" for c in doc.claims)
    claim = doc.claims[0]
    assert (claim.subject.id, claim.relation, claim.object.id) == (
        "haqqani-network", "cooperates_with", "lashkar-e-taiba")
    assert claim.time.to_json() == {"value": "2019", "precision": "year", "source": "sentence"}
    assert doc.result() == pipeline.process(RawDocument(source="t", text=TEXT))


def test_a_stage_that_records_an_error_stops_the_document(pipeline):
    doc = run(Document(RawDocument(source="t", text="   ")), pipeline.context, pipeline.stages)
    assert doc.error and doc.error.startswith("no text left")
    assert doc.result().error == doc.error and doc.result().claims == []


def test_a_parser_adds_the_parse_stage(dictionary):
    class Parser:
        def refine(self, processed):
            return processed.claims[:0]

    piped = Pipeline(dictionary, parser=Parser())  # type: ignore[arg-type]
    assert piped.stage_names[-1] == "parse.v1"
    assert piped.process(RawDocument(source="t", text=TEXT)).claims == []
    piped.parser = None  # as callers that configure a pipeline after building it do
    assert "parse.v1" not in piped.stage_names and piped.process(
        RawDocument(source="t", text=TEXT)).claims
