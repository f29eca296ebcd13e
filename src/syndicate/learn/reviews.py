"""Reviews and gold files as training data, through one reader.

Both arrive as gold-format lines (``tests/gold/README.md``): a team gold file, or the
store's reviews exported by ``reviews.gold_lines`` (confirmed claims, and rejected ones
marked ``"review": "rejected"``). A gold file annotates every pair of its documents, so
every other pair is a negative; a review judges only the pair it names, so a reviewed
passage yields just the reviewed pairs (a rejected claim is a negative for its pair).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..model import RawDocument
from .corpus import Passage, Span

ARTICLE = "article"  # the register of a whole training article


def passages_from_lines(lines: Iterable[dict[str, Any]], text_of: Callable[[str], str | None],
                        pipeline: Any, *, complete: bool) -> list[Passage]:
    """Passages for the documents the lines name; ``complete`` when every pair was judged.

    ``text_of(doc)`` gives a document's text; the pipeline finds its sentences and actor
    mentions, as it will at run time.
    """
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for line in lines:
        by_doc.setdefault(line["doc"], []).append(line)
    passages = []
    for doc, doc_lines in by_doc.items():
        text = text_of(doc)
        if text is None:
            continue
        out = pipeline.process(RawDocument(source=doc, text=text))
        if out.error:
            continue
        spans = [Span(m.start, m.end, m.actor, pipeline.dictionary.kind_of(m) or "other")
                 for m in out.mentions if not m.actor.startswith("pair:")]
        relations = [x for x in doc_lines if x.get("relation") and x.get("review") != "rejected"]
        judged = None if complete else {
            (x["anchor"], frozenset((x["subject"], x["object"]))) for x in doc_lines
            if x.get("relation")}
        passages.append(Passage(f"review:{doc}" if not complete else doc, out.text, spans,
                                relations, sentences=out.sentences, judged=judged))
    return passages


def passages_from_reviews(db: str | Path, pipeline: Any = None) -> list[Passage]:
    """The confirmed and rejected claims of a store, as training passages."""
    from ..pipeline import Pipeline
    from ..reviews import gold_lines
    from ..store import Store

    store = Store(str(db))
    try:
        lines = list(gold_lines(store, include_rejected=True))
        texts = {}
        for row in store.db.execute("SELECT source, text FROM documents"):
            texts[row[0]] = row[1]
    except sqlite3.Error:
        return []
    finally:
        store.close()
    return passages_from_lines(lines, texts.get, pipeline or Pipeline(), complete=False)


def passages_from_articles(folder: str | Path, pipeline: Any = None) -> list[Passage]:
    """Whole training articles: ``PART.jsonl`` gold lines beside a ``PART/`` folder of texts.

    Written and annotated like the evaluation sets (every pair judged), they teach the
    model on text shaped like the articles it will read, with the pipeline's own mentions.
    """
    from ..pipeline import Pipeline

    folder = Path(folder)
    pipeline = pipeline or Pipeline(extractor="rules")

    def text_of(doc: str) -> str | None:
        path = folder / doc
        return path.read_text("utf-8") if path.is_file() else None

    passages = []
    for path in sorted(folder.glob("*.jsonl")):
        passages += passages_from_lines(read_lines(path), text_of, pipeline, complete=True)
    for passage in passages:
        passage.register = ARTICLE
    return passages


def read_lines(path: str | Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in Path(path).read_text("utf-8").splitlines() if x.strip()]
