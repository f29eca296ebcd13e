"""Rebuild the pair model from the training corpus: ``syndicate train``.

The same as ``python -m syndicate.learn.train``. Splits the corpus by passage (fixed
seed), trains the linear baseline and the encoder on the training part, prints both on
the held-back part, and exports the encoder to ``--out``. Needs a source checkout (the
corpus is in ``training/``) and the training extra: ``pip install -e '.[train]'``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path
from typing import Any

from .corpus import PairExample, Passage, load_corpus, pair_examples, split
from .heldback import gold_as_predictions, score_passages

ROOT = Path(__file__).resolve().parents[3]


def summary(name: str, result: dict[str, Any]) -> str:
    return (f"{name:10} P {result['precision']:.3f}  R {result['recall']:.3f}  "
            f"F1 {result['f1']:.3f}  modality {result['modality_accuracy']:.2f}  "
            f"(gold {result['gold']}, predicted {result['predicted']})")


def per_relation(result: dict[str, Any]) -> str:
    lines = [f"  {'relation':17} {'P':>6} {'R':>6} {'F1':>6}"]
    for rel, c in result["per_relation"].items():
        lines.append(f"  {rel:17} {c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None, prog: str = "python -m syndicate.learn.train") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT / "training" / "corpus"),
                        help="folder of NAME.passages.jsonl + NAME.jsonl pairs")
    parser.add_argument("--articles", default=str(ROOT / "training" / "articles"),
                        help="folder of whole annotated articles (PART.jsonl + PART/); "
                             "'' for none")
    parser.add_argument("--article-weight", type=int, default=1,
                        help="how many times each pair of a whole article counts in training")
    parser.add_argument("--reviews", metavar="DB", default=None,
                        help="also train on the confirmed/rejected claims of this store")
    parser.add_argument("--out", default=str(ROOT / "src" / "syndicate" / "models" / "pairs"),
                        help="where the encoder model is written")
    parser.add_argument("--linear-out",
                        default=str(ROOT / "src" / "syndicate" / "models" / "linear"),
                        help="where the linear model is written")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--held-back", type=float, default=0.15)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--max-tokens", type=int, default=80)
    parser.add_argument("--frozen-layers", type=int, default=4,
                        help="lowest encoder layers kept as pretrained (run once, cached)")
    parser.add_argument("--lr", type=float, default=1e-4,
                        help="learning rate of the encoder layers (the heads: ten times it)")
    parser.add_argument("--methods", default="linear,encoder",
                        help="which models to train: linear, encoder, or both (comma)")
    parser.add_argument("--feature-set", type=int, default=2,
                        help="the linear model's features: 1 (linear.v1), 2 (mentions "
                             "masked, linear.v2) or 3 (2 and the rules' claims: stacked)")
    parser.add_argument("--c", type=float, default=2.0,
                        help="inverse regularisation of the linear model's regressions")
    parser.add_argument("--linear-version", default="linear.v2")
    parser.add_argument("--all-data", action="store_true",
                        help="train the exported model on every passage (scores then "
                             "come from the split run printed first)")
    parser.add_argument("--checkpoint", default=None, help="resume file for the encoder")
    parser.add_argument("--version", default="pairs.v1")
    args = parser.parse_args(argv)
    methods = args.methods.split(",")
    unknown = sorted(set(methods) - set(_NEEDS))
    if unknown:
        parser.error(f"--methods: unknown {', '.join(unknown)} (choose from linear, encoder)")
    missing = missing_packages(methods)
    if missing:  # say so now, not after the corpus is read and an encoder trained
        print(f"{prog}: --methods {args.methods} needs {', '.join(missing)}, which "
              f"{'is' if len(missing) == 1 else 'are'} not installed; install the training "
              "extra: pip install -e '.[train]' (for the encoder, a CPU build of torch first)",
              file=sys.stderr)
        return 2

    passages = _passages(args)
    if not passages:
        print(f"{prog}: no training corpus in {args.corpus} (NAME.passages.jsonl + NAME.jsonl "
              "files); the corpus is in the source repository (training/corpus): run from a "
              "clone installed with pip install -e '.[train]', or give --corpus",
              file=sys.stderr)
        return 2
    train, held = split(passages, held_back=args.held_back, seed=args.seed)
    train_ex = _examples(train, args.article_weight)
    print(f"corpus: {len(passages)} passages ({len(train)} train, {len(held)} held back), "
          f"{sum(len(p.relations) for p in passages)} relations, {len(train_ex)} train pairs",
          flush=True)
    print(summary("ceiling", gold_as_predictions(held)))
    if "linear" in methods:
        _linear(args, passages, train_ex, held)
    if "encoder" in methods:
        _encoder(args, passages if args.all_data else train, held)
    return 0


def _passages(args: argparse.Namespace) -> list[Passage]:
    """The corpus, then the whole articles and the store's reviews if asked for; nothing
    when the corpus folder holds no passages."""
    passages = load_corpus(args.corpus)
    if not passages:
        return []
    if args.articles and Path(args.articles).is_dir():
        from .reviews import passages_from_articles

        passages += passages_from_articles(args.articles)
    if args.reviews:
        from .reviews import passages_from_reviews

        passages += passages_from_reviews(args.reviews)
    if args.feature_set == 3:
        from ..pipeline import Pipeline
        from .corpus import with_rule_claims

        with_rule_claims(passages, Pipeline())  # the rules' claims, read as features
    return passages


# what each method imports: the linear model trains with scikit-learn; the encoder trains
# with torch and transformers and is exported with onnx and quantised with onnxruntime
_NEEDS = {"linear": ("sklearn",),
          "encoder": ("torch", "transformers", "onnx", "onnxruntime.quantization")}


_PACKAGE = {"sklearn": "scikit-learn", "onnxruntime.quantization": "onnxruntime"}


def missing_packages(methods: list[str]) -> list[str]:
    """The packages ``methods`` need whose modules cannot be imported, as pip names them."""
    missing = []
    for module in dict.fromkeys(m for method in methods for m in _NEEDS.get(method, ())):
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(_PACKAGE.get(module, module.split(".")[0]))
    return list(dict.fromkeys(missing))


def _linear(args: argparse.Namespace, passages: list[Passage], train_ex: list[PairExample],
            held: list[Passage]) -> None:
    """Train on the split, print the held-back scores; with --all-data, retrain on all."""
    from .linear import train_linear
    from .linear_runtime import LinearPairModel, export_linear

    def fit(examples: list[PairExample], extra: dict[str, Any]) -> Path:
        linear = train_linear(examples, seed=args.seed, feature_set=args.feature_set, c=args.c)
        return export_linear(linear, Path(args.linear_out), version=args.linear_version,
                             threshold=0.0, extra={"seed": args.seed, "c": args.c,
                                                   "article_weight": args.article_weight,
                                                   **extra})

    started = time.monotonic()
    out = fit(train_ex, {"train_passages": len(passages) - len(held),
                         "held_back_share": args.held_back})
    result = score_passages(held, LinearPairModel(out).predict)
    print(summary("linear", result) + f"  [{time.monotonic() - started:.0f} s]")
    print(per_relation(result), flush=True)
    if args.all_data:  # the scores above are the split's; the model learns from all
        out = fit(_examples(passages, args.article_weight),
                  {"train_passages": len(passages), "held_back_share": 0.0})
        print(f"retrained on all {len(passages)} passages", flush=True)
    _record(out, result)


def _examples(passages: list[Passage], article_weight: int) -> list[PairExample]:
    """The passages' pairs; a whole article's pairs ``article_weight`` times."""
    from .reviews import ARTICLE

    return [e for p in passages
            for e in pair_examples(p) * (article_weight if p.register == ARTICLE else 1)]


def _encoder(args: argparse.Namespace, train: list[Passage], held: list[Passage]) -> None:
    from .encoder import export, train_encoder
    from .runtime import PairModel

    started = time.monotonic()
    examples = [e for p in train for e in pair_examples(p)]
    model = train_encoder(examples, epochs=args.epochs, seed=args.seed,
                          max_tokens=args.max_tokens, frozen_layers=args.frozen_layers,
                          lr=args.lr, checkpoint=Path(args.checkpoint) if args.checkpoint else None)
    out = export(model, Path(args.out), version=args.version, threshold=args.threshold,
                 max_tokens=args.max_tokens,
                 extra={"seed": args.seed, "epochs": args.epochs, "lr": args.lr,
                        "frozen_layers": args.frozen_layers,
                        "train_passages": len(train), "held_back": args.held_back})
    shipped = PairModel(out)
    result = score_passages(held, shipped.predict)
    print(summary("encoder", result) + f"  [{time.monotonic() - started:.0f} s]")
    print(per_relation(result))
    _record(out, result)
    print(f"model written to {out} ({(out / 'model.onnx').stat().st_size / 1e6:.1f} MB)")


def _record(folder: Path, result: dict[str, Any]) -> None:
    """The held-back scores go into the model's config, beside its version."""
    scores = {"held_back": {k: result[k] for k in ("precision", "recall", "f1", "gold",
                                                   "predicted", "modality_accuracy")}}
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, **scores}, indent=2) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
