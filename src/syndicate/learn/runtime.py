"""Run the pair model: ONNX Runtime over a quantised encoder, no training framework.

One encoder pass per window (a sentence, or a sentence and the one before it); every
actor pair of the window is classified from the pooled tokens of its two mentions, the
words between them and the window's first token. The model folder holds
``model.onnx``, ``tokenizer.json`` and ``config.json`` (labels, thresholds, version).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import SyndicateError
from .corpus import PairExample

MODELS = Path(__file__).resolve().parent.parent / "models"
DEFAULT_MODEL = MODELS / "pairs"


class ModelError(SyndicateError):
    """The pair model is missing or cannot be loaded."""

    code = "E090"


@dataclass
class Batch:
    """Encoder inputs for a list of pair examples (windows shared between pairs)."""

    input_ids: np.ndarray  # (windows, tokens) int64
    attention_mask: np.ndarray  # (windows, tokens) int64
    pair_window: np.ndarray  # (pairs,) int64: which window each pair reads
    pair_masks: np.ndarray  # (pairs, 3, tokens) float32: first, second, between


def window_key(ex: PairExample) -> tuple[str, int, int]:
    return ex.passage, ex.offset, len(ex.window)


def encode(tokenizer: Any, examples: list[PairExample], max_tokens: int) -> Batch:
    """Tokenise each distinct window once and build the pooling masks of every pair."""
    windows: dict[tuple[str, int, int], int] = {}
    texts: list[str] = []
    for ex in examples:
        key = window_key(ex)
        if key not in windows:
            windows[key] = len(texts)
            texts.append(ex.window)
    encodings = tokenizer.encode_batch(texts)
    length = min(max_tokens, max(len(e.ids) for e in encodings)) if encodings else 1
    ids = np.zeros((len(texts), length), dtype=np.int64)
    mask = np.zeros((len(texts), length), dtype=np.int64)
    for i, enc in enumerate(encodings):
        n = min(length, len(enc.ids))
        ids[i, :n] = enc.ids[:n]
        mask[i, :n] = 1
    pair_window = np.zeros(len(examples), dtype=np.int64)
    masks = np.zeros((len(examples), 3, length), dtype=np.float32)
    for p, ex in enumerate(examples):
        w = windows[window_key(ex)]
        pair_window[p] = w
        offsets = encodings[w].offsets[:length]
        a0, a1 = ex.local(ex.first)
        b0, b1 = ex.local(ex.second)
        for t, (s, e) in enumerate(offsets):
            if e <= s:
                continue  # special tokens
            if s < a1 and e > a0:
                masks[p, 0, t] = 1.0
            elif s < b1 and e > b0:
                masks[p, 1, t] = 1.0
            elif a1 <= s and e <= b0:
                masks[p, 2, t] = 1.0
        for k in (0, 1, 2):
            if not masks[p, k].any():
                masks[p, k, 0] = 1.0  # no gap, or a mention cut off: pool [CLS] instead
    masks /= masks.sum(axis=2, keepdims=True)
    return Batch(ids, mask, pair_window, masks)


def read_config(folder: Path, what: str) -> dict[str, Any]:
    """A shipped model's ``config.json``; a coded error when the model is not installed."""
    config = folder / "config.json"
    if not config.is_file():
        raise ModelError(f"No {what} in {folder}: the package was installed without it. "
                         "Use --extractor rules, or rebuild it with 'python -m "
                         "syndicate.learn.train'.")
    data: dict[str, Any] = json.loads(config.read_text("utf-8"))
    return data


class PairModel:
    """The shipped model: ``predict(examples)`` -> (label, polarity, modality, confidence)."""

    def __init__(self, folder: str | Path = DEFAULT_MODEL) -> None:
        self.folder = Path(folder)
        self.config = read_config(self.folder, "pair model")
        self.version: str = self.config["version"]
        self.labels: list[str] = self.config["labels"]
        self.polarities: list[str] = self.config["polarities"]
        self.modalities: list[str] = self.config["modalities"]
        self.threshold: float = self.config.get("threshold", 0.5)
        self.max_tokens: int = self.config.get("max_tokens", 128)
        self.batch_pairs: int = self.config.get("batch_pairs", 64)

    @cached_property
    def tokenizer(self) -> Any:
        from tokenizers import Tokenizer

        return Tokenizer.from_file(str(self.folder / "tokenizer.json"))

    @cached_property
    def session(self) -> Any:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # one per process: the pool gives the parallelism
        options.inter_op_num_threads = 1
        return onnxruntime.InferenceSession(str(self.folder / "model.onnx"), options,
                                            providers=["CPUExecutionProvider"])

    def predict(self, examples: list[PairExample]) -> list[tuple[str, str, str, float]]:
        out: list[tuple[str, str, str, float]] = []
        for i in range(0, len(examples), self.batch_pairs):
            out += self._predict(examples[i:i + self.batch_pairs])
        return out

    def _predict(self, examples: list[PairExample]) -> list[tuple[str, str, str, float]]:
        if not examples:
            return []
        b = encode(self.tokenizer, examples, self.max_tokens)
        rel, pol, mod = self.session.run(None, {
            "input_ids": b.input_ids, "attention_mask": b.attention_mask,
            "pair_window": b.pair_window, "pair_masks": b.pair_masks})
        rel_p = _softmax(rel)
        out = []
        for r, p, m in zip(rel_p, pol, mod, strict=True):
            best = int(r.argmax())
            label = self.labels[best]
            if label != "none" and r[best] < self.threshold:
                label = "none"
            out.append((label, self.polarities[int(p.argmax())],
                        self.modalities[int(m.argmax())], float(r[best])))
        return out


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
