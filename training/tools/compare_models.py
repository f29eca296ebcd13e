"""Compare two pair models in the default hybrid mode, with the uncertainty of the sets.

    python training/tools/compare_models.py MODEL_B [--against MODEL_A] [--sets ...]

Scores both models on every document of the sets, then resamples the documents (a paired
bootstrap, 2,000 rounds, seed 0) to give the difference of pooled precision and F1 with a
95% interval, and per set the spread of the difference of precision. A set of about 250
relations holds some 30 documents; its precision moves by several hundredths between
resamples, which is what a floor pinned a hundredth below a first score has to absorb.
MODEL_A defaults to the shipped model; either may be a model folder (config.json and
linear.npz).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
from pathlib import Path

from syndicate.evaluate import load_gold, predict, score
from syndicate.learn.linear_runtime import LinearPairModel
from syndicate.pipeline import Pipeline

GOLD = Path(__file__).resolve().parents[2] / "tests" / "gold"
NEVER_TUNED = ("blind4,blind5,blind10,blind11,blind12,blind13,blind19,blind21,blind22,blind23,"
               "blind24,blind25,blind26,blind27,blind28,blind29,blind30,blind31,blind32,blind33,"
               "blind34,blind35,blind36")
Counts = dict[tuple[str, str], tuple[int, int, int]]


def document_counts(model: Path | None, sets: list[str]) -> Counts:
    """(set, document) -> (true positives, false positives, misses) of the default mode."""
    pipeline = Pipeline(extractor="hybrid")
    if model is not None:
        pipeline._use(dataclasses.replace(pipeline.context, pair_model=LinearPairModel(model)))
    out: Counts = {}
    for name in sets:
        gold = [g for g in load_gold(GOLD / f"{name}.jsonl") if g.get("relation")]
        docs = sorted({g["doc"] for g in gold})
        found, _ = predict(docs, pipeline, seeds_dir=None,
                           paths=[str(x) for x in (GOLD / name).glob("*")])
        for doc in docs:
            r = score([g for g in gold if g["doc"] == doc], found.get(doc, []))
            out[(name, doc)] = (r["tp"], r["fp"], r["fn"])
    return out


def pooled(counts: Counts, keys: list[tuple[str, str]]) -> tuple[float, float, float]:
    tp = sum(counts[k][0] for k in keys)
    fp = sum(counts[k][1] for k in keys)
    fn = sum(counts[k][2] for k in keys)
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def paired_bootstrap(a: Counts, b: Counts, keys: list[tuple[str, str]], rounds: int = 2000,
                     seed: int = 0) -> dict[str, tuple[float, float, float]]:
    """Mean and 95% interval of B minus A in pooled precision and F1, resampling the
    documents (the same resample for both models)."""
    rng = random.Random(seed)
    diffs: dict[str, list[float]] = {"precision": [], "f1": []}
    for _ in range(rounds):
        sample = [rng.choice(keys) for _ in keys]
        pa, _, fa = pooled(a, sample)
        pb, _, fb = pooled(b, sample)
        diffs["precision"].append(pb - pa)
        diffs["f1"].append(fb - fa)
    out = {}
    for name, values in diffs.items():
        values.sort()
        out[name] = (statistics.fmean(values), values[int(0.025 * rounds)],
                     values[int(0.975 * rounds) - 1])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--against", type=Path, default=None, help="default: shipped")
    parser.add_argument("--sets", default=NEVER_TUNED)
    args = parser.parse_args(argv)
    sets = args.sets.split(",")
    a, b = document_counts(args.against, sets), document_counts(args.model, sets)
    keys = sorted(a)
    print(f"{len(sets)} sets, {len(keys)} documents")
    for label, counts in (("A", a), ("B", b)):
        p, r, f1 = pooled(counts, keys)
        print(f"{label} P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    for name, (mean, low, high) in paired_bootstrap(a, b, keys).items():
        print(f"B - A {name}: {mean:+.4f} (95% {low:+.4f} to {high:+.4f})")
    rng = random.Random(1)
    for name in sets:
        own = [k for k in keys if k[0] == name]
        spread = [pooled(b, s)[0] - pooled(a, s)[0]
                  for s in ([rng.choice(own) for _ in own] for _ in range(500))]
        print(f"{name:8} P {pooled(a, own)[0]:.3f} -> {pooled(b, own)[0]:.3f}  "
              f"F1 {pooled(a, own)[2]:.3f} -> {pooled(b, own)[2]:.3f}  "
              f"spread of the precision difference {statistics.pstdev(spread):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
