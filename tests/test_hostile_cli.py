"""Hostile input and machine faults at the command line (issue 12): every message is one
line with the right exit status and advice, outputs are replaced as a set or not at all,
and nothing a killed or interrupted build leaves behind outlives the next build."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from helpers import FIXTURES, mounted_tmpfs

from voiceguide.cli import cli
from voiceguide.files import PARTIAL_FILE, SCRATCH_FOLDER, remove_stale
from voiceguide.pipeline.build import OutputSettings

SHORT = str(FIXTURES / "short.yaml")
LONG = "stretch-and-strengthen"  # bundled; long enough to be caught mid-encode
BOUND_S = 60.0  # per case: far beyond a warm build (about 5 s here), so load cannot miss it
BOUND_MB = 400
PROGRESS = re.compile(r"\[\d+/\d+\] ")  # "[1/1] short: Timing check", the build's header
INTERRUPTED = "voiceguide: interrupted; finished files are kept, nothing half-written"


def message(stderr: str) -> str:
    """The one line a failed command printed, beside the build's progress header."""
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if not PROGRESS.match(line)]
    assert len(lines) == 1, stderr
    return lines[0]


def invoke(*args: str):
    """In-process through click, timed: for cases that need no real process."""
    start = time.monotonic()
    result = CliRunner().invoke(cli, list(args), prog_name="voiceguide")
    assert time.monotonic() - start < BOUND_S
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@dataclass
class Started:
    process: subprocess.Popen
    began: float


@dataclass
class Done:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    pid: int


# The CLI, reporting its own peak memory (VmHWM) when it exits. The kernel's ru_maxrss for
# a child would also count the test process it was forked from, which a test that decodes
# whole tracks has grown past a gigabyte.
RUN_CLI = (
    "import atexit, os\n"
    "def peak():\n"
    "    with open('/proc/self/status') as status, open(os.environ['VG_PEAK_FILE'], 'w') as out:\n"
    "        out.write(next(l for l in status if l.startswith('VmHWM:')).split()[1])\n"
    "atexit.register(peak)\n"
    "from voiceguide.cli import main\n"
    "main()\n"
)


def start(args: list[str], env: dict[str, str], folder: Path) -> Started:
    # Output to files, not pipes: nothing to drain while we poll for the end.
    with (folder / "stdout").open("w") as out, (folder / "stderr").open("w") as err:
        began = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-c", RUN_CLI, *args],
            env={**os.environ, **env, "VG_PEAK_FILE": str(folder / "peak")},
            stdout=out,
            stderr=err,
        )
    return Started(process, began)


def finish(started: Started, folder: Path, *, bound_s: float = BOUND_S) -> Done:
    """Wait for the process: its exit status, output, time and peak memory (as the
    process reported it; 0 when it was killed before it could)."""
    process, began = started.process, started.began
    while True:
        pid, status, _usage = os.wait4(process.pid, os.WNOHANG)
        elapsed = time.monotonic() - began
        if pid:
            break
        if elapsed > bound_s:
            process.kill()
            process.wait()
            pytest.fail(f"still running after {bound_s} s")
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    done = Done(
        process.returncode,
        (folder / "stdout").read_text(),
        (folder / "stderr").read_text(),
        elapsed,
        _reported_peak_mb(folder / "peak"),
        process.pid,
    )
    assert done.peak_mb < BOUND_MB, done.peak_mb
    return done


def _reported_peak_mb(path: Path) -> float:
    try:
        return int(path.read_text()) / 1024  # kB
    except (OSError, ValueError):
        return 0.0


def run(args: list[str], env: dict[str, str], folder: Path, **kwargs) -> Done:
    folder.mkdir(parents=True, exist_ok=True)
    return finish(start(args, env, folder), folder, **kwargs)


@pytest.fixture
def env(tmp_path: Path, cache_dir: Path) -> dict[str, str]:
    """The session's clip cache (warm after the first build) and a private temp folder,
    so that scratch folders can be counted."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    return {"VOICEGUIDE_CACHE": str(cache_dir), "TMPDIR": str(temp)}


def no_partials(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if ".part" in p.name] == []


# 1. Click's own usage errors: one line that says where help is, exit 2.


@pytest.mark.parametrize(
    "args",
    [
        ("build", "--bogus"),
        ("build", "--jobs", "0"),
        ("plan",),
        ("nosuch",),
        ("--bogus",),
    ],
    ids=" ".join,
)
def test_usage_errors_are_one_line_with_where_to_look(args):
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    line = message(result.stderr)
    assert line.startswith("voiceguide: error: ")
    assert re.search(r"; see voiceguide( \w+)? --help$", line), line


def test_a_usage_error_is_one_line_from_the_console_script_too(tmp_path, env):
    done = run(["build", "--bogus"], env, tmp_path)
    assert done.code == 2 and done.stdout == ""
    assert message(done.stderr).endswith("; see voiceguide build --help")


def test_a_value_with_a_newline_cannot_split_the_message():
    result = invoke("build", "no-such\nroutine")
    assert result.exit_code == 2
    assert "no-such\\nroutine" in message(result.stderr)


def test_an_unexpected_system_error_is_one_line_exit_1(monkeypatch):
    def refuse(_name):
        raise PermissionError(13, "Permission denied", "/somewhere")

    monkeypatch.setattr("voiceguide.library.find_routine", refuse)
    result = invoke("plan", "five-moves")
    assert result.exit_code == 1
    assert message(result.stderr) == (
        "voiceguide: error: Permission denied (/somewhere); run again with --debug to see where"
    )


# 2. Wrong status or advice: values that used to reach ffmpeg or the engine.


@pytest.mark.parametrize(
    ("option", "value", "command"),
    [
        ("--loudness", "nan", "build"),
        ("--true-peak", "nan", "build"),
        ("--music-level", "nan", "build"),
        ("--hold-scale", "inf", "build"),
        ("--hold-scale", "nan", "plan"),
        ("--speech-timeout", "nan", ""),
    ],
)
def test_non_finite_numbers_are_refused_before_any_work(tmp_path, option, value, command):
    out = ["-o", str(tmp_path / "out")] if command == "build" else []
    args = [command, SHORT, option, value, *out] if command else [option, value, "list"]
    result = invoke(*args)
    assert result.exit_code == 2
    # Read by the library's one reader of settings, named by the flag as given.
    assert message(result.stderr).startswith(
        f"voiceguide: error: {option} {value}: {option[2:]} must be"
    )
    assert not (tmp_path / "out").exists()


def test_no_option_reads_a_number_itself():
    """Numbers are settings, checked by the one reader (finite, within bounds), so that an
    option added later cannot let nan through either."""
    commands = [cli, *cli.commands.values()]
    plain = [
        f"{command.name} {param.name}"
        for command in commands
        for param in command.params
        if isinstance(param.type, click.types.FloatParamType)
    ]
    assert plain == []


@pytest.mark.parametrize("voice", ["-h", "--list-voices", "en us", "en;rm", "x" * 101, ""])
def test_a_voice_that_is_not_a_name_is_refused_in_the_cli(tmp_path, voice):
    result = invoke("build", SHORT, "-o", str(tmp_path / "out"), f"--voice={voice}")
    assert result.exit_code == 2
    typed = voice if voice and " " not in voice else repr(voice)
    assert message(result.stderr) == (
        f"voiceguide: error: --voice {typed}: voice {voice!r} is not a voice name; see voiceguide voices"
    )
    assert not (tmp_path / "out").exists()


def test_a_profile_voice_that_is_not_a_name_is_refused_with_its_place(tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text("level: gentle\nvoice: -h\n")
    result = invoke("plan", SHORT, "--profile", str(profile))
    assert result.exit_code == 2
    assert message(result.stderr) == (
        f"voiceguide: error: {profile}:2:8: voice '-h' is not a voice name; see voiceguide voices"
    )


@pytest.mark.parametrize(
    ("option", "value"), [("--name", "n" * 300), ("--suffix", "-" + "s" * 200)]
)
def test_a_very_long_name_is_refused_as_a_name(tmp_path, option, value):
    result = invoke("build", SHORT, "-o", str(tmp_path / "out"), option, value)
    assert result.exit_code == 2
    line = message(result.stderr)
    assert f"{option}: makes a file name of" in line and "use at most 100" in line
    assert "folder" not in line  # the folder is fine; the name is not
    assert not (tmp_path / "out").exists()


@pytest.fixture
def small_disk(tmp_path: Path):
    with mounted_tmpfs(tmp_path / "disk", "size=8m") as folder:
        yield folder


def test_a_full_disk_during_encoding_is_named_in_one_line(tmp_path, env, small_disk):
    (small_disk / "filler").write_bytes(bytes(_free(small_disk) - 100_000))
    out = small_disk / "out"
    done = run(["build", SHORT, "-o", str(out)], env, tmp_path / "run")
    assert done.code == 1
    assert message(done.stderr) == (
        f"voiceguide: error: the disk holding {out} is full; free some space and run again"
    )
    assert list(out.iterdir()) == []


def test_no_track_appears_without_its_sidecars_on_a_full_disk(tmp_path, env, small_disk):
    """Room for the new track but not for the track and both sidecars: nothing appears
    (before, the track did, without its timeline)."""
    sizes = run(["build", SHORT, "-o", str(tmp_path / "ref")], env, tmp_path / "ref-run")
    assert sizes.code == 0, sizes.stderr
    track = (tmp_path / "ref" / "short.mp3").stat().st_size
    out = small_disk / "out"
    out.mkdir()
    page = os.statvfs(small_disk).f_frsize
    room = -(-track // page) * page + page  # the track and one page: not both sidecars
    (small_disk / "filler").write_bytes(bytes(_free(small_disk) - room))
    done = run(["build", SHORT, "-o", str(out)], env, tmp_path / "run")
    assert done.code == 1
    assert message(done.stderr).endswith(
        f"the disk holding {out} is full; free some space and run again"
    )
    assert sorted(p.name for p in out.iterdir()) == []


def _free(folder: Path) -> int:
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


def test_sidecars_replace_theirs_before_the_track(tmp_path, monkeypatch, short_routine):
    from voiceguide.pipeline.build import build

    order = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (order.append(Path(b)), real(a, b)))
    build(short_routine, output=OutputSettings(tmp_path))
    outputs = [path.name for path in order if path.parent == tmp_path]
    assert outputs == ["short.vtt", "short.json", "short.html", "short.mp3"]


# 3. Names that would carry a newline into a file name and the playlist.


@pytest.mark.parametrize(
    ("option", "value"), [("--name", "abc\n"), ("--name", "abc.mp3\n"), ("--suffix", "-x\n")]
)
def test_a_newline_at_the_end_of_a_name_is_refused(tmp_path, option, value):
    result = invoke("build", SHORT, "-o", str(tmp_path / "out"), option, value)
    assert result.exit_code == 2
    assert message(result.stderr).startswith(f"voiceguide: error: {option} {value!r}: use letters")
    assert not (tmp_path / "out").exists()


# 4. Output paths that are folders.


@pytest.mark.parametrize("taken", ["short.mp3", "short.json", "short.vtt", "playlist.m3u8"])
def test_an_output_path_that_is_a_folder_is_one_line_exit_2(tmp_path, taken):
    out = tmp_path / "out"
    (out / taken / "inside").mkdir(parents=True)
    result = invoke("build", SHORT, "-o", str(out))
    assert result.exit_code == 2
    assert message(result.stderr) == (
        f"voiceguide: error: cannot write {out / taken}: a folder has that name; "
        "move the folder away or choose another output folder with -o"
    )
    assert (out / taken / "inside").is_dir()
    no_partials(out)
    if taken != "playlist.m3u8":  # a track comes with its sidecars or not at all
        assert sorted(p.name for p in out.iterdir()) == [taken]


# 6. Leftovers of killed builds, and SIGTERM.


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_build_removes_what_killed_builds_left_and_nothing_else(tmp_path, env):
    out, temp = tmp_path / "out", Path(env["TMPDIR"])
    out.mkdir()
    dead, alive = _dead_pid(), os.getpid()
    planted = {
        out / f".x.{dead}.abc.part.mp3": False,
        out / f".short.{dead}.k2j4h5g6.part.json": False,
        out / f".x.{alive}.abc.part.mp3": True,
        out / ".x.abc.part.mp3": True,  # no pid: not ours to judge
        out / f"notes.{dead}.abc.part.txt": True,  # not hidden: not our pattern
        temp / f"voiceguide-{dead}-xyz": False,
        temp / f"voiceguide-{alive}-xyz": True,
        temp / "voiceguide-xyz": True,
    }
    for path in planted:
        if path.parent == temp:
            path.mkdir()
            (path / "clip.wav").write_bytes(b"x")
        else:
            path.write_bytes(b"x")
    done = run(["build", SHORT, "-o", str(out)], env, tmp_path / "run")
    assert done.code == 0, done.stderr
    assert {path: path.exists() for path in planted} == planted
    assert (out / "short.mp3").is_file()


def test_remove_stale_is_general_enough_for_the_clip_cache(tmp_path):
    dead = _dead_pid()
    cache_tmp = re.compile(r"[0-9a-f]{32}\.(?P<pid>\d+)\.[0-9a-f]{12}\.tmp")
    gone = tmp_path / f"{'a' * 32}.{dead}.{'b' * 12}.tmp"
    kept = [tmp_path / f"{'a' * 32}.{os.getpid()}.{'b' * 12}.tmp", tmp_path / f"{'a' * 32}.wav"]
    for path in [gone, *kept]:
        path.write_bytes(b"x")
    assert remove_stale(tmp_path, cache_tmp) == [gone]
    assert all(path.exists() for path in kept)
    assert remove_stale(tmp_path / "missing", cache_tmp) == []
    assert PARTIAL_FILE.fullmatch(f".a b.c.{dead}.x_y.part.mp3")
    assert not SCRATCH_FOLDER.fullmatch(f"voiceguide-{dead}-x/y")


def _leftovers_of(pid: int, out: Path, temp: Path) -> list[str]:
    return [p.name for p in out.iterdir() if f".{pid}." in p.name] + [
        p.name for p in temp.iterdir() if p.name.startswith(f"voiceguide-{pid}-")
    ]


def interrupt(args: list[str], env: dict[str, str], folder: Path, sig: int) -> Done:
    """Start a build and send `sig` a second after its scratch folder appears: by then the
    signal handlers are in place and the build is well under way, however loaded the machine."""
    folder.mkdir(parents=True)
    started = start(args, env, folder)
    process, temp = started.process, Path(env["TMPDIR"])
    while not list(temp.glob(f"voiceguide-{process.pid}-*")):
        ended = os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        if ended is not None or time.monotonic() - started.began > BOUND_S:
            break  # finish() below reaps it and reports what happened
        time.sleep(0.02)
    time.sleep(1.0)
    process.send_signal(sig)
    return finish(started, folder)


def test_sigterm_mid_build_ends_like_ctrl_c(tmp_path, env):
    out, temp = tmp_path / "out", Path(env["TMPDIR"])
    first = run(["build", LONG, "-o", str(out)], env, tmp_path / "first", bound_s=300)
    assert first.code == 0, first.stderr
    before = (out / f"{LONG}.mp3").read_bytes()
    done = interrupt(
        ["build", LONG, "-o", str(out), "--hold", "41"], env, tmp_path / "2", signal.SIGTERM
    )
    assert done.code == 143, done.stderr
    assert message(done.stderr) == INTERRUPTED
    assert (out / f"{LONG}.mp3").read_bytes() == before
    no_partials(out)
    assert _leftovers_of(done.pid, out, temp) == []


def test_a_later_build_cleans_up_after_a_sigkill(tmp_path, env):
    out, temp = tmp_path / "out", Path(env["TMPDIR"])
    warm = run(["build", LONG, "-o", str(out)], env, tmp_path / "warm", bound_s=300)
    assert warm.code == 0, warm.stderr
    killed = interrupt(
        ["build", LONG, "-o", str(out), "--hold", "42"], env, tmp_path / "2", signal.SIGKILL
    )
    assert killed.code == -signal.SIGKILL
    left = _leftovers_of(killed.pid, out, temp)
    assert f"voiceguide-{killed.pid}-" in " ".join(left)  # what the kill left behind
    again = run(["build", SHORT, "-o", str(out)], env, tmp_path / "again")
    assert again.code == 0, again.stderr
    assert _leftovers_of(killed.pid, out, temp) == []


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "soon", "0.5", "601"])
def test_a_bad_speech_timeout_in_the_environment_is_one_line_exit_2(value, monkeypatch):
    monkeypatch.setenv("VOICEGUIDE_SPEECH_TIMEOUT", value)
    result = invoke("voices")
    assert result.exit_code == 2
    assert message(result.stderr) == (
        f"voiceguide: error: VOICEGUIDE_SPEECH_TIMEOUT {value!r}: give the seconds a phrase may take, 1 to 600"
    )


def test_a_voice_made_through_the_library_is_checked_too():
    from voiceguide.errors import UserError
    from voiceguide.speech import Voice

    with pytest.raises(UserError, match="is not a voice name"):
        Voice("-h")
    with pytest.raises(UserError, match="words a minute between 80 and 400"):
        Voice(rate=1000)
