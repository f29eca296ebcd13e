"""``syndicate serve``: the web map of the store on this machine."""

from __future__ import annotations

import webbrowser

import click

from .output import handle_errors

__all__ = ["COMMANDS"]


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but 127.0.0.1/localhost makes changes "
                   "(reviews) need the token printed at start.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--open", "open_browser", is_flag=True, help="Open the map in a browser.")
@click.option("--token", envvar="SYNDICATE_TOKEN", default=None,
              help="Token for changes when not bound to 127.0.0.1 ($SYNDICATE_TOKEN; "
                   "default: a random one, printed).")
@click.pass_context
@handle_errors
def serve_cmd(ctx: click.Context, host: str, port: int, open_browser: bool,
              token: str | None) -> None:
    """Serve the map of the store in a browser: network, evidence, actors, pairs,
    contradictions, candidates, search and review. Every page is also JSON (add .json);
    the API is described at /openapi.json. Runs until interrupted."""
    import uvicorn

    from ..web import Settings, create_app

    settings = ctx.obj["settings"]
    web = Settings(db=settings.db, host=host, token=token, overlays=settings.overlays)
    app = create_app(web)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/map"
    click.echo(f"Serving {settings.db} at {url} (Ctrl+C to stop)")
    if web.needs_token:
        click.echo(f"Not bound to 127.0.0.1: changes need the token {web.token}")
    if open_browser:
        webbrowser.open(url)
    uvicorn.run(app, host=host, port=port, log_level="warning")


COMMANDS = (serve_cmd,)
