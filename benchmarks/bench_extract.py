"""Benchmark: `extract` throughput (docs/s) on the seed articles repeated N times.

Prints docs/s for the full pipeline and, as a baseline measured in the same run, for
reading + cleaning alone, with the ratio between them; and the same with a process
pool of all cores. Usage: python benchmarks/bench_extract.py [--repeat 400]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from syndicate.clean import clean_text
from syndicate.model import RawDocument
from syndicate.pipeline import Pipeline, process_all

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def corpus(repeat: int) -> list[RawDocument]:
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("0*.txt"))]
    # a distinct suffix per copy so every document is new to the store-level dedup
    return [RawDocument(source=f"seed{i}-{n}", text=t + f"\n\nCopy {n}.")
            for n in range(repeat) for i, t in enumerate(texts)]


def timed(label: str, func, count: int) -> float:
    start = time.perf_counter()
    func()
    seconds = time.perf_counter() - start
    rate = count / seconds
    print(f"{label:38} {count:6d} docs  {seconds:7.2f} s  {rate:8.1f} docs/s")
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=400)
    args = parser.parse_args()
    if not SEEDS.is_dir():
        print(f"seeds not found at {SEEDS}", file=sys.stderr)
        return 1
    docs = corpus(args.repeat)
    pipeline = Pipeline()
    baseline = timed("baseline: clean only", lambda: [clean_text(d.text or "") for d in docs],
                     len(docs))
    claims = [0]

    def run_pipeline(workers: int) -> None:
        claims[0] = sum(len(p.claims) for p in process_all(docs, pipeline, workers=workers))

    full = timed("extract (rule-based), 1 process", lambda: run_pipeline(1), len(docs))
    cores = os.cpu_count() or 1
    pooled = timed(f"extract (rule-based), {cores} processes", lambda: run_pipeline(cores),
                   len(docs))
    print(f"claims per run: {claims[0]}")
    print(f"ratio extract/clean-only: {full / baseline:.3f}")
    print(f"ratio pool/single: {pooled / full:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
