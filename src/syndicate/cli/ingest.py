"""Commands that read articles: ingest (store) and extract (no store)."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import replace
from typing import Any

import click

from ..api import KnowledgeBase, sample_corpus
from ..learn import EXTRACTORS
from .output import (
    CLAIM_COLUMNS,
    EXIT_PARTIAL,
    claim_row,
    emit_json,
    handle_errors,
    json_option,
    table,
)


def extractor_options(command: Any) -> Any:
    """--extractor and --model-threshold, as ingest and extract both take them."""
    command = click.option(
        "--model-threshold", type=click.FloatRange(0, 1), default=None,
        help="With --extractor model or hybrid: the lowest probability at which the pair "
             "model's claims are kept. Default: the model's own choice (0.85 in the "
             "hybrid: the lowest that keeps the seeds' precision at 0.95; every claim "
             "alone); 0 keeps every claim ($SYNDICATE_MODEL_THRESHOLD).")(command)
    return click.option(
        "--extractor", type=click.Choice(EXTRACTORS), default=None,
        help="Who turns actor mentions into claims: 'rules' (declared patterns), 'model' "
             "(the learned pair model) or 'hybrid' (the rules' claims plus the model's, at "
             "--model-threshold, for pairs the rules leave alone). Default: the settings' "
             "extractor ($SYNDICATE_EXTRACTOR), else hybrid.")(command)


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--sample", is_flag=True, help="Ingest the bundled sample corpus.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes to use (default 1; all cores: the number of cores).")
@click.option("--dask", "dask_address", metavar="local|ADDRESS", default=None,
              help="Run the per-document work on a Dask cluster: 'local' starts one on this "
                   "machine, or a scheduler address (tcp://host:8786). Results are stored "
                   "here. Needs: pip install 'syndicate[dask]'.")
@extractor_options
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None,
              help="Documents per Dask task, with --dask (default 64).")
@json_option
@click.pass_obj
@handle_errors
def ingest(obj: dict[str, Any], paths: tuple[str, ...], sample: bool, workers: int | None,
           dask_address: str | None, batch_size: int | None, extractor: str | None,
           model_threshold: float | None, as_json: bool) -> None:
    """Read articles, extract relation claims and store them.

    PATHS are files, folders (read recursively), globs or - for stdin. Formats: .txt,
    .html/.htm, .jsonl/.jsonl.gz (one document per line with 'text' or 'html', optional
    'id', 'url', 'title', 'published'). Re-ingesting the same text adds nothing. A
    document that cannot be read is reported and skipped; the exit code is then 1.
    """
    kb: KnowledgeBase = obj["kb"]
    use_extractor(kb, extractor, model_threshold)
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


@click.command()
@click.argument("paths", nargs=-1, required=True)
@extractor_options
@json_option
@click.pass_obj
@handle_errors
def extract(obj: dict[str, Any], paths: tuple[str, ...], extractor: str | None,
            model_threshold: float | None, as_json: bool) -> None:
    """Extract claims without storing them (JSON lines with --json, the data contract).

    Failed documents are reported on stderr; the exit code is then 1.
    """
    from ..pipeline import process_all
    from ..read import read

    kb: KnowledgeBase = obj["kb"]
    use_extractor(kb, extractor, model_threshold)
    failed = 0
    rows = []
    for item in process_all(read(paths, limits=kb.settings.limits()), kb.pipeline()):
        if item.error:
            failed += 1
            click.echo(f"failed: {item.source}: {item.error}", err=True)
            continue
        for claim in item.claims:
            row = claim.to_json()
            if as_json:
                emit_json([row])
            else:
                rows.append(claim_row(row))
    if not as_json:
        table(rows, CLAIM_COLUMNS)
    if failed:
        sys.exit(EXIT_PARTIAL)


def use_extractor(kb: KnowledgeBase, extractor: str | None,
                  model_threshold: float | None = None) -> None:
    if extractor is not None:
        kb.settings = replace(kb.settings, extractor=extractor)
    if model_threshold is not None:
        kb.settings = replace(kb.settings, model_threshold=model_threshold)


COMMANDS = (ingest, extract)
