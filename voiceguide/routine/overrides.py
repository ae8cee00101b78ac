"""Overrides applied to a routine: a session's settings (settings/options.py) as the values
of its exercises, blocks and rests, and what they changed (for `plan` and a track's tags).

Layers apply lowest first (a profile's settings for every routine, then for this routine,
then the command line); in each, a setting for one exercise beats one for all of them.
"""

from __future__ import annotations

import dataclasses

from ..amounts import Amount, friendly_seconds
from ..planned import Change
from ..settings.options import Options, OverrideError, Setting, exercise_index
from .model import Exercise, Routine, Step
from .rounds import Block


def _scaled(amount: Amount, factor: float) -> Amount:
    # A length a coach would say: "45 seconds", never "44.7" or "26 seconds".
    return Amount(friendly_seconds(amount.low * factor), friendly_seconds(amount.high * factor))


def _set_field(
    ex: Exercise, name: str, value: Amount, where: str, *, every: bool, key: str = ""
) -> Exercise | None:
    """The exercise with `name` set, None where a setting for every exercise does not apply."""
    if name == "hold":
        if ex.positions:
            return dataclasses.replace(
                ex, positions=tuple(Step(s.say, value) for s in ex.positions)
            )
        if every and ex.reps:
            return None  # --hold is for timed holds, not the short hold inside each rep
        if ex.tempo and ex.reps:
            raise OverrideError(
                where, f"'{ex.name}' is paced by tempo; set its tempo instead of a hold", key
            )
    if name == "reps":
        if ex.positions:
            if every:
                return None
            raise OverrideError(
                where, f"'{ex.name}' is a hold in several positions; it has no reps", key
            )
        if every and not ex.reps:
            return None
    if name == "tempo" and (ex.hold or not ex.reps):
        raise OverrideError(
            where, f"'{ex.name}' has no paced reps; tempo applies to reps without a hold", key
        )
    return dataclasses.replace(ex, **{name: value})  # type: ignore[arg-type]  # an Amount field


def _shown(ex: Exercise, name: str) -> str:
    if name == "hold" and ex.positions:
        return ", ".join(str(s.hold) for s in ex.positions)
    value = getattr(ex, name)
    return "-" if value is None else str(value)


def _set_rounds(
    routine: Routine, blocks: list[Block], setting: Setting, touched: dict[int, str]
) -> None:
    """Set the rounds of the block `setting` names (every block, when it names no
    exercise; a routine without blocks becomes one block, done that many times through)."""
    if setting.exercise is None:
        if not blocks and routine.exercises:
            blocks.append(Block(0, len(routine.exercises), Amount(1, 1)))
        targets = list(range(len(blocks)))
    else:
        index = exercise_index(routine, setting.exercise, setting.where, setting.key)
        targets = [b for b, block in enumerate(blocks) if index in block.indices]
        if not targets:
            raise OverrideError(
                setting.where,
                f"'{routine.exercises[index].name}' is not in a block of rounds; "
                "--rounds N repeats a routine that has none",
                setting.key,
            )
    for target in targets:
        blocks[target] = dataclasses.replace(blocks[target], rounds=setting.value)
        touched[target] = setting.where


def apply(routine: Routine, options: Options) -> tuple[Routine, tuple[Change, ...]]:
    """The routine with every override in force applied, and what changed."""
    exercises = list(routine.exercises)
    blocks = list(routine.blocks)
    rounds_touched: dict[int, str] = {}  # block index -> where its rounds were set
    between = routine.defaults.rest
    between_where = ""
    touched: dict[tuple[int, str], str] = {}
    for layer in options.layers:
        if layer.routine not in (None, routine.slug):
            continue
        ordered = [s for s in layer.settings if s.exercise is None] + [
            s for s in layer.settings if s.exercise is not None
        ]
        for setting in ordered:
            if setting.exercise is None and setting.field == "rest":
                between, between_where = setting.value, setting.where
                continue
            if setting.field == "rounds":
                _set_rounds(routine, blocks, setting, rounds_touched)
                continue
            if setting.exercise is None:
                targets = list(range(len(exercises)))
            else:
                targets = [exercise_index(routine, setting.exercise, setting.where, setting.key)]
            for index in targets:
                updated = _set_field(
                    exercises[index],
                    setting.field,
                    setting.value,
                    setting.where,
                    every=setting.exercise is None,
                    key=setting.key,
                )
                if updated is not None:
                    exercises[index] = updated
                    touched[index, setting.field] = setting.where
        if layer.hold_scale is not None:
            for index, ex in enumerate(exercises):
                if ex.positions:
                    steps = tuple(
                        Step(s.say, _scaled(s.hold, layer.hold_scale)) for s in ex.positions
                    )
                    exercises[index] = dataclasses.replace(ex, positions=steps)
                elif ex.hold:
                    exercises[index] = dataclasses.replace(
                        ex, hold=_scaled(ex.hold, layer.hold_scale)
                    )
                else:
                    continue
                touched[index, "hold"] = layer.scale_where
    changes = []
    for (index, name), where in sorted(touched.items()):
        before, after = _shown(routine.exercises[index], name), _shown(exercises[index], name)
        if before != after:
            changes.append(Change(exercises[index].name, name, before, after, where))
    for index, where in sorted(rounds_touched.items()):
        block = blocks[index]
        before = next((str(b.rounds) for b in routine.blocks if b.first == block.first), "1")
        if before != str(block.rounds):
            first = exercises[block.first].name
            changes.append(Change(first, "rounds", before, str(block.rounds), where))
    defaults = routine.defaults
    if between_where and between != defaults.rest:
        changes.append(Change(None, "rest", str(defaults.rest), str(between), between_where))
        defaults = dataclasses.replace(defaults, between=between)
    language = options.language or routine.language
    resolved = dataclasses.replace(
        routine,
        exercises=tuple(exercises),
        blocks=tuple(blocks),
        defaults=defaults,
        language=language,
    )
    return resolved, tuple(changes)
