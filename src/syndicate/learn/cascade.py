"""The cascade: the linear pair model judges every pair; the encoder re-judges only the
pairs the linear model is unsure of, so that the encoder's better reading costs a few
windows per article instead of all of them.

``models/cascade/config.json`` names the two models (folders under ``models/``), the band
of the linear model's relation probability in which a pair goes to the encoder
(``band``: [low, high)), and the hybrid's threshold (``hybrid_threshold``), which then
applies to whichever model decided the pair.
"""

from __future__ import annotations

from pathlib import Path

from .corpus import NONE, PairExample
from .linear_runtime import LinearPairModel
from .runtime import MODELS, PairModel, read_config

DEFAULT_CASCADE = MODELS / "cascade"


class CascadePairModel:
    """``predict(examples)`` -> (label, polarity, modality, confidence), like the others."""

    stacked = False

    def __init__(self, folder: str | Path = DEFAULT_CASCADE) -> None:
        self.folder = Path(folder)
        self.config = read_config(self.folder, "cascade configuration")
        self.linear = LinearPairModel(self.folder.parent / self.config["linear"])
        self.encoder = PairModel(self.folder.parent / self.config["encoder"])
        self.encoder.threshold = 0.0  # the hybrid's threshold applies, not the encoder's own
        self.low, self.high = self.config["band"]
        self.version: str = f"{self.linear.version}+{self.encoder.version}"
        self.threshold = 0.0
        self.sent_to_encoder = 0  # pairs the encoder judged, for benchmarks

    def unsure(self, label: str, confidence: float) -> bool:
        """Whether the linear model's probability of some relation lies in the band."""
        relation = 1.0 - confidence if label == NONE else confidence
        return self.low <= relation < self.high

    def predict(self, examples: list[PairExample]) -> list[tuple[str, str, str, float]]:
        out = self.linear.predict(examples)
        unsure = [i for i, (label, _, _, p) in enumerate(out) if self.unsure(label, p)]
        if unsure:
            self.sent_to_encoder += len(unsure)
            second = self.encoder.predict([examples[i] for i in unsure])
            for i, judged in zip(unsure, second, strict=True):
                out[i] = judged
        return out
