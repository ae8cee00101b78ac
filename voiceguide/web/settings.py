"""The page's settings form <-> the library's Options, Voice and Profile.

Each field is read as its command-line twin would be (`--rest 20`, `--set door.hold=40`),
so a bad value gets the CLI's own message. A field left as the routine has it sets
nothing, so a range in the routine still follows the level; the same settings, saved,
are a profile the CLI's `--profile` reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..amounts import LEVELS, SPEAKING_RATES, Amount, Level
from ..errors import UserError, one_line
from ..language import LANGUAGES, languages
from ..routine.model import Exercise, Routine
from ..settings.options import (
    Layer,
    Options,
    OverrideError,
    Setting,
    apply,
    language_warnings,
    parse_value,
)
from ..settings.profile import Profile
from ..speech.engine import DEFAULT_RATE, Voice, default_voice, is_voice_name

EXERCISE_FIELDS = ("hold", "reps", "sets")  # per exercise on the page
MAX_VALUE = 100  # characters in one field: a number, a range or a duration


def language_choices() -> list[tuple[str, str, str]]:
    """(what --language takes, its own name, its default voice) of every language."""
    return [(code, LANGUAGES[code].own_name, default_voice(code)) for code in languages()]


class FieldErrors(UserError):
    """Bad values, by field name: each message as the CLI would print it, on one line."""

    def __init__(
        self, errors: dict[str, str], problems: list[str] | None = None, status: int = 400
    ) -> None:
        # Escaped here, where every route's mistakes pass: a value with a newline in it
        # is shown as the CLI shows it, and never splits a message beside its field.
        self.errors = {name: one_line(message) for name, message in errors.items()}
        self.status = status
        # every line, for a file's problems
        self.problems = [one_line(line) for line in problems or self.errors.values()]
        super().__init__("; ".join(errors.values()))

    def lines(self) -> list[str]:
        return list(self.problems)


@dataclass(frozen=True)
class Chosen:
    """What the form's fields resolve to."""

    options: Options
    voice: Voice
    profile: Profile  # the same settings, as a profile file holds them
    wheres: dict[str, str]  # where each setting came from (its CLI form) -> the field's name
    notes: dict[str, str]  # a warning beside a field, as the CLI prints it (the language's)


def field_name(field: str, exercise: Exercise) -> str:
    return f"{field}-{exercise.slug}"


def own_value(exercise: Exercise, field: str) -> Amount | None:
    """The routine's own value of a field the page shows; None where it does not apply (or
    a hold of several positions that differ, which the field leaves alone until set)."""
    if field == "hold":
        holds = {step.hold for step in exercise.positions}
        if exercise.positions:
            return holds.pop() if len(holds) == 1 else None
        return exercise.hold
    if field == "reps":
        return exercise.reps
    return exercise.sets


def applies(exercise: Exercise, field: str) -> bool:
    """Whether the page offers `field` for this exercise (a hold of its own or of each
    position; reps when it counts reps; sets always)."""
    if field == "hold":
        return exercise.hold is not None or bool(exercise.positions)
    if field == "reps":
        return exercise.reps is not None
    return True


def _rest(routine: Routine) -> Amount:
    return routine.defaults.between or routine.defaults.rest


def form_values(routine: Routine) -> dict[str, str]:
    """The fields prefilled with the routine's values (ranges as ranges: the level picks)."""
    values = {
        "level": "standard",
        "language": routine.language,
        "voice": default_voice(routine.language),
        "rate": str(DEFAULT_RATE),
        "explain": "true",
        "rest": str(_rest(routine)),
        "prepare": str(routine.defaults.prepare),
    }
    for exercise in routine.exercises:
        for field in EXERCISE_FIELDS:
            if applies(exercise, field):
                own = own_value(exercise, field)
                values[field_name(field, exercise)] = "" if own is None else str(own)
    return values


def _text(form: Mapping[str, object], name: str, errors: dict[str, str]) -> str | None:
    """A field's text, None when it is empty or absent; a value that is no text is an error."""
    value = form.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        errors[name] = f"{name}: give a value like 30, not {type(value).__name__}"
        return None
    text = str(value).strip()
    if len(text) > MAX_VALUE:
        errors[name] = f"{name}: a value of at most {MAX_VALUE} characters, like 30 or 1m30s"
        return None
    return text or None


def read_settings(routine: Routine, form: Mapping[str, object]) -> Chosen:
    """The settings the form's fields give for `routine`; FieldErrors names every bad one."""
    errors: dict[str, str] = {}
    level = _text(form, "level", errors) or "standard"
    if level not in LEVELS:
        errors["level"] = f"level '{level}' is not known; use one of: {', '.join(LEVELS)}"
    # As --language: the phrases around the routine's own lines, and the voice's default.
    language = _text(form, "language", errors) or routine.language
    chosen_language = None if language == routine.language else language
    try:
        Options(language=chosen_language)
    except UserError as err:
        errors["language"] = str(err)
        chosen_language = None
    voice = _text(form, "voice", errors) or default_voice(language)
    if not is_voice_name(voice):
        errors["voice"] = f"voice {voice!r} is not a voice name; see voiceguide voices"
    rate_text = _text(form, "rate", errors) or str(DEFAULT_RATE)
    slow, fast = SPEAKING_RATES
    rate = int(rate_text) if rate_text.isdigit() and len(rate_text) < 6 else 0
    if not slow <= rate <= fast:
        errors["rate"] = f"rate {rate_text!r}: give words a minute from {slow} to {fast}"
    explain = str(form.get("explain", "true")).lower() not in ("false", "off", "0", "no")
    settings: list[Setting] = []
    wheres: dict[str, str] = {}

    def add(name: str, field: str, own: Amount | None, where: str, exercise: str | None) -> None:
        text = _text(form, name, errors)
        if text is None:
            return
        shown = f"{where}{'=' if exercise else ' '}{text}"
        try:
            value = parse_value(field, text, shown)
        except OverrideError as err:
            errors[name] = str(err)
            return
        if value != own:
            where = shown if exercise else where
            settings.append(Setting(field, value, where, exercise))
            wheres[where] = name

    add("rest", "rest", _rest(routine), "--rest", None)
    add("prepare", "prepare", routine.defaults.prepare, "--prepare", None)
    for exercise in routine.exercises:
        for field in EXERCISE_FIELDS:
            name = field_name(field, exercise)
            where = f"--set {exercise.slug}.{field}"
            if applies(exercise, field) or name in form:
                add(name, field, own_value(exercise, field), where, exercise.slug)
    if errors:
        raise FieldErrors(errors)
    chosen_level: Level = level  # type: ignore[assignment]  # checked against LEVELS above
    layer = Layer(tuple(settings), routine=routine.slug, where="the page")
    profile = Profile(
        level=chosen_level,
        explain=None if explain else False,
        voice=voice,
        rate=rate,
        layers=(layer,) if settings else (),
        language=chosen_language,
    )
    options = Options(
        level=chosen_level, layers=(layer,), explain=explain, language=chosen_language
    )
    warnings = language_warnings([routine], options)
    notes = {"language": warnings[0]} if warnings else {}
    return Chosen(options, Voice(voice, rate), profile, wheres, notes)


def field_of(err: UserError, chosen: Chosen) -> str:
    """The field an override's error is about (its message starts with where it was set);
    'settings' for an error about the session as a whole."""
    message = str(err)
    for where, name in chosen.wheres.items():
        if isinstance(err, OverrideError) and message.startswith(f"{where}:"):
            return name
    return "settings"


def values_from_profile(routine: Routine, profile: Profile) -> tuple[dict[str, str], list[str]]:
    """The form's fields as a profile sets them for `routine`, and notes on its settings the
    page has no field for (kept in the file, left out here)."""
    options = Options(level=profile.level or "standard", layers=profile.layers).for_routine(routine)
    applied, _changes = apply(routine, options)
    values = form_values(applied)
    values["level"] = options.level
    values["language"] = profile.language or routine.language
    values["voice"] = profile.voice or default_voice(values["language"])
    values["rate"] = str(profile.rate or DEFAULT_RATE)
    values["explain"] = "false" if profile.explain is False else "true"
    notes = []
    if profile.voice_command is not None:
        notes.append(
            "voice-command: the page speaks with its own voices; the command is left out here"
        )
    for layer in options.layers:
        if layer.routine not in (None, routine.slug):
            continue
        if layer.hold_scale is not None and any(
            applies(e, "hold") and own_value(e, "hold") is None for e in applied.exercises
        ):
            notes.append(
                f"{layer.scale_where}: hold-scale {layer.hold_scale:g} is shown as the holds it gives; a hold of several positions that differ keeps the routine's here"
            )
        for setting in layer.settings:
            if setting.exercise is None and setting.field == "prepare":
                values["prepare"] = str(setting.value)
            elif setting.exercise is None and setting.field == "rounds":
                notes.append(
                    f"{setting.where}: rounds has no field on this page; it is left out here"
                )
            elif setting.exercise is not None and setting.field not in EXERCISE_FIELDS:
                notes.append(
                    f"{setting.where}: {setting.field} for '{setting.exercise}' has no field on this page; it is left out here"
                )
    return values, notes
