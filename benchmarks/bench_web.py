"""The web map at scale: API latency, page load and server memory on a store of generated
claims, then an ingest into that store while the server answers, checked against a
from-scratch computation of the edges.

    PYTHONPATH=src python benchmarks/bench_web.py [--claims 1000000] [--requests 200] \
        [--keep DIR] [--ingest 1000]

Claims come from ``bench_graph.generate`` (communities with hubs, Zipf-popular dyads, all
relations and modalities, near-duplicate clusters) and are written straight into a store
(no extraction); their documents are clustered by the store's own near-duplicate code, as
ingests cluster them (the minhash and lsh tables), then ``edges.rebuild_edges``
materialises the map. The server runs as
``syndicate serve`` in a subprocess; latencies are wall-clock times of HTTP requests from
this process over loopback, one at a time. Targets (issue 13): p95 <= 50 ms for the
network, neighbourhood, timeline and evidence calls, map page load <= 1 s. The server's
resident memory (RSS, and its peak) is read from /proc after start, after the requests and
after the ingest; a summary at the end lists every figure.
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
    t_cluster = 0.0
    with Store(path) as store:
        db = store.db
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cache_size=-1000000")  # 1 GB: the build's writes stay in memory
        with db:
            db.executemany(
                "INSERT INTO actors VALUES (?,?,?,?,?,?,?,?,1,'bench')",  # kept by sync_actors
                [(a["id"], a["name"], a["kind"], a["region"], json.dumps(a["country"]), "[]",
                  None, None) for a in actors])
        # Stored and clustered as ingests store and cluster them, a batch at a time (dedup's
        # signatures and LSH bands go in the minhash and lsh tables), so a later ingest
        # compares only its own documents. A reprint has its original's text, so the
        # clusters found are the generator's.
        docs = list(clusters.items())
        for start in range(0, len(docs), 25_000):
            with db:
                db.executemany(
                    "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)",
                    [(d, f"https://news.example/{d}", None, f"Report {d}", None, "none", None,
                      40, f"Generated report {c} about {random.Random(c).randint(0, 10**9)}.",
                      "2025-01-01T00:00:00") for d, c in docs[start:start + 25_000]])
            t1 = time.perf_counter()
            store.update_clusters()
            t_cluster += time.perf_counter() - t1
        if store.clusters() != clusters:
            raise SystemExit("dedup did not find the generator's near-duplicate clusters")
        with db:
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
          f"generated in {t_gen:.0f}s, written in {t_write:.0f}s (clustered in "
          f"{t_cluster:.0f}s), edges rebuilt in "
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


# Where a page load's time goes: the HTML (with the first map in it) from the server, the
# scripts and styles, then the map laid out and drawn (map.js marks 'map-loaded').
BREAKDOWN = """() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const assets = performance.getEntriesByType('resource').filter((r) => !r.name.endsWith('.svg'));
    const mark = (name) => (performance.getEntriesByName(name)[0] || {startTime: NaN}).startTime;
    return {'html received': nav.responseEnd,
            'assets received': Math.max(...assets.map((r) => r.responseEnd)),
            'map laid out': mark('map-loaded'), 'map drawn': mark('map-drawn'),
            'html bytes': nav.transferSize};
}"""


def page_load(base: str, repeat: int = 10) -> list[float]:
    """Time from navigation to the map drawn (laid out and its first frame rendered), in
    chromium, each load in a fresh browser context (nothing cached)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return []
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return []
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    times: list[float] = []
    parts: list[dict[str, float]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=args)
        for _ in range(repeat + 1):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            t0 = time.perf_counter()
            page.goto(base + "/map")
            page.wait_for_function("() => document.getElementById('cy').dataset.drawn")
            times.append(time.perf_counter() - t0)
            parts.append(page.evaluate(BREAKDOWN))
            page.close()
        browser.close()
    keys = list(parts[0]) if parts else []
    print("page load, in-page milestones (ms from navigation, median): " + ", ".join(
        f"{k} {statistics.median(p[k] for p in parts[1:]):.0f}" for k in keys))
    return times[1:]  # the first one warms the browser


def ingest_while_serving(db: str, base: str, n_docs: int, workdir: Path) -> dict[str, Any]:
    """Ingest ``n_docs`` documents (sample articles made distinct) while a reader keeps
    asking for the map; then check the edges against a from-scratch computation."""
    # Tagged with the run, so each run's documents are new to a kept store.
    run = time.strftime("%Y%m%dT%H%M%S")
    folder = workdir / f"ingest-{run}"
    folder.mkdir()
    sample = [p for p in Path(sample_corpus()).iterdir() if p.suffix == ".txt"]
    for i in range(n_docs):
        src = sample[i % len(sample)]
        (folder / f"{i:05d}-{src.name}").write_text(
            src.read_text("utf-8") + f"\n\nBench copy {i} of run {run}: filed from desk "
            f"{i * 7919 % 104729}.\n", "utf-8")
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
        # and each edge's actor kinds (the map's kind filter) as the actors table has them
        kind = dict(store.db.execute("SELECT id, kind FROM actors").fetchall())
        kinds_equal = all(
            (sk, ok) == (kind.get(s), kind.get(o)) for s, o, sk, ok in store.db.execute(
                "SELECT subject, object, subject_kind, object_kind FROM edges"))
    t_check = time.perf_counter() - t0
    shutil.rmtree(folder, ignore_errors=True)
    return {"added": report.added, "claims": report.claims, "ingest_s": t_ingest,
            "equal": got == expected, "kinds_equal": kinds_equal, "edges": len(got),
            "check_s": t_check, "map_during_ingest": during}


API_TARGET_MS = 50.0
PAGE_TARGET_S = 1.0


def report_latencies(result: dict[str, list[float]], n: int) -> list[str]:
    """A table of API latencies against the p95 target; returns the summary lines."""
    print(f"\n{'API call':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'p95/target':>11}"
          f"  (n={n} each, target p95 <= {API_TARGET_MS:.0f} ms)")
    summary = []
    for label, values in result.items():
        p95 = pct(values, 0.95) * 1e3
        verdict = "ok" if p95 <= API_TARGET_MS else "OVER"
        print(f"{label:34} {statistics.median(values) * 1e3:8.1f} {p95:8.1f} "
              f"{max(values) * 1e3:8.1f} {p95 / API_TARGET_MS:10.2f}x  {verdict}")
        summary.append(f"p95 {label}: {p95:.1f} ms ({verdict})")
    return summary


def report_page(loads: list[float]) -> list[str]:
    if not loads:
        print("\nmap page load: skipped (no playwright or chromium)")
        return []
    med, worst = statistics.median(loads), max(loads)
    verdict = "ok" if med <= PAGE_TARGET_S else "OVER"
    print(f"\nmap page load in chromium (navigation to the map drawn, a fresh browser context "
          f"each time): median {med:.2f}s, worst {worst:.2f}s of {len(loads)} "
          f"({med / PAGE_TARGET_S:.2f}x the {PAGE_TARGET_S:.0f} s target: {verdict})")
    return [f"page load: median {med:.2f} s, worst {worst:.2f} s ({verdict})"]


def report_memory(label: str, pid: int) -> str:
    rss, peak = rss_mb(pid)
    line = f"server RSS {label}: {rss:.0f} MB (peak so far {peak:.0f} MB)"
    print(line)
    return line


def report_ingest(db: str, base: str, n_docs: int, workdir: Path) -> list[str]:
    r = ingest_while_serving(db, base, n_docs, workdir)
    during = r.pop("map_during_ingest")
    p95 = pct(during, 0.95) * 1e3 if during else float("nan")
    print(f"\ningest of {n_docs:,} documents while serving: {r['added']} added, "
          f"{r['claims']:,} claims in {r['ingest_s']:.0f}s; /map.json during it: "
          f"{len(during)} requests, p95 {p95:.0f} ms")
    print(f"edges after the ingest equal build_edges from scratch: {r['equal']}, their actor "
          f"kinds equal the actors': {r['kinds_equal']} ({r['edges']:,} edges, checked in "
          f"{r['check_s']:.0f}s)")
    return [f"ingest of {n_docs:,} documents: {r['added']} added in {r['ingest_s']:.0f} s, "
            f"edges equal to a from-scratch build: {r['equal']}, kinds equal: "
            f"{r['kinds_equal']}"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--actors", type=int, default=2_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--ingest", type=int, default=1_000, help="documents to ingest (0: none)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--page-loads", type=int, default=10, help="map page loads to time")
    ap.add_argument("--keep", metavar="DIR",
                    help="keep the generated store in DIR/bench.db and reuse it when it is "
                         "there (building it takes minutes; each run's ingest adds new "
                         "documents to it)")
    args = ap.parse_args()

    workdir = Path(args.keep or tempfile.mkdtemp(prefix="syndicate-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = str(workdir / "bench.db")
    if not Path(db).exists():
        build_store(db, args.claims, args.actors, args.seed)
    else:
        print(f"reusing the store {db} ({os.path.getsize(db) / 1e9:.2f} GB)")
    with Store(db) as store:
        n_claims = store.db.execute("SELECT count(*) FROM claims").fetchone()[0]
        n_edges = store.db.execute("SELECT count(*) FROM edges").fetchone()[0]
    print(f"{n_claims:,} claims, {n_edges:,} kept edges")
    proc, base = start_server(db)
    summary = [f"store: {n_claims:,} claims, {n_edges:,} edges"]
    try:
        summary.append(report_memory("after start", proc.pid))
        summary += report_latencies(latencies(base, db, args.requests, args.seed),
                                    args.requests)
        summary += report_page(page_load(base, args.page_loads))
        summary.append(report_memory("after the requests and page loads", proc.pid))
        if args.ingest:
            summary += report_ingest(db, base, args.ingest, workdir)
            summary.append(report_memory("after the ingest", proc.pid))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print("\nsummary\n  " + "\n  ".join(summary))


if __name__ == "__main__":
    main()
