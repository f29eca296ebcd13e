"""The per-document pipeline: read -> clean -> date -> segment -> recognize/resolve -> relate.

``Pipeline.process`` is a pure function of one document and the dictionary, so it can run
in a process pool or on a Dask cluster while a single writer stores the results.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .actors import Dictionary, load_dictionary
from .clean import clean_html, clean_text
from .dates import publication_date
from .limits import Limits, guard
from .model import Processed, RawDocument, content_id
from .recognize import Matcher
from .relate import relate
from .resolve import resolve
from .segment import segment
from .syntax import Parser, load_parser

log = logging.getLogger(__name__)


class Pipeline:
    """Holds the dictionary and its matcher; call ``process`` per document."""

    def __init__(self, dictionary: Dictionary | None = None, *,
                 overlays: Iterable[str | Path] = (), candidates: bool = True,
                 parser: Parser | None = None, limits: Limits | None = None) -> None:
        self.dictionary = dictionary or load_dictionary(overlays)
        self.limits = limits or Limits()
        self.matcher = Matcher(self.dictionary)
        self.candidates = candidates
        self.parser = parser  # optional statistical refinement (syntax.py)

    def process(self, raw: RawDocument) -> Processed:
        """One document within the per-document limits and time budget (``limits.py``)."""
        return guard(self._process, raw, self.limits)

    def _process(self, raw: RawDocument) -> Processed:
        out = Processed(source=raw.source, title=raw.title, url=raw.url)
        if raw.error:
            out.error = raw.error
            return out
        try:
            cleaned = clean_html(raw.html, max_depth=self.limits.max_depth) \
                if raw.html is not None else clean_text(raw.text or "")
        except RecursionError:
            out.error = "hostile or too deeply nested markup"
            return out
        if not cleaned.text.strip():
            out.error = "no text left after cleaning (empty, or all boilerplate)"
            out.removed = cleaned.removed
            return out
        out.text = cleaned.text
        out.doc = content_id(cleaned.text)
        out.title = raw.title or cleaned.title
        out.removed = cleaned.removed
        out.date = publication_date(cleaned, container_date=raw.published)
        out.sentences = segment(cleaned.text, cleaned.paragraphs)
        self.limits.check_before_resolve(out, self.matcher)
        year = int(out.date.value[:4]) if out.date.value else None
        out.mentions = resolve(cleaned.text, out.sentences, self.dictionary, self.matcher,
                               candidates=self.candidates, year=year)
        self.limits.check_before_relate(out)
        out.claims = relate(cleaned.text, out.sentences, out.mentions, self.dictionary,
                            doc=out.doc, published=out.date, source=raw.url or raw.source)
        if self.parser is not None:
            out.claims = self.parser.refine(out)
        return out


_WORKER: Pipeline | None = None


def _init_worker(overlays: list[str], candidates: bool, spacy_model: str | None,
                 limits: Limits | None = None) -> None:
    global _WORKER  # one pipeline per worker process, built once
    _WORKER = Pipeline(overlays=overlays, candidates=candidates,
                       parser=load_parser(spacy_model), limits=limits)


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
                                       spacy_model, pipeline.limits)) as pool:
        yield from pool.map(_work, raws, chunksize=8)
