"""The stage contract: a ``Document`` that stages fill, one ``ExtractionContext``, and the
registry of named, versioned stages the pipeline is built from.

Every stage is a plain callable ``stage(doc, ctx) -> doc``. A stage that cannot go on
sets ``doc.error`` (with the reason) and the pipeline stops there; the next document is
not affected. A changed stage is registered under a new version beside the old one,
never edited in place, so a stage list names exactly what produced a result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .actors import Dictionary
from .clean import Cleaned, clean_html, clean_text
from .dates import publication_date, sentence_time
from .errors import StageError
from .limits import Limits
from .model import (
    Claim,
    DateInfo,
    Definition,
    Mention,
    Processed,
    RawDocument,
    Sentence,
    content_id,
)
from .recognize import Hit, Matcher, recognize
from .relate import ClaimContext, deny_blanket, relate
from .relate.triggers import Trigger, triggers
from .resolve import resolve_hits
from .resolve.people import claimable
from .syntax import Parser
from .vocab import Vocabulary, vocabulary


@dataclass
class Document:
    """One document on its way through the stages; each stage fills its part."""

    raw: RawDocument
    cleaned: Cleaned | None = None
    id: str | None = None  # content id of the cleaned text
    date: DateInfo = field(default_factory=lambda: DateInfo(None, None, None))
    sentences: list[Sentence] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    error: str | None = None
    definitions: list[Definition] = field(default_factory=list)  # names the text defines

    @property
    def text(self) -> str:
        return self.cleaned.text if self.cleaned is not None else ""

    def result(self) -> Processed:
        """The ``Processed`` record callers (store, API, workers) receive."""
        raw, cleaned = self.raw, self.cleaned
        out = Processed(source=raw.source, title=raw.title, url=raw.url, error=self.error)
        if cleaned is None:
            return out
        out.removed = cleaned.removed
        if self.id is None:
            return out
        out.text, out.doc, out.title = cleaned.text, self.id, raw.title or cleaned.title
        out.date, out.sentences, out.mentions = self.date, self.sentences, self.mentions
        out.claims, out.definitions = self.claims, self.definitions
        return out


@dataclass(frozen=True)
class ExtractionContext:
    """What every stage may read, built once per pipeline: no module state, no globals."""

    dictionary: Dictionary
    matcher: Matcher
    vocabulary: Vocabulary
    candidates: bool = True  # unknown group-shaped names become provisional actors
    parser: Parser | None = None  # optional statistical refinement (syntax.py)
    triggers: tuple[Trigger, ...] = ()  # data/triggers.yaml, as relate uses them
    extractor: str = "rules"  # rules | model | hybrid (learn/)
    pair_model: Any = None  # the learned pair model, for model and hybrid
    # the lowest probability at which a model claim is kept; None: the model's own choice
    # for the mode (its config's "hybrid_threshold" in the hybrid, everything alone)
    model_threshold: float | None = None
    limits: Limits = field(default_factory=Limits)  # per-document costs (limits.py)

    @classmethod
    def build(cls, dictionary: Dictionary, *, candidates: bool = True,
              parser: Parser | None = None, extractor: str = "rules",
              model: str = "linear", limits: Limits | None = None,
              model_threshold: float | None = None) -> ExtractionContext:
        from .learn import EXTRACTORS, load_model

        if extractor not in EXTRACTORS:
            raise StageError(f"Unknown extractor '{extractor}'. Known: {', '.join(EXTRACTORS)}")
        pair_model = load_model(model) if extractor != "rules" else None
        # the triggers are read and compiled here, once, not on the first document
        return cls(dictionary, Matcher(dictionary), vocabulary(), candidates, parser,
                   triggers(), extractor, pair_model, model_threshold, limits or Limits())


Stage = Callable[[Document, ExtractionContext], Document]
STAGES: dict[str, Stage] = {}


def stage(name: str) -> Callable[[Stage], Stage]:
    """Register a stage under ``name`` ('segment.v1'): the one place stages are named."""
    def register(func: Stage) -> Stage:
        if name in STAGES:
            raise StageError(f"Stage '{name}' is registered twice")
        STAGES[name] = func
        return func
    return register


def get_stage(name: str) -> Stage:
    if name not in STAGES:
        raise StageError(f"Unknown stage '{name}'. Known: {', '.join(STAGES)}")
    return STAGES[name]


def stage_names(ctx: ExtractionContext) -> list[str]:
    """The stage list the context's settings ask for, in order."""
    names = ["clean.v1", "date.v1", "segment.v1", "recognize.v1", "limits_resolve.v1",
             "resolve.v1", "limits_relate.v1"]
    if ctx.extractor == "model":
        names += ["relate_pairs.v1", "event_time.v1"]
    else:
        names += ["relate.v1", *(["relate_pairs.v1"] if ctx.extractor == "hybrid" else []),
                  "event_time.v1", "blanket_denials.v1"]
    return names + (["parse.v1"] if ctx.parser is not None else [])


def run(doc: Document, ctx: ExtractionContext, stages: Iterable[Stage]) -> Document:
    """The stages in order, until one records an error."""
    for func in stages:
        if doc.error:
            break
        doc = func(doc, ctx)
    return doc


@stage("clean.v1")
def clean(doc: Document, ctx: ExtractionContext) -> Document:
    raw = doc.raw
    if raw.error:
        doc.error = raw.error
        return doc
    try:
        doc.cleaned = clean_html(raw.html, max_depth=ctx.limits.max_depth) \
            if raw.html is not None else clean_text(raw.text or "")
    except RecursionError:
        doc.error = "hostile or too deeply nested markup"
        return doc
    if not doc.cleaned.text.strip():
        doc.error = "no text left after cleaning (empty, or all boilerplate)"
        return doc
    doc.id = content_id(doc.cleaned.text)
    return doc


@stage("date.v1")
def date(doc: Document, ctx: ExtractionContext) -> Document:
    assert doc.cleaned is not None
    doc.date = publication_date(doc.cleaned, container_date=doc.raw.published)
    return doc


@stage("segment.v1")
def segment(doc: Document, ctx: ExtractionContext) -> Document:
    from .segment import segment as split

    assert doc.cleaned is not None
    doc.sentences = split(doc.cleaned.text, doc.cleaned.paragraphs)
    return doc


@stage("limits_resolve.v1")
def limits_before_resolve(doc: Document, ctx: ExtractionContext) -> Document:
    """Line length, sentences and names found per sentence within the settings' limits
    (a LimitError fails the document; ``limits.guard`` records why)."""
    ctx.limits.check_before_resolve(doc.text, doc.sentences, doc.hits)
    return doc


@stage("limits_relate.v1")
def limits_before_relate(doc: Document, ctx: ExtractionContext) -> Document:
    """Actor mentions per sentence within the limit before relate pairs them up."""
    ctx.limits.check_before_relate(doc.mentions)
    return doc


@stage("recognize.v1")
def recognize_mentions(doc: Document, ctx: ExtractionContext) -> Document:
    doc.hits = recognize(doc.text, ctx.matcher, candidates=ctx.candidates)
    return doc


@stage("resolve.v1")
def resolve(doc: Document, ctx: ExtractionContext) -> Document:
    year = int(doc.date.value[:4]) if doc.date.value else None
    doc.definitions = []
    doc.mentions = resolve_hits(doc.text, doc.sentences, doc.hits, ctx.dictionary, ctx.matcher,
                                year=year, definitions=doc.definitions)
    return doc


def _claim_context(doc: Document, ctx: ExtractionContext) -> ClaimContext:
    assert doc.id is not None
    return ClaimContext(ctx.dictionary, doc.id, source=doc.raw.url or doc.raw.source,
                        published=doc.date.value)


@stage("relate.v1")
def relate_actors(doc: Document, ctx: ExtractionContext) -> Document:
    doc.claims = relate(doc.text, doc.sentences, claimable(doc.mentions),
                        _claim_context(doc, ctx))
    return doc


@stage("relate_pairs.v1")
def relate_pairs(doc: Document, ctx: ExtractionContext) -> Document:
    """The learned pair model's claims; in the hybrid mode, added to the rules' claims
    for the sentences and actor pairs the rules said nothing about."""
    from .learn.extract import combine, model_claims, stack

    assert doc.id is not None and ctx.pair_model is not None
    judged: set[tuple[int, frozenset[str]]] = set()
    threshold = ctx.model_threshold
    if threshold is None:
        threshold = ctx.pair_model.config.get("hybrid_threshold", 0.0) \
            if ctx.extractor == "hybrid" else 0.0
    learned = model_claims(doc.text, doc.sentences, claimable(doc.mentions), ctx.dictionary,
                           ctx.pair_model, doc=doc.id, published=doc.date,
                           source=doc.raw.url or doc.raw.source,
                           rules=doc.claims if ctx.extractor == "hybrid" else None,
                           judged=judged, min_probability=threshold)
    if ctx.extractor == "model":
        doc.claims = learned
    elif getattr(ctx.pair_model, "stacked", False):
        doc.claims = stack(doc.claims, learned, judged)  # the model read the rules' claims
    else:
        doc.claims = combine(doc.claims, learned)
    return doc


@stage("event_time.v1")
def event_time(doc: Document, ctx: ExtractionContext) -> Document:
    """When each claimed relation held: its sentence's own time expressions, else the
    publication date."""
    for claim in doc.claims:
        claim.time = sentence_time(claim.sentence, doc.date)
    return doc


@stage("blanket_denials.v1")
def blanket_denials(doc: Document, ctx: ExtractionContext) -> Document:
    doc.claims += deny_blanket(doc.sentences, claimable(doc.mentions), doc.claims,
                               _claim_context(doc, ctx))
    return doc


@stage("parse.v1")
def parse(doc: Document, ctx: ExtractionContext) -> Document:
    assert ctx.parser is not None
    doc.claims = ctx.parser.refine(doc.result())
    return doc
