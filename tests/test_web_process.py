"""The page as a real server on loopback: slow clients are closed and cannot starve it, a
client gone mid-body is one line in its terminal, and its builds end with it."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import FIXTURES

pytest.importorskip("starlette", reason="the web extra is not installed (pip install -e '.[web]')")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from voiceguide.web import start_server  # noqa: E402


def _connect(port: int, data: bytes = b"") -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    if data:
        sock.sendall(data)
    return sock


def _closed(sock: socket.socket) -> bool:
    """Whether the server has closed this connection (an answer first counts as closed)."""
    sock.setblocking(False)
    try:
        while True:
            data = sock.recv(4096)
            if not data:
                return True
            if data.startswith(b"HTTP/1.1 408") or data.startswith(b"HTTP/1.1 503"):
                return True
    except BlockingIOError:
        return False
    except OSError:
        return True


@pytest.fixture
def short_deadlines(monkeypatch: pytest.MonkeyPatch):
    """The guard's deadlines, short enough for a test (the same code as the real ones)."""
    from voiceguide.web import connections

    monkeypatch.setattr(connections, "HEADER_SECONDS", 1.0)
    monkeypatch.setattr(connections, "BODY_SECONDS", 1.0)
    return connections


def test_slow_clients_are_closed_and_the_page_still_answers(tmp_path, short_deadlines):
    running = start_server(port=0, output=tmp_path / "out", lan=True)  # no token is sent
    port, slow = running.port, []
    try:
        half = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: ".encode()
        post = (
            f"POST /api/plan HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
        ).encode()
        chunked = (
            f"POST /api/plan HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n"
        ).encode()
        slow = [_connect(port, half) for _ in range(12)] + [_connect(port, post) for _ in range(6)]
        slow += [_connect(port, chunked) for _ in range(4)]
        # A new connection each time: the idle deadline (1 s here) closes a kept-alive one
        # just as the next request reuses it, a reset a browser retries and httpx does not.
        with httpx.Client(
            base_url=running.url, params={"token": running.token}, headers={"Connection": "close"}
        ) as http:
            for _second in range(4):  # a byte a second each, as a slow client sends
                for sock in slow:
                    with contextlib.suppress(OSError):
                        sock.send(b"x")
                assert http.get("/").status_code == 200
                time.sleep(1)
        still_open = [sock for sock in slow if not _closed(sock)]
        assert not still_open, f"{len(still_open)} of {len(slow)} slow connections open after 4 s"
    finally:
        for sock in slow:
            sock.close()
        running.stop()


def test_a_slow_but_steady_upload_is_not_cut_off(tmp_path, short_deadlines):
    running = start_server(port=0, output=tmp_path / "out")
    text = b"1. Chin tuck. Sit tall and hold 20 seconds.\n" * 2000  # 90 kB, over 3 s
    body = b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n' + text + b"\r\n--b--\r\n"
    try:
        with _connect(running.port) as sock:
            sock.sendall(
                f"POST /api/compile HTTP/1.1\r\nHost: 127.0.0.1:{running.port}\r\n"
                "Content-Type: multipart/form-data; boundary=b\r\n"
                f"Content-Length: {len(body)}\r\n\r\n".encode()
            )
            for start in range(0, len(body), 3000):  # 30 kB a second, past the 1 s of grace
                sock.sendall(body[start : start + 3000])
                time.sleep(0.1)
            sock.settimeout(30)
            assert sock.recv(100).startswith(b"HTTP/1.1 200")
    finally:
        running.stop()


def test_one_address_cannot_hold_every_connection(tmp_path, short_deadlines):
    short_deadlines.HEADER_SECONDS = 60.0  # the bound alone, without the deadline's help
    running = start_server(port=0, output=tmp_path / "out")
    idle: list[socket.socket] = []
    try:
        idle = [
            _connect(running.port, b"GET / HTTP/1.1\r\n")
            for _ in range(3 * short_deadlines.PER_CLIENT)
        ]
        time.sleep(0.5)
        held = sum(1 for sock in idle if not _closed(sock))
        assert held <= short_deadlines.PER_CLIENT
        # A visitor from that same address still gets in: the oldest waiting one makes room.
        assert httpx.get(running.url + "/", timeout=10).status_code == 200
    finally:
        for sock in idle:
            sock.close()
        running.stop()


def _serve(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "voiceguide.cli", "serve", "--port", "0"]
    command += ["--routines", str(FIXTURES), "--output", str(tmp_path / "out"), *args]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    url = re.search(r"serving (http://127\.0\.0\.1:\d+)/", first)
    if not url:
        process.kill()
        pytest.fail(first + process.communicate()[1])
    return process, url[1]


def test_a_client_gone_mid_body_is_one_line_in_the_servers_terminal(tmp_path):
    process, url = _serve(tmp_path)
    try:
        port = int(url.rsplit(":", 1)[1])
        for _ in range(3):
            sock = _connect(
                port,
                f"POST /api/plan HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"slug": "sh'.encode(),
            )
            time.sleep(0.3)
            sock.close()
        time.sleep(0.5)
        assert httpx.get(url + "/").status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=30)
    lines = [line for line in err.splitlines() if "stopping" not in line]
    assert "Traceback" not in err and "Exception in ASGI" not in err, err
    assert len(lines) == 1 and "went away" in lines[0], err
    assert "and 2 more" not in lines[0]  # said at the next line, if any


def _children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent:
                found.append(int(stat.parent.name))
    return found


def _group(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[2])


def _living_in_groups(groups: set[int]) -> list[int]:
    """The processes of these process groups that still run (a zombie has ended)."""
    living = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) in groups and fields[0] != "Z":
                living.append(int(stat.parent.name))
    return living


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_builds_end_with_their_server_when_it_is_killed(tmp_path):
    process, url = _serve(tmp_path, "--jobs", "2")
    groups: set[int] = set()
    try:
        with httpx.Client(base_url=url, timeout=30) as http:
            # Rates never used before: every phrase is spoken, so the builds take a while.
            jobs = [
                http.post("/api/build", json={"slug": "short", "rate": rate}).json()["job"]
                for rate in ("143", "157")
            ]
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                states = [http.get(f"/api/jobs/{job}").json() for job in jobs]
                if all(s["state"] == "running" and s["stage"] != "start" for s in states):
                    break
                assert not any(s["state"] in ("done", "failed") for s in states), states
                time.sleep(0.2)
        builds = _children(process.pid)
        groups = {_group(pid) for pid in builds} - {_group(process.pid)}
        assert len(groups) >= 2, builds  # each build in a group of its own
        process.kill()
        process.wait()
        deadline = time.monotonic() + 15
        while _living_in_groups(groups) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _living_in_groups(groups), "builds outlived their server"
        err = process.stderr.read() if process.stderr else ""
        assert "Traceback" not in err and "BrokenPipeError" not in err, err
        assert not list((tmp_path / "out").iterdir()), "a job folder was left behind"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in _living_in_groups(groups):  # a failed test leaves no orphan behind
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
