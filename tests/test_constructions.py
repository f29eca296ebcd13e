"""Every registered construction (a sentence pass that makes claims from a cue other than
a trigger) makes the claims of its examples."""

from __future__ import annotations

import pytest

from syndicate.model import RawDocument
from syndicate.relate.constructions import CONSTRUCTIONS

EXAMPLES = [pytest.param(e, id=f"{c.name}-{n}") for c in CONSTRUCTIONS.values()
            for n, e in enumerate(c.examples)]


def test_every_construction_has_examples():
    assert list(CONSTRUCTIONS)[0] == "blame"  # claims its words before the triggers do
    assert all(c.examples for c in CONSTRUCTIONS.values())


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_construction_example_makes_its_claim(pipeline, example):
    out = pipeline.process(RawDocument(source="example", text=example.text))
    made = {(c.rule, c.subject.id, c.relation, c.object.id, c.polarity) for c in out.claims}
    assert (example.rule, example.subject, example.relation, example.object,
            example.polarity) in made
