"""How the page answers a mistake: one line (per problem) with the CLI's own message, as
JSON for the API, a page for a browser, plain text otherwise; never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

import voiceguide

from .security import MAX_UPLOAD, BodyTooLarge
from .settings import FieldErrors

log = logging.getLogger("voiceguide.web")
Page = Callable[..., Response]


def one_line(text: str) -> str:
    """As the CLI prints a problem: a value with a newline in it cannot split the line."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def error_handlers(page: Page) -> dict[Any, Callable[[Request, Exception], Any]]:
    """Starlette's exception handlers for the app; `page` renders a template."""

    def refused(
        request: Request, status: int, lines: list[str], errors: dict[str, str]
    ) -> Response:
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
        lines = [one_line(line) for line in err.lines()]
        status = 400 if isinstance(err, voiceguide.UserError) else 500
        return refused(request, status, lines, {"settings": lines[0]})

    async def on_http(request: Request, err: Exception) -> Response:
        assert isinstance(err, HTTPException)
        message = {404: "no such page", 405: "this address does not take that method"}.get(
            err.status_code, str(err.detail)
        )
        if err.status_code == 404 and isinstance(err.detail, str) and err.detail != "Not Found":
            message = err.detail  # our own 404s say what is missing
        message = one_line(message)
        return refused(request, err.status_code, [message], {"settings": message})

    async def on_too_large(request: Request, err: Exception) -> Response:
        limit = MAX_UPLOAD // 2**20
        message = f"the upload is over {limit} MB; the page takes files up to {limit} MB"
        return refused(request, 400, [message], {"settings": message})

    async def on_anything(request: Request, err: Exception) -> Response:
        log.error("unexpected %s for %s %s", type(err).__name__, request.method, request.url.path)
        message = "something went wrong on the server; its terminal shows what (please report it)"
        return refused(request, 500, [message], {"settings": message})

    return {
        FieldErrors: on_fields,
        voiceguide.VoiceguideError: on_voiceguide_error,
        HTTPException: on_http,
        BodyTooLarge: on_too_large,
        Exception: on_anything,
    }
