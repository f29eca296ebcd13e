"""The optional statistical parser (syndicate.syntax).

The rule-based path is the default and is tested without spaCy. The statistical path is
tested where spaCy and an English pipeline are installed (the one named by
SYNDICATE_SPACY_MODEL, else the first installed ``en_core_web_*`` package) and skipped
otherwise. Nothing here downloads anything.
"""

from __future__ import annotations

import os
import socket
from dataclasses import replace
from pathlib import Path

import pytest

from syndicate.errors import SettingsError, SyndicateError
from syndicate.evaluate import evaluate
from syndicate.model import Argument, Claim, Processed, RawDocument
from syndicate.pipeline import Pipeline
from syndicate.settings import Settings, load_settings
from syndicate.syntax import Parser, load_parser

from .conftest import SEEDS

GOLD = Path(__file__).parent / "gold" / "gold.jsonl"
REFINED = "patterns.v2+dep.v1"


# --- the rule-based default ---------------------------------------------------------


def test_rule_based_path_is_the_default():
    assert Settings().spacy_model is None
    assert load_parser(Settings().spacy_model) is None
    assert load_parser("") is None


def test_the_model_is_named_by_the_environment(tmp_path):
    settings = load_settings(user_file=tmp_path / "none.yaml",
                             env={"SYNDICATE_SPACY_MODEL": "en_core_web_sm"})
    assert settings.spacy_model == "en_core_web_sm"


def test_rule_based_claims_stand_alone(pipeline):
    out = pipeline.process(RawDocument(source="t", text="Pakistan did not back the TTP."))
    assert [(c.subject.id, c.relation, c.object.id, c.polarity, c.extractor)
            for c in out.claims] == [
        ("pakistan", "supports", "tehrik-i-taliban-pakistan", "negated", "patterns.v2")]


def test_a_model_that_is_not_installed_is_a_coded_error_that_says_how_to_install():
    with pytest.raises(SettingsError) as info:
        load_parser("xx_no_such_model_sm")
    message = str(info.value)
    assert message.startswith("[E050]")
    assert "xx_no_such_model_sm" in message
    assert "pip install" in message
    assert isinstance(info.value, SyndicateError)


# --- the statistical path -------------------------------------------------------------


@pytest.fixture(scope="module")
def model_name() -> str:
    spacy = pytest.importorskip("spacy")
    name = os.environ.get("SYNDICATE_SPACY_MODEL") or next(
        (n for n in sorted(spacy.util.get_installed_models()) if n.startswith("en_core_web")),
        None)
    if not name:
        pytest.skip("no spaCy English pipeline is installed")
    return name


@pytest.fixture(scope="module")
def parser(model_name) -> Parser:
    loaded = load_parser(model_name)
    assert loaded is not None
    return loaded


def claims(pipeline: Pipeline, parser: Parser | None, text: str) -> list[tuple[str, ...]]:
    out = pipeline.process(RawDocument(source="t", text=text))
    found = parser.refine(out) if parser else out.claims
    return sorted((c.subject.id, c.relation, c.object.id, c.polarity) for c in found)


def test_the_model_loads_from_the_installed_package_without_network(model_name, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the parser tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    parser = load_parser(model_name)
    assert parser is not None and "parser" in parser.nlp.pipe_names
    assert "ner" not in parser.nlp.pipe_names  # only what parsing needs is loaded


def test_missing_model_never_triggers_a_download(monkeypatch):
    cli = pytest.importorskip("spacy.cli")

    def no_download(*args, **kwargs):
        raise AssertionError("the parser tried to download a model")

    monkeypatch.setattr(cli, "download", no_download)
    with pytest.raises(SettingsError, match=r"\[E050\].*not installed"):
        load_parser("xx_no_such_model_sm")


def test_negation_of_another_verb_does_not_negate_the_claim(pipeline, parser):
    # the rules see 'not' two words before 'backed'; the parse puts it on 'say'
    text = "Officials did not say Pakistan backed the TTP."
    assert claims(pipeline, None, text) == [
        ("pakistan", "supports", "tehrik-i-taliban-pakistan", "negated")]
    assert claims(pipeline, parser, text) == [
        ("pakistan", "supports", "tehrik-i-taliban-pakistan", "affirmed")]
    assert claims(pipeline, parser, "Hamas does not believe Hezbollah attacked Israel.") == [
        ("hezbollah", "attacks", "israel", "affirmed")]


def test_negation_scope_keeps_what_the_rules_read_right(pipeline, parser):
    assert claims(pipeline, parser,
                  "The Taliban did not say whether Pakistan backed the Haqqani Network.") == [
        ("pakistan", "supports", "haqqani-network", "affirmed")]
    assert claims(pipeline, parser, "Pakistan did not back the Haqqani Network.") == [
        ("pakistan", "supports", "haqqani-network", "negated")]
    assert claims(pipeline, parser, "Pakistan did not want to attack the TTP.") == [
        ("pakistan", "attacks", "tehrik-i-taliban-pakistan", "negated")]


def test_a_negation_far_from_its_verb_negates_the_claim(pipeline, parser):
    text = ("Pakistan has not, despite years of American pressure from Washington, "
            "attacked the Haqqani Network.")
    assert claims(pipeline, None, text) == [("pakistan", "attacks", "haqqani-network",
                                             "affirmed")]
    assert claims(pipeline, parser, text) == [("pakistan", "attacks", "haqqani-network",
                                               "negated")]


def test_not_only_and_a_negated_cut_are_affirmations(pipeline, parser):
    assert claims(pipeline, parser, "Pakistan not only backed the TTP but also armed it.") == [
        ("pakistan", "supports", "tehrik-i-taliban-pakistan", "affirmed")]
    text = "Pakistan has not cut its ties with the Taliban."
    assert claims(pipeline, None, text) == [
        ("pakistan", "cooperates_with", "afghan-taliban", "negated")]
    assert claims(pipeline, parser, text) == [
        ("pakistan", "cooperates_with", "afghan-taliban", "affirmed")]


def test_an_actor_inside_a_participle_clause_is_not_the_attacker(pipeline, parser):
    # the rules used to take Hezbollah, the agent of "trained by", as the attacker and the
    # parse corrected them; an actor after "by" is no longer a subject, so both now agree
    text = "The Houthis, long trained by Hezbollah, attacked Saudi Arabia."
    for refine in (None, parser):
        assert claims(pipeline, refine, text) == [
            ("hezbollah", "supports", "houthis", "affirmed")]


def test_a_helper_in_a_parenthetical_is_not_the_attacker(pipeline, parser):
    # the rules used to take the nearer Eritrea as the attacker and the parse corrected them;
    # both now agree on the subject before the parenthetical
    text = "Al-Shabaab, with help from Eritrea, attacked the African Union."
    for refine in (None, parser):
        got = claims(pipeline, refine, text)
        assert ("al-shabaab", "attacks", "african-union", "affirmed") in got
        assert ("eritrea", "attacks", "african-union", "affirmed") not in got


def test_a_reporting_source_is_not_the_subject(pipeline, parser):
    text = "Lashkar-e-Taiba, said the ISI, has never attacked the Taliban."
    assert ("isi", "attacks", "afghan-taliban", "negated") in claims(pipeline, None, text)
    assert ("isi", "attacks", "afghan-taliban", "negated") not in \
        claims(pipeline, parser, text)


def test_relative_clauses_and_control_verbs_keep_their_claims(pipeline, parser):
    for text in ("The Haqqani Network, which Pakistan backs, attacked the Afghan army.",
                 "Pakistan allowed the TTP to operate from its soil.",
                 "The TTP was never backed by the ISI."):
        assert claims(pipeline, parser, text) == claims(pipeline, None, text), text


def test_an_argument_moves_to_the_words_the_parse_attaches(pipeline, parser):
    text = "AQAP, formed from al-Qaeda in Yemen and the Saudi branch, is led by Saad al-Awlaki."
    out = pipeline.process(RawDocument(source="t", text=text))
    [before] = [c for c in out.claims if c.relation == "leads"]
    [after] = [c for c in parser.refine(out) if c.relation == "leads"]
    assert before.object.id == after.object.id == "al-qaeda-in-the-arabian-peninsula"
    assert after.object.text == "AQAP" and text[after.object.start:after.object.end] == "AQAP"
    assert after.key == before.key  # the same claim, with better evidence


def test_a_passive_read_the_wrong_way_round_is_turned(pipeline, parser):
    text = "The Haqqani Network is backed by the ISI."
    out = pipeline.process(RawDocument(source="t", text=text))
    [right] = out.claims
    assert (right.subject.id, right.object.id) == ("isi", "haqqani-network")
    # the same words read as an active 'backed' (the active trigger's rule), with the
    # subject on the left
    wrong = replace(right, subject=right.object, object=right.subject, trigger="backed",
                    rule="supports.verb")
    refined = parser.refine(replace(out, claims=[wrong]))
    assert [(c.subject.id, c.relation, c.object.id) for c in refined] == [
        ("isi", "supports", "haqqani-network")]


def test_refined_claims_carry_their_extractor_and_refining_twice_changes_nothing(
        pipeline, parser):
    out = pipeline.process(RawDocument(source="t", text="Pakistan did not back the TTP."))
    once = parser.refine(out)
    assert [c.extractor for c in once] == [REFINED]
    twice = parser.refine(replace(out, claims=once))
    assert [c.to_json() for c in twice] == [c.to_json() for c in once]
    assert [c.extractor for c in out.claims] == ["patterns.v2"]  # the input is untouched


def test_claims_the_parse_cannot_check_pass_through(parser):
    claim = Claim(doc="d", sentence="An unparsable line.", start=0, end=19,
                  subject=_arg("a", 0, 2), relation="supports", object=_arg("b", 3, 13),
                  trigger="no such trigger words")
    processed = Processed(source="t", doc="d", text="An unparsable line.", claims=[claim])
    assert parser.refine(processed) == [claim]
    assert parser.refine(Processed(source="t")) == []


def _arg(actor: str, start: int, end: int) -> Argument:
    return Argument(actor, "An unparsable line."[start:end], start, end)


class _Refining(Pipeline):
    """The rule-based pipeline with the parser applied after relate."""

    def __init__(self, dictionary, parser: Parser) -> None:
        super().__init__(dictionary)
        self.parser = parser

    def process(self, raw: RawDocument) -> Processed:
        out = super().process(raw)
        if not out.error:
            out.claims = self.parser.refine(out)
        return out


def test_the_parser_does_not_make_the_gold_set_worse(dictionary, pipeline, parser):
    seeds = SEEDS if SEEDS.is_dir() else None
    rules = evaluate(GOLD, pipeline, seeds_dir=seeds)
    refined = evaluate(GOLD, _Refining(dictionary, parser), seeds_dir=seeds)
    for metric in ("precision", "recall", "f1"):
        assert refined[metric] >= rules[metric], (metric, rules[metric], refined[metric])
