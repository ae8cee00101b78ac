"""Files a person keeps or hands over: a routine's file with the values chosen written in, a
programme's file with a patient's level and values, a programme made from a routine with a
simple weekly step, and a programme read back from its text. Each file is the one the CLI
reads, and is checked as `voiceguide validate` checks it before it is handed out."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import LocatedError, MachineError, UserError
from ..routine.model import Routine
from ..script import Script, Window
from ..settings.session import Settings
from ..yamlsource import MAX_FILE_BYTES, read_text_file

if TYPE_CHECKING:
    from ..programme.model import Programme

PROGRAMME_FIELDS = ("hold", "reps", "sets", "rest")  # a patient's values, per exercise
GROWING = ("hold", "reps")  # what a programme made from a routine may step week by week
MAX_WEEKS = 52


def _text_of(path: str, what: str) -> str:
    return read_text_file(Path(path), what)


def routine_file(
    routine: Routine, settings: Settings | None = None, *, text: str | None = None
) -> str:
    """The file `routine` was read from (`text`, else its path's), with the values
    `settings` set for it written in: built alone, with the same level, voice and
    language, it sounds as the routine did with the settings. UserError for a value the
    file cannot hold (rounds, or exercises that come from other files)."""
    from ..planning.planner import plan
    from ..routine.overrides import apply
    from ..routine.reader import parse_routine
    from ..routine.writeback import with_values

    text = _text_of(routine.path, "routine") if text is None else text
    settings = settings or Settings()
    if not settings.has_overrides:
        return text
    options = settings.options.for_routine(routine)
    applied, _ = apply(routine, options)
    written = with_values(text, routine, applied)
    # The file alone must plan as the routine with the settings did: the same cues, the
    # same windows; a difference is ours to fix, never a file to hand out.
    again = dataclasses.replace(parse_routine(written, routine.path), slug=routine.slug)
    alone = dataclasses.replace(options, layers=())
    if _heard(plan(again, alone).script) != _heard(plan(routine, options).script):
        raise MachineError(
            "the routine file with these values would not sound as the build does; "
            "save it as written with its settings file instead, and please report this"
        )
    return written


def _heard(script: Script) -> list[Any]:
    """What a script makes heard, and when: its cues without the marks of where a value
    was set (a window the settings changed is the same window in the file)."""
    return [
        dataclasses.replace(cue, item=dataclasses.replace(cue.item, overridden=False))
        if isinstance(cue.item, Window)
        else cue
        for cue in script.cues
    ]


def read_programme(text: str, path: str) -> Programme:
    """A programme from its text, checked as `voiceguide validate` checks its file; its
    sessions' routine files are found beside `path`."""
    from ..programme.reader import parse_programme

    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1_000_000
        raise LocatedError(Path(path).name, 0, 0, f"over {limit} MB; a programme is a few lines")
    return parse_programme(text, path)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 3)


def programme_file(
    programme: Programme,
    *,
    level: str | None = None,
    values: Mapping[str, Mapping[str, str]] | None = None,
    text: str | None = None,
) -> str:
    """The programme's file (`text`, else its path's) with a patient's `level` (of week
    1) and `values` by exercise slug and field, which hold in every week (a field set for
    an exercise here replaces the programme's step for it; the other steps go on). Checked
    as its file would be: LocatedErrors name the value that does not fit."""
    text = _text_of(programme.path, "programme") if text is None else text
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise UserError("the programme's file is not a programme")
    if level:
        data["level"] = level
    if values:
        progress = data.setdefault("progress", {}) or {}
        data["progress"] = progress
        exercises = progress.setdefault("exercises", {}) or {}
        progress["exercises"] = exercises
        for slug, fields in values.items():
            own = exercises.setdefault(slug, {}) or {}
            exercises[slug] = own
            own.update({field: str(value) for field, value in fields.items()})
    written = _dumped(data)
    read_programme(written, programme.path)
    return written


def _dumped(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)


def programme_from_routine(
    routine: Routine,
    settings: Settings | None = None,
    *,
    weeks: int,
    routine_name: str,
    grow: str | None = None,
    add: float = 0,
    up_to: float | None = None,
    path: str = "programme.yaml",
) -> str:
    """A programme file of `weeks` weeks with `routine` (named `routine_name` in it: a
    bundled routine's name, or its file beside the programme) every week, at the
    settings' level; with `grow` ("hold" or "reps"), each exercise that has one starts at
    its value in force and steps by `add` a week up to `up_to`. Checked as its file would
    be, with the routine found beside `path`."""
    from ..planning.planner import plan

    settings = settings or Settings()
    if not isinstance(weeks, int) or not 1 <= weeks <= MAX_WEEKS:
        raise UserError(f"weeks must be a whole number from 1 to {MAX_WEEKS}, got {weeks}")
    data: dict[str, Any] = {
        "title": f"{routine.title}: {weeks} week{'' if weeks == 1 else 's'}",
        "weeks": weeks,
        "level": settings.level or "standard",
        "sessions": [{"routine": routine_name}],
    }
    if grow is not None:
        if grow not in GROWING:
            raise UserError(f"what grows must be one of {', '.join(GROWING)}, got {grow!r}")
        if add <= 0:
            raise UserError(f"the step a week must be more than 0, got {add:g}")
        planned = plan(routine, settings.options.for_routine(routine))
        rules: dict[str, Any] = {}
        for exercise in planned.exercises:
            if grow == "hold" and exercise.reps is None and exercise.hold is not None:
                start = exercise.hold
            elif grow == "reps" and exercise.reps is not None:
                start = exercise.reps
            else:
                continue
            rule: dict[str, Any] = {"start": _number(start), "add": _number(add)}
            if up_to is not None and up_to > start:
                rule["up_to"] = _number(up_to)
            elif up_to is not None:
                rule = {"start": _number(start)}  # at its ceiling already: it holds there
            rules[exercise.slug] = {grow: rule}
        if not rules:
            noun = "a timed hold" if grow == "hold" else "reps"
            raise UserError(f"no exercise of '{routine.title}' has {noun} to step week by week")
        data["progress"] = {"exercises": rules}
    written = _dumped(data)
    read_programme(written, path)
    return written
