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
@click.option("--recognition", is_flag=True,
              help="GOLD is an actor-mention file ({doc, text, actor} lines): score actor "
                   "recognition instead of relations.")
@click.option("--near-miss", "near_miss", metavar="FILE", default=None,
              help="With --recognition: also a file of sentences naming no actor "
                   "({text, name} lines); every mention found in them is wrong.")
@click.option("--people", metavar="FILE", default=None,
              help="With --recognition: also a file of people the dictionary does not list, "
                   "given a role in a group ({doc, name, group, role} lines): the share the "
                   "system makes a candidate person, linked to the right group.")
@json_option
@click.pass_obj
@handle_errors
def evaluate_cmd(obj: dict[str, Any], gold: str, paths: tuple[str, ...], seeds: str | None,
                 errors: bool, recognition: bool, near_miss: str | None, people: str | None,
                 as_json: bool) -> None:
    """Score extraction against a gold file: precision, recall, F1, per relation.

    PATHS default to the documents the gold file names (sample/ = the bundled sample).
    With --recognition: the share of annotated actors found in their document with the
    right id, of annotated mentions covered, and of resolved mentions that are wrong; with
    --near-miss, the sentences naming no actor that produce a mention; with --people, the
    unknown people in roles found as candidates.
    """
    from ..evaluate import evaluate, format_report

    if recognition:
        _recognition(obj, gold, list(paths), near_miss, people, errors=errors, as_json=as_json)
        return
    result = evaluate(gold, obj["kb"].pipeline(), paths=list(paths), seeds_dir=seeds)
    if as_json:
        emit_json([result])
    else:
        click.echo(format_report(result, errors=errors))


def _recognition(obj: dict[str, Any], gold: str, paths: list[str], near_miss: str | None,
                 people: str | None, *, errors: bool, as_json: bool) -> None:
    from ..evaluate import evaluate_near_misses, evaluate_people, evaluate_recognition

    pipeline = obj["kb"].pipeline()
    result = evaluate_recognition(gold, pipeline, paths=paths)
    if near_miss:
        result["near_miss"] = evaluate_near_misses(near_miss, pipeline)
    if people:
        result["people"] = evaluate_people(people, pipeline, paths=paths)
    if as_json:
        emit_json([result])
        return
    click.echo(f"documents {result['documents']}  annotated actors {result['actors']}  "
               f"mentions {result['mentions']}")
    click.echo(f"actors found with the right id {result['actor_recall']:.1%}  mentions "
               f"covered {result['mention_recall']:.1%}  resolved mentions wrong "
               f"{result['wrong_rate']:.1%} (of {result['resolved_overlapping']})")
    if near_miss:
        n = result["near_miss"]
        click.echo(f"near misses: {n['sentences_with_mentions']} of {n['sentences']} "
                   f"sentences produce a mention ({n['mentions']} mentions)")
    if people:
        p = result["people"]
        click.echo(f"unknown people in roles: {p['recall']:.1%} of {p['people']} found as "
                   f"candidates, {p['group_right']:.1%} of those linked to the right group; "
                   f"{p['precision']:.1%} of the {p['predicted']} candidate people annotated")
    if errors:
        for e in result["errors"] + result.get("near_miss", {}).get("errors", []) + \
                result.get("people", {}).get("errors", []):
            click.echo(f"  {e}")


COMMANDS = (evaluate_cmd,)
