"""The page against a hostile visitor, in-process: a draft's includes never reach a file
the page does not list, files are served without following links, a client that goes away
is one line in the terminal, and a value with a line break stays on its line."""

from __future__ import annotations

import asyncio
import json
import logging
import warnings
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install -e '.[web]')")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # Starlette asks for httpx2; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from voiceguide.web.app import Config, make_app
from voiceguide.web.jobs import Job

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

# What the server's own folders hold and no answer may ever show: a routine-shaped file's
# exercise, any YAML's key names and values, and the names of files beside them.
SECRET_ROUTINE = """\
title: Secret plan
exercises:
  - name: Hidden exercise
    position: lying
    say: The hidden line.
    hold: 10
"""
SECRET_YAML = "title: x\npassword: hunter2\nlanguage: db-pass-42\n"
SECRETS = ("Hidden exercise", "hidden line", "Secret plan", "password", "hunter2", "db-pass")
SECRET_NAMES = ("secrets.yaml", "app.yaml", "private.yaml")

MINE = """\
title: Mine
include:
  - routine: parts/base.yaml
"""
BASE = """\
title: Base
exercises:
  - name: Base stretch
    position: sitting
    say: Sit tall.
    hold: 8
"""


def _plant(folder: Path) -> None:
    """Files the page does not list, in `folder` and below it."""
    (folder / "sub").mkdir(parents=True, exist_ok=True)
    (folder / "sub" / "app.yaml").write_text(SECRET_ROUTINE)
    (folder / "secrets.yaml").write_text(SECRET_YAML)
    (folder / "sub" / "private.yaml").write_text(SECRET_ROUTINE)


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The page over a routines folder of one routine (which includes a file of its own
    folder) started in a working folder full of files nobody listed."""
    work, routines, outside = tmp_path / "work", tmp_path / "routines", tmp_path / "outside"
    for folder in (work, routines, outside):
        folder.mkdir()
    _plant(work)
    _plant(outside)
    (routines / "parts").mkdir()
    (routines / "parts" / "base.yaml").write_text(BASE)
    (routines / "mine.yaml").write_text(MINE)
    _plant(routines / "parts")  # beside the routines' own parts: still not on the list
    (work / "link.yaml").symlink_to(outside / "sub" / "app.yaml")
    (routines / "linked.yaml").write_text(MINE.replace("parts/base.yaml", "parts/link.yaml"))
    (routines / "parts" / "link.yaml").symlink_to(outside / "sub" / "app.yaml")
    monkeypatch.chdir(work)
    config = Config(output=tmp_path / "out", routines=routines, hosts=("testserver",), port=80)
    return TestClient(make_app(config), raise_server_exceptions=False), tmp_path


def _draft(entry: str, nested: bool = False) -> str:
    if nested:  # the include inside an include's mapping form, with overrides
        return f"title: Hi\ninclude:\n  - routine: {json.dumps(entry)}\n    hold: 5\n"
    return f"title: Hi\ninclude:\n  - {json.dumps(entry)}\n"


def _quotes_a_secret(answer: str, request: str) -> list[str]:
    """What of the server's files the answer shows that the request did not send."""
    return [s for s in (*SECRETS, *SECRET_NAMES) if s in answer and s not in request]


INCLUDES = [
    "sub/app.yaml",
    "./sub/app.yaml",
    "sub/./app.yaml",
    "sub//app.yaml",
    "sub\\app.yaml",
    "secrets.yaml",
    "secret.yaml",  # "did you mean" would name secrets.yaml
    "sub/ap.yaml",  # ... and sub/app.yaml
    "sub/privat.yaml",
    "link.yaml",  # a symlink to a file outside
    "../outside/sub/app.yaml",
    "../routines/parts/base.yaml",
    "parts/base.yaml",  # the routines folder's own part, by its path
    "app",
    "sub",
    "./relief-lying",
    "relief-lying.yaml",
    "mine.yaml",
]


@pytest.mark.parametrize("entry", INCLUDES)
def test_a_drafts_include_of_a_path_is_refused_and_quotes_no_file(hostile, entry):
    client, tmp_path = hostile
    entries = (
        [entry, str(tmp_path / "outside" / "sub" / "app.yaml")] if entry == INCLUDES[0] else [entry]
    )
    for each in entries:
        for nested in (False, True):
            draft = _draft(each, nested)
            for route in ("/api/validate", "/api/plan", "/api/build"):
                answer = client.post(route, json={"yaml": draft})
                body = answer.json()
                assert answer.status_code in (200, 400), (route, each, answer.text)
                assert (
                    body["ok"] is False if route == "/api/validate" else answer.status_code == 400
                )
                assert "job" not in body
                assert not _quotes_a_secret(answer.text, draft), (route, each, answer.text)


def test_a_draft_includes_what_the_list_shows_by_its_slug(hostile):
    client, _tmp = hostile
    for slug, first in (("relief-lying", None), ("mine", "Base stretch")):
        for nested in (False, True):
            draft = _draft(slug, nested)
            assert client.post("/api/validate", json={"yaml": draft}).json()["ok"] is True
            plan = client.post("/api/plan", json={"yaml": draft})
            assert plan.status_code == 200, plan.text
            if first:  # the listed routine's own include, from its own folder
                assert plan.json()["exercises"][0]["name"] == first


def test_a_draft_is_told_the_listed_name_nearest_its_path(hostile):
    client, _tmp = hostile
    answer = client.post("/api/validate", json={"yaml": _draft("relief-lying.yaml")}).json()
    assert answer["problems"] == [
        "draft.yaml:3:5: 'relief-lying.yaml' is a path: a draft here includes routines by "
        "their name in the list, never a file; did you mean 'relief-lying'?"
    ]
    answer = client.post("/api/validate", json={"yaml": _draft("relief-lyin")}).json()
    assert answer["problems"] == [
        "draft.yaml:3:5: no routine named 'relief-lyin' in the list; did you mean 'relief-lying'?"
    ]


def test_the_list_names_a_file_it_leaves_out_but_quotes_none_of_it(hostile):
    client, tmp_path = hostile
    (tmp_path / "routines" / "secrets.yaml").write_text(SECRET_YAML)
    page = client.get("/").text
    assert "left out: secrets.yaml does not validate" in page
    assert not _quotes_a_secret(page.replace("secrets.yaml", ""), "")
    # The routine whose part is a symlink out of its folder is left out the same way.
    assert "left out: linked.yaml does not validate" in page


# ---- files served without following links ------------------------------------------------


def _finished(client: TestClient, folder: Path, files: dict[str, bytes]) -> Job:
    """A job the queue holds as done, whose folder holds `files` (no build needed)."""
    queue = client.app.state.queue  # type: ignore[attr-defined]
    job = Job("ab" * 16, "Planted", folder / ("ab" * 16), state="done")
    job.folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (job.folder / name).write_bytes(data)
    job.result = {
        "mp3": "planted.mp3",
        "vtt": "planted.vtt",
        "files": list(files),
        "seconds": 1.0,
        "tracks": [{"mp3": "planted.mp3", "files": list(files), "seconds": 1.0, "title": "P"}],
    }
    queue.jobs[job.id] = job
    return job


def test_a_symlink_in_a_jobs_folder_is_never_served(hostile):
    client, tmp_path = hostile
    secret = tmp_path / "outside" / "secrets.yaml"
    job = _finished(client, tmp_path / "out", {"planted.mp3": b"ID3 audio", "planted.vtt": b""})
    (job.folder / "planted.vtt").unlink()
    (job.folder / "planted.vtt").symlink_to(secret)
    assert client.get(f"/files/{job.id}/planted.mp3").content == b"ID3 audio"
    ranged = client.get(f"/files/{job.id}/planted.mp3", headers={"range": "bytes=4-"})
    assert ranged.status_code == 206 and ranged.content == b"audio"
    answer = client.get(f"/files/{job.id}/planted.vtt")
    assert answer.status_code == 404 and "hunter2" not in answer.text
    zipped = client.get(f"/files/{job.id}/tracks.zip")
    assert zipped.status_code == 404 and b"hunter2" not in zipped.content
    assert b"hunter2" not in client.get(f"/api/zip?jobs={job.id}").content


def test_a_job_folder_that_is_a_symlink_is_never_served(hostile):
    client, tmp_path = hostile
    elsewhere = tmp_path / "outside" / "job"
    job = _finished(client, elsewhere.parent, {"planted.mp3": b"ID3 secret audio"})
    job.folder.rename(elsewhere)
    (tmp_path / "out").mkdir(exist_ok=True)
    job.folder = tmp_path / "out" / job.id
    job.folder.symlink_to(elsewhere)
    answer = client.get(f"/files/{job.id}/planted.mp3")
    assert answer.status_code == 404 and b"secret" not in answer.content
    assert b"secret" not in client.get(f"/api/zip?jobs={job.id}").content


# ---- a client that goes away mid-body ------------------------------------------------------


def test_a_client_gone_mid_body_is_one_line_and_no_traceback(hostile, caplog):
    client, _tmp = hostile
    app = client.app
    sent: list[dict] = []
    messages = [
        {"type": "http.request", "body": b'{"slug": "rel', "more_body": True},
        {"type": "http.disconnect"},
    ]

    async def receive() -> dict:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/plan",
        "raw_path": b"/api/plan",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 80),
    }
    with caplog.at_level(logging.INFO):
        asyncio.run(app(scope, receive, send))  # raises nothing: uvicorn would print it
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("voiceguide")]
    assert len(lines) == 1 and "went away" in lines[0], lines
    assert all(r.exc_info is None for r in caplog.records)


# ---- a value with a line break -------------------------------------------------------------

BREAKS = ["\n", "\r\n", "\r", "\u2028", "\x0b", "\x85"]


@pytest.mark.parametrize("brk", BREAKS, ids=[repr(b) for b in BREAKS])
def test_a_value_with_a_line_break_comes_back_on_one_line(hostile, brk):
    client, _tmp = hostile
    for field in ("rest", "prepare", "level", "hold-belly-dip", "rate", "language"):
        body = {"slug": "relief-lying", field: f"5{brk}x"}
        for route in ("/api/plan", "/api/build"):
            answer = client.post(route, json=body)
            assert answer.status_code == 400, (route, field, answer.text)
            shown = answer.json()
            for line in [shown["message"], *shown["problems"], *shown["errors"].values()]:
                assert line.splitlines() == [line], (route, field, line)
                assert brk not in line
        page = client.get("/routine/relief-lying/profile.yaml", params={field: f"5{brk}x"})
        assert page.status_code == 400
        assert page.text.splitlines() == shown["problems"]  # a line a problem, as the API
    draft = f"title: Hi\nexercises:\n  - name: A\n    position: lying\n    say: x\n    hold: {json.dumps(f'5{brk}x')}\n"
    answer = client.post("/api/validate", json={"yaml": draft}).json()
    assert answer["problems"] and all(p.splitlines() == [p] for p in answer["problems"])


def test_the_page_escapes_a_line_break_as_the_cli_does(hostile):
    from click.testing import CliRunner

    from voiceguide.cli import cli

    client, _tmp = hostile
    said = CliRunner().invoke(cli, ["plan", "relief-lying", "--rest", "5\nx"]).stderr
    shown = client.post("/api/plan", json={"slug": "relief-lying", "rest": "5\nx"}).json()
    # The same words, escaped alike; the command line names its flag, the page its field.
    assert said == f"voiceguide: error: --rest '5\\nx': {shown['errors']['rest']}\n"
    assert "\\n" in shown["errors"]["rest"] and "\n" not in shown["errors"]["rest"]
