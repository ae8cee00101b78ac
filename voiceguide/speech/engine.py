"""The interface every speech engine meets, so tests can swap in a failing or slow one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

DEFAULT_VOICE = "en"  # espeak-ng's English (Great Britain); any id or name from `voices`
DEFAULT_RATE = 160  # words a minute: calm, clear, not sleepy


@dataclass(frozen=True)
class Voice:
    """Which voice speaks and how fast."""

    name: str = DEFAULT_VOICE
    rate: int = DEFAULT_RATE


class SpeechEngine(Protocol):
    """Turns text into WAV files."""

    @property
    def identity(self) -> str:
        """Everything that changes the sound besides the text: engine, versions, voice, rate."""
        ...

    def synthesize(self, text: str, path: Path) -> None:
        """Write `text` spoken as a WAV file at `path`; raise MachineError or UserError."""
        ...

    def close(self) -> None:
        """Release the engine (end its worker process)."""
        ...
