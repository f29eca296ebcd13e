"""Actor recognition on its own set (tests/recognition/README.md), pinned in CI.

Scored once blind, then opened for development (its README says when); the floors keep
what was gained.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from syndicate.evaluate import evaluate_near_misses, evaluate_people, evaluate_recognition

HERE = Path(__file__).parent / "recognition"
FLOORS = json.loads((Path(__file__).parent / "gold" / "floors.json").read_text("utf-8"))
# set -> (its folder, the folder of its documents): tests/recognition and recognition2 are
# development sets since their first scores (recognition5 too, since 2026-12-03, and
# recognition3 and recognition4, since the second session of 2026-12-03, and
# recognition7 since its first score; tests/recognition6, recognition8 and recognition9 were
# scored once blind and are read for their scores only
SETS = {"recognition": (HERE, HERE / "blind1"),
        "recognition2": (HERE.parent / "recognition2", HERE.parent / "recognition2" / "docs"),
        "recognition3": (HERE.parent / "recognition3", HERE.parent / "recognition3" / "docs"),
        "recognition4": (HERE.parent / "recognition4", HERE.parent / "recognition4" / "docs"),
        "recognition5": (HERE.parent / "recognition5", HERE.parent / "recognition5" / "docs"),
        "recognition6": (HERE.parent / "recognition6", HERE.parent / "recognition6" / "docs"),
        "recognition7": (HERE.parent / "recognition7", HERE.parent / "recognition7" / "docs"),
        "recognition8": (HERE.parent / "recognition8", HERE.parent / "recognition8" / "docs"),
        "recognition9": (HERE.parent / "recognition9", HERE.parent / "recognition9" / "docs")}


@pytest.fixture(scope="module", params=sorted(SETS))
def scores(request, pipeline):
    folder, docs = SETS[request.param]
    paths = sorted(str(p) for p in docs.glob("*.txt"))
    result = evaluate_recognition(folder / "mentions.jsonl", pipeline, paths=paths)
    result["near_miss"] = evaluate_near_misses(folder / "near_miss.jsonl", pipeline)
    result["set"] = request.param
    return result


def test_the_set_is_as_large_as_promised(scores):
    assert scores["documents"] == 12 and scores["missing_documents"] == []
    assert scores["mentions"] >= 300
    assert scores["near_miss"]["sentences"] >= 200


def test_recognition_meets_its_floors(scores):
    floors = FLOORS[scores["set"]]
    assert scores["actor_recall"] >= floors["actor_recall"], scores["actor_recall"]
    assert scores["mention_recall"] >= floors["mention_recall"], scores["mention_recall"]
    assert scores["wrong_rate"] <= floors["wrong_rate"], scores["wrong_rate"]
    assert scores["near_miss"]["sentences_with_mentions"] <= floors["near_miss_sentences"]


def test_unknown_people_in_roles_meet_their_floors(pipeline):
    """recognition2 annotates the people the dictionary does not list who are given a role
    in a group; each should become a candidate person linked to that group."""
    folder = HERE.parent / "recognition2"
    paths = sorted(str(p) for p in (folder / "docs").glob("*.txt"))
    result = evaluate_people(folder / "candidates.jsonl", pipeline, paths=paths)
    floors = FLOORS["recognition2"]
    assert result["people"] == 34 and result["missing_documents"] == []
    assert result["recall"] >= floors["people_recall"], result["recall"]
    assert result["precision"] >= floors["people_precision"], result["precision"]
    assert result["group_right"] == 1.0, [e for e in result["errors"] if "expected" in e]


def test_eval_prints_recognition_scores(run):
    paths = sorted(str(p) for p in (HERE / "blind1").glob("*.txt"))
    result = run("eval", "--recognition", "--no-errors", "--near-miss",
                 str(HERE / "near_miss.jsonl"), str(HERE / "mentions.jsonl"), *paths)
    assert result.exit_code == 0
    assert "actors found with the right id" in result.output
    assert "near misses:" in result.output
    folder = HERE.parent / "recognition2"
    result = run("eval", "--recognition", "--people", str(folder / "candidates.jsonl"),
                 str(folder / "mentions.jsonl"), *sorted(str(p) for p in
                                                          (folder / "docs").glob("*.txt")))
    assert result.exit_code == 0
    assert "unknown people in roles:" in result.output
    assert "'missed_person': 'Wilmer Pacheco'" in result.output  # errors list by name


def test_eval_of_a_relation_set_says_which_actors_it_missed(run, tmp_path):
    """A relation gold set also measures recognition: the actors its relations name that
    the system never found in the document are listed by name."""
    doc = tmp_path / "d" / "a.txt"
    doc.parent.mkdir()
    doc.write_text("The Haqqani network attacked Afghan forces in Khost, officials said. "
                   "The Zorblax Front was not involved.\n", "utf-8")
    gold = tmp_path / "g.jsonl"
    lines = [{"doc": "d/a.txt", "anchor": "The Haqqani network attacked", "subject":
              "haqqani-network", "relation": "attacks", "object": "afghan-national-army",
              "polarity": "affirmed", "modality": "asserted"},
             {"doc": "d/a.txt", "anchor": "Zorblax Front", "subject": "haqqani-network",
              "relation": "cooperates_with", "object": "al-qaeda", "polarity": "affirmed",
              "modality": "asserted"}]
    gold.write_text("".join(json.dumps(x) + "\n" for x in lines), "utf-8")
    result = run("eval", str(gold), str(doc))
    assert result.exit_code == 0, result.output
    assert "actors of the gold relations found in their document" in result.output
    missed = result.output.split("actors not found:")[1].split("misses:")[0]
    assert "al-qaeda" in missed and "haqqani-network" not in missed
