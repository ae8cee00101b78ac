"""Slow clients: uvicorn's HTTP protocol (h11) with deadlines for a request's headers and
body, and a bound on the connections one address may hold.

uvicorn has no such timeouts (its keep-alive timer is reset by every byte received), and
an ASGI middleware runs only once the headers are in, so this is the protocol's own job.
With --lan a connection needs no token before its headers are read: without these, a phone
on the same network could hold every connection open with a byte a second.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Literal

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .answers import tell

HEADER_SECONDS = 10.0  # a request's headers, from the connection (or the last answer) on
BODY_SECONDS = 10.0  # a body's time, plus what has come of it at MIN_BODY_RATE
MIN_BODY_RATE = 20_000  # bytes a second, on average: a weak phone link sends ten times that
PER_CLIENT = 32  # connections one address holds at once (a browser opens six)
Waiting = Literal["headers", "body"]


def _plain(status: bytes, text: str) -> bytes:
    """A whole answer in plain text that closes the connection."""
    body = (text + "\n").encode()
    head = f"content-type: text/plain; charset=utf-8\r\nconnection: close\r\ncontent-length: {len(body)}"
    return b"HTTP/1.1 " + status + b"\r\n" + head.encode() + b"\r\n\r\n" + body


_TIMEOUT = _plain(b"408 Request Timeout", "the request took too long to send; send it again")
_BUSY = _plain(b"503 Service Unavailable", "too many connections from this address; try again")


class GuardedH11(H11Protocol):
    """uvicorn's h11 protocol, with deadlines for what the client is to send next."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline: asyncio.TimerHandle | None = None
        self.waiting: Waiting | None = None
        self.waiting_since = 0.0
        self.received = False  # a byte of the request's headers being waited for
        self.body_bytes = 0  # of the body being waited for

    # asyncio's Protocol interface

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if not self._room():
            tell(self._address(), f"refused a connection: it holds {PER_CLIENT} already")
            transport.write(_BUSY)
            transport.close()
            return
        self._follow()

    def data_received(self, data: bytes) -> None:
        if self.waiting == "headers":
            self.received = True
        elif self.waiting == "body":
            self.body_bytes += len(data)
        super().data_received(data)
        self._follow()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._follow()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    # the deadlines

    def _follow(self) -> None:
        """Arm the deadline of what the client is to send next, if it is not armed yet."""
        if self.transport is None or self.transport.is_closing():
            self._disarm()
            return
        state = self.conn.their_state
        waiting: Waiting | None = (
            "headers" if state is h11.IDLE else "body" if state is h11.SEND_BODY else None
        )
        if waiting == self.waiting:
            return
        self._disarm()
        self.waiting, self.waiting_since = waiting, time.monotonic()
        self.received, self.body_bytes = False, 0
        if waiting is not None:
            seconds = HEADER_SECONDS if waiting == "headers" else BODY_SECONDS
            self.deadline = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
        self.deadline, self.waiting = None, None

    def _too_slow(self) -> None:
        waiting, self.deadline = self.waiting, None
        if self.transport is None or self.transport.is_closing():
            return
        if waiting == "body":
            # A body may take longer while it keeps coming (chunked or not, it is what
            # arrives that counts): BODY_SECONDS, and more for each byte at MIN_BODY_RATE.
            due = self.waiting_since + BODY_SECONDS + self.body_bytes / MIN_BODY_RATE
            if time.monotonic() < due:
                self.deadline = self.loop.call_later(due - time.monotonic(), self._too_slow)
                return
        if waiting == "headers" and self.received:
            tell(self._address(), f"closed a connection: headers not sent in {HEADER_SECONDS:g} s")
            self.transport.write(_TIMEOUT)
        # An idle connection closes quietly; one whose body is late is cut off, and its
        # request's route sees the client gone (one line, in the page's answers).
        self.transport.close()

    # one address's connections

    def _address(self) -> str:
        return str(self.client[0]) if self.client else "a client"

    def _room(self) -> bool:
        """Whether this connection may stay: one address holds at most PER_CLIENT; past
        that, the one of them that has waited longest for a request's headers goes."""
        if self.client is None:
            return True
        mine = [
            c
            for c in self.connections
            if isinstance(c, GuardedH11)
            and c is not self
            and c.client
            and c.client[0] == self.client[0]
        ]
        if len(mine) < PER_CLIENT:
            return True
        idle = [c for c in mine if c.waiting == "headers" and not c.transport.is_closing()]
        if not idle:
            return False
        oldest = min(idle, key=lambda c: c.waiting_since)
        oldest._disarm()
        oldest.transport.close()
        return True
