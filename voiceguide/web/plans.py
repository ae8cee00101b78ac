"""The plan as the page shows it: the same plan and estimate `voiceguide plan` prints."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import voiceguide

from .settings import Chosen, FieldErrors, field_of

if TYPE_CHECKING:
    from voiceguide import Plan, Routine


def planned(routine: Routine, chosen: Chosen) -> Plan:
    """The routine's plan with the chosen settings; FieldErrors when a setting does not fit
    it, beside that setting's field."""
    try:
        return voiceguide.plan(routine, chosen.settings)
    except voiceguide.UserError as err:
        message = err.message if isinstance(err, voiceguide.SettingError) else str(err)
        raise FieldErrors({field_of(err, chosen): message}) from None


def plan_json(routine: Routine, chosen: Chosen) -> dict[str, Any]:
    """The plan for the page: total length, each exercise's start and length, every spoken
    line with the numbers in force. FieldErrors when a setting does not fit the routine."""
    made = planned(routine, chosen)
    assert made.estimate is not None
    timeline, guessed = made.estimate.timeline, made.estimate.guessed
    rate = timeline.sample_rate
    # An exercise done in rounds has a chapter each round: it starts with the first and
    # lasts them all together.
    by_exercise: dict[str, list[Any]] = {}
    for chapter in voiceguide.chapters(timeline):
        if chapter.exercise is not None:
            by_exercise.setdefault(chapter.exercise, []).append(chapter)
    exercises = []
    for exercise in made.exercises:
        found = by_exercise.get(exercise.name)
        if found:
            start = found[0].start / rate
            seconds = sum(c.end - c.start for c in found) / rate
            exercises.append(
                {
                    "name": exercise.name,
                    "slug": exercise.slug,
                    "start": round(start, 3),
                    "seconds": round(seconds, 3),
                    # As the clock shows them, so that the page formats no length itself.
                    "starts_at": voiceguide.clock(start),
                    "length": voiceguide.clock(seconds),
                }
            )
    return {
        "seconds": round(timeline.seconds, 3),
        "length": voiceguide.clock(timeline.seconds),
        "exact": guessed == 0,
        "spoken": [event.text for event in timeline.events if event.kind == "speech"],
        "exercises": exercises,
        "warnings": [voiceguide.one_line(warning) for warning in timeline.warnings],
        # a warning beside its field: the language's, the voice's
        "notes": {name: voiceguide.one_line(note) for name, note in chosen.notes.items()},
        "errors": {},
    }
