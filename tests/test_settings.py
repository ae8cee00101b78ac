"""The one reader of a person's choices: a mapping in, Settings out, one set of checks.

The command line, a profile file and the page each turn their input into that mapping;
the same mistake gets the same words from each, and each front end says where it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import FIXTURES

from voiceguide.cli import cli
from voiceguide.errors import LocatedErrors, SettingError
from voiceguide.settings.profile import parse_profile
from voiceguide.settings.session import Output, Settings

SHORT = str(FIXTURES / "short.yaml")


def test_every_choice_is_read_from_one_mapping():
    settings = Settings.from_mapping(
        {
            "level": "gentle",
            "language": "DE",
            "voice": "de+m3",
            "rate": "150",
            "explain": False,
            "hold": "45",
            "hold-scale": "1.5",
            "exercises": {"wall-lean": {"hold": 40}, 2: {"reps": "8-10"}},
            "routines": {"short": {"sets": 2}},
            "only": ["1,3"],
            "together": True,
            "format": "ogg",
            "bitrate": "128k",
            "loudness": -18,
            "true-peak": "-2",
            "music": "rain.ogg",
            "music-level": 20,
            "split": True,
            "name": "morning.mp3",
            "suffix": "-gentle",
            "speech-timeout": 45,
        }
    )
    assert (settings.level, settings.language, settings.explain) == ("gentle", "de", False)
    assert (settings.voice.name, settings.voice.rate) == ("de+m3", 150)
    top, short = settings.layers
    assert [(s.field, str(s.value), s.exercise) for s in top.settings] == [
        ("hold", "45", None),
        ("hold", "40", "wall-lean"),
        ("reps", "8-10", "2"),
    ]
    assert top.hold_scale == 1.5 and short.routine == "short"
    assert settings.only == ("1,3",) and settings.together
    assert settings.output == Output(
        format="ogg", bitrate="128k", loudness=-18, true_peak=-2, music=Path("rain.ogg"),
        music_level=20, split=True, name="morning", suffix="-gentle",
    )  # fmt: skip
    assert settings.speech_timeout == 45
    assert settings.options.level == "gentle" and settings.options.language == "de"


def test_nothing_chosen_is_every_default():
    settings = Settings.from_mapping({})
    assert (settings.options.level, settings.options.explain) == ("standard", True)
    assert (settings.voice.name, settings.voice.rate) == ("", 160)
    assert settings.output == Output()


def test_every_problem_is_found_at_once_each_named_by_its_key():
    with pytest.raises(SettingError) as raised:
        Settings.from_mapping(
            {
                "level": "hard",
                "rate": 9000,
                "voice": "-h",
                "hodl": 3,
                "exercises": {"wall-lean": {"hold": -1}},
                "format": "flac",
                "loudness": "nan",
            }
        )
    keys = [p.key for p in raised.value.problems]
    assert keys == [
        "hodl", "exercises.wall-lean.hold", "voice", "level", "rate", "format", "loudness",
    ]  # fmt: skip
    assert (
        raised.value.lines()[0] == "hodl: unknown key 'hodl' in the settings; did you mean 'hold'?"
    )
    by_key = {p.key: p.message for p in raised.value.problems}
    assert by_key["level"] == "level 'hard' is not known; use one of: gentle, standard, strong"
    assert by_key["exercises.wall-lean.hold"] == "hold must be positive, got -1"


# The same mistakes, as each front end is given them: (CLI args, profile YAML, page form).
SAME_MISTAKES = [
    (("--level", "hard"), "level: hard\n", {"level": "hard"}, "level"),
    (("--rate", "1000"), "rate: 1000\n", {"rate": "1000"}, "rate"),
    (("--voice", "-h"), "voice: -h\n", {"voice": "-h"}, "voice"),
    (("--language", "dx"), "language: dx\n", {"language": "dx"}, "language"),
    (("--rest", "soon"), "rest: soon\n", {"rest": "soon"}, "rest"),
]


@pytest.mark.parametrize(("args", "profile", "form", "field"), SAME_MISTAKES)
def test_the_same_mistake_gets_the_same_words_from_every_front_end(
    tmp_path, args, profile, form, field
):
    """Checked in one place: the command line names its flag, a profile its line, the page
    shows the words beside the field."""
    from starlette.testclient import TestClient

    from voiceguide.web.app import Config, make_app

    result = CliRunner().invoke(cli, ["plan", SHORT, *args])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    flag, words = line.removeprefix("voiceguide: error: ").split(": ", 1)
    assert flag == " ".join(args)
    path = tmp_path / "me.yaml"
    path.write_text(profile)
    with pytest.raises(LocatedErrors) as raised:
        parse_profile(profile, str(path))
    assert [p.message for p in raised.value.problems] == [words]
    config = Config(output=tmp_path, routines=FIXTURES, hosts=("testserver",), port=80)
    with TestClient(make_app(config)) as client:
        answer = client.post("/api/plan", json={"slug": "short", **form})
    assert answer.status_code == 400
    # The page says the same, in its own words where the CLI names a command.
    from voiceguide.web.wording import for_page

    assert answer.json()["errors"] == {field: for_page(words)}


def test_a_profile_is_read_by_the_same_reader_below_the_command_line(tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text("level: gentle\nhold: 20\nvoice: en-us\nrate: 140\n")
    settings = Settings.from_mapping({"profile": str(profile), "hold": "30", "rate": 170})
    assert (settings.level, settings.voice.name, settings.voice.rate) == ("gentle", "en-us", 170)
    below, above = settings.layers
    assert [s.where for s in below.settings] == [f"{profile}:2:7"]
    assert [s.value.low for s in above.settings] == [30]


def test_a_profile_names_the_line_of_each_problem(tmp_path):
    text = "level: hard\nexercises:\n  wall-lean: {hodl: 3, reps: x}\n"
    with pytest.raises(LocatedErrors) as raised:
        parse_profile(text, "me.yaml")
    assert raised.value.lines() == [
        "me.yaml:1:8: level 'hard' is not known; use one of: gentle, standard, strong",
        "me.yaml:3:15: unknown key 'hodl' in exercise 'wall-lean'; did you mean 'hold'?",
        "me.yaml:3:30: reps must be a whole number or a range like '10-15', got 'x'",
    ]


def test_the_page_says_no_flag_of_the_command_line(tmp_path):
    from starlette.testclient import TestClient

    from voiceguide.web.app import Config, make_app

    config = Config(output=tmp_path, routines=FIXTURES, hosts=("testserver",), port=80)
    with TestClient(make_app(config)) as client:
        answer = client.post(
            "/api/plan",
            json={"slug": "short", "hold-wall-lean": "-1", "hold-reach": "5", "rest": "x"},
        )
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert set(errors) == {"hold-wall-lean", "rest"}
    assert not any("--" in message for message in errors.values())
