"""Settings: packaged defaults, then a user file, then environment, then command-line flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from .errors import SettingsError
from .learn import EXTRACTORS
from .limits import Limits

USER_FILE = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "syndicate" / \
    "settings.yaml"
OVERLAY_NAME = "syndicate-actors.yaml"


@dataclass(frozen=True)
class Settings:
    db: str = "syndicate.db"
    overlays: tuple[str, ...] = field(default_factory=tuple)
    workers: int = 1
    # per-document limits (limits.py): a document over one fails alone, with the reason
    max_bytes: int = Limits.max_bytes
    max_line_chars: int = Limits.max_line_chars
    max_depth: int = Limits.max_depth
    max_sentences: int = Limits.max_sentences
    max_mentions_per_sentence: int = Limits.max_mentions_per_sentence
    doc_seconds: float = Limits.doc_seconds
    candidates: bool = True
    spacy_model: str | None = None
    # rules | model | hybrid: who turns mentions into claims; the hybrid has the best first
    # scores on the blind sets that meets the speed floor and the seeds' precision
    extractor: str = "hybrid"
    # the lowest probability at which the pair model's claims are kept (None: the model's
    # own, 0.85 in the hybrid; 0 keeps every one)
    model_threshold: float | None = None

    def limits(self) -> Limits:
        return Limits(**{f.name: getattr(self, f.name) for f in fields(Limits)})

    @property
    def project_overlay(self) -> Path:
        """The analyst's actors file beside the database."""
        return Path(self.db).resolve().parent / OVERLAY_NAME

    def all_overlays(self) -> list[str]:
        return [str(self.project_overlay), *self.overlays]


def load_settings(*, user_file: Path | None = None, env: dict[str, str] | None = None,
                  **flags: Any) -> Settings:
    settings = Settings()
    path = user_file or USER_FILE
    if path.exists():
        try:
            data = yaml.safe_load(path.read_text("utf-8")) or {}
        except yaml.YAMLError as exc:
            raise SettingsError(f"{path}: not valid YAML: {exc}") from exc
        settings = _apply(settings, data, str(path))
    environ: Mapping[str, str] = os.environ if env is None else env
    from_env: dict[str, Any] = {}
    if environ.get("SYNDICATE_DB"):
        from_env["db"] = environ["SYNDICATE_DB"]
    if environ.get("SYNDICATE_WORKERS"):
        from_env["workers"] = environ["SYNDICATE_WORKERS"]
    if environ.get("SYNDICATE_EXTRACTOR"):
        from_env["extractor"] = environ["SYNDICATE_EXTRACTOR"]
    if environ.get("SYNDICATE_MODEL_THRESHOLD"):
        from_env["model_threshold"] = environ["SYNDICATE_MODEL_THRESHOLD"]
    if environ.get("SYNDICATE_SPACY_MODEL"):
        from_env["spacy_model"] = environ["SYNDICATE_SPACY_MODEL"]
    settings = _apply(settings, from_env, "environment")
    return _apply(settings, {k: v for k, v in flags.items() if v not in (None, ())}, "flags")


_POSITIVE_INTS = ("workers", "max_bytes", "max_line_chars", "max_depth", "max_sentences",
                  "max_mentions_per_sentence")


def _apply(settings: Settings, data: dict[str, Any], where: str) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    unknown = set(data) - set(known)
    if unknown:
        raise SettingsError(f"{where}: unknown setting(s) {sorted(unknown)}; "
                            f"known: {sorted(known)}")
    values: dict[str, Any] = {}
    for key, value in data.items():
        try:
            if key in _POSITIVE_INTS:
                value = int(value)
                if value < 1:
                    raise ValueError
            elif key == "doc_seconds":
                value = float(value)
                if not value >= 0:  # also refuses NaN
                    raise ValueError
            elif key == "overlays":
                value = tuple(str(v) for v in value)
            elif key == "candidates":
                value = bool(value)
            elif key == "model_threshold":
                value = float(value)
                if not 0 <= value <= 1:  # also refuses NaN
                    raise ValueError("a probability, from 0 to 1")
            elif key == "extractor" and value not in EXTRACTORS:
                raise ValueError(f"one of {', '.join(EXTRACTORS)}")
        except (TypeError, ValueError) as exc:
            detail = f" ({exc})" if str(exc) else ""
            raise SettingsError(f"{where}: bad value for '{key}': {value!r}{detail}") from exc
        values[key] = value
    return replace(settings, **values)
