"""What several test modules share: fixture paths, the suite's report, wrapped engines."""

from __future__ import annotations

from pathlib import Path

from voiceguide.speech import Voice
from voiceguide.speech.engines import make_engine

FIXTURES = Path(__file__).parent / "fixtures"
REPORT: list[str] = []  # figures the suite prints at the end (e.g. compile accuracy)


class WrappedEngine:
    """The real engine behind a wrapper that tests change one behaviour of."""

    def __init__(self, voice: Voice | None = None) -> None:
        self.inner = make_engine(voice or Voice())
        self.voice, self.sample_rate, self.pace = (
            self.inner.voice,
            self.inner.sample_rate,
            self.inner.pace,
        )

    @property
    def identity(self) -> str:
        return self.inner.identity

    def synthesize(self, text: str, path: Path) -> None:
        self.inner.synthesize(text, path)

    def close(self) -> None:
        self.inner.close()


class CountingEngine(WrappedEngine):
    """The real engine, counting how often it is asked to speak."""

    def __init__(self, voice: Voice | None = None) -> None:
        super().__init__(voice)
        self.calls: list[str] = []

    def synthesize(self, text: str, path: Path) -> None:
        self.calls.append(text)
        self.inner.synthesize(text, path)
