"""The bundled actor dictionary: valid, unambiguous, and every alias found by the matcher."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from syndicate.actors import is_acronym, load_dictionary
from syndicate.errors import DictionaryError
from syndicate.recognize import Matcher, fold
from syndicate.resolve import resolve
from syndicate.segment import segment

DATA = Path(__file__).parent / "data"


def test_every_alias_resolves_back_to_its_actor(dictionary):
    matcher = Matcher(dictionary)
    ruled = {fold(r["alias"]) for r in dictionary.rules if "alias" in r}
    failures = []
    for actor in dictionary.actors.values():
        for form, how in actor.surface_forms():
            if how in ("state_form", "capital") or fold(form) in ruled:
                continue
            hits = matcher.find(form)
            whole = [h for h in hits if h.start == 0 and h.end == len(form)]
            if not whole or actor.id not in whole[0].actors:
                failures.append((actor.id, form, [(h.text, h.actors) for h in hits]))
    assert failures == []


def test_short_acronyms_are_matched_case_sensitively(dictionary):
    matcher = Matcher(dictionary)
    lowered = []
    for actor in dictionary.actors.values():
        for form in actor.aliases:
            spelled_out = {f.lower() for f, _ in actor.surface_forms() if not is_acronym(f)}
            if is_acronym(form) and form.lower() != form and form.lower() not in spelled_out:
                for hit in matcher.find(form.lower()):
                    if actor.id in hit.actors:
                        lowered.append(form)
    assert lowered == []


def test_no_alias_is_shared_without_a_rule(dictionary):
    ruled = {fold(r["alias"]) for r in dictionary.rules if "alias" in r}
    owners: dict[str, set[str]] = {}
    for actor in dictionary.actors.values():
        for form, how in actor.surface_forms():
            if how in ("state_form", "capital"):
                continue
            key = form if is_acronym(form) else fold(form)
            owners.setdefault(key, set()).add(actor.id)
    shared = {k: v for k, v in owners.items() if len(v) > 1 and fold(k) not in ruled}
    assert shared == {}


def test_disambiguation_rules_are_each_exercised(dictionary, pipeline):
    def first(text):
        mentions = resolve(text, segment(text), dictionary, pipeline.matcher)
        return mentions[0].actor

    assert first("The Taliban took Kabul.") == "afghan-taliban"
    assert first("IS claimed the Kabul airport bombing in Afghanistan.") == \
        "islamic-state-khorasan"
    assert first("IS lost Mosul in Iraq.") == "islamic-state"
    assert first("Daesh fighters in Nangarhar, Afghanistan.") == "islamic-state-khorasan"
    assert first("The ISI and Zarqawi's men bombed Baghdad.") == "islamic-state"
    assert first("Ansar al-Sharia attacked the US mission in Benghazi.") == \
        "ansar-al-sharia-libya"
    assert first("Ansar al-Sharia attacked the embassy in Tunis.") == "ansar-al-sharia-tunisia"
    # no cue: three groups share the name, so none is chosen
    assert all(m.actor.startswith("candidate:") or "ansar" not in m.actor for m in resolve(
        "Ansar al-Sharia was formed in 2011.", segment("Ansar al-Sharia was formed in 2011."),
        dictionary, pipeline.matcher))


def test_coverage_counts(dictionary):
    kinds = Counter(a.kind for a in dictionary.actors.values())
    groups_by_region = Counter(a.region for a in dictionary.actors.values()
                               if a.kind == "armed_group")
    assert kinds["armed_group"] >= 300
    assert kinds["state"] >= 193
    for region in ("south_asia", "middle_east", "west_africa", "east_africa", "north_africa",
                   "central_africa", "latin_america", "southeast_asia", "europe"):
        assert groups_by_region[region] >= 5, region


def test_at_least_a_thousand_armed_groups_and_every_added_entry_cites_sources(dictionary):
    """The armed_groups_*.yaml files and leaders_more.yaml grew the dictionary past 1,000
    armed groups; every entry there says where its facts come from."""
    armed = [a for a in dictionary.actors.values() if a.kind == "armed_group"]
    assert len(armed) >= 1000
    added = [a for a in dictionary.actors.values()
             if a.origin.startswith("armed_groups_") or a.origin == "leaders_more.yaml"]
    assert sum(a.kind == "armed_group" for a in added) >= 500
    assert [a.id for a in added if not a.sources] == []
    assert all(isinstance(s, str) and s.strip() for a in added for s in a.sources)
    # a comma inside an unquoted {name: ...} splits the name and adds a stray key
    assert [a.id for a in added for f in a.former_names
            if set(f) - {"name", "from", "until"}] == []


def test_sources_must_be_a_list_of_strings(tmp_path):
    bad = tmp_path / "actors.yaml"
    bad.write_text("- {id: x-group, name: X Group, kind: armed_group, region: europe, "
                   "sources: [\"Phoenix MilNonState\", 12]}\n", "utf-8")
    with pytest.raises(DictionaryError, match="sources"):
        load_dictionary([bad])


def test_curated_structural_facts_are_claims(dictionary):
    facts = dictionary.curated_claims()
    assert {"subject": "islamic-state-khorasan", "relation": "part_of",
            "object": "islamic-state"}.items() <= next(
        f for f in facts if f["subject"] == "islamic-state-khorasan").items()
    assert any(f["relation"] == "leads" and f["subject"] == "aslam-farooqi" for f in facts)


def test_invalid_overlay_is_refused_with_a_clear_message(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: Bad Id, name: X, kind: armed_group, region: europe}\n")
    with pytest.raises(DictionaryError, match=r"\[E010\].*lower-case slug"):
        load_dictionary([bad])
    bad.write_text("- {id: x-front, name: X Front, kind: militia, region: europe}\n")
    with pytest.raises(DictionaryError, match="unknown kind 'militia'"):
        load_dictionary([bad])
    bad.write_text("- {id: x-front, name: X Front, kind: armed_group, region: europe, "
                   "parent: no-such-group}\n")
    with pytest.raises(DictionaryError, match="parent 'no-such-group'"):
        load_dictionary([bad])
    bad.write_text("- {id: x-front, name: X Front, kind: armed_group, region: europe, "
                   "aliases: [HQN]}\n")
    with pytest.raises(DictionaryError, match="alias 'HQN'"):
        load_dictionary([bad])


@pytest.mark.skipif(not (DATA / "alias_sentences.jsonl").exists(),
                    reason="alias sentences not written yet")
def test_team_sentences_resolve_to_the_right_actors(dictionary, pipeline):
    lines = [json.loads(x) for x in (DATA / "alias_sentences.jsonl").read_text(
        "utf-8").splitlines() if x.strip()]
    wrong = []
    groups = set()
    for line in lines:
        text = line["text"]
        mentions = resolve(text, segment(text), dictionary, pipeline.matcher,
                           candidates=False)
        found = sorted({m.actor for m in mentions if m.method != "coref"})
        if found != sorted(set(line["expect"])):
            wrong.append((text, found, line["expect"]))
        groups.update(a for a in line["expect"]
                      if dictionary.get(a) and dictionary.get(a).kind == "armed_group")
    assert wrong == []
    assert len(groups) >= 150
    assert sum(1 for x in lines if not x["expect"]) >= 5
