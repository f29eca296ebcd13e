"""The CLI as scripts and people use it: exact forms, JSON shapes, exit codes."""

from __future__ import annotations

import json
import sqlite3

from .conftest import json_lines

ARTICLE = ("KABUL, March 3, 2019 (Syndicate Wire) - The Haqqani network is backed by the "
           "ISI, Afghan officials said. Pakistan denied backing the Haqqani network.\n")
CONTRACT_KEYS = {"doc", "source", "published", "sentence", "start", "end", "subject",
                 "relation", "object", "polarity", "modality", "attribution", "time",
                 "trigger", "extractor", "confidence"}


def test_extract_prints_claims_in_the_data_contract(run, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, "utf-8")
    result = run("extract", str(path), "--json")
    assert result.exit_code == 0, result.output
    claims = json_lines(result.output)
    assert claims and all(CONTRACT_KEYS <= set(c) for c in claims)
    backed = [c for c in claims if c["relation"] == "supports" and c["polarity"] == "affirmed"]
    assert backed[0]["subject"]["id"] == "isi" and backed[0]["object"]["id"] == "haqqani-network"
    assert backed[0]["source"] == str(path) and backed[0]["published"] == "2019-03-03"
    sentence = backed[0]["sentence"]
    text_start = backed[0]["subject"]["start"] - backed[0]["start"]
    assert sentence[text_start:text_start + 3] == "ISI"
    denied = [c for c in claims if c["modality"] == "denied"]
    assert denied and denied[0]["subject"]["id"] == "pakistan"
    assert denied[0]["polarity"] == "negated"


def test_ingest_documents_claims_show(run, tmp_path, db):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    result = run("ingest", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "1 documents added" in result.output
    (doc,) = json_lines(run("documents", "--json").output)
    assert {"id", "source", "title", "published", "date_source", "date_precision", "chars",
            "removed"} <= set(doc)
    assert doc["published"] == "2019-03-03" and doc["date_source"] == "dateline"
    claims = json_lines(run("claims", "--actor", "HQN", "--relation", "supports",
                            "--json").output)
    assert {c["subject"]["id"] for c in claims} == {"isi", "pakistan"}
    shown = run("show", "ISI")
    assert shown.exit_code == 0
    assert "supports -> Haqqani Network" in shown.output and "backed by the ISI" in shown.output
    # a real SQLite file in WAL mode with a schema version
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA user_version").fetchone()[0] >= 1


def test_bad_documents_are_reported_and_the_batch_goes_on(run, tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff\x00binary")
    (tmp_path / "broken.jsonl").write_text('{"text": "The TTP attacked the army."}\n{oops\n')
    result = run("ingest", str(tmp_path))
    assert result.exit_code == 1
    assert "2 documents added" in result.output and "2 failed" in result.output
    failures = json_lines(run("failures", "--json").output)
    assert {f["source"].rsplit("/", 1)[-1] for f in failures} == {"bad.txt", "broken.jsonl#2"}
    # what was stored before is still there after a second, partly failing run
    again = run("ingest", str(tmp_path), "--json")
    assert json_lines(again.output)[0]["duplicate"] == 2
    assert len(json_lines(run("documents", "--json").output)) == 2


def test_helpful_errors_and_exit_codes(run):
    missing = run("show", "ISI")
    assert missing.exit_code == 2 and "[E032] No store" in missing.output
    run("ingest", "-", input=ARTICLE)
    unknown = run("show", "Nonexistent Brigade")
    assert unknown.exit_code == 2 and "[E040] Unknown actor" in unknown.output
    bad_rel = run("claims", "--relation", "likes", "--json")
    assert bad_rel.exit_code == 2 and "[E012] Unknown relation type 'likes'" in bad_rel.output
    nothing = run("ingest")
    assert nothing.exit_code == 2 and "--sample" in nothing.output


def test_ingest_from_stdin(run):
    result = run("ingest", "-", "--json", input=ARTICLE)
    assert json_lines(result.output)[0]["added"] == 1


def test_actors_json_reports_counts_by_kind_and_region(run, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    run("ingest", str(tmp_path))
    (summary,) = json_lines(run("actors", "--json").output)
    assert summary["by_kind"]["armed_group"] >= 5 and summary["by_kind"]["state"] >= 3
    assert "south_asia" in summary["by_region"]
    mentioned = {a["id"] for a in summary["actors"]}
    assert {"isi", "haqqani-network", "pakistan"} <= mentioned


def test_sample_corpus_ingests_cleanly(run):
    result = run("ingest", "--sample", "--json")
    report = json_lines(result.output)[0]
    assert result.exit_code == 0, report["failures"]
    assert report["added"] >= 20 and report["claims"] >= 50


def test_help_explains_commands(run):
    out = run("--help").output
    for command in ("ingest", "extract", "documents", "claims", "actors", "show", "eval"):
        assert command in out
    ingest_help = " ".join(run("ingest", "--help").output.split())
    assert "Re-ingesting the same text adds nothing" in ingest_help


def test_python_api(tmp_path):
    import syndicate

    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    with syndicate.open(str(tmp_path / "kb.db")) as kb:
        report = kb.ingest([str(tmp_path / "a.txt")])
        assert report.added == 1
        assert kb.claims(actor="ISI")[0]["object"]["id"] == "haqqani-network"
        assert json.dumps(kb.actor("Haqqanis"))


def test_document_view_and_full_text_search(run, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE + "\nShare this article\n", "utf-8")
    run("ingest", str(tmp_path))
    (doc,) = json_lines(run("documents", "--json").output)
    shown = json_lines(run("document", doc["id"][:6], "--json").output)[0]
    assert shown["id"] == doc["id"] and "backed by the ISI" in shown["text"]
    assert {"reason": "share_widget", "text": "Share this article"} in shown["removed"]
    hits = json_lines(run("search", "Haqqani AND denied", "--json").output)
    assert [h["text"] for h in hits] == ["Pakistan denied backing the Haqqani network."]
    bad = run("search", 'unbalanced"')
    assert bad.exit_code == 2 and "[E042]" in bad.output
    missing = run("document", "ffffffff")
    assert missing.exit_code == 2 and "[E041]" in missing.output
