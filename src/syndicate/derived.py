"""Derived data: what is computed from stored documents after they are stored.

A document is stored in one transaction; what is derived from many documents (near-duplicate
clusters, and any table built from claims) is brought up to date afterwards. A crash in
between leaves it stale, never wrong: each entry can tell whether it is stale and rebuild
itself, and every ingest (``refresh``) and ``syndicate reindex`` do so.

An entry is (name, is_stale(store), rebuild(store), reset(store) or None, description).
``rebuild`` brings the entry up to date, incrementally where it can; ``reset`` forgets it so
that ``rebuild`` starts from nothing (``reindex --full``). Adding an entry is one line in
``REGISTRY``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store

__all__ = ["REGISTRY", "Derived", "refresh", "stale"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Derived:
    name: str
    is_stale: Callable[[Store], bool]
    rebuild: Callable[[Store], Any]
    reset: Callable[[Store], Any] | None = None
    description: str = ""


def _clusters_stale(store: Store) -> bool:
    return store.clusters_stale()


def _clusters_rebuild(store: Store) -> Any:
    return store.update_clusters()


def _clusters_reset(store: Store) -> Any:
    return store.reset_clusters()


def _edges_stale(store: Store) -> bool:
    from .edges import edges_stale

    return edges_stale(store)


def _edges_refresh(store: Store) -> Any:
    from .edges import refresh_edges

    return refresh_edges(store)


def _edges_reset(store: Store) -> Any:
    from .edges import rebuild_edges

    return rebuild_edges(store)


REGISTRY: tuple[Derived, ...] = (
    Derived("clusters", _clusters_stale, _clusters_rebuild, _clusters_reset,
            "near-duplicate document clusters and their LSH index (independent sources)"),
    # after the clusters: an edge counts one source per cluster
    Derived("edges", _edges_stale, _edges_refresh, _edges_reset,
            "the map's kept edges, claim rows and contradictions (edges.py)"),
)


def stale(store: Store, registry: tuple[Derived, ...] = REGISTRY) -> list[str]:
    """Names of the entries that are not up to date."""
    return [entry.name for entry in registry if entry.is_stale(store)]


def refresh(store: Store, *, full: bool = False,
            registry: tuple[Derived, ...] = REGISTRY) -> list[dict[str, Any]]:
    """Rebuild every stale entry (every entry from nothing with ``full``), in registry
    order; returns what was done, per entry."""
    done = []
    for entry in registry:
        was_stale = entry.is_stale(store)
        started = time.monotonic()
        if full and entry.reset is not None:
            entry.reset(store)
        if full or was_stale:
            entry.rebuild(store)
        done.append({"name": entry.name, "was_stale": was_stale,
                     "rebuilt": full or was_stale,
                     "seconds": round(time.monotonic() - started, 3),
                     "description": entry.description})
        log.info("derived %s: stale=%s rebuilt=%s", entry.name, was_stale, full or was_stale)
    return done
