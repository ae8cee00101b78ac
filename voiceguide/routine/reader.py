"""Reading a routine file: YAML -> Routine, every problem named at file:line:column with a
fix, and the routines its `include:` names joined in (includes.py)."""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path
from typing import Any

from ..amounts import Amount, shown
from ..characters import composed
from ..errors import LocatedError, UserError
from ..language import DEFAULT_LANGUAGE, languages

# The validator's rule for numbers in spoken lines; compile's fitting uses it too.
from ..spoken import NUMBER_IN_TEXT as NUMBER_IN_TEXT
from ..spoken import (
    OTHER_SIDE,
    SIDE,
    fixed_sides,
    has_side_placeholder,
    number_problem,
    placeholder_problem,
    speech_problem,
)
from ..yamlsource import Located, Position, YamlReader, read_text_file
from .articles import article_message, has_routine_keys, is_article_file, looks_like_article
from .includes import Listed, read_includes
from .model import (
    MAX_EXERCISES,
    POSITIONS,
    SIDES,
    Defaults,
    Exercise,
    Routine,
    Step,
    slugify,
)
from .rounds import Block, exercise_items, placed

MAX_TEXT = 400

TOP_KEYS = (
    "title", "collection", "source", "language", "intro", "equipment", "close", "defaults",
    "include", "exercises",
)  # fmt: skip
DEFAULT_KEYS = ("prepare", "rest", "transition", "switch", "tempo", "relax")
EXERCISE_KEYS = (
    "name", "position", "say", "cue", "hold", "reps", "sets", "tempo", "sides", "alternate",
    "positions", "rest", "prepare",
)  # fmt: skip
STEP_KEYS = ("say", "hold")
NOT_SPOKEN = ("source", "collection")  # the keys of text that is shown, never said
ALL_KEYS = {
    *TOP_KEYS,
    *DEFAULT_KEYS,
    *EXERCISE_KEYS,
    "rounds",
}  # the keys a routine's lines start with


class _Reader(YamlReader):
    """Walks a routine's located YAML, reporting each problem at its place and going on."""

    def text(self, node: Located, key: str, what: str, *, required: bool = False) -> str | None:
        if key not in node.value:
            if required and self.missing(node, key):
                self.report((node.line, node.column), f"{what} needs '{key}'")
            return None
        return self.checked_text(node.value[key], node.pos_of(key), key, node.typed(key))

    def checked_text(self, value: Any, pos: Position, key: str, typed: str | None) -> str | None:
        """`value` as one line of text, or None (reported) when it is not usable text."""
        if not isinstance(value, str) or not value.strip():
            self.report(pos, f"'{key}' must be non-empty text, got {shown(value, typed)}")
            return None
        value = composed(" ".join(value.split()))  # "e" and an accent as one "é", said so
        if len(value) > MAX_TEXT:
            self.report(
                pos,
                f"'{key}' is {len(value)} characters; keep it under {MAX_TEXT}, or split it into a list of lines",
            )
            return None
        problem = None if key in NOT_SPOKEN else speech_problem(key, value)
        if problem is not None:
            self.report(pos, problem)
            return None
        return value

    def spoken(
        self, node: Located, key: str, what: str, *, required: bool = False, sided: bool = False
    ) -> tuple[str, ...]:
        """Text said aloud: a string or a list of strings, free of numbers the planner owns."""
        if key not in node.value:
            if required and self.missing(node, key):
                self.report(
                    (node.line, node.column), f"{what} needs '{key}' (how to get into position)"
                )
            return ()
        value = node.value[key]
        if isinstance(value, Located) and isinstance(value.value, list):
            if not value.value:
                self.report(node.pos_of(key), f"'{key}' is an empty list; give at least one line")
            items = [(v, value.pos_of(i), value.typed(i)) for i, v in enumerate(value.value)]
        else:
            items = [(value, node.pos_of(key), node.typed(key))]
        texts = []
        for item, pos, typed in items:
            text = self.checked_text(item, pos, key, typed)
            if text is None:
                continue
            problem = number_problem(key, text) or placeholder_problem(key, text, sided=sided)
            if problem:
                self.report(pos, problem)
            texts.append(text)
        return tuple(texts)

    def choice(
        self, node: Located, key: str, allowed: tuple[str, ...], default: str | None, what: str
    ) -> Any:
        """One of `allowed`, or `default` when not given; None (reported) when wrong or missing."""
        if key not in node.value:
            if default is None and self.missing(node, key):
                self.report(
                    (node.line, node.column), f"{what} needs '{key}', one of: {' | '.join(allowed)}"
                )
            return default
        value, typed = node.value[key], node.typed(key)
        if isinstance(value, str) and value in allowed:
            return value
        text = value if isinstance(value, str) else typed
        if text is None:  # a list or a mapping
            self.report(node.pos_of(key), f"{key} must be one of: {' | '.join(allowed)}")
            return None
        near = _SAME_AS.get(text.strip().lower()) or next(
            iter(difflib.get_close_matches(text, allowed, n=1, cutoff=0.5)), None
        )
        hint = f"did you mean '{near}'?" if near else f"use one of: {' | '.join(allowed)}"
        self.report(node.pos_of(key), f"{key} '{text}' is not known; {hint}")
        return None


# Words people use for a position, and the one a routine takes.
_SAME_AS = {
    "seated": "sitting", "sit": "sitting", "chair": "sitting",
    "stand": "standing", "upright": "standing",
    "lie": "lying", "lying down": "lying", "supine": "lying", "prone": "lying", "floor": "lying",
    "kneel": "kneeling", "all fours": "all-fours", "on all fours": "all-fours",
    "hands and knees": "all-fours", "quadruped": "all-fours",
}  # fmt: skip


def _read_exercise(r: _Reader, node: Any, pos: Position) -> Exercise | None:
    ex = r.mapping(node, pos, "an exercise", EXERCISE_KEYS)
    if ex is None:
        return None
    name = r.text(ex, "name", "an exercise", required=True) or ""
    label = f"exercise '{name}'" if name else f"the exercise on line {ex.line}"
    # What was written decides the checks below, even a wrong value or a misspelt key.
    given = {key for key in EXERCISE_KEYS if not r.missing(ex, key)}
    here = (ex.line, ex.column)
    if not given & {"hold", "reps", "positions"}:
        r.report(here, f"{label} needs 'hold' (seconds), 'reps', or 'positions'")
    if "positions" in given and given & {"hold", "reps"}:
        r.report(
            ex.pos_of("positions"),
            f"{label}: give each position its own hold, and no 'hold' or 'reps' beside 'positions'",
        )
    if "tempo" in given and ("hold" in given or "reps" not in given):
        r.report(
            ex.pos_of("tempo"),
            f"{label}: 'tempo' paces reps that have no hold; remove it or remove 'hold'",
        )
    alternate = _read_alternate(r, ex, label)
    sides = r.choice(ex, "sides", SIDES, "alternate" if "alternate" in given else "none", label)
    if "alternate" in given and sides not in (None, "alternate"):
        r.report(
            ex.pos_of("sides"),
            f"{label}: 'alternate' names what alternates; write sides: alternate, or remove it",
        )
    steps = _read_steps(r, ex)
    exercise = Exercise(
        name=name,
        position=r.choice(ex, "position", POSITIONS, None, label) or POSITIONS[0],
        say=r.spoken(ex, "say", label, required=True, sided=True),
        cue=(r.spoken(ex, "cue", label, sided=True) or (None,))[0],
        hold=r.amount(ex, "hold"),
        reps=r.amount(ex, "reps", count=True),
        sets=r.amount(ex, "sets", count=True) or Amount(1, 1),
        tempo=r.amount(ex, "tempo"),
        sides=sides or "none",
        alternate=alternate,
        positions=steps,
        rest=r.amount(ex, "rest"),
        prepare=r.amount(ex, "prepare"),
        line=ex.line,
    )
    lines = [*exercise.say, *([exercise.cue] if exercise.cue else []), *(s.say for s in steps)]
    if sides == "none" and any(has_side_placeholder(t) for t in lines):
        r.report(
            here,
            f"{label} fills in {SIDE}, but it has no sides; add sides: both or sides: alternate",
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
    named = fixed_sides(lines)
    if not named:
        return []
    return [
        f"{r.where((exercise.line, 1))}: exercise '{exercise.name}' is done on both sides but its "
        f"instructions say '{named[0]}'; write {SIDE} or {OTHER_SIDE} so each side hears its own"
    ]


def _read_alternate(r: _Reader, ex: Located, label: str) -> tuple[str, str] | None:
    """The two things that alternate, named ("right arm and left leg", ...), if given."""
    texts = r.spoken(ex, "alternate", label)
    if not texts:
        return None
    if len(texts) != 2:
        r.report(
            ex.pos_of("alternate"),
            f"{label}: 'alternate' names the two things that take turns, like [right arm and left leg, left arm and right leg]",
        )
        return None
    return texts[0], texts[1]


def _read_steps(r: _Reader, ex: Located) -> tuple[Step, ...]:
    if "positions" not in ex.value:
        return ()
    node = ex.value["positions"]
    if not isinstance(node, Located) or not isinstance(node.value, list) or not node.value:
        r.report(ex.pos_of("positions"), "'positions' must be a non-empty list of {say, hold}")
        return ()
    steps = []
    for index, item in enumerate(node.value):
        step = r.mapping(item, node.pos_of(index), "a position", STEP_KEYS)
        if step is None:
            continue
        if r.missing(step, "hold"):
            r.report(node.pos_of(index), "each position needs 'hold' (seconds)")
        say = " ".join(r.spoken(step, "say", "a position", required=True, sided=True))
        steps.append(Step(say=say, hold=r.amount(step, "hold") or Amount(1, 1)))
    return tuple(steps)


def _read_defaults(r: _Reader, top: Located) -> Defaults:
    if "defaults" not in top.value:
        return Defaults()
    node = r.mapping(top.value["defaults"], top.pos_of("defaults"), "defaults", DEFAULT_KEYS)
    if node is None:
        return Defaults()
    found = {key: r.amount(node, key) for key in DEFAULT_KEYS}
    return Defaults(**{key: value for key, value in found.items() if value is not None})


NEEDS = "a routine needs title: and exercises:"


def _read_top(r: _Reader, text: str) -> Located:
    """The routine's top mapping; an empty file, an article or anything but a mapping is
    one problem with the whole file, raised at once."""
    try:
        data = r.read(text)
    except LocatedError as err:
        if err.message.startswith("not valid YAML") and looks_like_article(text, ALL_KEYS):
            raise LocatedError(r.path, 0, 0, article_message(r.path)) from None
        raise
    if data is None:
        empty = "an empty file" if not text.strip() else "no routine in the file, only comments"
        raise LocatedError(r.path, 0, 0, f"{empty}; {NEEDS}")
    mapping = isinstance(data, Located) and isinstance(data.value, dict)
    prose = isinstance(data, str) or (
        isinstance(data, Located) and isinstance(data.value, list) and not mapping
    )
    if (prose or (mapping and not data.value.keys() & set(TOP_KEYS))) and looks_like_article(
        text, ALL_KEYS
    ):
        raise LocatedError(r.path, 0, 0, article_message(r.path))
    if not mapping:
        raise r.fail((1, 1), "a routine must be a mapping of keys; it needs title: and exercises:")
    top = r.mapping(data, (1, 1), "a routine", TOP_KEYS)
    assert top is not None  # it is a mapping
    return top


def _read_exercises(r: _Reader, top: Located) -> tuple[list[Exercise], list[Block]]:
    node = top.value.get("exercises")
    if "include" in top.value and "exercises" not in top.value:
        return [], []  # a session of other routines (includes.py) needs none of its own
    if not isinstance(node, Located) or not isinstance(node.value, list) or not node.value:
        where = top.pos_of("exercises") if "exercises" in top.value else (top.line, top.column)
        if r.missing(top, "exercises") or "exercises" in top.value:
            r.report(where, "'exercises' must be a non-empty list of exercises")
        return [], []
    items, found = exercise_items(r, node)
    if len(items) > MAX_EXERCISES:
        r.report(
            items[MAX_EXERCISES][1],
            f"{len(items)} exercises; a routine holds at most {MAX_EXERCISES}, split it into several",
        )
    exercises: list[Exercise] = []
    members: list[list[int]] = [[] for _ in found]  # exercise indices of each block
    for item, pos, block_no in items[:MAX_EXERCISES]:
        exercise = _read_exercise(r, item, pos)
        if exercise is None:
            continue
        if block_no is not None:
            members[block_no].append(len(exercises))
        exercises.append(exercise)
    blocks = placed(found, members)
    seen: dict[str, Exercise] = {}
    for ex in exercises:
        if ex.name and ex.slug in seen:
            r.report(
                (ex.line, 1),
                f"exercise name '{ex.name}' is used twice (first on line {seen[ex.slug].line}); give each a different name",
            )
        seen.setdefault(ex.slug, ex)
    return exercises, blocks


def parse_routine(
    text: str,
    path: str,
    slug: str | None = None,
    *,
    chain: tuple[str, ...] = (),
    listed: Listed | None = None,
) -> Routine:
    """Build a Routine from YAML text; `path` is used in error messages.

    Every problem in the text is found in one go and raised as one LocatedErrors; a YAML
    syntax error, an empty file or an article is one LocatedError. `chain` is the files
    that include this one (includes.py), to find a loop. With `listed` (a text that is no
    file: the page's draft), `include:` takes names from that list only, never a path.
    """
    r = _Reader(path)
    top = _read_top(r, text)
    title = r.text(top, "title", "the routine", required=True) or ""
    exercises, blocks = _read_exercises(r, top)
    routine = Routine(
        title=title,
        exercises=tuple(exercises),
        blocks=tuple(blocks),
        slug=slug or slugify(Path(path).stem),
        path=path,
        source=r.text(top, "source", "the routine"),
        collection=r.text(top, "collection", "the routine"),
        equipment=r.spoken(top, "equipment", "the routine"),
        intro=" ".join(r.spoken(top, "intro", "the routine")) or None,
        close=" ".join(r.spoken(top, "close", "the routine")) or None,
        defaults=_read_defaults(r, top),
        language=r.choice(top, "language", languages(), DEFAULT_LANGUAGE, "the routine")
        or DEFAULT_LANGUAGE,
    )
    warnings = tuple(w for ex in exercises for w in side_warnings(r, ex))
    if "include" in top.value:  # each part is read by this same reader, given to it
        routine = (
            read_includes(r, top, routine, chain, parse=parse_routine, listed=listed) or routine
        )
    r.check()
    return dataclasses.replace(routine, warnings=(*warnings, *routine.warnings))


def load_routine(path: str | Path) -> Routine:
    """Read and validate a routine file; an article (by its name or its text) is refused
    with the compile command that drafts a routine from it."""
    path = Path(path)
    if not is_article_file(path):
        return parse_routine(read_text_file(path), str(path))
    # Named like an article: a routine saved as .txt (title: and exercises: at the top
    # level) is still read as one; anything else is sent to compile.
    try:
        text = read_text_file(path)
    except UserError:
        raise LocatedError(str(path), 0, 0, article_message(str(path))) from None
    if not has_routine_keys(text):
        raise LocatedError(str(path), 0, 0, article_message(str(path)))
    return parse_routine(text, str(path))
