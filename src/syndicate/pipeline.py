"""The per-document pipeline: the stages of stages.py, in order (clean -> date -> segment ->
recognize -> resolve -> relate -> event time -> blanket denials [-> parse]).

``Pipeline.process`` is a pure function of one document and the dictionary, so it can run
in a process pool or on a Dask cluster while a single writer stores the results.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from .actors import Dictionary, load_dictionary
from .limits import Limits, guard
from .model import Processed, RawDocument
from .recognize import Matcher
from .stages import Document, ExtractionContext, get_stage, run, stage_names
from .syntax import Parser, load_parser

log = logging.getLogger(__name__)


class Pipeline:
    """The stage list built from the settings, and the context every stage reads; call
    ``process`` per document."""

    def __init__(self, dictionary: Dictionary | None = None, *,
                 overlays: Iterable[str | Path] = (), candidates: bool = True,
                 parser: Parser | None = None, extractor: str = "rules",
                 model: str | None = None, limits: Limits | None = None,
                 model_threshold: float | None = None) -> None:
        """``model``: the pair model of the model and hybrid extractors (``learn.MODELS``;
        default ``learn.DEFAULT_MODEL``); ``model_threshold``: the lowest probability at
        which its claims are kept (default: the model's own, 0.85 in the hybrid)."""
        from .learn import DEFAULT_MODEL

        self._use(ExtractionContext.build(dictionary or load_dictionary(overlays),
                                          candidates=candidates, parser=parser,
                                          extractor=extractor, model=model or DEFAULT_MODEL,
                                          limits=limits, model_threshold=model_threshold))

    def _use(self, context: ExtractionContext) -> None:
        self.context = context
        self.stage_names = stage_names(context)
        self.stages = [get_stage(name) for name in self.stage_names]

    @property
    def dictionary(self) -> Dictionary:
        return self.context.dictionary

    @property
    def matcher(self) -> Matcher:
        return self.context.matcher

    @property
    def candidates(self) -> bool:
        return self.context.candidates

    @candidates.setter
    def candidates(self, candidates: bool) -> None:
        self._use(replace(self.context, candidates=candidates))

    @property
    def parser(self) -> Parser | None:
        return self.context.parser

    @parser.setter
    def parser(self, parser: Parser | None) -> None:
        """Set (or remove) the parser: the parse stage is added to (or left out of) the list."""
        self._use(replace(self.context, parser=parser))

    @property
    def extractor(self) -> str:
        return self.context.extractor

    @property
    def model_threshold(self) -> float | None:
        return self.context.model_threshold

    @property
    def limits(self) -> Limits:
        return self.context.limits

    def process(self, raw: RawDocument) -> Processed:
        """One document within the per-document limits and time budget (``limits.py``)."""
        return guard(self._process, raw, self.limits)

    def _process(self, raw: RawDocument) -> Processed:
        return run(Document(raw), self.context, self.stages).result()


_WORKER: Pipeline | None = None


def _init_worker(overlays: list[str], candidates: bool, spacy_model: str | None,
                 extractor: str, limits: Limits | None = None,
                 model_threshold: float | None = None) -> None:
    global _WORKER  # one pipeline per worker process, built once
    _WORKER = Pipeline(overlays=overlays, candidates=candidates,
                       parser=load_parser(spacy_model), extractor=extractor, limits=limits,
                       model_threshold=model_threshold)


def _work(raw: RawDocument) -> Processed:
    assert _WORKER is not None
    try:
        return _WORKER.process(raw)
    except Exception as exc:  # keep the batch going; the reason is recorded
        log.exception("failed on %s", raw.source)
        return Processed(source=raw.source, error=f"internal error: {type(exc).__name__}: {exc}")


def process_all(raws: Iterable[RawDocument], pipeline: Pipeline, *, workers: int = 1,
                overlays: Iterable[str | Path] = (),
                spacy_model: str | None = None) -> Iterator[Processed]:
    """Process documents in order, in this process or in a pool of ``workers``."""
    if workers <= 1:
        for raw in raws:
            try:
                yield pipeline.process(raw)
            except Exception as exc:
                log.exception("failed on %s", raw.source)
                yield Processed(source=raw.source,
                                error=f"internal error: {type(exc).__name__}: {exc}")
        return
    with ProcessPoolExecutor(workers, initializer=_init_worker,
                             initargs=([str(o) for o in overlays], pipeline.candidates,
                                       spacy_model, pipeline.extractor,
                                       pipeline.limits, pipeline.model_threshold)) as pool:
        yield from pool.map(_work, raws, chunksize=8)
