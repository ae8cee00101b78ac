"""What build would refuse is refused as early as it can be: `validate` plans a routine
(and a programme's every track) as build does, and a voice that is not installed stops
every command, a profile and the page's form when the settings are read."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from helpers import FIXTURES, one_error
from helpers import run_cli as run

PROGRAMMES = Path(__file__).resolve().parents[1] / "voiceguide" / "programmes"


def long_routine(exercises: int, hold: int = 600, sets: int = 10) -> str:
    """A routine within every limit of its values whose session runs `exercises` hours and
    more: each exercise is ten holds of ten minutes."""
    return "title: Long\nexercises:\n" + "".join(
        f"  - {{name: Hold {n}, position: standing, say: Lean., hold: {hold}, sets: {sets}}}\n"
        for n in range(1, exercises + 1)
    )


# --- validate plans what it reads ----------------------------------------------------------


@pytest.mark.parametrize(("exercises", "hold", "sets"), [(2, 600, 10), (7, 300, 6), (40, 60, 5)])
def test_a_session_over_the_limit_fails_validate_as_it_fails_plan(tmp_path, exercises, hold, sets):
    path = tmp_path / "long.yaml"
    path.write_text(long_routine(exercises, hold, sets))
    refused = one_error(run("validate", path))
    assert "the session would run over 3 hours" in refused and refused.startswith(f"{path}:")
    assert one_error(run("plan", path)) == refused


def test_validate_reads_a_programme_as_a_programme():
    for programme in sorted(PROGRAMMES.glob("*.yaml")):
        done = run("validate", programme)
        assert done.exit_code == 0, done.output
        assert done.stdout.startswith(f"{programme}: ok, a programme of ")
        assert done.stderr == ""


def test_a_programme_whose_weeks_run_too_long_fails_validate(tmp_path):
    text = (PROGRAMMES / "relief-four-weeks.yaml").read_text()
    path = tmp_path / "relief-four-weeks.yaml"
    path.write_text(text.replace("hold: {start: 15, add: 5, up_to: 30}", "hold: {start: 600}"))
    refused = one_error(run("validate", path))
    assert "the session would run over 3 hours" in refused
    assert one_error(run("plan", path)) == refused


def test_validate_still_reports_each_file_and_goes_on(tmp_path):
    bad = tmp_path / "long.yaml"
    bad.write_text(long_routine(2))
    done = run("validate", bad, FIXTURES / "short.yaml", PROGRAMMES / "relief-four-weeks.yaml")
    assert done.exit_code == 2
    assert len(done.stdout.splitlines()) == 2 and len(done.stderr.splitlines()) == 1


# --- the voice, checked when the settings are read -----------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["plan", FIXTURES / "short.yaml", "--voice", "xx-nope"],
            "voice 'xx-nope' is not installed",
        ),
        (
            ["plan", FIXTURES / "short.yaml", "--voice", "en+zz"],
            "voice variant 'zz' is not installed",
        ),
        (["list", "--voice", "../../etc/passwd"], "voice '../../etc/passwd' is not installed"),
        (["plan", "relief-four-weeks", "--voice", "vulcan"], "voice 'vulcan' is not installed"),
        (["program", "relief-four-weeks", "--voice", "en-xx"], "voice 'en-xx' is not installed"),
    ],
)
def test_a_voice_that_is_not_installed_stops_every_command(tmp_path, args, said):
    message = one_error(run(*args))
    # Named by the flag as typed, as every setting of the command line is.
    assert message.startswith(f"--voice {args[-1]}: {said}"), message
    assert not Path("voiceguide-out/relief-four-weeks").exists() or "program" not in args


def test_a_profiles_voice_is_checked_at_its_place(tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text("level: gentle\nvoice: en-nope+f3\n")
    message = one_error(run("plan", FIXTURES / "short.yaml", "--profile", profile))
    assert message.startswith(f"{profile}:2:8: voice 'en-nope+f3' is not installed")


@pytest.mark.parametrize("name", ["en+f3", "en-us+m7", "gmw/en-us", "de", "English (America)"])
def test_installed_voices_and_their_variants_pass(name):
    from voiceguide.speech.engines import voice_problem

    if name == "English (America)":  # a name `voices` shows, but not one --voice takes
        assert voice_problem(name) == f"voice {name!r} is not a voice name; see voiceguide voices"
    else:
        assert voice_problem(name) is None


def test_the_page_refuses_a_voice_that_is_not_installed_beside_its_field(tmp_path):
    pytest.importorskip("starlette")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from voiceguide.web.app import Config, make_app

    app = make_app(Config(output=tmp_path, routines=FIXTURES, hosts=("testserver",), port=80))
    client = TestClient(app, raise_server_exceptions=False)
    for voice in ("../../etc/passwd", "xx-nope", "en+zz"):
        for route in ("/api/build", "/api/plan"):
            answer = client.post(route, json={"slug": "short", "voice": voice})
            assert answer.status_code == 400, answer.text
            errors = answer.json()["errors"]
            assert list(errors) == ["voice"] and "is not installed" in errors["voice"]
    assert list(tmp_path.iterdir()) == []  # nothing was queued
    assert client.post("/api/plan", json={"slug": "short", "voice": "en+f3"}).status_code == 200
