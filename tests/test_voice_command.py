"""--voice-command: any program that writes a WAV file speaks, its clips checked, cached
and placed like the others; a command that fails is one line and exit 1."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest
from audio_probe import RATE, decode, pitch_onsets, tone_onsets
from click.testing import CliRunner
from helpers import FIXTURES

from voiceguide.cli import cli
from voiceguide.errors import UserError
from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.routine.reader import load_routine
from voiceguide.settings.profile import load_profile, parse_profile, profile_yaml
from voiceguide.speech import Voice
from voiceguide.speech.cache import ClipCache
from voiceguide.speech.checks import problem_with
from voiceguide.speech.command_engine import COMMAND_PACE, SAMPLE_RATE
from voiceguide.speech.engines import make_engine
from voiceguide.speech.pool import SpeechSettings

sys.path.insert(0, str(FIXTURES))
from say_with_tone import PITCH, seconds_for  # the tone command's own rule

pytestmark = pytest.mark.real_speech  # the user's own program is the engine under test
TOLERANCE = 0.010  # seconds: DESIGN.md's promise for hold timing
PYTHON = shlex.quote(sys.executable)
# The README's own example voice program, as a person would run it.
EXAMPLE = FIXTURES.parent.parent / "examples" / "say_with_espeak.py"
ESPEAK = f"{PYTHON} {shlex.quote(str(EXAMPLE))} --rate {{rate}} {{out}} -- {{text}}"
TONE = f"{PYTHON} {shlex.quote(str(FIXTURES / 'say_with_tone.py'))} {{out}}"  # text on stdin
TINY = """\
title: Voice command check
intro: Stand tall.
defaults: {prepare: 4, rest: 3, switch: 4}
exercises:
  - name: Wall lean
    position: standing
    say: Lean into the wall.
    hold: 4
    sides: both
  - name: Squeeze
    position: standing
    say: Pull your shoulder blades back.
    reps: 2
    hold: 2
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("routine") / "tiny.yaml"
    path.write_text(TINY)
    return path


def built_with(command: str, routine: Path, out: Path):
    speech = SpeechSettings(voice=Voice(command=command), engines=1)
    result = build(load_routine(routine), speech=speech, output=OutputSettings(out))
    return result, decode(result.path)


@pytest.fixture(scope="module")
def tone_built(tiny, tmp_path_factory):
    return built_with(TONE, tiny, tmp_path_factory.mktemp("tone"))


@pytest.fixture(scope="module")
def espeak_built(tiny, tmp_path_factory):
    return built_with(ESPEAK, tiny, tmp_path_factory.mktemp("espeak"))


def speech_events(result) -> list:
    return [e for e in result.timeline.events if e.kind == "speech"]


def assert_holds_exact(result, audio) -> None:
    starts, ends = tone_onsets(audio, "start"), tone_onsets(audio, "end")
    holds = [e for e in result.timeline.events if e.kind in ("hold", "rep", "reps")]
    assert [h.length / RATE for h in holds] == [4, 4, 2, 2]
    measured = [end - start for start, end in zip(starts, ends, strict=True)]
    assert np.allclose(measured, [4, 4, 2, 2], atol=TOLERANCE), measured


def test_each_phrase_of_a_tone_command_starts_where_the_timeline_says(tone_built):
    result, audio = tone_built
    spoken = speech_events(result)
    assert len(spoken) > 10
    # Every phrase came out of the command as 48 kHz stereo 24-bit and lasts what it wrote.
    for event in spoken:
        assert abs(event.length / RATE - seconds_for(event.text)) < 0.001, event.text
    measured = pitch_onsets(audio, PITCH, 400)
    planned = [e.start / RATE for e in spoken]
    assert len(measured) == len(planned)
    assert np.allclose(measured, planned, atol=0.005), list(zip(measured, planned, strict=True))
    assert_holds_exact(result, audio)
    # The timeline names the program, never the template (it may hold a key or a path).
    sidecar = result.path.with_suffix(".json").read_text()
    assert json.loads(sidecar)["settings"]["voice"] == f"command {Path(sys.executable).name}"
    assert "say_with_tone" not in sidecar


def tone(seconds: float) -> bytes:
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (np.sin(2 * np.pi * PITCH * t) * 8000).astype("<i2").tobytes()


def test_the_pace_band_of_a_command_is_wide_but_catches_a_cut_or_stretched_clip():
    line = "Lie on your back, knees bent, and breathe out slowly."  # about 3.6 s at 160

    def problem(seconds: float) -> str | None:
        return problem_with(
            tone(seconds), SAMPLE_RATE, line, words_per_minute=160, pace=COMMAND_PACE
        )

    assert problem(seconds_for(line)) is None
    assert problem(1.8) is None  # twice as fast as espeak-ng: a voice of its own
    assert problem(7.0) is None  # twice as slow
    assert "too fast" in (problem(0.6) or "")  # cut short after a word
    assert "too slow" in (problem(14.0) or "")


def test_a_command_that_speaks_with_espeak_lands_where_the_timeline_says(espeak_built, cache_dir):
    result, audio = espeak_built
    assert result.synthesised > 10
    engine = make_engine(Voice(command=ESPEAK))
    cache = ClipCache(cache_dir, engine.identity, engine.sample_rate)
    spoken = speech_events(result)
    for event in spoken:
        clip_file = cache.path_for(event.text)
        with wave.open(str(clip_file)) as clip:  # kept in the cache as every engine's clips
            assert (clip.getnchannels(), clip.getsampwidth(), clip.getframerate()) == (
                1,
                2,
                SAMPLE_RATE,
            )
        clip = decode(clip_file)  # the clip at the track's rate
        at = event.start
        score = np.corrcoef(audio[at : at + len(clip)], clip)[0, 1]
        shifted = np.corrcoef(audio[at + 441 : at + 441 + len(clip)], clip)[0, 1]
        assert score > 0.9, (event.text, score)
        assert shifted < score - 0.2, (event.text, score, shifted)
    # The first line's sound starts at its planned start, within 30 ms.
    first = spoken[0]
    before = min(first.start, RATE // 10)
    window = np.abs(audio[first.start - before : first.start + RATE // 2])
    onset = np.argmax(window > 0.05 * window.max()) - before
    assert abs(onset / RATE) < 0.030, onset / RATE
    assert_holds_exact(result, audio)


def test_a_second_build_with_the_same_command_speaks_nothing(espeak_built, tiny, tmp_path):
    first, _ = espeak_built
    again, _ = built_with(ESPEAK, tiny, tmp_path)
    assert again.synthesised == 0
    assert again.path.read_bytes() == first.path.read_bytes()
    # plan reads the same cached clips: its timeline is exact, and says who spoke.
    planned = CliRunner().invoke(cli, ["plan", str(tiny), "--voice-command", ESPEAK])
    assert planned.exit_code == 0, planned.output
    assert "exact" in planned.output
    assert first.timeline.length == again.timeline.length


def test_the_cache_key_follows_the_command_its_files_and_its_rate(tmp_path):
    script = tmp_path / "say.py"
    script.write_text((FIXTURES / "say_with_tone.py").read_text())
    command = f"{PYTHON} {script} {{out}} {{text}}"

    def identity(template: str, rate: int = 160) -> str:
        return make_engine(Voice(rate=rate, command=template)).identity

    before = identity(command)
    assert identity(command, 200) == before  # no {rate}: the command speaks at its own pace
    assert identity(command + " {rate}") != identity(command + " {rate}", 200)
    assert identity(command.replace("{text}", "--quiet {text}")) != before
    script.write_text(script.read_text() + "\n# a new version\n")
    assert identity(command) != before  # the script it runs changed: speak again
    assert str(script) in before  # named by where it is ...
    assert make_engine(Voice(command=command)).voice.rate == 160


# Faults, through the real command line in a subprocess.

FAULTS = {
    "fails": (
        "import sys; print('loading', file=sys.stderr); sys.exit('no voice here')",
        r"the voice command '[^']+', saying '[^']+', failed \(exit status 1: no voice here\); run it by hand",
    ),
    "hangs": (
        "import time; time.sleep(60)",
        r"the voice command '[^']+', saying '[^']+', did not finish within 1 s; raise --speech-timeout",
    ),
    "writes nothing": ("pass", r"wrote nothing to \{out\}; make it write its WAV file"),
    "writes garbage": (
        "import sys; open(sys.argv[1], 'wb').write(b'RIFF....garbage' * 50)",
        r"wrote something that is not audio \(ffmpeg: .*\); make it write a WAV file",
    ),
    "writes silence": (
        "import sys, wave; w = wave.open(sys.argv[1], 'wb'); w.setnchannels(1); "
        "w.setsampwidth(2); w.setframerate(22050); w.writeframes(bytes(44100)); "
        "open(sys.argv[2], 'a').write(sys.argv[3] + chr(10))",
        r"the voice command '[^']+' keeps making a bad clip for '[^']+' \(it is silent\)",
    ),
}


def run_cli(*args: str, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "voiceguide.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "VOICEGUIDE_CACHE": str(cache)},
    )


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_failing_command_is_one_line_and_exit_1_and_writes_nothing(fault, tiny, tmp_path):
    code, expected = FAULTS[fault]
    tries = tmp_path / "tries"
    command = f"{PYTHON} -c {shlex.quote(code)} {{out}} {tries} {{text}}"
    out = tmp_path / "out"
    started = time.monotonic()
    done = run_cli(
        "--speech-timeout", "1", "build", str(tiny), "-o", str(out), "--voice-command", command,
        cache=tmp_path / "cache",
    )  # fmt: skip
    took = time.monotonic() - started
    errors = [line for line in done.stderr.splitlines() if line.startswith("voiceguide: error:")]
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert len(errors) == 1 and len(done.stderr.splitlines()) <= 2, done.stderr  # "[1/1] ..." too
    assert re.search(expected, errors[0]), errors[0]
    assert not out.exists() or not any(out.iterdir())
    assert not list((tmp_path / "cache").rglob("*.wav"))
    if fault == "hangs":
        assert took < 15
    if fault == "writes silence":  # a bad clip is spoken again by a fresh engine, then fails
        named = re.search(r"bad clip for '([^']+)'", errors[0])
        assert named is not None
        tried = [line for line in tries.read_text().splitlines() if line.startswith(named[1])]
        assert len(tried) == 3, tries.read_text()


def test_a_hung_command_is_killed_with_everything_it_started(tiny, tmp_path):
    marker = tmp_path / "still-running"
    # The command starts a child that would write the marker after 2 s, then hangs itself.
    child = f"import time, sys; time.sleep(2); open({str(marker)!r}, 'w')"
    code = f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {child!r}]); time.sleep(60)"
    command = f"{PYTHON} -c {shlex.quote(code)} {{out}}"
    done = run_cli(
        "--speech-timeout", "1", "build", str(tiny), "-o", str(tmp_path / "out"),
        "--voice-command", command, cache=tmp_path / "cache",
    )  # fmt: skip
    assert done.returncode == 1 and "did not finish within 1 s" in done.stderr
    time.sleep(2.5)
    assert not marker.exists()


def test_a_missing_program_is_the_users_mistake(tiny, tmp_path):
    result = CliRunner().invoke(
        cli, ["build", str(tiny), "-o", str(tmp_path), "--voice-command", "no-such-tts {out}"]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "voiceguide: error: voice command: no program 'no-such-tts' found on PATH; "
        "install it, or give its full path"
    )


# Bad templates: exit 2 at once, one line.

BAD_TEMPLATES = {
    "espeak-ng {text}": "has no {out}: it must write its WAV file there",
    "say 'open {out}": "no closing quotation; close every quote you open",
    "   ": "give the command that speaks",
    "say --voice {voice} {out}": "{voice} is no placeholder; use {text}, {out} and {rate}",
    "{out} {text}": "start with the program to run, not a placeholder",
}


@pytest.mark.parametrize("template", list(BAD_TEMPLATES))
def test_a_bad_template_is_one_line_and_exit_2(template, tiny):
    result = CliRunner().invoke(cli, ["plan", str(tiny), "--voice-command", template])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("voiceguide: error: --voice-command ")
    assert BAD_TEMPLATES[template] in result.stderr


def test_voice_and_voice_command_together_is_one_line_and_exit_2(tiny):
    result = CliRunner().invoke(
        cli, ["plan", str(tiny), "--voice", "en-us", "--voice-command", TONE]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"voiceguide: error: --voice-command {TONE!r}: "
        "give voice or voice-command, not both; remove one of them\n"
    )


def test_a_phrase_is_one_argument_and_never_shell_syntax():
    from voiceguide.speech.command import fill, split_template

    template = split_template("say -o '{out}' --rate={rate} --text={text} {text}")
    phrase = "Breathe; $(rm -rf ~) `x` {out} 'in'"
    filled = fill(template, text=phrase, out=Path("/tmp/a b.wav"), rate=150)
    assert filled == ["say", "-o", "/tmp/a b.wav", "--rate=150", f"--text={phrase}", phrase]


def test_a_voice_object_checks_its_command_whoever_makes_it():
    with pytest.raises(UserError, match=r"has no \{out\}"):
        Voice(command="espeak-ng {text}")
    assert Voice(command=TONE).label == "command " + Path(sys.executable).name


# The profile key.


def test_a_profile_may_speak_through_a_command(tmp_path, tiny):
    path = tmp_path / "me.yaml"
    path.write_text(f"level: gentle\nvoice-command: {TONE}\n")
    profile = load_profile(path)
    assert profile.voice_command == TONE
    assert parse_profile(profile_yaml(profile), str(path)) == profile  # written back the same
    result = CliRunner().invoke(cli, ["plan", str(tiny), "--profile", str(path)])
    assert result.exit_code == 0, result.output


def test_the_command_line_wins_over_the_profile(tmp_path):
    from voiceguide.cli.shared import read_flags

    path = tmp_path / "me.yaml"
    path.write_text(f"voice-command: {TONE}\n")
    assert read_flags({"profile": path}).voice.command == TONE
    by_name = read_flags({"profile": path, "voice": "en"}).voice
    assert (by_name.name, by_name.command) == ("en", None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("voice-command: say {text}\n", "1:16: voice command 'say {text}' has no {out}"),
        ("voice: en\nvoice-command: say {out}\n", "2:16: give voice or voice-command, not both"),
        ("voice_command: say {out}\n", "did you mean 'voice-command'?"),
    ],
)
def test_a_bad_voice_command_in_a_profile_names_its_line(tmp_path, text, message):
    path = tmp_path / "me.yaml"
    path.write_text(text)
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert message in str(caught.value)


def test_the_web_page_reads_a_profile_with_a_voice_command(tiny):
    from voiceguide.web.settings import values_from_profile

    profile = parse_profile(f"level: strong\nvoice-command: {TONE}\n", "me.yaml")
    values, notes = values_from_profile(load_routine(tiny), profile)
    assert values["level"] == "strong" and values["voice"] == "en+m3"
    assert any("voice-command" in note for note in notes)
