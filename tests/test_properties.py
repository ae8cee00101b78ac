"""Properties over many generated inputs (hypothesis): the loader only ever reports a
LocatedError, and every valid routine plans into an ordered timeline with exact holds."""

from __future__ import annotations

import itertools

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from voiceguide.audio.format import SAMPLE_RATE, samples
from voiceguide.audio.sounds import overlaps
from voiceguide.errors import LocatedError
from voiceguide.planning.layout import PAUSE_AFTER_TONE, layout
from voiceguide.planning.planner import PAUSE_AFTER_SPEECH, Say, Tone, Window, plan
from voiceguide.routine.reader import parse_routine
from voiceguide.settings.options import Options

GOOD = (
    "title: T\ndefaults: {prepare: 5, rest: 10}\nexercises:\n"
    "  - name: Lean\n    position: sitting\n    say: Lean back.\n    hold: 30\n    sets: 2\n"
    "  - name: Lift\n    position: lying\n    say: [Lift., Lower.]\n    reps: 10-15\n    hold: 2-3\n"
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
@example("{}")  # two problems: no title, no exercises
def test_any_text_is_a_routine_or_routine_errors_a_line_each(text):
    try:
        parse_routine(text, "fuzz.yaml")
    except LocatedError as err:
        # One line per problem, each naming the file (issue 15: every problem at once).
        lines = err.lines()
        assert 1 <= len(lines) <= len(err.problems) + 1
        for problem, line in zip(err.problems, lines, strict=False):
            assert "\n" not in str(problem) and line == str(problem)
            assert line.startswith("fuzz.yaml")


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(GOOD) - 1), st.integers(0, 40), st.text(max_size=12))
def test_any_edit_of_a_good_routine_is_fine_or_one_routine_error(at, cut, insert):
    text = GOOD[:at] + insert + GOOD[at + cut :]
    try:
        parse_routine(text, "edit.yaml")
    except LocatedError as err:
        assert err.line >= 1 and err.column >= 1


amounts = st.one_of(
    st.integers(1, 90),
    st.tuples(st.integers(1, 40), st.integers(0, 40)).map(lambda t: f"{t[0]}-{t[0] + t[1]}"),
)
counts = st.one_of(
    st.integers(1, 12),
    st.tuples(st.integers(1, 8), st.integers(0, 6)).map(lambda t: f"{t[0]}-{t[0] + t[1]}"),
)


@st.composite
def exercises(draw, index: int):
    ex = {
        "name": f"Exercise {index}",
        "position": draw(
            st.sampled_from(["sitting", "standing", "lying", "kneeling", "all-fours"])
        ),
        "say": "Get into position.",
        "sides": draw(st.sampled_from(["none", "both", "alternate"])),
    }
    kind = draw(st.sampled_from(["hold", "held reps", "paced reps", "positions"]))
    if kind == "hold":
        ex["hold"] = draw(amounts)
    elif kind == "held reps":
        ex["reps"], ex["hold"] = draw(counts), draw(st.integers(1, 6))
    elif kind == "paced reps":
        ex["reps"], ex["tempo"] = draw(counts), draw(st.integers(1, 5))
    else:
        ex["positions"] = [
            {"say": f"Position {i}.", "hold": draw(amounts)} for i in range(draw(st.integers(1, 3)))
        ]
    if draw(st.booleans()):
        ex["sets"] = draw(st.integers(1, 3))
    return ex


@st.composite
def routines(draw):
    count = draw(st.integers(1, 4))
    data = {
        "title": "Generated",
        "defaults": {
            "prepare": draw(st.integers(3, 8)),
            "rest": draw(st.integers(1, 20)),
            "switch": draw(st.integers(3, 6)),
        },
        "exercises": [draw(exercises(i)) for i in range(count)],
    }
    return parse_routine(yaml.safe_dump(data), "generated.yaml")


def _length(sound) -> int:
    # Speech of a length that depends on the text; tones of fixed lengths.
    return (
        {"pip": 4851, "start": 13230, "end": 19845, "complete": 64827}[sound.name]
        if isinstance(sound, Tone)
        else 2000 + 700 * len(sound.text)
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routines(), st.sampled_from(["gentle", "standard", "strong"]))
def test_every_valid_routine_plans_into_an_exact_ordered_timeline(routine, level):
    options = Options(level=level)
    script = plan(routine, options)
    timeline = layout(script, _length, rate=SAMPLE_RATE)
    events = timeline.events
    assert [e.start for e in events] == sorted(e.start for e in events)
    # Windows follow one another and never overlap.
    windows = [e for e in events if not e.is_sound]
    for first, second in itertools.pairwise(windows):
        assert first.end <= second.start
    # Sounds never play together: so each distinct sound can be limited on its own.
    assert not overlaps(timeline)
    # Every timed hold is exactly its value, with its start tone at 0 and end tone at the end.
    starts = {e.start for e in events if e.kind == "tone" and e.text == "start"}
    ends = {e.start for e in events if e.kind == "tone" and e.text == "end"}
    planned = [
        c.item
        for c in script.cues
        if isinstance(c.item, Window) and c.item.kind in ("hold", "rep", "reps")
    ]
    timed = [e for e in windows if e.kind in ("hold", "rep", "reps")]
    assert [e.length for e in timed] == [samples(w.seconds) for w in planned]
    for event in timed:
        assert event.start in starts and event.end in ends
    # Sounds laid over a window stay inside it (except a tone that rings past its end).
    for window in windows:
        for sound in events:
            if (
                sound.is_sound
                and window.start <= sound.start < window.end
                and sound.kind == "speech"
            ):
                assert sound.end <= window.end
    # The total is the sum of the parts.
    total = 0
    for cue in script.cues:
        item = cue.item
        if isinstance(item, Say):
            total += _length(item) + samples(PAUSE_AFTER_SPEECH)
        elif isinstance(item, Tone):
            total += _length(item) + samples(PAUSE_AFTER_TONE)
        else:
            required = [
                samples(o.at) + _length(o.sound) + samples(PAUSE_AFTER_SPEECH)
                for o in item.overlays
                if isinstance(o.sound, Say) and not o.optional
            ]
            total += max([samples(item.seconds), *required])
    assert timeline.length == total
    assert timeline.length / SAMPLE_RATE < 3 * 3600
