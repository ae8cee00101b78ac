"""The page's server: uvicorn in a background thread, on loopback or (with --lan) on every
interface behind a token."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import segno
import uvicorn
from starlette.applications import Starlette
from starlette.types import ASGIApp, Receive, Scope, Send

import voiceguide

from .app import Config, make_app
from .connections import GuardedH11
from .jobs import JobQueue
from .security import new_token

DEFAULT_PORT = 8765
LOOPBACK = "127.0.0.1"
START_SECONDS = 10


@dataclass
class Server:
    """A running page. `url` is its loopback address (with --lan the token is `token`,
    and `lan_url` has both the LAN address and the token)."""

    url: str
    port: int
    token: str | None
    lan_url: str | None
    output: Path
    app: Starlette
    _uvicorn: uvicorn.Server
    _thread: threading.Thread

    @property
    def queue(self) -> JobQueue:
        queue: JobQueue = self.app.state.queue
        return queue

    def stop(self) -> None:
        """End running builds (SIGTERM: they clean up, no partial file stays), then the server."""
        self.queue.stop()
        self._uvicorn.should_exit = True
        self._thread.join(15)

    def print_qr(self) -> None:
        """The LAN address's QR code in the terminal, for a phone's camera."""
        if self.lan_url:
            print_qr(self.lan_url)

    def wait(self) -> None:
        """Block until the server ends (Ctrl-C in the main thread interrupts it)."""
        while self._thread.is_alive():
            self._thread.join(0.5)


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses on its networks (not loopback), found without sending
    anything: by its host name and (Linux) by asking each interface."""
    found: list[str] = []
    with contextlib.suppress(OSError):
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        found += [str(info[4][0]) for info in infos]
    found += _interface_addresses()
    return list(dict.fromkeys(a for a in found if not a.startswith("127.")))


def _interface_addresses() -> list[str]:
    try:
        import fcntl
        import struct
    except ImportError:  # not on a Unix
        return []
    addresses = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _index, name in socket.if_nameindex():
            request = struct.pack("256s", name.encode()[:15])
            with contextlib.suppress(OSError):
                answer = fcntl.ioctl(probe.fileno(), 0x8915, request)  # SIOCGIFADDR
                addresses.append(socket.inet_ntoa(answer[20:24]))
    return addresses


def _listen(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise voiceguide.UserError(
                f"port {port} is in use (another voiceguide serve?); pick another with --port"
            ) from None
        if err.errno == errno.EACCES:
            raise voiceguide.UserError(
                f"port {port} needs more rights; pick one above 1023 with --port"
            ) from None
        raise voiceguide.MachineError(f"cannot listen on {host}:{port}: {err.strerror}") from None
    sock.listen(128)
    sock.set_inheritable(False)
    return sock


def one_line_errors(app: ASGIApp, *, debug: bool) -> ASGIApp:
    """`app` as the terminal sees it: an unexpected error has been answered (a 500) and told
    in one line by the page's own handler, so the traceback uvicorn would print after it is
    kept for --debug."""

    async def quietly(scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await app(scope, receive, send)
        except Exception:
            if debug:
                raise

    return quietly


def qr_svg(text: str) -> str:
    """A QR code of `text` as an SVG data URI, for an <img>."""
    data_uri: str = segno.make(text, error="m").svg_data_uri(scale=6, border=2)
    return data_uri


def print_qr(text: str) -> None:
    """A QR code of `text` in the terminal, in Unicode blocks."""
    segno.make(text, error="m").terminal(compact=True)


def start_server(
    *,
    port: int = 0,
    routines: Path | None = None,
    output: Path,
    lan: bool = False,
    token: str | None = None,
    jobs: int | None = None,
    debug: bool = False,
) -> Server:
    """Serve the page on `port` (0: any free port) in a background thread and return once
    it answers. Loopback only; with `lan`, every interface, and every request needs
    `token` (a random one when None). With `debug`, an unexpected error's traceback too."""
    if lan:
        token = token or new_token()
    output = Path(output).resolve()
    try:
        output.mkdir(parents=True, exist_ok=True)
        if not os.access(output, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, "permission denied")
    except OSError as err:
        raise voiceguide.UserError(
            f"cannot write to {output} ({err.strerror}); pick another folder with --output"
        ) from None
    host = "0.0.0.0" if lan else LOOPBACK
    sock = _listen(host, port)
    port = sock.getsockname()[1]
    hosts = [f"{LOOPBACK}:{port}", f"localhost:{port}"]
    lan_url = qr = None
    if lan:
        # The page answers at each of the machine's addresses; the QR code shows the first.
        addresses = lan_addresses() or [LOOPBACK]
        hosts += [f"{address}:{port}" for address in addresses if address != LOOPBACK]
        address = addresses[0]
        lan_url = f"http://{address}:{port}/?token={token}"
        qr = qr_svg(lan_url)
    config = Config(
        output=output,
        routines=Path(routines).resolve() if routines is not None else None,
        hosts=tuple(hosts),
        port=port,
        token=token,
        lan_url=lan_url,
        qr=qr,
        jobs=jobs or os.cpu_count() or 1,
    )
    app = make_app(config)
    server = uvicorn.Server(
        uvicorn.Config(
            one_line_errors(app, debug=debug),
            http=GuardedH11,  # deadlines for slow clients (connections.py)
            log_level="warning",
            access_log=False,
            lifespan="off",
            server_header=False,
            timeout_graceful_shutdown=5,
        )
    )
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="voiceguide-web", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            with contextlib.suppress(OSError):
                sock.close()
            raise voiceguide.MachineError("the web server did not start; run again with --debug")
        time.sleep(0.02)
    logging.getLogger("voiceguide.web").info("serving on %s", port)
    return Server(
        url=f"http://{LOOPBACK}:{port}",
        port=port,
        token=token,
        lan_url=lan_url,
        output=output,
        app=app,
        _uvicorn=server,
        _thread=thread,
    )
