"""Reviews: an analyst confirms or rejects claims and settles unknown-group candidates.

Every decision is a row in ``reviews`` (who, when, an optional note); ``review_state``
holds each claim's current verdict, which ``Store.iter_claims`` applies (rejected claims
left out, confirmed ones at confidence 1), so edges, timelines and exports follow. A
verdict is reversed by ``withdrawn``, a candidate decision by ``undo`` (what it changed is
kept in ``candidate_undo``). Confirmed claims export in the gold format
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
           "review_claim", "settled_candidates", "undo_candidate"]

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
        _record(store, claim, verdict, note, reviewer, at, kind="claim")
        store.db.execute("INSERT OR IGNORE INTO edges_dirty VALUES ('claim', ?)", (claim,))
    refresh_edges(store)
    return {"claim": claim, "verdict": verdict, "note": note, "reviewer": reviewer, "at": at}


def review_candidate(kb: KnowledgeBase, candidate: str, action: str, *,
                     into: str | None = None, name: str | None = None,
                     note: str | None = None, reviewer: str | None = None) -> dict[str, Any]:
    """Settle a candidate: ``accept`` it as a new actor (optionally under ``name``),
    ``alias`` (its name becomes an alias of ``into`` and its claims move there) or
    ``merge`` it into ``into``. Recorded as a review; the edges follow."""
    if action == "undo":
        return undo_candidate(kb, candidate, note=note, reviewer=reviewer)
    if action not in CANDIDATE_ACTIONS:
        raise ReviewError(f"Unknown action '{action}'. Known: {', '.join(CANDIDATE_ACTIONS)}, "
                          "undo.")
    row = next((a for a in kb.store.actors() if a["id"] == candidate), None)
    if row is None:
        raise NotFound(f"No candidate '{candidate}'.")
    if action in ("alias", "merge") and not into:
        raise ReviewError(f"'{action}' needs the actor to put the candidate into ('into').")
    before = _candidate_snapshot(kb.writable_store(), candidate)
    overlay: dict[str, Any]
    result: dict[str, Any]
    if action == "accept":
        result = kb.promote(candidate, name=name)
        target = result["id"]
        overlay = {"actor": target}
    elif action == "alias":
        target = kb.resolve_actor(str(into))
        entry = _overlay(kb).entry(target)
        known = set((entry or {}).get("aliases") or [])
        kb.add_alias(target, [row["name"]])
        overlay = {"aliases": [n for n in [row["name"]] if n not in known],
                   "entry_added": entry is None, "of": target}
        result = kb.store.rename_actor(candidate, target)
        refresh_edges(kb.store)
    else:
        target = kb.resolve_actor(str(into))
        result = kb.merge(candidate, target)
        overlay = {"merged": candidate}
    at = _now()
    with kb.store.db:
        _record(kb.store, candidate, f"{action}:{target}", note, reviewer, at)
        kb.store.db.execute(
            "INSERT OR REPLACE INTO candidate_undo VALUES (?,?,?,?,?,?,?,?)",
            (candidate, action, target, json.dumps(before["actor"]), json.dumps(overlay),
             *(json.dumps(before[k]) for k in ("claims", "mentions", "replaced"))))
    return {"candidate": candidate, "action": action, "actor": target, "at": at,
            "result": result}


def _record(store: Store, subject: str, verdict: str, note: str | None,
            reviewer: str | None, at: str, *, kind: str = "candidate") -> None:
    """A verdict on a claim or a candidate (``kind``), kept in the log and as the current
    state (a withdrawal clears the state)."""
    store.db.execute("INSERT INTO reviews (claim, verdict, note, at, reviewer, kind) "
                     "VALUES (?,?,?,?,?,?)", (subject, verdict, note, at, reviewer, kind))
    if verdict == "withdrawn":
        store.db.execute("DELETE FROM review_state WHERE claim = ?", (subject,))
    else:
        store.db.execute("INSERT OR REPLACE INTO review_state VALUES (?,?,?,?,?)",
                         (subject, verdict, note, reviewer, at))


def _overlay(kb: KnowledgeBase) -> Any:
    from .overlay import Overlay

    return Overlay(kb.settings.project_overlay)


def _candidate_snapshot(store: Store, candidate: str) -> dict[str, Any]:
    """The candidate's claims and mentions as stored now, and the rows of the actor it may
    go into at the same places (a mention there is replaced when the candidate's moves in)."""
    db = store.db
    claims = [list(r) for r in db.execute(
        "SELECT id, json FROM claims WHERE subject = ? OR object = ?", (candidate, candidate))]
    mentions = [list(r) for r in db.execute(
        'SELECT doc, start, "end", text, actor, sentence, method, provisional FROM mentions '
        "WHERE actor = ?", (candidate,))]
    replaced = [list(r) for r in db.execute(
        'SELECT o.doc, o.start, o."end", o.text, o.actor, o.sentence, o.method, o.provisional '
        "FROM mentions m JOIN mentions o ON o.doc = m.doc AND o.start = m.start AND "
        "o.actor != m.actor WHERE m.actor = ?", (candidate,))]
    actor = dict(db.execute("SELECT * FROM actors WHERE id = ?", (candidate,)).fetchone())
    return {"claims": claims, "mentions": mentions, "replaced": replaced, "actor": actor}


def undo_candidate(kb: KnowledgeBase, candidate: str, *, note: str | None = None,
                   reviewer: str | None = None) -> dict[str, Any]:
    """Take back the last decision on a candidate, as ``withdrawn`` takes back a verdict on a
    claim: the overlay loses what the decision added, the candidate's claims and mentions
    are as they were, it is a candidate again, and the edges follow."""
    store = kb.writable_store()
    row = store.db.execute("SELECT * FROM candidate_undo WHERE candidate = ?",
                           (candidate,)).fetchone()
    if row is None:
        raise NotFound(f"No decision on candidate '{candidate}' to undo.")
    overlay = _overlay(kb)
    change = json.loads(row["overlay"])
    if "actor" in change:
        overlay.remove(change["actor"])
    if "aliases" in change:
        overlay.remove_aliases(change["of"], change["aliases"])
        entry = overlay.entry(change["of"])
        if change["entry_added"] and entry is not None and set(entry) <= {"id", "aliases"} \
                and not entry.get("aliases"):
            overlay.remove(change["of"])
    if "merged" in change:
        overlay.unmerge(change["merged"])
    _restore(store, row)
    kb.save_overlay(overlay)  # resyncs the actors and refreshes the edges
    at = _now()
    with store.db:
        _record(store, candidate, "withdrawn", note, reviewer, at)
        store.db.execute("DELETE FROM candidate_undo WHERE candidate = ?", (candidate,))
    refresh_edges(store)
    return {"candidate": candidate, "action": "undo", "undid": row["action"],
            "actor": candidate, "from": row["target"], "at": at}


def _restore(store: Store, row: Any) -> None:
    db = store.db
    actor = json.loads(row["actor"])
    mentions = json.loads(row["mentions"])
    with db:
        for cid, text in json.loads(row["claims"]):
            claim = json.loads(text)
            db.execute("UPDATE claims SET subject = ?, object = ?, json = ? WHERE id = ?",
                       (claim["subject"]["id"], claim["object"]["id"], text, cid))
            db.execute("INSERT OR IGNORE INTO edges_dirty VALUES ('claim', ?)", (cid,))
        db.executemany("DELETE FROM mentions WHERE doc = ? AND start = ? AND actor = ?",
                       [(m[0], m[1], row["target"]) for m in mentions])
        db.executemany("INSERT OR REPLACE INTO mentions VALUES (?,?,?,?,?,?,?,?)",
                       mentions + json.loads(row["replaced"]))
        db.execute(f"INSERT OR REPLACE INTO actors ({', '.join(actor)}) VALUES "
                   f"({','.join('?' * len(actor))})", list(actor.values()))


def settled_candidates(store: Store) -> list[dict[str, Any]]:
    """Candidate decisions that can be undone, newest first."""
    rows = store.db.execute(
        "SELECT u.candidate, u.action, u.target, u.actor, s.note, s.reviewer, s.at "
        "FROM candidate_undo u LEFT JOIN review_state s ON s.claim = u.candidate "
        "ORDER BY s.at DESC, u.candidate")
    out = []
    for r in rows:
        names = store.db.execute("SELECT name FROM actors WHERE id = ?", (r["target"],)
                                 ).fetchone()
        out.append({"candidate": r["candidate"], "name": json.loads(r["actor"])["name"],
                    "action": r["action"], "actor": r["target"],
                    "actor_name": names[0] if names else r["target"], "note": r["note"],
                    "reviewer": r["reviewer"], "at": r["at"]})
    return out


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
