"""The hostile corpus at full size: per-category time and peak memory, one batch, kill -9 runs.

    PYTHONPATH=src python benchmarks/bench_hostile.py                # 2,000+ documents
    PYTHONPATH=src python benchmarks/bench_hostile.py --n 400 --scale 0.2 --kills 5

1. One by one: each category in a fresh process (so its peak RSS is its own); every
   document processed alone; prints documents, stored/failed, total and slowest seconds,
   peak memory.
2. One batch: ``syndicate ingest CORPUS --workers 2`` in a subprocess; prints wall time,
   peak memory of the processes, tracebacks on stderr, and whether every good document
   was stored.
3. Kills: ``--kills`` ingests of a near-duplicate corpus killed with SIGKILL at random
   moments and at each stage boundary, each re-run and compared with an uninterrupted
   store (integrity check, documents, claims, clusters).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from syndicate.actors import load_dictionary  # noqa: E402
from tests.hostile.corpus import Item, generate  # noqa: E402
from tests.test_derived import _ingest_process, make_corpus, snapshot  # noqa: E402


def _category_worker(folder: str, files: list[str], queue: multiprocessing.Queue) -> None:
    from syndicate.pipeline import Pipeline
    from syndicate.read import read

    pipeline = Pipeline(load_dictionary())
    stats = {"docs": 0, "stored": 0, "failed": 0, "total": 0.0, "slowest": 0.0,
             "slowest_doc": "", "over_budget": 0, "internal": 0}
    for name in files:
        for raw in read([str(Path(folder) / name)]):
            started = time.monotonic()
            out = pipeline.process(raw)
            took = time.monotonic() - started
            stats["docs"] += 1
            stats["total"] += took
            stats["failed" if out.error else "stored"] += 1
            stats["over_budget"] += took > pipeline.limits.doc_seconds + 1
            stats["internal"] += "internal error" in (out.error or "")
            if took > stats["slowest"]:
                stats["slowest"], stats["slowest_doc"] = took, raw.source[len(folder) + 1:]
    stats["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(stats)


def one_by_one(folder: Path, items: list[Item]) -> None:
    by_category: dict[str, set[str]] = defaultdict(set)
    for item in items:
        by_category[item.category].add(item.path.split("#")[0])
    ctx = multiprocessing.get_context("spawn")
    print(f"{'category':16} {'docs':>5} {'stored':>6} {'failed':>6} {'total s':>8} "
          f"{'slowest s':>9} {'peak MB':>8}  slowest document")
    worst = {"slowest": 0.0, "peak_mb": 0.0, "over_budget": 0, "internal": 0}
    for category, files in sorted(by_category.items()):
        queue = ctx.Queue()
        proc = ctx.Process(target=_category_worker, args=(str(folder), sorted(files), queue))
        proc.start()
        stats = queue.get()
        proc.join()
        print(f"{category:16} {stats['docs']:5} {stats['stored']:6} {stats['failed']:6} "
              f"{stats['total']:8.1f} {stats['slowest']:9.2f} {stats['peak_mb']:8.0f}  "
              f"{stats['slowest_doc']}")
        for key in ("slowest", "peak_mb"):
            worst[key] = max(worst[key], stats[key])
        for key in ("over_budget", "internal"):
            worst[key] += stats[key]
    print(f"one by one: slowest document {worst['slowest']:.2f} s, peak {worst['peak_mb']:.0f}"
          f" MB per category process, {worst['over_budget']} over the budget, "
          f"{worst['internal']} internal errors")


def batch(folder: Path, items: list[Item], workers: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "kb.db"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "syndicate", "--db", str(db), "ingest",
                               str(folder), "--workers", str(workers), "--json"],
                              capture_output=True, env=env)
        took = time.monotonic() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        con = sqlite3.connect(db)
        prefix = str(folder) + "/"
        stored = {r[0].removeprefix(prefix) for r in con.execute(
            "SELECT source FROM document_sources")}
        failures = dict(con.execute("SELECT source, reason FROM failures"))
        con.close()
    missing = [i.path for i in items if i.expect == "stored" and i.path not in stored]
    tracebacks = proc.stderr.count(b"Traceback")
    internal = sum("internal error" in r for r in failures.values())
    print(f"one batch (--workers {workers}): {took:.1f} s, exit {proc.returncode}, peak "
          f"{peak:.0f} MB (largest process), {len(stored)} stored, {len(failures)} failed, "
          f"{tracebacks} tracebacks, {internal} internal errors, {len(missing)} good documents"
          f" missing {missing[:5]}")


def kills(n: int, seed: int) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        make_corpus(folder, n=60)
        ref_db = Path(tmp) / "ref.db"
        _ingest_process(ref_db, folder).communicate()
        reference = snapshot(ref_db)
        started = time.monotonic()
        _ingest_process(Path(tmp) / "timing.db", folder).communicate()
        full = time.monotonic() - started
        boundaries = ["doc:1", "doc:30", "doc:60", "before-clusters", "in-clusters"]
        plans = [("boundary", b) for b in boundaries] + \
            [("random", None)] * max(n - len(boundaries), 0)
        converged = 0
        for run, (how, where) in enumerate(plans):
            db = Path(tmp) / f"k{run}.db"
            proc = _ingest_process(db, folder, kill=where)
            if how == "random":
                time.sleep(rng.uniform(0.2, full))
                proc.send_signal(signal.SIGKILL)
            proc.communicate()
            rerun = _ingest_process(db, folder)
            rerun.communicate()
            same = rerun.returncode == 0 and snapshot(db) == reference
            converged += same
            print(f"kill {run + 1:2} ({how} {where or ''}): exit {proc.returncode}, "
                  f"re-run {'equals' if same else 'DIFFERS FROM'} the uninterrupted store")
        print(f"kills: {converged} of {len(plans)} converged (integrity check ok each time)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="documents (at least)")
    parser.add_argument("--scale", type=float, default=1.0, help="size of the big categories")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--skip", nargs="*", default=[], choices=["one", "batch", "kills"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        started = time.monotonic()
        names = [a.name for a in load_dictionary().actors.values()]
        items = generate(folder, n=args.n, seed=args.seed, scale=args.scale,
                         actor_names=names)
        os.mkfifo(folder / "good" / "pipe.txt")
        print(f"corpus: {len(items)} documents in {len({i.category for i in items})} "
              f"categories, generated in {time.monotonic() - started:.0f} s")
        if "one" not in args.skip:
            one_by_one(folder, items)
        if "batch" not in args.skip:
            batch(folder, items, args.workers)
    if "kills" not in args.skip and args.kills:
        kills(args.kills, args.seed)
    print(json.dumps({"n": args.n, "scale": args.scale}))


if __name__ == "__main__":
    main()
