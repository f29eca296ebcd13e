"""The Python API: ``syndicate.open(path)`` returns a KnowledgeBase."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .actors import Dictionary, load_dictionary
from .derived import refresh, stale
from .edges import refresh_edges
from .errors import DictionaryError, ReadOnlyStoreError, SettingsError, UnknownActorError
from .model import Processed
from .pipeline import Pipeline, process_all
from .read import read
from .recognize import fold
from .settings import Settings, load_settings
from .store import Store

if TYPE_CHECKING:
    from distributed import Client


def sample_corpus() -> str:
    """Path of the bundled sample corpus folder."""
    return str(resources.files("syndicate").joinpath("data/sample"))


def _short_sample_sources(raws: Iterable[Any]) -> Iterator[Any]:
    """The bundled sample is named 'sample/<file>', not by its site-packages path."""
    root = sample_corpus().rstrip("/") + "/"
    for raw in raws:
        if raw.source.startswith(root):
            raw.source = "sample/" + raw.source[len(root):]
        yield raw


@dataclass
class IngestReport:
    added: int = 0
    duplicate: int = 0
    failed: int = 0
    claims: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"added": self.added, "duplicate": self.duplicate, "failed": self.failed,
                "claims": self.claims, "failures": self.failures}


class KnowledgeBase:
    """A store plus the dictionary it was built with."""

    def __init__(self, path: str | Path = "syndicate.db", *, settings: Settings | None = None,
                 overlays: Iterable[str] = ()) -> None:
        self.settings = settings or load_settings(db=str(path), overlays=tuple(overlays))
        self.db_path = str(path)

    @cached_property
    def dictionary(self) -> Dictionary:
        return load_dictionary(self.settings.all_overlays())

    @property
    def store(self) -> Store:
        """The store, for reading: never created by a read, opened read-only when this
        process may not write it."""
        return self._open_store(write=False)

    def writable_store(self) -> Store:
        """The store, for writing: created when missing; a read-only one is an error."""
        return self._open_store(write=True)

    def _open_store(self, *, write: bool) -> Store:
        store: Store | None = self.__dict__.get("_store")
        if store is None:
            store = Store(self.db_path, dictionary=self.dictionary, create=write,
                          read_only=not write)
            if not store.read_only:
                store.sync_actors(self.dictionary)
            self.__dict__["_store"] = store
        if write and store.read_only:
            raise ReadOnlyStoreError(
                f"{self.db_path} is read-only, and this command writes to the store. Make it "
                "writable (chmod u+w) or copy it somewhere writable.")
        return store

    def close(self) -> None:
        if "_store" in self.__dict__:
            self.__dict__.pop("_store").close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- work ---------------------------------------------------------------------------

    @cached_property
    def parser(self) -> Any:
        """The optional statistical parser named in the settings (None: rule-based only)."""
        from .syntax import load_parser

        return load_parser(self.settings.spacy_model)

    def pipeline(self) -> Pipeline:
        """The pipeline for the current dictionary, built once (its matcher is costly)."""
        cached: Pipeline | None = self.__dict__.get("_pipeline")
        if cached is None or cached.dictionary is not self.dictionary or \
                cached.extractor != self.settings.extractor or \
                cached.model_threshold != self.settings.model_threshold:
            cached = Pipeline(self.dictionary, candidates=self.settings.candidates,
                              parser=self.parser, limits=self.settings.limits(),
                              extractor=self.settings.extractor,
                              model_threshold=self.settings.model_threshold)
            self.__dict__["_pipeline"] = cached
        return cached

    def ingest(self, paths: Iterable[str], *, workers: int | None = None,
               dask: str | Client | None = None, batch_size: int | None = None,
               on_document: Callable[[Processed, str], None] | None = None) -> IngestReport:
        """Read, process and store documents; one failing document never stops the batch.

        With ``dask`` ("local", a scheduler address or a ``distributed.Client``) the
        per-document work runs on a Dask cluster, ``batch_size`` documents per task, and
        the results are stored here, by this one writer.
        """
        if dask is not None and workers is not None:
            raise SettingsError("give 'workers' (a process pool) or 'dask', not both")
        if batch_size is not None and dask is None:
            raise SettingsError("'batch_size' applies only with 'dask'")
        if dask is not None and self.settings.spacy_model:
            raise SettingsError("the statistical parser does not run on Dask workers yet; "
                                "unset spacy_model (SYNDICATE_SPACY_MODEL) or run without --dask")
        report = IngestReport()
        raws = _short_sample_sources(read(paths, limits=self.settings.limits()))
        store = self.writable_store()  # loads and checks the dictionary before any cluster

        with ExitStack() as stack:
            if dask is None:
                items = process_all(raws, self.pipeline(),
                                    workers=workers or self.settings.workers,
                                    overlays=self.settings.all_overlays(),
                                    spacy_model=self.settings.spacy_model)
            else:
                from .distributed import BATCH_SIZE, connect, process_on_dask

                client = stack.enter_context(connect(dask)) if isinstance(dask, str) else dask
                items = process_on_dask(raws, client=client,
                                        overlays=self.settings.all_overlays(),
                                        candidates=self.settings.candidates,
                                        batch_size=batch_size or BATCH_SIZE,
                                        extractor=self.settings.extractor,
                                        model_threshold=self.settings.model_threshold)
            for item in items:
                outcome = store.add(item)
                setattr(report, outcome, getattr(report, outcome) + 1)
                if outcome == "added":
                    report.claims += len(item.claims)
                if outcome == "failed":
                    report.failures.append({"source": item.source, "reason": item.error or ""})
                if on_document:
                    on_document(item, outcome)
        # clusters, the kept edges and other derived data: brought up to date when anything
        # was added, and whenever an earlier ingest was interrupted before it could do so
        refresh(store)
        return report

    def reindex(self, *, full: bool = False) -> list[dict[str, Any]]:
        """Rebuild derived data that is stale (all of it with ``full``); see ``derived``.
        A missing store is an error (``[E032]``), not created empty."""
        self._open_store(write=False)
        return refresh(self.writable_store(), full=full)

    def stale(self) -> list[str]:
        """Names of derived data that is not up to date."""
        return stale(self.store)

    # --- the analyst's overlay ------------------------------------------------------------

    def _overlay_changed(self) -> None:
        self.__dict__.pop("dictionary", None)
        store = self.writable_store()
        store.sync_actors(self.dictionary)  # validates the overlay too
        refresh_edges(store)

    def add_actor(self, entry: dict[str, Any]) -> dict[str, Any]:
        from .overlay import Overlay

        if self.dictionary.get(entry["id"]):
            raise DictionaryError(f"actor '{entry['id']}' already exists; use 'actors alias'")
        overlay = Overlay(self.settings.project_overlay)
        overlay.add(entry)
        self._save_checked(overlay)
        return self.dictionary.actors[entry["id"]].to_json()

    def add_alias(self, actor: str, aliases: list[str]) -> dict[str, Any]:
        from .overlay import Overlay

        actor_id = self.resolve_actor(actor)
        overlay = Overlay(self.settings.project_overlay)
        overlay.add_aliases(actor_id, aliases)
        self._save_checked(overlay)
        return self.dictionary.actors[actor_id].to_json()

    def merge(self, old: str, into: str) -> dict[str, int]:
        """Merge actor ``old`` into ``into``; stored claims and mentions follow at once."""
        from .overlay import Overlay

        if old.startswith("candidate:"):
            if not any(a["id"] == old for a in self.store.actors()):
                raise UnknownActorError(f"Unknown candidate '{old}'. List them with "
                                        "'syndicate candidates'.")
            old_id = old
        else:
            old_id = self.resolve_actor(old)
        new_id = self.resolve_actor(into)
        if old_id == new_id:
            raise UnknownActorError(f"'{old}' and '{into}' are the same actor")
        overlay = Overlay(self.settings.project_overlay)
        overlay.merge(old_id, new_id)
        self._save_checked(overlay)
        changed = self.writable_store().rename_actor(old_id, new_id)
        refresh_edges(self.writable_store())
        return changed

    def promote(self, candidate: str, *, actor_id: str | None = None, name: str | None = None,
                kind: str | None = None, region: str | None = None) -> dict[str, Any]:
        """Turn a provisional candidate into an overlay actor; its claims follow. Its kind
        is the candidate's (an unknown person stays a person) unless ``kind`` says."""
        from .overlay import slug

        cand = candidate if candidate.startswith("candidate:") else f"candidate:{slug(candidate)}"
        row = next((a for a in self.store.actors() if a["id"] == cand), None)
        if row is None:
            raise UnknownActorError(f"Unknown candidate '{candidate}'. List them with "
                                    "'syndicate candidates'.")
        name = name or row["name"]
        actor_id = actor_id or slug(name)
        entry = {"id": actor_id, "name": name, "kind": kind or row["kind"] or "armed_group",
                 "region": region or "global",
                 "aliases": [row["name"]] if row["name"] != name else []}
        created = self.add_actor(entry)
        self.writable_store().rename_actor(cand, actor_id)
        refresh_edges(self.writable_store())
        return created

    def save_overlay(self, overlay: Any) -> None:
        """Write an edited overlay (``overlay.Overlay``) if the dictionary still validates
        with it; the store's actors and edges follow."""
        self._save_checked(overlay)

    def _save_checked(self, overlay: Any) -> None:
        """Write the overlay only if the dictionary still validates with it."""
        import shutil
        import tempfile

        path = overlay.path
        backup = None
        if path.exists():
            backup = tempfile.NamedTemporaryFile(delete=False, suffix=".yaml").name
            shutil.copy(path, backup)
        try:
            overlay.save()
        except OSError as exc:
            raise DictionaryError(f"cannot write the actors file {path}: "
                                  f"{exc.strerror or exc}. Make its folder writable, or "
                                  "use a store in a folder you can write.") from exc
        try:
            self._overlay_changed()
        except Exception:
            if backup:
                shutil.copy(backup, path)
            else:
                path.unlink()
            self.__dict__.pop("dictionary", None)
            raise

    def candidates(self) -> list[dict[str, Any]]:
        """Unknown groups and unknown people in a role (``kind``), most mentioned first."""
        return self.store.candidates()

    def alias_suggestions(self) -> list[dict[str, Any]]:
        """Names the documents define for known actors, suggested as permanent aliases."""
        return self.store.alias_suggestions()

    # --- queries ------------------------------------------------------------------------

    def resolve_actor(self, text: str) -> str:
        """An actor id from an id, a name or any alias (case-insensitive)."""
        d = self.dictionary
        if d.get(text):
            return d.canonical(text)
        wanted = fold(text.strip())
        for actor in d.actors.values():
            if any(fold(form) == wanted for form, _ in actor.surface_forms()):
                return actor.id
        for row in self.store.actors():
            if row["id"] == text or fold(row["name"]) == wanted:
                return row["id"]
        close = [a.id for a in d.actors.values() if wanted in fold(a.name)][:5]
        hint = f" Did you mean: {', '.join(close)}?" if close else \
            " List actors with 'syndicate actors'."
        raise UnknownActorError(f"Unknown actor '{text}'.{hint}")

    def claims(self, *, actor: str | None = None, relation: str | None = None,
               curated: bool = False) -> list[dict[str, Any]]:
        if actor:
            actor = self.resolve_actor(actor)
        if relation:
            from .vocab import vocabulary

            vocabulary().check_relation(relation)
        return self.store.claims(actor=actor, relation=relation, curated=curated)

    def documents(self) -> list[dict[str, Any]]:
        return self.store.documents(with_text=False)

    def actor(self, name: str) -> dict[str, Any]:
        """An actor with its relations grouped by relation and counterpart, with evidence."""
        actor_id = self.resolve_actor(name)
        entry = self.dictionary.get(actor_id)
        info: dict[str, Any] = entry.to_json() if entry else next(
            (a for a in self.store.actors() if a["id"] == actor_id), {"id": actor_id})
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for claim in self.store.iter_claims(actor=actor_id):
            outgoing = claim["subject"]["id"] == actor_id
            other = claim["object"] if outgoing else claim["subject"]
            direction = "out" if outgoing else "in"
            groups[(claim["relation"], direction, other["id"])].append(claim)
        names = {a["id"]: a["name"] for a in self.store.actors()}
        relations = []
        for (relation, direction, other), claims in sorted(groups.items()):
            relations.append({
                "relation": relation, "direction": direction, "counterpart": other,
                "counterpart_name": names.get(other, other),
                "claims": len(claims),
                "documents": len({c["doc"] for c in claims if c["doc"]}),
                "curated": any(c.get("curated") for c in claims),
                "evidence": [{"sentence": c["sentence"], "source": c["source"],
                              "published": c["published"], "time": c["time"],
                              "polarity": c["polarity"], "modality": c["modality"],
                              "attribution": c["attribution"], "doc": c["doc"]}
                             for c in claims],
            })
        info["relations"] = relations
        info["mentions"] = self.store.actor_counts().get(actor_id, {"mentions": 0,
                                                                    "documents": 0})
        return info

    def actors(self) -> list[dict[str, Any]]:
        counts = self.store.actor_counts()
        out = []
        for actor in self.store.actors():
            actor.update(counts.get(actor["id"], {"mentions": 0, "documents": 0}))
            out.append(actor)
        return out

    # --- the map -------------------------------------------------------------------------

    def edges(self, **options: Any) -> list[Any]:
        """Claims aggregated per (subject, relation, object); see ``graph.build_edges``.
        Read from the kept edges when they are up to date and no option needs the claims
        themselves (``at``, ``since``, ``until``, other ``clusters`` or ``fade_days``)."""
        from . import graph, mapquery

        if set(options) <= {"today"} and mapquery.reads_kept(self.store):
            return mapquery.kept_edges(self.store, **options)
        options.setdefault("clusters", self.store.clusters())
        return graph.build_edges(self.store.iter_claims(), **options)

    def timeline(self, a: str, b: str, **options: Any) -> dict[str, Any]:
        from . import graph

        a_id, b_id = self.resolve_actor(a), self.resolve_actor(b)
        options.setdefault("clusters", self.store.clusters())
        return graph.timeline(list(self.store.iter_claims(actor=a_id)), a_id, b_id, **options)

    def network(self, **options: Any) -> dict[str, Any]:
        """``graph.network``; from the kept edges unless a date, range, other clusters or
        other fading period needs the claims."""
        from . import graph, mapquery

        kept = {"relations", "min_confidence", "kinds", "statuses", "today"}
        if set(options) <= kept and mapquery.reads_kept(self.store):
            return mapquery.kept_network(self.store, **options)
        options.setdefault("clusters", self.store.clusters())
        return graph.network(self.store.iter_claims(), actors=self.store.actors(), **options)

    def path(self, a: str, b: str, **options: Any) -> list[dict[str, Any]]:
        """``graph.path``; over the kept edges unless ``at`` or other clusters need the
        claims."""
        from . import graph, mapquery

        if set(options) <= {"max_hops", "min_confidence", "statuses", "today"} and \
                mapquery.reads_kept(self.store):
            return mapquery.path(self.store, self.resolve_actor(a), self.resolve_actor(b),
                                 **options)
        options.setdefault("clusters", self.store.clusters())
        return graph.path(self.store.iter_claims(), self.resolve_actor(a),
                          self.resolve_actor(b), **options)

    def stats(self, **options: Any) -> dict[str, Any]:
        from . import graph

        options.setdefault("clusters", self.store.clusters())
        return graph.stats(self.store.iter_claims(), self.store.actors(), **options)

    def contradictions(self, **options: Any) -> list[dict[str, Any]]:
        from . import graph

        options.setdefault("parents", graph.state_parents(self.store.actors()))
        return graph.contradictions(self.store.iter_claims(), **options)

    def export(self, fmt: str, out: Any, **options: Any) -> Any:
        from .export import export

        return export(self.store, fmt, out, **options)

    def to_networkx(self) -> Any:
        from . import graph

        return graph.to_networkx(list(self.store.iter_claims()), self.store.actors(),
                                 clusters=self.store.clusters())

    def claims_frame(self, **filters: Any) -> Any:
        """Claims as a pandas DataFrame (needs pandas), one row per claim, flattened."""
        import pandas as pd

        return pd.json_normalize(self.claims(**filters))

    def edges_frame(self, **options: Any) -> Any:
        """Edges as a pandas DataFrame (needs pandas)."""
        import pandas as pd

        return pd.DataFrame([e.to_json() for e in self.edges(**options)])
