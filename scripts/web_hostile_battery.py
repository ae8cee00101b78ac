"""A hostile battery against the page: python scripts/web_hostile_battery.py [--only CLASS...]

Tries, as an attacker and as a careless user would, the page's classes of issue 23 with
cases varied from the tests' (tests/test_web_hostile.py, tests/test_web_process.py):

  include   a posted draft's include: (plan, validate, build, compile) never reaches a file
            the page does not list, and no answer quotes one
  symlink   files served (the file route, the zip) never follow a link
  slow      slow and greedy clients are closed in time; the page still answers
  gone      a client gone mid-request is at most one line in the terminal, no traceback
  orphans   builds end with their server (SIGKILL, SIGTERM), leave no folder or traceback
  newline   a value with a line break comes back on one line

Prints, per class, the cases run and how many were clean, and each case that was not.
Exits 1 when one was not.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import httpx
    from starlette.testclient import TestClient

from voiceguide.web import start_server  # noqa: E402
from voiceguide.web.app import Config, make_app  # noqa: E402
from voiceguide.web.jobs import Job  # noqa: E402

SECRET_ROUTINE = "title: Covert plan\nexercises:\n  - name: Covert move\n    position: lying\n    say: The covert words.\n    hold: 10\n"
SECRET_YAML = "title: t\napi_key: zebra-77\nlanguage: vault-9\n"
SECRETS = ("Covert", "covert", "api_key", "zebra-77", "vault-9")
SECRET_NAMES = ("keys.yaml", "plan.yaml", "covert.yaml", "notes.yml")


class Tally:
    def __init__(self) -> None:
        self.runs: dict[str, int] = {}
        self.bad: dict[str, list[str]] = {}

    def case(self, kind: str, name: str, problem: str | None) -> None:
        self.runs[kind] = self.runs.get(kind, 0) + 1
        if problem:
            self.bad.setdefault(kind, []).append(f"{name}: {problem}")


def _leaks(text: str, request: str) -> list[str]:
    return [s for s in (*SECRETS, *SECRET_NAMES) if s in text and s not in request]


def _plant(folder: Path) -> None:
    (folder / "deep" / "er").mkdir(parents=True, exist_ok=True)
    (folder / "plan.yaml").write_text(SECRET_ROUTINE)
    (folder / "keys.yaml").write_text(SECRET_YAML)
    (folder / "deep" / "covert.yaml").write_text(SECRET_ROUTINE)
    (folder / "deep" / "er" / "notes.yml").write_text(SECRET_YAML)


@contextlib.contextmanager
def _page(routines_is_cwd: bool) -> Iterator[tuple[TestClient, Path]]:
    """A page (in-process) started in a folder of secrets; its --routines that same folder
    (as `voiceguide serve` defaults) or one of its own."""
    with tempfile.TemporaryDirectory(prefix="battery-") as name:
        top = Path(name)
        work, outside = top / "work", top / "outside"
        work.mkdir(), outside.mkdir()
        _plant(work)
        _plant(outside)
        routines = work if routines_is_cwd else top / "routines"
        routines.mkdir(exist_ok=True)
        (routines / "mine.yaml").write_text("title: Mine\ninclude:\n  - routine: parts/base.yaml\n")
        (routines / "parts").mkdir(exist_ok=True)
        (routines / "parts" / "base.yaml").write_text(
            "title: Base\nexercises:\n  - name: Base move\n    position: sitting\n    say: Sit.\n    hold: 5\n"
        )
        (routines / "escape.yaml").write_text("title: Escape\ninclude:\n  - ../outside/plan.yaml\n")
        (work / "ln.yaml").symlink_to(outside / "plan.yaml")
        (work / "ln").symlink_to(outside / "plan.yaml")
        (work / "lndir").symlink_to(outside / "deep")
        old = Path.cwd()
        os.chdir(work)
        try:
            config = Config(output=top / "out", routines=routines, hosts=("testserver",), port=80)
            app = make_app(config)
            try:
                yield TestClient(app, raise_server_exceptions=False), top
            finally:
                app.state.queue.stop()  # a build a case queued ends here, not as an orphan
        finally:
            os.chdir(old)


def battery_include(tally: Tally) -> None:
    spellings = [
        "plan.yaml", "./plan.yaml", "plan", "plan.yml", "Plan.yaml", "keys.yaml", "key.yaml",
        "deep/covert.yaml", "deep/./covert.yaml", "deep/covet.yaml", "deep/er/notes.yml",
        "deep\\covert.yaml", "./deep/../plan.yaml", "../outside/plan.yaml", "../../etc/passwd",
        "{abs}/outside/plan.yaml", "{abs}/work/plan.yaml", "~/plan.yaml", "file:plan.yaml",
        "ln.yaml", "ln", "lndir/covert.yaml", "relief-lying.yaml", "./relief-lying",
        "routines/relief-lying.yaml", "{bundled}", "mine.yaml", "parts/base.yaml",
        "escape", " plan.yaml ", "plan.yaml\x00", "%2e%2e/outside/plan.yaml", "ｐlan.yaml",
        "a" * 300, "deep/", "deep", ".", "..", "/", "parts",
    ]  # fmt: skip
    import voiceguide

    bundled = str(Path(voiceguide.__file__).parent / "routines" / "relief-lying.yaml")

    for routines_is_cwd in (True, False):
        with _page(routines_is_cwd) as (client, top):
            # With --routines the current folder (serve's default), its own *.yaml that
            # validate are on the list (a symlink there too: the folder is the owner's).
            folder = Path.cwd() if routines_is_cwd else top / "routines"
            listed = {each.slug for each in voiceguide.catalogue(None, folder).routines}
            for raw in spellings:
                entry = raw.replace("{abs}", str(top)).replace("{bundled}", bundled)
                for form in ("string", "mapping", "overrides", "list-of-two", "only"):
                    draft = _draft(entry, form)
                    for route in ("/api/validate", "/api/plan", "/api/build"):
                        answer = client.post(route, json={"yaml": draft})
                        if entry.strip() in listed:
                            ok = answer.status_code == 200 and answer.json().get("ok", True)
                            problem = None if ok or form == "only" else answer.text[:200]
                        else:
                            problem = _include_problem(answer, route, draft)
                        tally.case(
                            "include",
                            f"{route} {form} {entry[:40]!r} cwd={routines_is_cwd}",
                            problem,
                        )
            # What the list shows may be included, with its own nested include.
            for form in ("string", "mapping", "list-of-two"):
                for slug in ("mine", "relief-lying"):
                    answer = client.post("/api/plan", json={"yaml": _draft(slug, form)})
                    ok = answer.status_code == 200
                    tally.case(
                        "include", f"listed {slug} {form}", None if ok else answer.text[:200]
                    )
            # An article whose text holds an include: compile's draft never reads it.
            text = (
                "Stretches\n\ninclude:\n  - routine: plan.yaml\n\n1. Chin tuck. Hold 10 seconds.\n"
            )
            answer = client.post("/api/compile", files={"text": (None, text)})
            problem = None if answer.status_code in (200, 400) else f"status {answer.status_code}"
            problem = problem or (
                str(_leaks(answer.text, text)) if _leaks(answer.text, text) else None
            )
            tally.case("include", "compile with include text", problem)
            # The list's notes on the files it leaves out name them, and quote none.
            page = client.get("/").text
            notes = page.split('id="notes-heading"', 1)[-1] if 'id="notes-heading"' in page else ""
            leaks = _leaks(notes.replace("keys.yaml", "").replace("plan.yaml", ""), "")
            tally.case(
                "include", f"the list's notes cwd={routines_is_cwd}", str(leaks) if leaks else None
            )


def _draft(entry: str, form: str) -> str:
    quoted = json.dumps(entry)
    if form == "string":
        return f"title: Hi\ninclude:\n  - {quoted}\n"
    if form == "mapping":
        return f"title: Hi\ninclude:\n  - routine: {quoted}\n"
    if form == "overrides":
        return f"title: Hi\ninclude:\n  - routine: {quoted}\n    hold: 5\n    exercises:\n      covert-move: {{hold: 4}}\n"
    if form == "only":
        return f"title: Hi\ninclude:\n  - routine: {quoted}\n    only: [covert-move]\n"
    return f"title: Hi\ninclude:\n  - relief-lying\n  - routine: {quoted}\n"


def _include_problem(answer: httpx.Response, route: str, draft: str) -> str | None:
    if answer.status_code >= 500:
        return f"status {answer.status_code}"
    leaks = _leaks(answer.text, draft)
    if leaks:
        return f"quotes {leaks}: {answer.text[:200]}"
    if route == "/api/build" and answer.status_code == 200:
        return "a build was queued"
    if route == "/api/validate" and answer.json().get("ok"):
        return "validates"
    if route == "/api/plan" and answer.status_code == 200:
        return "plans"
    return None


def battery_symlink(tally: Tally) -> None:
    with _page(False) as (client, top):
        queue = client.app.state.queue  # type: ignore[attr-defined]
        secret = top / "outside" / "keys.yaml"
        cases: dict[str, Callable[[Path], None]] = {
            "vtt -> secret": lambda f: _swap(f / "t.vtt", secret),
            "mp3 -> secret": lambda f: _swap(f / "t.mp3", secret),
            "html -> secret": lambda f: _swap(f / "t.html", secret),
            "json -> /etc/passwd": lambda f: _swap(f / "t.json", Path("/etc/passwd")),
            "vtt -> a folder": lambda f: _swap(f / "t.vtt", top / "outside"),
            "vtt -> itself (loop)": lambda f: _swap(f / "t.vtt", f / "t.vtt"),
            "vtt -> relative ../": lambda f: _swap(f / "t.vtt", Path("../../outside/keys.yaml")),
            "vtt a FIFO": lambda f: ((f / "t.vtt").unlink(), os.mkfifo(f / "t.vtt")),
            "vtt a folder": lambda f: ((f / "t.vtt").unlink(), (f / "t.vtt").mkdir()),
            "job folder -> elsewhere": lambda f: _swap_folder(f, top / "outside" / "copy"),
            "job folder -> its parent": lambda f: _swap_folder(f, None),
        }
        for number, (name, plant) in enumerate(cases.items()):
            job = _planted(queue, top / "out", f"{number:032x}")
            plant(job.folder)
            for path in (f"/files/{job.id}/t.mp3", f"/files/{job.id}/t.vtt", f"/files/{job.id}/t.html",
                         f"/files/{job.id}/t.json", f"/files/{job.id}/tracks.zip", f"/api/zip?jobs={job.id}",
                         f"/files/{job.id}/..%2f..%2foutside%2fkeys.yaml", f"/files/{job.id}/%2e%2e"):  # fmt: skip
                try:
                    answer = client.get(path, timeout=10)
                except Exception as err:  # a hang or a crash
                    tally.case("symlink", f"{name} {path}", f"{type(err).__name__}")
                    continue
                body = answer.content
                if zipped := body.startswith(b"PK"):
                    import zipfile

                    with zipfile.ZipFile(io.BytesIO(body)) as archive:
                        body = b"".join(archive.read(n) for n in archive.namelist())
                leaked = b"zebra-77" in body or b"root:" in body or b"Covert" in body
                problem = "served what a link points to" if leaked else None
                if answer.status_code >= 500:
                    problem = f"status {answer.status_code}"
                if (
                    not zipped
                    and answer.status_code == 200
                    and path.endswith(".mp3")
                    and body != b"ID3 audio"
                    and "mp3" not in name
                ):
                    problem = "the untouched track changed"
                tally.case("symlink", f"{name} {path}", problem)


def _swap(path: Path, target: Path) -> None:
    path.unlink()
    path.symlink_to(target)


def _swap_folder(folder: Path, target: Path | None) -> None:
    import shutil

    if target is None:
        shutil.rmtree(folder)
        folder.symlink_to(folder.parent)
        return
    shutil.copytree(folder, target)
    (target / "t.vtt").write_text("zebra-77")
    shutil.rmtree(folder)
    folder.symlink_to(target)


def _planted(queue, out: Path, job_id: str) -> Job:
    job = Job(job_id, "Planted", out / job_id, state="done")
    job.folder.mkdir(parents=True)
    names = ["t.mp3", "t.vtt", "t.html", "t.json"]
    for name in names:
        (job.folder / name).write_bytes(b"ID3 audio" if name.endswith(".mp3") else b"text")
    job.result = {"mp3": "t.mp3", "vtt": "t.vtt", "files": names, "seconds": 1.0,
                  "tracks": [{"mp3": "t.mp3", "files": names, "seconds": 1.0, "title": "T"}]}  # fmt: skip
    queue.jobs[job.id] = job
    return job


# ---- real servers ---------------------------------------------------------------------------


def battery_slow(tally: Tally) -> None:
    from voiceguide.web import connections

    connections.HEADER_SECONDS, connections.BODY_SECONDS = 1.5, 1.5
    for lan in (False, True):
        with tempfile.TemporaryDirectory() as folder:
            running = start_server(port=0, output=Path(folder), lan=lan)
            try:
                asyncio.run(_slow_cases(running, tally, lan))
            finally:
                running.stop()


async def _slow_cases(running, tally: Tally, lan: bool) -> None:
    port, host = running.port, f"127.0.0.1:{running.port}"
    heads = {
        "half request line": b"GET / HT",
        "half headers": f"GET / HTTP/1.1\r\nHost: {host}\r\nX-A: ".encode(),
        "no byte at all": b"",
        "slow body": f"POST /api/plan HTTP/1.1\r\nHost: {host}\r\nContent-Length: 500\r\n\r\n{{".encode(),
        "slow chunked body": f"POST /api/plan HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{{\r\n".encode(),
        "slow multipart upload": f"POST /api/compile HTTP/1.1\r\nHost: {host}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 9000\r\n\r\n--b\r\n".encode(),
        "keep-alive then slow": f"GET /static/app.css HTTP/1.1\r\nHost: {host}\r\n\r\nGET / HTTP/1.1\r\nHost: {host}\r\nX: ".encode(),
        "claims 5 MB, sends 1 byte/s": f"POST /api/plan HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5000000\r\n\r\n{{".encode(),
    }  # fmt: skip
    for name, head in heads.items():
        limit = 1.5 + 3
        count = 40
        started = time.monotonic()
        results = await asyncio.gather(*(_drip(port, head, limit + 2) for _ in range(count)))
        visitor = await _visit(running)
        open_after = sum(1 for closed_at in results if closed_at is None or closed_at > limit)
        problem = f"{open_after} of {count} open past {limit:.0f} s" if open_after else None
        if not visitor:
            problem = (problem or "") + " the page did not answer a visitor"
        tally.case("slow", f"{name} lan={lan} ({time.monotonic() - started:.0f} s)", problem)
    # A steady upload (40 kB/s for 4 s, past the 1.5 s the body has at first) is not cut.
    steady = await asyncio.to_thread(_steady_upload, running, 40_000, 4)
    tally.case("slow", f"a steady upload is answered lan={lan}", None if steady else "cut off")
    # Greedy: 200 idle connections from one address, then a visitor from the same.
    socks = []
    for _ in range(200):
        with contextlib.suppress(OSError):
            socks.append(socket.create_connection(("127.0.0.1", port), timeout=2))
    ok = await _visit(running)
    for sock in socks:
        sock.close()
    tally.case("slow", f"200 idle connections lan={lan}", None if ok else "a visitor was refused")


async def _drip(port: int, head: bytes, seconds: float) -> float | None:
    """Send `head`, then a byte a second; when the server closed it (None: still open)."""
    started = time.monotonic()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return 0.0
    try:
        if head:
            writer.write(head)
        while time.monotonic() - started < seconds:
            try:
                data = await asyncio.wait_for(reader.read(4096), 1.0)
                if not data:
                    return time.monotonic() - started
            except asyncio.TimeoutError:
                pass
            if head:
                writer.write(b"x")
                await writer.drain()
        return None
    except OSError:
        return time.monotonic() - started
    finally:
        writer.close()


async def _visit(running) -> bool:
    def get() -> bool:
        params = {"token": running.token} if running.token else None
        try:
            return httpx.get(running.url + "/", params=params, timeout=15).status_code == 200
        except httpx.HTTPError:
            return False

    return await asyncio.to_thread(get)


def _steady_upload(running, rate: int, seconds: int) -> bool:
    """An article of rate * seconds bytes, sent a tenth of a second's worth at a time."""
    text = b"Stretch. Hold 20 seconds. " * (rate * seconds // 26)
    body = b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n' + text + b"\r\n--b--\r\n"
    query = f"?token={running.token}" if running.token else ""
    head = (f"POST /api/compile{query} HTTP/1.1\r\nHost: 127.0.0.1:{running.port}\r\n"
            f"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: {len(body)}\r\n\r\n")  # fmt: skip
    with socket.create_connection(("127.0.0.1", running.port), timeout=30) as sock:
        sock.sendall(head.encode())
        step = rate // 10
        try:
            for start in range(0, len(body), step):
                sock.sendall(body[start : start + step])
                time.sleep(0.1)
            answer = sock.recv(100)
        except OSError:
            return False
    return answer.startswith((b"HTTP/1.1 200", b"HTTP/1.1 400"))


def _serve(folder: Path, *args: str) -> tuple[subprocess.Popen[str], int]:
    command = [sys.executable, "-m", "voiceguide.cli", "serve", "--port", "0",
               "--routines", str(FIXTURES / "programme"), "--output", str(folder / "out"), *args]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=folder,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    assert process.stdout is not None
    found = re.search(r"127\.0\.0\.1:(\d+)/", process.stdout.readline())
    if not found:
        process.kill()
        raise SystemExit(process.communicate()[1])
    return process, int(found[1])


def battery_gone(tally: Tally) -> None:
    with tempfile.TemporaryDirectory() as name:
        process, port = _serve(Path(name))
        host = f"127.0.0.1:{port}"
        multipart = "multipart/form-data; boundary=b"
        cases = {
            "plan mid-body": ("POST /api/plan", "application/json", b'{"slug": "sitt', 100),
            "build mid-body": ("POST /api/build", "application/json", b'{"slug"', 100),
            "validate mid-body": ("POST /api/validate", "application/json", b'{"yaml": "ti', 500),
            "build-week mid-body": ("POST /api/build-week", "application/json", b"{", 50),
            "compile mid-upload": ("POST /api/compile", multipart, b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nHold', 9000),
            "profile mid-upload": ("POST /api/profile", multipart, b"--b\r\n", 900),
            "right after headers": ("POST /api/plan", "application/json", b"", 100),
            "mid-headers": ("GET /", None, None, 0),
            "plan, chunked, cut": ("POST /api/plan", "chunked", b"5\r\n{\"slu", 0),
        }  # fmt: skip
        events = 0
        for label, (line, kind, body, length) in cases.items():
            for _ in range(3):
                sock = socket.create_connection(("127.0.0.1", port), timeout=5)
                if kind is None:
                    sock.sendall(f"{line} HTTP/1.1\r\nHost: {host}\r\nX-Cut: ".encode())
                elif kind == "chunked":
                    sock.sendall(
                        f"{line} HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
                        + (body or b"")
                    )
                else:
                    sock.sendall(f"{line} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {kind}\r\nContent-Length: {length}\r\n\r\n".encode() + (body or b""))  # fmt: skip
                time.sleep(0.2)
                sock.close()
                events += 1
            tally.case("gone", label, None)  # judged together, from the terminal, below
        # A download cut off halfway.
        with (
            contextlib.suppress(httpx.HTTPError),
            httpx.stream("GET", f"http://{host}/static/app.css") as answer,
        ):
            for _chunk in answer.iter_bytes(16):
                break
        time.sleep(1)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=30)
    lines = [line for line in err.splitlines() if "stopping" not in line]
    bad = "Traceback" in err or "Exception in ASGI" in err or len(lines) > events
    tally.case(
        "gone", f"the terminal: {len(lines)} lines for {events} events", err[:500] if bad else None
    )


def _group_members(groups: set[int]) -> list[int]:
    living = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) in groups and fields[0] != "Z":
                living.append(int(stat.parent.name))
    return living


def _children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent:
                found.append(int(stat.parent.name))
    return found


def battery_orphans(tally: Tally) -> None:
    cases = [
        ("SIGKILL, two running", signal.SIGKILL, 2, "speaking", 2),
        ("SIGKILL, one running, one queued", signal.SIGKILL, 1, "speaking", 2),
        ("SIGKILL at once after the build starts", signal.SIGKILL, 2, "start", 2),
        ("SIGKILL late in the build", signal.SIGKILL, 1, "encoding", 1),
        ("SIGTERM, two running", signal.SIGTERM, 2, "speaking", 2),
        ("SIGKILL, a week of a programme", signal.SIGKILL, 1, "speaking", -1),
    ]
    for number, (name, sig, jobs, stage, builds) in enumerate(cases):
        with tempfile.TemporaryDirectory() as folder:
            process, port = _serve(Path(folder), "--jobs", str(jobs))
            groups: set[int] = set()
            try:
                with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
                    if builds < 0:
                        ids = [
                            http.post("/api/build-week", json={"slug": "quick", "week": 3}).json()[
                                "job"
                            ]
                        ]
                    else:
                        ids = [
                            http.post("/api/build", json={"slug": "sitting", "rate": str(131 + number * 7 + k)}).json()["job"]
                            for k in range(builds)
                        ]  # fmt: skip
                    deadline = time.monotonic() + 180
                    while time.monotonic() < deadline:
                        states = [http.get(f"/api/jobs/{i}").json() for i in ids]
                        if any(
                            s["stage"] == stage or (stage == "start" and s["state"] == "running")
                            for s in states
                        ):
                            break
                        time.sleep(0.05)
                own = int(
                    Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()[2]
                )
                for pid in _children(process.pid):
                    with contextlib.suppress(OSError):
                        groups.add(
                            int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[2])
                        )
                groups.discard(own)
                process.send_signal(sig)
                process.wait(60)
                deadline = time.monotonic() + 20
                while _group_members(groups) and time.monotonic() < deadline:
                    time.sleep(0.2)
                living = _group_members(groups)
                err = process.stderr.read() if process.stderr and not living else ""
                left = (
                    [p.name for p in (Path(folder) / "out").iterdir()]
                    if (Path(folder) / "out").exists()
                    else []
                )
                problems = []
                if living:
                    problems.append(f"{len(living)} processes outlived the server")
                if "Traceback" in err or "BrokenPipe" in err:
                    problems.append("a traceback: " + err[-300:])
                if left:
                    problems.append(f"folders left: {left}")
                tally.case(
                    "orphans", f"{name} ({len(groups)} build groups)", "; ".join(problems) or None
                )
            finally:
                if process.poll() is None:
                    process.kill()
                for pid in _group_members(groups):
                    with contextlib.suppress(OSError):
                        os.kill(pid, signal.SIGKILL)


def battery_newline(tally: Tally) -> None:
    breaks = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0c", "\x1e"]
    fields = ["rest", "prepare", "level", "rate", "voice", "language", "explain", "hold-heel-press-three-angles",
              "sets-elbow-circles", "slug"]  # fmt: skip
    with _page(False) as (client, _top):
        client.app.state  # noqa: B018
        for brk in breaks:
            for field in fields:
                body = {"slug": "relief-sitting", field: f"1{brk}2"}
                for route in ("/api/plan", "/api/build"):
                    answer = client.post(route, json=body)
                    tally.case("newline", f"{route} {field} {brk!r}", _one_line_problem(answer))
                answer = client.get(
                    "/routine/relief-sitting/profile.yaml", params={field: f"1{brk}2"}
                )
                lines = answer.text.splitlines()
                problem = (
                    None
                    if answer.status_code < 500 and all(line.strip() for line in lines)
                    else answer.text[:200]
                )
                tally.case("newline", f"profile.yaml {field} {brk!r}", problem)
            for value in ("title", "name", "say", "hold", "position", "language"):
                draft = {
                    "title": "T", "name": "A", "say": "x", "hold": 5, "position": "lying", "language": "en",
                    value: f"1{brk}2",
                }  # fmt: skip
                yaml = (f"title: {json.dumps(draft['title'])}\nlanguage: {json.dumps(draft['language'])}\nexercises:\n"
                        f"  - name: {json.dumps(draft['name'])}\n    position: {json.dumps(draft['position'])}\n"
                        f"    say: {json.dumps(draft['say'])}\n    hold: {json.dumps(draft['hold'])}\n")  # fmt: skip
                for route in ("/api/validate", "/api/plan"):
                    answer = client.post(route, json={"yaml": yaml})
                    tally.case(
                        "newline", f"draft {value} {route} {brk!r}", _one_line_problem(answer)
                    )
            profile = f"level: {json.dumps('hard' + brk + 'x')}\nrest: {json.dumps('5' + brk + 'x')}\n".encode()
            answer = client.post("/api/profile", data={"slug": "relief-sitting"},
                                 files={"file": (f"p{brk}q.yaml", profile)})  # fmt: skip
            tally.case("newline", f"profile upload {brk!r}", _one_line_problem(answer))


def _one_line_problem(answer: httpx.Response) -> str | None:
    if answer.status_code >= 500:
        return f"status {answer.status_code}"
    shown = answer.json()
    texts = [shown.get("message", ""), *shown.get("problems", []), *shown.get("warnings", [])]
    texts += list((shown.get("errors") or {}).values()) + list(
        (shown.get("notes") or {})
        if isinstance(shown.get("notes"), list)
        else (shown.get("notes") or {}).values()
    )
    broken = [t for t in texts if isinstance(t, str) and len(t.splitlines()) > 1]
    return f"split lines: {broken[:2]}" if broken else None


BATTERIES = {
    "include": battery_include,
    "symlink": battery_symlink,
    "newline": battery_newline,
    "gone": battery_gone,
    "slow": battery_slow,
    "orphans": battery_orphans,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", choices=list(BATTERIES), default=list(BATTERIES))
    args = parser.parse_args()
    logging.getLogger("voiceguide.web").setLevel(logging.ERROR)  # the in-process pages' lines
    tally = Tally()
    for name in args.only:
        began = time.monotonic()
        BATTERIES[name](tally)
        bad = len(tally.bad.get(name, []))
        print(f"{name:8} {tally.runs.get(name, 0):5} cases, {tally.runs.get(name, 0) - bad:5} clean"
              f"  ({time.monotonic() - began:.0f} s)", flush=True)  # fmt: skip
        for line in tally.bad.get(name, [])[:60]:
            print(f"    NOT CLEAN {line}", flush=True)
    return 1 if tally.bad else 0


if __name__ == "__main__":
    sys.exit(main())
