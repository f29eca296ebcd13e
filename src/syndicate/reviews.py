"""Reviews: an analyst confirms or rejects claims and settles unknown-group candidates.

Every decision is a row in ``reviews`` (who, when, an optional note); ``review_state``
holds each claim's current verdict, which ``Store.iter_claims`` applies (rejected claims
left out, confirmed ones at confidence 1), so edges, timelines and exports follow. A
verdict is reversed by ``withdrawn``. Confirmed claims export in the gold format
(``tests/gold/README.md``), so reviews become evaluation and training data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from .edges import refresh_edges
from .errors import SyndicateError
from .mapquery import NotFound

if TYPE_CHECKING:
    from .api import KnowledgeBase
    from .store import Store

__all__ = ["CANDIDATE_ACTIONS", "VERDICTS", "export_gold", "list_reviews", "review_candidate",
           "review_claim"]

VERDICTS = ("confirmed", "rejected", "withdrawn")
CANDIDATE_ACTIONS = ("accept", "alias", "merge")


class ReviewError(SyndicateError):
    """A review that cannot be recorded (unknown verdict, missing target actor)."""

    code = "E070"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def review_claim(store: Store, claim: str, verdict: str, *, note: str | None = None,
                 reviewer: str | None = None) -> dict[str, Any]:
    """Record a verdict on a claim and update the edges it belongs to."""
    if verdict not in VERDICTS:
        raise ReviewError(f"Unknown verdict '{verdict}'. Known: {', '.join(VERDICTS)}.")
    if store.db.execute("SELECT 1 FROM claims WHERE id = ?", (claim,)).fetchone() is None:
        raise NotFound(f"No claim '{claim}'.")
    at = _now()
    with store.db:
        store.db.execute("INSERT INTO reviews (claim, verdict, note, at, reviewer, kind) "
                         "VALUES (?,?,?,?,?,'claim')", (claim, verdict, note, at, reviewer))
        if verdict == "withdrawn":
            store.db.execute("DELETE FROM review_state WHERE claim = ?", (claim,))
        else:
            store.db.execute("INSERT OR REPLACE INTO review_state VALUES (?,?,?,?,?)",
                             (claim, verdict, note, reviewer, at))
        store.db.execute("INSERT OR IGNORE INTO edges_dirty VALUES ('claim', ?)", (claim,))
    refresh_edges(store)
    return {"claim": claim, "verdict": verdict, "note": note, "reviewer": reviewer, "at": at}


def review_candidate(kb: KnowledgeBase, candidate: str, action: str, *,
                     into: str | None = None, name: str | None = None,
                     note: str | None = None, reviewer: str | None = None) -> dict[str, Any]:
    """Settle a candidate: ``accept`` it as a new actor (optionally under ``name``),
    ``alias`` (its name becomes an alias of ``into`` and its claims move there) or
    ``merge`` it into ``into``. Recorded as a review; the edges follow."""
    if action not in CANDIDATE_ACTIONS:
        raise ReviewError(f"Unknown action '{action}'. Known: {', '.join(CANDIDATE_ACTIONS)}.")
    row = next((a for a in kb.store.actors() if a["id"] == candidate), None)
    if row is None:
        raise NotFound(f"No candidate '{candidate}'.")
    if action in ("alias", "merge") and not into:
        raise ReviewError(f"'{action}' needs the actor to put the candidate into ('into').")
    result: dict[str, Any]
    if action == "accept":
        result = kb.promote(candidate, name=name)
        target = result["id"]
    elif action == "alias":
        target = kb.resolve_actor(str(into))
        kb.add_alias(target, [row["name"]])
        result = kb.store.rename_actor(candidate, target)
        refresh_edges(kb.store)
    else:
        target = kb.resolve_actor(str(into))
        result = kb.merge(candidate, target)
    at = _now()
    with kb.store.db:
        kb.store.db.execute(
            "INSERT INTO reviews (claim, verdict, note, at, reviewer, kind) "
            "VALUES (?,?,?,?,?,'candidate')",
            (candidate, f"{action}:{target}", note, at, reviewer))
        kb.store.db.execute("INSERT OR REPLACE INTO review_state VALUES (?,?,?,?,?)",
                            (candidate, f"{action}:{target}", note, reviewer, at))
    return {"candidate": candidate, "action": action, "actor": target, "at": at,
            "result": result}


def list_reviews(store: Store, *, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """Every review, newest first, with the claim it is about."""
    page, per_page = max(1, int(page)), max(1, min(int(per_page), 200))
    total = store.db.execute("SELECT count(*) FROM reviews").fetchone()[0]
    rows = store.db.execute(
        "SELECT r.rowid AS id, r.kind, r.claim, r.verdict, r.note, r.reviewer, r.at, c.json, "
        "s.verdict AS current FROM reviews r LEFT JOIN claims c ON c.id = r.claim "
        "LEFT JOIN review_state s ON s.claim = r.claim ORDER BY r.rowid DESC LIMIT ? OFFSET ?",
        (per_page, (page - 1) * per_page))
    items = []
    for r in rows:
        item = {k: r[k] for k in ("id", "kind", "claim", "verdict", "note", "reviewer", "at",
                                  "current")}
        if r["json"]:
            c = json.loads(r["json"])
            item["summary"] = {"subject": c["subject"]["id"], "relation": c["relation"],
                               "object": c["object"]["id"], "sentence": c.get("sentence"),
                               "doc": c.get("doc"), "polarity": c["polarity"],
                               "modality": c["modality"]}
        items.append(item)
    return {"items": items, "page": page, "per_page": per_page, "total": total,
            "next": page + 1 if page * per_page < total else None}


def gold_lines(store: Store, *, include_rejected: bool = False) -> Iterator[dict[str, Any]]:
    """Reviewed claims in the gold format: confirmed ones, and with ``include_rejected``
    the rejected ones marked ``"review": "rejected"`` (negatives for training)."""
    wanted = ("confirmed", "rejected") if include_rejected else ("confirmed",)
    rows = store.db.execute(
        f"SELECT s.verdict, c.json FROM review_state s JOIN claims c ON c.id = s.claim "
        f"WHERE s.verdict IN ({','.join('?' * len(wanted))}) ORDER BY c.doc, c.id", wanted)
    for verdict, text in rows:
        c = json.loads(text)
        line = {"doc": c.get("source") or c["doc"], "anchor": c["sentence"],
                "subject": c["subject"]["id"], "relation": c["relation"],
                "object": c["object"]["id"], "polarity": c["polarity"],
                "modality": c["modality"]}
        if (c.get("time") or {}).get("value"):
            line["time"] = c["time"]["value"]
        if verdict == "rejected":
            line["review"] = "rejected"
        yield line


def export_gold(store: Store, out: TextIO, *, include_rejected: bool = False) -> int:
    """Write ``gold_lines`` as JSON lines; returns how many."""
    n = 0
    for line in gold_lines(store, include_rejected=include_rejected):
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        n += 1
    return n
