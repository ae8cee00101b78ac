"""Hostile files the user names (issue 12): FIFOs, devices, huge or malformed input, music
that is a list of other files. Each runs the real CLI in its own process, which must end
in time, within memory, with one clear line and the right exit status.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from audio_probe import RATE, decode
from helpers import FIXTURES, REPORT

from voiceguide.ffmpeg import ffmpeg_exe

HOSTILE = Path(__file__).parent / "hostile"
SHORT = FIXTURES / "short.yaml"
SECONDS = 60  # far beyond what any case needs (the slowest takes seconds), so load cannot miss it
PEAK_MB = 400
# A guard, not the measure: a runaway child fails with MemoryError instead of taking the
# machine down. Virtual size runs far above what is used (thread stacks, malloc arenas).
ADDRESS_SPACE = 4 * 2**30


@dataclass
class Run:
    status: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


# Runs the CLI from a small fresh Python and writes down its peak memory. Measured in the
# test process instead, a child's peak would include the test process's own size: Linux
# counts the memory a child had between fork and exec.
_LAUNCH = """
import resource, subprocess, sys
status = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(status if status >= 0 else 128 - status)
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def voiceguide(args: list[str], cache_dir: Path, *, case: str) -> Run:
    """Run the CLI in a child process, within the time and memory bounds."""
    env = {**os.environ, "VOICEGUIDE_CACHE": str(cache_dir)}
    with tempfile.TemporaryDirectory() as scratch:
        peak = Path(scratch) / "peak"
        # The child's CPU seconds, not the wall clock: bounds that hold on a busy machine.
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        child = subprocess.Popen(
            [sys.executable, "-c", _LAUNCH, peak, sys.executable, "-m", "voiceguide.cli", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=_limit_memory,
            start_new_session=True,  # so a child that hangs goes with everything it started
        )
        try:
            stdout, stderr = child.communicate(timeout=SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            pytest.fail(f"{case}: still running after {SECONDS} s")
        run = Run(
            child.returncode,
            stdout.decode(errors="replace"),
            stderr.decode(errors="replace"),
            _cpu_seconds(before, resource.getrusage(resource.RUSAGE_CHILDREN)),
            int(peak.read_text()) / 1024,  # kB on Linux
        )
    REPORT.append(f"hostile file: {case}: {run.seconds:.1f} s, peak {run.peak_mb:.0f} MB")
    assert run.peak_mb < PEAK_MB, f"{case}: peak memory {run.peak_mb:.0f} MB"
    return run


def _cpu_seconds(before: resource.struct_rusage, after: resource.struct_rusage) -> float:
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def one_error(run: Run, *, status: int = 2, progress: int = 0) -> str:
    """The one error line, after checking it is the only line but for warnings and progress."""
    assert "Traceback" not in run.stderr, run.stderr
    assert run.status == status, (run.status, run.stderr)
    lines = run.stderr.splitlines()
    errors = [line for line in lines if line.startswith("voiceguide: error: ")]
    others = [line for line in lines if not line.startswith("voiceguide: ")]
    assert len(errors) == 1, run.stderr
    assert lines[-1] == errors[0], run.stderr
    assert len(others) == progress, run.stderr  # e.g. "[1/1] short: Timing check"
    return errors[0].removeprefix("voiceguide: error: ")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


# --- files that are not regular files ------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "args", "what"),
    [
        ("validate a FIFO", ["validate", "{fifo}"], "{fifo}: is a FIFO (named pipe), not a file; give a routine file"),
        ("build a FIFO", ["build", "{fifo}", "-o", "{out}"], "{fifo}: is a FIFO (named pipe), not a file; give a routine file"),
        ("profile a FIFO", ["plan", str(SHORT), "--profile", "{fifo}"], "{fifo}: is a FIFO (named pipe), not a file; give a profile file"),
        ("compile a FIFO", ["compile", "{fifo}"], "{fifo}: is a FIFO (named pipe), not a file; give an article file"),
        ("music a FIFO", ["build", str(SHORT), "-o", "{out}", "--music", "{fifo}"], "--music {fifo}: is a FIFO (named pipe), not a file; give an audio file"),
        ("validate /dev/zero", ["validate", "/dev/zero"], "/dev/zero: is a device, not a file; give a routine file"),
        ("build /dev/urandom", ["build", "/dev/urandom", "-o", "{out}"], "/dev/urandom: is a device, not a file; give a routine file"),
        ("profile /dev/zero", ["plan", str(SHORT), "--profile", "/dev/zero"], "/dev/zero: is a device, not a file; give a profile file"),
        ("compile /dev/zero", ["compile", "/dev/zero"], "/dev/zero: is a device, not a file; give an article file"),
        ("compile /dev/urandom", ["compile", "/dev/urandom"], "/dev/urandom: is a device, not a file; give an article file"),
        ("music /dev/zero", ["build", str(SHORT), "-o", "{out}", "--music", "/dev/zero"], "--music /dev/zero: is a device, not a file; give an audio file"),
        ("compile a folder", ["compile", "{out}"], "{out}: is a folder; give an article file"),
    ],
)  # fmt: skip
def test_a_fifo_device_or_folder_is_refused_before_it_is_read(
    tmp_path, fifo, cache_dir, case, args, what
):
    out = tmp_path / "out"
    out.mkdir()
    names = {"fifo": fifo, "out": out}
    run = voiceguide([a.format(**names) for a in args], cache_dir, case=case)
    assert one_error(run) == what.format(**names)
    assert list(out.iterdir()) == []


# --- files too big --------------------------------------------------------------------------


def test_an_article_over_a_megabyte_is_refused_unread(tmp_path, cache_dir):
    article = tmp_path / "big.txt"
    with article.open("w") as out:
        for n in range(2 * 2**20 // 40):
            out.write(f"{n:6}. Lie down, hold for 30 seconds.\n")  # 40 bytes
    run = voiceguide(
        ["compile", article, "-o", tmp_path / "d.yaml"], cache_dir, case="2 MB article"
    )
    assert one_error(run) == (
        f"{article}: the file is 2 MB; an article is a small text file (at most 1 MB)"
    )
    assert not (tmp_path / "d.yaml").exists()


def test_music_over_the_cap_is_refused_before_ffmpeg_reads_it(tmp_path, cache_dir):
    music = tmp_path / "long.wav"
    with music.open("wb") as out:
        out.truncate(501 * 2**20)  # sparse: the size without the disk space
    run = voiceguide(
        ["build", SHORT, "-o", tmp_path / "out", "--music", music], cache_dir, case="501 MB music"
    )
    assert one_error(run) == (
        f"--music {music}: the file is 501 MB; an audio file is at most 500 MB"
    )


# --- hostile YAML scalars -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("huge-int.yaml", "7:11", "'99999999999999999999...' cannot be read as a whole number (too many digits); quote it if it is text"),
        ("int-beyond-float.yaml", "7:11", "a number of 400 digits is far too big to be used here"),
        ("bad-date.yaml", "8:11", "'2001-02-30' cannot be read as a date (day is out of range for month); quote it if it is text"),
        ("bad-bool-tag.yaml", "2:8", "'perhaps' cannot be read as yes or no; quote it if it is text"),
        ("bad-hex.yaml", "7:11", "'0x_' cannot be read as a whole number; quote it if it is text"),
    ],
)  # fmt: skip
def test_a_scalar_its_type_cannot_read_is_one_located_line(cache_dir, name, where, message):
    path = HOSTILE / name
    run = voiceguide(["validate", path], cache_dir, case=name)
    assert one_error(run) == f"{path}:{where}: {message}"


def test_a_profile_goes_through_the_same_reader(cache_dir):
    path = HOSTILE / "huge-int-profile.yaml"
    run = voiceguide(["plan", SHORT, "--profile", path], cache_dir, case="huge-int profile")
    assert one_error(run).startswith(f"{path}:2:7: '99999999999999999999...' cannot be read")


# --- music that is not one plain audio file -------------------------------------------------


def _tone(path: Path) -> None:
    """Five seconds of 220 Hz, written by name through `file:` (the name may hold a colon)."""
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "sine=f=220:d=5", f"file:{path}"],
        check=True,
    )


def test_a_concat_list_as_music_is_refused_and_nothing_beside_it_is_read(tmp_path, cache_dir):
    listing = tmp_path / "music.txt"
    shutil.copy(HOSTILE / "concat-list.ffconcat", listing)
    # The file the list names is a FIFO: had ffmpeg followed the list, it would wait on it
    # forever and the run would miss its time bound.
    os.mkfifo(tmp_path / "beside.wav")
    run = voiceguide(
        ["build", SHORT, "-o", tmp_path / "out", "--music", listing], cache_dir, case="concat music"
    )
    # Refused before any build starts: music is measured once, before any phrase is spoken.
    assert one_error(run, progress=0) == (
        f"--music {listing}: not a plain audio file (a playlist or a list of files?); give an audio file (mp3, m4a, ogg, wav, flac)"
    )
    assert not (tmp_path / "out" / "short.mp3").exists()


def _level_220(audio: np.ndarray, start: float, end: float) -> float:
    piece = audio[int(start * RATE) : int(end * RATE)]
    t = np.arange(len(piece)) / RATE
    amplitude = 2 * abs(np.sum(piece * np.exp(-2j * np.pi * 220 * t))) / len(piece)
    return float(20 * np.log10(amplitude + 1e-12))


def test_music_with_a_colon_in_its_name_is_read_as_a_plain_file(tmp_path, cache_dir):
    music = tmp_path / "a:b.mp3"
    _tone(music)
    out = tmp_path / "out"
    run = voiceguide(["build", SHORT, "-o", out, "--music", music], cache_dir, case="a:b.mp3 music")
    assert run.status == 0, run.stderr
    assert "Traceback" not in run.stderr and "error" not in run.stderr
    # The music is there, in the silence of the first hold: it was read, not skipped.
    hold = next(
        e for e in json.loads((out / "short.json").read_text())["events"] if e["kind"] == "hold"
    )
    level = _level_220(decode(out / "short.mp3"), hold["start"] + 1.0, hold["start"] + 3.5)
    assert -50 < level < -20, level


# --- compile: malformed HTML, limits, big articles ------------------------------------------


def test_html_that_html_parser_gives_up_on_is_read_as_text(tmp_path, cache_dir):
    target = tmp_path / "d.yaml"
    run = voiceguide(
        ["compile", HOSTILE / "marked-section.html", "-o", target], cache_dir, case="<![ html"
    )
    assert run.status == 0 and "Traceback" not in run.stderr, run.stderr
    assert "hold: 20" in target.read_text()
    run = voiceguide(
        ["compile", HOSTILE / "marked-section-only.html"], cache_dir, case="<![ html, no exercise"
    )
    assert one_error(run).startswith("found no exercises in ")


def _valid(paths: list[Path], cache_dir: Path) -> None:
    run = voiceguide(["validate", *paths], cache_dir, case="validate drafts")
    assert run.status == 0 and run.stderr == "", run.stderr


def test_values_beyond_the_limits_still_give_a_draft_that_validates(tmp_path, cache_dir):
    target = tmp_path / "d.yaml"
    run = voiceguide(
        ["compile", HOSTILE / "out-of-limits.md", "-o", target], cache_dir, case="out of limits"
    )
    assert run.status == 0 and "Traceback" not in run.stderr, run.stderr
    warnings = [line for line in run.stderr.splitlines() if line.startswith("voiceguide: warning")]
    assert len(warnings) == 1 and "brought within the limits" in warnings[0], run.stderr
    text = target.read_text()
    assert "hold: 600" in text and "reps: 200" in text  # 20 minutes, 500 reps: cut to the limits
    _valid([target], cache_dir)


def _list_article(path: Path, size: int) -> None:
    """Numbered exercises, every line different (repeats are dropped as pasted twice)."""
    words = ["stand", "lie", "sit", "slowly", "your", "arms", "back", "chair", "wall", "reach"]
    pick = random.Random(12).choice
    with path.open("w") as out:
        written, n = 0, 0
        while written < size - 200:
            n += 1
            line = f"{n % 99 + 1}. {' '.join(pick(words) for _ in range(12))} {n}. Hold for {n % 50 + 5} seconds.\n"
            written += out.write(line)


def _one_block_article(path: Path, size: int) -> None:
    """One heading and a megabyte of lines under it: one exercise, very long."""
    with path.open("w") as out:
        out.write("# One long exercise\n## Big Stretch\n")
        for n in range(size // 60 - 1):
            out.write(f"Keep your shoulders down and breathe, number {n:9}.\n")  # 56 bytes
        out.write("Hold for 30 seconds.\n")


def test_a_megabyte_of_exercises_is_split_into_drafts_that_validate(tmp_path, cache_dir):
    article = tmp_path / "list.txt"
    _list_article(article, 1_000_000)
    run = voiceguide(
        ["compile", article, "-o", tmp_path / "d.yaml"], cache_dir, case="1 MB list article"
    )
    assert run.status == 0 and "Traceback" not in run.stderr, run.stderr
    warnings = [line for line in run.stderr.splitlines() if line.startswith("voiceguide: warning")]
    assert len(warnings) == 1 and "split into parts" in warnings[0], run.stderr
    drafts = sorted(tmp_path.glob("d-*.yaml"))
    assert len(drafts) == 10, drafts
    for draft in drafts:
        assert draft.read_text().count("\n  - name: ") == 100
    _valid(drafts, cache_dir)


@pytest.mark.parametrize(
    ("case", "make"),
    [
        ("1 MB one-block article", _one_block_article),  # was: each line rescanned the block
        ("1 MB of '['", lambda path, size: path.write_text("Title\n" + "[" * (size - 10))),
        ("1 MB of '[a]('", lambda path, size: path.write_text("Title\n" + "[a](" * (size // 4 - 3))),
    ],
)  # fmt: skip
def test_compile_time_grows_with_the_article_not_its_square(tmp_path, cache_dir, case, make):
    article = tmp_path / "article.md"
    make(article, 1_000_000)
    assert article.stat().st_size <= 1_000_000
    run = voiceguide(["compile", article, "-o", tmp_path / "d.yaml"], cache_dir, case=case)
    assert "Traceback" not in run.stderr, run.stderr
    if run.status == 0:
        _valid([tmp_path / "d.yaml"], cache_dir)
    else:
        assert one_error(run).startswith("found no exercises in ")


# --- the self-check runs before any file is written -----------------------------------------


def test_a_draft_that_fails_its_check_leaves_no_file(tmp_path, monkeypatch):
    """Two drafts; the second fails its check: neither may be written."""
    from click.testing import CliRunner

    from voiceguide.cli import cli
    from voiceguide.compiler import writer
    from voiceguide.errors import LocatedError

    checked: list[str] = []

    def fail_the_second(text: str, path: str):
        checked.append(path)
        if len(checked) == 2:
            raise LocatedError(path, 1, 1, "made up for the test")

    monkeypatch.setattr(writer, "parse_routine", fail_the_second)
    article = Path(__file__).parent / "articles" / "10-groups.md"
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(cli, ["compile", str(article), "-o", str(out / "care.yaml")])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "voiceguide: error: compile made a routine that does not validate"
    )
    assert len(checked) == 2
    assert list(out.iterdir()) == []
