"""The ``syndicate`` command: thin wrappers that parse options, call the API and print.

Exit codes: 0 success; 1 some documents failed (the rest were processed) or a query found
nothing; 2 usage or input error (unknown actor, bad relation, missing file).

Layout: ``output`` (shared helpers, exit codes) <- command modules (``ingest``, ``browse``,
``actors``, ``graph``, ``evaluate``, ``review``, ``serve``, ``maintenance``, ``train``) <-
this package, which registers them on the group defined in ``main``. Command modules never
import this package or each other.
"""

from __future__ import annotations

from . import actors, browse, evaluate, graph, ingest, maintenance, review, serve, train
from .main import cli

__all__ = ["cli", "main"]

for _module in (ingest, browse, actors, graph, evaluate, review, serve, maintenance,
                train):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli(prog_name="syndicate")
