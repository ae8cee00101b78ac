"""One session budget that counts everything heard, checked before any audio; memory
bounded by the longest clip, not by how much is said."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import yaml

from voiceguide.errors import LocatedError
from voiceguide.planning.planner import plan
from voiceguide.routine.reader import parse_routine

PY = sys.executable
WORDS = [
    "stretch",
    "reach",
    "breathe",
    "slowly",
    "shoulder",
    "arm",
    "knee",
    "hip",
    "floor",
    "wall",
    "chair",
    "towel",
]


def _lines(count: int, words: int) -> list[str]:
    """Distinct plain sentences, each `words` long (no numbers, as `say` requires)."""
    lines = []
    for n in range(count):
        picked = [WORDS[(n * 7 + k * (n % 5 + 1)) % len(WORDS)] for k in range(words)]
        lines.append(f"Line {'abcdefghijklmnopqrstuvwxyz'[n % 26]} " + " ".join(picked) + ".")
    # Make each unique whatever the pattern: a word spelled from the line's number.
    return [f"{line[:-1]} {_spell(n)}." for n, line in enumerate(lines)]


def _spell(n: int) -> str:
    return "".join("abcdefghij"[int(d)] for d in str(n)) + "x"


def _routine(say: list[str]) -> str:
    return yaml.safe_dump(
        {
            "title": "Long talk",
            "exercises": [
                {"name": "Talk", "position": "sitting", "say": say, "hold": 5},
            ],
        }
    )


def test_a_routine_of_two_thousand_lines_is_refused_when_planned(tmp_path):
    """It passes `validate` (each line is fine) but would speak for about fifteen hours."""
    text = _routine(_lines(2000, 50))
    assert len(text) > 600_000
    routine = parse_routine(text, "talk.yaml")
    started = time.monotonic()
    with pytest.raises(
        LocatedError,
        match=r"talk.yaml:\d+:1: the session would run over 3 hours by exercise 'Talk' \(speech included\)",
    ):
        plan(routine)
    assert time.monotonic() - started < 30  # before any audio


def test_the_cli_refuses_it_in_one_line_before_speaking(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(_routine(_lines(2000, 50)))
    done = subprocess.run(
        [PY, "-m", "voiceguide.cli", "build", str(path), "-o", str(tmp_path / "out")],
        env={**os.environ, "VOICEGUIDE_CACHE": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith(f"voiceguide: error: {path}:")
    assert "the session would run over 3 hours by exercise 'Talk' (speech included)" in line
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").rglob("*.wav"))


@pytest.mark.slow
def test_memory_stays_bounded_however_much_is_said(tmp_path):
    """A hundred long distinct lines (about half an hour of speech) build in little memory:
    clips and prepared sounds live in scratch files, not in memory. Into WAV: the encoder
    is an ffmpeg process of its own, outside the peak measured here."""
    path = tmp_path / "talk.yaml"
    path.write_text(_routine(_lines(100, 50)))
    code = (
        "import sys\n"
        "from voiceguide.cli import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        # VmHWM: this process's own peak (ru_maxrss would count the test process it was forked from)
        "    status = open('/proc/self/status').read()\n"
        "    peak = int(status.split('VmHWM:')[1].split()[0]) // 1024\n"
        "    print(f'peak {peak}', file=sys.stderr)\n"
    )
    done = subprocess.run(
        [PY, "-c", code, "build", str(path), "-o", str(tmp_path / "out"), "--format", "wav"],
        env={**os.environ, "VOICEGUIDE_CACHE": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert "peak" in done.stderr, done.stderr
    peak = int(done.stderr.split("peak ")[-1].split()[0])
    seconds = yaml.safe_load((tmp_path / "out" / "talk.json").read_text())["seconds"]
    assert seconds > 20 * 60, seconds
    # Before: the clips and prepared sounds were all held, some 2 MB per long line.
    assert peak < 150, f"{peak} MB for {seconds / 60:.0f} minutes"
