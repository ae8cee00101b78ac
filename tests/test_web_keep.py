"""Keeping what was made on the page: a routine's file (with the page's values written in,
or as written), a routine file loaded back as a draft, a programme made from a routine with
a weekly step, a programme for one patient, a programme file loaded back; each file is
the one the CLI reads, and a bad file is a 400 with its message beside its field."""

from __future__ import annotations

import re
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import FIXTURES

pytest.importorskip("starlette", reason="the web extra is not installed (pip install -e '.[web]')")
pytest.importorskip("multipart")
pytest.importorskip("httpx")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

import voiceguide
from voiceguide.cli import cli
from voiceguide.web.app import Config, make_app

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
SHORT = FIXTURES / "short.yaml"


@pytest.fixture
def client(tmp_path):
    config = Config(output=tmp_path / "out", routines=FIXTURES, hosts=("testserver",), port=80)
    app = make_app(config)
    yield TestClient(app, raise_server_exceptions=False)
    app.state.queue.stop()


def _validates(path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output


def test_the_routine_file_holds_the_pages_values(client, tmp_path):
    answer = client.get("/routine/short/routine.yaml?hold-wall-lean=9&rest=4&sets-squeeze=2")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="short.yaml"'
    saved = tmp_path / "short.yaml"
    saved.write_bytes(answer.content)
    _validates(saved)
    again = voiceguide.load(str(saved))
    wall, squeeze = again.exercises[:2]
    assert (wall.hold.low, squeeze.sets.low, again.defaults.rest.low) == (9, 2, 4)
    # As written: the file as it came, byte for byte.
    written = client.get("/routine/short/routine.yaml?as=written&hold-wall-lean=9")
    assert written.content == SHORT.read_bytes()


def test_a_bad_value_in_the_saved_routine_is_a_400_beside_its_field(client):
    answer = client.get("/routine/short/routine.yaml?hold-wall-lean=abc")
    assert answer.status_code == 400
    assert "abc" in answer.text and "Traceback" not in answer.text


def test_a_routine_file_loads_back_as_a_draft_and_a_bad_one_is_refused_beside_its_field(client):
    loaded = client.post("/api/load-routine", files={"file": ("mine.yaml", SHORT.read_bytes())})
    assert loaded.status_code == 200
    assert loaded.json()["yaml"] == SHORT.read_text() and loaded.json()["title"] == "Timing check"
    bad = SHORT.read_text().replace("hold: 7", "hold: -7")
    refused = client.post("/api/load-routine", files={"file": ("mine.yaml", bad.encode())})
    assert refused.status_code == 400
    body = refused.json()
    assert body["errors"]["load-routine"].startswith("mine.yaml:10:")
    not_yaml = client.post("/api/load-routine", files={"file": ("mine.txt", b"x")})
    assert not_yaml.status_code == 400 and "load-routine" in not_yaml.json()["errors"]
    latin = client.post(
        "/api/load-routine", files={"file": ("mine.yaml", "títle".encode("latin-1"))}
    )
    assert latin.status_code == 400 and "UTF-8" in latin.json()["errors"]["load-routine"]


def test_a_draft_saves_as_its_file_only_when_it_validates(client):
    text = SHORT.read_text()
    saved = client.post("/api/routine-file", json={"yaml": text})
    assert saved.json() == {"yaml": text, "name": "timing-check.yaml"}
    refused = client.post("/api/routine-file", json={"yaml": text.replace("reps: 3", "reps: x")})
    assert refused.status_code == 400 and refused.json()["problems"]


def _made(client, data: dict) -> tuple[str, str]:
    made = client.post("/api/make-programme", json=data)
    assert made.status_code == 200, made.text
    slug = made.json()["slug"]
    assert client.get(f"/programme/{slug}").status_code == 200
    return slug, client.get(f"/programme/{slug}/programme.yaml").text


def test_a_routine_becomes_a_programme_the_cli_accepts(client, tmp_path):
    slug, text = _made(
        client,
        {"slug": "short", "hold-wall-lean": "9", "weeks": "3", "grow": "hold", "add": "5s",
         "up-to": "15"},
    )  # fmt: skip
    assert slug == "short-3-weeks"
    page = client.get(f"/programme/{slug}").text
    assert 'href="/programme/short-3-weeks/files/short.yaml"' in page
    routine = client.get("/programme/short-3-weeks/files/short.yaml").text
    (tmp_path / "short.yaml").write_text(routine)
    (tmp_path / "p.yaml").write_text(text)
    _validates(tmp_path / "p.yaml")
    weeks = voiceguide.programme_weeks(voiceguide.load_programme(str(tmp_path / "p.yaml")))
    wall = [w.tracks[0].plan.exercises[0].hold for w in weeks]
    assert wall == [9, 14, 15]
    # A second one of the same routine and weeks gets a name of its own.
    assert _made(client, {"slug": "five-moves", "weeks": "3", "grow": "nothing"})[0] == (
        "five-moves-3-weeks"
    )
    assert client.post("/api/make-programme", json={"slug": "short", "weeks": "3", "grow": "reps",
                       "add": "1"}).json()["slug"] == "short-3-weeks-2"  # fmt: skip


def test_a_bundled_routine_as_it_is_is_named_in_the_programme_not_copied(client):
    slug, text = _made(client, {"slug": "five-moves", "weeks": "2", "grow": "hold", "add": "5"})
    assert "routine: five-moves\n" in text
    assert "/files/" not in client.get(f"/programme/{slug}").text


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"weeks": "0"}, "weeks"), ({"weeks": "x"}, "weeks"), ({"grow": "sets"}, "grow"),
     ({"add": "-1"}, "add"), ({"add": "0"}, "add"), ({"up-to": "lots"}, "up-to")],
)  # fmt: skip
def test_a_bad_step_is_a_400_beside_its_field(client, fields, field):
    data = {"slug": "short", "weeks": "3", "grow": "hold", "add": "5", **fields}
    answer = client.post("/api/make-programme", json=data)
    assert answer.status_code == 400
    assert field in answer.json()["errors"], answer.json()


def test_a_patients_programme_keeps_its_values_in_every_week(client, tmp_path):
    page = client.get("/programme/relief-four-weeks").text
    assert (
        'id="hold-head-press"' in page
        and 'id="patient-level-gentle" name="level" value="gentle" checked' in page
    )
    made = client.post(
        "/api/patient",
        json={"slug": "relief-four-weeks", "patient": "Anna B", "level": "strong",
              "hold-head-press": "40", "sets-head-press": "2"},
    )  # fmt: skip
    assert made.status_code == 200, made.text
    assert made.json()["slug"] == "relief-four-weeks-anna-b"
    text = client.get("/programme/relief-four-weeks-anna-b/programme.yaml").text
    saved = tmp_path / "anna.yaml"
    saved.write_text(text)
    _validates(saved)
    weeks = client.get("/api/programme/relief-four-weeks-anna-b").json()["weeks"]
    assert weeks[0]["level"] == "strong"
    again = voiceguide.programme_weeks(voiceguide.load_programme(str(saved)))
    head = [
        ex for w in again for t in w.tracks for ex in t.plan.exercises if ex.slug == "head-press"
    ]
    assert {(ex.hold, ex.sets) for ex in head} == {(40, 2)}
    # Its page shows the values it holds, ready to change for the next visit.
    assert re.search(
        r'id="hold-head-press"[^>]*value="40"',
        client.get("/programme/relief-four-weeks-anna-b").text,
    )


def test_a_patients_bad_value_is_a_400_beside_its_field(client):
    answer = client.post(
        "/api/patient", json={"slug": "relief-four-weeks", "hold-head-press": "-3"}
    )
    assert answer.status_code == 400
    body = answer.json()
    assert body["errors"] and "Traceback" not in str(body)
    assert "/work" not in str(body) and "voiceguide/programmes" not in str(body)


def test_a_programme_file_loads_back_and_a_bad_one_is_refused(client):
    text = voiceguide.programme_file(voiceguide.load_programme("relief-four-weeks"), level="strong")
    loaded = client.post("/api/load-programme", files={"file": ("anna.yaml", text.encode())})
    assert loaded.status_code == 200, loaded.text
    assert loaded.json()["url"] == "/programme/anna"
    assert client.get("/api/programme/anna").json()["weeks"][0]["level"] == "strong"
    bad = text.replace("weeks: 4", "weeks: 400")
    refused = client.post("/api/load-programme", files={"file": ("bad.yaml", bad.encode())})
    assert refused.status_code == 400
    message = refused.json()["errors"]["load-programme"]
    assert message.startswith("bad.yaml:") and "weeks" in message
    missing = text.replace("routine: relief-sitting", "routine: mine.yaml")
    refused = client.post("/api/load-programme", files={"file": ("two.yaml", missing.encode())})
    assert refused.status_code == 400 and "mine.yaml" in refused.json()["errors"]["load-programme"]


def test_a_whole_programme_builds_at_once_with_its_summary(client):
    slug, _ = _made(client, {"slug": "short", "weeks": "2", "grow": "hold", "add": "2"})
    job = client.post("/api/build-week", json={"slug": slug, "week": "all"})
    assert job.status_code == 200, job.text
    deadline = time.monotonic() + 240
    while (state := client.get(f"/api/jobs/{job.json()['job']}").json())["state"] not in (
        "done",
        "failed",
    ):
        assert time.monotonic() < deadline, state
        time.sleep(0.3)
    assert state["state"] == "done", state
    assert [t["title"] for t in state["tracks"]] == ["Week 1: Timing check", "Week 2: Timing check"]
    summary = client.get(f"/files/{job.json()['job']}/summary.html")
    assert summary.status_code == 200 and "2 weeks" in summary.text


def test_programmes_made_here_are_listed_as_yours(client):
    slug, _ = _made(client, {"slug": "short", "weeks": "2", "grow": "nothing"})
    page = client.get("/").text
    item = page[page.index(f'<li class="programme" data-slug="{slug}">') :].split("</li>")[0]
    assert "2 weeks" in item and "Timing check" in item and "your programme" in item
