"""Benchmark: `extract` throughput (docs/s) on the seed articles repeated N times, with
and without the statistical parser, and the ratio between them.

The parser is the spaCy pipeline named by --model, else by the settings
(SYNDICATE_SPACY_MODEL or the user settings file); it must be installed, nothing is
downloaded. Both runs are single-process, in the same run, on the same documents.
Usage: python benchmarks/bench_parser.py [--repeat 400] [--model en_core_web_sm]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from syndicate.errors import SyndicateError
from syndicate.model import RawDocument
from syndicate.pipeline import Pipeline
from syndicate.settings import load_settings
from syndicate.syntax import Parser, load_parser

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def corpus(repeat: int) -> list[RawDocument]:
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("0*.txt"))]
    # a distinct suffix per copy, as in bench_extract.py
    return [RawDocument(source=f"seed{i}-{n}", text=t + f"\n\nCopy {n}.")
            for n in range(repeat) for i, t in enumerate(texts)]


def timed(label: str, func: Callable[[], int], count: int) -> float:
    start = time.perf_counter()
    claims = func()
    seconds = time.perf_counter() - start
    rate = count / seconds
    print(f"{label:44} {count:6d} docs  {seconds:7.2f} s  {rate:8.1f} docs/s  "
          f"{claims:6d} claims")
    return rate


def extract(docs: list[RawDocument], pipeline: Pipeline, parser: Parser | None) -> int:
    claims = 0
    for raw in docs:
        out = pipeline.process(raw)
        if parser is not None and not out.error:
            out.claims = parser.refine(out)
        claims += len(out.claims)
    return claims


def main() -> int:
    cli = argparse.ArgumentParser(description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    cli.add_argument("--repeat", type=int, default=400)
    cli.add_argument("--model", default=None, help="installed spaCy pipeline package")
    args = cli.parse_args()
    if not SEEDS.is_dir() or not any(SEEDS.glob("0*.txt")):
        print(f"skipped: seeds not found at {SEEDS}", file=sys.stderr)
        return 0
    name = args.model or load_settings().spacy_model
    if not name:
        print("skipped: no spaCy model named (--model or SYNDICATE_SPACY_MODEL)",
              file=sys.stderr)
        return 0
    try:
        start = time.perf_counter()
        parser = load_parser(name)
        print(f"loaded {name} in {time.perf_counter() - start:.2f} s: {parser}")
    except SyndicateError as exc:
        print(f"skipped: {exc}", file=sys.stderr)
        return 0
    docs = corpus(args.repeat)
    pipeline = Pipeline()
    extract(docs[:5], pipeline, parser)  # warm up both paths outside the timings
    rules = timed("extract (rule-based)", lambda: extract(docs, pipeline, None), len(docs))
    parsed = timed(f"extract (+ parser {name})", lambda: extract(docs, pipeline, parser),
                   len(docs))
    print(f"ratio with-parser/rule-based: {parsed / rules:.3f} "
          f"(the parser costs {rules / parsed:.2f}x the time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
