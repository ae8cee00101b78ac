"""Any program that writes a WAV file, behind the engine interface (`--voice-command`).

Each phrase runs the user's command once, without a shell (command.py fills the
template), in its own process group with the speech timeout; on a timeout the whole
group is killed. What it writes at {out} may be any WAV (or anything ffmpeg reads): it
is made 16-bit mono at SAMPLE_RATE here, and then checked like any other engine's clip.
Whatever goes wrong (it will not start, fails, hangs, writes nothing or no audio) is one
MachineError line naming the program, what happened and what to do.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import wave
from dataclasses import replace
from pathlib import Path

from ..errors import MachineError, UserError
from .cache import MAX_CLIP_SECONDS
from .checks import ESPEAK_PACE, Pace
from .command import fill, split_template, uses
from .engine import DEFAULT_RATE, Voice
from .process import checked_timeout, default_timeout, write_wav

SAMPLE_RATE = 22050  # what every clip is made into: espeak-ng's rate, plenty for speech
MAX_FILE_BYTES = 200 * 1024 * 1024  # a phrase is at most MAX_CLIP_SECONDS: even as float stereo
STDERR_TAIL = 4096  # bytes of the command's messages read back for its last line

# An unknown voice may speak faster or slower than espeak-ng, and may ignore {rate}: the
# band is wide, and still fails an empty, silent or noisy clip (checks.py) and one cut to
# under a third of what its text needs (truncated) or stretched past three times (hung
# on silence). The espeak-ng figures are a fair middle: most voices read 140-190 a minute.
COMMAND_PACE = replace(ESPEAK_PACE, low=0.3, high=3.0, total_low=0.4, total_high=2.5)


def _files_in(arguments: list[str]) -> list[Path]:
    """Files the command's fixed arguments name (a script, a model: `--model=x.onnx` too),
    so that changing one re-speaks what it made."""
    found = []
    for argument in arguments[1:]:
        if "{" in argument:
            continue
        for candidate in (argument, argument.partition("=")[2]):
            with contextlib.suppress(OSError, ValueError):
                if candidate and Path(candidate).is_file():
                    found.append(Path(candidate).resolve())
                    break
    return found


def _stamp(path: Path | str) -> str:
    """A file as the cache key sees it: where it is, its size and when it last changed."""
    try:
        info = os.stat(path)
    except OSError:
        return f"{path}:missing"
    return f"{path}:{info.st_size}:{info.st_mtime_ns}"


class CommandEngine:
    """Speaks each phrase by running the user's command; nothing runs until the first phrase."""

    sample_rate = SAMPLE_RATE
    pace: Pace = COMMAND_PACE

    def __init__(self, voice: Voice, timeout: float | None = None) -> None:
        assert voice.command is not None
        self.template = voice.command
        self.arguments = split_template(voice.command)
        self.takes_rate = uses(self.arguments, "rate")
        # A command without {rate} speaks at its own pace, whatever --rate says: its clips
        # are checked against the usual pace, and one cache entry serves every --rate.
        self.voice = voice if self.takes_rate else replace(voice, rate=DEFAULT_RATE)
        self.timeout = default_timeout() if timeout is None else checked_timeout(timeout, "timeout")
        self.name = Path(self.arguments[0]).name
        self.label = f"the voice command '{self.name}'"
        self.advice = "run it by hand to see what it writes, or change the voice command"
        self.bad_clip_advice = "run it by hand and listen to what it writes"
        self._program = shutil.which(self.arguments[0])
        self._identity: str | None = None
        self._folder: Path | None = None

    @property
    def identity(self) -> str:
        # The template (hashed into the cache key, never stored as text), the program and
        # every file the command names, by path, size and time: replacing one re-speaks.
        if self._identity is None:
            program = _stamp(self._program) if self._program else f"{self.arguments[0]}:missing"
            files = ",".join(_stamp(path) for path in _files_in(self.arguments))
            rate = self.voice.rate if self.takes_rate else "own"
            self._identity = f"command|{self.template}|program={program}|files={files}|rate={rate}"
        return self._identity

    def synthesize(self, text: str, path: Path) -> None:
        if self._program is None:
            where = "" if os.sep in self.arguments[0] else " on PATH"
            raise UserError(
                f"voice command: no program '{self.arguments[0]}' found{where}; "
                "install it, or give its full path"
            )
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="voiceguide-command-"))
        out = self._folder / "phrase.wav"
        out.unlink(missing_ok=True)
        self._run(text, out)
        write_wav(str(path), self._read(text, out), SAMPLE_RATE)
        out.unlink(missing_ok=True)

    def _fail(self, text: str, what: str, advice: str | None = None) -> MachineError:
        return MachineError(f"{self.label}, saying {text[:40]!r}, {what}; {advice or self.advice}")

    def _run(self, text: str, out: Path) -> None:
        assert self._folder is not None and self._program is not None
        command = fill(self.arguments, text=text, out=out, rate=self.voice.rate)
        command[0] = self._program
        on_stdin = not uses(self.arguments, "text")
        with open(self._folder / "messages.txt", "w+b") as messages:
            try:
                process = subprocess.Popen(
                    command,
                    stdin=subprocess.PIPE if on_stdin else subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,  # its chatter stays out of the CLI's output
                    stderr=messages,
                    start_new_session=True,  # its own group, so a timeout ends its children
                )
            except OSError as err:
                raise self._fail(
                    text, f"could not start ({err.strerror or err})",
                    "check that it is a program you can run",
                ) from None  # fmt: skip
            try:
                process.communicate(text.encode() if on_stdin else None, timeout=self.timeout)
            except subprocess.TimeoutExpired:
                _end(process)
                raise self._fail(
                    text, f"did not finish within {self.timeout:g} s",
                    "raise --speech-timeout if it is slow, and check that it does not wait for input",
                ) from None  # fmt: skip
            except BaseException:  # Ctrl-C: nothing of it runs on after us
                _end(process)
                raise
            if process.returncode != 0:
                messages.seek(max(0, messages.seek(0, os.SEEK_END) - STDERR_TAIL))
                raise self._fail(text, _failure(process.returncode, messages.read()))

    def _read(self, text: str, out: Path) -> bytes:
        """The file the command wrote as 16-bit mono PCM at SAMPLE_RATE."""
        try:
            size = out.stat().st_size if out.is_file() else 0
        except OSError:
            size = 0
        if size == 0:
            raise self._fail(
                text, "wrote nothing to {out}",
                "make it write its WAV file at the path {out} gives",
            )  # fmt: skip
        if size > MAX_FILE_BYTES:
            raise self._fail(text, f"wrote {size // 2**20} MB, far more than one phrase needs")
        pcm = _plain_wav(out)
        if pcm is None:
            pcm = self._converted(text, out)
        if not pcm:
            raise self._fail(text, "wrote a WAV file with no sound in it")
        if len(pcm) // 2 > MAX_CLIP_SECONDS * SAMPLE_RATE:
            raise self._fail(text, f"spoke for more than {MAX_CLIP_SECONDS} s")
        return pcm

    def _converted(self, text: str, out: Path) -> bytes:
        """Any other sample rate, width or channel count (or format) through ffmpeg."""
        from ..ffmpeg import ffmpeg_exe, one_line

        command = [
            ffmpeg_exe(), "-nostdin", "-v", "error", "-i", str(out), "-vn",
            "-t", str(MAX_CLIP_SECONDS + 1), "-ac", "1", "-ar", str(SAMPLE_RATE),
            "-f", "s16le", "-acodec", "pcm_s16le", "-",
        ]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            raise self._fail(text, "wrote a file ffmpeg could not read in time") from None
        if done.returncode != 0:
            said = one_line(done.stderr.decode(errors="replace")) if done.stderr else "no message"
            raise self._fail(
                text, f"wrote something that is not audio (ffmpeg: {said})",
                "make it write a WAV file at the path {out} gives",
            )  # fmt: skip
        return done.stdout

    def close(self) -> None:
        folder, self._folder = self._folder, None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _plain_wav(path: Path) -> bytes | None:
    """The samples of a WAV that is already 16-bit mono PCM at SAMPLE_RATE; None for any
    other file (ffmpeg converts it)."""
    try:
        with wave.open(str(path), "rb") as clip:
            if (clip.getnchannels(), clip.getsampwidth(), clip.getframerate()) != (
                1, 2, SAMPLE_RATE,
            ):  # fmt: skip
                return None
            frames = clip.getnframes()
            pcm = clip.readframes(frames)
    except (wave.Error, EOFError, OSError):
        return None
    return pcm if len(pcm) == frames * 2 else None  # cut short: ffmpeg says how


def _failure(status: int, messages: bytes) -> str:
    """How a command ended: its status (or signal) and the last line it wrote to standard error."""
    how = f"exit status {status}"
    if status < 0:  # ended by a signal: -9 is SIGKILL
        with contextlib.suppress(ValueError):
            how = f"ended by {signal.Signals(-status).name}"
    lines = [line.strip() for line in messages.decode(errors="replace").splitlines()]
    last = next((line for line in reversed(lines) if line), "")
    if len(last) > 200:
        last = last[:197] + "..."
    return f"failed ({how}: {last})" if last else f"failed ({how}, with no message)"


def _end(process: subprocess.Popen) -> None:
    """Kill the command and everything it started (its process group), and reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (OSError, AttributeError):  # gone already, or not POSIX
        with contextlib.suppress(OSError):
            process.kill()
    process.wait()
