"""The command line: exit codes, one-line errors, and what each command prints."""

from __future__ import annotations

import subprocess
import sys

import pytest
from audio_probe import RATE, decode
from click.testing import CliRunner
from helpers import FIXTURES

from voiceguide.cli import cli
from voiceguide.library import bundled_paths


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_every_command_has_help():
    for name, command in cli.commands.items():
        assert command.help, name
        result = run(name, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_validate_accepts_the_bundled_routines():
    result = run("validate", *map(str, bundled_paths().values()))
    assert result.exit_code == 0
    assert result.output.count(": ok, ") == len(bundled_paths())


def test_validate_names_file_and_line_and_exits_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "title: x\nexercises:\n  - name: a\n    position: sitting\n    say: b\n    hold: -3\n"
    )
    result = run("validate", str(bad))
    assert result.exit_code == 2
    assert result.stderr == f"voiceguide: error: {bad}:6:11: hold must be positive, got -3\n"


def test_unknown_routine_is_one_line_and_exit_2():
    result = run("build", "stretch-and-strenghten")
    assert result.exit_code == 2
    assert result.stderr == (
        "voiceguide: error: no routine named 'stretch-and-strenghten'; did you mean 'stretch-and-strengthen'?\n"
    )


@pytest.mark.real_speech  # the real engine knows which voices exist
def test_bad_voice_is_a_user_error(tmp_path):
    result = run(
        "build",
        str(FIXTURES / "short.yaml"),
        "-o",
        str(tmp_path),
        "--voice",
        "martian",
        "--no-cache",
    )
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == [result.stderr.splitlines()[-1]]
    assert errors[0].startswith(
        "voiceguide: error: --voice martian: voice 'martian' is not installed; did you mean"
    )
    assert "Traceback" not in result.output + result.stderr
    assert list(tmp_path.iterdir()) == []


def test_build_prints_the_file_and_its_length(tmp_path):
    result = run("build", str(FIXTURES / "short.yaml"), "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "short.mp3"
    minutes, seconds = result.stdout.split()[1].split(":")
    assert result.stdout.split()[0] == str(path)
    assert abs(int(minutes) * 60 + float(seconds) - len(decode(path)) / RATE) < 0.06


def test_plan_shows_the_timeline_and_the_exact_total(tmp_path):
    run("build", str(FIXTURES / "short.yaml"), "-o", str(tmp_path))
    result = run("plan", str(FIXTURES / "short.yaml"))
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0]
    assert header.startswith("Timing check") and header.endswith(", exact)")
    assert "hold      Wall lean (right side)" in result.stdout
    assert "(start tone)" in result.stdout and "(pip tone)" not in result.stdout
    total = float(header.split("(")[1].split(" s,")[0])
    assert abs(total - len(decode(tmp_path / "short.mp3")) / RATE) < 0.01


def test_list_shows_the_six_bundled_routines():
    result = run("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    routines = lines[: lines.index("programmes (voiceguide program NAME):")]  # then programmes
    assert [line.split()[0] for line in routines] == sorted(bundled_paths())


def test_the_console_script_keeps_tracebacks_away(tmp_path):
    """Through a real process: stderr has one line, stdout nothing, exit 2."""
    bad = tmp_path / "broken.yaml"
    bad.write_text("title: [unclosed\n")
    done = subprocess.run(
        [sys.executable, "-c", "from voiceguide.cli import main; main()", "build", str(bad)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(
        f"voiceguide: error: {bad}:2:1: not valid YAML"
    )


@pytest.mark.parametrize("args", [("plan",), ("build", "--level", "hard")])
def test_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


AUDIO_STACK = (
    "voiceguide.pipeline.build",
    "voiceguide.pipeline.batch",
    "voiceguide.audio.mix",
    "voiceguide.audio.sounds",
    "voiceguide.audio.loudness",
    "voiceguide.audio.music",
    "voiceguide.ffmpeg",
    "voiceguide.audio.track",
    "voiceguide.export",
    "pydub",
    "mutagen",
    "imageio_ffmpeg",
)


@pytest.mark.parametrize("command", [["plan", "five-moves"], ["list"], ["--help"]])
def test_plan_and_list_load_no_audio_module(command):
    """They answer from the plan and cached lengths alone; the audio stack stays unloaded."""
    probe = (
        "import sys\n"
        "from voiceguide.cli import cli\n"
        f"cli({command!r}, standalone_mode=False)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.splitlines()[-1].split()
    heavy = [m for m in loaded if m.startswith(AUDIO_STACK)]
    assert not heavy, heavy
    assert "voiceguide.cli" in loaded  # the probe really ran the command


def test_plan_counts_one_phrase_not_synthesised_in_the_singular(tmp_path):
    routine = tmp_path / "one.yaml"
    routine.write_text(
        "title: One stretch\nexercises:\n  - name: Chin tuck\n    position: sitting\n"
        "    say: Draw your chin straight back.\n    hold: 5\n"
    )
    assert run("build", str(routine), "-o", str(tmp_path / "out")).exit_code == 0
    first = run("plan", str(routine), "--hold", "6").output.splitlines()[0]
    assert first.endswith("(43.55 s, estimated: 1 phrase not synthesised yet)"), first
    first = run("plan", str(routine), "--hold", "7", "--rate", "150").output.splitlines()[0]
    assert "estimated: 7 phrases not synthesised yet" in first, first
