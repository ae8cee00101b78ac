"""Shared fixtures: a private clip cache per test session, and a short routine."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES, REPORT

from voiceguide.routine.reader import load_routine


def pytest_terminal_summary(terminalreporter) -> None:
    for line in REPORT:
        terminalreporter.write_line(line)


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
