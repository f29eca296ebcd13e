"""Derived data (near-duplicate clusters) after interruptions, in increments and under
concurrent ingests: the store always converges to what one uninterrupted ingest makes."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from syndicate.api import KnowledgeBase
from syndicate.cli import cli
from syndicate.dedup import cluster_documents
from syndicate.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ["The Taliban", "Al-Shabaab", "Hezbollah", "Boko Haram", "The Houthis", "Hamas",
          "The TTP", "ISIS"]


def _words(seed: str, n: int) -> str:
    return " ".join(hashlib.md5(f"{seed}{i}".encode()).hexdigest()[:7] for i in range(n))


def make_corpus(folder: Path, n: int = 12) -> None:
    """``n`` articles: one in three is a wire copy of an earlier one (near-duplicates)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        base = i - i % 3
        body = _words(f"story{base}", 150)
        if i % 3:
            body = f"Reported by outlet {i}. " + body + f" Copyright outlet {i}."
        group_a, group_b = GROUPS[i % len(GROUPS)], GROUPS[(i + 3) % len(GROUPS)]
        text = (f"KABUL, March {1 + i % 28}, 2019 - {group_a} attacked {group_b} near the "
                f"border, officials said.\n\n{body}\n")
        (folder / f"doc{i:03d}.txt").write_text(text, "utf-8")


def _kb(db: Path) -> KnowledgeBase:
    return KnowledgeBase(str(db), settings=load_settings(db=str(db), user_file=db.parent /
                                                         "none.yaml", env={}))


def snapshot(db: Path) -> dict:
    """What a user would compare: documents, claims, failures and clusters."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            "documents": sorted(r[0] for r in con.execute("SELECT id FROM documents")),
            "claims": sorted(r[0] for r in con.execute("SELECT id FROM claims")),
            "mentions": con.execute("SELECT count(*) FROM mentions").fetchone()[0],
            "sentences": con.execute("SELECT count(*) FROM sentences").fetchone()[0],
            "clusters": dict(con.execute("SELECT doc, cluster FROM clusters ORDER BY doc")),
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus") / "in"
    make_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    with _kb(db) as kb:
        kb.ingest([str(corpus)])
    return snapshot(db)


def test_incremental_clusters_equal_clustering_everything_at_once(corpus, tmp_path,
                                                                  reference):
    db = tmp_path / "kb.db"
    files = sorted(str(p) for p in corpus.iterdir())
    for start in range(0, len(files), 5):  # five documents per ingest
        with _kb(db) as kb:
            kb.ingest(files[start:start + 5])
    got = snapshot(db)
    assert got == reference
    con = sqlite3.connect(db)
    everything = cluster_documents(con.execute("SELECT id, text FROM documents"))
    assert got["clusters"] == everything
    assert len(set(everything.values())) == 4  # 12 articles, 4 stories


def test_stale_clusters_are_rebuilt_by_the_next_ingest_with_nothing_new(corpus, tmp_path,
                                                                        reference):
    db = tmp_path / "kb.db"
    with _kb(db) as kb:
        kb.ingest([str(corpus)])
    con = sqlite3.connect(db)
    with con:  # as a kill between storing documents and clustering them leaves it
        con.execute("DELETE FROM clusters")
        con.execute("DELETE FROM minhash")
        con.execute("DELETE FROM lsh")
    con.close()
    with _kb(db) as kb:
        assert kb.stale() == ["clusters"]
        report = kb.ingest([str(corpus)])
        assert report.added == 0 and kb.stale() == []
    assert snapshot(db) == reference


def test_reindex_reports_and_rebuilds_stale_clusters(corpus, tmp_path, reference):
    db = tmp_path / "kb.db"
    with _kb(db) as kb:
        kb.ingest([str(corpus)])
    con = sqlite3.connect(db)
    with con:
        con.execute("DELETE FROM minhash WHERE doc IN (SELECT doc FROM minhash LIMIT 5)")
    con.close()
    runner = CliRunner()
    check = runner.invoke(cli, ["--db", str(db), "reindex", "--check"])
    assert check.exit_code == 1 and "clusters" in check.output
    done = runner.invoke(cli, ["--db", str(db), "reindex", "--json"])
    assert done.exit_code == 0
    assert json.loads(done.output.splitlines()[0])["rebuilt"] is True
    assert runner.invoke(cli, ["--db", str(db), "reindex", "--check"]).exit_code == 0
    full = runner.invoke(cli, ["--db", str(db), "reindex", "--full"])
    assert full.exit_code == 0 and "rebuilt" in full.output
    assert snapshot(db) == reference


def _ingest_process(db: Path, folder: Path, *, kill: str | None = None,
                    start: Path | None = None) -> subprocess.Popen:
    """An ingest in another process; ``kill`` names where it kills itself with SIGKILL:
    'doc:N' after the Nth document is stored, 'before-clusters', 'in-clusters'. With
    ``start`` it gets ready, then waits for that file to exist before ingesting."""
    script = textwrap.dedent(f"""
        import os, signal, sys
        from syndicate import derived, store
        from syndicate.api import KnowledgeBase
        from syndicate.settings import load_settings
        kill = {kill!r}
        die = lambda: os.kill(os.getpid(), signal.SIGKILL)
        if kill == "before-clusters":
            derived.refresh = lambda *a, **k: die()
            import syndicate.api as api
            api.refresh = derived.refresh
        if kill == "in-clusters":
            import syndicate.dedup as dedup
            real = dedup.similarity
            calls = [0]
            def similarity(a, b):
                calls[0] += 1
                if calls[0] > 3:
                    die()
                return real(a, b)
            dedup.similarity = similarity
        stored = [0]
        def on_document(item, outcome):
            stored[0] += 1
            if kill and kill.startswith("doc:") and stored[0] == int(kill[4:]):
                die()
        db = {str(db)!r}
        kb = KnowledgeBase(db, settings=load_settings(db=db, user_file=None, env={{}}))
        start = {str(start) if start else None!r}
        if start:
            import time
            from pathlib import Path
            kb.pipeline(), kb.writable_store()
            Path(start + f".{{os.getpid()}}").touch()  # ready
            while not Path(start).exists():
                time.sleep(0.01)
        kb.ingest([{str(folder)!r}], on_document=on_document)
        kb.close()
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-c", script], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("kill", ["doc:1", "doc:12", "before-clusters", "in-clusters"])
def test_a_kill_at_each_stage_boundary_converges_on_rerun(corpus, tmp_path, reference, kill):
    db = tmp_path / "kb.db"
    proc = _ingest_process(db, corpus, kill=kill)
    proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL
    rerun = _ingest_process(db, corpus)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert snapshot(db) == reference


def test_two_concurrent_ingests_of_the_same_documents_both_finish(corpus, tmp_path,
                                                                  reference):
    db = tmp_path / "kb.db"
    with _kb(db) as kb:
        kb.writable_store()  # both find the store made, and race on every document
    start = tmp_path / "go"
    first, second = (_ingest_process(db, corpus, start=start),
                     _ingest_process(db, corpus, start=start))
    deadline = time.monotonic() + 120
    while len(list(tmp_path.glob("go.*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    start.touch()
    for proc in (first, second):
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
        assert b"Traceback" not in err
    assert snapshot(db) == reference


def test_adding_one_document_clusters_only_that_document(corpus, tmp_path, monkeypatch):
    import syndicate.dedup as dedup

    db = tmp_path / "kb.db"
    with _kb(db) as kb:
        kb.ingest([str(corpus)])
    (tmp_path / "new.txt").write_text((corpus / "doc001.txt").read_text("utf-8") +
                                      "\nOne more line from another outlet.\n", "utf-8")
    signed: list[str] = []
    real = dedup.signature
    monkeypatch.setattr(dedup, "signature", lambda text, **kw: signed.append(text) or
                        real(text, **kw))
    with _kb(db) as kb:
        assert kb.ingest([str(tmp_path / "new.txt")]).added == 1
        clusters = kb.store.clusters()
    assert len(signed) == 1  # the store's other documents are not shingled again
    ids = dict(sqlite3.connect(db).execute("SELECT source, id FROM documents"))
    assert clusters[ids[str(tmp_path / "new.txt")]] == clusters[ids[str(corpus / "doc001.txt")]]
