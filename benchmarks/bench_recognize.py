"""Benchmark: the recognition stages alone (recognize + resolve: names found and resolved
to actors) on the seed articles and the team sets, this tree against an earlier commit in
the same run.

    PYTHONPATH=src python benchmarks/bench_recognize.py [--baseline-rev REV] [--rounds 5]
        [--passes 3]

Documents are read and cleaned once per process; each round runs this tree and the
baseline's ``src`` (exported with ``git archive``) in a child process each, alternating.
A child times ``--passes`` passes of recognize + resolve over all the documents, each
document once per pass as an ingest sees it (a fresh matcher, every memo emptied), and
keeps its fastest pass; the benchmark prints documents per CPU-second for each tree and
the ratio this/baseline of the best rounds (issue 12 allows the recognition stage to fall
by at most 15%: a ratio of 0.85). Several passes per child because single passes on a
shared two-core machine varied by a third from one round to the next.
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
import functools, gc, json, sys, tempfile, time
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
best = None
for _ in range(int(sys.argv[2])):
    # each pass sees every document once, as an ingest does: a fresh matcher and every
    # memo emptied (a second pass over the same texts would answer from memory); the
    # fastest pass is the one least disturbed by the rest of a shared machine
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper):
            obj.cache_clear()
    matcher = Matcher(dictionary)
    resolve(texts[0][0], texts[0][1], dictionary, matcher)  # warm up
    start = time.process_time()
    for text, sentences in texts[1:]:
        resolve(text, sentences, dictionary, matcher)
    seconds = time.process_time() - start
    best = seconds if best is None else min(best, seconds)
print(json.dumps({"docs": len(texts) - 1, "seconds": best}))
"""


def documents(seeds: Path | None, only_seeds: bool = False) -> list[str]:
    if only_seeds:  # the extract benchmark's documents
        return sorted(str(p) for p in seeds.iterdir() if p.is_file()) if seeds else []
    files = sorted(str(p) for p in (ROOT / "tests" / "gold").glob("*/*.txt"))
    files += sorted(str(p) for p in (ROOT / "src/syndicate/data/sample").iterdir())
    if seeds and seeds.is_dir():
        files += sorted(str(p) for p in seeds.iterdir() if p.is_file())
    return files


def run(src: Path, files: list[str], passes: int) -> float:
    out = subprocess.run([sys.executable, "-c", CHILD, json.dumps(files), str(passes)],
                         check=True,
                         capture_output=True, text=True, env={"PYTHONPATH": str(src)})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return result["docs"] / result["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-rev", default="d2dc08c")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--passes", type=int, default=3,
                        help="timed passes per round, each from empty memos (the fastest counts)")
    parser.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--only-seeds", action="store_true",
                        help="the seed articles alone (the documents of bench_extract.py)")
    args = parser.parse_args()
    files = documents(Path(args.seeds), args.only_seeds)
    if len(files) < 2:
        sys.exit(f"no documents to time (seeds folder: {args.seeds})")
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline_rev, "src"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        this, base = [], []
        for n in range(args.rounds):
            this.append(run(ROOT / "src", files, args.passes))
            base.append(run(Path(tmp) / "src", files, args.passes))
            print(f"round {n + 1}: this {this[-1]:.1f} docs/s, {args.baseline_rev} "
                  f"{base[-1]:.1f} docs/s", flush=True)
    print(f"{len(files)} files; best of {args.rounds}: this {max(this):.1f} docs per "
          f"CPU-second, {args.baseline_rev} {max(base):.1f}; ratio this/baseline "
          f"{max(this) / max(base):.3f}")


if __name__ == "__main__":
    time.sleep(0)
    main()
