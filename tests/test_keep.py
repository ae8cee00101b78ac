"""Files a person keeps: a routine's file with the chosen values written in (validated and
built by the CLI as the routine with the settings was), a programme's file with a patient's
values, and a programme made from a routine with a weekly step."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import FIXTURES

import voiceguide
from voiceguide.cli import cli

SHORT = FIXTURES / "short.yaml"


def _every_value(routine: voiceguide.Routine, **extra: str) -> voiceguide.Settings:
    """Settings that change every field the page offers, for each exercise of `routine`."""
    section: dict[str, dict[str, str]] = {}
    for ex in voiceguide.plan(routine, estimate=False).exercises:
        values = {"sets": "2"}
        if ex.hold is not None or ex.positions:
            values["hold"] = "12"
        if ex.reps is not None:
            values["reps"] = "7"
        section[ex.slug] = values
    return voiceguide.Settings.from_mapping(
        {"level": "strong", "routines": {routine.slug: {"exercises": section, **extra}}}
    )


def _heard(plan: voiceguide.Plan) -> list[object]:
    return [
        dataclasses.replace(c, item=dataclasses.replace(c.item, overridden=False))
        if hasattr(c.item, "overridden")
        else c
        for c in plan.script.cues
    ]


@pytest.mark.parametrize("routine", voiceguide.bundled(), ids=lambda r: r.slug)
def test_a_routine_file_with_values_written_in_plans_as_the_settings_did(routine, tmp_path):
    settings = _every_value(routine, rest="22", prepare="6")
    text = voiceguide.routine_file(routine, settings)
    saved = tmp_path / Path(routine.path).name
    saved.write_text(text)
    alone = voiceguide.load(str(saved))
    level = voiceguide.Settings.from_mapping({"level": "strong"})
    assert _heard(voiceguide.plan(alone, level, estimate=False)) == _heard(
        voiceguide.plan(routine, settings, estimate=False)
    )
    # Every comment and line of the file is kept: values are edited in place.
    original = Path(routine.path).read_text()
    assert [line for line in original.splitlines() if line.lstrip().startswith("#")] == [
        line for line in text.splitlines() if line.lstrip().startswith("#")
    ]
    assert CliRunner().invoke(cli, ["validate", str(saved)]).exit_code == 0


def test_values_go_into_flow_mappings_block_scalars_and_positions(tmp_path):
    text = """title: Written by hand
exercises:
  - {name: Wall lean, position: standing, say: Lean into the wall., hold: 7}
  - name: >
      Long name
    position: sitting
    say: Sit.
    reps: 3
  - name: Arm press
    position: lying
    say: Lie down.
    positions:
      - {say: Arms by your sides. Press., hold: 4}
      - {say: Arms out. Press., hold: 3}
"""
    draft = voiceguide.read_draft(text)
    settings = voiceguide.Settings.from_mapping(
        {
            "routines": {
                draft.slug: {
                    "rest": "9",
                    "exercises": {
                        "wall-lean": {"hold": "11", "sets": "2"},
                        "long-name": {"sets": "3"},
                        "arm-press": {"hold": "6"},
                    },
                }
            }
        }
    )
    written = voiceguide.routine_file(draft, settings, text=text)
    again = voiceguide.read_draft(written)
    assert again.defaults.rest.low == 9
    wall, long, arm = again.exercises
    assert (wall.hold.low, wall.sets.low, wall.rest.low) == (11, 2, 15)  # its sets keep 15 s
    assert (long.reps.low, long.sets.low) == (3, 3)
    assert [s.hold.low for s in arm.positions] == [6, 6]


def test_no_values_chosen_gives_the_file_as_written():
    routine = voiceguide.load(str(SHORT))
    assert voiceguide.routine_file(routine) == SHORT.read_text()


def test_rounds_the_file_cannot_hold_are_refused_with_what_to_do():
    routine = voiceguide.load(str(SHORT))
    settings = voiceguide.Settings.from_mapping({"rounds": "2"})
    with pytest.raises(voiceguide.UserError, match="settings in a file of their own"):
        voiceguide.routine_file(routine, settings)


def test_a_programme_made_from_a_routine_steps_each_hold(tmp_path):
    routine = voiceguide.load(str(SHORT))
    (tmp_path / "short.yaml").write_text(SHORT.read_text())
    text = voiceguide.programme_from_routine(
        routine, weeks=3, routine_name="short.yaml", grow="hold", add=5, up_to=10,
        path=str(tmp_path / "p.yaml"),
    )  # fmt: skip
    saved = tmp_path / "p.yaml"
    saved.write_text(text)
    assert CliRunner().invoke(cli, ["validate", str(saved)]).exit_code == 0
    weeks = voiceguide.programme_weeks(voiceguide.load_programme(str(saved)))
    holds = [[ex.hold for ex in w.tracks[0].plan.exercises if ex.reps is None] for w in weeks]
    # Wall lean 7, 12->10 (held at the ceiling); Chin tuck 5, 10, 10; Reach has reps.
    assert holds[0][:1] == [7] and holds[1][:1] == [10] and holds[2][:1] == [10]
    assert [h[-1] for h in holds] == [5, 10, 10]


def test_a_programme_with_nothing_to_step_is_refused():
    routine = voiceguide.load(str(SHORT))
    with pytest.raises(voiceguide.UserError, match="more than 0"):
        voiceguide.programme_from_routine(routine, weeks=2, routine_name="x", grow="hold", add=0)


def test_a_patients_values_hold_in_every_week(tmp_path):
    programme = voiceguide.load_programme("relief-four-weeks")
    text = voiceguide.programme_file(
        programme, level="strong", values={"head-press": {"hold": "40"}}
    )
    saved = tmp_path / "anna.yaml"
    saved.write_text(text)
    assert CliRunner().invoke(cli, ["validate", str(saved)]).exit_code == 0
    again = voiceguide.load_programme(str(saved))
    weeks = voiceguide.programme_weeks(again)
    assert weeks[0].week.level == "strong"
    for week in weeks:
        chin = [ex for t in week.tracks for ex in t.plan.exercises if ex.slug == "head-press"]
        assert chin and all(ex.hold == 40 for ex in chin)


def test_a_patients_value_that_does_not_fit_names_its_exercise():
    programme = voiceguide.load_programme("relief-four-weeks")
    with pytest.raises(voiceguide.LocatedError, match="no-such"):
        voiceguide.programme_file(programme, values={"no-such": {"hold": "40"}})
