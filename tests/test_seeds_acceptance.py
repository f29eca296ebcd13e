"""What the seed articles must give (issue: foundation). Skipped when ../shared/seeds is absent."""

from __future__ import annotations

import pytest

from syndicate.read import read
from syndicate.vocab import SYMMETRIC

from .conftest import SEEDS, json_lines, seed

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")


@pytest.fixture(scope="module")
def seed_claims(pipeline):
    out = {}
    for prefix in ("000", "001", "002", "003", "004"):
        (raw,) = read([str(seed(prefix))])
        out[prefix] = pipeline.process(raw).claims
    return out


def find(claims, subject, relation, obj):
    hits = []
    for c in claims:
        pair = (c.subject.id, c.object.id)
        if c.relation != relation:
            continue
        if pair == (subject, obj) or (relation in SYMMETRIC and pair == (obj, subject)):
            hits.append(c)
    return hits


def test_000_taliban_haqqani_hekmatyar_cooperate(seed_claims):
    claims = seed_claims["000"]
    assert find(claims, "afghan-taliban", "cooperates_with", "haqqani-network")
    assert find(claims, "afghan-taliban", "cooperates_with", "hezb-e-islami-gulbuddin")
    let_ttp = find(claims, "lashkar-e-taiba", "cooperates_with", "tehrik-i-taliban-pakistan")
    assert let_ttp and all(c.modality != "asserted" for c in let_ttp)
    assert len(let_ttp) == 1  # the repeated article counts once


def test_002_pakistan_backs_haqqanis_but_did_not_target_them(seed_claims):
    claims = seed_claims["002"]
    backing = [c for s in ("pakistan", "pakistan-army", "isi")
               for c in find(claims, s, "supports", "haqqani-network")]
    affirmed = [c for c in backing if c.polarity == "affirmed"]
    assert affirmed and {c.modality for c in affirmed} <= {"believed", "alleged", "reported"}
    # "Pakistan insists that no insurgent groups will be spared" is kept apart as a denial
    denials = [c for c in backing if c.polarity == "negated"]
    assert denials and {c.modality for c in denials} == {"denied"}
    attacks = [c for s in ("pakistan", "pakistan-army")
               for c in find(claims, s, "attacks", "haqqani-network")]
    did_not = [c for c in attacks if "did not target" in c.sentence]
    assert did_not and all(c.polarity == "negated" for c in did_not)
    assert not [c for c in attacks if c.polarity == "affirmed" and c.modality == "asserted"]
    wants = [c for c in attacks if c.sentence.startswith("US wants")]
    assert wants and all(c.modality == "desired" for c in wants)


def test_003_taliban_and_is_fought_then_made_a_ceasefire(seed_claims):
    claims = seed_claims["003"]
    is_ids = ("islamic-state-khorasan", "islamic-state")
    fights = [c for i in is_ids for c in find(claims, "afghan-taliban", "fights", i)]
    later = [c for i in is_ids for r in ("cooperates_with", "ceasefire_with")
             for c in find(claims, "afghan-taliban", r, i)]
    assert fights and later
    assert min(c.time.value for c in fights) < max(c.time.value for c in later)
    assert any(c.modality == "reported" for c in later)
    assert not [c for c in claims if "Gaza" in c.sentence or "Ceasefire, finally" in c.sentence]


def test_004_isi_backs_haqqanis_and_farooqi_leads_iskp(seed_claims):
    claims = seed_claims["004"]
    assert find(claims, "isi", "supports", "haqqani-network")
    assert find(claims, "aslam-farooqi", "leads", "islamic-state-khorasan")
    assert not [c for c in claims if "Trump" in c.sentence or "comment" in c.sentence]


def test_no_claim_comes_from_removed_boilerplate(seed_claims):
    for claims in seed_claims.values():
        for c in claims:
            assert "cookies" not in c.sentence and "Latest News" not in c.sentence


def test_reingesting_the_seeds_changes_no_counts(run, seeds_dir):
    first = run("ingest", str(seeds_dir))
    assert first.exit_code == 0, first.output
    before = json_lines(run("documents", "--json").output)
    claims_before = json_lines(run("claims", "--json").output)
    again = run("ingest", str(seeds_dir), "--json")
    report = json_lines(again.output)[0]
    assert report["added"] == 0 and report["duplicate"] == len(before)
    assert json_lines(run("documents", "--json").output) == before
    assert json_lines(run("claims", "--json").output) == claims_before
