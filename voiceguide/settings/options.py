"""Options that change a session without editing its routine: level and overrides.

Overrides come in layers, lowest first: the profile's settings for every routine, the
profile's settings for this routine, then the command line. In each layer a setting for
one exercise beats a setting for all of them; a higher layer beats everything below it.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass

from ..amounts import (
    HOLD_SCALES,
    LEVELS,
    Amount,
    AmountError,
    Level,
    friendly_seconds,
    limit_problem,
    parse_count,
    parse_duration,
)
from ..errors import UserError
from ..language import language_name, languages
from ..routine.model import Exercise, Routine, Step
from ..routine.rounds import Block

DURATION_FIELDS = ("hold", "tempo", "rest", "prepare")
COUNT_FIELDS = ("reps", "sets", "rounds")
# `rounds` for one exercise sets the rounds of the block it is in.
EXERCISE_FIELDS = DURATION_FIELDS + COUNT_FIELDS
# What a setting for every exercise touches; `rest` for all means the rest between exercises,
# `rounds` for all the rounds of every block (a routine without blocks: of the whole routine).
GLOBAL_FIELDS = ("hold", "reps", "sets", "rest", "prepare", "rounds")


class OverrideError(UserError):
    """A bad override; the message starts with where it was written (option or file:line)."""


def parse_value(name: str, text: object, where: str) -> Amount:
    """A duration or count for `name`, checked against its limits; errors name `where`."""
    try:
        value = (parse_count if name in COUNT_FIELDS else parse_duration)(text, name)
    except AmountError as err:
        raise OverrideError(f"{where}: {err}") from None
    problem = limit_problem(name, value)
    if problem:
        raise OverrideError(f"{where}: {problem}")
    return value


def hold_scale_problem(value: object) -> str | None:
    """What a hold-scale factor must be, when `value` is not that; else None."""
    low, high = HOLD_SCALES
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        return f"a factor between {low:g} and {high:g}, like 1.5"
    return None


@dataclass(frozen=True)
class Setting:
    """One override: a value for a field, for every exercise (`exercise` None) or one."""

    field: str
    value: Amount
    where: str  # "--hold", "--set 2.hold=40", "me.yaml:4:7": used in errors and in `plan`
    exercise: str | None = None  # slug, unique slug prefix, or 1-based number


@dataclass(frozen=True)
class Layer:
    settings: tuple[Setting, ...] = ()
    hold_scale: float | None = None
    scale_where: str = ""
    routine: str | None = None  # applies only to the routine with this slug
    where: str = ""  # where the layer was written, for messages about it as a whole


@dataclass(frozen=True)
class Change:
    """A value in force that differs from the routine's own, for `plan` to show."""

    exercise: str | None  # None: the rest between exercises
    field: str
    before: str
    after: str
    where: str


@dataclass(frozen=True)
class Week:
    """A session's place in a programme: said after its title, with the values in force
    for the fields the programme sets for every exercise that week ("Week 3. Holds are
    25 seconds this week.")."""

    number: int
    fields: tuple[str, ...] = ()  # e.g. ("hold", "reps")


@dataclass(frozen=True)
class Options:
    """How ranges are resolved, and the override layers from profile and command line."""

    level: Level = "standard"
    layers: tuple[Layer, ...] = ()
    explain: bool = True  # open with what the pips and tones mean
    # The language of the phrases said around a routine's own lines, for every routine
    # built (a profile's `language:`, then --language); None: each routine's own.
    language: str | None = None
    language_where: str = "--language"  # where it was set, for the warning it may give
    week: Week | None = None  # in a programme: which week, said after the title

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise UserError(f"level '{self.level}' is not known; use one of: {', '.join(LEVELS)}")
        if self.language is not None and self.language not in languages():
            raise UserError(language_problem(self.language, self.language_where))

    def for_routine(self, routine: Routine) -> Options:
        """These options without settings that name exercises this routine does not have.

        For builds of several routines; `check_overrides` has made sure each such setting
        matches somewhere.
        """
        layers = []
        for layer in self.layers:
            kept = tuple(s for s in layer.settings if s.exercise is None or _matches(routine, s))
            layers.append(dataclasses.replace(layer, settings=kept))
        return dataclasses.replace(self, layers=tuple(layers))

    def seconds(self, amount: Amount) -> float:
        """A duration in force, rounded to the millisecond so timing stays exact."""
        return round(amount.pick(self.level), 3)

    def count(self, amount: Amount) -> int:
        return int(amount.pick(self.level, count=True))


def _scaled(amount: Amount, factor: float) -> Amount:
    # A length a coach would say: "45 seconds", never "44.7" or "26 seconds".
    return Amount(friendly_seconds(amount.low * factor), friendly_seconds(amount.high * factor))


def exercise_index(routine: Routine, selector: str, where: str) -> int:
    """Index of the exercise a selector names: its slug, a unique slug prefix, or its number."""
    slugs = [e.slug for e in routine.exercises]
    if selector.isdigit():
        number = int(selector)
        if 1 <= number <= len(slugs):
            return number - 1
        raise OverrideError(
            f"{where}: {routine.slug} has exercises 1 to {len(slugs)}, not {number}"
        )
    if selector in slugs:
        return slugs.index(selector)
    starting = [i for i, slug in enumerate(slugs) if slug.startswith(selector)]
    if len(starting) == 1:
        return starting[0]
    if starting:
        names = ", ".join(slugs[i] for i in starting)
        raise OverrideError(f"{where}: '{selector}' could be {names}; write more of the name")
    near = difflib.get_close_matches(selector, slugs, n=1, cutoff=0.5)
    hint = f"did you mean '{near[0]}'?" if near else f"its exercises are: {', '.join(slugs)}"
    raise OverrideError(f"{where}: no exercise '{selector}' in {routine.slug}; {hint}")


def _matches(routine: Routine, setting: Setting) -> bool:
    try:
        exercise_index(routine, setting.exercise or "", setting.where)
    except OverrideError:
        return False
    return True


def check_overrides(routines: list[Routine], options: Options) -> list[str]:
    """Raise the first override that names no exercise; return warnings.

    A setting for one exercise must find it in at least one of the routines built.
    """
    warnings = []
    slugs = [r.slug for r in routines]
    for layer in options.layers:
        relevant = [r for r in routines if layer.routine in (None, r.slug)]
        if layer.routine is not None and not relevant:
            near = difflib.get_close_matches(layer.routine, slugs, n=1, cutoff=0.6)
            if near:
                warnings.append(
                    f"{layer.where}: settings for '{layer.routine}' match no routine being built; did you mean '{near[0]}'?"
                )
        for setting in layer.settings:
            if (
                setting.exercise is not None
                and relevant
                and not any(_matches(r, setting) for r in relevant)
            ):
                exercise_index(
                    relevant[0], setting.exercise, setting.where
                )  # raises the helpful message
    # Field errors (a tempo on a hold...) come from `apply`, which planning runs once.
    return warnings + language_warnings(routines, options)


def language_problem(language: object, where: str) -> str:
    """The message for a language there is no phrase book for."""
    near = difflib.get_close_matches(str(language).lower(), languages(), n=1, cutoff=0.5)
    hint = f"did you mean '{near[0]}'?" if near else f"use one of: {', '.join(languages())}"
    return f"{where}: language {language!r} has no phrase book; {hint}"


def language_warnings(routines: list[Routine], options: Options) -> list[str]:
    """One warning when the language chosen is not that of some routines: their own lines
    (names, instructions) stay in theirs, only the phrases around them change."""
    chosen = options.language
    if chosen is None:
        return []
    others = [r for r in routines if r.language != chosen]
    if not others:
        return []
    by_language: dict[str, list[str]] = {}
    for routine in others:
        by_language.setdefault(routine.language, []).append(routine.slug)
    written = ", ".join(
        f"{', '.join(slugs)} ({language_name(language)})" for language, slugs in by_language.items()
    )
    keep = "keeps its" if len(others) == 1 else "keep their"
    return [
        f"{options.language_where}: {written} {keep} own lines as written; only the phrases "
        f"around them are said in {language_name(chosen)}"
    ]


def _set_field(
    ex: Exercise, name: str, value: Amount, where: str, *, every: bool
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
                f"{where}: '{ex.name}' is paced by tempo; set its tempo instead of a hold"
            )
    if name == "reps":
        if ex.positions:
            if every:
                return None
            raise OverrideError(
                f"{where}: '{ex.name}' is a hold in several positions; it has no reps"
            )
        if every and not ex.reps:
            return None
    if name == "tempo" and (ex.hold or not ex.reps):
        raise OverrideError(
            f"{where}: '{ex.name}' has no paced reps; tempo applies to reps without a hold"
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
        index = exercise_index(routine, setting.exercise, setting.where)
        targets = [b for b, block in enumerate(blocks) if index in block.indices]
        if not targets:
            raise OverrideError(
                f"{setting.where}: '{routine.exercises[index].name}' is not in a block of rounds; "
                "--rounds N repeats a routine that has none"
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
                targets = [exercise_index(routine, setting.exercise, setting.where)]
            for index in targets:
                updated = _set_field(
                    exercises[index],
                    setting.field,
                    setting.value,
                    setting.where,
                    every=setting.exercise is None,
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


def command_line_layer(
    *, hold: str | None, hold_scale: float | None, reps: str | None, sets: str | None,
    rest: str | None, prepare: str | None, assignments: tuple[str, ...],
    rounds: str | None = None,
) -> Layer:  # fmt: skip
    """The layer the command line's options make; values are checked here."""
    settings = []
    for name, text in (
        ("hold", hold),
        ("reps", reps),
        ("sets", sets),
        ("rest", rest),
        ("prepare", prepare),
        ("rounds", rounds),
    ):
        if text is not None:
            settings.append(Setting(name, parse_value(name, text, f"--{name} {text}"), f"--{name}"))
    for text in assignments:
        settings.append(parse_assignment(text))
    problem = hold_scale_problem(hold_scale) if hold_scale is not None else None
    if problem:
        raise OverrideError(f"--hold-scale {hold_scale:g}: use {problem}")
    return Layer(tuple(settings), hold_scale, "--hold-scale")


def parse_assignment(text: str) -> Setting:
    """`EXERCISE.FIELD=VALUE` from --set."""
    where = f"--set {text}"
    target, equals, value = text.partition("=")
    exercise, dot, name = target.strip().rpartition(".")
    if not equals or not dot or not exercise or not value.strip():
        raise OverrideError(
            f"{where}: write EXERCISE.FIELD=VALUE, like --set doorway-stretch.hold=45 or --set 2.reps=12"
        )
    name = name.strip().lower()
    if name not in EXERCISE_FIELDS:
        near = difflib.get_close_matches(name, EXERCISE_FIELDS, n=1, cutoff=0.5)
        hint = f"did you mean '{near[0]}'?" if near else f"fields: {', '.join(EXERCISE_FIELDS)}"
        raise OverrideError(f"{where}: '{name}' is not a field you can set; {hint}")
    return Setting(name, parse_value(name, value.strip(), where), where, exercise.strip().lower())
