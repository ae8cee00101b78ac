"""The voice field's choices as a person picks them: a few named voices first ("Natural (US
English)", "Clear, robotic (Deutsch)": one per language the page speaks), and every other
installed voice behind an "All voices" choice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import voiceguide

NATURAL = "natural"


@dataclass(frozen=True)
class VoiceChoice:
    ident: str  # what the settings take
    label: str  # what the person reads


@dataclass(frozen=True)
class VoiceMenu:
    named: tuple[VoiceChoice, ...]  # shown first
    others: tuple[VoiceChoice, ...]  # behind "All voices"

    def holds(self, ident: str) -> bool:
        return any(choice.ident == ident for choice in self.named)


def voice_menu(
    installed: Iterable[tuple[str, str]], languages: Iterable[tuple[str, str, str]]
) -> VoiceMenu:
    """The menu from the installed voices ((ident, description), as the voice list gives
    them) and the page's languages ((code, own name, default voice))."""
    installed = list(installed)
    have = {ident for ident, _what in installed}
    named: list[VoiceChoice] = []
    if NATURAL in have:
        named.append(VoiceChoice(NATURAL, "Natural (US English)"))
    for code, own_name, _default in languages:
        # espeak-ng's voice for each language, even where the natural voice is the default
        named.append(VoiceChoice(voiceguide.espeak_voice(code), f"Clear, robotic ({own_name})"))
    shown = {choice.ident for choice in named}
    others = tuple(
        VoiceChoice(ident, _plain(ident, what)) for ident, what in installed if ident not in shown
    )
    return VoiceMenu(tuple(named), others)


def _plain(ident: str, what: str) -> str:
    """An installed voice's description without the engine's own notes on how to name it
    ("..., variant m3: the default (any voice takes a variant...)", "also --voice ...")."""
    text = what.split(";")[0].split(": the default")[0].strip()
    return text or ident
