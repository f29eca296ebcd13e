"""The learned extractor: training data, the pair models and their runtime.

Only ``extract``, ``runtime``, ``linear_runtime``, ``corpus`` and ``features`` are
needed to run a shipped model; ``linear``, ``encoder`` and ``train`` need the training
extra (``pip install 'syndicate[train]'``).
"""

from __future__ import annotations

from typing import Any

EXTRACTORS = ("rules", "model", "hybrid")
MODELS = ("linear", "encoder", "cascade")
DEFAULT_MODEL = "linear"


def load_model(name: str = DEFAULT_MODEL) -> Any:
    """The shipped pair model ``name``; loads lazily, raises ModelError when absent."""
    if name == "linear":
        from .linear_runtime import LinearPairModel

        return LinearPairModel()
    if name == "encoder":
        from .runtime import PairModel

        return PairModel()
    if name == "cascade":
        from .cascade import CascadePairModel

        return CascadePairModel()
    from ..errors import SettingsError

    raise SettingsError(f"Unknown pair model '{name}'. Known: {', '.join(MODELS)}")
