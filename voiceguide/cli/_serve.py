"""`voiceguide serve`: the local web page, a shell over the same library as these commands."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click
import platformdirs

import voiceguide

from .shared import UserPath, jobs_option

DEFAULT_PORT = 8765


def default_output() -> Path:
    """Where the page's builds go: the user's cache folder (~/.cache/voiceguide/web on
    Linux), one folder per build; the page is how they are fetched."""
    return Path(platformdirs.user_cache_dir("voiceguide")) / "web"


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in your browser.")
@click.option(
    "--routines",
    type=UserPath(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default="the current folder",
    help="Folder of your own routines: each *.yaml in it that validates is listed.",
)
@click.option(
    "--output",
    type=UserPath(file_okay=False, path_type=Path),
    help="Folder for the built files, one folder per build.  [default: ~/.cache/voiceguide/web]",
)
@click.option(
    "--lan",
    is_flag=True,
    help="Listen on your network too, for a phone: every request then needs a random token (in the printed URL and QR code).",
)
@jobs_option("Builds at once; more wait in a queue.")
@click.pass_context
def serve(
    ctx: click.Context,
    port: int,
    open_browser: bool,
    routines: Path,
    output: Path | None,
    lan: bool,
    jobs: int,
) -> None:
    """Serve a local web page to pick, change, hear and build routines.

    Loopback only unless --lan. Ctrl-C stops it; a build in progress stops cleanly.
    """
    folder = output or default_output()
    debug = bool(ctx.obj and ctx.obj.get("debug"))
    server = voiceguide.serve(
        port=port, routines=routines, output=folder, lan=lan, jobs=jobs, debug=debug
    )
    try:
        click.echo(f"voiceguide: serving {server.url}/ (Ctrl-C stops)")
        click.echo(f"  your routines: {routines.resolve()}; built files: {server.output}")
        if server.lan_url:
            click.echo(f"  on your phone (same network): {server.lan_url}")
            click.echo("  the address carries an access token: share it only with your own devices")
            server.print_qr()
        if open_browser:
            webbrowser.open(
                f"{server.url}/?token={server.token}" if server.token else f"{server.url}/"
            )
        server.wait()
    except KeyboardInterrupt:
        click.echo("voiceguide: stopping; builds in progress end cleanly", err=True)
    finally:
        server.stop()
