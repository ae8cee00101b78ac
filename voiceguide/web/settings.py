"""The page's settings form <-> the library's Settings.

The form's fields become one settings mapping, read by the library's one reader of
settings as the command line's flags are: a bad value gets the same words, shown beside
its field. A field left as the routine has it sets nothing, so a range in the routine
still follows the level; the same settings, saved, are a profile the CLI's `--profile`
reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import voiceguide

if TYPE_CHECKING:
    from voiceguide import Plan, PlannedExercise, Routine, Settings, Voice

Key = tuple[Any, ...]  # a value's keys in the settings mapping
EXERCISE_FIELDS = ("hold", "reps", "sets")  # per exercise on the page
MAX_VALUE = 100  # characters in one field: a number, a range or a duration
PAGE = "the page"  # where a setting made on the page came from, as `plan` and tags say it


def whole_text(data: Mapping[str, object]) -> None:
    """FieldErrors naming each field of a JSON request that holds half a character (a lone
    surrogate, which JSON can write as "\ud83d"): nothing could print, speak or answer it."""
    errors = voiceguide.half_characters(data)
    if errors:
        raise FieldErrors(errors)


def language_choices() -> list[tuple[str, str, str]]:
    """(what --language takes, its name in its own words, its default voice) of every
    language, for the language field."""
    return [
        (code, voiceguide.own_language_name(code), voiceguide.default_voice(code))
        for code in voiceguide.languages()
    ]


class FieldErrors(voiceguide.UserError):
    """Bad values, by field name: each message in the library's words, on one line."""

    def __init__(
        self, errors: dict[str, str], problems: list[str] | None = None, status: int = 400
    ) -> None:
        # Escaped here, where every route's mistakes pass: a value with a newline in it
        # is shown as the CLI shows it, and never splits a message beside its field.
        one_line = voiceguide.one_line
        self.errors = {name: one_line(message) for name, message in errors.items()}
        self.status = status
        # every line, for a file's problems
        self.problems = [one_line(line) for line in problems or self.errors.values()]
        super().__init__("; ".join(errors.values()))

    def lines(self) -> list[str]:
        return list(self.problems)


class Fields(voiceguide.Places):
    """The page's fields: each problem goes beside its field, in the reader's own words."""

    def where(self, key: Key) -> str:
        # The language's note stands beside its field: it needs no place.
        return "" if key == ("language",) else PAGE

    def report(self, key: Key, message: str, *, at_key: bool = False) -> None:
        self.problems.append(voiceguide.SettingError(self.dotted(key), message, ""))


@dataclass(frozen=True)
class Chosen:
    """What the form's fields resolve to."""

    settings: Settings  # the same settings, as a profile file holds them
    fields: dict[str, str]  # each setting's key (dotted) -> the name of its field
    notes: dict[str, str]  # a warning beside a field, as the CLI prints it (the language's)

    @property
    def voice(self) -> Voice:
        return self.settings.voice


def field_name(field: str, exercise: PlannedExercise) -> str:
    return f"{field}-{exercise.slug}"


def applies(exercise: PlannedExercise, field: str) -> bool:
    """Whether the page offers `field` for this exercise (a hold of its own or of each
    position; reps when it counts reps; sets always)."""
    if field == "hold":
        return exercise.hold is not None or bool(exercise.positions)
    if field == "reps":
        return exercise.reps is not None
    return True


def exercise_fields(exercise: PlannedExercise) -> list[str]:
    return [field for field in EXERCISE_FIELDS if applies(exercise, field)]


def own_values(routine: Routine) -> Plan:
    """The routine's own values, as written (ranges as ranges: the level picks)."""
    return voiceguide.plan(routine, estimate=False)


def form_values(planned: Plan) -> dict[str, str]:
    """The fields prefilled with a plan's values as written (its routine's, or a profile's)."""
    written = dict(planned.written)
    values = {
        "level": "standard",
        "language": planned.language,
        "voice": voiceguide.default_voice(planned.language),
        "rate": str(voiceguide.Voice().rate),
        "explain": "true",
        "rest": written["rest"],
        "prepare": written["prepare"],
    }
    for exercise in planned.exercises:
        shown = dict(exercise.written)
        for field in exercise_fields(exercise):
            values[field_name(field, exercise)] = shown.get(field, "")
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
    own = own_values(routine)
    written = dict(own.written)
    errors: dict[str, str] = {}
    fields: dict[str, str] = {}
    mapping: dict[str, Any] = {}

    def take(name: str, key: Key, same: str | None = None) -> None:
        text = _text(form, name, errors)
        if text is not None and text != same:
            node = mapping
            for part in key[:-1]:
                node = node.setdefault(part, {})
            node[key[-1]] = text
        fields[voiceguide.Places.dotted(key)] = name

    take("level", ("level",))
    # As --language: the phrases around the routine's own lines, and the voice's default.
    take("language", ("language",), own.language)
    take("voice", ("voice",))
    take("rate", ("rate",))
    section = ("routines", own.slug)
    take("rest", (*section, "rest"), written["rest"])
    take("prepare", (*section, "prepare"), written["prepare"])
    for exercise in own.exercises:
        shown = dict(exercise.written)
        for field in EXERCISE_FIELDS:
            name = field_name(field, exercise)
            if applies(exercise, field) or name in form:
                key = (*section, "exercises", exercise.slug, field)
                take(name, key, shown.get(field))
    language = str(mapping.get("language", own.language)).lower()
    if language not in voiceguide.languages():  # said beside the language, not the voice
        language = own.language
    mapping.setdefault("level", "standard")
    mapping.setdefault("voice", voiceguide.default_voice(language))
    mapping.setdefault("rate", voiceguide.Voice().rate)
    if str(form.get("explain", "true")).lower() in ("false", "off", "0", "no"):
        mapping["explain"] = False
    try:
        settings = voiceguide.Settings.from_mapping(mapping, Fields())
    except voiceguide.SettingError as err:
        for problem in err.problems:
            errors.setdefault(fields.get(problem.key, "settings"), problem.message)
    if errors:
        raise FieldErrors(errors)
    # What the settings point out about this routine: that its own lines stay in its
    # language when another is chosen, beside the language's field.
    warnings = settings.check([routine])
    notes = {"language": warnings[0]} if warnings else {}
    # And that the natural voice chosen does not speak that language, beside the voice's.
    spoken = voiceguide.natural_note(settings.voice, [settings.language or own.language])
    if spoken:
        notes["voice"] = spoken
    return Chosen(settings, fields, notes)


def field_of(err: voiceguide.UserError, chosen: Chosen) -> str:
    """The field an error is about (a setting's key names it); 'settings' for an error
    about the session as a whole."""
    if isinstance(err, voiceguide.SettingError):
        return chosen.fields.get(err.key, "settings")
    return "settings"


def values_from_profile(routine: Routine, profile: Settings) -> tuple[dict[str, str], list[str]]:
    """The form's fields as a profile sets them for `routine`, and notes on its settings the
    page has no field for (kept in the file, left out here)."""
    planned = voiceguide.plan(routine, profile, estimate=False)
    values = form_values(planned)
    values["level"] = profile.level or "standard"
    values["voice"] = profile.voice_name or values["voice"]
    values["rate"] = str(profile.voice.rate)
    values["explain"] = "false" if profile.explain is False else "true"
    notes = []
    if profile.voice_command is not None:
        notes.append(
            "voice-command: the page speaks with its own voices; the command is left out here"
        )
    differing = any(e.positions and "hold" not in dict(e.written) for e in planned.exercises)
    for layer in profile.layers:
        if layer.routine not in (None, planned.slug):
            continue
        if layer.hold_scale is not None and differing:
            notes.append(
                f"{layer.scale_where}: hold-scale {layer.hold_scale:g} is shown as the holds it gives; a hold of several positions that differ keeps the routine's here"
            )
        for setting in layer.settings:
            if setting.exercise is None and setting.field == "rounds":
                notes.append(
                    f"{setting.where}: rounds has no field on this page; it is left out here"
                )
            elif setting.exercise is not None and setting.field not in EXERCISE_FIELDS:
                notes.append(
                    f"{setting.where}: {setting.field} for '{setting.exercise}' has no field on this page; it is left out here"
                )
    return values, notes
