"""The analyst's overlay: a project-local actors file laid over the bundled dictionary.

Format (YAML)::

    actors:                       # new actors, or extra aliases for bundled ones
      - {id: kivu-freedom-front, name: Kivu Freedom Front, kind: armed_group,
         region: central_africa}
      - {id: haqqani-network, aliases: [Haqqani clan]}
    merged:                       # old id -> surviving id
      candidate:black-banner-brigades: black-banner-brigades
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import DictionaryError


class Overlay:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.data: dict[str, Any] = {"actors": [], "merged": {}}
        if self.path.exists():
            loaded = yaml.safe_load(self.path.read_text("utf-8")) or {}
            if isinstance(loaded, list):
                loaded = {"actors": loaded}
            if not isinstance(loaded, dict):
                raise DictionaryError(f"{self.path}: expected a mapping with 'actors' and "
                                      "'merged'")
            self.data["actors"] = loaded.get("actors") or []
            self.data["merged"] = loaded.get("merged") or {}

    def entry(self, actor_id: str) -> dict[str, Any] | None:
        return next((e for e in self.data["actors"] if e.get("id") == actor_id), None)

    def add(self, entry: dict[str, Any]) -> None:
        if self.entry(entry["id"]):
            raise DictionaryError(f"actor '{entry['id']}' is already in {self.path}")
        self.data["actors"].append({k: v for k, v in entry.items() if v not in (None, [], "")})

    def add_aliases(self, actor_id: str, aliases: list[str]) -> None:
        entry = self.entry(actor_id)
        if entry is None:
            entry = {"id": actor_id, "aliases": []}
            self.data["actors"].append(entry)
        entry.setdefault("aliases", [])
        entry["aliases"] += [a for a in aliases if a not in entry["aliases"]]

    def merge(self, old: str, new: str) -> None:
        self.data["merged"][old] = new

    # Undoing a candidate decision (reviews.undo_candidate) takes back exactly what it added.

    def remove(self, actor_id: str) -> None:
        self.data["actors"] = [e for e in self.data["actors"] if e.get("id") != actor_id]

    def remove_aliases(self, actor_id: str, aliases: list[str]) -> None:
        entry = self.entry(actor_id)
        if entry is not None:
            entry["aliases"] = [a for a in entry.get("aliases") or [] if a not in aliases]

    def unmerge(self, old: str) -> None:
        self.data["merged"].pop(old, None)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        header = "# Syndicate analyst overlay: laid over the bundled actor dictionary.\n"
        self.path.write_text(header + yaml.safe_dump(self.data, sort_keys=False,
                                                     allow_unicode=True), "utf-8")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "")).strip("-")
