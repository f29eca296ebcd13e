"""CLI commands over the map: timeline, path, network, stats, contradictions, export.

Thin wrappers: each parses options, calls a function of ``graph`` or ``export`` that returns
data, and prints it. ``register(group)`` adds them to the ``syndicate`` group, whose context
object provides ``open_store()`` (a store-like object: ``iter_claims()``, ``actors()``,
``documents()``) and ``resolve_actor(text) -> id``.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import click

from .. import graph, mapquery
from ..dedup import store_clusters
from ..export import EXPORTERS, export
from .output import (
    EXIT_NOTHING,
    JSON_LINES,
    ONE_DOCUMENT,
    actor_kinds,
    handle_errors,
    relation_names,
    table,
)

__all__ = ["register"]



_STRICT_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?", re.ASCII)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A calendar date as YYYY, YYYY-MM or YYYY-MM-DD (ASCII digits, a real day)."""
    if value is None:
        return None
    try:
        if not _STRICT_DATE.fullmatch(value):
            raise ValueError(f"not a date: {value!r}")
        graph.parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(f"{exc}; expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. "
                                 "2016, 2016-08 or 2016-08-10", ctx=ctx, param=param) from exc
    return value


def _store(ctx: click.Context) -> Any:
    return ctx.obj["open_store"]()


def _claims_of(store: Any, actor: str) -> Any:
    """Claims involving ``actor``: through the store's index when it has one."""
    try:
        return store.iter_claims(actor=actor)
    except TypeError:
        return store.iter_claims()


def _names(store: Any) -> dict[str, str]:
    return {a["id"]: a.get("name") or a["id"] for a in store.actors()}


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, default=str))


def _arrow(relation: str) -> str:
    return relation if relation in graph.SYMMETRIC else f"{relation} ->"


@click.command("timeline")
@click.argument("a")
@click.argument("b")
@click.option("--json", "as_json", is_flag=True, help=ONE_DOCUMENT)
@click.pass_context
@handle_errors
def timeline_cmd(ctx: click.Context, a: str, b: str, as_json: bool) -> None:
    """How the relation between actors A and B changed over time.

    A and B are ids, names or aliases. Shows the periods of one relation and stance each
    (e.g. cooperates_with 2014, then fights 2015-2016), then every claim in time order.
    """
    a_id, b_id = ctx.obj["resolve_actor"](a), ctx.obj["resolve_actor"](b)
    store = _store(ctx)
    data = graph.timeline(_claims_of(store, a_id), a_id, b_id, clusters=store_clusters(store))
    if as_json:
        _dump(data)
        return
    names = _names(store)
    click.echo(f"{names.get(a_id, a_id)}  /  {names.get(b_id, b_id)}\n")
    table([{**p, "relation": f"{names.get(p['subject'], p['subject'])} {_arrow(p['relation'])}"
                             f" {names.get(p['object'], p['object'])}"}
           for p in data["periods"]],
          [("from", "FROM", 10), ("to", "TO", 10), ("relation", "RELATION", 60),
           ("stance", "STANCE", 8), ("n_claims", "CLAIMS", 6), ("n_sources", "SOURCES", 7)])
    click.echo("")
    table([{"time": graph.claim_time(c), "relation": c["relation"],
            "subject": c["subject"]["id"], "object": c["object"]["id"],
            "how": f"{c.get('polarity')}/{c.get('modality')}",
            "attribution": c.get("attribution"),
            "sentence": c.get("sentence") or "(curated)"} for c in data["claims"]],
          [("time", "TIME", 10), ("subject", "SUBJECT", 22), ("relation", "RELATION", 15),
           ("object", "OBJECT", 22), ("how", "HOW", 18), ("attribution", "ACCORDING TO", 24),
           ("sentence", "SENTENCE", 80)])


@click.command("path")
@click.argument("a")
@click.argument("b")
@click.option("--max-hops", type=click.IntRange(1, 10), default=4, show_default=True)
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option("--json", "as_json", is_flag=True,
              help='Print one JSON document {"a", "b", "hops": [...]} instead of a table.')
@click.pass_context
@handle_errors
def path_cmd(ctx: click.Context, a: str, b: str, max_hops: int, min_confidence: float,
             as_json: bool) -> None:
    """How actor A connects to actor B: the shortest chain of affirmed relations, with the
    best evidence for each hop. Exit code 1 when there is none within --max-hops."""
    a_id, b_id = ctx.obj["resolve_actor"](a), ctx.obj["resolve_actor"](b)
    store = _store(ctx)
    if mapquery.reads_kept(store):
        hops = mapquery.path(store, a_id, b_id, max_hops=max_hops,
                             min_confidence=min_confidence)
    else:
        hops = graph.path(store.iter_claims(), a_id, b_id, max_hops=max_hops,
                          min_confidence=min_confidence, clusters=store_clusters(store))
    if as_json:
        _dump({"a": a_id, "b": b_id, "hops": hops})
    elif hops:
        names = _names(store)
        table([{"hop": f"{names.get(h['subject'], h['subject'])} {_arrow(h['relation'])} "
                       f"{names.get(h['object'], h['object'])}",
                "confidence": h["confidence"], "status": h["status"],
                "sources": h["n_sources"],
                "evidence": (h["evidence"][0].get("sentence") or "(curated)")
                if h["evidence"] else ""} for h in hops],
              [("hop", "HOP", 60), ("confidence", "CONF", 5), ("status", "STATUS", 8),
               ("sources", "SOURCES", 7), ("evidence", "BEST EVIDENCE", 90)])
    if not hops:
        click.echo(f"No connection between {a_id} and {b_id} within {max_hops} hops.",
                   err=True)
        sys.exit(EXIT_NOTHING)


@click.command("network")
@click.option("--at", callback=_date, metavar="DATE",
              help="The map as known at DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--since", callback=_date, metavar="DATE", help="Claims from DATE on.")
@click.option("--until", callback=_date, metavar="DATE", help="Claims up to DATE.")
@click.option("--relation", "relations", multiple=True, metavar="R", callback=relation_names,
              help="Only this relation (repeatable).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option("--kind", "kinds", multiple=True, metavar="K", callback=actor_kinds,
              help="Only edges between actors of this kind (repeatable).")
@click.option("--status", "statuses", multiple=True, default=graph.MAP_STATUSES,
              type=click.Choice(graph.STATUSES), show_default=True,
              help="Edge statuses to show (repeatable).")
@click.option("--json", "as_json", is_flag=True,
              help='Print one JSON document {"nodes": [...], "edges": [...]} instead of a table.')
@click.pass_context
@handle_errors
def network_cmd(ctx: click.Context, at: str | None, since: str | None, until: str | None,
                relations: tuple[str, ...], min_confidence: float, kinds: tuple[str, ...],
                statuses: tuple[str, ...], as_json: bool) -> None:
    """The map at a date (--at) or over a range (--since/--until): actors and their
    relations, with confidence, independent sources and status (active, fading, ...)."""
    if at and (since or until):
        raise click.UsageError("use --at, or --since/--until, not both")
    if since and until and (graph.parse_date(since) or 0) > (graph.parse_date(until, end=True)
                                                            or 0):
        raise click.UsageError(f"--since {since} is after --until {until}: nothing can match")
    store = _store(ctx)
    if not (at or since or until) and mapquery.reads_kept(store):
        # the kept edges answer the map as of today; a date or range needs the claims
        data = mapquery.kept_network(store, relations=relations or None,
                                     min_confidence=min_confidence, kinds=kinds or None,
                                     statuses=statuses)
    else:
        data = graph.network(store.iter_claims(), at=at, since=since, until=until,
                             relations=relations or None, min_confidence=min_confidence,
                             kinds=kinds or None, actors=store.actors(), statuses=statuses,
                             clusters=store_clusters(store))
    if as_json:
        _dump(data)
        return
    names = {n["id"]: n["name"] for n in data["nodes"]}
    table([{**e, "subject": names.get(e["subject"], e["subject"]),
            "object": names.get(e["object"], e["object"])} for e in data["edges"]],
          [("subject", "SUBJECT", 30), ("relation", "RELATION", 15), ("object", "OBJECT", 30),
           ("status", "STATUS", 8), ("confidence", "CONF", 5), ("n_sources", "SOURCES", 7),
           ("first_seen", "FIRST", 10), ("last_seen", "LAST", 10)])
    click.echo(f"\n{len(data['nodes'])} actors, {len(data['edges'])} relations "
               f"(status as of {data['reference_date']}).")


@click.command("stats")
@click.option("--at", callback=_date, metavar="DATE", help="The map as known at DATE.")
@click.option("--top", type=click.IntRange(1), default=20, show_default=True,
              help="Actors to list in the table.")
@click.option("--json", "as_json", is_flag=True, help=ONE_DOCUMENT)
@click.pass_context
@handle_errors
def stats_cmd(ctx: click.Context, at: str | None, top: int, as_json: bool) -> None:
    """Who is central: degree and betweenness centrality, communities and bridges of the
    map (active and fading relations, direction ignored)."""
    store = _store(ctx)
    data = graph.stats(store.iter_claims(), store.actors(), at=at,
                       clusters=store_clusters(store))
    if as_json:
        _dump(data)
        return
    table(data["nodes"][:top],
          [("name", "ACTOR", 36), ("kind", "KIND", 12), ("degree", "DEGREE", 6),
           ("betweenness", "BETWEENNESS", 11), ("community", "COMMUNITY", 9)])
    names = {n["id"]: n["name"] for n in data["nodes"]}
    click.echo(f"\n{data['n_nodes']} actors, {data['n_edges']} linked pairs, "
               f"{len(data['communities'])} communities.")
    for i, members in enumerate(data["communities"][:10]):
        shown = ", ".join(names.get(m, m) for m in members[:8])
        more = f" and {len(members) - 8} more" if len(members) > 8 else ""
        click.echo(f"  community {i}: {shown}{more}")
    if data["bridges"]:
        click.echo("Bridges (the only link between two parts of the map):")
        for u, v in data["bridges"][:20]:
            click.echo(f"  {names.get(u, u)} -- {names.get(v, v)}")


@click.command("contradictions")
@click.option("--state-as-one", is_flag=True,
              help="Count a state's agencies and forces (e.g. its army, its intelligence "
                   "service) as the state itself.")
@click.option("--window-days", type=click.IntRange(0), default=365, show_default=True,
              help="How close in time opposing claims must be to conflict.")
@click.option("--json", "as_json", is_flag=True, help=JSON_LINES)
@click.pass_context
@handle_errors
def contradictions_cmd(ctx: click.Context, state_as_one: bool, window_days: int,
                       as_json: bool) -> None:
    """Relations that some sources affirm while others negate or deny them at about the
    same time, with both sides' evidence."""
    store = _store(ctx)
    parents = graph.state_parents(store.actors()) if state_as_one else None
    items = graph.contradictions(store.iter_claims(), parents=parents, window_days=window_days,
                                 clusters=store_clusters(store))
    if as_json:
        for item in items:
            _dump(item)
        return
    names = _names(store)
    for item in items:
        click.echo(f"{names.get(item['subject'], item['subject'])} {_arrow(item['relation'])} "
                   f"{names.get(item['object'], item['object'])}  "
                   f"({item['from']} .. {item['to']}; {item['n_affirmed_sources']} source(s) "
                   f"for, {item['n_opposing_sources']} against)")
        for side, claims in (("for", item["affirmed"]), ("against", item["opposing"])):
            for c in claims:
                who = f" [{c['attribution']}]" if c.get("attribution") else ""
                click.echo(f"  {side:7} {graph.claim_time(c) or '':10} "
                           f"{c.get('modality')}{who}: {c.get('sentence') or '(curated)'}")
        click.echo("")
    if not items:
        click.echo("(no contradictions)")


@click.command("export")
@click.option("--format", "fmt", required=True, type=click.Choice(list(EXPORTERS)),
              help="graphml/gexf (Gephi), json (node-link), csv-claims, csv-edges, "
                   "csv-actors, neo4j (a directory), stix (2.1 bundle), ftm (JSON lines).")
@click.option("-o", "--output", default="-", show_default=True, metavar="PATH|-",
              help="File to write, - for stdout; a directory for neo4j.")
@click.option("--csv-safe/--csv-raw", default=True, show_default=True,
              help="CSV formats (and neo4j): prefix cells that start with = + - @ with ' so "
                   "a spreadsheet shows them instead of running them; --csv-raw for "
                   "programs that read the values.")
@click.pass_context
@handle_errors
def export_cmd(ctx: click.Context, fmt: str, output: str, csv_safe: bool) -> None:
    """Export the map (streaming) for Gephi, Neo4j, OpenCTI, Aleph or pandas."""
    store = _store(ctx)
    to_stdout = output == "-" and not EXPORTERS[fmt].directory
    target: Any = sys.stdout if to_stdout else output
    counts = export(store, fmt, target, csv_safe=csv_safe)
    if output != "-":
        click.echo(f"Wrote {counts['actors']} actors, {counts['edges']} relations and "
                   f"{counts['claims']} claims as {fmt} to {output}.", err=True)


COMMANDS = (timeline_cmd, path_cmd, network_cmd, stats_cmd, contradictions_cmd, export_cmd)


def register(group: click.Group) -> None:
    """Add the map commands to ``group`` (the ``syndicate`` CLI)."""
    for command in COMMANDS:
        group.add_command(command)
