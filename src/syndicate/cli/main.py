"""The ``syndicate`` group: global options, the knowledge base in the context object."""

from __future__ import annotations

from collections.abc import Callable

import click

from .. import __version__
from ..api import KnowledgeBase
from ..errors import SyndicateError
from ..settings import load_settings


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
