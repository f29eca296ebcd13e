"""Benchmark: docs/s of the seed articles repeated N times, one process vs a Dask cluster.

Prints docs/s in this process and on a LocalCluster (or a scheduler ADDRESS) and the
ratio. Cluster startup and the workers' one-off pipeline build are timed apart, so the
rates compare steady-state throughput. Documents are streamed to the cluster, not listed.
With ``--rounds`` the two alternate and the best of each is kept, which tames a machine
shared with other work (the load average is printed for that reason).
Usage: python benchmarks/bench_distributed.py [--repeat 200] [--workers 2] [--rounds 1]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from syndicate.distributed import PipelineSpec, connect, process_batch, process_on_dask
from syndicate.model import Processed, RawDocument
from syndicate.pipeline import Pipeline, process_all

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def corpus(texts: list[str], repeat: int) -> Iterator[RawDocument]:
    # a distinct suffix per copy so every document is new to the store-level dedup
    for n in range(repeat):
        for i, text in enumerate(texts):
            yield RawDocument(source=f"seed{i}-{n}", text=text + f"\n\nCopy {n}.")


def timed(label: str, run: Callable[[], Iterator[Processed]], count: int) -> tuple[float, int]:
    start = time.perf_counter()
    claims = done = 0
    for item in run():
        done += 1
        claims += len(item.claims)
    seconds = time.perf_counter() - start
    assert done == count, (done, count)
    rate = count / seconds
    print(f"{label:44} {count:6d} docs  {seconds:7.2f} s  {rate:8.1f} docs/s  {claims} claims")
    return rate, claims


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--address", default="local",
                        help="'local' (a LocalCluster here) or a scheduler address")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--max-in-flight", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=1, help="alternate runs; keep the best")
    args = parser.parse_args()
    if not SEEDS.is_dir():
        print(f"seeds not found at {SEEDS}", file=sys.stderr)
        return 1
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("0*.txt"))]
    count = len(texts) * args.repeat

    print(f"load average before: {os.getloadavg()[0]:.2f}")
    pipeline = Pipeline()
    start = time.perf_counter()
    client = connect(args.address, workers=args.workers if args.address == "local" else None,
                     dashboard_address=None)
    single = dask = 0.0
    try:
        workers = len(client.scheduler_info()["workers"])
        started = time.perf_counter() - start
        # every worker builds its pipeline (an empty batch) before the clock starts
        client.run(process_batch, [], PipelineSpec.from_paths())
        warmed = time.perf_counter() - start - started
        print(f"cluster: {workers} workers, started in {started:.2f} s, "
              f"pipelines built in {warmed:.2f} s")
        for _ in range(args.rounds):
            rate, single_claims = timed("one process", lambda: process_all(
                corpus(texts, args.repeat), pipeline), count)
            single = max(single, rate)
            rate, dask_claims = timed(
                f"Dask, {workers} workers (batch {args.batch_size}, "
                f"{args.max_in_flight} in flight)",
                lambda: process_on_dask(corpus(texts, args.repeat), client=client,
                                        batch_size=args.batch_size,
                                        max_in_flight=args.max_in_flight), count)
            dask = max(dask, rate)
            assert dask_claims == single_claims, (dask_claims, single_claims)
    finally:
        client.close()
    print(f"best docs/s: one process {single:.1f}, Dask {dask:.1f}")
    print(f"ratio dask/single: {dask / single:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
