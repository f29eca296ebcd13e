"""The train command: rebuild the pair model, optionally with the store's reviews."""

from __future__ import annotations

import sys

import click


@click.command(name="train", add_help_option=False,
               context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def train_cmd(args: tuple[str, ...]) -> None:
    """Rebuild the pair model from the training corpus (and a store's reviews with
    --reviews DB); prints its held-back scores. Needs a source checkout installed with
    the training extra; `syndicate train --help` lists its options."""
    from ..learn.train import main

    sys.exit(main(list(args), prog="syndicate train"))


COMMANDS = (train_cmd,)
