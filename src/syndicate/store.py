"""Store stage: one SQLite file (WAL, foreign keys, FTS5 over sentences), migrated on open.

Many readers, one writer. Writing a processed document is one transaction; a document
whose id (hash of its cleaned text) is already stored adds nothing.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .actors import Dictionary
from .dedup import DEFAULT_THRESHOLD
from .errors import (
    DamagedStoreError,
    ForeignStoreError,
    MissingStoreError,
    ReadOnlyStoreError,
    StoreError,
)
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
    # 4: the persisted LSH index, so clustering costs what an ingest adds (dedup.py bands);
    # a document without a minhash row has not been clustered yet (derived.py)
    """
    CREATE TABLE minhash (
        doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, sig BLOB
    );
    CREATE TABLE lsh (
        band INTEGER NOT NULL, key BLOB NOT NULL,
        doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (band, key, doc)
    ) WITHOUT ROWID;
    CREATE INDEX clusters_cluster ON clusters(cluster);
    """,
    # 5: the names a document defines (resolve/definitions.py, resolve/people.py): aliases
    # of known actors suggested for the dictionary, and unknown people with their group
    """
    CREATE TABLE definitions (
        doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, start INTEGER NOT NULL,
        "end" INTEGER NOT NULL, sentence INTEGER NOT NULL, kind TEXT NOT NULL,
        name TEXT NOT NULL, actor TEXT NOT NULL, cue TEXT, other TEXT, role TEXT, since TEXT,
        until TEXT, PRIMARY KEY (doc, start, actor)
    );
    CREATE INDEX definitions_actor ON definitions(actor);
    """,
    # 6: what a candidate decision (accept, alias, merge) changed, so it can be undone
    # (reviews.undo_candidate): the candidate's actor row, its claims and mentions as they
    # were, and what the overlay gained
    """
    CREATE TABLE candidate_undo (
        candidate TEXT PRIMARY KEY, action TEXT NOT NULL, target TEXT NOT NULL,
        actor TEXT NOT NULL, overlay TEXT NOT NULL, claims TEXT NOT NULL,
        mentions TEXT NOT NULL, replaced TEXT NOT NULL
    );
    """,
    # 7: the map's queries at a million claims (mapquery.network): the strongest edges of
    # one relation straight from an index, and the edges among a set of actors (the
    # neighbourhood) checked on the index alone
    """
    CREATE INDEX edges_relation_weight ON edges(relation, weight DESC);
    DROP INDEX edges_object;
    CREATE INDEX edges_object ON edges(object, subject);
    """,
    # 8: the map's kind filter reads the kinds of an edge's two actors from the edge, not
    # from two joins per row read (edges.py writes them with the edge); triggers keep them
    # in step with the actors table whoever writes it (dictionary sync, a new candidate,
    # promote, merge, undo)
    """
    ALTER TABLE edges ADD COLUMN subject_kind TEXT;
    ALTER TABLE edges ADD COLUMN object_kind TEXT;
    UPDATE edges SET subject_kind = (SELECT kind FROM actors WHERE id = edges.subject),
                     object_kind = (SELECT kind FROM actors WHERE id = edges.object);
    CREATE TRIGGER actors_kind_insert AFTER INSERT ON actors BEGIN
        UPDATE edges SET subject_kind = NEW.kind
            WHERE subject = NEW.id AND subject_kind IS NOT NEW.kind;
        UPDATE edges SET object_kind = NEW.kind
            WHERE object = NEW.id AND object_kind IS NOT NEW.kind;
    END;
    CREATE TRIGGER actors_kind_update AFTER UPDATE OF id, kind ON actors BEGIN
        UPDATE edges SET subject_kind = NULL WHERE subject = OLD.id AND OLD.id != NEW.id;
        UPDATE edges SET object_kind = NULL WHERE object = OLD.id AND OLD.id != NEW.id;
        UPDATE edges SET subject_kind = NEW.kind
            WHERE subject = NEW.id AND subject_kind IS NOT NEW.kind;
        UPDATE edges SET object_kind = NEW.kind
            WHERE object = NEW.id AND object_kind IS NOT NEW.kind;
    END;
    CREATE TRIGGER actors_kind_delete AFTER DELETE ON actors BEGIN
        UPDATE edges SET subject_kind = NULL WHERE subject = OLD.id;
        UPDATE edges SET object_kind = NULL WHERE object = OLD.id;
    END;
    """,
]


def _writable(path: Path) -> bool:
    """Whether this process may write ``path`` (root too: an immutable file is not)."""
    if not os.access(path, os.W_OK):
        return False
    try:
        with open(path, "r+b"):
            pass
    except OSError:
        return False
    return True


def _connect_read_only(path: str) -> sqlite3.Connection:
    """A read-only connection; when SQLite cannot set up WAL reading beside the file (a
    read-only folder without the -shm file), the file is opened as immutable instead."""
    uri = Path(path).resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()
        log.info("%s: opening as immutable (no WAL index can be made beside it)", path)
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=30)


def diagnose(path: str, exc: sqlite3.DatabaseError) -> StoreError:
    """A coded error for an SQLite failure, with ``PRAGMA integrity_check``'s answer when
    the file is damaged."""
    message = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and ("readonly" in message or
                                                      "read-only" in message):
        return ReadOnlyStoreError(f"{path} cannot be written ({message}). Make it writable "
                                  "(chmod u+w) or copy it somewhere writable.")
    if "file is not a database" in message or "file is encrypted" in message:
        return StoreError(f"cannot open database {path}: {message}. Is it a Syndicate "
                          "database? Use --db to pick another file.")
    if isinstance(exc, sqlite3.OperationalError) and "malformed" not in message and \
            "corrupt" not in message:
        return StoreError(f"database {path}: {message}. Is another program holding it? "
                          "Try again, or pick another file with --db.")
    answer = integrity_check(path)
    return DamagedStoreError(
        f"the store {path} is damaged ({message}); SQLite's integrity check says: {answer}. "
        "Restore it from a backup, or recover what is left with "
        f"'sqlite3 {path} .recover | sqlite3 recovered.db' and re-ingest the articles.")


def integrity_check(path: str, *, lines: int = 3) -> str:
    """The first ``lines`` of ``PRAGMA integrity_check`` on ``path``, read-only."""
    try:
        uri = f"{Path(path).resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=5)) as con:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchmany(lines + 1)]
    except sqlite3.DatabaseError as exc:
        return f"it cannot run ({exc})"
    shown = "; ".join(rows[:lines]) + (" ..." if len(rows) > lines else "")
    return f"'{shown}'"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# PRAGMA application_id of every Syndicate store ("SYND"), so another program's SQLite file
# is never mistaken for one. Stores made before it have 0 and Syndicate's tables.
APPLICATION_ID = 0x53594E44
_OWN_TABLES = {"documents", "claims", "mentions", "sentences"}


class Store:
    """The knowledge base's database. Use as a context manager or call ``close()``.

    ``create=False`` refuses a missing file instead of creating it (read commands);
    ``read_only=True`` opens a file this process may not write read-only instead of failing
    (reads still work; writing raises ``ReadOnlyStoreError``). Another application's SQLite
    file is refused before anything is written to it.
    """

    def __init__(self, path: str | Path, *, dictionary: Dictionary | None = None,
                 create: bool = True, read_only: bool = False) -> None:
        self.path = str(path)
        self.dictionary = dictionary
        self.read_only = False
        memory = self.path == ":memory:" or self.path.startswith("file:")
        if not memory:
            self._check_file(create=create, read_only=read_only)
        try:
            if self.read_only:
                self.db = _connect_read_only(self.path)
            else:
                if not memory:
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, timeout=30)
            self.db.row_factory = sqlite3.Row
            self._check_identity()
            if self.read_only:
                if self.schema_version < len(MIGRATIONS):
                    raise ReadOnlyStoreError(
                        f"{self.path} is read-only and needs upgrading to schema "
                        f"v{len(MIGRATIONS)}: make it writable once (chmod u+w) and rerun")
            else:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self._migrate()
            self.db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            raise diagnose(self.path, exc) from exc

    def _check_file(self, *, create: bool, read_only: bool) -> None:
        target = Path(self.path)
        if not target.exists():
            if not create:
                raise MissingStoreError(
                    f"No store at {self.path}. Create one with 'syndicate ingest PATHS', or "
                    "pick an existing one with --db (or $SYNDICATE_DB).")
            return
        if not target.is_file():
            raise StoreError(f"{self.path} is not a file. Pick a store file with --db.")
        if not _writable(target):
            if not read_only:
                raise ReadOnlyStoreError(
                    f"{self.path} is read-only, and this command writes to the store. Make "
                    "it writable (chmod u+w) or copy it somewhere writable.")
            self.read_only = True

    def _check_identity(self) -> None:
        """Refuse another application's SQLite file before anything writes to it."""
        app_id = int(self.db.execute("PRAGMA application_id").fetchone()[0])
        if app_id == APPLICATION_ID:
            return
        tables = {row[0] for row in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if app_id == 0 and (not tables or _OWN_TABLES <= tables):
            if not self.read_only:
                self.db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            return
        shown = ", ".join(sorted(tables)[:5]) or "none"
        raise ForeignStoreError(
            f"{self.path} is an SQLite database but not a Syndicate store (application id "
            f"{app_id}, tables: {shown}); it was left untouched. Pick another file with --db.")

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
        rows = {a.id: (a.id, a.name, a.kind, a.region, json.dumps(a.country),
                       json.dumps(a.aliases), a.parent, a.wikidata, 0, a.origin)
                for a in dictionary.actors.values()}
        with self.db:
            # Only what changed is written: each write to an actor also reaches its edges
            # (the kind triggers of migration 8), and most opens change nothing.
            kept = {row[0]: tuple(row) for row in self.db.execute(
                "SELECT * FROM actors WHERE provisional = 0")}
            self.db.executemany("DELETE FROM actors WHERE id = ?",
                                [(i,) for i in kept if i not in rows])
            self.db.executemany("INSERT OR REPLACE INTO actors VALUES (?,?,?,?,?,?,?,?,?,?)",
                                [r for i, r in rows.items() if kept.get(i) != r])

    def add(self, item: Processed) -> str:
        """Store one processed document. Returns 'added', 'duplicate' or 'failed'."""
        if item.error or item.doc is None:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.execute("INSERT OR REPLACE INTO failures VALUES (?,?,?)",
                                (item.source, item.error or "no text", _now()))
            return "failed"
        with self.db:
            # take the write lock before looking: another process ingesting the same text
            # must see this one's document, not insert it a second time
            self.db.execute("BEGIN IMMEDIATE")
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
                        "VALUES (?,?,?,1,'candidate')",
                        (m.actor, m.text, "person" if m.method == "person" else "armed_group"))
            self.db.executemany(
                "INSERT OR IGNORE INTO definitions VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [(item.doc, d.start, d.end, d.sentence, d.kind, d.name, d.actor, d.cue, d.other,
                  d.role, d.since, d.until) for d in item.definitions])
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
            self.db.execute("UPDATE OR REPLACE definitions SET actor = ? WHERE actor = ?",
                            (new, old))
            self.db.execute("UPDATE definitions SET other = ? WHERE other = ?", (new, old))
            if old.startswith("candidate:"):
                self.db.execute("DELETE FROM actors WHERE id = ?", (old,))
        return changed

    def candidates(self) -> list[dict[str, Any]]:
        """Unknown group-shaped names and unknown people in a role: counts, first/last seen
        and example sentences; a person with the group, role and sentence that define them
        (``kind`` says which: armed_group or person)."""
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
                "SELECT DISTINCT s.text FROM mentions m JOIN sentences s ON s.doc = m.doc AND "
                "s.idx = m.sentence WHERE m.actor = ? LIMIT 3", (row["actor"],))]
            claims = self.db.execute("SELECT count(*) FROM claims WHERE subject = ? OR "
                                     "object = ?", (row["actor"], row["actor"])).fetchone()[0]
            out.append({"id": row["actor"], "names": names, "mentions": row["mentions"],
                        "documents": row["documents"], "claims": claims,
                        "first_seen": row["first_seen"], "last_seen": row["last_seen"],
                        "examples": examples, **self._candidate_kind(row["actor"])})
        return out

    def _candidate_kind(self, actor: str) -> dict[str, Any]:
        """A candidate's kind and, for a person, the group and role the text gave them."""
        row = self.db.execute("SELECT kind FROM actors WHERE id = ?", (actor,)).fetchone()
        kind = row[0] if row else "armed_group"
        if kind != "person":
            return {"kind": kind}
        roles = self.db.execute(
            "SELECT d.other AS grp, a.name AS group_name, d.role, d.doc, s.text "
            "FROM definitions d LEFT JOIN actors a ON a.id = d.other JOIN sentences s ON "
            "s.doc = d.doc AND s.idx = d.sentence WHERE d.actor = ? AND d.kind = 'person' "
            "ORDER BY d.doc, d.start", (actor,)).fetchall()
        first = roles[0] if roles else None
        return {"kind": kind, "group": first["grp"] if first else None,
                "group_name": first["group_name"] if first else None,
                "role": first["role"] if first else None,
                "roles": [{"group": r["grp"], "role": r["role"], "doc": r["doc"],
                           "sentence": r["text"]} for r in roles],
                "example": first["text"] if first else None}

    def alias_suggestions(self) -> list[dict[str, Any]]:
        """Names documents define for known actors ("Jabhat Fateh al-Sham, known as al-Nusra
        Front until 2016"), suggested as permanent aliases: each with its actor, the
        documents and an example sentence, and a renaming's dates when the text gave them.
        Names the dictionary has taken in since are left out."""
        rows = self.db.execute(
            "SELECT d.name, d.actor, d.kind, d.other, d.cue, d.since, d.until, d.doc, "
            "s.text AS sentence, a.name AS actor_name, a.aliases FROM definitions d "
            "JOIN sentences s ON s.doc = d.doc AND s.idx = d.sentence "
            "LEFT JOIN actors a ON a.id = d.actor "
            "WHERE d.kind IN ('alias', 'former_name') ORDER BY d.actor, d.name, d.doc, d.start")
        out: dict[tuple[str, str], dict[str, Any]] = {}
        for r in rows:
            known = {a.casefold() for a in json.loads(r["aliases"] or "[]")}
            if r["name"].casefold() in known | {str(r["actor_name"] or "").casefold()}:
                continue
            item = out.setdefault((r["name"], r["actor"]), {
                "id": f"alias:{r['actor']}:{r['name']}", "type": "alias", "name": r["name"],
                "actor": r["actor"], "actor_name": r["actor_name"], "kind": r["kind"],
                "defined_by": r["other"], "cue": r["cue"], "since": r["since"],
                "until": r["until"], "documents": [], "example": r["sentence"]})
            if r["doc"] not in item["documents"]:
                item["documents"].append(r["doc"])
            item["since"] = item["since"] or r["since"]
            item["until"] = item["until"] or r["until"]
        return list(out.values())

    def clusters(self) -> dict[str, str]:
        """Document id -> near-duplicate cluster id (one independent source per cluster)."""
        rows = dict(self.db.execute("SELECT doc, cluster FROM clusters").fetchall())
        for (doc,) in self.db.execute("SELECT id FROM documents WHERE id NOT IN "
                                      "(SELECT doc FROM clusters)"):
            rows[doc] = doc
        return rows

    _UNCLUSTERED = ("SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM minhash m "
                    "WHERE m.doc = d.id) OR NOT EXISTS (SELECT 1 FROM clusters c "
                    "WHERE c.doc = d.id)")

    def clusters_stale(self) -> bool:
        """Whether some stored document is not clustered yet (an ingest was interrupted
        after storing it, or the store predates the persisted index)."""
        return self.db.execute(self._UNCLUSTERED + " LIMIT 1").fetchone() is not None

    def update_clusters(self, *, threshold: float = DEFAULT_THRESHOLD) -> int:
        """Cluster the documents not clustered yet against the persisted LSH index: the
        cost grows with what was added, not with the store. The result equals clustering
        every document at once (``dedup.cluster_documents``). Returns the documents added."""
        from .dedup import UnionFind, band_keys, signature, similarity

        pending = [row[0] for row in self.db.execute(self._UNCLUSTERED)]
        if not pending:
            return 0
        texts = {doc: text for doc, text in self._texts(pending)}
        sigs = {doc: signature(texts.get(doc) or "") for doc in pending}
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")  # one writer: a concurrent ingest waits
            pending = [doc for (doc,) in self.db.execute(self._UNCLUSTERED) if doc in sigs]
            self.db.executemany("DELETE FROM clusters WHERE doc = ?", ((d,) for d in pending))
            groups = UnionFind()
            for doc in sorted(pending):
                groups.add((doc,))
                sig = sigs[doc]
                if sig is None:
                    self.db.execute("INSERT OR REPLACE INTO minhash VALUES (?, NULL)", (doc,))
                    continue
                keys = band_keys(sig, threshold=threshold)
                candidates: set[str] = set()
                for band, key in keys:
                    candidates.update(r[0] for r in self.db.execute(
                        "SELECT doc FROM lsh WHERE band = ? AND key = ?", (band, key)))
                for other in sorted(candidates - {doc}):
                    row = self.db.execute(
                        "SELECT m.sig, c.cluster FROM minhash m LEFT JOIN clusters c "
                        "ON c.doc = m.doc WHERE m.doc = ?", (other,)).fetchone()
                    if row is None or row[0] is None or similarity(sig, row[0]) < threshold:
                        continue
                    groups.add((doc, row[1] or other))
                self.db.execute("INSERT OR REPLACE INTO minhash VALUES (?, ?)", (doc, sig))
                self.db.executemany("INSERT OR IGNORE INTO lsh VALUES (?, ?, ?)",
                                    [(band, key, doc) for band, key in keys])
            roots = groups.roots()
            for old, root in roots.items():
                if old not in pending and old != root:  # an existing cluster joined another
                    # its documents' independent source changed: their edges count anew
                    self.db.execute("INSERT OR IGNORE INTO edges_dirty SELECT 'doc', doc "
                                    "FROM clusters WHERE cluster = ?", (old,))
                    self.db.execute("UPDATE clusters SET cluster = ? WHERE cluster = ?",
                                    (root, old))
            self.db.executemany("INSERT OR IGNORE INTO edges_dirty VALUES ('doc', ?)",
                                [(doc,) for doc in pending])
            self.db.executemany("INSERT OR REPLACE INTO clusters VALUES (?, ?)",
                                [(doc, roots[doc]) for doc in pending])
        return len(pending)

    def reset_clusters(self) -> None:
        """Forget clusters and the LSH index (``syndicate reindex --full`` rebuilds them)."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            for table in ("lsh", "minhash", "clusters"):
                self.db.execute(f"DELETE FROM {table}")

    def _texts(self, docs: list[str]) -> Iterator[tuple[str, str]]:
        for start in range(0, len(docs), 500):
            part = docs[start:start + 500]
            marks = ",".join("?" * len(part))
            yield from self.db.execute(
                f"SELECT id, text FROM documents WHERE id IN ({marks})", part)

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
