"""Unknown group names become candidates; the analyst's overlay adds, aliases, merges, promotes."""

from __future__ import annotations

from pathlib import Path

import yaml

from .conftest import json_lines

ARTICLE = ("PESHAWAR, June 4, 2021 - The Black Banner Brigades have allied with the TTP, "
           "officials said. The Kivu Freedom Front split from the Black Banner Brigades in "
           "2019.\n")


def test_unknown_groups_become_candidates_with_their_relations(run, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    run("ingest", str(tmp_path / "a.txt"))
    rows = {r["id"]: r for r in json_lines(run("candidates", "--json").output)}
    bbb = rows["candidate:black-banner-brigades"]
    assert bbb["mentions"] == 2 and bbb["claims"] == 2 and bbb["first_seen"] == "2021-06-04"
    assert "allied with the TTP" in bbb["examples"][0]
    claims = json_lines(run("claims", "--json").output)
    allied = [c for c in claims if c["relation"] == "cooperates_with"][0]
    assert allied["subject"] == {**allied["subject"], "id": "candidate:black-banner-brigades",
                                 "provisional": True}


def test_promote_and_merge_rewrite_stored_claims_without_rereading(run, tmp_path, db):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    run("ingest", str(tmp_path / "a.txt"))
    promoted = run("actors", "promote", "Black Banner Brigades", "--region", "south_asia")
    assert promoted.exit_code == 0, promoted.output
    overlay = Path(db).parent / "syndicate-actors.yaml"
    data = yaml.safe_load(overlay.read_text("utf-8"))
    assert data["actors"][0]["id"] == "black-banner-brigades"
    merged = run("actors", "merge", "candidate:kivu-freedom-front", "black-banner-brigades")
    assert merged.exit_code == 0 and "1 claims" in merged.output
    ids = {c["subject"]["id"] for c in json_lines(run("claims", "--json").output)}
    assert ids == {"black-banner-brigades"}
    assert json_lines(run("candidates", "--json").output) == []
    # a new article is read with the overlay: the promoted name is now a dictionary actor
    (tmp_path / "b.txt").write_text("The Black Banner Brigades attacked the Pakistani army.",
                                    "utf-8")
    out = json_lines(run("extract", str(tmp_path / "b.txt"), "--json").output)
    assert out[0]["subject"]["id"] == "black-banner-brigades"
    assert "provisional" not in out[0]["subject"]


def test_add_and_alias_validate_against_the_dictionary(run, tmp_path, db):
    added = run("actors", "add", "red-ridge-movement", "--name", "Red Ridge Movement",
                "--region", "east_africa", "--alias", "RRM")
    assert added.exit_code == 0, added.output
    clash = run("actors", "alias", "red-ridge-movement", "TTP")
    assert clash.exit_code == 2 and "[E010]" in clash.output and "TTP" in clash.output
    ok = run("actors", "alias", "red-ridge-movement", "Red Ridge rebels")
    assert ok.exit_code == 0
    out = json_lines(run("extract", "-", "--json",
                         input="Red Ridge rebels clashed with the TTP in 2020.").output)
    assert out and out[0]["subject"]["id"] == "red-ridge-movement"
    dupe = run("actors", "add", "haqqani-network", "--name", "X", "--region", "south_asia")
    assert dupe.exit_code == 2 and "already exists" in dupe.output
    unknown = run("actors", "merge", "candidate:nothing-here", "TTP")
    assert unknown.exit_code == 2 and "Unknown candidate" in unknown.output


def test_team_article_about_unknown_groups_yields_candidates_and_relations(run):
    article = Path(__file__).parent / "data" / "unknown_groups_article.txt"
    run("ingest", str(article))
    candidates = {r["id"]: r for r in json_lines(run("candidates", "--json").output)}
    assert set(candidates) >= {"candidate:kivu-freedom-front", "candidate:black-banner-brigades",
                               "candidate:jaish-al-fath-al-jadid",
                               "candidate:tehrik-e-nifaz-e-adl", "candidate:red-ridge-movement"}
    claims = json_lines(run("claims", "--json").output)
    provisional = {(c["subject"]["id"], c["relation"], c["object"]["id"]) for c in claims
                   if c["subject"].get("provisional") or c["object"].get("provisional")}
    assert ("candidate:kivu-freedom-front", "splinter_of", "m23") in provisional
    assert ("candidate:black-banner-brigades", "cooperates_with", "al-shabaab") in provisional
    assert ("candidate:red-ridge-movement", "fights", "eln") in provisional
    assert ("candidate:tehrik-e-nifaz-e-adl", "cooperates_with",
            "hafiz-gul-bahadur-group") in provisional
    denied = [c for c in claims if c["subject"]["id"] == "candidate:jaish-al-fath-al-jadid"
              and c["object"]["id"] == "hurras-al-din"]
    # "rejected reports that X had ties to Y": the reported tie and its denial, both kept
    assert {(c["polarity"], c["modality"]) for c in denied} == {("affirmed", "alleged"),
                                                                ("negated", "denied")}
    assert all(candidates[c]["claims"] >= 1 for c in candidates)
