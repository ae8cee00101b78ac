"""A rep's count is never dropped for a long `alternate:` name: when the count and the side do
not both fit in the rep, the count is said alone; `validate` warns when they never fit."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from voiceguide.audio.format import SAMPLE_RATE
from voiceguide.cli import cli
from voiceguide.library import all_bundled
from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.planning.layout import layout
from voiceguide.planning.planner import plan
from voiceguide.routine.reader import parse_routine
from voiceguide.script import Say, Tone
from voiceguide.timeline import Timeline

SPANISH = """\
title: Perro de caza
language: es
defaults: {prepare: 5, rest: 5}
exercises:
  - name: Perro de caza
    position: all-fours
    say: Apóyate en manos y rodillas con la espalda plana.
    reps: 3
    alternate: [brazo derecho y pierna izquierda, brazo izquierdo y pierna derecha]
    tempo: 3
  - name: Perro de caza sostenido
    position: all-fours
    say: Apóyate en manos y rodillas con la espalda plana.
    reps: 2
    hold: 3
    alternate: [brazo derecho y pierna izquierda, brazo izquierdo y pierna derecha]
"""
ENGLISH = """\
title: Bird dog
exercises:
  - name: Bird dog
    position: all-fours
    say: On hands and knees, back flat like a table top.
    reps: 3
    alternate: [right arm reaching forward and left leg back, left arm reaching forward and right leg back]
    tempo: 3
"""
# A count said "1" (or "La última.") alone, or with its side after a comma.
CALL = re.compile(r"\d+|\d+, .+|(Last one|La última)(, .+)?\.")


def _by_characters(sound: Say | Tone) -> int:
    """A length that grows with the text: 0.3 s and 0.08 s a character (a name of forty
    characters takes over three seconds, a bare count well under one)."""
    if isinstance(sound, Tone):
        return round(0.2 * SAMPLE_RATE)
    return round((0.3 + 0.08 * len(sound.text)) * SAMPLE_RATE)


def _calls(timeline: Timeline, exercise: str) -> list[list[str]]:
    """What is said in each rep window (or run of paced reps) of `exercise`."""
    found = []
    for window in timeline.events:
        if window.exercise == exercise and window.kind in ("rep", "reps"):
            found.append(
                [
                    e.text
                    for e in timeline.sounds()
                    if e.kind == "speech" and window.start <= e.start < window.end
                ]
            )
    return found


@pytest.mark.parametrize(
    ("text", "exercise", "expected"),
    [
        (SPANISH, "Perro de caza", [["1", "1", "2", "2", "3", "3"]]),
        (SPANISH, "Perro de caza sostenido", [["1"], ["1"], ["2"], ["La última."]]),
        (ENGLISH, "Bird dog", [["1", "1", "2", "2", "3", "3"]]),
    ],
)
def test_a_count_too_long_with_its_side_is_said_alone_never_dropped(text, exercise, expected):
    timeline = layout(plan(parse_routine(text, "r.yaml")), _by_characters, rate=SAMPLE_RATE)
    assert _calls(timeline, exercise) == expected
    assert not [w for w in timeline.warnings if "dropped" in w]
    # One line for the exercise, not one for each rep.
    assert len([w for w in timeline.warnings if w.startswith(f"{exercise}: said ")]) == 1


def test_a_count_and_a_short_side_that_fit_are_said_together():
    short = SPANISH.replace("brazo derecho y pierna izquierda", "derecha").replace(
        "brazo izquierdo y pierna derecha", "izquierda"
    )
    timeline = layout(plan(parse_routine(short, "r.yaml")), _by_characters, rate=SAMPLE_RATE)
    assert _calls(timeline, "Perro de caza") == [
        ["1, derecha", "1, izquierda", "2, derecha", "2, izquierda", "3, derecha", "3, izquierda"]
    ]
    assert timeline.warnings == ()


def test_a_build_speaks_the_count_alone_where_the_whole_call_does_not_fit(tmp_path):
    routine = parse_routine(SPANISH, str(tmp_path / "perro.yaml"))
    result = build(routine, output=OutputSettings(tmp_path / "out", sidecars=False))
    for exercise in ("Perro de caza", "Perro de caza sostenido"):
        calls = [said for window in _calls(result.timeline, exercise) for said in window]
        assert len(calls) == 6 if exercise == "Perro de caza" else 4
        assert all(CALL.fullmatch(said) for said in calls), calls
    # The held reps' three seconds never leave room for the long names: each is counted alone.
    assert _calls(result.timeline, "Perro de caza sostenido") == [
        ["1"],
        ["1"],
        ["2"],
        ["La última."],
    ]
    assert not [w for w in result.timeline.warnings if "dropped" in w]


def test_validate_warns_when_a_side_name_never_fits_with_its_count(tmp_path):
    spanish, english = tmp_path / "perro.yaml", tmp_path / "bird.yaml"
    spanish.write_text(SPANISH)
    english.write_text(ENGLISH)
    result = CliRunner().invoke(cli, ["validate", str(spanish), str(english)])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("voiceguide: warn")]
    assert len(warnings) == 2, result.stderr
    assert warnings[0].startswith(
        f"voiceguide: warning: {spanish}:11: exercise 'Perro de caza sostenido': a rep's count"
    )
    assert warnings[1].startswith(f"voiceguide: warning: {english}:3: exercise 'Bird dog'")
    assert "the count is said alone; shorten the alternate names" in warnings[1]


def test_validate_says_nothing_of_the_bundled_routines_calls():
    paths = [str(r.path) for r in all_bundled()]
    result = CliRunner().invoke(cli, ["validate", *paths])
    assert result.exit_code == 0 and "count" not in result.stderr, result.stderr
