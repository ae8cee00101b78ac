"""Shared fixtures: a private clip cache per test session, and the real speech engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from voiceguide.build import default_engine
from voiceguide.routine import load_routine
from voiceguide.speech import Voice

FIXTURES = Path(__file__).parent / "fixtures"
REPORT: list[str] = []  # figures the suite prints at the end (e.g. compile accuracy)


def pytest_terminal_summary(terminalreporter) -> None:
    for line in REPORT:
        terminalreporter.write_line(line)


class WrappedEngine:
    """The real engine behind a wrapper that tests change one behaviour of."""

    def __init__(self, voice: Voice | None = None) -> None:
        self.inner = default_engine(voice or Voice())
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


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clip-cache")


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(cache_dir: Path):
    """Never touch the developer's own cache from tests (session-wide, before any build)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VOICEGUIDE_CACHE", str(cache_dir))
        yield


@pytest.fixture
def short_routine():
    return load_routine(FIXTURES / "short.yaml")
