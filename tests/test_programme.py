"""Programmes: weeks whose values progress, read with file:line errors, built into a folder
of weekly tracks whose holds are measured in the decoded audio."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from audio_probe import decode, tone_onsets
from click.testing import CliRunner
from helpers import FIXTURES

from voiceguide.cli import cli
from voiceguide.library import bundled_programme_paths
from voiceguide.programme.model import LevelSteps, Progression, Session, week_plan
from voiceguide.programme.reader import load_programme, parse_programme
from voiceguide.routine.reader import load_routine

TOLERANCE = 0.010  # seconds, DESIGN.md's promise for hold timing
QUICK = FIXTURES / "programme"


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


# --- the arithmetic ---------------------------------------------------------------------------


def test_add_steps_each_week_and_stops_at_the_ceiling():
    rule = Progression("hold", start=15, add=5, limit=30)
    assert [rule.value(w) for w in range(1, 7)] == [15, 20, 25, 30, 30, 30]


def test_add_every_two_weeks():
    rule = Progression("hold", start=15, add=5, every=2, limit=25)
    assert [rule.value(w) for w in range(1, 7)] == [15, 15, 20, 20, 25, 25]


def test_times_multiplies_to_a_length_a_coach_would_say():
    rule = Progression("hold", start=20, times=1.25, limit=40)
    # 20, 25, 31.25 -> 30, 39.06 -> 40, 48.8 -> the ceiling
    assert [rule.value(w) for w in range(1, 6)] == [20, 25, 30, 40, 40]


def test_reps_multiply_to_whole_numbers():
    rule = Progression("reps", start=5, times=1.5, limit=12)
    assert [rule.value(w) for w in range(1, 5)] == [5, 8, 11, 12]  # 7.5 rounds to 8


def test_a_shrinking_step_stops_at_its_floor():
    rule = Progression("rest", start=30, add=-10, limit=15)
    assert [rule.value(w) for w in range(1, 5)] == [30, 20, 15, 15]


def test_a_week_named_in_a_stepped_rule_changes_that_week_only():
    rule = Progression("hold", start=15, add=5, limit=45, weeks=((3, 22),))
    assert [rule.value(w) for w in range(1, 6)] == [15, 20, 22, 30, 35]


def test_weeks_named_without_a_step_hold_until_the_next():
    rule = Progression("hold", weeks=((2, 20), (4, 30)))
    assert [rule.value(w) for w in range(1, 6)] == [None, 20, 20, 30, 30]


def test_level_moves_from_the_week_named():
    steps = LevelSteps("gentle", ((3, "standard"), (5, "strong")))
    assert [steps.value(w) for w in range(1, 7)] == [
        "gentle",
        "gentle",
        "standard",
        "standard",
        "strong",
        "strong",
    ]


def test_sessions_join_and_leave_in_their_weeks():
    routine = load_routine(QUICK / "sitting.yaml")
    late = Session("late", routine, from_week=3)
    early = Session("early", routine, until_week=2)
    assert [late.in_week(w) for w in range(1, 5)] == [False, False, True, True]
    assert [early.in_week(w) for w in range(1, 5)] == [True, True, False, False]


def test_a_week_plan_carries_its_level_values_and_sessions():
    programme = load_programme(QUICK / "quick.yaml")
    first, fourth = week_plan(programme, 1), week_plan(programme, 4)
    assert (first.level, first.values) == ("gentle", (("hold", 3.0), ("reps", 2.0)))
    assert [s.session.name for s in first.sessions] == ["sitting"]
    assert (fourth.level, fourth.values) == ("standard", (("hold", 5.0), ("reps", 3.0)))
    assert [s.session.name for s in fourth.sessions] == ["sitting", "standing"]
    assert fourth.sessions[0].options.week is not None
    assert fourth.sessions[0].options.week.number == 4


def test_the_bundled_programmes_read_and_name_bundled_routines():
    paths = bundled_programme_paths()
    assert len(paths) == 2
    for path in paths.values():
        programme = load_programme(path)
        assert programme.weeks >= 4 and len(programme.sessions) == 2


# --- reading: one line per mistake, exit 2 -------------------------------------------------


def _programme(tmp_path: Path, text: str) -> Path:
    for name in ("sitting.yaml", "standing.yaml"):
        shutil.copy(QUICK / name, tmp_path / name)
    path = tmp_path / "prog.yaml"
    path.write_text(text)
    return path


BASE = """title: Test
weeks: 4
sessions:
  - routine: sitting.yaml
progress:
  hold: {start: 3, add: 1, up_to: 5}
"""


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            BASE.replace("sitting.yaml", "relief-siting"),
            "4:14",
            "no routine named 'relief-siting'; did you mean 'relief-sitting'?",
        ),
        (
            BASE.replace("start: 3", "start: 9"),
            "6:17",
            "hold starts at 9, past its up_to: 5; lower start or raise up_to",
        ),
        (
            BASE.replace("up_to: 5}", "up_to: 5, week 2: 8}"),
            "6:38",
            "hold in week 2 is 8, past its up_to: 5; change the week's value or the up_to",
        ),
        (
            BASE.replace("routine: sitting.yaml", "routine: sitting.yaml\n    from_week: 0"),
            "5:16",
            "from_week is week 0; weeks count from 1",
        ),
        (
            BASE.replace("routine: sitting.yaml", "routine: sitting.yaml\n    from_week: 6"),
            "5:16",
            "from_week is week 6, past the last week; the programme has weeks: 4",
        ),
        (
            BASE.replace("sitting.yaml", "../outside.yaml"),
            "4:14",
            "'../outside.yaml' leads out of this file's folder (with '..'); copy the routine into this folder or one inside it, or name a bundled routine",
        ),
        (
            BASE.replace("weeks: 4", "weeks: 0"),
            "2:8",
            "weeks must be a whole number from 1 to 52, got 0",
        ),
        (
            BASE.replace("progress:", "progres:"),
            "5:1",
            "unknown key 'progres' in a programme; did you mean 'progress'?",
        ),
        (
            BASE.replace("add: 1, up_to: 5", "add: 300"),
            "6:9",
            "hold steps to 603 by week 3: hold 603 seconds is over the limit of 600 seconds; add up_to: or a smaller step",
        ),
        (
            BASE.replace("add: 1, up_to: 5", "add: -1, up_to: 5"),
            "6:29",
            "hold gets smaller each step, so up_to never stops it; use down_to",
        ),
        (
            BASE + "  exercises:\n    bak-press: {hold: 4}\n",
            "8:5",
            "no exercise 'bak-press' in sitting; did you mean 'back-press'?",
        ),
        (
            BASE.replace("routine: sitting.yaml", "routine: sitting.yaml\n    only: [squeze]"),
            "5:12",
            "no exercise 'squeze' in sitting; did you mean 'squeeze'?",
        ),
        (  # one problem, not also "a step but no start" and "up_to stops a step"
            BASE.replace("start: 3, add: 1", "start: .nan, add: 1"),
            "6:17",
            "hold must be a finite number, got .nan",
        ),
        (
            BASE.replace("add: 1, up_to: 5", "times: 1e308, up_to: 5"),
            "6:27",
            "times in hold multiplies each step, like 1.25 (not 1; between 0.1 and 10); got '1e308'",
        ),
    ],
    ids=[
        "unknown-routine",
        "start-past-ceiling",
        "week-past-ceiling",
        "week-0",
        "from-week-past-weeks",
        "escapes-folder",
        "no-weeks",
        "unknown-key",
        "step-past-limit",
        "ceiling-wrong-way",
        "unknown-exercise",
        "only-unknown-exercise",
        "bad-start-alone",
        "bad-times-alone",
    ],
)
def test_a_bad_programme_is_one_line_and_exit_2(tmp_path, text, where, message):
    path = _programme(tmp_path, text.replace("start: 300", "start: 3"))
    for command in (("program", path, "-o", tmp_path / "out"), ("plan", path)):
        result = run(*command)
        assert result.exit_code == 2, result.output
        assert result.stderr == f"voiceguide: error: {path}:{where}: {message}\n"
    assert not (tmp_path / "out").exists()


def test_a_loop_of_includes_is_one_line_at_the_include_that_closes_it(tmp_path):
    (tmp_path / "a.yaml").write_text("title: A\ninclude: [b.yaml]\n")
    (tmp_path / "b.yaml").write_text("title: B\ninclude: [a.yaml]\n")
    path = _programme(tmp_path, BASE.replace("sitting.yaml", "a.yaml"))
    for command in (("program", path, "-o", tmp_path / "out"), ("plan", path)):
        result = run(*command)
        assert result.exit_code == 2, result.output
        assert result.stderr == (
            f"voiceguide: error: {tmp_path / 'b.yaml'}:2:11: includes go round in a loop "
            "(a.yaml -> b.yaml -> a.yaml); remove one of these includes\n"
        )
    assert not (tmp_path / "out").exists()


def test_a_session_may_name_a_routine_that_includes_others(tmp_path):
    (tmp_path / "both.yaml").write_text(
        "title: Both\ninclude: [sitting.yaml, {routine: standing.yaml}]\n"
    )
    path = _programme(tmp_path, BASE.replace("sitting.yaml", "both.yaml"))
    programme = load_programme(path)
    names = [e.name for e in programme.sessions[0].routine.exercises]
    assert names == ["Back press", "Squeeze", "Wall lean"]
    result = run("plan", path, "--week", 2, "--no-explain")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Hold for 4 seconds.") == 2


def test_every_problem_of_a_file_is_found_in_one_run(tmp_path):
    text = BASE.replace("sitting.yaml", "nope").replace("start: 3", "start: 9")
    with pytest.raises(Exception) as caught:
        parse_programme(text, str(_programme(tmp_path, text)))
    assert [p.line for p in caught.value.problems] == [4, 6]  # type: ignore[attr-defined]


# --- plan --week ----------------------------------------------------------------------------


def test_plan_week_shows_the_weeks_values_and_the_spoken_week():
    result = run("plan", QUICK / "quick.yaml", "--week", 3, "--no-explain")
    assert result.exit_code == 0, result.output
    assert "week 3: level standard, hold 5 s, reps 3" in result.stdout
    assert "Week 3. Holds are 5 seconds this week. 3 reps each time this week." in result.stdout
    assert "Week 1." not in result.stdout
    week1 = run("plan", QUICK / "quick.yaml", "--week", 1, "--no-explain")
    assert "Week 1. Holds are 3 seconds this week. 2 reps each time this week." in week1.stdout
    assert "Hold for 3 seconds." in week1.stdout


def test_plan_week_past_the_last_is_one_line():
    result = run("plan", QUICK / "quick.yaml", "--week", 5)
    assert result.exit_code == 2
    assert result.stderr == "voiceguide: error: --week 5: quick has weeks 1 to 4\n"


def test_list_shows_the_bundled_programmes():
    result = run("list")
    assert result.exit_code == 0
    for slug in bundled_programme_paths():
        assert slug in result.stdout


# --- building -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The quick programme built once through the CLI: (programme file, output folder)."""
    here = tmp_path_factory.mktemp("programme")
    for path in QUICK.iterdir():
        shutil.copy(path, here / path.name)
    out = here / "out"
    result = run("program", here / "quick.yaml", "-o", out, "--no-explain", "-j", 1)
    assert result.exit_code == 0, result.output
    return here / "quick.yaml", out


def _holds(path: Path) -> list[float]:
    audio = decode(path)
    starts, ends = tone_onsets(audio, "start"), tone_onsets(audio, "end")
    assert len(starts) == len(ends)
    return [end - start for start, end in zip(starts, ends, strict=True)]


def _captions(path: Path) -> str:
    return path.with_suffix(".vtt").read_text()


def test_every_week_is_built_named_in_order_with_playlist_and_summary(built):
    _file, out = built
    tracks = sorted(p.name for p in out.glob("*.mp3"))
    assert tracks == ["01-week-1.mp3", "02-week-2.mp3", "03-week-3.mp3", "04-week-4.mp3"]
    playlist = (out / "playlist.m3u8").read_text().splitlines()
    assert [line for line in playlist if line.endswith(".mp3")] == tracks
    summary = (out / "summary.md").read_text()
    assert [line for line in summary.splitlines() if line.startswith("## ")] == [
        f"## Week {n}" for n in range(1, 5)
    ]
    assert "Level: gentle · Hold: 3 s · Reps: 2" in summary
    assert "Level: standard · Hold: 5 s · Reps: 3" in summary
    html = (out / "summary.html").read_text()
    assert html.count('<section class="week">') == 4 and "@media print" in html


def test_tags_name_the_programme_as_album_and_number_the_tracks(built):
    from mutagen.id3 import ID3

    _file, out = built
    for number, path in enumerate(sorted(out.glob("*.mp3")), 1):
        tags = ID3(path)
        assert str(tags["TALB"]) == "Quick programme"
        assert str(tags["TRCK"]) == f"{number}/4"
        assert str(tags["TIT2"]).startswith(f"Week {number}: ")
        assert tags.getall("CHAP"), "a chapter per exercise"


@pytest.mark.parametrize("week", [1, 4])
def test_holds_are_the_programmes_values_for_the_week(built, week):
    file, out = built
    programme = load_programme(file)
    hold = programme.progress[0].value(week)
    reps = programme.progress[1].value(week)
    assert (hold, reps) == ((3, 2) if week == 1 else (5, 3))
    path = out / f"0{week}-week-{week}.mp3"
    measured = _holds(path)
    # Back press (the week's hold), then Squeeze's reps (their own 2 s hold each), then in
    # week 4 Wall lean from the standing session (the week's hold).
    expected = [hold] + [2.0] * int(reps) + ([hold] if week == 4 else [])
    assert len(measured) == len(expected), measured
    assert np.allclose(measured, expected, atol=TOLERANCE), list(
        zip(measured, expected, strict=True)
    )
    captions = _captions(path)
    said = re.search(r"Week (\d+)\. Holds are (\d+) seconds this week\. (\d+) reps", captions)
    assert said is not None, captions
    assert [int(n) for n in said.groups()] == [week, hold, reps]
    assert captions.count(f"Hold for {hold:g} seconds.") == (1 if week == 1 else 2)
    assert f"{reps:g} reps, holding each for 2 seconds." in captions


def test_rebuilding_after_changing_one_week_touches_only_that_week(built, tmp_path):
    file, _out = built
    here = tmp_path / "copy"
    shutil.copytree(file.parent, here)  # copy2 keeps each file's modification time
    copy, folder = here / "quick.yaml", here / "out"
    week_files = {n: sorted(folder.glob(f"0{n}-week-{n}.*")) for n in range(1, 5)}
    assert all(len(files) == 4 for files in week_files.values())  # mp3, vtt, json, html

    def state() -> dict[Path, tuple[bytes, int]]:
        files = [p for n in range(1, 5) for p in week_files[n]]
        return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}

    before = state()
    again = run("program", copy, "-o", folder, "--no-explain", "-j", 1)
    assert again.exit_code == 0, again.output
    assert "4 tracks, 0 built, 4 kept, 0 new phrases spoken" in again.stderr
    assert state() == before

    text = copy.read_text()
    copy.write_text(text.replace("up_to: 5}", "up_to: 5, week 3: 4}"))
    changed = run("program", copy, "-o", folder, "--no-explain", "-j", 1)
    assert changed.exit_code == 0, changed.output
    # Only the week's own line has new words: "Hold for 4 seconds." was said in week 2.
    assert "4 tracks, 1 built, 3 kept, 1 new phrases spoken" in changed.stderr
    after = state()
    for number, files in week_files.items():
        for path in files:
            if number == 3:
                assert after[path][0] != before[path][0], path
            else:
                assert after[path] == before[path], path
    assert np.allclose(_holds(folder / "03-week-3.mp3"), [4, 2, 2, 2, 4], atol=TOLERANCE)
    assert "Week 3. Holds are 4 seconds this week." in _captions(folder / "03-week-3.mp3")


def test_a_track_changed_by_hand_is_built_again(built, tmp_path):
    file, _out = built
    here = tmp_path / "copy"
    shutil.copytree(file.parent, here)
    damaged = here / "out" / "02-week-2.mp3"
    damaged.write_bytes(damaged.read_bytes()[:-100])
    result = run("program", here / "quick.yaml", "-o", here / "out", "--no-explain", "-j", 1)
    assert result.exit_code == 0, result.output
    assert "4 tracks, 1 built, 3 kept" in result.stderr
    assert _holds(damaged)[0] == pytest.approx(4, abs=TOLERANCE)


@pytest.mark.slow
def test_a_bundled_programme_builds_every_week(tmp_path):
    """Built as WAV: the weeks' holds are what is measured here; a programme's MP3 tracks,
    tags and playlist are the quick programme's (the `built` fixture)."""
    out = tmp_path / "out"
    result = run("program", "relief-four-weeks", "-o", out, "-j", 2, "--format", "wav")
    assert result.exit_code == 0, result.output
    programme = load_programme(bundled_programme_paths()["relief-four-weeks"])
    tracks = sorted(out.glob("*.wav"))
    assert [p.name for p in tracks] == [f"0{n}-week-{n}.wav" for n in range(1, 5)]
    for week in (1, 4):
        hold = programme.progress[0].value(week)
        measured = _holds(tracks[week - 1])
        timed = [m for m in measured if abs(m - hold) < 0.5]
        # Every timed hold and every position is the week's hold; held reps keep their own.
        assert len(timed) >= 8, measured
        assert np.allclose(timed, hold, atol=TOLERANCE)
        assert f"Week {week}. Holds are {hold:g} seconds this week." in _captions(tracks[week - 1])


def test_a_progression_that_does_not_suit_its_exercise_is_one_line(tmp_path):
    # Squeeze is held reps: a tempo paces reps that have no hold.
    path = _programme(tmp_path, BASE + "  exercises:\n    squeeze: {tempo: 3}\n")
    result = run("plan", path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"voiceguide: error: {path}:8:5: 'Squeeze' has no paced reps; tempo applies to reps "
        "without a hold (in sitting)\n"
    )


def test_changing_together_renames_the_tracks_and_removes_the_old_ones(built, tmp_path):
    file, _out = built
    here = tmp_path / "copy"
    shutil.copytree(file.parent, here)
    copy = here / "quick.yaml"
    copy.write_text(copy.read_text().replace("together: true", "together: false"))
    result = run("program", copy, "-o", here / "out", "--no-explain", "-j", 1)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (here / "out").glob("*.mp3"))
    assert names == [
        "01-week-1.mp3",
        "02-week-2.mp3",
        "03-week-3-sitting.mp3",
        "04-week-3-standing.mp3",
        "05-week-4-sitting.mp3",
        "06-week-4-standing.mp3",
    ]
    assert not list((here / "out").glob("03-week-3.*"))
    assert "removed" in result.stderr


def test_a_session_can_be_just_a_routines_name(tmp_path):
    path = _programme(tmp_path, "title: Short\nweeks: 2\nsessions: [sitting.yaml, standing.yaml]\n")
    result = run("plan", path, "--week", 2)
    assert result.exit_code == 0, result.output
    assert "Week 2" in result.stdout
    path.write_text(path.read_text().replace("standing.yaml", "standng.yaml"))
    result = run("plan", path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"voiceguide: error: {path}:3:26: no file 'standng.yaml' in this file's folder; "
        "did you mean 'standing.yaml'?\n"
    )


def test_a_german_programme_speaks_with_the_german_voice(tmp_path, cache_dir):
    """No --voice: each track speaks with its routine's language's voice, as `build` does."""
    (tmp_path / "sitzen.yaml").write_text(
        "title: Kurz im Sitzen\nlanguage: de\ndefaults: {prepare: 3}\nexercises:\n"
        "  - {name: Rücken drücken, position: sitting, say: Drück den Rücken an die Lehne., hold: 3}\n",
        encoding="utf-8",
    )
    path = tmp_path / "programm.yaml"
    path.write_text("title: Kurz\nweeks: 1\nsessions: [sitzen.yaml]\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("program", path, "-o", out, "--cache-dir", cache_dir)
    assert result.exit_code == 0, result.output
    (timeline,) = out.glob("01-*.json")
    assert json.loads(timeline.read_text())["settings"]["voice"] == "de+m1"
