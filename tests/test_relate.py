"""The relate stage, one construction per test, named for what it must get right."""

from __future__ import annotations

import pytest

from syndicate.model import RawDocument


def claims(pipeline, text):
    out = pipeline.process(RawDocument(source="t", text=text))
    return {(c.subject.id, c.relation, c.object.id, c.polarity, c.modality)
            for c in out.claims}


@pytest.mark.parametrize("text, expected", [
    # voice and nominalisations
    ("The Haqqani network is backed by the ISI.",
     ("isi", "supports", "haqqani-network", "affirmed", "asserted")),
    ("ISI-backed Haqqani Network fighters crossed the border.",
     ("isi", "supports", "haqqani-network", "affirmed", "asserted")),
    ("Officials described cooperation between Lashkar-e-Taiba and the TTP.",
     ("lashkar-e-taiba", "cooperates_with", "tehrik-i-taliban-pakistan", "affirmed",
      "reported")),
    ("ISKP leader Aslam Farooqi was arrested in Kabul.",
     ("aslam-farooqi", "leads", "islamic-state-khorasan", "affirmed", "asserted")),
    ("Jund al-Aqsa split from Jabhat al-Nusra in 2014.",
     ("jund-al-aqsa", "splinter_of", "jabhat-al-nusra", "affirmed", "asserted")),
    # polarity and modality
    ("US military leaders believe that Pakistan did not target the Haqqani network.",
     ("pakistan", "attacks", "haqqani-network", "negated", "believed")),
    ("The US wants Pakistan to target the Haqqani network.",
     ("pakistan", "attacks", "haqqani-network", "affirmed", "desired")),
    ("The Afghan Taliban has been unwilling to crack down on the TTP.",
     ("afghan-taliban", "supports", "tehrik-i-taliban-pakistan", "affirmed", "asserted")),
    ("Tehran denies arming the Houthis.",
     ("iran", "supports", "houthis", "negated", "denied")),
    ("The Taliban could regroup with al-Qaeda.",
     ("afghan-taliban", "cooperates_with", "al-qaeda", "affirmed", "possible")),
    ("Hezbollah reportedly trained Houthi fighters.",
     ("hezbollah", "supports", "houthis", "affirmed", "reported")),
])
def test_constructions(pipeline, text, expected):
    assert expected in claims(pipeline, text)


def test_conjoined_objects_give_one_claim_each(pipeline):
    got = claims(pipeline, "According to officials, ISKP can front attacks for the Haqqani "
                           "Network and Lashkar-e-Tayyiba (LeT).")
    assert {(s, r, o) for s, r, o, *_ in got} == {
        ("islamic-state-khorasan", "cooperates_with", "haqqani-network"),
        ("islamic-state-khorasan", "cooperates_with", "lashkar-e-taiba")}


def test_three_groups_joining_hands_give_three_pairs(pipeline):
    got = claims(pipeline, "Ansar Dine, Al-Mourabitoun and Katiba Macina joined hands.")
    assert len({(s, o) for s, r, o, *_ in got if r == "cooperates_with"}) == 3


def test_an_accusation_and_its_denial_are_two_claims(pipeline):
    got = claims(pipeline, "Officials accused Eritrea of sending weapons to al-Shabaab, a "
                           "charge Asmara denies.")
    assert ("eritrea", "supports", "al-shabaab", "affirmed", "alleged") in got
    assert ("eritrea", "supports", "al-shabaab", "negated", "denied") in got


def test_change_over_time_keeps_the_sentence_time(pipeline):
    out = pipeline.process(RawDocument(source="t", text=(
        "KABUL, August 10, 2016 - Until several months ago, IS fought bloody battles with "
        "Taliban units in eastern Afghanistan.")))
    (claim,) = [c for c in out.claims if c.relation == "fights"]
    assert claim.time.value == "2016-05" and claim.time.source == "sentence_relative"


# regressions, named for what broke
def test_plural_subject_with_an_unknown_object_is_not_a_pair(pipeline):
    assert claims(pipeline, "The Stern Gang and the Irgun fought the Mandate authorities.") \
        == set()


def test_positions_held_by_is_not_a_passive_attack(pipeline):
    got = claims(pipeline, "The Syrian National Army attacked positions held by the YPG.")
    assert not any(s == "peoples-protection-units" for s, *_ in got)


def test_a_place_that_frames_a_sentence_is_not_the_subject(pipeline):
    got = claims(pipeline, "In Somalia, the Black Banner Brigades announced that they were "
                           "allied with al-Shabaab.")
    assert not any(s == "somalia" or o == "somalia" for s, _, o, *_ in got)


def test_a_city_in_a_longer_name_is_not_its_state(pipeline):
    assert claims(pipeline, "Victoria Beckham said Hezbollah fought Israel.") == {
        ("hezbollah", "attacks", "israel", "affirmed", "reported")}


def test_a_group_founded_by_another_is_not_controlled_by_it(pipeline):
    got = claims(pipeline, "The FDLR, founded by Interahamwe veterans, operates in Kivu.")
    assert not any(r == "controls" for _, r, *_ in got)
