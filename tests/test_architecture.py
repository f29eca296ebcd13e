"""docs/architecture.md: its "add a trigger" example works as written."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from syndicate.model import RawDocument
from syndicate.relate import sentence
from syndicate.relate.triggers import parse_triggers

DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"


def test_the_add_a_trigger_example_makes_its_claim(pipeline, monkeypatch):
    section = DOC.read_text("utf-8").split("## Add a trigger", 1)[1].split("\n## ", 1)[0]
    snippet = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    packaged = resources.files("syndicate").joinpath("data/triggers.yaml").read_text("utf-8")
    extended = parse_triggers(packaged.rstrip("\n") + "\n\n" + snippet)
    new = next(t for t in extended if t.id == "supports.underwrite")
    monkeypatch.setattr(sentence, "triggers", lambda: extended)
    for example in new.examples:
        out = pipeline.process(RawDocument(source="doc", text=example.text))
        assert (new.id, example.subject, "supports", example.object) in {
            (c.rule, c.subject.id, c.relation, c.object.id) for c in out.claims}
    for counter in new.counter_examples:
        out = pipeline.process(RawDocument(source="doc", text=counter.text))
        assert new.id not in {c.rule for c in out.claims}
    monkeypatch.undo()
    out = pipeline.process(RawDocument(source="doc", text=new.examples[0].text))
    assert new.id not in {c.rule for c in out.claims}  # the packaged triggers are untouched
