"""The eval command: score extraction against a gold file."""

from __future__ import annotations

from typing import Any

import click

from .output import emit_json, handle_errors, json_option


@click.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("paths", nargs=-1)
@click.option("--seeds", metavar="DIR", help="Folder of the seed articles, for gold lines "
              "whose doc starts with 'seeds/' (default ../shared/seeds if present).")
@click.option("--errors/--no-errors", default=True, help="List misses and false positives.")
@json_option
@click.pass_obj
@handle_errors
def evaluate_cmd(obj: dict[str, Any], gold: str, paths: tuple[str, ...], seeds: str | None,
                 errors: bool, as_json: bool) -> None:
    """Score extraction against a gold file: precision, recall, F1, per relation.

    PATHS default to the documents the gold file names (sample/ = the bundled sample).
    """
    from ..evaluate import evaluate, format_report

    result = evaluate(gold, obj["kb"].pipeline(), paths=list(paths), seeds_dir=seeds)
    if as_json:
        emit_json([result])
    else:
        click.echo(format_report(result, errors=errors))


COMMANDS = (evaluate_cmd,)
