"""Hostile command lines, files and stores: a coded reason and an exit code, never a traceback.

Each test is named for what broke (issue 14). Exit code 2: usage or input error; 1: some
documents failed and the rest were stored.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from syndicate.cli import cli

from .conftest import json_lines

ARTICLE = ("KABUL, March 3, 2019 (Syndicate Wire) - The Haqqani network is backed by the "
           "ISI, Afghan officials said. Pakistan denied backing the Haqqani network.\n")
OTHER = ("ISLAMABAD, May 2, 2020 - The TTP and Lashkar-e-Jhangvi carried out joint attacks "
         "in Quetta, police said.\n")


def invoke(*args: str, input: str | None = None):
    """Run the CLI in-process; fail the test on any exception other than a clean exit."""
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {type(result.exception).__name__}: "
                             f"{result.exception}\n{result.output}")
    assert "Traceback" not in result.output
    return result


def assert_usage_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    for fragment in fragments:
        assert fragment in result.output, result.output


@pytest.fixture
def store(tmp_path):
    """A store with two documents; returns its path."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "in" / "b.txt").write_text(OTHER, "utf-8")
    db = str(tmp_path / "kb.db")
    assert invoke("--db", db, "ingest", str(tmp_path / "in")).exit_code == 0
    return db


# --- one bad file never kills the batch -----------------------------------------------------


@pytest.mark.parametrize("workers", ["1", "2"])
def test_deeply_nested_json_fails_alone_and_the_good_documents_are_stored(tmp_path, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, "utf-8")
    (folder / "deep.json").write_text("[" * 5000 + "]" * 5000)
    deep_record = '{"text": ' + "[" * 3000 + "]" * 3000 + "}"
    (folder / "mixed.jsonl").write_text(json.dumps({"text": OTHER}) + "\n" + deep_record + "\n")
    db = str(tmp_path / "kb.db")
    result = invoke("--db", db, "ingest", str(folder), "--workers", workers, "--json")
    assert result.exit_code == 1
    report = json_lines(result.output)[0]
    assert report["added"] == 2 and report["failed"] == 2
    reasons = " ".join(f["reason"] for f in report["failures"])
    assert reasons.count("[E022]") == 2 and "nested" in reasons


def test_dev_zero_and_a_fifo_are_refused_not_read(tmp_path):
    fifo = tmp_path / "in" / "pipe.txt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    (tmp_path / "in" / "good.txt").write_text(ARTICLE, "utf-8")
    db = str(tmp_path / "kb.db")
    result = invoke("--db", db, "ingest", "/dev/zero", str(tmp_path / "in"), "--json")
    assert result.exit_code == 1
    report = json_lines(result.output)[0]
    assert report["added"] == 1
    reasons = {f["source"]: f["reason"] for f in report["failures"]}
    assert "not a regular file" in reasons["/dev/zero"]
    assert "not a regular file" in reasons[str(fifo)]


def test_a_symlink_loop_in_a_folder_is_reported_once(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(ARTICLE, "utf-8")
    (folder / "sub" / "loop").symlink_to(folder)
    result = invoke("--db", str(tmp_path / "kb.db"), "ingest", str(folder), "--json")
    report = json_lines(result.output)[0]
    assert report["added"] == 1
    assert any("symlink loop" in f["reason"] for f in report["failures"])


# --- stores -------------------------------------------------------------------------------------


def _make_read_only(path: Path) -> None:
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(
                ["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("running as root without chattr: cannot make a file read-only")
    else:
        path.chmod(0o444)


def _undo_read_only(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    else:
        path.chmod(0o644)


def test_a_read_only_store_opens_read_only_for_read_commands(store):
    sqlite3.connect(store).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _make_read_only(Path(store))
    try:
        documents = invoke("--db", store, "documents", "--json")
        assert documents.exit_code == 0, documents.output
        assert len(json_lines(documents.output)) == 2
        assert invoke("--db", store, "claims", "--json").exit_code == 0
        ingest = invoke("--db", store, "ingest", "-", input=OTHER + " More text.")
        assert_usage_error(ingest, "[E033]", "read-only")
    finally:
        _undo_read_only(Path(store))


def test_a_damaged_store_is_reported_with_the_integrity_check(store):
    con = sqlite3.connect(store)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(Path(store).read_bytes())
    page = 4096
    for offset in range(2 * page, len(data), page):
        data[offset + 8: offset + 200] = b"\xa5" * 192  # damage every page after the second
    Path(store).write_bytes(bytes(data))
    result = invoke("--db", store, "claims", "--json")
    assert_usage_error(result, "[E031]", "integrity check")
    assert "backup" in result.output


def test_a_sqlite_file_of_another_application_is_refused_and_not_written(tmp_path):
    other = tmp_path / "app.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE users (name TEXT)")
    con.execute("INSERT INTO users VALUES ('alice')")
    con.commit()
    con.close()
    before = other.read_bytes()
    for args in (("documents",), ("ingest", "-")):
        result = invoke("--db", str(other), *args, input=ARTICLE)
        assert_usage_error(result, "[E034]", "not a Syndicate store")
    assert other.read_bytes() == before
    assert not Path(str(other) + "-wal").exists()


@pytest.mark.parametrize("command", ["documents", "claims", "network", "reindex"])
def test_a_read_command_on_a_missing_store_creates_nothing(tmp_path, command):
    db = tmp_path / "no" / "such" / "dir" / "x.db"
    result = invoke("--db", str(db), command)
    assert_usage_error(result, "[E032]", "syndicate ingest")
    assert not (tmp_path / "no").exists()


# --- files the CLI writes or reads besides documents -------------------------------------------


def test_export_to_a_missing_folder_a_folder_or_over_a_file_is_a_coded_error(store, tmp_path):
    missing = invoke("--db", store, "export", "--format", "gexf", "-o",
                     str(tmp_path / "nope" / "map.gexf"))
    assert_usage_error(missing, "[E060]")
    folder = invoke("--db", store, "export", "--format", "graphml", "-o", str(tmp_path))
    assert_usage_error(folder, "[E060]", "folder")
    (tmp_path / "file.txt").write_text("keep me")
    neo4j = invoke("--db", store, "export", "--format", "neo4j", "-o", str(tmp_path / "file.txt"))
    assert_usage_error(neo4j, "[E060]")
    assert (tmp_path / "file.txt").read_text() == "keep me"


def test_eval_on_a_gold_line_missing_fields_is_a_coded_error(store, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "sample/x.txt", "relation": "fights"}\n{"anchor": "a"}\n')
    result = invoke("--db", store, "eval", str(gold))
    assert_usage_error(result, "[E023]", "gold.jsonl:1", "subject")


def test_actors_option_naming_a_folder_is_a_coded_error(store, tmp_path):
    result = invoke("--db", store, "--actors", str(tmp_path), "documents")
    assert_usage_error(result, "[E010]", "folder")


def test_an_overlay_that_cannot_be_written_is_a_coded_error(tmp_path):
    db = tmp_path / "kb.db"
    (tmp_path / "syndicate-actors.yaml").mkdir()  # in the way, as an unwritable file would be
    result = invoke("--db", str(db), "actors", "add", "red-ridge", "--name", "Red Ridge",
                    "--region", "south_asia")
    assert_usage_error(result, "[E010]", "syndicate-actors.yaml")


# --- strict arguments ---------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "fragments"), [
    (("network", "--relation", "bogus"), ("bogus", "cooperates_with", "fights")),
    (("network", "--kind", "bogus"), ("bogus", "armed_group", "state")),
    (("actors", "--kind", "bogus"), ("bogus", "armed_group")),
    (("network", "--at", "99999"), ("99999", "YYYY")),
    (("network", "--at", "20200101"), ("20200101", "YYYY-MM-DD")),
    (("network", "--at", "\uff12\uff10\uff12\uff10"), ("YYYY",)),
    (("network", "--since", "2020", "--until", "2019"), ("--since", "--until")),
    (("stats", "--at", "2020-13"), ("2020-13",)),
    (("actors", "add", "x-y", "--name", "X Y", "--region", "bogus"), ("bogus", "south_asia")),
])
def test_unknown_names_and_impossible_dates_are_usage_errors(store, args, fragments):
    assert_usage_error(invoke("--db", store, *args), *fragments)
