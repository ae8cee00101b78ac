"""The planner's timing rules, checked on the script and on a timeline with fixed clip lengths."""

import pytest

from voiceguide.audio.format import SAMPLE_RATE
from voiceguide.language import phrase_book
from voiceguide.planning.layout import layout
from voiceguide.planning.planner import Say, Tone, Window, plan
from voiceguide.routine.reader import parse_routine
from voiceguide.script import spoken_texts
from voiceguide.settings.options import Options


def routine(exercises: str, defaults: str = "{prepare: 5, rest: 15}"):
    return parse_routine(f"title: T\ndefaults: {defaults}\nexercises:\n{exercises}", "t.yaml")


HOLD = """\
  - name: Doorway stretch
    position: standing
    say: Lean into the doorway.
    hold: 15-30
"""
SIDES = """\
  - name: Neck tilt
    position: sitting
    say: Tilt your head.
    hold: 20
    sides: both
    sets: 2
"""


def windows(script, kind: str) -> list[Window]:
    return [c.item for c in script.cues if isinstance(c.item, Window) and c.item.kind == kind]


@pytest.mark.parametrize(("level", "seconds"), [("gentle", 15), ("standard", 20), ("strong", 30)])
def test_the_voice_speaks_the_value_in_force(level, seconds):
    script = plan(routine(HOLD), Options(level=level))
    assert f"Hold for {seconds} seconds." in spoken_texts(script)
    assert [w.seconds for w in windows(script, "hold")] == [seconds]


def test_seconds_are_spoken_naturally():
    book = phrase_book()
    assert book.duration(45) == "45 seconds"
    assert book.duration(1) == "1 second"
    assert book.duration(90) == "1 minute 30 seconds"
    assert book.duration(2.5) == "2.5 seconds"


def test_both_sides_get_the_full_time_and_a_switch():
    script = plan(routine(SIDES))
    holds = windows(script, "hold")
    assert [w.seconds for w in holds] == [20, 20, 20, 20]
    # Each set on the left, then the right, and every set announced the same way.
    assert [w.label for w in holds] == [
        "Neck tilt (set 1 of 2, left side)",
        "Neck tilt (set 1 of 2, right side)",
        "Neck tilt (set 2 of 2, left side)",
        "Neck tilt (set 2 of 2, right side)",
    ]
    lines = spoken_texts(script)
    start = lines.index("Hold for 20 seconds on each side.")
    assert lines[start : start + 3] == [
        "Hold for 20 seconds on each side.",
        "Start on the left.",
        "2 sets, with 15 seconds rest between.",
    ]
    rest = lines.index("Rest, 15 seconds.")
    assert lines[rest : rest + 3] == ["Rest, 15 seconds.", "Last set.", "Left side."]
    switches = [t for t in lines if "right side" in t]
    assert switches == ["Switch to the right side."] * 2  # worded alike in every set


def test_every_hold_has_pips_then_start_then_end():
    script = plan(routine(HOLD))
    cues = [c.item for c in script.cues]
    hold_at = next(
        i for i, item in enumerate(cues) if isinstance(item, Window) and item.kind == "hold"
    )
    ready, hold, end = cues[hold_at - 1], cues[hold_at], cues[hold_at + 1]
    assert ready.kind == "prepare"
    assert [(o.at, o.sound) for o in ready.overlays] == [
        (ready.seconds - 3, Tone("pip")),
        (ready.seconds - 2, Tone("pip")),
        (ready.seconds - 1, Tone("pip")),
    ]
    assert (hold.overlays[0].at, hold.overlays[0].sound) == (0, Tone("start"))
    assert end == Tone("end")
    last_pips = [o.at for o in hold.overlays if o.sound == Tone("pip")]
    assert last_pips == [hold.seconds - 3, hold.seconds - 2, hold.seconds - 1]


def test_a_change_of_position_lengthens_the_get_ready_window():
    two = HOLD + SIDES.replace("position: sitting", "position: lying")
    script = plan(routine(two, "{prepare: 5, rest: 15, transition: 10}"))
    ready = [w.seconds for w in windows(script, "prepare")]
    assert ready[0] == 15  # the first exercise: the listener has to get down there
    assert ready[1] == 15  # standing -> lying
    assert ready[2] == 5  # same position, after the switch: the switch window
    assert "Rest, 15 seconds. Next: Neck tilt, lying down." in spoken_texts(script)


def test_rests_preview_the_next_exercise_and_the_routine_closes():
    script = plan(routine(HOLD + SIDES))
    assert "Rest, 15 seconds. Next: Neck tilt, sitting." in spoken_texts(script)
    assert script.cues[-1].item == Tone("complete")
    assert isinstance(script.cues[-2].item, Say)


def test_reps_are_counted_aloud():
    text = """\
  - name: Bird dog
    position: all-fours
    say: Reach arm and leg.
    reps: 2
    sides: alternate
  - name: T raise
    position: lying
    say: Lift your arms.
    reps: 3
    hold: 2
"""
    script = plan(routine(text))
    lines = spoken_texts(script)
    assert [t for t in lines if "left" in t or "right" in t][-4:] == [
        "1, left",
        "1, right",
        "2, left",
        "2, right",
    ]
    assert [w.seconds for w in windows(script, "rep")] == [2, 2, 2]
    assert {"1", "2", "Last one."} <= set(lines) and "3" not in lines
    assert "3 reps, holding each for 2 seconds." in lines
    assert "2 reps on each side, changing sides each time." in lines


def test_layout_keeps_holds_exact_and_drops_cues_that_do_not_fit():
    # A 15 s hold has "5 seconds left" at 10 s; make speech 4 s long so it cannot end before the pip at 12 s.
    script = plan(routine(HOLD), Options(level="gentle"))

    def length_of(sound):
        return SAMPLE_RATE * (4 if isinstance(sound, Say) else 0.2)

    timeline = layout(script, lambda s: int(length_of(s)), rate=SAMPLE_RATE)
    hold = next(e for e in timeline.events if e.kind == "hold")
    assert hold.length == 15 * SAMPLE_RATE
    start = next(e for e in timeline.events if e.text == "start")
    end = next(e for e in timeline.events if e.text == "end")
    assert (start.start, end.start) == (hold.start, hold.start + 15 * SAMPLE_RATE)
    assert any("5 seconds left" in w for w in timeline.warnings)
    assert not any(e.text == "5 seconds left." for e in timeline.events)


def test_total_length_is_the_sum_of_the_parts():
    script = plan(routine(HOLD + SIDES))
    timeline = layout(script, lambda s: SAMPLE_RATE, rate=SAMPLE_RATE)
    sounds_and_windows = [e for e in timeline.events if e.kind != "tone" or e.text != "pip"]
    assert timeline.length >= max(e.end for e in sounds_and_windows)
    starts = [e.start for e in timeline.events]
    assert starts == sorted(starts)
