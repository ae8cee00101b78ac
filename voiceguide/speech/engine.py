"""The interface every speech engine meets, so tests can swap in a failing or slow one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .checks import Pace

# espeak-ng's English (Great Britain) with its "m3" male variant: the clearest English
# voice measured (scripts/voice_clarity.py: Whisper tiny.en misheard 21.1% of the words of
# every bundled line, against 22.1% for en-gb-x-rp, 23.0% for plain en, 27.0% for en-us).
DEFAULT_VOICE = "en+m3"
DEFAULT_RATE = 160  # words a minute: calm, clear, not sleepy


@dataclass(frozen=True)
class Voice:
    """Which voice speaks and how fast."""

    name: str = DEFAULT_VOICE
    rate: int = DEFAULT_RATE


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
