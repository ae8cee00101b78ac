"""What several test modules share: fixture paths, the suite's report, wrapped engines."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

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


@contextlib.contextmanager
def mounted_tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """A small tmpfs at `folder` (e.g. "size=24k" to fill, "ro" to refuse writes); the
    test is skipped where mounting needs a root this session does not have."""
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


ERROR = "voiceguide: error: "


def run_cli(*args: object):
    """The command line, run in-process as `voiceguide ARGS`."""
    from click.testing import CliRunner

    from voiceguide.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="voiceguide")


def one_error(result) -> str:
    """The single error line a refused command printed: exit 2, no traceback."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith(ERROR)]
    assert len(errors) == 1, result.stderr
    return errors[0].removeprefix(ERROR)
