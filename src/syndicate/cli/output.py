"""Shared output helpers and exit codes for the ``syndicate`` commands.

Every command module imports from here; nothing here imports a command module.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, NoReturn

import click

from ..errors import FileAccessError, SyndicateError
from ..store import diagnose

EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_NOTHING = 1  # a query found nothing (like grep)

ONE_DOCUMENT = "Print one JSON document instead of a table."
JSON_LINES = "Print JSON, one object per line, instead of a table."


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True,
                        help="Print JSON (one object per line) instead of a table.")(func)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn Syndicate's coded errors into a one-line message and exit code 2; so too the
    store's SQLite errors (a damaged file is diagnosed) and the system's file errors."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SyndicateError as exc:
            fail(exc)
        except sqlite3.DatabaseError as exc:
            fail(diagnose(_db_path(), exc))
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            fail(FileAccessError(f"cannot use{where}: {exc.strerror or exc}"))

    return wrapper


def fail(exc: SyndicateError) -> NoReturn:
    click.echo(f"Error: {exc}", err=True)
    sys.exit(EXIT_USAGE)


def _db_path() -> str:
    ctx = click.get_current_context(silent=True)
    kb = (ctx.find_root().obj or {}).get("kb") if ctx else None
    return str(getattr(kb, "db_path", "the store"))


def relation_names(ctx: click.Context, param: click.Parameter,
                   value: tuple[str, ...]) -> tuple[str, ...]:
    """Check relation names against the vocabulary."""
    from ..vocab import vocabulary

    known = sorted(vocabulary().relations)
    for relation in value:
        if relation not in known:
            raise click.BadParameter(f"unknown relation '{relation}'; known: "
                                     f"{', '.join(known)}", ctx=ctx, param=param)
    return value


def actor_kinds(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Check actor kind names (one or a tuple of them) against the vocabulary."""
    from ..vocab import vocabulary

    known = vocabulary().actor_kinds
    for kind in (value,) if isinstance(value, str) else value or ():
        if kind not in known:
            raise click.BadParameter(f"unknown actor kind '{kind}'; known: "
                                     f"{', '.join(known)}", ctx=ctx, param=param)
    return value


def emit_json(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False, default=str))


def table(rows: list[dict[str, Any]], columns: list[tuple[str, str, int]]) -> None:
    """Print rows as a fixed-width table: columns are (key, header, max width)."""
    if not rows:
        click.echo("(nothing)")
        return
    widths = []
    for key, header, limit in columns:
        longest = max([len(header)] + [len(_cell(r.get(key))) for r in rows])
        widths.append(min(longest, limit))
    click.echo("  ".join(h.ljust(w) for (_, h, _), w in zip(columns, widths, strict=True)))
    click.echo("  ".join("-" * w for w in widths))
    for row in rows:
        cells = []
        for (key, _, _), width in zip(columns, widths, strict=True):
            text = _cell(row.get(key))
            cells.append((text[: width - 1] + "\u2026" if len(text) > width else text).ljust(width))
        click.echo("  ".join(cells).rstrip())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)



CLAIM_COLUMNS = [("subject", "SUBJECT", 28), ("relation", "RELATION", 16),
                 ("object", "OBJECT", 28), ("polarity", "POLARITY", 8),
                 ("modality", "MODALITY", 9), ("time", "TIME", 10),
                 ("source", "SOURCE", 30), ("sentence", "SENTENCE", 70)]


def claim_row(c: dict[str, Any]) -> dict[str, Any]:
    return {"subject": c["subject"]["id"], "relation": c["relation"],
            "object": c["object"]["id"], "polarity": c["polarity"], "modality": c["modality"],
            "time": (c.get("time") or {}).get("value"), "source": c.get("source"),
            "sentence": c.get("sentence")}

