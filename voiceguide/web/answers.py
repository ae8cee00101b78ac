"""How the page answers a mistake: one line (per problem) with the CLI's own message, as
JSON for the API, a page for a browser, plain text otherwise; never a traceback."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

import voiceguide

from .security import MAX_UPLOAD, BodyTooLarge
from .settings import FieldErrors
from .wording import for_page

log = logging.getLogger("voiceguide.web")
Page = Callable[..., Response]
LINE_SECONDS = 10.0  # a flood from one address: a line this often, saying how many more


class _Lines:
    """One line per event in the server's terminal, except a flood from one address: then
    a line every LINE_SECONDS, saying how many more there were since."""

    def __init__(self) -> None:
        self.last: dict[str, float] = {}
        self.held: dict[str, int] = {}

    def tell(self, client: str, what: str) -> None:
        now = time.monotonic()
        if now - self.last.get(client, -math.inf) < LINE_SECONDS:
            self.held[client] = self.held.get(client, 0) + 1
            return
        more = self.held.pop(client, 0)
        also = f" (and {more} more from there since the last line)" if more else ""
        log.warning("%s: %s%s", client, what, also)
        self.last[client] = now


tell = _Lines().tell


def error_handlers(page: Page) -> dict[Any, Callable[[Request, Exception], Any]]:
    """Starlette's exception handlers for the app; `page` renders a template."""

    def refused(
        request: Request, status: int, lines: list[str], errors: dict[str, str]
    ) -> Response:
        # Beside a field or on a page of its own, never the command line's flags.
        lines = [for_page(line) for line in lines]
        errors = {name: for_page(message) for name, message in errors.items()}
        if request.url.path.startswith("/api/"):
            # Every API's answer shape at once: plan's errors, compile's yaml, validate's ok.
            body = {
                "message": lines[0] if lines else "",
                "errors": errors,
                "problems": lines,
                "ok": False,
                "yaml": "",
            }
            return JSONResponse(body, status_code=status)
        if "text/html" not in request.headers.get("accept", ""):
            return PlainTextResponse("\n".join(lines) + "\n", status_code=status)
        return page(request, "error.html", status=status, lines=lines)

    async def on_fields(request: Request, err: Exception) -> Response:
        assert isinstance(err, FieldErrors)
        return refused(request, err.status, err.problems, err.errors)

    async def on_voiceguide_error(request: Request, err: Exception) -> Response:
        assert isinstance(err, voiceguide.VoiceguideError)
        lines = [voiceguide.one_line(line) for line in err.lines()]
        status = 400 if isinstance(err, voiceguide.UserError) else 500
        return refused(request, status, lines, {"settings": lines[0]})

    async def on_http(request: Request, err: Exception) -> Response:
        assert isinstance(err, HTTPException)
        message = {404: "no such page", 405: "this address does not take that method"}.get(
            err.status_code, str(err.detail)
        )
        if err.status_code == 404 and isinstance(err.detail, str) and err.detail != "Not Found":
            message = err.detail  # our own 404s say what is missing
        message = voiceguide.one_line(message)
        return refused(request, err.status_code, [message], {"settings": message})

    async def on_too_large(request: Request, err: Exception) -> Response:
        limit = MAX_UPLOAD // 2**20
        message = f"the upload is over {limit} MB; the page takes files up to {limit} MB"
        return refused(request, 400, [message], {"settings": message})

    async def on_gone(request: Request, err: Exception) -> Response:
        # Not a fault of ours, nor news: one line, and an answer nobody is there to read.
        client = request.client.host if request.client else "a client"
        tell(
            client,
            f"{request.method} {voiceguide.one_line(request.url.path)}: the client went away (or was cut "
            "off as too slow) before sending all of its request",
        )
        return Response(status_code=400)

    async def on_anything(request: Request, err: Exception) -> Response:
        log.error(
            "unexpected %s for %s %s",
            type(err).__name__,
            request.method,
            voiceguide.one_line(request.url.path),
        )
        message = "something went wrong on the server; its terminal shows what (please report it)"
        return refused(request, 500, [message], {"settings": message})

    return {
        FieldErrors: on_fields,
        voiceguide.VoiceguideError: on_voiceguide_error,
        HTTPException: on_http,
        BodyTooLarge: on_too_large,
        ClientDisconnect: on_gone,
        Exception: on_anything,
    }
