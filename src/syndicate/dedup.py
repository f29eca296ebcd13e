"""Independent sources: near-duplicate document clusters and original-report attribution.

A wire story printed by three outlets, a rewrite of one report, or the same page fetched
twice with different boilerplate is one source. Documents are clustered with MinHash/LSH
over word 5-shingles; a claim attributed to a named original report ("according to a New
York Times report") counts once under that outlet, however many documents repeat it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Protocol

from datasketch import MinHash, MinHashLSH

__all__ = [
    "DEFAULT_THRESHOLD",
    "SourceGroups",
    "UnionFind",
    "band_keys",
    "cluster_documents",
    "count_sources",
    "outlet_of",
    "shingles",
    "signature",
    "similarity",
    "source_key",
    "source_keys",
    "store_clusters",
]

log = logging.getLogger(__name__)

# Jaccard similarity of word 5-shingles above which two documents are one source.
# tests/test_dedup.py measures it: a copy with other boilerplate scores ~0.8, a light
# rewrite (new intro, substituted words, "the report said" tails) ~0.55-0.7, a different
# story about the same groups < 0.05. 0.5 keeps rewrites and leaves different stories apart.
DEFAULT_THRESHOLD = 0.5
SHINGLE_WORDS = 5
CURATED_SOURCE = "dictionary"

_WORD = re.compile(r"\w+")

# Outlet names as written -> one key. Lower case, without a leading "the".
_OUTLET_ALIASES: Mapping[str, str] = MappingProxyType({
    "nyt": "new-york-times",
    "new york times": "new-york-times",
    "ny times": "new-york-times",
    "wsj": "wall-street-journal",
    "wall street journal": "wall-street-journal",
    "rfe/rl": "rfe-rl",
    "rferl": "rfe-rl",
    "radio free europe/radio liberty": "rfe-rl",
    "radio free europe": "rfe-rl",
    "radio liberty": "rfe-rl",
    "ap": "associated-press",
    "associated press": "associated-press",
    "afp": "agence-france-presse",
    "agence france-presse": "agence-france-presse",
    "agence france presse": "agence-france-presse",
    "wapo": "washington-post",
    "washington post": "washington-post",
    "voa": "voice-of-america",
    "voice of america": "voice-of-america",
    "bbc": "bbc",
    "reuters": "reuters",
    "ians": "ians",
    "pti": "press-trust-of-india",
    "press trust of india": "press-trust-of-india",
})

# Words that make a capitalised phrase look like a news outlet rather than a person.
_OUTLET_WORDS = frozenset({
    "times", "post", "journal", "news", "tribune", "guardian", "reuters", "bbc", "cnn",
    "dawn", "ians", "afp", "press", "agency", "telegraph", "herald", "gazette", "express",
    "wire", "tv", "television", "radio", "daily", "magazine", "economist", "jazeera",
    "independent", "observer", "chronicle", "newsweek", "politico", "bloomberg", "xinhua",
    "tolonews", "pajhwok", "voa", "rfe/rl", "newspaper", "broadcaster", "monitor",
})

# Words that make an attribution a person or body speaking, not a report.
_SPEAKER_WORDS = frozenset({
    "official", "officials", "officer", "officers", "source", "sources", "analyst",
    "analysts", "spokesman", "spokeswoman", "spokesperson", "ministry", "minister",
    "government", "police", "military", "army", "authorities", "leader", "leaders",
    "residents", "witnesses", "observers", "expert", "experts", "researcher",
    "researchers", "diplomat", "diplomats", "intelligence", "commander", "commanders",
    "secretary", "president", "department",
})

_CAP = r"[^\s,;:()]*[A-Z][^\s,;:()]*"
_NAME = rf"{_CAP}(?:\s+(?:(?:of|and|for|the|de|al|el)\s+)?{_CAP})*"
_REPORT_WORDS = r"(?:report|reports|reported|reporting|story|article|investigation|dispatch)"
_NAMED_REPORT = re.compile(rf"(?P<name>{_NAME})(?:'s|’s)?\s+{_REPORT_WORDS}\b")
_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+(?:an?\s+|the\s+)?(?P<name>{_NAME})")
_SAID = re.compile(rf"(?P<name>{_NAME})\s+(?:said|says|wrote|writes|quoted)\b"
                   rf"|\b(?:said|says|wrote)\s+(?:an?\s+|the\s+)?(?P<name2>{_NAME})")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|according|to)\s+", re.IGNORECASE)


def normalise_text(text: str) -> list[str]:
    """Lower-cased words of ``text`` with punctuation and accents' forms folded (NFKC)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word ``size``-shingles of the normalised text (the whole text when shorter)."""
    words = normalise_text(text)
    if not words:
        return set()
    if len(words) < size:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def cluster_documents(
    docs: Iterable[tuple[str, str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = 128,
) -> dict[str, str]:
    """Map each document id to its near-duplicate cluster id.

    Candidates come from MinHash LSH and are kept when their estimated Jaccard similarity
    reaches ``threshold``; clusters are closed transitively (union-find) and named by their
    smallest document id, so the result does not depend on input order. Empty texts and
    repeated ids stay singletons / are read once. Memory: one ``num_perm`` signature per doc.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    signatures: dict[str, MinHash] = {}
    groups = UnionFind()
    for doc_id, text in docs:
        if doc_id in groups:
            continue
        groups.add((doc_id,))
        grams = shingles(text or "")
        if not grams:
            continue
        sig = MinHash(num_perm=num_perm, seed=1)
        sig.update_batch(grams)
        for other in lsh.query(sig):
            if sig.jaccard(signatures[other]) >= threshold:
                groups.add((doc_id, other))
        lsh.insert(doc_id, sig)
        signatures[doc_id] = sig
    clusters = groups.roots()
    log.debug("clustered %d documents into %d sources", len(clusters), len(set(clusters.values())))
    return clusters


# The persisted LSH index (store.py, table lsh) and the in-memory one above must band
# signatures alike; datasketch picks the bands for a threshold and a number of permutations.
NUM_PERM = 128


def signature(text: str, *, num_perm: int = NUM_PERM) -> bytes | None:
    """MinHash signature of ``text``'s shingles as bytes (None for a text without words),
    the same one ``cluster_documents`` computes."""
    grams = shingles(text or "")
    if not grams:
        return None
    sig = MinHash(num_perm=num_perm, seed=1)
    sig.update_batch(grams)
    return bytes(sig.hashvalues.astype("<u8").tobytes())


@lru_cache(maxsize=8)
def _bands(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    # datasketch integrates to choose the bands: 0.1 s, so once per setting
    return tuple(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


def band_keys(sig: bytes, *, threshold: float = DEFAULT_THRESHOLD,
              num_perm: int = NUM_PERM) -> list[tuple[int, bytes]]:
    """(band, key) pairs of a signature: two documents are LSH candidates when they share
    one, exactly as in ``MinHashLSH``."""
    return [(band, sig[start * 8:end * 8])
            for band, (start, end) in enumerate(_bands(threshold, num_perm))]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (``MinHash.jaccard``)."""
    import numpy as np

    return float(np.mean(np.frombuffer(a, dtype="<u8") == np.frombuffer(b, dtype="<u8")))


def _outlet_slug(name: str) -> str | None:
    name = name.strip(" .'\"“”’")
    while True:
        stripped = _LEADING_ARTICLE.sub("", name)
        if stripped == name:
            break
        name = stripped
    key = " ".join(name.casefold().split())
    if not key:
        return None
    if key in _OUTLET_ALIASES:
        return _OUTLET_ALIASES[key]
    slug = re.sub(r"[^a-z0-9]+", "-", key).strip("-")
    return slug or None


def _is_speaker(name: str) -> bool:
    return any(w in _SPEAKER_WORDS for w in name.casefold().split())


def _looks_like_outlet(name: str) -> bool:
    words = name.casefold().split()
    return any(w.strip(".") in _OUTLET_WORDS for w in words)


def outlet_of(attribution: str | None) -> str | None:
    """The key of the original report an attribution names, or None.

    "a New York Times report", "according to RFE/RL", "The Wall Street Journal reported",
    "NYT" -> an outlet; "US officials", "Abdul Basit", "a foreign news report" -> None.
    """
    if not attribution:
        return None
    text = " ".join(attribution.split())
    bare = _outlet_slug(text)
    if bare and " ".join(_LEADING_ARTICLE.sub("", text).casefold().split()) in _OUTLET_ALIASES:
        return bare
    candidates: list[tuple[str, bool]] = []  # (name, named as a report)
    candidates += [(m.group("name"), True) for m in _NAMED_REPORT.finditer(text)]
    candidates += [(m.group("name"), False) for m in _ACCORDING.finditer(text)]
    for m in _SAID.finditer(text):
        candidates.append((m.group("name") or m.group("name2"), False))
    if re.fullmatch(_NAME, _LEADING_ARTICLE.sub("", text)):
        candidates.append((text, False))
    for name, is_report in candidates:
        name = _LEADING_ARTICLE.sub("", name.strip())
        if not name or _is_speaker(name) or name.casefold() in {"according", "report"}:
            continue
        slug = _outlet_slug(name)
        if slug is None:
            continue
        if slug in _OUTLET_ALIASES.values() or is_report or _looks_like_outlet(name):
            return slug
    return None


def source_keys(
    claim: Mapping[str, Any],
    clusters: Mapping[str, str] | None = None,
    *,
    outlets: dict[str, str | None] | None = None,
) -> tuple[str, ...]:
    """What a claim's source depends on: the original report it names (``outlet:<slug>``),
    then its document's near-duplicate cluster. Curated facts: ``("dictionary",)``.
    ``outlets`` is an optional memo of ``outlet_of`` owned by the caller."""
    if claim.get("curated"):
        return (CURATED_SOURCE,)
    keys = []
    attribution = claim.get("attribution")
    if not attribution:
        outlet = None
    elif outlets is None:
        outlet = outlet_of(attribution)
    else:
        try:
            outlet = outlets[attribution]
        except KeyError:
            outlet = outlets[attribution] = outlet_of(attribution)
    if outlet:
        keys.append(f"outlet:{outlet}")
    doc = claim.get("doc")
    if doc is None:
        keys.append(f"claim:{claim.get('id')}")
    else:
        keys.append(clusters.get(doc, doc) if clusters else doc)
    return tuple(keys)


def source_key(claim: Mapping[str, Any], clusters: Mapping[str, str] | None = None) -> str:
    """The independent-source key of a claim.

    ``outlet:<slug>`` when its attribution names an original report, ``dictionary`` for
    curated facts, else the near-duplicate cluster of its document (the doc id itself when
    the document is not in ``clusters``).
    """
    return source_keys(claim, clusters)[0]


class UnionFind:
    """Disjoint sets of string keys; each set is named by its smallest key."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def __contains__(self, key: str) -> bool:
        return key in self._parent

    def find(self, key: str) -> str:
        parent = self._parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def add(self, keys: Iterable[str]) -> None:
        """Put ``keys`` (one or more) in one set."""
        it = iter(keys)
        root = self.find(next(it))
        for key in it:
            other = self.find(key)
            if other != root:
                if other < root:
                    root, other = other, root
                self._parent[other] = root

    def roots(self) -> dict[str, str]:
        return {key: self.find(key) for key in list(self._parent)}

    def __len__(self) -> int:
        return sum(1 for k, v in self._parent.items() if k == v)


class SourceGroups(UnionFind):
    """Independent sources among a set of claims: a union of their ``source_keys``.

    Keys met in one claim are one source: a document that cites a New York Times report is
    not independent of that report, so its own-voice claims (a headline) and the cited
    ones count once, and so do other outlets repeating the same report.
    """


def count_sources(
    claims: Iterable[Mapping[str, Any]], clusters: Mapping[str, str] | None = None
) -> int:
    """Number of independent sources behind ``claims``."""
    groups = SourceGroups()
    for claim in claims:
        groups.add(source_keys(claim, clusters))
    return len(groups)


class DocumentSource(Protocol):
    def documents(self) -> list[dict[str, Any]]: ...


def store_clusters(
    store: DocumentSource, *, threshold: float = DEFAULT_THRESHOLD
) -> dict[str, str]:
    """Clusters of a store's documents: the store's own (``store.clusters()``) when it keeps
    them, else computed from ``store.documents()``."""
    own: Callable[[], Mapping[str, str]] | None = getattr(store, "clusters", None)
    if callable(own):
        return dict(own())
    return cluster_documents(
        ((d["id"], d.get("text") or "") for d in store.documents()), threshold=threshold
    )
