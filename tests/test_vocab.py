"""The relation vocabulary is declared once, in data/relations.yaml, and validated at load."""

from __future__ import annotations

import pytest

from syndicate import graph, relate
from syndicate.errors import VocabularyError
from syndicate.vocab import SYMMETRIC, parse_vocabulary, vocabulary


def test_every_module_reads_the_symmetric_relations_and_weights_from_the_vocabulary():
    v = vocabulary()
    assert SYMMETRIC == graph.SYMMETRIC == relate.SYMMETRIC == v.symmetric == {
        "cooperates_with", "ceasefire_with", "fights", "merged_with", "negotiates_with"}
    assert dict(graph.MODALITY_WEIGHT) == {m: w["evidence"] for m, w in v.weights.items()}
    assert set(v.modalities) == set(v.weights)


def test_argument_kinds_decide_which_actors_a_relation_joins():
    v = vocabulary()
    assert v.admits("leads", "person", "armed_group")
    assert v.admits("leads", "person", None)  # an unknown actor counts as an organisation
    assert not v.admits("leads", "armed_group", "armed_group")
    assert not v.admits("fights", "person", "armed_group")
    assert v.admits("attacks", "person", "person")
    assert not v.admits("controls", "state", "person")


TEXT = """
relations:
  fights: {directed: false, args: [group, %s]}
polarities: [affirmed]
modalities:
  asserted: {confidence: 1.0, evidence: 1.0}
actor_kinds: [armed_group]
"""


def test_an_unknown_argument_kind_is_a_coded_error():
    assert parse_vocabulary(TEXT % "group").symmetric == {"fights"}
    with pytest.raises(VocabularyError, match=r"\[E012\] relation 'fights' needs 'args"):
        parse_vocabulary(TEXT % "groop")


def test_a_modality_without_weights_is_a_coded_error():
    with pytest.raises(VocabularyError, match=r"\[E012\] modality 'asserted' needs"):
        parse_vocabulary((TEXT % "group").replace("confidence: 1.0, ", ""))
