"""Store stage: one SQLite file (WAL, foreign keys, FTS5 over sentences), migrated on open.

Many readers, one writer. Writing a processed document is one transaction; a document
whose id (hash of its cleaned text) is already stored adds nothing.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .actors import Dictionary
from .errors import StoreError
from .model import Processed

log = logging.getLogger(__name__)

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY, source TEXT NOT NULL, url TEXT, title TEXT, published TEXT,
        date_source TEXT, date_precision TEXT, chars INTEGER NOT NULL, text TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE document_sources (
        doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, source TEXT NOT NULL,
        PRIMARY KEY (doc, source)
    );
    CREATE TABLE removed (
        doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
        reason TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (doc, seq)
    );
    CREATE TABLE sentences (
        doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
        paragraph INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text TEXT NOT NULL, PRIMARY KEY (doc, idx)
    );
    CREATE VIRTUAL TABLE sentences_fts USING fts5(text, doc UNINDEXED, idx UNINDEXED);
    CREATE TABLE actors (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, region TEXT,
        country TEXT, aliases TEXT, parent TEXT, wikidata TEXT,
        provisional INTEGER NOT NULL DEFAULT 0, origin TEXT
    );
    CREATE TABLE mentions (
        doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, start INTEGER NOT NULL,
        "end" INTEGER NOT NULL, text TEXT NOT NULL, actor TEXT NOT NULL,
        sentence INTEGER NOT NULL, method TEXT NOT NULL, provisional INTEGER NOT NULL,
        PRIMARY KEY (doc, start, actor)
    );
    CREATE INDEX mentions_actor ON mentions(actor);
    CREATE TABLE claims (
        id TEXT PRIMARY KEY, doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        subject TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL,
        polarity TEXT NOT NULL, modality TEXT NOT NULL, time_value TEXT,
        confidence REAL NOT NULL, extractor TEXT NOT NULL, json TEXT NOT NULL
    );
    CREATE INDEX claims_subject ON claims(subject);
    CREATE INDEX claims_object ON claims(object);
    CREATE INDEX claims_relation ON claims(relation);
    CREATE TABLE failures (
        source TEXT PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL
    );
    CREATE TABLE reviews (
        claim TEXT NOT NULL, verdict TEXT NOT NULL, note TEXT, at TEXT NOT NULL
    );
    """,
    # 2: near-duplicate clusters (independent sources), recomputed after each ingest
    """
    CREATE TABLE clusters (
        doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        cluster TEXT NOT NULL
    );
    """,
    # 3: materialised edges (edges.py) and reviews with who, a note and the current verdict
    """
    CREATE TABLE claim_edges (
        claim TEXT PRIMARY KEY, doc TEXT, seq INTEGER NOT NULL DEFAULT 0,
        subject TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL,
        stated_subject TEXT NOT NULL, stated_object TEXT NOT NULL,
        time_value TEXT, published TEXT, until TEXT, day_start INTEGER, day_end INTEGER,
        polarity TEXT NOT NULL, modality TEXT NOT NULL, stance TEXT NOT NULL,
        attribution TEXT, confidence REAL, curated INTEGER NOT NULL DEFAULT 0,
        review TEXT, fact TEXT
    );
    CREATE INDEX claim_edges_key ON claim_edges(subject, relation, object);
    CREATE INDEX claim_edges_object ON claim_edges(object, relation);
    CREATE INDEX claim_edges_doc ON claim_edges(doc);
    CREATE TABLE edges (
        subject TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL,
        directed INTEGER NOT NULL, confidence REAL NOT NULL,
        first_seen TEXT, last_seen TEXT, first_affirmed TEXT, last_affirmed TEXT, until TEXT,
        n_claims INTEGER NOT NULL, n_documents INTEGER NOT NULL, n_sources INTEGER NOT NULL,
        n_affirmed_sources INTEGER NOT NULL, n_opposing_sources INTEGER NOT NULL,
        polarity TEXT NOT NULL, modality TEXT NOT NULL, curated INTEGER NOT NULL,
        n_curated INTEGER NOT NULL, n_confirmed INTEGER NOT NULL, n_rejected INTEGER NOT NULL,
        has_for INTEGER NOT NULL, has_against INTEGER NOT NULL, against_later INTEGER NOT NULL,
        curated_open INTEGER NOT NULL, curated_until_day INTEGER, last_for_end INTEGER,
        last_for_dated INTEGER NOT NULL, held_from INTEGER, held_to INTEGER,
        weight REAL NOT NULL, evidence TEXT NOT NULL,
        PRIMARY KEY (subject, relation, object)
    );
    CREATE INDEX edges_object ON edges(object);
    CREATE INDEX edges_weight ON edges(weight DESC);
    CREATE TABLE contradictions (
        subject TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL,
        day_from INTEGER, json TEXT NOT NULL, PRIMARY KEY (subject, relation, object)
    );
    CREATE TABLE edges_dirty (kind TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (kind, key));
    CREATE TABLE edges_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    ALTER TABLE reviews ADD COLUMN reviewer TEXT;
    ALTER TABLE reviews ADD COLUMN kind TEXT NOT NULL DEFAULT 'claim';
    CREATE INDEX reviews_claim ON reviews(claim);
    CREATE TABLE review_state (
        claim TEXT PRIMARY KEY, verdict TEXT NOT NULL, note TEXT, reviewer TEXT,
        at TEXT NOT NULL
    );
    """,
]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """The knowledge base's database. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path, *, dictionary: Dictionary | None = None) -> None:
        self.path = str(path)
        self.dictionary = dictionary
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}. Is it a Syndicate "
                             "database? Use --db to pick another file.") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise StoreError(f"database schema v{version} is newer than this Syndicate "
                             f"(v{len(MIGRATIONS)}); upgrade Syndicate")
        for number in range(version, len(MIGRATIONS)):
            with self.db:
                self.db.executescript("BEGIN;" + MIGRATIONS[number] +
                                      f";PRAGMA user_version={number + 1};COMMIT;")
            log.info("migrated %s to schema v%d", self.path, number + 1)

    # --- writing ------------------------------------------------------------------------

    def sync_actors(self, dictionary: Dictionary) -> None:
        """Snapshot the dictionary (bundled + overlay) so queries can name actors."""
        self.dictionary = dictionary
        rows = [(a.id, a.name, a.kind, a.region, json.dumps(a.country), json.dumps(a.aliases),
                 a.parent, a.wikidata, 0, a.origin) for a in dictionary.actors.values()]
        with self.db:
            self.db.execute("DELETE FROM actors WHERE provisional = 0")
            self.db.executemany("INSERT OR REPLACE INTO actors VALUES (?,?,?,?,?,?,?,?,?,?)", rows)

    def add(self, item: Processed) -> str:
        """Store one processed document. Returns 'added', 'duplicate' or 'failed'."""
        if item.error or item.doc is None:
            with self.db:
                self.db.execute("INSERT OR REPLACE INTO failures VALUES (?,?,?)",
                                (item.source, item.error or "no text", _now()))
            return "failed"
        with self.db:
            exists = self.db.execute("SELECT 1 FROM documents WHERE id = ?",
                                     (item.doc,)).fetchone()
            self.db.execute("DELETE FROM failures WHERE source = ?", (item.source,))
            if exists:
                self.db.execute("INSERT OR IGNORE INTO document_sources VALUES (?,?)",
                                (item.doc, item.source))
                return "duplicate"
            self.db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)",
                (item.doc, item.source, item.url, item.title, item.date.value,
                 item.date.source, item.date.precision, len(item.text), item.text, _now()))
            self.db.execute("INSERT OR IGNORE INTO document_sources VALUES (?,?)",
                            (item.doc, item.source))
            self.db.executemany("INSERT INTO removed VALUES (?,?,?,?)",
                                [(item.doc, i, r.reason, r.text)
                                 for i, r in enumerate(item.removed)])
            self.db.executemany("INSERT INTO sentences VALUES (?,?,?,?,?,?)",
                                [(item.doc, s.index, s.paragraph, s.start, s.end, s.text)
                                 for s in item.sentences])
            self.db.executemany("INSERT INTO sentences_fts VALUES (?,?,?)",
                                [(s.text, item.doc, s.index) for s in item.sentences])
            self.db.executemany(
                "INSERT OR IGNORE INTO mentions VALUES (?,?,?,?,?,?,?,?)",
                [(item.doc, m.start, m.end, m.text, m.actor, m.sentence, m.method,
                  int(m.provisional)) for m in item.mentions])
            for m in item.mentions:
                if m.provisional and m.actor.startswith("candidate:"):
                    self.db.execute(
                        "INSERT OR IGNORE INTO actors (id, name, kind, provisional, origin) "
                        "VALUES (?,?,?,1,'candidate')", (m.actor, m.text, "armed_group"))
            self.db.executemany(
                "INSERT OR IGNORE INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(c.key, c.doc, c.subject.id, c.relation, c.object.id, c.polarity, c.modality,
                  c.time.value, c.confidence, c.extractor, json.dumps(c.to_json()))
                 for c in item.claims])
            self.db.execute("INSERT OR IGNORE INTO edges_dirty VALUES ('doc', ?)", (item.doc,))
        return "added"

    # --- reading ------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        tables = ("documents", "sentences", "mentions", "claims", "failures")
        return {t: int(self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in tables}

    def documents(self, *, with_text: bool = True) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT d.*, (SELECT count(*) FROM removed r WHERE r.doc = d.id)"
                               " AS removed FROM documents d ORDER BY published, source")
        out = []
        for row in rows:
            doc = {"id": row["id"], "source": row["source"], "url": row["url"],
                   "title": row["title"], "published": row["published"],
                   "date_source": row["date_source"], "date_precision": row["date_precision"],
                   "chars": row["chars"], "removed": row["removed"]}
            if with_text:
                doc["text"] = row["text"]
            out.append(doc)
        return out

    def document(self, doc_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM documents WHERE id = ? OR id LIKE ?",
                              (doc_id, doc_id + "%")).fetchone()
        if row is None:
            return None
        doc = dict(row)
        doc["removed"] = [dict(r) for r in self.db.execute(
            "SELECT reason, text FROM removed WHERE doc = ? ORDER BY seq", (row["id"],))]
        doc["sources"] = [r[0] for r in self.db.execute(
            "SELECT source FROM document_sources WHERE doc = ?", (row["id"],))]
        return doc

    def failures(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM failures ORDER BY source")]

    def iter_claims(self, *, actor: str | None = None, relation: str | None = None,
                    curated: bool = True) -> Iterator[dict[str, Any]]:
        """Claims in the data contract; with ``curated`` also the dictionary's structural facts."""
        # A reviewer's verdict applies: rejected claims are left out, confirmed ones count
        # with confidence 1 (reviews.py).
        sql = ("SELECT c.json, r.verdict, r.note FROM claims c LEFT JOIN review_state r "
               "ON r.claim = c.id")
        params: list[str] = []
        where = ["r.verdict IS NOT 'rejected'"]
        if actor:
            where.append("(c.subject = ? OR c.object = ?)")
            params += [actor, actor]
        if relation:
            where.append("c.relation = ?")
            params.append(relation)
        sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.time_value, c.id"
        merged = self.dictionary.merged if self.dictionary else {}
        for text, verdict, note in self.db.execute(sql, params):
            claim = json.loads(text)
            for side in ("subject", "object"):
                claim[side]["id"] = merged.get(claim[side]["id"], claim[side]["id"])
            claim["curated"] = False
            if verdict:
                claim["review"] = {"verdict": verdict, "note": note}
                claim["confidence"] = 1.0
            yield claim
        if curated and self.dictionary is not None:
            for fact in self.dictionary.curated_claims():
                if actor and actor not in (fact["subject"], fact["object"]):
                    continue
                if relation and relation != fact["relation"]:
                    continue
                yield curated_claim(fact)

    def claims(self, **filters: Any) -> list[dict[str, Any]]:
        return list(self.iter_claims(**filters))

    def actors(self) -> list[dict[str, Any]]:
        out = []
        for row in self.db.execute("SELECT * FROM actors ORDER BY id"):
            actor = dict(row)
            actor["country"] = json.loads(actor["country"] or "[]")
            actor["aliases"] = json.loads(actor["aliases"] or "[]")
            actor["provisional"] = bool(actor["provisional"])
            out.append(actor)
        return out

    def actor_counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for row in self.db.execute(
                "SELECT actor, count(*) AS mentions, count(DISTINCT doc) AS docs "
                "FROM mentions GROUP BY actor"):
            out[row["actor"]] = {"mentions": row["mentions"], "documents": row["docs"]}
        return out

    def search(self, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT doc, idx, text FROM sentences_fts WHERE sentences_fts MATCH ? LIMIT ?",
            (query, limit))
        return [dict(r) for r in rows]

    def rename_actor(self, old: str, new: str) -> dict[str, int]:
        """Point every claim and mention of ``old`` at ``new`` (merge or promotion)."""
        changed = {"claims": 0, "mentions": 0}
        with self.db:
            rows = self.db.execute("SELECT id, json FROM claims WHERE subject = ? OR object = ?",
                                   (old, old)).fetchall()
            for row in rows:
                claim = json.loads(row["json"])
                for side in ("subject", "object"):
                    if claim[side]["id"] == old:
                        claim[side]["id"] = new
                        claim[side].pop("provisional", None)
                self.db.execute("UPDATE claims SET subject = ?, object = ?, json = ? WHERE id = ?",
                                (claim["subject"]["id"], claim["object"]["id"],
                                 json.dumps(claim), row["id"]))
                self.db.execute("INSERT OR IGNORE INTO edges_dirty VALUES ('claim', ?)",
                                (row["id"],))
            changed["claims"] = len(rows)
            cur = self.db.execute("UPDATE OR REPLACE mentions SET actor = ?, provisional = 0 "
                                  "WHERE actor = ?", (new, old))
            changed["mentions"] = cur.rowcount
            if old.startswith("candidate:"):
                self.db.execute("DELETE FROM actors WHERE id = ?", (old,))
        return changed

    def candidates(self) -> list[dict[str, Any]]:
        """Unknown group-shaped names: counts, first/last seen and example sentences."""
        out = []
        rows = self.db.execute(
            "SELECT m.actor, count(*) AS mentions, count(DISTINCT m.doc) AS documents, "
            "min(d.published) AS first_seen, max(d.published) AS last_seen "
            "FROM mentions m JOIN documents d ON d.id = m.doc "
            "WHERE m.provisional = 1 AND m.actor LIKE 'candidate:%' "
            "GROUP BY m.actor ORDER BY mentions DESC, m.actor")
        for row in rows:
            names = [r[0] for r in self.db.execute(
                "SELECT DISTINCT text FROM mentions WHERE actor = ? LIMIT 5", (row["actor"],))]
            examples = [r[0] for r in self.db.execute(
                "SELECT s.text FROM mentions m JOIN sentences s ON s.doc = m.doc AND "
                "s.idx = m.sentence WHERE m.actor = ? LIMIT 3", (row["actor"],))]
            claims = self.db.execute("SELECT count(*) FROM claims WHERE subject = ? OR "
                                     "object = ?", (row["actor"], row["actor"])).fetchone()[0]
            out.append({"id": row["actor"], "names": names, "mentions": row["mentions"],
                        "documents": row["documents"], "claims": claims,
                        "first_seen": row["first_seen"], "last_seen": row["last_seen"],
                        "examples": examples})
        return out

    def clusters(self) -> dict[str, str]:
        """Document id -> near-duplicate cluster id (one independent source per cluster)."""
        rows = dict(self.db.execute("SELECT doc, cluster FROM clusters").fetchall())
        for (doc,) in self.db.execute("SELECT id FROM documents WHERE id NOT IN "
                                      "(SELECT doc FROM clusters)"):
            rows[doc] = doc
        return rows

    def update_clusters(self) -> int:
        """Recompute near-duplicate clusters over every stored document."""
        from .dedup import cluster_documents

        docs = ((row[0], row[1]) for row in self.db.execute("SELECT id, text FROM documents"))
        clusters = cluster_documents(docs)
        before = self.clusters()
        with self.db:
            # the documents whose independent source changed: their edges count sources anew
            self.db.executemany("INSERT OR IGNORE INTO edges_dirty VALUES ('doc', ?)",
                                [(d,) for d, c in clusters.items() if before.get(d, d) != c])
            self.db.execute("DELETE FROM clusters")
            self.db.executemany("INSERT INTO clusters VALUES (?, ?)", clusters.items())
        return len(set(clusters.values()))

    def add_many(self, items: Iterable[Processed]) -> dict[str, int]:
        tally = {"added": 0, "duplicate": 0, "failed": 0}
        for item in items:
            tally[self.add(item)] += 1
        return tally


def curated_claim(fact: dict[str, Any]) -> dict[str, Any]:
    """A dictionary fact in the claim data contract, marked ``curated``."""
    key = f"curated:{fact['subject']}:{fact['relation']}:{fact['object']}"
    value = fact.get("from")
    return {
        "id": key, "doc": None, "source": "dictionary", "published": None,
        "sentence": None, "start": None, "end": None,
        "subject": {"id": fact["subject"], "text": fact["subject_name"]},
        "relation": fact["relation"],
        "object": {"id": fact["object"], "text": fact["object_name"]},
        "polarity": "affirmed", "modality": "asserted", "attribution": "Syndicate dictionary",
        "time": {"value": value, "precision": "year" if value else None,
                 "source": "curated"},
        "until": fact.get("until"), "role": fact.get("role"),
        "trigger": fact.get("role") or "", "extractor": "dictionary.v1", "confidence": 0.9,
        "curated": True,
    }
