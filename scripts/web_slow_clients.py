"""Slow clients against the page: python scripts/web_slow_clients.py [--headers 200] [--bodies 60]
[--seconds 20] [--lan] [--server-files N]

Starts `voiceguide serve` (a real process, on loopback; with --lan on every interface,
and the slow clients send no token), then opens at once:

- HEADERS connections that send half a request's headers, then one more byte a second;
- BODIES connections that send a whole POST's headers announcing a 1,000-byte body, then
  one body byte a second;

and through SECONDS of that, once a second, a normal visitor asks for the list (GET /).
With --server-files N the server may hold N files open (1024 is a common default): then
enough slow connections starve it, unless they are bounded.

Prints how many slow connections the server still holds after 5, 10 and SECONDS seconds,
how many of the visitor's requests were answered and how fast, and how many lines the
server printed (and how many of them were traceback lines). Exits 0 (figures only).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKPOINTS = (5, 10)


@dataclass
class Slow:
    """One slow connection: open until the server closes it."""

    kind: str
    closed_at: float | None = None


@dataclass
class Figures:
    open_at: dict[int, dict[str, int]] = field(default_factory=dict)  # second -> kind -> open
    refused: dict[str, int] = field(default_factory=dict)  # kind -> closed before any drip
    visits: list[float | None] = field(default_factory=list)  # seconds, None = failed
    server_lines: int = 0
    traceback_lines: int = 0


async def _drip(
    slow: Slow, port: int, head: bytes, seconds: float, started: float, host: str
) -> None:
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        slow.closed_at = 0.0
        return
    try:
        writer.write(head)
        await writer.drain()
        while time.monotonic() - started < seconds:
            try:
                data = await asyncio.wait_for(reader.read(4096), 1.0)
            except asyncio.TimeoutError:
                data = None
            if data == b"":  # the server closed it (after a 408 or 503, or without a word)
                break
            writer.write(b"x" if slow.kind == "body" else b"X")
            await writer.drain()
        else:
            return  # still open at the end
    except OSError:  # reset by the server
        pass
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    slow.closed_at = time.monotonic() - started


async def _visit(port: int, host: str, token: str | None) -> float | None:
    """A normal GET / over a fresh connection (with the token, with --lan); its time, or
    None when it failed."""
    began = time.monotonic()
    path = f"/?token={token}" if token else "/"
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 5)
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode()
        )
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), 10)
        writer.close()
    except (OSError, asyncio.TimeoutError):
        return None
    return time.monotonic() - began if answer.startswith(b"HTTP/1.1 200") else None


async def _run(
    port: int, host: str, headers: int, bodies: int, seconds: float, token: str | None
) -> Figures:
    figures = Figures()
    started = time.monotonic()
    half = f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\nX-Slow: ".encode()
    post = (
        f"POST /api/plan HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        "Content-Length: 1000\r\n\r\n{"
    ).encode()
    slows = [Slow("headers") for _ in range(headers)] + [Slow("body") for _ in range(bodies)]
    tasks = [
        asyncio.create_task(
            _drip(s, port, half if s.kind == "headers" else post, seconds, started, host)
        )
        for s in slows
    ]
    checkpoints = [c for c in CHECKPOINTS if c < seconds] + [int(seconds)]
    while time.monotonic() - started < seconds:
        figures.visits.append(await _visit(port, host, token))
        elapsed = time.monotonic() - started
        for mark in checkpoints:
            if mark not in figures.open_at and elapsed >= mark - 0.5:
                figures.open_at[mark] = {
                    kind: sum(1 for s in slows if s.kind == kind and s.closed_at is None)
                    for kind in ("headers", "body")
                }
        await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - started - elapsed)))
    await asyncio.gather(*tasks)
    figures.open_at[int(seconds)] = {
        kind: sum(1 for s in slows if s.kind == kind and s.closed_at is None)
        for kind in ("headers", "body")
    }
    figures.refused = {
        kind: sum(
            1 for s in slows if s.kind == kind and s.closed_at is not None and s.closed_at < 1
        )
        for kind in ("headers", "body")
    }
    return figures


def _serve(
    folder: Path, lan: bool, files: int | None
) -> tuple[subprocess.Popen[str], int, str | None]:
    command = [sys.executable, "-m", "voiceguide.cli", "serve", "--port", "0"]
    command += ["--routines", str(folder), "--output", str(folder / "out")]
    if lan:
        command.append("--lan")
    server = subprocess.Popen(
        command,
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: _server_limits(files),
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not found:
        server.kill()
        raise SystemExit(f"the server did not start: {line!r} {server.stderr.read()!r}")
    token = None
    if lan:  # the lines after the first: the phone's address carries the token
        for _ in range(3):
            given = re.search(r"\?token=(\S+)", server.stdout.readline())
            if given:
                token = given[1]
                break
    return server, int(found[1]), token


def _server_limits(files: int | None) -> None:
    # Run in the background, a child inherits SIGINT ignored: it must stop on one.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if files:  # a desktop's usual limit of open files, say, where the machine's is higher
        import resource

        resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--headers", type=int, default=200)
    parser.add_argument("--bodies", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument(
        "--lan", action="store_true", help="serve with --lan; the slow clients send no token"
    )
    parser.add_argument(
        "--server-files", type=int, help="the server's limit of open files (e.g. 1024)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="voiceguide-slow-") as work:
        server, port, token = _serve(Path(work), args.lan, args.server_files)
        try:
            figures = asyncio.run(
                _run(port, "127.0.0.1", args.headers, args.bodies, args.seconds, token)
            )
        finally:
            server.send_signal(signal.SIGINT)
            try:
                _out, err = server.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                _out, err = server.communicate()
    lines = err.splitlines()
    figures.server_lines = len(lines)
    figures.traceback_lines = sum(1 for line in lines if line.startswith(("Traceback", "  File ")))
    answered = [v for v in figures.visits if v is not None]
    print(f"{args.headers} half-header and {args.bodies} slow-body connections, {args.seconds:g} s"
          f"{' (--lan, no token)' if args.lan else ''}")  # fmt: skip
    print(f"  closed within 1 s (refused): {figures.refused}")
    for mark, open_now in sorted(figures.open_at.items()):
        print(
            f"  still open at {mark:>3} s: headers {open_now['headers']}, bodies {open_now['body']}"
        )
    worst = max(answered) if answered else float("nan")
    print(f"  visitor: {len(answered)}/{len(figures.visits)} answered, slowest {worst:.2f} s")
    shown = ", ".join("failed" if v is None else f"{v:.2f}" for v in figures.visits)
    print(f"  each visit (s): {shown}")
    print(
        f"  server stderr: {figures.server_lines} lines, {figures.traceback_lines} traceback lines"
    )
    if os.environ.get("SLOW_SHOW_SERVER"):
        print("\n".join(lines[:40]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
