"""The per-document work on a real Dask LocalCluster gives what one process gives."""

from __future__ import annotations

import concurrent.futures
import logging
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("distributed")

from distributed.scheduler import KilledWorker  # noqa: E402

from syndicate.api import KnowledgeBase  # noqa: E402
from syndicate.distributed import (  # noqa: E402
    PipelineSpec,
    connect,
    process_batch,
    process_on_dask,
)
from syndicate.errors import DictionaryError, SettingsError  # noqa: E402
from syndicate.model import Processed, RawDocument  # noqa: E402
from syndicate.pipeline import Pipeline, process_all  # noqa: E402
from syndicate.read import read  # noqa: E402
from syndicate.settings import load_settings  # noqa: E402
from syndicate.store import Store  # noqa: E402

from .conftest import SEEDS  # noqa: E402

ARTICLE = ("ISLAMABAD, March 3, 2015 - Lashkar-e-Taiba and the Haqqani Network have carried "
           "out joint attacks in Kabul, officials said. The TTP denied any links with "
           "al-Qaeda. The Black Banner Brigades split from the TTP in 2014.\n")
HTML = ("<!doctype html><html><head><title>Clashes</title></head><body><article>"
        "<p>KABUL, May 9, 2019 - The Afghan Taliban clashed with Islamic State Khorasan "
        "Province fighters in Nangarhar, the governor said.</p></article></body></html>")


@pytest.fixture(scope="module")
def client():
    """One real LocalCluster for the module: 2 worker processes, one thread each."""
    noisy = logging.getLogger("distributed")
    level = noisy.level
    noisy.setLevel(logging.ERROR)
    dask_client = connect("local", workers=2, dashboard_address=None)
    dask_client.run(logging.getLogger("distributed").setLevel, logging.CRITICAL)  # workers
    try:
        yield dask_client
    finally:
        dask_client.close()
        noisy.setLevel(level)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """The seeds when present, plus generated documents, bad ones among them."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "a_article.txt").write_text(ARTICLE, "utf-8")
    (folder / "b_page.html").write_text(HTML, "utf-8")
    (folder / "c_binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 64)
    (folder / "d_empty.txt").write_bytes(b"")
    (folder / "e_records.jsonl").write_text(
        '{"id": "r1", "text": "The TTP attacked Pakistani troops in Swat.", '
        '"published": "2012-10-09"}\n'
        '{"id": "r2", "text": \n'
        '{"id": "r3", "html": "<html><body><nav>Home</nav></body></html>"}\n', "utf-8")
    (folder / "f_copy.txt").write_text(ARTICLE, "utf-8")  # the same text again: a duplicate
    paths = [str(folder), str(folder / "missing.txt")]
    return ([str(SEEDS)] if SEEDS.is_dir() else []) + paths


def summary(items: list[Processed]) -> list[dict[str, Any]]:
    """What a user would compare: per document, its id, error, date, mentions and claims."""
    return [{"source": p.source, "doc": p.doc, "error": p.error, "date": p.date,
             "mentions": [m.to_json() for m in p.mentions],
             "claims": [c.to_json() for c in p.claims]} for p in items]


@pytest.fixture(scope="module")
def expected(inputs) -> list[Processed]:
    return list(process_all(read(inputs), Pipeline()))


@pytest.mark.parametrize(("batch_size", "max_in_flight"), [(64, 4), (1, 1), (3, 2)])
def test_cluster_gives_the_same_claims_errors_and_order_as_one_process(
        client, inputs, expected, batch_size, max_in_flight):
    got = list(process_on_dask(read(inputs), client=client, batch_size=batch_size,
                               max_in_flight=max_in_flight))
    assert summary(got) == summary(expected)
    errors = {Path(p.source).name: p.error for p in got if p.error}
    assert errors["c_binary.txt"].startswith("binary content")
    assert errors["d_empty.txt"] == "empty document"
    assert errors["missing.txt"] == "file not found"
    assert "malformed JSON" in errors["e_records.jsonl#2"]
    assert sum(len(p.claims) for p in got) >= 3
    if SEEDS.is_dir():
        assert sum(1 for p in got if "seeds" in p.source and p.claims) >= 3


def test_storing_cluster_results_gives_the_same_store_as_ingest(client, inputs, tmp_path):
    settings = load_settings(user_file=tmp_path / "none.yaml", env={},
                             db=str(tmp_path / "one.db"))
    with KnowledgeBase(settings.db, settings=settings) as kb:
        report = kb.ingest(inputs)
        one_process = (kb.store.counts(), kb.store.claims(curated=False),
                       [(f["source"], f["reason"]) for f in kb.store.failures()])
        dictionary = kb.dictionary
        overlays = settings.all_overlays()
    tally: Counter[str] = Counter()
    with Store(tmp_path / "cluster.db", dictionary=dictionary) as store:
        for item in process_on_dask(read(inputs), client=client, overlays=overlays,
                                    candidates=settings.candidates, batch_size=4,
                                    extractor=settings.extractor,
                                    model_threshold=settings.model_threshold):
            tally[store.add(item)] += 1
        on_cluster = (store.counts(), store.claims(curated=False),
                      [(f["source"], f["reason"]) for f in store.failures()])
    assert on_cluster == one_process
    assert tally == Counter({k: v for k, v in report.to_json().items()
                             if k in ("added", "duplicate", "failed") and v})
    assert report.duplicate == 1 and report.failed == 5 and report.claims > 0


def test_workers_do_not_need_the_client_overlay_files(client, tmp_path):
    overlay = tmp_path / "syndicate-actors.yaml"
    overlay.write_text("actors:\n- id: zorbani-brigade\n  name: Zorbani Brigade\n"
                       "  kind: armed_group\n  region: south_asia\n  aliases: [ZB]\n", "utf-8")
    raws = [RawDocument(source="zb.txt", text="The Zorbani Brigade allied with the TTP in "
                                              "2020, officials said.")]
    expected = [c.to_json() for c in Pipeline(overlays=[overlay]).process(raws[0]).claims]
    results = process_on_dask(raws, client=client, overlays=[overlay])
    overlay.unlink()  # read when called: the cluster never sees this path
    got = [c.to_json() for p in results for c in p.claims]
    assert got == expected
    assert got and got[0]["subject"]["id"] == "zorbani-brigade"


def test_a_worker_with_another_dictionary_refuses_to_work(client):
    spec = PipelineSpec.from_paths()
    other = PipelineSpec(spec.overlays, spec.candidates, "0.0.1:000000000000", "other")
    raw = RawDocument(source="a.txt", text=ARTICLE)
    with pytest.raises(DictionaryError, match="same Syndicate version"):
        client.submit(process_batch, [raw], other, pure=False).result()


def test_connecting_by_address_leaves_the_cluster_running(client):
    address = client.scheduler.address
    with connect(address) as second:
        got = list(process_on_dask([RawDocument(source="a.txt", text=ARTICLE)],
                                   client=second))
    assert got[0].claims
    assert client.submit(sum, [1, 2], pure=False).result() == 3  # still up


def test_stopping_early_cancels_what_is_still_on_the_cluster(client):
    raws = (RawDocument(source=f"{n}.txt", text=ARTICLE + f"Copy {n}.") for n in range(200))
    results = process_on_dask(raws, client=client, batch_size=2, max_in_flight=3)
    assert next(results).claims
    results.close()
    deadline = time.monotonic() + 10
    while any(str(k).startswith("syndicate-batch-") for k in client.futures):
        assert time.monotonic() < deadline, list(client.futures)
        time.sleep(0.05)


class InProcessCluster:
    """Runs tasks here, like a cluster would; a task whose batch ``kills`` fails whole."""

    def __init__(self, kills: Callable[[list[RawDocument]], BaseException | None]) -> None:
        self.kills = kills
        self.batches: list[int] = []

    def submit(self, func: Any, batch: list[RawDocument], *args: Any,
               **options: Any) -> concurrent.futures.Future[Any]:
        self.batches.append(len(batch))
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        death = self.kills(batch)
        if death is None:
            future.set_result(func(batch, *args))
        else:
            future.set_exception(death)
        return future


def test_a_batch_killed_on_the_cluster_loses_only_the_document_that_killed_it(pipeline):
    raws = [RawDocument(source=f"{n}.txt", text=ARTICLE + f"Copy {n}.") for n in range(5)]
    raws[2] = RawDocument(source="poison.txt", text=ARTICLE)
    dead = SimpleNamespace(address="tcp://10.0.0.9:40000")
    cluster = InProcessCluster(lambda batch: KilledWorker("task", dead, 3)  # type: ignore
                               if any(r.source == "poison.txt" for r in batch) else None)
    got = list(process_on_dask(raws, client=cluster, batch_size=5))  # type: ignore[arg-type]
    assert [p.source for p in got] == [r.source for r in raws]
    assert got[2].error and "KilledWorker" in got[2].error and not got[2].claims
    kept = [p for n, p in enumerate(got) if n != 2]
    assert summary(kept) == summary([pipeline.process(r) for n, r in enumerate(raws) if n != 2])
    assert cluster.batches == [5, 1, 1, 1, 1, 1]


def test_a_dictionary_that_fails_on_the_workers_stops_the_run():
    cluster = InProcessCluster(lambda batch: DictionaryError("bad overlay"))
    with pytest.raises(DictionaryError) as raised:
        list(process_on_dask([RawDocument(source="a.txt", text=ARTICLE)],
                             client=cluster))  # type: ignore[arg-type]
    assert str(raised.value) == "[E010] bad overlay"


def test_bad_options_are_refused_when_called(client):
    with pytest.raises(ValueError, match="batch_size"):
        process_on_dask([], client=client, batch_size=0)
    with pytest.raises(ValueError, match="max_in_flight"):
        process_on_dask([], client=client, max_in_flight=0)
    with pytest.raises(SettingsError, match="E050"):
        connect("  ")
    with pytest.raises(SettingsError, match="local Dask cluster"):
        connect(client.scheduler.address, workers=2)


def test_the_extractor_and_its_model_threshold_reach_the_workers(client):
    """A hybrid keeping every model claim on the cluster gives what it gives here."""
    article = Path(__file__).parent / "gold" / "dev" / "2020-06-hts-hurras-al-din-crackdown.txt"
    raws = [RawDocument(source="a.txt", text=article.read_text("utf-8"))]
    for threshold in (0.0, None):
        here = Pipeline(extractor="hybrid", model_threshold=threshold).process(raws[0])
        there = list(process_on_dask(raws, client=client, extractor="hybrid",
                                     model_threshold=threshold))
        assert [c.to_json() for c in there[0].claims] == [c.to_json() for c in here.claims]
    every = Pipeline(extractor="hybrid", model_threshold=0.0).process(raws[0]).claims
    assert len(every) > len(here.claims)  # the threshold made a difference
