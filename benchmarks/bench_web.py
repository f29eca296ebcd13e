"""The web map at scale: API latency, page load and server memory on a store of generated
claims, then an ingest into that store while the server answers, checked against a
from-scratch computation of the edges.

    PYTHONPATH=src python benchmarks/bench_web.py [--claims 1000000] [--requests 200]

Claims come from ``bench_graph.generate`` (communities with hubs, Zipf-popular dyads, all
relations and modalities, near-duplicate clusters) and are written straight into a store
(no extraction), then ``edges.rebuild_edges`` materialises the map. The server runs as
``syndicate serve`` in a subprocess; latencies are wall-clock times of HTTP requests from
this process over loopback, one at a time. Targets (issue 13): p95 <= 50 ms for the
network, neighbourhood, timeline and evidence calls, map page load <= 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_graph import generate  # noqa: E402

from syndicate import graph  # noqa: E402
from syndicate.api import KnowledgeBase, sample_corpus  # noqa: E402
from syndicate.edges import rebuild_edges  # noqa: E402
from syndicate.mapquery import stored_edges  # noqa: E402
from syndicate.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2025-01-01"


def build_store(path: str, n_claims: int, n_actors: int, seed: int) -> dict[str, float]:
    t0 = time.perf_counter()
    claims, actors, clusters = generate(n_claims, n_actors, seed)
    t_gen = time.perf_counter() - t0
    t0 = time.perf_counter()
    with Store(path) as store:
        db = store.db
        db.execute("PRAGMA synchronous=OFF")
        with db:
            db.executemany(
                "INSERT INTO actors VALUES (?,?,?,?,?,?,?,?,1,'bench')",  # kept by sync_actors
                [(a["id"], a["name"], a["kind"], a["region"], json.dumps(a["country"]), "[]",
                  None, None) for a in actors])
            # A reprint has its original's text, so that clustering the texts anew (as each
            # ingest does) finds the generator's clusters again.
            db.executemany(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(d, f"https://news.example/{d}", None, f"Report {d}", None, "none", None, 40,
                  f"Generated report {c} about {random.Random(c).randint(0, 10**9)}.",
                  "2025-01-01T00:00:00") for d, c in clusters.items()])
            db.executemany("INSERT INTO clusters VALUES (?,?)", clusters.items())
            db.executemany(
                "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                ((c["id"], c["doc"], c["subject"]["id"], c["relation"], c["object"]["id"],
                  c["polarity"], c["modality"], c["time"]["value"], c["confidence"],
                  c["extractor"], json.dumps(c)) for c in claims))
        t_write = time.perf_counter() - t0
        t0 = time.perf_counter()
        counts = rebuild_edges(store)
        t_rebuild = time.perf_counter() - t0
    print(f"store: {n_claims:,} claims, {len(actors):,} actors, {len(clusters):,} documents; "
          f"generated in {t_gen:.0f}s, written in {t_write:.0f}s, edges rebuilt in "
          f"{t_rebuild:.0f}s: {counts}; {os.path.getsize(path) / 1e9:.2f} GB")
    return {"rebuild_s": t_rebuild}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"),
                                                       os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, "-m", "syndicate", "--db", db, "serve", "--port",
                             str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while True:
        try:
            urllib.request.urlopen(url + "/openapi.json", timeout=5)
            return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start") from None
            time.sleep(0.5)


def get(url: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:
        n = len(r.read())
    return time.perf_counter() - t0, n


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def rss_mb(pid: int) -> tuple[float, float]:
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


def latencies(base: str, db: str, n: int, seed: int) -> dict[str, list[float]]:
    rng = random.Random(seed)
    with Store(db) as store:
        edges = store.db.execute("SELECT subject, relation, object FROM edges ORDER BY random() "
                                 f"LIMIT {n}").fetchall()
        actors = [r[0] for r in store.db.execute(f"SELECT id FROM actors ORDER BY random() "
                                                 f"LIMIT {n}")]
    q = urllib.parse.quote
    relations = ["fights", "supports", "cooperates_with", "attacks"]
    calls: dict[str, list[str]] = {
        "network (default map)": ["/map.json"] * n,
        "network (relation filter)": [f"/map.json?relation={rng.choice(relations)}"
                                      for _ in range(n)],
        "network (time slider)": [f"/map.json?at={rng.randint(2000, 2024)}-12-31"
                                  for _ in range(n)],
        "network (kind + min confidence)": ["/map.json?kind=armed_group&min_confidence=0.5"] * n,
        "neighbourhood": [f"/actors/{q(a)}/neighbourhood.json" for a in actors],
        "timeline (pair)": [f"/pairs/{q(s)}/{q(o)}.json" for s, _, o in edges],
        "evidence (edge)": [f"/edges/{q(s)}/{r}/{q(o)}.json" for s, r, o in edges],
    }
    out: dict[str, list[float]] = {}
    for label, paths in calls.items():
        for p in paths[:5]:
            get(base + p)  # warm the page cache
        out[label] = [get(base + p)[0] for p in paths[:n]]
    return out


def page_load(base: str, repeat: int = 5) -> list[float]:
    """Time from navigation to the map drawn (its data fetched and laid out), in chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return []
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return []
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=args)
        for _ in range(repeat + 1):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            t0 = time.perf_counter()
            page.goto(base + "/map")
            page.wait_for_function("() => document.getElementById('cy').dataset.loaded")
            times.append(time.perf_counter() - t0)
            page.close()
        browser.close()
    return times[1:]  # the first one warms the browser


def ingest_while_serving(db: str, base: str, n_docs: int, workdir: Path) -> dict[str, Any]:
    """Ingest ``n_docs`` documents (sample articles made distinct) while a reader keeps
    asking for the map; then check the edges against a from-scratch computation."""
    folder = workdir / "ingest"
    folder.mkdir()
    sample = [p for p in Path(sample_corpus()).iterdir() if p.suffix == ".txt"]
    for i in range(n_docs):
        src = sample[i % len(sample)]
        (folder / f"{i:05d}-{src.name}").write_text(
            src.read_text("utf-8") + f"\n\nBench copy {i}: filed from desk {i * 7919 % 104729}.\n",
            "utf-8")
    during: list[float] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            during.append(get(base + "/map.json")[0])

    thread = threading.Thread(target=reader)
    thread.start()
    t0 = time.perf_counter()
    with KnowledgeBase(db) as kb:
        report = kb.ingest([str(folder)])
    t_ingest = time.perf_counter() - t0
    stop.set()
    thread.join()
    t0 = time.perf_counter()
    with KnowledgeBase(db) as kb:
        store = kb.store
        expected = [e.to_json() for e in graph.build_edges(
            store.iter_claims(), clusters=store.clusters(), today=TODAY)]
        got = stored_edges(store, today=TODAY)
    t_check = time.perf_counter() - t0
    return {"added": report.added, "claims": report.claims, "ingest_s": t_ingest,
            "equal": got == expected, "edges": len(got), "check_s": t_check,
            "map_during_ingest": during}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--actors", type=int, default=2_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--ingest", type=int, default=1_000, help="documents to ingest (0: none)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", metavar="DIR", help="build the store here and keep it")
    args = ap.parse_args()

    workdir = Path(args.keep or tempfile.mkdtemp(prefix="syndicate-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = str(workdir / "bench.db")
    if not Path(db).exists():
        build_store(db, args.claims, args.actors, args.seed)
    proc, base = start_server(db)
    try:
        rss0 = rss_mb(proc.pid)
        result = latencies(base, db, args.requests, args.seed)
        print(f"\n{'API call':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  (n={args.requests})")
        for label, values in result.items():
            print(f"{label:34} {statistics.median(values) * 1e3:8.1f} "
                  f"{pct(values, 0.95) * 1e3:8.1f} {max(values) * 1e3:8.1f}")
        loads = page_load(base)
        if loads:
            print(f"\nmap page load in chromium (to the map drawn): median "
                  f"{statistics.median(loads):.2f}s, worst {max(loads):.2f}s of {len(loads)}")
        rss, peak = rss_mb(proc.pid)
        print(f"server memory: {rss0[0]:.0f} MB after start, {rss:.0f} MB after the requests, "
              f"peak {peak:.0f} MB")
        if args.ingest:
            r = ingest_while_serving(db, base, args.ingest, workdir)
            during = r.pop("map_during_ingest")
            print(f"\ningest of {args.ingest:,} documents while serving: {r['added']} added, "
                  f"{r['claims']:,} claims in {r['ingest_s']:.0f}s; /map.json during it: "
                  f"{len(during)} requests, p95 {pct(during, 0.95) * 1e3:.0f} ms")
            print(f"edges after the ingest equal build_edges from scratch: {r['equal']} "
                  f"({r['edges']:,} edges, checked in {r['check_s']:.0f}s)")
            rss, peak = rss_mb(proc.pid)
            print(f"server memory after the ingest: {rss:.0f} MB, peak {peak:.0f} MB")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
