"""Sessions joined from several routines: compose.together, include: files, --together."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys

import numpy as np
import pytest
from audio_probe import RATE, decode, file_chapters, tone_onsets
from click.testing import CliRunner
from helpers import FIXTURES

from voiceguide.amounts import parse_count, parse_duration
from voiceguide.cli import cli
from voiceguide.errors import UserError
from voiceguide.library import find_routine as load_routine_named
from voiceguide.planning.planner import plan
from voiceguide.routine.compose import Part, select, together
from voiceguide.routine.reader import load_routine
from voiceguide.script import Say, Window, spoken_texts
from voiceguide.settings.options import COUNT_FIELDS, Layer, Options, Setting

PARTS = FIXTURES / "together"
SITTING = PARTS / "sitting.yaml"
FLOOR = PARTS / "floor.yaml"


def setting(field: str, value: str, exercise: str | None = None) -> Setting:
    parse = parse_count if field in COUNT_FIELDS else parse_duration
    return Setting(field, parse(value, field), "test", exercise)


@pytest.fixture(scope="module")
def sitting():
    return load_routine(SITTING)


@pytest.fixture(scope="module")
def floor():
    return load_routine(FLOOR)


@pytest.fixture(scope="module")
def session(sitting, floor):
    return together([Part(sitting), Part(floor)], title="Morning", slug="morning")


def windows(script, exercise: str, kind: str) -> list[float]:
    return [
        c.item.seconds
        for c in script.cues
        if c.exercise == exercise and isinstance(c.item, Window) and c.item.kind == kind
    ]


# --- composition ----------------------------------------------------------------------------


def test_exercises_of_every_part_in_order_with_names_made_unique(session):
    assert [e.name for e in session.exercises] == [
        "Shoulder roll",
        "Chin tuck",
        "Chin tuck, lying down",  # the floor part's, named by its position
        "Knee hug",
    ]
    assert len({e.slug for e in session.exercises}) == 4
    assert (session.title, session.slug) == ("Morning", "morning")


def test_a_name_met_again_in_the_same_position_gets_a_number(sitting):
    joined = together([Part(sitting), Part(sitting), Part(sitting)], title="x", slug="x")
    assert [e.name for e in joined.exercises] == [
        "Shoulder roll",
        "Chin tuck",
        "Shoulder roll, sitting",
        "Chin tuck, sitting",
        "Shoulder roll 2",
        "Chin tuck 2",
    ]


def test_one_intro_one_close_and_the_equipment_of_all_once(session, sitting, floor):
    assert session.intro == sitting.intro
    assert session.close == floor.close
    # "A chair" in the floor part is the sitting part's "a chair" again.
    assert session.equipment == ("a chair", "a mat")
    lines = spoken_texts(plan(session))
    assert lines.count(sitting.intro) == 1 and floor.intro not in lines
    assert lines.count(floor.close) == 1 and sitting.close not in lines
    assert lines[0] == "Morning."


def test_each_part_keeps_its_own_defaults(session):
    script = plan(session)
    # Inside the sitting part: its rest of 2 s and prepare of 3 s.
    assert windows(script, "Shoulder roll", "rest") == [2.0]
    assert windows(script, "Chin tuck", "prepare") == [3.0]
    # The floor part: prepare 4, switch 3, rest 4 between sets and before its first exercise.
    assert windows(script, "Chin tuck", "rest") == [4.0]
    assert windows(script, "Knee hug", "prepare") == [4.0, 4.0]
    assert windows(script, "Knee hug", "rest") == [4.0]
    assert windows(script, "Chin tuck, lying down", "prepare") == [4.0 + 6.0, 3.0]


def test_a_position_change_across_the_join_gets_the_next_parts_transition(session):
    script = plan(session)
    first_floor = windows(script, "Chin tuck, lying down", "prepare")[0]
    assert first_floor == 4 + 6  # the floor part's prepare and transition
    lines = spoken_texts(script)
    assert "Rest, 4 seconds. Next: Chin tuck, lying down." in lines  # its position said once


def test_next_across_the_join_names_the_next_parts_first_exercise(sitting, floor):
    joined = together([Part(floor), Part(sitting)], title="x", slug="x")
    lines = spoken_texts(plan(joined))
    assert "Rest, 2 seconds. Next: Shoulder roll, sitting." in lines


def test_a_parts_own_overrides_are_applied_before_the_sessions(sitting, floor):
    own = Options(layers=(Layer((setting("hold", "9"), setting("rest", "5"))),))
    joined = together([Part(sitting, options=own), Part(floor)], title="x", slug="x")
    holds = [e.hold for e in joined.exercises]
    assert [h.low for h in holds if h] == [9, 9, 2, 3]
    script = plan(joined)
    assert windows(script, "Shoulder roll", "rest") == [5.0]  # the part's rest between
    assert windows(script, "Chin tuck", "rest") == [4.0]  # the floor part's, before it
    # The session's own options still apply on top of the part's.
    session = Options(layers=(Layer((setting("hold", "7", "1"), setting("rest", "6"))),))
    script = plan(joined, session)
    assert windows(script, "Shoulder roll", "hold") == [7.0]
    assert windows(script, "Shoulder roll", "rest") == [6.0]
    assert windows(script, "Chin tuck", "rest") == [6.0]


def test_only_and_skip_choose_exercises_by_name_prefix_or_number(floor, sitting):
    assert [e.name for e in select(floor, only=("2",)).exercises] == ["Knee hug"]
    assert [e.name for e in select(floor, skip=("chin",)).exercises] == ["Knee hug"]
    assert [e.name for e in select(sitting, only=("chin-tuck", "1")).exercises] == [
        "Shoulder roll",
        "Chin tuck",
    ]  # in the routine's order
    joined = together(
        [Part(sitting, only=("2",)), Part(floor, skip=("knee",))], title="x", slug="x"
    )
    assert [e.name for e in joined.exercises] == ["Chin tuck", "Chin tuck, lying down"]


@pytest.mark.parametrize(
    ("only", "skip", "message"),
    [
        (
            ("wall",),
            (),
            "--only: no exercise 'wall' in floor; its exercises are: chin-tuck, knee-hug",
        ),
        (("3",), (), "--only: floor has exercises 1 to 2, not 3"),
        ((), ("1", "2"), "--only: that leaves no exercise of floor; keep at least one"),
    ],
)
def test_selectors_that_match_nothing_or_leave_nothing_are_refused(floor, only, skip, message):
    with pytest.raises(UserError) as caught:
        select(floor, only=only, skip=skip, where="--only")
    assert str(caught.value) == message


def test_parts_must_share_a_language(sitting, floor):
    other = dataclasses.replace(floor, language="de")
    with pytest.raises(UserError, match="floor is in 'de' but sitting is in 'en'"):
        together([Part(sitting), Part(other, where="--together")], title="x", slug="x")


def test_a_session_of_one_part_times_like_the_routine_alone(floor):
    alone = plan(floor)
    joined = plan(together([Part(floor)], title=floor.title, slug=floor.slug))
    assert [c.item for c in joined.cues if isinstance(c.item, Window)] == [
        c.item for c in alone.cues if isinstance(c.item, Window)
    ]


# --- a --together build, decoded --------------------------------------------------------------

ORDER = ["Shoulder roll", "Chin tuck", "Chin tuck, lying down", "Knee hug"]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("together")
    args = (str(SITTING), str(FLOOR), "--together", "--name", "morning")
    result = run("build", *args, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    planned = run("plan", *args)
    assert planned.exit_code == 0, planned.stderr
    return out / "morning.mp3", planned.stdout


def test_a_together_build_is_one_track_of_the_planned_length(built):
    path, planned = built
    assert sorted(p.name for p in path.parent.glob("*.mp3")) == ["morning.mp3"]
    header = planned.splitlines()[0]
    assert header.startswith("Morning ") and header.endswith(", exact)")
    total = float(header.split("(")[1].split(" s,")[0])
    assert abs(len(decode(path)) / RATE - total) < 0.010


def test_its_chapters_cover_every_exercise_of_every_part_in_order(built):
    path, _planned = built
    chapters = file_chapters(path)
    assert [title for title, _ in chapters] == ["Introduction", *ORDER, "Close"]
    timeline = json.loads(path.with_suffix(".json").read_text())
    first = {}
    for event in timeline["events"]:
        first.setdefault(event["exercise"], event["start"])
    for title, start in chapters[1:-1]:
        assert abs(start - first[title]) <= 0.050, title
    # Every hold of every part is in the track, timed exactly.
    holds = [e for e in timeline["events"] if e["kind"] == "hold"]
    assert [(e["exercise"], round(e["end"] - e["start"], 3)) for e in holds] == [
        ("Shoulder roll", 3),
        ("Chin tuck", 2),
        ("Chin tuck, lying down", 2),
        ("Chin tuck, lying down", 2),
        ("Knee hug", 3),
        ("Knee hug", 3),
    ]
    starts = tone_onsets(decode(path), "start")
    assert len(starts) == len(holds)
    for onset, hold in zip(starts, holds, strict=True):
        assert abs(onset - hold["start"]) <= 0.010


def test_one_intro_and_one_close_and_next_across_the_join(built):
    path, _planned = built
    said = [e["text"] for e in json.loads(path.with_suffix(".json").read_text())["events"]]
    assert said.count("A short sitting part for the tests.") == 1
    assert "A short floor part for the tests." not in said
    assert said.count("That's the floor part. Roll to your side before you get up.") == 1
    assert "That's the sitting part." not in said
    assert "Rest, 4 seconds. Next: Chin tuck, lying down." in said


def test_the_position_change_across_the_join_gets_the_longer_get_ready(built):
    """Sitting to lying: the floor part's prepare (4 s) and transition (6 s), measured."""
    path, _planned = built
    audio = decode(path)
    starts = tone_onsets(audio, "start")
    onset = starts[2]  # the first hold of the floor part's first exercise
    pips = [p for p in tone_onsets(audio, "pip") if onset - 4 < p < onset]
    assert [round(onset - p, 2) for p in pips] == pytest.approx([3, 2, 1], abs=0.015)
    # Silence for the seven seconds before the pips: the window is ten seconds long ...
    quiet = audio[int((onset - 10 + 0.05) * RATE) : int((onset - 3 - 0.05) * RATE)]
    assert np.abs(quiet).max() < 0.01
    # ... and speech ("Start on the left.") ends within a second before it opens.
    before = audio[int((onset - 11) * RATE) : int((onset - 10) * RATE)]
    assert np.abs(before).max() > 0.05


# --- bad files and options: exit 2, one line each ---------------------------------------------


def write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("title: M\ninclude:\n  - relief-sittin\n",
         "3:5: no routine named 'relief-sittin'; did you mean 'relief-sitting'?"),
        ("title: M\ninclude:\n  - routine: ../floor.yaml\n",
         "3:14: '../floor.yaml' leads out of this file's folder (with '..'); copy the routine into this folder or one inside it, or name a bundled routine"),
        ("title: M\ninclude:\n  - routine: relief-sitting\n    only: [2, wall-lean]\n",
         "4:15: no exercise 'wall-lean' in relief-sitting; its exercises are: heel-press-three-angles, seated-posture-reset, elbow-circles, breath-out-and-reach, head-press"),
        ("title: M\ninclude:\n  - routine: relief-sitting\n    skip: [1, 2, 3, 4, 5]\n",
         "3:5: that leaves no exercise of relief-sitting; keep at least one"),
        ("title: M\ninclude:\n  - routine: relief-sitting\n    exercises:\n      9: {hold: 20}\n",
         "5:7: relief-sitting has exercises 1 to 5, not 9"),
    ],
)  # fmt: skip
def test_a_bad_include_is_one_line_with_its_place(tmp_path, text, line):
    path = write(tmp_path, "morning.yaml", text)
    for command in ("validate", "plan", "build"):
        result = (
            run(command, str(path), "-o", str(tmp_path))
            if command == "build"
            else run(command, str(path))
        )
        assert result.exit_code == 2, command
        assert result.stderr == f"voiceguide: error: {path}:{line}\n", command
        assert "Traceback" not in result.output


def test_an_absolute_path_and_a_symlink_out_of_the_folder_are_refused(tmp_path):
    inside = tmp_path / "mine"
    inside.mkdir()
    (inside / "floor.yaml").symlink_to(FLOOR)
    path = write(inside, "m.yaml", f"title: M\ninclude:\n  - floor.yaml\n  - {FLOOR}\n")
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"voiceguide: error: {path}:3:5: 'floor.yaml' leads out of this file's folder (through a symlink); copy the routine into this folder or one inside it, or name a bundled routine",
        f"voiceguide: error: {path}:4:5: '{FLOOR}' is an absolute path; give a path relative to this file's folder (copy the routine beside it), or a bundled routine's name",
    ]


def test_a_loop_of_includes_names_the_chain(tmp_path):
    first = write(tmp_path, "a.yaml", "title: A\ninclude: [b.yaml]\n")
    second = write(tmp_path, "b.yaml", "title: B\ninclude:\n  - relief-sitting\n  - a.yaml\n")
    done = subprocess.run(
        [sys.executable, "-m", "voiceguide.cli", "plan", str(first)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        f"voiceguide: error: {second}:4:5: includes go round in a loop "
        "(a.yaml -> b.yaml -> a.yaml); remove one of these includes\n"
    )


def test_includes_nest_only_so_deep(tmp_path):
    write(tmp_path, "n0.yaml", "title: N\ninclude: [relief-sitting]\n")
    for depth in range(1, 6):
        write(tmp_path, f"n{depth}.yaml", f"title: N\ninclude: [n{depth - 1}.yaml]\n")
    result = run("validate", str(tmp_path / "n3.yaml"))
    assert result.exit_code == 0, result.stderr
    result = run("validate", str(tmp_path / "n5.yaml"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"voiceguide: error: {tmp_path / 'n1.yaml'}:2:10: includes nest more than 4 deep "
        "(n5.yaml -> n4.yaml -> n3.yaml -> n2.yaml -> n1.yaml); include the routines this one includes directly\n"
    )


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("relief-sitting", "--only", "zz"),
         "--only zz: no exercise 'zz' in relief-sitting; its exercises are: heel-press-three-angles, seated-posture-reset, elbow-circles, breath-out-and-reach, head-press"),
        (("relief-sitting", "relief-standing", "--together", "--only", "2"),
         "--only 2: with several routines, say whose exercise it is, like --only relief-standing:2"),
        (("relief-sitting", "relief-standing", "--together", "--skip", "relief-lying:2"),
         "--skip relief-lying:2: 'relief-lying' is not one of the routines given (relief-sitting, relief-standing)"),
        (("relief-sitting", "--skip", "1,2,3", "--skip", "4,5"),
         "--skip: that leaves no exercise of relief-sitting; keep at least one"),
        (("relief-sitting", "relief-standing"),
         "plan shows one routine; add --together to plan them as one session"),
    ],
)  # fmt: skip
def test_bad_selectors_on_the_command_line_are_one_line(args, line):
    result = run("plan", *args)
    assert result.exit_code == 2
    assert result.stderr == f"voiceguide: error: {line}\n"


def test_only_and_skip_on_the_command_line_choose_the_exercises():
    result = run(
        "plan", "relief-sitting", "relief-standing", "--together",
        "--only", "relief-sitting:head,2", "--skip", "relief-standing:1,3-", "--skip", "relief-standing:door",
    )  # fmt: skip
    assert result.exit_code == 2  # "3-" is no exercise
    result = run(
        "plan", "relief-sitting", "relief-standing", "--together",
        "--only", "relief-sitting:head,2", "--skip", "relief-standing:1,3", "--skip", "relief-standing:door",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    announced = re.findall(
        r"speech +(?:First, |Exercise \d, out of \d: |Last exercise: )(.*)\.$", result.stdout, re.M
    )
    assert announced == [
        "Seated posture reset",
        "Head press",
        "Shoulder push and look down",
        "Overhead arm reach",
    ]
    header = result.stdout.splitlines()[0]
    assert header.startswith("Upper back relief, sitting and Upper back relief, standing ")


# --- include: files ---------------------------------------------------------------------------


def test_an_include_file_plans_as_the_same_session_joined_on_the_command_line(tmp_path):
    for part in (SITTING, FLOOR):
        (tmp_path / part.name).write_text(part.read_text())
    path = write(
        tmp_path,
        "morning.yaml",
        "title: Morning\ninclude:\n  - sitting.yaml\n  - routine: floor.yaml\n",
    )
    from_file = plan(load_routine(path))
    joined = plan(
        together(
            [Part(load_routine(SITTING)), Part(load_routine(FLOOR))],
            title="Morning",
            slug="morning",
        )
    )
    assert from_file.cues == joined.cues
    result = run("validate", str(path))
    assert result.stdout == f"{path}: ok, 4 exercises\n"


def test_an_include_with_its_own_choices_and_overrides_and_own_exercises(tmp_path):
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "floor.yaml").write_text(FLOOR.read_text())
    path = write(
        tmp_path,
        "morning.yaml",
        """title: Morning
intro: Good morning.
exercises:
  - name: Wall lean
    position: standing
    say: Lean into the wall.
    hold: 4
include:
  - routine: relief-sitting
    only: [head]
  - routine: parts/floor.yaml
    skip: [1]
    hold: 5
    exercises:
      knee-hug: {sets: 3}
""",
    )
    routine = load_routine(path)
    assert [e.name for e in routine.exercises] == ["Wall lean", "Head press", "Knee hug"]
    knee = routine.exercises[-1]
    assert (knee.hold.low, knee.sets.low) == (5, 3)
    assert routine.intro == "Good morning."
    assert routine.close == load_routine(FLOOR).close
    assert routine.equipment == ("a chair", "a mat")


def test_the_sheet_shows_each_parts_rest_between_exercises(built):
    path, _planned = built
    page = path.with_suffix(".html").read_text()
    assert "Rest between exercises <strong>2 s, 4 s</strong>" in page
    for name in ORDER:
        assert f">{name}<" in page


def test_a_profiles_section_for_a_routine_counts_its_exercises_as_written(tmp_path):
    """With --skip 1, the profile's exercise 2 of the floor part is still its knee hug."""
    profile = write(
        tmp_path, "me.yaml", "routines:\n  floor:\n    exercises:\n      2: {sets: 3}\n"
    )
    for extra in ((), ("--together",)):
        result = run("plan", str(FLOOR), "--skip", "1", "--profile", str(profile), *extra)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.count("hold      Knee hug (set") == 3, extra


def test_a_missing_file_and_a_broken_included_file_are_each_reported_at_their_place(tmp_path):
    (tmp_path / "parts").mkdir()
    broken = write(tmp_path / "parts", "broken.yaml", "title: B\nexercises:\n  - name: x\n")
    path = write(
        tmp_path,
        "m.yaml",
        "title: M\ninclude:\n  - parts/flor.yaml\n  - parts/broken.yaml\n  - parts/floor.yaml\n",
    )
    (tmp_path / "parts" / "floor.yaml").write_text(FLOOR.read_text())
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"voiceguide: error: {path}:3:5: no file 'parts/flor.yaml' in this file's folder; did you mean 'parts/floor.yaml'?",
        f"voiceguide: error: {broken}:3:5: exercise 'x' needs 'hold' (seconds), 'reps', or 'positions'",
        f"voiceguide: error: {broken}:3:5: exercise 'x' needs 'position', one of: sitting | standing | lying | kneeling | all-fours",
        f"voiceguide: error: {broken}:3:5: exercise 'x' needs 'say' (how to get into position)",
    ]


def test_the_bundled_sitting_and_standing_routines_joined():
    """The README's example, planned: ten exercises, the shared name told apart, and the
    standing part's first exercise after a move from the chair."""
    sitting, standing = load_routine_named("relief-sitting"), load_routine_named("relief-standing")
    result = run("plan", "relief-sitting", "relief-standing", "--together", "--name", "morning")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Morning ")
    joined = together([Part(sitting), Part(standing)], title="Morning", slug="morning")
    names = [e.name for e in joined.exercises]
    assert names[:5] == [e.name for e in sitting.exercises]
    assert names[5] == "Heel press, three angles, standing"
    assert names[6:] == [
        "Shoulder push and look down",
        "Elbow circles, standing",  # in both routines too
        "Door frame hip hinge",
        "Overhead arm reach",
    ]
    script = plan(joined)
    assert windows(script, names[5], "prepare")[0] == 5 + 10  # prepare and transition
    # (The join is near the middle of this session: "You're halfway through." leads it.)
    assert any(
        line.endswith("Rest, 10 seconds. Next: Heel press, three angles, standing.")
        for line in spoken_texts(script)
    )


# --- blocks of rounds in a joined session ---------------------------------------------------


def test_a_part_with_rounds_keeps_them_where_its_exercises_land(sitting):
    circuit = load_routine(FIXTURES / "rounds" / "circuit.yaml")
    joined = together([Part(sitting), Part(circuit)], title="S", slug="s")
    (block,) = joined.blocks
    names = [joined.exercises[i].name for i in block.indices]
    assert names == ["Squat", "Band pull-apart"]
    said = [c.item.text for c in plan(joined).cues if isinstance(c.item, Say)]
    assert sum(t.startswith("Round") or t == "Last round." for t in said) == 3


def test_choosing_exercises_shrinks_a_block_and_drops_an_empty_one():
    circuit = load_routine(FIXTURES / "rounds" / "circuit.yaml")
    (block,) = select(circuit, skip=["squat"]).blocks
    assert (block.first, block.size) == (1, 1)
    assert select(circuit, only=["1", "4"]).blocks == ()
