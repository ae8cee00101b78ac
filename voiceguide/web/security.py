"""Who may use the page: the Host it answers to, the access token with --lan, where
changes may come from, and how large a request may be.

A pure ASGI middleware, outside every route: a request it refuses never reaches one.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_UPLOAD = 5 * 2**20  # an article or a profile: a handout with photos is a few MB
# The largest request body: an upload and the multipart framing around it.
MAX_BODY = MAX_UPLOAD + 64 * 1024
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Every page is the app's own: its own scripts and styles, pictures from data: URIs (the QR).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class BodyTooLarge(Exception):
    """A request body past MAX_BODY, found while it was read."""


def new_token() -> str:
    return secrets.token_urlsafe(18)


def cookie_name(port: int) -> str:
    # Cookies are kept per host, not per port: two servers on one machine keep their own.
    return f"voiceguide-token-{port}"


class Guard:
    """403 for a request to another Host (DNS rebinding), without the token (with --lan), or
    a change sent by another site's page; 400 for a body over MAX_BODY."""

    def __init__(self, app: ASGIApp, *, hosts: Iterable[str], port: int, token: str | None):
        self.app = app
        self.hosts = frozenset(hosts)
        self.origins = frozenset(f"http://{host}" for host in self.hosts)
        self.token = token
        self.cookie = cookie_name(port)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refused = self.refusal(scope, headers)
        if refused:
            await _plain(send, 403, refused)
            return
        length = headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            await _plain(send, 400, f"the request is over {MAX_BODY // 2**20} MB; send less")
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > MAX_BODY:
                raise BodyTooLarge()
            return message

        given = self.token and _query_token(scope)
        if given:  # kept, so that links and the page's own requests need no token in them

            async def with_cookie(message: Message) -> None:
                if message["type"] == "http.response.start":
                    value = f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict"
                    message["headers"] = [
                        *message.get("headers", []),
                        (b"set-cookie", value.encode()),
                    ]
                await send(message)

            await self.app(scope, limited, with_cookie)
        else:
            await self.app(scope, limited, send)

    def refusal(self, scope: Scope, headers: dict[str, str]) -> str | None:
        """Why a request is refused, or None."""
        host = headers.get("host", "")
        if host not in self.hosts:
            return "this page answers only at its own address; open the address the server printed"
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin is not None and origin not in self.origins:
                return "a change sent from another site's page is refused"
            if headers.get("sec-fetch-site") == "cross-site":
                return "a change sent from another site's page is refused"
        if self.token is not None:
            given = _query_token(scope) or _cookie(headers.get("cookie", ""), self.cookie)
            if not given or not secrets.compare_digest(given.encode(), self.token.encode()):
                return "this page needs its access link: open the address with its token that the server printed, or scan its QR code"
        return None


def _query_token(scope: Scope) -> str | None:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    values = query.get("token")
    return values[0] if values else None


def _cookie(header: str, name: str) -> str | None:
    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(header)
    except Exception:  # a malformed Cookie header carries no token
        return None
    morsel = cookies.get(name)
    return morsel.value if morsel is not None else None


async def _plain(send: Send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Headers:
    """Headers every answer carries: the page's own content only, never framed, sniffed or
    cached (a build's files change under the same name)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def headed(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _value in headers}
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
                ]
                message["headers"] = headers + [h for h in extra if h[0] not in names]
            await send(message)

        await self.app(scope, receive, headed)
