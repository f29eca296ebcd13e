"""Every coreference rule resolves the references of its examples."""

from __future__ import annotations

import pytest

from syndicate.model import is_pair, pair_id, pair_members
from syndicate.resolve import resolve
from syndicate.resolve.coreference import EXAMPLES, RULES
from syndicate.segment import segment

CASES = [pytest.param(e, id=f"{name}-{n}") for name, examples in EXAMPLES.items()
         for n, e in enumerate(examples)]


def test_every_coreference_rule_has_examples():
    assert list(RULES) == list(EXAMPLES)
    assert all(EXAMPLES.values())


@pytest.mark.parametrize("example", CASES)
def test_every_coreference_example_resolves(pipeline, example):
    mentions = resolve(example.text, segment(example.text), pipeline.dictionary,
                       pipeline.matcher)
    assert (example.reference, example.actor) in {(m.text, m.actor) for m in mentions}


def test_a_pair_of_actors_is_one_value_read_one_way():
    pair = pair_id(["lashkar-e-taiba", "afghan-taliban"])
    assert is_pair(pair) and not is_pair("afghan-taliban")
    assert pair_members(pair) == ("afghan-taliban", "lashkar-e-taiba")
    assert pair_members("afghan-taliban") == ("afghan-taliban",)
