"""Per-document limits: every document costs bounded time and memory; one over a limit fails
alone with a coded reason ([E022]) and the good documents of the same batch are stored."""

from __future__ import annotations

import json
import resource
import time
import zlib

import pytest

from syndicate.api import KnowledgeBase
from syndicate.limits import Limits, json_depth, markup_depth
from syndicate.model import RawDocument
from syndicate.read import read
from syndicate.settings import load_settings

GOOD = "KABUL, March 3, 2019 - The Haqqani network is backed by the ISI, officials said.\n"


def _kb(tmp_path, **settings):
    db = str(tmp_path / "kb.db")
    return KnowledgeBase(db, settings=load_settings(db=db, user_file=tmp_path / "none.yaml",
                                                    env={}, **settings))


def _ingest(tmp_path, files: dict[str, str | bytes], **settings):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, "utf-8")
    for name, content in files.items():
        target = folder / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, "utf-8")
    with _kb(tmp_path, **settings) as kb:
        started = time.monotonic()
        report = kb.ingest([str(folder)])
        elapsed = time.monotonic() - started
        stored = {d["source"].rsplit("/", 1)[-1] for d in kb.documents()}
    reasons = {f["source"].rsplit("/", 1)[-1]: f["reason"] for f in report.failures}
    return stored, reasons, elapsed


def test_one_sentence_naming_3000_actors_fails_fast_and_alone(tmp_path, dictionary):
    names = [a.name for a in dictionary.actors.values()]
    sentence = "Officials said " + ", ".join((names * 4)[:3000]) + " fought each other.\n"
    stored, reasons, elapsed = _ingest(tmp_path, {"many.txt": sentence})
    assert stored == {"good.txt"}
    assert "[E022]" in reasons["many.txt"] and "names" in reasons["many.txt"]
    assert elapsed < 20


def test_html_nested_100000_levels_skips_the_parser_and_keeps_the_article(tmp_path):
    html = ("<html><body><svg>" + "<g>" * 100_000 + "x" + "</g>" * 100_000 +
            "</svg><p>The Taliban attacked ISIS.</p></body></html>")
    deep_xml = '<?xml version="1.0"?><html>' + "<div>" * 100_000 + "</div>" * 100_000
    stored, reasons, elapsed = _ingest(tmp_path, {"deep.html": html, "deep.xhtml": deep_xml})
    assert stored == {"good.txt", "deep.html"}
    assert "no text left" in reasons["deep.xhtml"]
    assert elapsed < 20


def test_a_19_mb_single_line_fails_on_its_line_length(tmp_path):
    line = ("The Taliban attacked the army near Kabul and " * 430_000)[:19_000_000]
    stored, reasons, _ = _ingest(tmp_path, {"long.txt": line})
    assert stored == {"good.txt"}
    assert "[E022] a line of 19000000 characters" in reasons["long.txt"]


def test_a_gzip_bomb_is_streamed_and_stopped(tmp_path):
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    data = bomb.compress(json.dumps({"text": GOOD.replace("ISI", "ISI again")}).encode() + b"\n")
    for _ in range(256):
        data += bomb.compress(b" " * (1 << 20))  # 256 MiB of blanks
    data += bomb.compress(b"\n") + bomb.flush()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stored, reasons, elapsed = _ingest(tmp_path, {"bomb.jsonl.gz": data})
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert stored == {"good.txt", "bomb.jsonl.gz#1"}
    assert "decompression bomb" in reasons["bomb.jsonl.gz"]
    assert grown_mb < 200 and elapsed < 30


def test_an_overlong_jsonl_record_fails_alone_and_is_never_held(tmp_path):
    big = json.dumps({"text": "The Taliban attacked ISIS. " * 40_000})  # about 1 MB
    lines = [json.dumps({"text": "Hezbollah fought Israel in 2006."}), big,
             json.dumps({"text": "Al-Shabaab attacked AMISOM troops."})]
    stored, reasons, _ = _ingest(tmp_path, {"r.jsonl": "\n".join(lines) + "\n"},
                                 max_bytes=100_000)
    assert stored == {"good.txt", "r.jsonl#1", "r.jsonl#3"}
    assert "[E022] too large" in reasons["r.jsonl#2"]


def test_the_wall_clock_budget_fails_a_slow_document(pipeline, monkeypatch):
    from syndicate.pipeline import Pipeline
    from syndicate.stages import STAGES

    real = STAGES["relate.v1"]

    def slow_relate(doc, ctx):
        if "slow" in doc.raw.source:
            time.sleep(30)  # a stage stuck on hostile input; the timer must cut it
        return real(doc, ctx)

    monkeypatch.setitem(STAGES, "relate.v1", slow_relate)  # the stage list is built from it
    bounded = Pipeline(pipeline.dictionary, limits=Limits(doc_seconds=1))
    started = time.monotonic()
    out = bounded.process(RawDocument(source="slow.txt", text=GOOD))
    assert time.monotonic() - started < 5
    assert out.error and "[E022] took over 1 s" in out.error and not out.claims
    assert bounded.process(RawDocument(source="fine.txt", text=GOOD)).claims


def test_too_many_sentences_fails(pipeline):
    limits = Limits(max_sentences=3)
    from syndicate.pipeline import Pipeline

    bounded = Pipeline(pipeline.dictionary, limits=limits)
    out = bounded.process(RawDocument(source="x", text="One. Two. Three. Four. Five.\n"))
    assert out.error and "5 sentences (limit 3" in out.error and not out.claims


@pytest.mark.parametrize("depth", [1, 10, 600, 5000])
def test_depth_scans_match_the_nesting(depth):
    assert json_depth("[" * depth + '"[[[{"' + "]" * depth) == depth
    html = "<div>" * depth + "<br><p>x<img src='a'/>" + "</div>" * depth
    assert markup_depth(html) == depth


def test_settings_carry_the_limits():
    settings = load_settings(user_file=None, env={}, max_depth="50", doc_seconds="2.5")
    assert settings.limits() == Limits(max_depth=50, doc_seconds=2.5)
    docs = list(read(["-"], limits=settings.limits(),
                     stdin=__import__("io").BytesIO(b"The Taliban.")))
    assert docs[0].text == "The Taliban."
