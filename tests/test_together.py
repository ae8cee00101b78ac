"""Sessions joined from several routines: compose.together, include: files, --together."""

from __future__ import annotations

import dataclasses

import pytest

from tests.helpers import FIXTURES
from voiceguide.compose import Part, select, together
from voiceguide.errors import UserError
from voiceguide.options import Layer, Options, Setting, parse_value
from voiceguide.plan import plan
from voiceguide.routine import load_routine
from voiceguide.script import Say, Window

PARTS = FIXTURES / "together"
SITTING = PARTS / "sitting.yaml"
FLOOR = PARTS / "floor.yaml"


def setting(field: str, value: str, exercise: str | None = None) -> Setting:
    return Setting(field, parse_value(field, value, "test"), "test", exercise)


@pytest.fixture(scope="module")
def sitting():
    return load_routine(SITTING)


@pytest.fixture(scope="module")
def floor():
    return load_routine(FLOOR)


@pytest.fixture(scope="module")
def session(sitting, floor):
    return together([Part(sitting), Part(floor)], title="Morning", slug="morning")


def said(script) -> list[str]:
    """Every line the listener hears, laid over windows or not, in order."""
    lines = []
    for cue in script.cues:
        if isinstance(cue.item, Say):
            lines.append(cue.item.text)
        elif isinstance(cue.item, Window):
            lines += [o.sound.text for o in cue.item.overlays if isinstance(o.sound, Say)]
    return lines


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
    lines = said(plan(session))
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
    lines = said(script)
    assert "Rest, 4 seconds. Next: Chin tuck, lying down." in lines  # its position said once


def test_next_across_the_join_names_the_next_parts_first_exercise(sitting, floor):
    joined = together([Part(floor), Part(sitting)], title="x", slug="x")
    lines = said(plan(joined))
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
