"""Options that change a session without editing its routine: level and overrides, as
plain values (routine/overrides.py applies them to a routine).

Overrides come in layers, lowest first: the profile's settings for every routine, the
profile's settings for this routine, then the command line. In each layer a setting for
one exercise beats a setting for all of them; a higher layer beats everything below it.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..amounts import Amount, Level, level_problem
from ..errors import SettingError, UserError
from ..language import language_name, languages
from ..planned import Week

if TYPE_CHECKING:
    from ..routine.model import Routine

DURATION_FIELDS = ("hold", "tempo", "rest", "prepare")
COUNT_FIELDS = ("reps", "sets", "rounds")
# `rounds` for one exercise sets the rounds of the block it is in.
EXERCISE_FIELDS = DURATION_FIELDS + COUNT_FIELDS
# What a setting for every exercise touches; `rest` for all means the rest between exercises,
# `rounds` for all the rounds of every block (a routine without blocks: of the whole routine).
GLOBAL_FIELDS = ("hold", "reps", "sets", "rest", "prepare", "rounds")


class OverrideError(SettingError):
    """A setting that does not fit the routine it is applied to (an exercise it does not
    have, a hold for reps paced by tempo); it names where the setting was written."""

    def __init__(self, where: str, message: str, key: str = "") -> None:
        super().__init__(key, message, where)


@dataclass(frozen=True)
class Setting:
    """One override: a value for a field, for every exercise (`exercise` None) or one."""

    field: str
    value: Amount
    where: str  # "--hold", "--set 2.hold=40", "me.yaml:4:7": used in errors and in `plan`
    exercise: str | None = None  # slug, unique slug prefix, or 1-based number
    key: str = ""  # its key in the settings it was read from: "exercises.wall-lean.hold"


@dataclass(frozen=True)
class Layer:
    settings: tuple[Setting, ...] = ()
    hold_scale: float | None = None
    scale_where: str = ""
    routine: str | None = None  # applies only to the routine with this slug
    where: str = ""  # where the layer was written, for messages about it as a whole


@dataclass(frozen=True)
class Options:
    """How ranges are resolved, and the override layers from profile and command line."""

    level: Level = "standard"
    layers: tuple[Layer, ...] = ()
    explain: bool = True  # open with what the pips and tones mean
    # The language of the phrases said around a routine's own lines, for every routine
    # built (a profile's `language:`, then --language); None: each routine's own.
    language: str | None = None
    language_where: str = ""  # where it was set ("--language"), for the warning it may give
    week: Week | None = None  # in a programme: which week, said after the title

    def __post_init__(self) -> None:
        # Guards: a person's choices are checked as they are read (settings/reader.py).
        problem = level_problem(self.level)
        if problem:
            raise UserError(problem)
        if self.language is not None and self.language not in languages():
            raise UserError(_placed(self.language_where, language_problem(self.language)))

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


def exercise_index(routine: Routine, selector: str, where: str, key: str = "") -> int:
    """Index of the exercise a selector names: its slug, a unique slug prefix, or its number."""
    slugs = [e.slug for e in routine.exercises]
    if selector.isdigit():
        number = int(selector)
        if 1 <= number <= len(slugs):
            return number - 1
        raise OverrideError(
            where, f"{routine.slug} has exercises 1 to {len(slugs)}, not {number}", key
        )
    if selector in slugs:
        return slugs.index(selector)
    starting = [i for i, slug in enumerate(slugs) if slug.startswith(selector)]
    if len(starting) == 1:
        return starting[0]
    if starting:
        names = ", ".join(slugs[i] for i in starting)
        raise OverrideError(where, f"'{selector}' could be {names}; write more of the name", key)
    near = difflib.get_close_matches(selector, slugs, n=1, cutoff=0.5)
    hint = f"did you mean '{near[0]}'?" if near else f"its exercises are: {', '.join(slugs)}"
    raise OverrideError(where, f"no exercise '{selector}' in {routine.slug}; {hint}", key)


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
                # raises the helpful message
                exercise_index(relevant[0], setting.exercise, setting.where, setting.key)
    # Field errors (a tempo on a hold...) come from `apply`, which planning runs once.
    return warnings + language_warnings(routines, options)


def language_problem(language: object) -> str:
    """The message for a language there is no phrase book for."""
    near = difflib.get_close_matches(str(language).lower(), languages(), n=1, cutoff=0.5)
    hint = f"did you mean '{near[0]}'?" if near else f"use one of: {', '.join(languages())}"
    return f"language {language!r} has no phrase book; {hint}"


def _placed(where: str, message: str) -> str:
    return f"{where}: {message}" if where else message


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
        _placed(
            options.language_where,
            f"{written} {keep} own lines as written; only the phrases "
            f"around them are said in {language_name(chosen)}",
        )
    ]
