"""Benchmark: the recognition stages alone (recognize + resolve: names found and resolved
to actors) on the seed articles and the team sets, this tree against an earlier commit in
the same run.

    PYTHONPATH=src python benchmarks/bench_recognize.py [--baseline-rev REV] [--rounds 5]

Documents are read and cleaned once per process; each round times one pass of recognize
+ resolve over all of them (each document once, as an ingest sees it) in this tree and in
the baseline's ``src`` (exported with ``git archive``, run in a child process),
alternating, and prints documents per CPU-second for each and the ratio this/baseline
(issue 12 allows the recognition stage to fall by at most 15%: a ratio of 0.85).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import json, sys, tempfile, time
from syndicate.api import KnowledgeBase
from syndicate.read import read
from syndicate.recognize import Matcher
from syndicate.resolve import resolve
from syndicate.segment import segment
pipeline = KnowledgeBase(tempfile.mktemp(suffix=".db")).pipeline()
texts = []
for raw in read(json.loads(sys.argv[1])):
    done = pipeline.process(raw)
    if not done.error and done.text:
        texts.append((done.text, segment(done.text)))
dictionary = pipeline.dictionary
matcher = Matcher(dictionary)
resolve(texts[0][0], texts[0][1], dictionary, matcher)  # warm caches
# one pass: each document seen once, as an ingest sees it (a second pass over the same
# texts would let the caches of names and runs answer from memory)
start = time.process_time()
for text, sentences in texts[1:]:
    resolve(text, sentences, dictionary, matcher)
print(json.dumps({"docs": len(texts) - 1, "seconds": time.process_time() - start}))
"""


def documents(seeds: Path | None) -> list[str]:
    files = sorted(str(p) for p in (ROOT / "tests" / "gold").glob("*/*.txt"))
    files += sorted(str(p) for p in (ROOT / "src/syndicate/data/sample").iterdir())
    if seeds and seeds.is_dir():
        files += sorted(str(p) for p in seeds.iterdir() if p.is_file())
    return files


def run(src: Path, files: list[str]) -> float:
    out = subprocess.run([sys.executable, "-c", CHILD, json.dumps(files)], check=True,
                         capture_output=True, text=True, env={"PYTHONPATH": str(src)})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return result["docs"] / result["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-rev", default="d2dc08c")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    args = parser.parse_args()
    files = documents(Path(args.seeds))
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline_rev, "src"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        this, base = [], []
        for n in range(args.rounds):
            this.append(run(ROOT / "src", files))
            base.append(run(Path(tmp) / "src", files))
            print(f"round {n + 1}: this {this[-1]:.1f} docs/s, {args.baseline_rev} "
                  f"{base[-1]:.1f} docs/s", flush=True)
    print(f"{len(files)} files; best of {args.rounds}: this {max(this):.1f} docs per "
          f"CPU-second, {args.baseline_rev} {max(base):.1f}; ratio this/baseline "
          f"{max(this) / max(base):.3f}")


if __name__ == "__main__":
    time.sleep(0)
    main()
