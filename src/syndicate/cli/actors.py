"""Commands over the actor dictionary: actors (add, alias, merge, promote), candidates, show."""

from __future__ import annotations

from collections import Counter
from typing import Any

import click

from .output import actor_kinds, emit_json, handle_errors, json_option, table


@click.group(invoke_without_command=True)
@json_option
@click.option("--kind", callback=actor_kinds, help="Only actors of this kind.")
@click.option("--all", "show_all", is_flag=True,
              help="Include dictionary actors never mentioned in the store.")
@click.pass_context
@handle_errors
def actors(ctx: click.Context, as_json: bool, kind: str | None, show_all: bool) -> None:
    """Actors known to the store: counts by kind and region, and mentions.

    With --json, one JSON document: {"total", "by_kind", "by_region", "actors": [...]}.
    """
    if ctx.invoked_subcommand:
        return
    rows = ctx.obj["kb"].actors()
    summary: dict[str, Any] = {
        "total": len(rows),
        "by_kind": dict(Counter(r["kind"] for r in rows)),
        "by_region": dict(Counter(r["region"] or "none" for r in rows)),
        "armed_groups_by_region": dict(Counter(
            r["region"] or "none" for r in rows if r["kind"] == "armed_group")),
    }
    if kind:
        rows = [r for r in rows if r["kind"] == kind]
    if not show_all:
        rows = [r for r in rows if r["mentions"]]
    if as_json:
        summary["actors"] = rows
        emit_json([summary])
        return
    rows.sort(key=lambda r: -r["mentions"])
    table(rows, [("id", "ID", 34), ("name", "NAME", 36), ("kind", "KIND", 12),
                 ("region", "REGION", 14), ("mentions", "MENTIONS", 8),
                 ("documents", "DOCS", 5)])
    click.echo(f"\n{summary['total']} actors in the dictionary and store; "
               f"{len(rows)} shown. By kind: "
               + ", ".join(f"{k} {v}" for k, v in sorted(summary["by_kind"].items())))


@actors.command("add")
@click.argument("actor_id")
@click.option("--name", required=True, help="Canonical name.")
@click.option("--kind", default="armed_group", show_default=True,
              type=click.Choice(["armed_group", "state", "state_agency", "state_forces",
                                 "intl_org", "person", "other"]))
@click.option("--region", default=None, help="Region, e.g. west_africa (not for persons).")
@click.option("--alias", "aliases", multiple=True, help="An alias (repeatable).")
@click.option("--country", "countries", multiple=True, help="ISO country code (repeatable).")
@click.option("--parent", default=None, help="Parent group id (branch, faction, front).")
@click.pass_obj
@handle_errors
def actors_add(obj: dict[str, Any], actor_id: str, name: str, kind: str, region: str | None,
               aliases: tuple[str, ...], countries: tuple[str, ...], parent: str | None) -> None:
    """Add an actor to the project's overlay file (syndicate-actors.yaml beside the db)."""
    entry = {"id": actor_id, "name": name, "kind": kind,
             "region": region or (None if kind == "person" else "global"),
             "aliases": list(aliases), "country": list(countries), "parent": parent}
    obj["kb"].add_actor(entry)
    click.echo(f"added {actor_id} to {obj['settings'].project_overlay}")
    click.echo("Stored articles are not re-read; run 'syndicate ingest' on new ones.")


@actors.command("alias")
@click.argument("actor")
@click.argument("aliases", nargs=-1, required=True)
@click.pass_obj
@handle_errors
def actors_alias(obj: dict[str, Any], actor: str, aliases: tuple[str, ...]) -> None:
    """Give ACTOR more ALIASES (written to the project's overlay file)."""
    info = obj["kb"].add_alias(actor, list(aliases))
    click.echo(f"{info['id']}: aliases now {', '.join(info['aliases'])}")


@actors.command("merge")
@click.argument("old")
@click.argument("into")
@click.pass_obj
@handle_errors
def actors_merge(obj: dict[str, Any], old: str, into: str) -> None:
    """Merge actor OLD into INTO; stored claims follow without re-reading articles."""
    changed = obj["kb"].merge(old, into)
    click.echo(f"merged {old} into {into}: {changed['claims']} claims and "
               f"{changed['mentions']} mentions now point at it")


@actors.command("promote")
@click.argument("candidate")
@click.option("--id", "actor_id", default=None, help="Id for the new actor (default: slug).")
@click.option("--name", default=None, help="Canonical name (default: the name seen).")
@click.option("--kind", default=None, callback=actor_kinds,
              help="Kind of the new actor (default: the candidate's, armed_group or person).")
@click.option("--region", default=None, help="Region of the new actor.")
@click.pass_obj
@handle_errors
def actors_promote(obj: dict[str, Any], candidate: str, actor_id: str | None,
                   name: str | None, kind: str | None, region: str | None) -> None:
    """Make a provisional CANDIDATE (see 'syndicate candidates') a real actor."""
    info = obj["kb"].promote(candidate, actor_id=actor_id, name=name, kind=kind, region=region)
    click.echo(f"promoted {candidate} to {info['id']} ({info['name']})")


CANDIDATE_SECTIONS = ("groups", "people", "aliases")


@click.command()
@json_option
@click.option("--only", type=click.Choice(CANDIDATE_SECTIONS), default=None,
              help="List one section only (default: all three).")
@click.pass_obj
@handle_errors
def candidates(obj: dict[str, Any], as_json: bool, only: str | None) -> None:
    """What the documents name that the dictionary does not know yet, for review.

    \b
    groups   group-shaped names ("the Kivu Freedom Front"), and names the text gives
             them ("the Islamic Movement of Nowhere (IMN)": one candidate, both names)
    people   people named with a role in a group ("Ruken Jamal, a spokesperson for the
             YPJ", "FARC commander X"): the group, the role, the defining sentence
    aliases  names a document defines for a known actor ("X, also known as Y", "Name
             (ACRONYM)", "known as Y until 2016"), with the dates of a renaming;
             suggested as permanent aliases ('syndicate actors alias ACTOR NAME')

    Relations of groups and people are extracted and stored, marked provisional. Promote
    a candidate with 'syndicate actors promote', or merge it into a known actor with
    'syndicate actors merge'. With --json, one object per line; "kind" (armed_group,
    person) or "type": "alias" says which section it belongs to.
    """
    kb = obj["kb"]
    rows = kb.candidates() if only in (None, "groups", "people") else []
    groups = [r for r in rows if r.get("kind") != "person"] if only != "people" else []
    people = [r for r in rows if r.get("kind") == "person"] if only != "groups" else []
    aliases = kb.alias_suggestions() if only in (None, "aliases") else []
    if as_json:
        emit_json(groups + people + aliases)
        return
    _candidate_tables(groups, people, aliases, only)


def _candidate_tables(groups: list[dict[str, Any]], people: list[dict[str, Any]],
                      aliases: list[dict[str, Any]], only: str | None) -> None:
    for row in groups + people:
        row["example"] = row.get("example") or (row["examples"][0] if row["examples"] else "")
    for row in aliases:
        dates = [f"since {row['since']}" if row.get("since") else "",
                 f"until {row['until']}" if row.get("until") else ""]
        row["dates"] = " ".join(d for d in dates if d)
        row["docs"] = len(row["documents"])
    if only in (None, "groups"):
        if only is None:
            click.echo("Unknown groups")
        table(groups, [("id", "CANDIDATE", 40), ("mentions", "MENTIONS", 8),
                       ("documents", "DOCS", 4), ("claims", "CLAIMS", 6),
                       ("first_seen", "FIRST", 10), ("last_seen", "LAST", 10),
                       ("example", "EXAMPLE", 80)])
    if only in (None, "people"):
        if only is None:
            click.echo("\nUnknown people")
        table(people, [("id", "CANDIDATE", 36), ("group", "GROUP", 30), ("role", "ROLE", 14),
                       ("documents", "DOCS", 4), ("claims", "CLAIMS", 6),
                       ("example", "EXAMPLE", 80)])
    if only in (None, "aliases"):
        if only is None:
            click.echo("\nSuggested aliases")
        table(aliases, [("name", "NAME", 30), ("actor", "ACTOR", 30), ("kind", "KIND", 11),
                        ("dates", "DATES", 16), ("docs", "DOCS", 4), ("example", "EXAMPLE", 80)])


@click.command()
@click.argument("actor")
@json_option
@click.pass_obj
@handle_errors
def show(obj: dict[str, Any], actor: str, as_json: bool) -> None:
    """An actor's relations grouped by relation and counterpart, with evidence."""
    info = obj["kb"].actor(actor)
    if as_json:
        emit_json([info])
        return
    click.echo(f"{info['name']} ({info['id']}), {info.get('kind')}"
               f"{', ' + info['region'] if info.get('region') else ''}")
    if info.get("aliases"):
        click.echo(f"  aliases: {', '.join(info['aliases'])}")
    click.echo(f"  mentioned {info['mentions']['mentions']} times in "
               f"{info['mentions']['documents']} documents")
    if not info["relations"]:
        click.echo("  no relations stored yet")
    for rel in info["relations"]:
        arrow = "->" if rel["direction"] == "out" else "<-"
        tag = " [curated]" if rel["curated"] else ""
        click.echo(f"\n  {rel['relation']} {arrow} {rel['counterpart_name']} "
                   f"({rel['claims']} claims, {rel['documents']} documents){tag}")
        for ev in rel["evidence"]:
            when = (ev["time"] or {}).get("value") or "undated"
            hedge = "" if (ev["polarity"], ev["modality"]) == ("affirmed", "asserted") else \
                f" [{ev['polarity']}, {ev['modality']}]"
            who = f" per {ev['attribution']}" if ev.get("attribution") else ""
            click.echo(f"    - {when}{hedge}{who}: {ev['sentence'] or '(dictionary fact)'}")
            if ev.get("source") and ev["source"] != "dictionary":
                click.echo(f"      source: {ev['source']}")


COMMANDS = (actors, candidates, show)
