"""Commands that browse the store: documents, document, search, failures, claims."""

from __future__ import annotations

import sys
from typing import Any

import click

from .output import (
    CLAIM_COLUMNS,
    EXIT_USAGE,
    claim_row,
    emit_json,
    handle_errors,
    json_option,
    table,
)


@click.command()
@json_option
@click.pass_obj
@handle_errors
def documents(obj: dict[str, Any], as_json: bool) -> None:
    """Stored documents with their publication date and how it was found."""
    rows = obj["kb"].documents()
    if as_json:
        emit_json(rows)
    else:
        table(rows, [("id", "ID", 16), ("published", "PUBLISHED", 10),
                     ("date_source", "DATE FROM", 22), ("chars", "CHARS", 6),
                     ("removed", "REMOVED", 7), ("title", "TITLE", 50), ("source", "SOURCE", 40)])


@click.command()
@click.argument("doc_id")
@json_option
@click.pass_obj
@handle_errors
def document(obj: dict[str, Any], doc_id: str, as_json: bool) -> None:
    """One stored document: its cleaned text, date, sources and what cleaning removed.

    DOC_ID may be a prefix of the id shown by 'syndicate documents'.
    """
    doc = obj["kb"].store.document(doc_id)
    if doc is None:
        click.echo(f"Error: [E041] No document with id '{doc_id}'. List them with "
                   "'syndicate documents'.", err=True)
        sys.exit(EXIT_USAGE)
    if as_json:
        emit_json([doc])
        return
    published = doc["published"] or "unknown"
    click.echo(f"{doc['title'] or '(untitled)'}\n{doc['id']}  published {published}"
               f" ({doc['date_source'] or 'no date found'})")
    click.echo("sources: " + ", ".join(doc["sources"]))
    click.echo("\n" + doc["text"] + "\n")
    for removed in doc["removed"]:
        first = removed["text"].splitlines()[0] if removed["text"] else ""
        click.echo(f"removed ({removed['reason']}): {first[:100]}")


@click.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@json_option
@click.pass_obj
@handle_errors
def search(obj: dict[str, Any], query: str, limit: int, as_json: bool) -> None:
    """Full-text search over stored sentences (SQLite FTS5 syntax: "exact phrase", OR, NEAR)."""
    import sqlite3

    try:
        rows = obj["kb"].store.search(query, limit=limit)
    except sqlite3.OperationalError as exc:
        click.echo(f"Error: [E042] Bad search query '{query}': {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if as_json:
        emit_json(rows)
    else:
        table(rows, [("doc", "DOC", 16), ("idx", "#", 4), ("text", "SENTENCE", 110)])


@click.command()
@json_option
@click.pass_obj
@handle_errors
def failures(obj: dict[str, Any], as_json: bool) -> None:
    """Documents that could not be read or processed, with the reason."""
    rows = obj["kb"].store.failures()
    if as_json:
        emit_json(rows)
    else:
        table(rows, [("source", "SOURCE", 60), ("reason", "REASON", 70), ("at", "AT", 25)])


@click.command()
@click.option("--actor", "actor", metavar="A", help="Only claims involving this actor "
              "(id, name or alias).")
@click.option("--relation", metavar="R", help="Only this relation type.")
@click.option("--curated/--no-curated", default=False,
              help="Include the dictionary's curated structural facts.")
@json_option
@click.pass_obj
@handle_errors
def claims(obj: dict[str, Any], actor: str | None, relation: str | None, curated: bool,
           as_json: bool) -> None:
    """Stored relation claims, each with its sentence and source."""
    rows = obj["kb"].claims(actor=actor, relation=relation, curated=curated)
    if as_json:
        emit_json(rows)
    else:
        table([claim_row(c) for c in rows], CLAIM_COLUMNS)


COMMANDS = (documents, document, search, failures, claims)
