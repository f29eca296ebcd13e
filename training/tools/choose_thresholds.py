"""Choose the hybrid's threshold per relation for a pair model, on the development sets.

    python training/tools/choose_thresholds.py MODEL_DIR [--sets dev,dev2,...]

With the model's claims at every probability cached, coordinate ascent (three sweeps over
the relations, each over the grid below) keeps a change only when it raises the F1 of
the development sets together, less a steep penalty unless the seeds keep precision 0.95
(they need
``../shared/seeds``). It starts from the shipped model's thresholds and prints the chosen
ones as the ``hybrid_threshold`` of the model's ``config.json``.

``--keep-precision`` adds the condition a replacement model has to meet on the pinned
floors: a change is kept only if the development sets' precision and modality accuracy
(all sets together) stay at least those of the shipped model with its own thresholds.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import tempfile
from pathlib import Path
from typing import Any

from syndicate.evaluate import evaluate
from syndicate.learn.extract import LEARNED_CONFIDENCE, probability_floor
from syndicate.learn.linear_runtime import DEFAULT_LINEAR, LinearPairModel
from syndicate.pipeline import Pipeline
from syndicate.vocab import vocabulary

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
SEEDS = ROOT.parent / "shared" / "seeds"
DEVELOPMENT = ("dev,dev2,dev3,blind3,blind6,blind7,blind8,blind9,blind14,blind15,blind16,"
               "blind17,blind18,blind20")
GRID = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 2.0)  # 2.0: never


class Cached:
    """The pipeline's output once per document, then only the claims a rule keeps."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline, self.cache, self.keep = pipeline, {}, lambda claim: True

    def process(self, raw: Any) -> Any:
        key = (raw.source, raw.text)
        if key not in self.cache:
            self.cache[key] = self.pipeline.process(raw)
        out = self.cache[key]
        return dataclasses.replace(out, claims=[c for c in out.claims if self.keep(c)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--sets", default=DEVELOPMENT)
    parser.add_argument("--keep-precision", action="store_true",
                        help="keep the shipped model's development precision and "
                             "modality accuracy")
    args = parser.parse_args(argv)
    pipeline = Pipeline(extractor="hybrid", model_threshold=0.0)
    model = LinearPairModel(args.model)
    pipeline._use(dataclasses.replace(pipeline.context, pair_model=model))
    cached = Cached(pipeline)
    seeds_gold = Path(tempfile.mkdtemp()) / "seeds.jsonl"
    seeds_gold.write_text("".join(x + "\n" for x in (GOLD / "gold.jsonl").read_text(
        "utf-8").splitlines() if x.strip() and json.loads(x)["doc"].startswith("seeds/")))

    def score(th: dict[str, float], seeds: bool = False) -> tuple[float, float, float, float]:
        cached.keep = lambda c: c.extractor != model.version or \
            c.confidence / LEARNED_CONFIDENCE >= probability_floor(th, c.relation) - 1e-9
        tp = fp = fn = 0
        modality_right = 0.0
        for name in ["seeds"] if seeds else args.sets.split(","):
            if seeds:
                r = evaluate(seeds_gold, cached, seeds_dir=SEEDS)
            else:
                r = evaluate(GOLD / f"{name}.jsonl", cached,
                             paths=[str(x) for x in (GOLD / name).glob("*")])
            tp, fp, fn = tp + r["tp"], fp + r["fp"], fn + r["fn"]
            modality_right += r["modality_accuracy"] * r["tp"]
        p, r_ = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        return p, r_, 2 * p * r_ / max(p + r_, 1e-9), modality_right / max(tp, 1)

    shipped = json.loads((DEFAULT_LINEAR / "config.json").read_text("utf-8"))
    th = {"*": 0.85, **shipped.get("hybrid_threshold", {})}
    th = {"*": th["*"], **{r: th.get(r, th["*"]) for r in vocabulary().relations}}
    least = (0.0, 0.0)
    if args.keep_precision:
        shipped_pipeline = Pipeline(extractor="hybrid")
        cached.pipeline, cached.cache = shipped_pipeline, {}
        held = score(th)  # the shipped model with its own thresholds: lets every claim by
        least = (held[0], held[3])  # its version through, which is not `model.version`
        cached.pipeline, cached.cache = pipeline, {}
        print(f"shipped: development P {held[0]:.4f} modality {held[3]:.4f}", flush=True)
    def value(th: dict[str, float]) -> float:
        """Development F1, less a steep penalty for each condition missed: the seeds'
        precision of 0.95, and with ``--keep-precision`` the precision and modality kept."""
        p, _, f1, modality = score(th)
        seeds = score(th, seeds=True)[0]
        return f1 - 10 * (max(0.0, 0.95 - seeds) + max(0.0, least[0] - p) +
                          max(0.0, least[1] - modality))

    start = score(th)
    best = value(th)
    print(f"start: development {start}, seeds {score(th, seeds=True)}", flush=True)
    for sweep in range(3):
        for relation in vocabulary().relations:
            for t in GRID:
                trial = {**th, relation: t}
                v = value(trial)
                if v > best + 1e-6:
                    best, th = v, trial
            print(f"sweep {sweep} {relation}: {th[relation]} ({best:.4f})", flush=True)
    if best < score(th)[2] - 1e-9:
        print(f"no thresholds meet the conditions: development {score(th)}, "
              f"seeds {score(th, seeds=True)}")
        return 1
    print(f"chosen: development {score(th)}, seeds {score(th, seeds=True)}")
    print(json.dumps({"hybrid_threshold": th}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
