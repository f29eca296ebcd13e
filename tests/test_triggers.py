"""Triggers are data (data/triggers.yaml): every example makes its claim, every
counter-example makes none, and a malformed trigger is a coded error naming where it is."""

from __future__ import annotations

import pytest

from syndicate.errors import TriggerError
from syndicate.model import RawDocument
from syndicate.relate import shapes
from syndicate.relate.triggers import SHAPES, parse_triggers, triggers

EXAMPLES = [pytest.param(t, e, id=f"{t.id}-{n}") for t in triggers()
            for n, e in enumerate(t.examples)]
COUNTER = [pytest.param(t, e, id=f"{t.id}-{n}") for t in triggers()
           for n, e in enumerate(t.counter_examples)]


def made(pipeline, text: str) -> set[tuple[str, ...]]:
    out = pipeline.process(RawDocument(source="example", text=text))
    return {(c.rule, c.subject.id, c.relation, c.object.id, c.polarity) for c in out.claims}


@pytest.mark.parametrize(("trigger", "example"), EXAMPLES)
def test_every_trigger_example_makes_its_claim(pipeline, trigger, example):
    expected = (trigger.id, example.subject, example.relation, example.object, example.polarity)
    assert expected in made(pipeline, example.text)


@pytest.mark.parametrize(("trigger", "example"), COUNTER)
def test_no_trigger_counter_example_makes_a_claim_from_it(pipeline, trigger, example):
    assert not {c for c in made(pipeline, example.text) if c[0] == trigger.id}


def test_every_trigger_has_examples_and_counter_examples_and_claims_carry_its_id(pipeline):
    assert all(t.examples and t.counter_examples for t in triggers())
    assert {t.how for t in triggers()} == set(SHAPES) == set(shapes.SHAPES)
    out = pipeline.process(RawDocument(source="t", text="Iran backs the Houthis."))
    assert [(c.rule, c.extractor) for c in out.claims] == [("supports.verb", "patterns.v2")]


GOOD = """
triggers:
- id: supports.bankroll
  relation: supports
  shape: active
  confidence: 0.7
  priority: 20
  pattern: |-
    \\bbankroll\\w*\\b
  examples:
    - {text: 'Iran bankrolls the Houthis.', subject: iran, object: houthis}
  counter_examples: ['The Houthis bankrolled nothing.']
- id: supports.finance
  relation: supports
  shape: active
  confidence: 0.7
  priority: 10
  pattern: \\bfinanc\\w*\\b
  examples: []
  counter_examples: []
"""


def test_a_file_that_is_not_yaml_is_a_coded_error():
    with pytest.raises(TriggerError, match=r"^\[E014\] mine.yaml: not valid YAML"):
        parse_triggers("triggers: [", where="mine.yaml")


def test_a_trigger_file_loads_with_its_examples():
    first, second = parse_triggers(GOOD)
    assert first.id == "supports.bankroll" and first.regex.search("iran bankrolls them")
    assert first.examples[0].relation == "supports" and second.priority == 10


@pytest.mark.parametrize(("change", "message"), [
    (("shape: active", "shape: actve"), "trigger 'supports.bankroll', field 'shape': unknown "
                                        "shape 'actve'"),
    (("relation: supports", "relation: sponsors"), "field 'relation': unknown relation "
                                                   "'sponsors'"),
    (("priority: 20", "priority: 10"), "two triggers share a priority"),
    (("priority: 20", "priority: 20\n  overrides: [supports.fund]"),
     "field 'overrides': unknown trigger 'supports.fund'"),
    (("priority: 10", "priority: 10\n  overrides: [supports.bankroll]"),
     "'supports.bankroll' has priority 20, not lower than 10"),
    (("confidence: 0.7\n  priority: 20", "confidence: 7\n  priority: 20"), "field 'confidence'"),
    (("\\bbankroll\\w*\\b", "(bankroll"), "field 'pattern': not a regular expression"),
    (("  examples:\n    - {text", "  exmples:\n    - {text"), "field 'examples': missing"),
])
def test_a_malformed_trigger_is_a_coded_error_naming_file_trigger_and_field(change, message):
    old, new = change
    assert old in GOOD
    with pytest.raises(TriggerError, match=r"^\[E014\] mine.yaml: ") as caught:
        parse_triggers(GOOD.replace(old, new, 1), where="mine.yaml")
    assert message in str(caught.value)
