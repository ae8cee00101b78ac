"""The page's settings form <-> the library's Settings.

The form's fields become one settings mapping, read by the library's one reader of
settings as the command line's flags are: a bad value gets the same message, shown beside
its field. A field left as the routine has it sets nothing, so a range in the routine
still follows the level; the same settings, saved, are a profile the CLI's `--profile`
reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..amounts import Amount
from ..errors import SettingError, UserError
from ..phrases import language_name, languages
from ..routine.model import Exercise, Routine
from ..settings.options import Options, apply, language_warnings
from ..settings.reader import Key, Places, Settings, dotted
from ..speech.engine import DEFAULT_RATE, Voice, default_voice

EXERCISE_FIELDS = ("hold", "reps", "sets")  # per exercise on the page
MAX_VALUE = 100  # characters in one field: a number, a range or a duration
# Each language as its own speakers name it, for the language field.
OWN_NAMES = {"en": "English", "de": "Deutsch", "es": "Español", "fr": "Français"}
PAGE = "the page"  # where a setting made on the page came from, as `plan` and tags say it


def language_choices() -> list[tuple[str, str, str]]:
    """(what --language takes, its own name, its default voice) of every phrase book."""
    return [
        (code, OWN_NAMES.get(code, language_name(code)), default_voice(code))
        for code in languages()
    ]


class FieldErrors(UserError):
    """Bad values, by field name: each message as the CLI would print it."""

    def __init__(
        self, errors: dict[str, str], problems: list[str] | None = None, status: int = 400
    ) -> None:
        self.errors, self.status = errors, status
        self.problems = problems or list(errors.values())  # every line, for a file's problems
        super().__init__("; ".join(errors.values()))

    def lines(self) -> list[str]:
        return list(self.problems)


class Fields(Places):
    """The page's fields: each problem goes beside its field, in the reader's own words."""

    def where(self, key: Key) -> str:
        # The language's note stands beside its field: it needs no place.
        return "" if key == ("language",) else PAGE

    def report(self, key: Key, message: str, *, at_key: bool = False) -> None:
        self.problems.append(SettingError(dotted(key), message, ""))


@dataclass(frozen=True)
class Chosen:
    """What the form's fields resolve to."""

    settings: Settings  # the same settings, as a profile file holds them
    fields: dict[str, str]  # each setting's key (dotted) -> the name of its field
    notes: dict[str, str]  # a warning beside a field, as the CLI prints it (the language's)

    @property
    def options(self) -> Options:
        return self.settings.options

    @property
    def voice(self) -> Voice:
        return self.settings.voice


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
        errors[name] = f"give a value like 30, not {type(value).__name__}"
        return None
    text = str(value).strip()
    if len(text) > MAX_VALUE:
        errors[name] = f"a value of at most {MAX_VALUE} characters, like 30 or 1m30s"
        return None
    return text or None


def read_settings(routine: Routine, form: Mapping[str, object]) -> Chosen:
    """The settings the form's fields give for `routine`; FieldErrors names every bad one."""
    errors: dict[str, str] = {}
    fields: dict[str, str] = {}
    mapping: dict[str, Any] = {}

    def take(name: str, key: Key, own: str | None = None) -> None:
        text = _text(form, name, errors)
        if text is not None and text != own:
            node = mapping
            for part in key[:-1]:
                node = node.setdefault(part, {})
            node[key[-1]] = text
        fields[dotted(key)] = name

    take("level", ("level",))
    # As --language: the phrases around the routine's own lines, and the voice's default.
    take("language", ("language",), routine.language)
    take("voice", ("voice",))
    take("rate", ("rate",))
    own = ("routines", routine.slug)
    take("rest", (*own, "rest"), str(_rest(routine)))
    take("prepare", (*own, "prepare"), str(routine.defaults.prepare))
    for exercise in routine.exercises:
        for field in EXERCISE_FIELDS:
            name = field_name(field, exercise)
            if applies(exercise, field) or name in form:
                value = own_value(exercise, field)
                key = (*own, "exercises", exercise.slug, field)
                take(name, key, None if value is None else str(value))
    language = mapping.get("language", routine.language)
    mapping.setdefault("level", "standard")
    mapping.setdefault("voice", default_voice(str(language).lower()))
    mapping.setdefault("rate", DEFAULT_RATE)
    if str(form.get("explain", "true")).lower() in ("false", "off", "0", "no"):
        mapping["explain"] = False
    try:
        settings = Settings.from_mapping(mapping, Fields())
    except SettingError as err:
        for problem in err.problems:
            errors.setdefault(fields.get(problem.key, "settings"), problem.message)
    if errors:
        raise FieldErrors(errors)
    warnings = language_warnings([routine], settings.options)
    notes = {"language": warnings[0]} if warnings else {}
    return Chosen(settings, fields, notes)


def field_of(err: UserError, chosen: Chosen) -> str:
    """The field an error is about (a setting's key names it); 'settings' for an error
    about the session as a whole."""
    if isinstance(err, SettingError):
        return chosen.fields.get(err.key, "settings")
    return "settings"


def values_from_profile(routine: Routine, profile: Settings) -> tuple[dict[str, str], list[str]]:
    """The form's fields as a profile sets them for `routine`, and notes on its settings the
    page has no field for (kept in the file, left out here)."""
    options = Options(level=profile.level or "standard", layers=profile.layers).for_routine(routine)
    applied, _changes = apply(routine, options)
    values = form_values(applied)
    values["level"] = options.level
    values["language"] = profile.language or routine.language
    values["voice"] = profile.voice_name or default_voice(values["language"])
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
