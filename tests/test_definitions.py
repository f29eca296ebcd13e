"""Names the document defines (issue 12, items 2 and 4): every construction with an example
and counter-examples, run through the whole pipeline, then a document through the store
and 'syndicate candidates'."""

from __future__ import annotations

import pytest

from syndicate.api import KnowledgeBase
from syndicate.model import RawDocument
from syndicate.resolve.definitions import acronym_fits
from syndicate.settings import load_settings

from .conftest import json_lines

IMN = "candidate:islamic-movement-of-nowhere"
BOKO = "boko-haram"

# (construction, text, a later name, the actor it should be read as, definition kind, since,
# until): the later name is the last occurrence of that text in the document
DEFINED = [
    ("acronym, neither known",
     "The Islamic Movement of Nowhere (IMN) attacked a base. Later the IMN denied it.",
     "IMN", IMN, "candidate", None, None),
    ("acronym of a known name",
     "Boko Haram (BH) attacked Maiduguri. BH fighters then withdrew.",
     "BH", BOKO, "alias", None, None),
    ("also known as",
     "Boko Haram, also known as the Sahel Brotherhood, attacked Maiduguri. The Sahel "
     "Brotherhood later withdrew.", "Sahel Brotherhood", BOKO, "alias", None, None),
    ("aka", "Boko Haram (aka Sahel Brotherhood) attacked Maiduguri. Sahel Brotherhood "
     "fighters withdrew.", "Sahel Brotherhood", BOKO, "alias", None, None),
    ("a.k.a.", "Boko Haram, a.k.a. Sahel Brotherhood, attacked Maiduguri. Sahel Brotherhood "
     "fighters withdrew.", "Sahel Brotherhood", BOKO, "alias", None, None),
    ("better known as", "Jama'atu Ahlis Sunna, better known as Boko Haram, attacked "
     "Maiduguri. Jama'atu Ahlis Sunna fighters withdrew.", "Jama'atu Ahlis Sunna", BOKO,
     "alias", None, None),
    ("formerly known as", "Boko Haram, formerly known as the Yusufiyya Sect, attacked "
     "Maiduguri. The Yusufiyya Sect had been quiet.", "Yusufiyya Sect", BOKO, "former_name",
     None, None),
    ("which calls itself", "Hay'at Tahrir al-Sham, which calls itself the Salvation "
     "Government, denied it. The Salvation Government said so.", "Salvation Government",
     "hayat-tahrir-al-sham", "alias", None, None),
    ("previously called", "Boko Haram, previously called the Yusufiyya Sect, attacked "
     "Maiduguri. The Yusufiyya Sect had been quiet.", "Yusufiyya Sect", BOKO, "former_name",
     None, None),
    ("known locally as", "Boko Haram, known locally as Yusufiyya, attacked Maiduguri. "
     "Residents said Yusufiyya fighters came at night.", "Yusufiyya", BOKO, "alias", None,
     None),
    ("the group, known locally as", "Boko Haram attacked Maiduguri, and the movement, known "
     "locally as Yusufiyya, withdrew. Yusufiyya fighters came at night.", "Yusufiyya", BOKO,
     "alias", None, None),
    ("Y, formerly X", "Boko Haram, formerly the Yusufiyya Sect, attacked Maiduguri. The "
     "Yusufiyya Sect had been quiet.", "Yusufiyya Sect", BOKO, "former_name", None, None),
    ("which was known as", "Boko Haram, which was known as the Yusufiyya Sect, attacked "
     "Maiduguri. The Yusufiyya Sect had been quiet.", "Yusufiyya Sect", BOKO, "former_name",
     None, None),
    ("known as Y until", "Boko Haram, known as the Yusufiyya Sect until 2009, attacked "
     "Maiduguri. The Yusufiyya Sect had been quiet.", "Yusufiyya Sect", BOKO, "former_name",
     None, "2009"),
    ("renamed itself", "Boko Haram renamed itself Wilayat Sahel Nord in 2015. Wilayat Sahel "
     "Nord then attacked Maiduguri.", "Wilayat Sahel Nord", BOKO, "alias", "2015", None),
    ("rebranded as", "Boko Haram rebranded as Wilayat Sahel Nord. Wilayat Sahel Nord then "
     "attacked Maiduguri.", "Wilayat Sahel Nord", BOKO, "alias", None, None),
    ("unknown first name, known second", "The Sahel Brotherhood, also known as Boko Haram, "
     "attacked Maiduguri. The Sahel Brotherhood later withdrew.", "Sahel Brotherhood", BOKO,
     "alias", None, None),
    ("two unknown names", "The Kivu Freedom Front, also known as the Red Hills Brigade, "
     "attacked Goma. The Red Hills Brigade withdrew.", "Red Hills Brigade",
     "candidate:kivu-freedom-front", "candidate", None, None),
]

# (why, text, name): the name is not (re)defined, it keeps what the dictionary says or
# stays unknown
NOT_DEFINED = [
    ("a dateline's news agency", "KIDAL, Mali (AFP) - Boko Haram attacked a base. AFP said "
     "so.", "AFP", None),
    ("a news agency's own name", "Agence France-Presse (AFP) said Boko Haram attacked. AFP "
     "said so.", "AFP", None),
    ("not group-shaped, not known", "The Syrian Observatory for Human Rights (SOHR) said "
     "the Kurdish Front attacked. SOHR said so.", "SOHR", None),
    ("acronym that does not fit", "Boko Haram (XYZ) attacked Maiduguri. XYZ said so.",
     "XYZ", None),
    ("a dictionary name is never overridden", "Boko Haram, also known as ISWAP, attacked "
     "Maiduguri. ISWAP withdrew.", "ISWAP", "islamic-state-west-africa"),
    ("Reuters after a sentence", "Boko Haram attacked Maiduguri (Reuters). Reuters said so.",
     "Reuters", None),
]


def _process(pipeline, text):
    return pipeline.process(RawDocument(source="test", text=text))


@pytest.mark.parametrize("construction,text,name,actor,kind,since,until", DEFINED,
                         ids=[d[0] for d in DEFINED])
def test_a_defined_name_means_its_actor_for_the_rest_of_the_document(
        pipeline, construction, text, name, actor, kind, since, until):
    out = _process(pipeline, text)
    later = [m for m in out.mentions if m.text == name]
    assert later and later[-1].actor == actor, [(m.text, m.actor) for m in out.mentions]
    assert later[-1].provisional == actor.startswith("candidate:")
    definition = next(d for d in out.definitions if d.kind != "person")
    assert (definition.kind, definition.actor, definition.since, definition.until) == (
        kind, actor, since, until)


@pytest.mark.parametrize("why,text,name,actor", NOT_DEFINED, ids=[d[0] for d in NOT_DEFINED])
def test_what_is_not_a_definition(pipeline, why, text, name, actor):
    out = _process(pipeline, text)
    assert [m.actor for m in out.mentions if m.text == name][-1:] == ([actor] if actor else [])
    assert not [d for d in out.definitions if d.name == name]


@pytest.mark.parametrize("acronym,name,fits", [
    ("ISGS", "Islamic State in the Greater Sahara", True),
    ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", True),
    ("HTS", "Hay'at Tahrir al-Sham", True),
    ("LeT", "Lashkar-e-Taiba", True),
    ("TTP", "Tehrik-i-Taliban Pakistan", True),
    ("AFP", "said on Monday", False),
    ("ISGS", "the Islamic State", False),
    ("IMN", "of Nowhere", False),
])
def test_an_acronym_fits_the_initials_of_its_name(acronym, name, fits):
    assert acronym_fits(acronym, name) is fits


PERSON = "candidate:ruken-jamal"
YPJ = "womens-protection-units"

# (construction, text, the person's candidate id, the linked group, role)
PEOPLE = [
    ("X, a spokesperson for Y", "Ruken Jamal, a spokesperson for the YPJ, said the Islamic "
     "State attacked. Jamal said more.", PERSON, YPJ, "spokesperson"),
    ("X, a commander of Y", "Ruken Jamal, a senior commander of the YPJ, said the Islamic "
     "State attacked. Jamal said more.", PERSON, YPJ, "commander"),
    ("Y commander X", "YPJ commander Ruken Jamal said the Islamic State attacked. Jamal said "
     "more.", PERSON, YPJ, "commander"),
    ("Y's chief X", "The YPJ's chief Ruken Jamal said the Islamic State attacked. Jamal said "
     "more.", PERSON, YPJ, "chief"),
    ("X, who leads Y", "Ruken Jamal, who leads the YPJ, said the Islamic State attacked. Jamal "
     "said more.", PERSON, YPJ, "leads"),
    ("X, the Y spokesman", "Ruken Jamal, the YPJ spokesman, said the Islamic State attacked. "
     "Jamal said more.", PERSON, YPJ, "spokesman"),
    ("former Y negotiator X", "The former FARC negotiator Ramiro Gómez said the ELN attacked. "
     "Gómez said more.", "candidate:ramiro-gomez", "farc", "negotiator"),
    ("particles: ag", "Moussa ag Intalla, a founder of JNIM, said the army attacked. Intalla said "
     "more.", "candidate:moussa-ag-intalla", "jamaat-nusrat-al-islam-wal-muslimin", "founder"),
    ("particles: Abu, al-", "Al-Shabaab spokesman Abu Hamza al-Somali said the army attacked. "
     "Al-Somali said more.", "candidate:abu-hamza-al-somali", "al-shabaab", "spokesman"),
    ("non-ASCII letters", "Zeynep Özdemir, a YPJ commander, said the Islamic State attacked. "
     "Özdemir said more.", "candidate:zeynep-ozdemir", YPJ, "commander"),
    ("a member of a candidate group", "Ruken Jamal, a member of the Kivu Freedom Front, said "
     "the army attacked. Jamal said more.", PERSON, "candidate:kivu-freedom-front", "member"),
    ("a Y role, X, set off by commas", "A YPJ commander, Major Ruken Jamal, said the Islamic "
     "State attacked. Jamal said more.", PERSON, YPJ, "commander"),
    ("a plural possessive", "The Houthis' military spokesman, Yahya Saree, said the US "
     "attacked. Saree said more.", "candidate:yahya-saree", "houthis", "spokesman"),
    ("the role of Y, X,", "The President of the YPJ, Ruken Jamal, said the Islamic State "
     "attacked. Jamal said more.", PERSON, YPJ, "President"),
    ("an army's spokesman", "An RDF spokesman, Brigadier General Ruken Jamal, said the ADF "
     "attacked. Jamal said more.", PERSON, "rwanda-defence-force", "spokesman"),
    ("Y, led by X", "The YPJ, led by Ruken Jamal, said the Islamic State attacked. Jamal said "
     "more.", PERSON, YPJ, "leader"),
    ("the group named before, led by X", "Boko Haram split in 2016. Since then the faction has "
     "been led by Bakura Doro. Doro said more.", "candidate:bakura-doro", "boko-haram",
     "leader"),
]

# (why, text): no candidate person
NOT_PEOPLE = [
    ("a dictionary person", "Hamas leader Ismail Haniyeh said Israel attacked."),
    ("a month and a weekday", "A YPJ commander Monday January said the Islamic State "
     "attacked."),
    ("a news agency", "Associated Press, a member of the YPJ pool, said the Islamic State "
     "attacked."),
    ("holds a state", "Paris France, a spokesman for the YPJ, said the Islamic State "
     "attacked."),
    ("a title, not a name", "A YPJ spokesman Deputy Minister said the Islamic State attacked."),
    ("one word", "Jamal, a spokesman for the YPJ, said the Islamic State attacked."),
    ("a state, not a group", "Kremlin spokesman Ruken Jamal said the Islamic State attacked."),
    ("a role with no name after it", "A YPJ commander, said the Islamic State attacked."),
]


@pytest.mark.parametrize("construction,text,actor,group,role", PEOPLE,
                         ids=[p[0] for p in PEOPLE])
def test_an_unknown_person_in_a_role_is_a_candidate_person(pipeline, construction, text,
                                                            actor, group, role):
    out = _process(pipeline, text)
    person = [d for d in out.definitions if d.kind == "person"]
    assert [(d.actor, d.other, d.role) for d in person] == [(actor, group, role)]
    mentions = [m for m in out.mentions if m.actor == actor]
    assert len(mentions) == 2, [(m.text, m.actor) for m in out.mentions]  # name, then surname
    assert all(m.provisional and pipeline.dictionary.kind_of(m) == "person" for m in mentions)


@pytest.mark.parametrize("why,text", NOT_PEOPLE, ids=[p[0] for p in NOT_PEOPLE])
def test_what_is_not_an_unknown_person(pipeline, why, text):
    out = _process(pipeline, text)
    assert not [d for d in out.definitions if d.kind == "person"]
    assert not [m for m in out.mentions if m.method == "person"]


ARTICLE = """Fighting in northern Syria

Ruken Jamal, a spokesperson for the YPJ, said on Monday that the Islamic Movement of \
Nowhere (IMN) had attacked its positions near Raqqa. Jamal said the IMN was armed by the \
Islamic State.

Jabhat Fateh al-Sham, known as the Nusra Brotherhood until 2016, also fought the YPJ, \
Jamal said. The Nusra Brotherhood denied it.
"""


@pytest.fixture
def ingested(db, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, "utf-8")
    settings = load_settings(db=db, user_file=None, env={})
    with KnowledgeBase(db, settings=settings) as kb:
        report = kb.ingest([str(path)])
        assert report.added == 1
        yield kb


def test_candidates_lists_unknown_groups_people_and_suggested_aliases(ingested, run):
    rows = {r["id"]: r for r in json_lines(run("candidates", "--json").output)}
    imn = rows[IMN]
    assert imn["kind"] == "armed_group" and set(imn["names"]) >= {"Islamic Movement of Nowhere",
                                                                   "IMN"}
    assert imn["claims"] >= 1  # "the IMN was armed by the Islamic State"
    person = rows[PERSON]
    assert (person["kind"], person["group"], person["role"]) == ("person", YPJ, "spokesperson")
    assert person["example"].startswith("Ruken Jamal, a spokesperson for the YPJ")
    assert person["documents"] == 1 and person["mentions"] == 3
    alias = rows["alias:jabhat-al-nusra:Nusra Brotherhood"]
    assert (alias["type"], alias["name"], alias["actor"], alias["kind"], alias["until"]) == (
        "alias", "Nusra Brotherhood", "jabhat-al-nusra", "former_name", "2016")
    assert alias["example"].startswith("Jabhat Fateh al-Sham, known as the Nusra Brotherhood")
    assert len(alias["documents"]) == 1


def test_candidates_table_has_one_section_each(ingested, run):
    out = run("candidates").output
    assert out.index("Unknown groups") < out.index("Unknown people") < out.index(
        "Suggested aliases")
    assert "candidate:ruken-jamal" in out and "until 2016" in out
    people = run("candidates", "--only", "people").output
    assert "candidate:ruken-jamal" in people and IMN not in people
    assert "Suggested aliases" not in people
    assert "--only [groups|people|aliases]" in run("candidates", "--help").output


def test_a_candidate_person_is_stored_as_a_person_and_merges_like_a_group(ingested, run):
    kinds = {a["id"]: a["kind"] for a in ingested.store.actors() if a["provisional"]}
    assert kinds[PERSON] == "person" and kinds[IMN] == "armed_group"
    merged = run("actors", "merge", PERSON, "abdelmalek-droukdel")
    assert merged.exit_code == 0, merged.output
    rows = {r["id"] for r in json_lines(run("candidates", "--json").output)}
    assert PERSON not in rows and IMN in rows


def test_a_promoted_candidate_person_stays_a_person(ingested, run):
    promoted = run("actors", "promote", PERSON)
    assert promoted.exit_code == 0, promoted.output
    actors = json_lines(run("actors", "--json", "--all").output)[0]["actors"]
    assert {a["id"]: a["kind"] for a in actors}["ruken-jamal"] == "person"
