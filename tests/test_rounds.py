"""Blocks of rounds (circuits): reading, planning, overrides, the sheet, and the built audio."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from audio_probe import RATE, decode, tone_onsets
from helpers import FIXTURES

from voiceguide.cli.shared import read_flags
from voiceguide.errors import LocatedErrors, SettingError
from voiceguide.planning.planner import plan
from voiceguide.routine.reader import load_routine, parse_routine
from voiceguide.script import Window, spoken_texts
from voiceguide.settings.options import Options, OverrideError
from voiceguide.settings.profile import parse_profile

TOLERANCE = 0.010  # seconds: DESIGN.md's promise for hold timing
CIRCUIT = FIXTURES / "rounds" / "circuit.yaml"


@pytest.fixture(scope="module")
def circuit():
    return load_routine(CIRCUIT)


def options(**given) -> Options:
    return read_flags(
        {("exercises" if k == "assignments" else k): v for k, v in given.items()}
    ).options


# --- reading ------------------------------------------------------------------------------


def test_a_block_keeps_every_exercise_once_in_the_flat_list(circuit):
    assert [e.name for e in circuit.exercises] == [
        "Wall angel", "Squat", "Band pull-apart", "Child's pose",
    ]  # fmt: skip
    (block,) = circuit.blocks
    assert (block.first, block.size, block.rounds.low, block.rest.low) == (1, 2, 3, 8)
    assert block.line == 9
    assert [circuit.block_of(i) is block for i in range(4)] == [False, True, True, False]


BAD = """\
title: Bad
exercises:
  - rounds: 0
    rset: 6
    exercises:
      - {name: Squat, position: standing, say: Feet apart., hold: 2}
      - rounds: 2
        exercises: []
  - rounds: 2
  - rounds: 2
    exercises: []
  - exercises:
      - {name: Lunge, position: standing, say: Step forward., hold: 2}
  - rounds: 60
    exercises:
      - {name: Plank, position: lying, say: On your forearms., hold: 2}
"""


def test_every_problem_of_a_block_is_named_at_its_place():
    with pytest.raises(LocatedErrors) as caught:
        parse_routine(BAD, "bad.yaml")
    assert caught.value.lines() == [
        "bad.yaml:3:13: rounds must be positive, got 0",
        "bad.yaml:4:5: unknown key 'rset' in a block of rounds; did you mean 'rest'?",
        "bad.yaml:7:9: a block of rounds cannot hold another block; list its exercises here",
        "bad.yaml:9:5: a block of rounds needs 'exercises', the list of what each round does",
        "bad.yaml:11:16: a block's 'exercises' must be a non-empty list",
        "bad.yaml:12:5: a block of rounds needs 'rounds' (how many times through)",
        "bad.yaml:14:13: rounds 60 is over the limit of 50",
    ]


def test_the_exercise_limit_counts_the_exercises_inside_blocks():
    one = "      - {{name: E{n}, position: standing, say: Stand., hold: 2}}\n"
    text = "title: Many\nexercises:\n  - rounds: 2\n    exercises:\n" + "".join(
        one.format(n=n) for n in range(101)
    )
    with pytest.raises(LocatedErrors) as caught:
        parse_routine(text, "many.yaml")
    assert caught.value.lines() == [
        "many.yaml:105:9: 101 exercises; a routine holds at most 100, split it into several"
    ]


# --- planning -----------------------------------------------------------------------------


def exercise_order(script) -> list[tuple[str, int]]:
    """(exercise, round) of each hold, in the order heard."""
    return [
        (c.exercise, c.round)
        for c in script.cues
        if isinstance(c.item, Window) and c.item.kind == "hold"
    ]


def test_a_block_is_done_round_after_round_in_order(circuit):
    script = plan(circuit)
    assert exercise_order(script) == [
        ("Wall angel", 0),
        ("Squat", 1), ("Band pull-apart", 1),
        ("Squat", 2), ("Band pull-apart", 2),
        ("Squat", 3), ("Band pull-apart", 3),
        ("Child's pose", 0),
    ]  # fmt: skip


def test_rounds_are_announced_and_the_rest_between_them_previews_the_next(circuit):
    lines = spoken_texts(plan(circuit))
    assert lines[2].startswith("4 exercises, 2 of them in 3 rounds, about ")
    start = lines.index("Round 1 of 3.")
    assert lines[start - 1] == "Rest, 3 seconds. Next: Squat."
    assert lines[start + 1] == "Exercise 2, out of 4: Squat."
    assert lines[start + 2] == "Feet apart, sit back."  # round 1: set-up said in full
    second = lines.index("Round 2 of 3.")
    assert lines[second - 1] == "Rest, 8 seconds. Next, round 2: Squat."
    assert lines[second + 1 : second + 3] == ["Squat.", "Hold for 2.5 seconds."]
    assert "Feet apart, sit back." not in lines[second:]  # later rounds: the name is enough
    last = lines.index("Last round.")
    assert lines[last - 1] == "Rest, 8 seconds. Next, round 3: Squat."
    assert lines.count("Rest, 3 seconds. Next: Band pull-apart.") == 3
    after = lines.index("Rest, 3 seconds. Next: Child's pose, kneeling.")
    assert after > last and lines[after + 1] == "Last exercise: Child's pose."
    assert "Round 3 of 3." not in lines


def rests(script) -> list[tuple[str, float]]:
    return [
        (c.item.label, c.item.seconds)
        for c in script.cues
        if isinstance(c.item, Window) and c.item.kind == "rest"
    ]


def test_rest_lengths_between_exercises_and_between_rounds(circuit):
    assert rests(plan(circuit)) == [
        ("rest", 3), ("rest", 3),
        ("rest before round 2 of 3", 8), ("rest", 3),
        ("rest before round 3 of 3", 8), ("rest", 3),
        ("rest", 3),
    ]  # fmt: skip


def test_a_block_without_its_own_rest_rests_as_between_exercises(circuit):
    text = CIRCUIT.read_text().replace("    rest: 8\n", "")
    script = plan(parse_routine(text, "c.yaml"), options(rest="7"))
    between_rounds = [r for r in rests(script) if r[0].startswith("rest before round")]
    assert between_rounds == [("rest before round 2 of 3", 7), ("rest before round 3 of 3", 7)]
    overridden = [c.item.overridden for c in script.cues if isinstance(c.item, Window)]
    assert any(overridden)


def test_the_last_exercise_in_a_block_is_called_last_only_in_the_last_round():
    text = CIRCUIT.read_text().split("  - name: Child's pose")[0]
    lines = spoken_texts(plan(parse_routine(text, "c.yaml")))
    assert "Exercise 3, out of 3: Band pull-apart." in lines
    assert "Last exercise: Band pull-apart." not in lines
    last_round = lines[lines.index("Last round.") :]
    assert last_round[:3] == ["Last round.", "Squat.", "Hold for 2.5 seconds."]
    assert "Band pull-apart." in last_round


def test_window_labels_name_the_round(circuit):
    labels = [c.item.label for c in plan(circuit).cues if isinstance(c.item, Window)]
    assert "Squat (round 2 of 3)" in labels
    assert "Band pull-apart (round 3 of 3)" in labels


# --- overrides ----------------------------------------------------------------------------


def test_rounds_for_every_block_and_for_one_block(circuit):
    assert exercise_order(plan(circuit, options(rounds="2"))).count(("Squat", 2)) == 1
    assert ("Squat", 3) not in exercise_order(plan(circuit, options(rounds="2")))
    by_name = plan(circuit, options(assignments=("band.rounds=4",)))
    assert ("Band pull-apart", 4) in exercise_order(by_name)
    (change,) = by_name.changes
    assert (change.exercise, change.field, change.before, change.after) == (
        "Squat", "rounds", "3", "4",
    )  # fmt: skip


def test_one_round_plays_the_block_once_without_round_lines(circuit):
    script = plan(circuit, options(rounds="1"))
    lines = spoken_texts(script)
    assert not [line for line in lines if "ound" in line]
    assert [r for r, _ in rests(script)] == ["rest"] * 3


FLAT = """\
title: Flat
exercises:
  - {name: Squat, position: standing, say: Feet apart., hold: 2}
  - {name: Plank, position: lying, say: On your forearms., hold: 2}
"""


def test_rounds_on_a_routine_without_blocks_repeat_the_whole_routine():
    routine = parse_routine(FLAT, "flat.yaml")
    assert routine.blocks == ()
    script = plan(routine, options(rounds="2"))
    assert exercise_order(script) == [("Squat", 1), ("Plank", 1), ("Squat", 2), ("Plank", 2)]
    lines = spoken_texts(script)
    assert lines[2].startswith("2 exercises, all in 2 rounds, ")
    assert "Rest, 15 seconds. Next, round 2: Squat, standing." in lines
    assert [e.name for e in plan(routine).exercises] == ["Squat", "Plank"]


def test_rounds_for_an_exercise_outside_any_block_is_refused(circuit):
    with pytest.raises(OverrideError, match="'Wall angel' is not in a block of rounds"):
        plan(circuit, options(assignments=("wall.rounds=2",)))


def test_a_profile_sets_rounds_for_all_and_for_one_block(circuit):
    profile = parse_profile("rounds: 2\nexercises:\n  squat: {rounds: 5}\n", "me.yaml")
    script = plan(circuit, Options(layers=profile.layers))
    assert ("Squat", 5) in exercise_order(script)
    assert ("Squat", 6) not in exercise_order(script)


def test_set_rounds_parses_as_a_count():
    (setting,) = read_flags({"exercises": ("squat.rounds=4",)}).layers[0].settings
    assert setting.value.low == 4
    with pytest.raises(SettingError, match="whole number"):
        read_flags({"exercises": ("squat.rounds=2.5",)})


# --- the sheet ----------------------------------------------------------------------------


def test_the_sheet_heads_the_block_with_its_rounds_and_rest(circuit):
    from voiceguide.export.sheet import sheet
    from voiceguide.export.sheet_html import sheet_html
    from voiceguide.pipeline.estimate import timeline_for
    from voiceguide.speech import Voice

    script = plan(circuit, options(assignments=("squat.rounds=4",)))
    timeline, _ = timeline_for(script, voice=Voice())
    page = sheet(script, timeline, "")
    headings = [e.rounds for e in page.exercises]
    assert headings == [None, "4 rounds of exercises 2 to 3, rest 8 s between rounds", None, None]
    assert [e.in_rounds for e in page.exercises] == [False, True, True, False]
    html = sheet_html(page)
    assert html.count('<li class="exercise in-rounds">') == 2
    assert '<li class="rounds">4 rounds of exercises 2 to 3' in html


# --- the built track ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory, circuit):
    from voiceguide.pipeline.build import OutputSettings, build

    out = tmp_path_factory.mktemp("rounds-out")
    result = build(circuit, output=OutputSettings(out))
    return result, decode(result.path)


def test_every_hold_of_every_round_is_exact_tone_to_tone(built):
    result, audio = built
    starts, ends = tone_onsets(audio, "start"), tone_onsets(audio, "end")
    holds = [e for e in result.timeline.events if e.kind == "hold"]
    assert [(h.exercise, h.round) for h in holds] == [
        ("Wall angel", 0),
        ("Squat", 1), ("Band pull-apart", 1),
        ("Squat", 2), ("Band pull-apart", 2),
        ("Squat", 3), ("Band pull-apart", 3),
        ("Child's pose", 0),
    ]  # fmt: skip
    assert len(starts) == len(ends) == len(holds)
    measured = [end - start for start, end in zip(starts, ends, strict=True)]
    assert [h.length / RATE for h in holds] == [3, 2.5, 2, 2.5, 2, 2.5, 2, 3]
    assert np.allclose(measured, [3, 2.5, 2, 2.5, 2, 2.5, 2, 3], atol=TOLERANCE), measured


def test_the_rest_between_rounds_lasts_its_planned_length(built):
    """The rest window is 8 s in the timeline; in the decoded audio, the stretch from the
    end tone before it to the first pip after it is where the timeline puts it (to 10 ms),
    and the rest is silent once its announcement ends."""
    result, audio = built
    events = result.timeline.events
    between = [e for e in events if e.kind == "rest" and e.text.startswith("rest before round")]
    assert [e.length / RATE for e in between] == [8, 8]
    ends, pips = tone_onsets(audio, "end"), tone_onsets(audio, "pip")
    planned_ends = [e.start / RATE for e in events if e.kind == "tone" and e.text == "end"]
    planned_pips = [e.start / RATE for e in events if e.kind == "tone" and e.text == "pip"]
    assert len(ends) == len(planned_ends) and len(pips) == len(planned_pips)
    for rest in between:
        start, stop = rest.start / RATE, rest.end / RATE
        before = max(i for i, t in enumerate(planned_ends) if t < start)
        after = min(i for i, t in enumerate(planned_pips) if t > stop)
        assert abs((pips[after] - ends[before]) - (planned_pips[after] - planned_ends[before])) < (
            TOLERANCE
        )
        (announcement,) = [e for e in events if e.kind == "speech" and e.start == rest.start]
        assert announcement.text.startswith("Rest, 8 seconds. Next, round ")
        quiet = audio[announcement.end + RATE // 50 : rest.end - RATE // 100]
        assert len(quiet) > RATE and np.sqrt(np.mean(quiet**2)) < 1e-3


def test_chapters_cover_every_exercise_of_every_round_in_order(built):
    from mutagen.id3 import ID3

    result, audio = built
    tags = ID3(result.path)
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    titles = [c.sub_frames["TIT2"].text[0] for c in chaps]
    assert titles == [
        "Introduction", "Wall angel",
        "Squat (round 1)", "Band pull-apart (round 1)",
        "Squat (round 2)", "Band pull-apart (round 2)",
        "Squat (round 3)", "Band pull-apart (round 3)",
        "Child's pose", "Close",
    ]  # fmt: skip
    bounds = [(c.start_time / 1000, c.end_time / 1000) for c in chaps]
    assert bounds[0][0] == 0 and abs(bounds[-1][1] - len(audio) / RATE) < 0.002
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    # Each exercise chapter holds that exercise's hold, as heard: its start tone.
    starts = tone_onsets(audio, "start")
    assert [sum(lo <= t < hi for t in starts) for lo, hi in bounds] == [0] + [1] * 8 + [0]
    data = json.loads(result.path.with_suffix(".json").read_text())
    assert [c.get("round", 0) for c in data["chapters"]] == [0, 0, 1, 1, 2, 2, 3, 3, 0, 0]


def test_plan_command_shows_the_rounds_and_the_override():
    from click.testing import CliRunner

    from voiceguide.cli import cli

    done = CliRunner().invoke(cli, ["plan", str(CIRCUIT), "--rounds", "2"])
    assert done.exit_code == 0, done.output
    assert "  Squat: rounds 3 -> 2  (--rounds)" in done.output
    assert "Round 1 of 2." in done.output and "Last round." in done.output
    assert "Squat (round 2 of 2)" in done.output
    assert "round 3" not in done.output
    bad = CliRunner().invoke(cli, ["plan", str(CIRCUIT), "--set", "child.rounds=2"])
    assert bad.exit_code == 2
    assert "--set child.rounds=2: 'Child's pose' is not in a block of rounds" in bad.output


def test_the_web_page_says_it_leaves_a_profiles_rounds_out(circuit):
    from voiceguide.web.settings import values_from_profile

    profile = parse_profile("rounds: 2\nexercises:\n  squat: {rounds: 5}\n", "me.yaml")
    _values, notes = values_from_profile(circuit, profile)
    assert notes == [
        "me.yaml:1:9: rounds has no field on this page; it is left out here",
        "me.yaml:3:19: rounds for 'squat' has no field on this page; it is left out here",
    ]
