"""Damaged cache entries are made again, and a cache that cannot be written never fails a
build that could be made: each case builds for real and checks the result."""

from __future__ import annotations

import math
import os
import random
import resource
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from audio_probe import RATE, decode
from helpers import FIXTURES, WrappedEngine, mounted_tmpfs

from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.speech.cache import ClipCache
from voiceguide.speech.engine import Voice
from voiceguide.speech.engines import make_engine
from voiceguide.speech.pool import SpeechSettings

PY = sys.executable
PHRASE = "Timing check."  # said once in tests/fixtures/short.yaml


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, bytes]:
    """A cache filled by one build of the short routine, and the MP3 it gave."""
    from voiceguide.routine.reader import load_routine

    folder = tmp_path_factory.mktemp("reference")
    result = build(
        load_routine(FIXTURES / "short.yaml"),
        output=OutputSettings(folder / "out"),
        speech=SpeechSettings(cache_dir=folder / "cache"),
    )
    return folder / "cache", result.path.read_bytes()


def _wav_header(frames: int, rate: int, channels: int = 1, width: int = 2) -> bytes:
    data = frames * channels * width
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF", (36 + data) % 2**32, b"WAVE", b"fmt ", 16, 1, channels, rate,
        rate * channels * width % 2**32, channels * width, width * 8, b"data", data % 2**32,
    )  # fmt: skip


def _garbage(n: int) -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(n))


DAMAGE = {
    "rate 1 in the header": lambda good: _wav_header(len(good) // 2, 1) + good,
    "rate 0xFFFFFFFF": lambda good: _wav_header(len(good) // 2, 0xFFFFFFFF) + good,
    "8 kHz 8-bit stereo header": lambda good: _wav_header(len(good) // 2, 8000, 2, 1) + good,
    "valid header, garbage samples": lambda good: (
        _wav_header(len(good) // 2, 22050) + _garbage(len(good))
    ),
    "cut short": lambda good: _wav_header(len(good) // 2, 22050) + good[: len(good) // 3],
    "a huge frame count": lambda good: _wav_header(10**9, 22050) + good,
    "empty": lambda good: b"",
    "not a WAV": lambda good: b"hello" * 100,
}


def _run_build(cache: Path, out: Path) -> subprocess.CompletedProcess:
    """The CLI in a child limited to 1.5 GB of address space, so a runaway read fails the test
    (a rate-1 header once grew a build to 24 GB)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    return subprocess.run(
        [PY, "-m", "voiceguide.cli", "build", str(FIXTURES / "short.yaml"), "-o", str(out)],
        env={**os.environ, "VOICEGUIDE_CACHE": str(cache)},
        capture_output=True,
        text=True,
        timeout=240,
        preexec_fn=limit,
    )


def _copy(cache: Path, to: Path) -> Path:
    shutil.copytree(cache, to)
    return to


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_clip_is_made_again(tmp_path, reference, damage):
    cache = _copy(reference[0], tmp_path / "cache")
    entry = ClipCache(cache, make_engine(Voice()).identity).path_for(PHRASE)
    good = entry.read_bytes()[44:]
    entry.write_bytes(DAMAGE[damage](good))
    done = _run_build(cache, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "short.mp3").read_bytes() == reference[1]
    assert entry.read_bytes()[44:] == good  # the entry was replaced by a good clip


def test_a_clip_path_that_is_a_folder_does_not_stop_the_build(tmp_path, reference):
    cache = _copy(reference[0], tmp_path / "cache")
    entry = ClipCache(cache, make_engine(Voice()).identity).path_for(PHRASE)
    entry.unlink()
    entry.mkdir()
    done = _run_build(cache, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "short.mp3").read_bytes() == reference[1]
    assert done.stderr.count("voiceguide: warning: cannot write the speech cache") == 1


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e300", "garbage", "-80"])
def test_a_damaged_loudness_figure_is_measured_again(tmp_path, reference, value):
    cache = _copy(reference[0], tmp_path / "cache")
    figures = list((cache / "loudness").glob("*.txt"))
    assert figures
    for figure in figures:
        figure.write_text(value + "\n")
    done = _run_build(cache, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "short.mp3").read_bytes() == reference[1]
    for figure in figures:
        assert math.isfinite(float(figure.read_text()))


@pytest.mark.parametrize("options", ["ro,size=1m", "size=24k"], ids=["read-only", "full"])
def test_an_unwritable_or_full_cache_builds_without_caching(tmp_path, reference, options):
    with mounted_tmpfs(tmp_path / "cache", options) as cache:
        done = _run_build(cache, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "building without caching" in warnings[0], done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "out" / "short.mp3").read_bytes() == reference[1]


class _DeletesTheCache(WrappedEngine):
    """The real engine; after its first phrase the whole cache folder disappears."""

    def __init__(self, cache: Path) -> None:
        super().__init__()
        self.cache, self.spoken = cache, 0

    def synthesize(self, text: str, path: Path) -> None:
        self.inner.synthesize(text, path)
        self.spoken += 1
        if self.spoken == 2:
            shutil.rmtree(self.cache)


def test_a_cache_deleted_mid_build_does_not_stop_it(tmp_path, reference, short_routine):
    cache = tmp_path / "cache"
    result = build(
        short_routine,
        output=OutputSettings(tmp_path / "out"),
        speech=SpeechSettings(engine=_DeletesTheCache(cache), cache_dir=cache),
    )
    assert result.path.read_bytes() == reference[1]
    assert abs(len(decode(result.path)) / RATE - result.timeline.seconds) < 0.03


def test_clips_left_half_written_by_a_killed_build_are_removed(tmp_path, short_routine):
    dead = subprocess.Popen([PY, "-c", "pass"])
    dead.wait()
    cache = tmp_path / "cache"
    stale = cache / "ab" / f"{'a' * 32}.{dead.pid}.0123456789ab.tmp"
    alive = cache / "ab" / f"{'b' * 32}.{os.getpid()}.0123456789ab.tmp"
    other = cache / "ab" / "notes.tmp"
    for path in (stale, alive, other):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"RIFF")
    build(
        short_routine,
        output=OutputSettings(tmp_path / "out"),
        speech=SpeechSettings(cache_dir=cache),
    )
    assert not stale.exists()
    assert alive.exists() and other.exists()
