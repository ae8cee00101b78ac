"""Changing holds, reps, sets and rests without editing the routine (issue 3)."""

from __future__ import annotations

import numpy as np
import pytest
from audio_probe import RATE, decode, tone_onsets
from click.testing import CliRunner
from helpers import FIXTURES, CountingEngine

from voiceguide.cli import cli
from voiceguide.cli.shared import read_flags
from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.planning.planner import Say, Window, plan
from voiceguide.routine.overrides import apply
from voiceguide.routine.reader import load_routine
from voiceguide.settings.options import Options, OverrideError
from voiceguide.settings.profile import load_profile
from voiceguide.speech.pool import SpeechSettings

SHORT = str(FIXTURES / "short.yaml")


def options(level: str = "standard", **given) -> Options:
    names = {"hold_scale": "hold-scale", "assignments": "exercises"}
    return read_flags({"level": level, **{names.get(k, k): v for k, v in given.items()}}).options


def windows(script, *kinds: str) -> list[tuple[str, float]]:
    return [
        (c.item.label, c.item.seconds)
        for c in script.cues
        if isinstance(c.item, Window) and c.item.kind in kinds
    ]


def spoken(script) -> list[str]:
    return [c.item.text for c in script.cues if isinstance(c.item, Say)]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_hold_45_is_measured_between_the_tones_and_spoken(tmp_path, short_routine):
    result = run("build", SHORT, "-o", str(tmp_path), "--hold", "45")
    assert result.exit_code == 0, result.stderr
    timeline = build(
        short_routine, output=OutputSettings(tmp_path / "again"), options=options(hold="45")
    ).timeline
    audio = decode(tmp_path / "short.mp3")
    timed = [e for e in timeline.events if e.kind in ("hold", "rep", "reps")]
    starts, ends = tone_onsets(audio, "start"), tone_onsets(audio, "end")
    assert len(starts) == len(ends) == len(timed)
    measured = np.subtract(ends, starts)
    static = [i for i, e in enumerate(timed) if e.kind == "hold"]
    assert len(static) == 6  # two sides, two positions, two sets
    assert np.allclose(measured[static], 45, atol=0.010), measured
    # The short holds inside reps keep their own length: --hold is for timed holds.
    assert np.allclose(
        [measured[i] for i, e in enumerate(timed) if e.kind == "rep"], 2.5, atol=0.010
    )
    said = [e.text for e in timeline.events if e.kind == "speech"]
    assert "Hold for 45 seconds on each side." in said
    assert "2 positions, 45 seconds each." in said
    holds_said = [text for text in said if text.startswith("Hold for")]
    assert len(holds_said) == 2 and all(
        text.startswith("Hold for 45 seconds") for text in holds_said
    )
    assert abs(len(audio) / RATE - timeline.seconds) < 0.03


def test_only_phrases_whose_numbers_changed_are_synthesised(tmp_path, short_routine):
    build(
        short_routine, output=OutputSettings(tmp_path / "first")
    )  # warm the cache with the routine as written
    engine = CountingEngine()
    build(
        short_routine,
        output=OutputSettings(tmp_path),
        speech=SpeechSettings(engine=engine),
        options=options(hold="40"),
    )
    assert engine.calls, "new numbers must be spoken"
    # Only the lines that say the new hold, and the session's new length in the intro.
    assert all("40" in text or "minutes." in text for text in engine.calls), engine.calls


def test_hold_scale_multiplies_every_hold_to_a_length_a_coach_would_say(short_routine):
    script = plan(short_routine, options(hold_scale=1.5))
    # 7, 7, 4, 3, 5, 5 times 1.5, on lengths a coach would say: 5 s steps from 10 s.
    assert [s for _, s in windows(script, "hold")] == [10, 10, 6, 5, 8, 8]
    assert {s for _, s in windows(script, "rep")} == {4}  # 2.5 -> 3.75 -> 4
    assert "3 reps, holding each for 4 seconds." in spoken(script)


def test_reps_sets_rest_and_prepare_for_every_exercise(short_routine):
    script = plan(short_routine, options(reps="4", sets="2", rest="20", prepare="6"))
    assert len(windows(script, "rep")) == 4 * 2
    assert [s for label, s in windows(script, "rest") if label == "rest"] == [20, 20, 20, 20]
    assert "Rest, 20 seconds. Next: Squeeze, sitting." in [
        o.sound.text
        for c in script.cues
        if isinstance(c.item, Window)
        for o in c.item.overlays
        if isinstance(o.sound, Say)
    ]
    ready = [s for _, s in windows(script, "prepare")]
    assert min(ready) == 4 and 6 in ready  # switch windows keep their own length


@pytest.mark.parametrize("selector", ["chin-tuck", "chin", "5"])
def test_set_one_exercise_by_name_prefix_or_number(short_routine, selector):
    script = plan(short_routine, options(assignments=(f"{selector}.hold=12", f"{selector}.sets=3")))
    assert [s for label, s in windows(script, "hold") if label.startswith("Chin tuck")] == [
        12,
        12,
        12,
    ]
    assert [s for label, s in windows(script, "hold") if label.startswith("Wall lean")] == [7, 7]


def test_level_picks_from_ranges_and_overrides_can_be_ranges(short_routine):
    gentle = plan(short_routine, options("gentle", assignments=("wall-lean.hold=20-30",)))
    strong = plan(short_routine, options("strong", assignments=("wall-lean.hold=20-30",)))
    assert windows(gentle, "hold")[0][1] == 20 and windows(strong, "hold")[0][1] == 30


def test_profile_precedence(tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text(
        "level: gentle\n"
        "hold: 20\n"
        "exercises:\n"
        "  wall-lean: {hold: 25}\n"
        "routines:\n"
        "  short:\n"
        "    sets: 2\n"
        "    exercises:\n"
        "      arm-press: {hold: 9}\n"
    )
    saved = load_profile(profile)
    routine = load_routine(SHORT)
    base = Options(level=saved.level, layers=saved.layers)
    holds = dict(windows(plan(routine, base), "hold"))
    assert holds["Wall lean (set 1 of 2, left side)"] == 25  # profile exercise beats profile global
    assert holds["Arm press (set 1 of 2), position 1"] == 9  # routine section beats the global one
    assert holds["Chin tuck (set 1 of 2)"] == 20
    cli_wins = Options(
        level="strong",
        layers=(
            *saved.layers,
            *read_flags({"hold": "30"}).layers,
        ),
    )
    holds = dict(windows(plan(routine, cli_wins), "hold"))
    assert (
        holds["Wall lean (set 1 of 2, left side)"] == 30
    )  # the command line beats the whole profile
    assert holds["Arm press (set 1 of 2), position 1"] == 30
    result = run("plan", SHORT, "--profile", str(profile), "--set", "1.hold=33")
    assert result.exit_code == 0, result.stderr
    assert "Wall lean: hold 7 -> 33  (--set 1.hold=33)" in result.stdout
    assert "Chin tuck: hold 5 -> 20  (" + str(profile) + ":2:7)" in result.stdout
    assert "Arm press: sets 1 -> 2  (" + str(profile) + ":7:11)" in result.stdout


def test_plan_marks_overridden_lengths():
    result = run("plan", SHORT, "--set", "chin-tuck.hold=9", "--rest", "6")
    marked = [line.split(None, 3) for line in result.stdout.splitlines() if "s* " in line]
    assert [(length, kind, what) for _, length, kind, what in marked] == [
        ("6.00s*", "rest", "rest"),
        ("6.00s*", "rest", "rest"),
        ("6.00s*", "rest", "rest"),
        ("6.00s*", "rest", "rest"),
        ("9.00s*", "hold", "Chin tuck (set 1 of 2)"),
        ("9.00s*", "hold", "Chin tuck (set 2 of 2)"),
    ]
    unmarked_rest = [line for line in result.stdout.splitlines() if "rest after set 1" in line]
    assert len(unmarked_rest) == 1 and "3.00s " in unmarked_rest[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--set", "chin-tuk.hold=9"),
            "--set chin-tuk.hold=9: no exercise 'chin-tuk' in short; did you mean 'chin-tuck'?",
        ),
        (("--set", "9.hold=9"), "--set 9.hold=9: short has exercises 1 to 5, not 9"),
        (
            ("--set", "chin-tuck.hodl=9"),
            "--set chin-tuck.hodl=9: unknown key 'hodl' in exercise 'chin-tuck'; did you mean 'hold'?",
        ),
        (
            ("--set", "chin-tuck.hold=-4"),
            "--set chin-tuck.hold=-4: hold must be a positive number or a range like '10-15', got '-4'",
        ),
        (("--set", "chin-tuck.hold"), "--set chin-tuck.hold: write EXERCISE.FIELD=VALUE"),
        (
            ("--set", "wall-lean.tempo=2"),
            "--set wall-lean.tempo=2: 'Wall lean' has no paced reps; tempo applies to reps without a hold",
        ),
        (
            ("--set", "arm-press.reps=5"),
            "--set arm-press.reps=5: 'Arm press' is a hold in several positions; it has no reps",
        ),
        (
            ("--set", "reach.hold=3"),
            "--set reach.hold=3: 'Reach' is paced by tempo; set its tempo instead of a hold",
        ),
        (
            ("--hold", "30-10"),
            "--hold 30-10: hold range must go from low to high, got 30-10; write '10-30'",
        ),
        (("--hold", "5000"), "--hold 5000: hold 5000 seconds is over the limit of 600 seconds"),
        (("--reps", "2.5"), "--reps 2.5: reps must be a whole number, got '2.5'"),
        (("--prepare", "1"), "--prepare 1: prepare must be at least 3 seconds"),
        (
            ("--hold-scale", "0"),
            "--hold-scale 0: hold-scale must be a factor between 0.1 and 10, like 1.5",
        ),
        (
            ("--set", "a.hold=1", "--name", "x/../y"),
            "--name x/../y: use letters, digits, spaces, dots, dashes or underscores",
        ),
        (("--suffix", "/etc"), "--suffix /etc: use letters, digits, dots, dashes or underscores"),
    ],
)
def test_bad_overrides_are_one_line_and_exit_2(tmp_path, args, message):
    command = "build" if ("--name" in args or "--suffix" in args) else "plan"
    extra = ("-o", str(tmp_path)) if command == "build" else ()
    result = run(command, SHORT, *extra, *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("voiceguide: error: " + message), result.stderr
    assert result.stderr.count("\n") == 1
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("hodl: 30\n", "me.yaml:1:1: unknown key 'hodl' in a profile; did you mean 'hold'?"),
        ("hold: -3\n", "me.yaml:1:7: hold must be positive, got -3"),
        ("level: hard\n", "me.yaml:1:8: level 'hard' is not known"),
        (
            "exercises:\n  chin-tuck: {hold: 5, reps: x}\n",
            "me.yaml:2:30: reps must be a whole number",
        ),
        (
            "exercises:\n  chin-tuck: {holds: 5}\n",
            "me.yaml:2:15: unknown key 'holds' in exercise 'chin-tuck'; did you mean 'hold'?",
        ),
        ("exercises:\n  nope: {hold: 5}\n", "me.yaml:2:16: no exercise 'nope' in short"),
        ("hold-scale: lots\n", "me.yaml:1:13: hold-scale must be a factor between 0.1 and 10"),
        (
            "routines:\n  short: {rest: [1]}\n",
            "me.yaml:2:17: rest must be a number or a range like '10-15', got a list",
        ),
    ],
)
def test_bad_profiles_name_the_line(tmp_path, text, message):
    profile = tmp_path / "me.yaml"
    profile.write_text(text)
    result = run("plan", SHORT, "--profile", str(profile))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"voiceguide: error: {tmp_path}/{message}"), result.stderr
    assert result.stderr.count("\n") == 1


def test_variants_sit_side_by_side(tmp_path):
    assert run("build", SHORT, "-o", str(tmp_path)).exit_code == 0
    assert (
        run("build", SHORT, "-o", str(tmp_path), "--hold", "10", "--suffix", "-10s").exit_code == 0
    )
    assert (
        run(
            "build", SHORT, "-o", str(tmp_path), "--level", "strong", "--name", "my short.mp3"
        ).exit_code
        == 0
    )
    assert sorted(p.name for p in tmp_path.glob("*.mp3")) == [
        "my short.mp3",
        "short-10s.mp3",
        "short.mp3",
    ]
    assert sorted(p.name for p in tmp_path.glob("*.vtt")) == [
        "my short.vtt",
        "short-10s.vtt",
        "short.vtt",
    ]
    lengths = {p.name: len(decode(p)) for p in tmp_path.glob("*.mp3")}
    assert lengths["short-10s.mp3"] > lengths["short.mp3"]


def test_name_needs_a_single_routine(tmp_path):
    result = run("build", "-o", str(tmp_path), "--name", "x")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "voiceguide: error: --name: a name names one file; with several routines give a suffix\n"
    )


def test_a_setting_that_matches_in_any_built_routine_is_accepted(tmp_path):
    # Bird dog is in only one bundled routine; building all of them must still accept it.
    from voiceguide.library import all_bundled
    from voiceguide.settings.options import check_overrides

    routines = all_bundled()
    opts = options(assignments=("bird-dog.reps=4",))
    check_overrides(routines, opts)
    with pytest.raises(OverrideError, match="no exercise 'bird-dgo'"):
        check_overrides(routines, options(assignments=("bird-dgo.reps=4",)))
    jo = next(r for r in routines if r.slug == "stretch-and-strengthen")
    resolved, changes = apply(jo, opts.for_routine(jo))
    assert [(c.exercise, c.after) for c in changes] == [("Bird dog", "4")]
    assert next(e for e in resolved.exercises if e.name == "Bird dog").reps.pick() == 4


def test_when_one_build_of_a_batch_fails_the_others_stop(tmp_path):
    """Queued builds never start and running ones stop at their next step, leaving nothing."""
    from voiceguide.library import all_bundled
    from voiceguide.pipeline.batch import build_all
    from voiceguide.pipeline.build import OutputSettings

    routines = all_bundled()
    started = []

    class Refused(Exception):
        pass

    def progress(number, of, routine, step):
        if step.stage == "start":
            started.append(routine.slug)
            if len(started) == 1:  # the first build to start fails at once
                raise Refused()

    with pytest.raises(Refused):
        build_all(routines, output=OutputSettings(tmp_path), jobs=2, progress=progress)
    assert len(started) < len(routines), started
    assert not list(tmp_path.glob("*")), list(tmp_path.iterdir())
