"""The ``syndicate`` command: thin wrappers that parse options, call the API and print.

Exit codes: 0 success; 1 some documents failed (the rest were processed); 2 usage or
input error (unknown actor, bad relation, missing file).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

import click

from . import __version__
from .api import KnowledgeBase, sample_corpus
from .errors import SyndicateError
from .settings import load_settings

EXIT_PARTIAL = 1
EXIT_USAGE = 2


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True,
                        help="Print JSON (one object per line) instead of a table.")(func)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn Syndicate's coded errors into a one-line message and exit code 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SyndicateError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_USAGE)

    return wrapper


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


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", envvar="SYNDICATE_DB", default=None, metavar="PATH",
              help="Database file (default ./syndicate.db, or $SYNDICATE_DB).")
@click.option("--actors", "overlays", multiple=True, metavar="FILE",
              help="Extra actors file(s) laid over the bundled dictionary. "
                   "syndicate-actors.yaml beside the database is always read.")
@click.option("--spacy-model", default=None, metavar="NAME",
              help="Refine extraction with an installed spaCy pipeline (e.g. "
                   "en_core_web_sm; $SYNDICATE_SPACY_MODEL). Rule-based only by default.")
@click.version_option(__version__, prog_name="syndicate")
@click.pass_context
def cli(ctx: click.Context, db: str | None, overlays: tuple[str, ...],
        spacy_model: str | None) -> None:
    """Syndicate: an evidence-backed map of who allies with, fights, backs, splits from
    or leads whom, built from news articles about armed groups.

    \b
    Typical session:
      syndicate ingest articles/            # read, extract and store
      syndicate actors                      # who is in the map
      syndicate show "Haqqani Network"      # an actor's relations with evidence
      syndicate claims --relation supports --json
    """
    try:
        settings = load_settings(db=db, overlays=overlays, spacy_model=spacy_model)
    except SyndicateError as exc:
        raise click.UsageError(str(exc)) from exc
    kb = KnowledgeBase(settings.db, settings=settings)
    ctx.obj = {"kb": kb, "settings": settings,
               "open_store": lambda: kb.store, "resolve_actor": _resolver(kb)}
    ctx.call_on_close(kb.close)


def _resolver(kb: KnowledgeBase) -> Callable[[str], str]:
    def resolve(text: str) -> str:
        try:
            return kb.resolve_actor(text)
        except SyndicateError as exc:
            raise click.BadParameter(str(exc)) from exc

    return resolve


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--sample", is_flag=True, help="Ingest the bundled sample corpus.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes to use (default 1; all cores: the number of cores).")
@click.option("--dask", "dask_address", metavar="local|ADDRESS", default=None,
              help="Run the per-document work on a Dask cluster: 'local' starts one on this "
                   "machine, or a scheduler address (tcp://host:8786). Results are stored "
                   "here. Needs: pip install 'syndicate[dask]'.")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None,
              help="Documents per Dask task, with --dask (default 64).")
@json_option
@click.pass_obj
@handle_errors
def ingest(obj: dict[str, Any], paths: tuple[str, ...], sample: bool, workers: int | None,
           dask_address: str | None, batch_size: int | None, as_json: bool) -> None:
    """Read articles, extract relation claims and store them.

    PATHS are files, folders (read recursively), globs or - for stdin. Formats: .txt,
    .html/.htm, .jsonl/.jsonl.gz (one document per line with 'text' or 'html', optional
    'id', 'url', 'title', 'published'). Re-ingesting the same text adds nothing. A
    document that cannot be read is reported and skipped; the exit code is then 1.
    """
    kb: KnowledgeBase = obj["kb"]
    inputs = list(paths) + ([sample_corpus()] if sample else [])
    if not inputs:
        raise click.UsageError("give PATHS to ingest, or --sample for the bundled corpus")
    if dask_address is not None and workers is not None:
        raise click.UsageError("give --workers (a process pool here) or --dask, not both")
    if batch_size is not None and dask_address is None:
        raise click.UsageError("--batch-size applies only with --dask")
    show_progress = sys.stderr.isatty() and not as_json
    started = time.monotonic()
    tally = Counter[str]()

    def tick(item: Any, outcome: str) -> None:
        tally[outcome] += 1
        tally["claims"] += len(item.claims) if outcome == "added" else 0
        if outcome == "failed" and not as_json:
            click.echo(f"\rfailed: {item.source}: {item.error}\033[K", err=True)
        if show_progress:
            done = tally["added"] + tally["duplicate"] + tally["failed"]
            rate = done / max(time.monotonic() - started, 1e-6)
            click.echo(f"\ringesting: {done} documents ({tally['added']} new, "
                       f"{tally['failed']} failed), {tally['claims']} claims, "
                       f"{rate:.0f} docs/s\033[K", err=True, nl=False)

    report = kb.ingest(inputs, workers=workers, dask=dask_address, batch_size=batch_size,
                       on_document=tick)
    if show_progress:
        click.echo("", err=True)
    if as_json:
        emit_json([report.to_json()])
    else:
        counts = kb.store.counts()
        click.echo(f"{report.added} documents added, {report.duplicate} already stored, "
                   f"{report.failed} failed; {report.claims} new claims.")
        click.echo(f"Store {kb.db_path}: {counts['documents']} documents, {counts['claims']} "
                   f"claims, {counts['mentions']} actor mentions.")
        click.echo("Next: 'syndicate actors', 'syndicate show ACTOR', 'syndicate claims'.")
    if report.failed:
        sys.exit(EXIT_PARTIAL)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@json_option
@click.pass_obj
@handle_errors
def extract(obj: dict[str, Any], paths: tuple[str, ...], as_json: bool) -> None:
    """Extract claims without storing them (JSON lines with --json, the data contract).

    Failed documents are reported on stderr; the exit code is then 1.
    """
    from .pipeline import process_all
    from .read import read

    kb: KnowledgeBase = obj["kb"]
    failed = 0
    rows = []
    for item in process_all(read(paths, max_bytes=kb.settings.max_bytes), kb.pipeline()):
        if item.error:
            failed += 1
            click.echo(f"failed: {item.source}: {item.error}", err=True)
            continue
        for claim in item.claims:
            row = claim.to_json()
            if as_json:
                emit_json([row])
            else:
                rows.append(_claim_row(row))
    if not as_json:
        table(rows, CLAIM_COLUMNS)
    if failed:
        sys.exit(EXIT_PARTIAL)


CLAIM_COLUMNS = [("subject", "SUBJECT", 28), ("relation", "RELATION", 16),
                 ("object", "OBJECT", 28), ("polarity", "POLARITY", 8),
                 ("modality", "MODALITY", 9), ("time", "TIME", 10),
                 ("source", "SOURCE", 30), ("sentence", "SENTENCE", 70)]


def _claim_row(c: dict[str, Any]) -> dict[str, Any]:
    return {"subject": c["subject"]["id"], "relation": c["relation"],
            "object": c["object"]["id"], "polarity": c["polarity"], "modality": c["modality"],
            "time": (c.get("time") or {}).get("value"), "source": c.get("source"),
            "sentence": c.get("sentence")}


@cli.command()
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


@cli.command()
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


@cli.command()
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


@cli.command()
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


@cli.command()
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
        table([_claim_row(c) for c in rows], CLAIM_COLUMNS)


@cli.group(invoke_without_command=True)
@json_option
@click.option("--kind", help="Only actors of this kind.")
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
@click.option("--kind", default="armed_group", show_default=True)
@click.option("--region", default=None, help="Region of the new actor.")
@click.pass_obj
@handle_errors
def actors_promote(obj: dict[str, Any], candidate: str, actor_id: str | None,
                   name: str | None, kind: str, region: str | None) -> None:
    """Make a provisional CANDIDATE (see 'syndicate candidates') a real actor."""
    info = obj["kb"].promote(candidate, actor_id=actor_id, name=name, kind=kind, region=region)
    click.echo(f"promoted {candidate} to {info['id']} ({info['name']})")


@cli.command()
@json_option
@click.pass_obj
@handle_errors
def candidates(obj: dict[str, Any], as_json: bool) -> None:
    """Group-shaped names the dictionary does not know yet, for review.

    Their relations are extracted and stored, marked provisional. Promote one with
    'syndicate actors promote', or merge it into a known actor with 'syndicate actors merge'.
    """
    rows = obj["kb"].candidates()
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        row["example"] = row["examples"][0] if row["examples"] else ""
    table(rows, [("id", "CANDIDATE", 40), ("mentions", "MENTIONS", 8), ("documents", "DOCS", 4),
                 ("claims", "CLAIMS", 6), ("first_seen", "FIRST", 10), ("last_seen", "LAST", 10),
                 ("example", "EXAMPLE", 80)])


@cli.command()
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


@cli.command(name="eval")
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
    from .evaluate import evaluate, format_report

    result = evaluate(gold, obj["kb"].pipeline(), paths=list(paths), seeds_dir=seeds)
    if as_json:
        emit_json([result])
    else:
        click.echo(format_report(result, errors=errors))


def main() -> None:
    cli(prog_name="syndicate")


# The map commands live in their own module; registered here so that every entry point
# (console script, python -m, tests) sees the same command set.
from .cli_graph import register as _register_graph_commands  # noqa: E402

_register_graph_commands(cli)


if __name__ == "__main__":
    main()
