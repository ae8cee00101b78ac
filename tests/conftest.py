"""Shared fixtures: a private clip cache per test session, the fake voice by default, and a
short routine.

Every test speaks through the fake engine (voiceguide/speech/fake.py) unless its module or
itself is marked `real_speech`: those are the tests where the voice is what is tested
(determinism, the rate band, engine faults, the natural voice, pronunciation) and a few
end-to-end builds measured in decoded audio. `VOICEGUIDE_SPEECH=real scripts/test` runs
the whole suite through the real engines instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import FIXTURES, REPORT

from voiceguide.routine.reader import load_routine
from voiceguide.speech import engine
from voiceguide.speech.fake import ENVIRONMENT as SPEECH

REAL_SPEECH = "real_speech"
REPORT_KEY = "voiceguide report"
# The test files that take longest, longest first (CPU seconds, child processes included,
# as scripts/bench_tests measures them). pytest-xdist hands whole files to its workers in
# collection order (scripts/test asks it not to reorder them by test count, which put the
# one-test files, a whole-routine build among them, last): started first, a long file
# runs beside the many short ones instead of leaving one worker alone at the end.
# test_pdf.py is left out on purpose: its hostile PDFs are held to seconds of wall time,
# so it is better not started beside the heaviest builds.
LONGEST_FIRST = (
    "test_bundled.py",
    "test_programme.py",
    "test_finished.py",
    "test_cache_faults.py",
    "test_faults.py",
    "test_natural_voice.py",
    "test_limits.py",
    "test_hostile_files.py",
    "test_voice.py",
    "test_hostile_cli.py",
    "test_listener_files.py",
    "test_web_browser.py",
    "test_overrides.py",
    "test_web_hostile.py",
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{REAL_SPEECH}: speaks through the real engines (espeak-ng, Piper), not the fake: "
        "the voice is what is tested",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """LONGEST_FIRST's files first, in its order; the rest as collected (a stable sort)."""
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


_REPORTED: list[str] = []  # REPORT's lines as the tests' reports brought them here


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "teardown":
        _REPORTED.extend(line for key, line in report.user_properties if key == REPORT_KEY)


def pytest_terminal_summary(terminalreporter) -> None:
    for line in _REPORTED:
        terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def _report_lines(request: pytest.FixtureRequest):
    """The lines a test adds to REPORT travel with its report, so that they reach the
    summary when the suite runs in several worker processes (pytest-xdist) too."""
    before = len(REPORT)
    yield
    request.node.user_properties.extend((REPORT_KEY, line) for line in REPORT[before:])


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clip-cache")


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(cache_dir: Path):
    """Never touch the developer's own cache from tests (session-wide, before any build),
    and speak through the fake engine unless $VOICEGUIDE_SPEECH already says otherwise.
    The environment carries both into the CLI's processes and the web page's build jobs.

    English's default stays espeak-ng's en+m3 in this process even where the natural voice
    is installed (it is the default there otherwise: speech/engine.py), so that a test's
    tracks do not depend on the extras; a test of the natural default patches it back."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "natural_is_default", lambda: False)
        patch.setenv("VOICEGUIDE_CACHE", str(cache_dir))
        if SPEECH not in os.environ:
            patch.setenv(SPEECH, "fake")
        yield


def _real_speech(request: pytest.FixtureRequest):
    if request.node.get_closest_marker(REAL_SPEECH) is None:
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(SPEECH, raising=False)
        yield


@pytest.fixture(scope="module", autouse=True)
def _real_speech_module(request: pytest.FixtureRequest):
    """A module marked real_speech speaks for real, its module-wide fixtures too (an
    autouse fixture is set up before the other fixtures of its scope)."""
    yield from _real_speech(request)


@pytest.fixture(autouse=True)
def _real_speech_test(request: pytest.FixtureRequest):
    """A test marked real_speech speaks for real."""
    yield from _real_speech(request)


@pytest.fixture
def short_routine():
    return load_routine(FIXTURES / "short.yaml")
