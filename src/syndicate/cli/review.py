"""``syndicate review``: confirm or reject claims, list reviews, export them as gold."""

from __future__ import annotations

import sys

import click

from .output import JSON_LINES, emit_json, handle_errors, table

__all__ = ["COMMANDS"]


@click.group("review")
def review_group() -> None:
    """Confirm or reject claims (edges, timelines and exports follow), list the reviews,
    export them in the gold format."""


def _verdict(verdict: str):  # type: ignore[no-untyped-def]
    @click.argument("claim")
    @click.option("--note", default=None, help="Why (kept with the review).")
    @click.option("--reviewer", default=None, envvar="USER", help="Who (default $USER).")
    @click.pass_context
    @handle_errors
    def command(ctx: click.Context, claim: str, note: str | None, reviewer: str | None) -> None:
        from ..reviews import review_claim

        kb = ctx.obj["kb"]
        result = review_claim(kb.store, claim, verdict, note=note, reviewer=reviewer)
        click.echo(f"{result['claim']}: {result['verdict']}")

    return command


review_group.command("confirm", help="Confirm claim CLAIM (its id).")(_verdict("confirmed"))
review_group.command("reject", help="Reject claim CLAIM (its id).")(_verdict("rejected"))
review_group.command("withdraw", help="Withdraw the verdict on CLAIM.")(_verdict("withdrawn"))


@review_group.command("list")
@click.option("--json", "as_json", is_flag=True, help=JSON_LINES)
@click.pass_context
@handle_errors
def list_cmd(ctx: click.Context, as_json: bool) -> None:
    """Every review, newest first."""
    from ..reviews import list_reviews

    items = list_reviews(ctx.obj["kb"].store, per_page=200)["items"]
    if as_json:
        emit_json(items)
        return
    table(items, [("at", "WHEN", 20), ("reviewer", "WHO", 12), ("verdict", "VERDICT", 24),
                  ("claim", "CLAIM", 20), ("note", "NOTE", 40)])


@review_group.command("export")
@click.option("-o", "--output", type=click.File("w"), default="-", show_default=True)
@click.option("--include-rejected", is_flag=True,
              help="Also rejected claims, marked \"review\": \"rejected\".")
@click.pass_context
@handle_errors
def export_cmd(ctx: click.Context, output, include_rejected: bool) -> None:  # type: ignore[no-untyped-def]
    """Reviewed claims as gold lines (tests/gold/README.md), for evaluation and training."""
    from ..reviews import export_gold

    n = export_gold(ctx.obj["kb"].store, output, include_rejected=include_rejected)
    click.echo(f"{n} reviewed claims", err=True)
    sys.stdout.flush()


COMMANDS = (review_group,)
