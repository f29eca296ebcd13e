"""Benchmark: `extract` throughput (docs/s) on the seed articles repeated N times.

Prints docs/s for the full pipeline and, as a baseline measured in the same run, for
reading + cleaning alone, with the ratio between them; and the same with a process
pool of all cores. With ``--baseline-rev REV`` it also runs the pipeline of an earlier
commit (its ``src`` exported to a temporary folder, run in a child process on the same
documents), alternating with this one, and prints the ratio this/baseline.

Usage: python benchmarks/bench_extract.py [--repeat 400] [--seeds DIR] [--baseline-rev REV]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def corpus(seeds: Path, repeat: int):
    from syndicate.model import RawDocument

    texts = [p.read_text("utf-8") for p in sorted(seeds.glob("0*.txt"))]
    # a distinct suffix per copy so every document is new to the store-level dedup
    return [RawDocument(source=f"seed{i}-{n}", text=t + f"\n\nCopy {n}.")
            for n in range(repeat) for i, t in enumerate(texts)]


def timed(label: str, func, count: int) -> float:
    start = time.perf_counter()
    func()
    seconds = time.perf_counter() - start
    rate = count / seconds
    print(f"{label:38} {count:6d} docs  {seconds:7.2f} s  {rate:8.1f} docs/s", flush=True)
    return rate


def single_rate(seeds: Path, repeat: int) -> tuple[float, int]:
    """docs per CPU second of the rule-based pipeline in this process (CPU time, so that
    other work on a shared machine disturbs the comparison less), and the claims made."""
    from syndicate.pipeline import Pipeline, process_all

    docs = corpus(seeds, repeat)
    pipeline = Pipeline()
    start = time.process_time()
    claims = sum(len(p.claims) for p in process_all(docs, pipeline, workers=1))
    return len(docs) / (time.process_time() - start), claims


def child_rate(src: Path, seeds: Path, repeat: int) -> tuple[float, int]:
    """docs/s of the pipeline in ``src``, measured in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, __file__, "--child", "--seeds", str(seeds),
                          "--repeat", str(repeat)], env=env, capture_output=True, text=True,
                         check=True, cwd=tempfile.gettempdir())
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["rate"], data["claims"]


def export_src(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def compare(rev: str, seeds: Path, repeat: int, rounds: int) -> None:
    """This pipeline and the one at ``rev``, each in a fresh process (so neither pays for
    the other's garbage), alternating, best of ``rounds`` each."""
    with tempfile.TemporaryDirectory() as tmp:
        src = export_src(rev, Path(tmp))
        old, new = [], []
        for _ in range(rounds):
            old.append(child_rate(src, seeds, repeat))
            new.append(child_rate(ROOT / "src", seeds, repeat))
        (o, oc), (n, nc) = max(old), max(new)
        print(f"baseline {rev[:10]:10} 1 process, best of {rounds}: {o:8.1f} docs/CPU-s "
              f"({oc} claims)")
        print(f"this tree          1 process, best of {rounds}: {n:8.1f} docs/CPU-s "
              f"({nc} claims)")
        print(f"ratio this/baseline: {n / o:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=400)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--baseline-rev", help="also run the pipeline of this commit")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.seeds.is_dir():
        print(f"seeds not found at {args.seeds}", file=sys.stderr)
        return 1
    if args.child:
        rate, claims = single_rate(args.seeds, args.repeat)
        print(json.dumps({"rate": rate, "claims": claims}))
        return 0
    from syndicate.clean import clean_text
    from syndicate.pipeline import Pipeline, process_all

    docs = corpus(args.seeds, args.repeat)
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
    if args.baseline_rev:
        compare(args.baseline_rev, args.seeds, args.repeat, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
