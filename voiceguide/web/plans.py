"""The plan as the page shows it: the same planning and estimate `voiceguide plan` prints."""

from __future__ import annotations

from typing import Any

from ..errors import UserError, one_line
from ..export.chapters import Chapter, chapters
from ..pipeline.estimate import timeline_for
from ..planning.layout import clock
from ..planning.planner import plan
from ..routine.model import Routine
from ..settings.options import Options
from ..speech.engine import Voice
from ..timeline import Timeline
from .settings import Chosen, FieldErrors, field_of


def estimate(routine: Routine, options: Options, voice: Voice) -> tuple[Timeline, int]:
    """The timeline (exact where every phrase is cached) and how many phrases were guessed."""
    script = plan(routine, options, speaking_rate=voice.rate)
    return timeline_for(script, voice=voice)


def plan_json(routine: Routine, chosen: Chosen) -> dict[str, Any]:
    """The plan for the page: total length, each exercise's start and length, every spoken
    line with the numbers in force. FieldErrors when a setting does not fit the routine."""
    try:
        timeline, guessed = estimate(routine, chosen.options, chosen.voice)
    except UserError as err:
        raise FieldErrors({field_of(err, chosen): str(err)}) from None
    rate = timeline.sample_rate
    # An exercise done in rounds has a chapter each round: it starts with the first and
    # lasts them all together.
    by_exercise: dict[str, list[Chapter]] = {}
    for chapter in chapters(timeline):
        if chapter.exercise is not None:
            by_exercise.setdefault(chapter.exercise, []).append(chapter)
    exercises = []
    for exercise in routine.exercises:
        found = by_exercise.get(exercise.name)
        if found:
            exercises.append(
                {
                    "name": exercise.name,
                    "slug": exercise.slug,
                    "start": round(found[0].start / rate, 3),
                    "seconds": round(sum(c.end - c.start for c in found) / rate, 3),
                }
            )
    return {
        "seconds": round(timeline.seconds, 3),
        "length": clock(timeline.seconds),
        "exact": guessed == 0,
        "spoken": [event.text for event in timeline.events if event.kind == "speech"],
        "exercises": exercises,
        "warnings": [one_line(warning) for warning in timeline.warnings],
        # a warning beside its field: the language's
        "notes": {name: one_line(note) for name, note in chosen.notes.items()},
        "errors": {},
    }
