"""Which engine speaks for a voice name, and the voices each engine offers."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UserError
from .engine import DEFAULT_VOICE, SpeechEngine, Voice


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
    from . import piper_engine
    from .pyttsx3_engine import Pyttsx3Engine

    voices = []
    for ident, name in Pyttsx3Engine(Voice(DEFAULT_VOICE), timeout=timeout).voices():
        voices.append(VoiceInfo(ident, name, "espeak"))
        if ident.rsplit("/", 1)[-1] == DEFAULT_VOICE.split("+")[0]:
            # The default is a voice with a variant, which espeak does not list as a voice.
            voices.append(
                VoiceInfo(
                    DEFAULT_VOICE,
                    f"{name}, variant {DEFAULT_VOICE.split('+')[1]}: the default "
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
        VoiceInfo("natural", f"{name}; also --voice {ident}", "natural") for ident, name in natural
    ]
