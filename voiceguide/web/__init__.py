"""The local web page (`voiceguide serve`): a thin shell over the same API as the CLI.

    from voiceguide.web import start_server
    server = start_server(output=Path("out"))     # uvicorn in a background thread
    print(server.url)                             # http://127.0.0.1:PORT
    server.stop()                                 # ends builds; nothing half-written stays

Starlette, uvicorn, Jinja2, python-multipart and segno come with the optional extra `web`;
they are imported on first use, so a build's child process (jobs.py) never loads them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

INSTALL = "pip install 'voiceguide[web]'"
# As the README's set-up says it: a checkout's scripts/run installs the extra.
IN_A_CHECKOUT = "scripts/run (or .venv/bin/pip install -e '.[web]')"

if TYPE_CHECKING:
    from .server import Server, start_server

__all__ = ["INSTALL", "Server", "serve", "start_server"]


def __getattr__(name: str) -> Any:
    if name in ("Server", "start_server"):
        from . import server

        return getattr(server, name)
    raise AttributeError(f"module 'voiceguide.web' has no attribute {name!r}")


def missing_extra() -> str | None:
    """The install line when a library of the `web` extra is missing; None when all are there."""
    import importlib.util

    for module in ("starlette", "uvicorn", "jinja2", "multipart", "segno"):
        if importlib.util.find_spec(module) is None:
            return (
                "the web page needs the optional extra 'web'; in a checkout, run "
                f"{IN_A_CHECKOUT}; elsewhere: {INSTALL}"
            )
    return None


def serve(
    *,
    port: int = 0,
    routines: Path | None = None,
    output: Path,
    lan: bool = False,
    jobs: int | None = None,
    debug: bool = False,
) -> Server:
    """Serve the page (see `start_server`); a UserError with the install line when the
    optional extra `web` is missing."""
    import voiceguide

    missing = missing_extra()
    if missing:
        raise voiceguide.UserError(missing)
    from .server import start_server

    return start_server(
        port=port, routines=routines, output=output, lan=lan, jobs=jobs, debug=debug
    )
