"""The routine model and its YAML loader; every error names file:line:column and a fix."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from .amounts import Amount, AmountError, limit_problem, parse_count, parse_duration
from .yamlsource import Located, Position, YamlReader, read_text_file, read_yaml

Posture = Literal["sitting", "standing", "lying", "kneeling", "all-fours"]
POSITIONS: tuple[Posture, ...] = get_args(Posture)
Sides = Literal["none", "both", "alternate"]
SIDES: tuple[Sides, ...] = get_args(Sides)
MAX_TEXT = 400
MAX_EXERCISES = 100

# Instructions must not carry numbers the planner speaks, or an override would leave
# the voice saying a stale value ("hold 30 seconds" after --hold 45).
NUMBER_IN_TEXT = re.compile(
    r"\b\d+(?:\s*(?:-|to)\s*\d+)?\s*(?:seconds?|secs?|minutes?|mins?|reps?|times|sets?|rounds?)\b",
    re.IGNORECASE,
)

TOP_KEYS = (
    "title", "collection", "source", "intro", "equipment", "close", "defaults", "exercises",
)  # fmt: skip
DEFAULT_KEYS = ("prepare", "rest", "transition", "switch", "tempo", "relax")
EXERCISE_KEYS = (
    "name", "position", "say", "cue", "hold", "reps", "sets", "tempo", "sides", "alternate",
    "positions", "rest", "prepare",
)  # fmt: skip
# What a spoken line may fill in: the side being worked and the other one, so an exercise
# done on both sides can say "reach your {side} arm" and be right for each.
SIDE = "{side}"
OTHER_SIDE = "{other side}"
_FILLED = re.compile(r"\{([^{}]*)\}")
# A side named in fixed words, in an exercise done on both sides: one of them hears it wrong.
_FIXED_SIDE = re.compile(
    r"\b(?:your|the|to the|on the|toward the|towards the)\s+(left|right)\b"
    r"|\b(left|right)\s+(?:side|arm|leg|hand|foot|knee|hip|shoulder|ear|elbow|heel|wrist|ankle)s?\b",
    re.IGNORECASE,
)
STEP_KEYS = ("say", "hold")


@dataclass(frozen=True)
class Defaults:
    """Seconds used wherever an exercise does not say otherwise."""

    prepare: Amount = Amount(5, 5)  # get-ready window before a hold, ends in 3 pips
    rest: Amount = Amount(15, 15)  # between sets and between exercises
    transition: Amount = Amount(10, 10)  # extra get-ready time when the body position changes
    switch: Amount = Amount(5, 5)  # between sides and between positions of one hold
    tempo: Amount = Amount(3, 3)  # seconds per rep when reps have no hold
    relax: Amount = Amount(2, 2)  # between reps that each have a hold
    between: Amount | None = None  # rest between exercises when set apart from `rest` (--rest)


@dataclass(frozen=True)
class Step:
    """One position of a multi-position hold."""

    say: str
    hold: Amount


@dataclass(frozen=True)
class Exercise:
    name: str
    position: Posture
    say: tuple[str, ...]
    cue: str | None = None
    hold: Amount | None = None
    reps: Amount | None = None
    sets: Amount = Amount(1, 1)
    tempo: Amount | None = None
    sides: Sides = "none"
    alternate: tuple[str, str] | None = None  # what alternates, named: "right arm and left leg"
    positions: tuple[Step, ...] = ()
    rest: Amount | None = None
    prepare: Amount | None = None
    line: int = 0

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class Routine:
    title: str
    exercises: tuple[Exercise, ...]
    slug: str
    path: str = "<routine>"
    source: str | None = None
    collection: str | None = None  # the album a player files it under
    equipment: tuple[str, ...] = ()  # what to have at hand, as spoken: "a chair", "a towel"
    intro: str | None = None
    close: str | None = None
    defaults: Defaults = field(default_factory=Defaults)
    warnings: tuple[str, ...] = ()  # file:line: what validate and build point out


def slugify(text: str) -> str:
    """Lower-case words joined by hyphens: safe as a file name and an option value."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "routine"


class _Reader(YamlReader):
    """Walks a routine's located YAML; every problem is a LocatedError at its place."""

    def text(self, node: Located, key: str, what: str, *, required: bool = False) -> str | None:
        if key not in node.value:
            if required:
                raise self.fail((node.line, node.column), f"{what} needs '{key}'")
            return None
        return self.checked_text(node.value[key], node.pos_of(key), key)

    def checked_text(self, value: Any, pos: Position, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(pos, f"'{key}' must be non-empty text, got {_show(value)}")
        value = " ".join(value.split())
        if len(value) > MAX_TEXT:
            raise self.fail(
                pos,
                f"'{key}' is {len(value)} characters; keep it under {MAX_TEXT}, or split it into a list of lines",
            )
        return value

    def spoken(
        self, node: Located, key: str, what: str, *, required: bool = False, sided: bool = False
    ) -> tuple[str, ...]:
        """Text said aloud: a string or a list of strings, free of numbers the planner owns."""
        if key not in node.value:
            if required:
                raise self.fail(
                    (node.line, node.column), f"{what} needs '{key}' (how to get into position)"
                )
            return ()
        value = node.value[key]
        if isinstance(value, Located) and isinstance(value.value, list):
            if not value.value:
                raise self.fail(
                    node.pos_of(key), f"'{key}' is an empty list; give at least one line"
                )
            texts = tuple(
                self.checked_text(v, value.pos_of(i), key) for i, v in enumerate(value.value)
            )
        else:
            texts = (self.checked_text(value, node.pos_of(key), key),)
        for line_text in texts:
            match = NUMBER_IN_TEXT.search(line_text)
            if match:
                raise self.fail(
                    node.pos_of(key),
                    f"'{key}' says '{match.group(0)}'; put durations and counts in hold/reps/sets so the voice speaks the values in force",
                )
            for filled in _FILLED.findall(line_text):
                if "{" + filled + "}" not in (SIDE, OTHER_SIDE):
                    raise self.fail(
                        node.pos_of(key),
                        f"'{key}' has '{{{filled}}}'; only {SIDE} and {OTHER_SIDE} are filled in",
                    )
                if not sided:
                    raise self.fail(
                        node.pos_of(key),
                        f"'{key}' has '{{{filled}}}'; only an exercise's say, cue and positions are spoken per side",
                    )
        return texts

    def amount(self, node: Located, key: str, *, count: bool = False) -> Amount | None:
        """A duration (or, with `count`, a whole number) within the limits for `key`."""
        if key not in node.value:
            return None
        try:
            parse = parse_count if count else parse_duration
            value = parse(node.value[key], key)
        except AmountError as err:
            raise self.fail(node.pos_of(key), str(err)) from None
        problem = limit_problem(key, value)
        if problem:
            raise self.fail(node.pos_of(key), problem)
        return value

    def choice(self, node: Located, key: str, allowed: tuple[str, ...], default: str | None) -> Any:
        value = node.value.get(key, default)
        if value is None:
            raise self.fail(
                (node.line, node.column), f"exercise needs '{key}', one of: {' | '.join(allowed)}"
            )
        if value not in allowed:
            near = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
            hint = f"did you mean '{near[0]}'?" if near else f"use one of: {' | '.join(allowed)}"
            raise self.fail(node.pos_of(key), f"{key} '{value}' is not known; {hint}")
        return value


def _show(value: Any) -> str:
    return repr(value)  # Located shows itself as "a list" or "a mapping"


def _read_exercise(r: _Reader, node: Any, pos: Position) -> Exercise:
    ex = r.mapping(node, pos, "an exercise", EXERCISE_KEYS)
    name = r.text(ex, "name", "an exercise", required=True) or ""
    hold = r.amount(ex, "hold")
    reps = r.amount(ex, "reps", count=True)
    tempo = r.amount(ex, "tempo")
    steps = _read_steps(r, ex)
    here = (ex.line, ex.column)
    if not (hold or reps or steps):
        raise r.fail(here, f"exercise '{name}' needs 'hold' (seconds), 'reps', or 'positions'")
    if steps and (hold or reps):
        raise r.fail(
            ex.pos_of("positions"),
            f"exercise '{name}': give each position its own hold, and no 'hold' or 'reps' beside 'positions'",
        )
    if tempo and (hold or not reps):
        raise r.fail(
            ex.pos_of("tempo"),
            f"exercise '{name}': 'tempo' paces reps that have no hold; remove it or remove 'hold'",
        )
    alternate = _read_alternate(r, ex, name)
    sides = r.choice(ex, "sides", SIDES, "alternate" if alternate else "none")
    if alternate and sides != "alternate":
        raise r.fail(
            ex.pos_of("sides"),
            f"exercise '{name}': 'alternate' names what alternates; write sides: alternate, or remove it",
        )
    exercise = Exercise(
        name=name,
        position=r.choice(ex, "position", tuple(POSITIONS), None),
        say=r.spoken(ex, "say", f"exercise '{name}'", required=True, sided=True),
        cue=(r.spoken(ex, "cue", f"exercise '{name}'", sided=True) or (None,))[0],
        hold=hold,
        reps=reps,
        sets=r.amount(ex, "sets", count=True) or Amount(1, 1),
        tempo=tempo,
        sides=sides,
        alternate=alternate,
        positions=steps,
        rest=r.amount(ex, "rest"),
        prepare=r.amount(ex, "prepare"),
        line=ex.line,
    )
    lines = [*exercise.say, *([exercise.cue] if exercise.cue else []), *(s.say for s in steps)]
    if sides == "none" and any(SIDE in t or OTHER_SIDE in t for t in lines):
        raise r.fail(
            here,
            f"exercise '{name}' fills in {SIDE}, but it has no sides; add sides: both or sides: alternate",
        )
    return exercise


def side_warnings(r: _Reader, exercise: Exercise) -> list[str]:
    """Where an exercise done on both sides names one side in fixed words."""
    if exercise.sides == "none":
        return []
    lines = [
        *exercise.say,
        *([exercise.cue] if exercise.cue else []),
        *(s.say for s in exercise.positions),
    ]
    named = sorted({(a or b).lower() for t in lines for a, b in _FIXED_SIDE.findall(t)})
    if not named:
        return []
    return [
        f"{r.where((exercise.line, 1))}: exercise '{exercise.name}' is done on both sides but its "
        f"instructions say '{named[0]}'; write {SIDE} or {OTHER_SIDE} so each side hears its own"
    ]


def _read_alternate(r: _Reader, ex: Located, name: str) -> tuple[str, str] | None:
    """The two things that alternate, named ("right arm and left leg", ...), if given."""
    texts = r.spoken(ex, "alternate", f"exercise '{name}'")
    if not texts:
        return None
    if len(texts) != 2:
        raise r.fail(
            ex.pos_of("alternate"),
            f"exercise '{name}': 'alternate' names the two things that take turns, like [right arm and left leg, left arm and right leg]",
        )
    return texts[0], texts[1]


def _read_steps(r: _Reader, ex: Located) -> tuple[Step, ...]:
    if "positions" not in ex.value:
        return ()
    node = ex.value["positions"]
    if not isinstance(node, Located) or not isinstance(node.value, list) or not node.value:
        raise r.fail(ex.pos_of("positions"), "'positions' must be a non-empty list of {say, hold}")
    steps = []
    for index, item in enumerate(node.value):
        step = r.mapping(item, node.pos_of(index), "a position", STEP_KEYS)
        hold = r.amount(step, "hold")
        if hold is None:
            raise r.fail(node.pos_of(index), "each position needs 'hold' (seconds)")
        steps.append(
            Step(
                say=" ".join(r.spoken(step, "say", "a position", required=True, sided=True)),
                hold=hold,
            )
        )
    return tuple(steps)


def _read_defaults(r: _Reader, top: Located) -> Defaults:
    if "defaults" not in top.value:
        return Defaults()
    node = r.mapping(top.value["defaults"], top.pos_of("defaults"), "defaults", DEFAULT_KEYS)
    found = {key: r.amount(node, key) for key in DEFAULT_KEYS}
    return Defaults(**{key: value for key, value in found.items() if value is not None})


def parse_routine(text: str, path: str, slug: str | None = None) -> Routine:
    """Build a Routine from YAML text; `path` is used in error messages."""
    r = _Reader(path)
    data = read_yaml(text, path)
    top = r.mapping(data, (1, 1), "a routine", TOP_KEYS)
    title = r.text(top, "title", "the routine", required=True) or ""
    node = top.value.get("exercises")
    if not isinstance(node, Located) or not isinstance(node.value, list) or not node.value:
        where = top.pos_of("exercises") if "exercises" in top.value else (top.line, top.column)
        raise r.fail(where, "'exercises' must be a non-empty list of exercises")
    if len(node.value) > MAX_EXERCISES:
        raise r.fail(
            node.pos_of(MAX_EXERCISES),
            f"{len(node.value)} exercises; a routine holds at most {MAX_EXERCISES}, split it into several",
        )
    exercises = [_read_exercise(r, item, node.pos_of(i)) for i, item in enumerate(node.value)]
    seen: dict[str, Exercise] = {}
    for ex in exercises:
        if ex.slug in seen:
            raise r.fail(
                (ex.line, 1),
                f"exercise name '{ex.name}' is used twice (first on line {seen[ex.slug].line}); give each a different name",
            )
        seen[ex.slug] = ex
    return Routine(
        title=title,
        exercises=tuple(exercises),
        slug=slug or slugify(Path(path).stem),
        path=path,
        source=r.text(top, "source", "the routine"),
        collection=r.text(top, "collection", "the routine"),
        equipment=r.spoken(top, "equipment", "the routine"),
        intro=" ".join(r.spoken(top, "intro", "the routine")) or None,
        close=" ".join(r.spoken(top, "close", "the routine")) or None,
        defaults=_read_defaults(r, top),
        warnings=tuple(w for ex in exercises for w in side_warnings(r, ex)),
    )


def load_routine(path: str | Path) -> Routine:
    """Read and validate a routine file."""
    return parse_routine(read_text_file(Path(path)), str(path))
