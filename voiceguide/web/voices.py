"""The voices the page offers: what `voiceguide voices` lists, installed ones only."""

from __future__ import annotations

import logging
import threading

import voiceguide

log = logging.getLogger("voiceguide.web")
_lock = threading.Lock()
_found: list[tuple[str, str]] | None = None


def voice_choices() -> list[tuple[str, str]]:
    """(what --voice takes, a description) of every installed voice, the default first.
    Asked of the engines once per server: it starts an engine."""
    global _found
    with _lock:
        if _found is None:
            _found = _ask()
        return list(_found)


def _ask() -> list[tuple[str, str]]:
    try:
        voices = voiceguide.voices()
    except voiceguide.VoiceguideError as err:  # the page still works with the default voice
        log.warning("could not list the voices: %s", err)
        voices = []
    choices: dict[str, str] = {voiceguide.default_voice("en"): "the default voice"}
    for language in voiceguide.languages():  # what a routine in each language speaks
        choices.setdefault(
            voiceguide.default_voice(language),
            f"the default voice for {voiceguide.language_name(language)} routines",
        )
    # The natural voice and English ones first: most routines are in English.
    for info in sorted(voices, key=lambda v: (v.engine != "natural", not _english(v.ident))):
        if info.installed:
            choices.setdefault(info.ident, f"{info.name} ({info.engine})")
    return list(choices.items())


def _english(ident: str) -> bool:
    return ident.rsplit("/", 1)[-1].startswith("en")
