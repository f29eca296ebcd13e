"""A representative sample of the hostile corpus (generated here), ingested in one batch and
one by one: no traceback, every document within its budget, every good document stored,
every export of the result read back by its standard reader. The full corpus (2,000+
documents at full size) runs in benchmarks/bench_hostile.py."""

from __future__ import annotations

import csv
import json
import os
import resource
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree

from syndicate import settings as settings_module
from syndicate.api import KnowledgeBase
from syndicate.cli import cli
from syndicate.export import EXPORTERS
from syndicate.settings import load_settings

from .corpus import generate

MAX_BYTES = 1_000_000
DOC_SECONDS = 10.0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, dictionary):
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    items = generate(folder, n=120, scale=0.01, max_bytes=MAX_BYTES,
                     actor_names=[a.name for a in dictionary.actors.values()])
    os.mkfifo(folder / "good" / "pipe.txt")  # a FIFO with no writer: reported, not read
    return folder, items


def _settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "settings.yaml"
    path.write_text(f"max_bytes: {MAX_BYTES}\ndoc_seconds: {DOC_SECONDS}\n")
    return path


def _outcomes(db: str, folder: Path) -> tuple[set[str], dict[str, str]]:
    with KnowledgeBase(db, settings=load_settings(db=db, user_file=Path("/nonexistent"),
                                                  env={})) as kb:
        stored = {row[0] for row in kb.store.db.execute("SELECT source FROM document_sources")}
        failed = {f["source"]: f["reason"] for f in kb.store.failures()}
    prefix = str(folder) + "/"
    return ({s.removeprefix(prefix) for s in stored},
            {s.removeprefix(prefix): r for s, r in failed.items()})


def _check(items, stored: set[str], failed: dict[str, str]) -> None:
    missing = [i.path for i in items if i.expect == "stored" and i.path not in stored]
    assert not missing, f"good documents not stored: {missing[:10]}"
    unreported = [i.path for i in items if i.expect == "failed" and i.path not in failed]
    assert not unreported, f"bad documents not reported: {unreported[:10]}"
    internal = {s: r for s, r in failed.items() if "internal error" in r or "Traceback" in r}
    assert not internal, internal
    assert "[E020]" in failed.get("good/pipe.txt", "[E020]") or \
        "not a regular file" in failed["good/pipe.txt"]


def test_the_hostile_corpus_in_one_batch_with_two_workers(corpus, tmp_path, monkeypatch):
    folder, items = corpus
    monkeypatch.setattr(settings_module, "USER_FILE", _settings_file(tmp_path))
    db = str(tmp_path / "kb.db")
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(folder), "--workers", "2",
                                      "--json"], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert time.monotonic() - started < 300
    stored, failed = _outcomes(db, folder)
    _check(items, stored, failed)
    assert "good/pipe.txt" in failed
    _exports_read_back(db, tmp_path)


def test_the_hostile_corpus_one_by_one_within_budget_and_memory(corpus, tmp_path):
    folder, items = corpus
    db = str(tmp_path / "kb.db")
    settings = load_settings(db=db, user_file=_settings_file(tmp_path), env={})
    files = sorted({i.path.split("#")[0] for i in items})
    slowest = (0.0, "")
    with KnowledgeBase(db, settings=settings) as kb:
        kb.pipeline(), kb.writable_store()  # built once, before the clock starts
        for name in files:
            last = time.monotonic()

            def tick(item, outcome, name=name):
                nonlocal last, slowest
                now = time.monotonic()
                slowest = max(slowest, (now - last, item.source))
                last = now

            kb.ingest([str(folder / name)], on_document=tick)
    assert slowest[0] < DOC_SECONDS + 2, slowest
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1024 * 1024  # KiB: 1 GiB
    stored, failed = _outcomes(db, folder)
    _check(items, stored, failed)


def _exports_read_back(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt, cls in EXPORTERS.items():
        out = tmp_path / f"export-{fmt}"
        result = runner.invoke(cli, ["--db", db, "export", "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, (fmt, result.output)
        if fmt == "graphml":
            etree.parse(str(out))
            assert nx.read_graphml(out).number_of_nodes() > 0
        elif fmt == "gexf":
            etree.parse(str(out))
            assert nx.read_gexf(out).number_of_nodes() > 0
        elif fmt == "json":
            nx.node_link_graph(json.loads(out.read_text("utf-8")), edges="edges")
        elif fmt == "stix":
            assert json.loads(out.read_text("utf-8"))["type"] == "bundle"
        elif fmt == "ftm":
            assert all(json.loads(line) for line in out.read_text("utf-8").splitlines())
        elif cls.directory:
            for name in ("nodes.csv", "relationships.csv"):
                with (out / name).open(newline="", encoding="utf-8") as fh:
                    rows = list(csv.reader(fh))
                assert rows and not [c for r in rows[1:] for c in r
                                     if c[:1] in ("=", "+", "-", "@")]
        else:
            with out.open(newline="", encoding="utf-8") as fh:
                rows = list(csv.reader(fh))
            assert not [c for r in rows[1:] for c in r if c[:1] in ("=", "+", "-", "@")]
