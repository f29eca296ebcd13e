"""Commands that look after the store: reindex."""

from __future__ import annotations

import sys
from typing import Any

import click

from .output import EXIT_PARTIAL, emit_json, handle_errors, json_option, table


@click.command()
@click.option("--full", is_flag=True, help="Rebuild everything from nothing, stale or not.")
@click.option("--check", is_flag=True,
              help="Only report what is stale; exit code 1 if anything is.")
@json_option
@click.pass_obj
@handle_errors
def reindex(obj: dict[str, Any], full: bool, check: bool, as_json: bool) -> None:
    """Bring derived data up to date: near-duplicate clusters (and what else is computed
    from stored documents). Every ingest does this too; run it after an ingest was
    killed, or with --full after changing how clusters are computed."""
    kb = obj["kb"]
    if check:
        names = kb.stale()
        if as_json:
            emit_json([{"stale": names}])
        else:
            click.echo(f"stale: {', '.join(names)}" if names else "everything is up to date")
        if names:
            sys.exit(EXIT_PARTIAL)
        return
    done = kb.reindex(full=full)
    if as_json:
        emit_json(done)
        return
    table([{**d, "state": "rebuilt" if d["rebuilt"] else "up to date"} for d in done],
          [("name", "DERIVED", 12), ("state", "STATE", 10), ("seconds", "SECONDS", 8),
           ("description", "WHAT", 70)])


COMMANDS = (reindex,)
