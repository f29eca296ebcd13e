"""Syndicate: evidence-backed, time-aware maps of armed-group relations from news text."""

from __future__ import annotations

import logging

from .errors import SyndicateError

__version__ = "0.1.0"
__all__ = ["SyndicateError", "__version__", "open"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def open(path: str = "syndicate.db", **options):  # noqa: A001 - mirrors sqlite3/datasette style
    """Open (creating if needed) the knowledge base stored at ``path``."""
    from .api import KnowledgeBase

    return KnowledgeBase(path, **options)
