from syndicate.model import Sentence
from syndicate.recognize import Matcher
from syndicate.resolve import resolve
from syndicate.segment import segment


def ids(text, dictionary, pipeline):
    sentences = segment(text)
    return [m.actor for m in resolve(text, sentences, dictionary, pipeline.matcher)]


def test_transliterations_and_acronyms(dictionary, pipeline):
    text = ("Tehrik-e Taliban Pakistan, Tehreek-e-Taliban Pakistan and the TTP; "
            "Lashkar-e-Tayyiba, Lashkar-e-Toiba and LeT; the Haqqanis and HQN; "
            "the Hekmatyar group; ISKP and IS-K; Daesh fighters in Raqqa.")
    found = ids(text, dictionary, pipeline)
    assert found == ["tehrik-i-taliban-pakistan"] * 3 + ["lashkar-e-taiba"] * 3 + \
        ["haqqani-network"] * 2 + ["hezb-e-islami-gulbuddin"] + \
        ["islamic-state-khorasan"] * 2 + ["islamic-state"]


def test_short_acronyms_are_case_sensitive_and_whole_words(dictionary):
    matcher = Matcher(dictionary)
    assert matcher.find("This is what it is, as is.") == []
    assert matcher.find("Let them go; the isi of it.") == []
    assert [h.text for h in matcher.find("IS fighters and the LeT.")] == ["IS", "LeT"]
    assert matcher.find("CRISIS talks") == []


def test_taliban_alone_is_afghan_pakistani_taliban_is_ttp(dictionary, pipeline):
    assert ids("The Taliban met the Pakistani Taliban.", dictionary, pipeline) == [
        "afghan-taliban", "tehrik-i-taliban-pakistan"]


def test_is_in_an_afghan_context_is_iskp(dictionary, pipeline):
    afghan = ids("IS fighters clashed with the Taliban in Nangarhar, Afghanistan.",
                 dictionary, pipeline)
    assert afghan[0] == "islamic-state-khorasan"
    syrian = ids("IS fighters were driven out of Raqqa in Syria.", dictionary, pipeline)
    assert syrian[0] == "islamic-state"


def test_isi_means_pakistan_intelligence_unless_iraq_context(dictionary, pipeline):
    assert ids("The ISI backs the Haqqani network.", dictionary, pipeline)[0] == "isi"
    iraq = ids("In 2007 the ISI, then led by Abu Omar al-Baghdadi, bombed markets in Iraq's "
               "capital.", dictionary, pipeline)
    assert iraq[0] == "islamic-state"


def test_rawalpindi_and_deep_state_stand_for_the_army(dictionary, pipeline):
    found = ids("The Pakistani deep state backs them; Rawalpindi denies it.", dictionary,
                pipeline)
    assert found == ["pakistan-army", "pakistan-army"]


def test_capital_in_a_dateline_or_as_a_place_is_not_an_actor(dictionary, pipeline):
    assert ids("WASHINGTON: The talks resumed in Kabul on Monday.", dictionary, pipeline) == []


def test_the_group_refers_back_to_the_last_group(dictionary, pipeline):
    text = "The TTP claimed the attack. The group said it would go on."
    mentions = resolve(text, segment(text), dictionary, pipeline.matcher)
    coref = [m for m in mentions if m.method == "coref"]
    assert [(m.text, m.actor) for m in coref] == [("The group", "tehrik-i-taliban-pakistan")]


def test_segment_offsets_point_into_the_text():
    text = "Gen. Smith spoke. The U.S. said no.\n\nA new paragraph? Yes."
    sentences = segment(text)
    assert [s.text for s in sentences] == ["Gen. Smith spoke.", "The U.S. said no.",
                                           "A new paragraph?", "Yes."]
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert isinstance(sentences[0], Sentence) and sentences[2].paragraph == 1
