"""pyttsx3 behind the engine interface, run in a worker process with a timeout per phrase."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from ..errors import MachineError, UserError
from .checks import ESPEAK_PACE, probe_problem
from .engine import Voice
from .worker import SAMPLE_RATE

DEFAULT_TIMEOUT = 30.0  # seconds for one phrase, or for the worker to start
STARTS = 3  # workers tried before an engine that will not keep its rate is given up


def default_timeout() -> float:
    """$VOICEGUIDE_SPEECH_TIMEOUT if set, else DEFAULT_TIMEOUT."""
    try:
        return float(os.environ.get("VOICEGUIDE_SPEECH_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


class Pyttsx3Engine:
    """Speaks through pyttsx3 (espeak-ng on Linux) in a separate process."""

    def __init__(
        self, voice: Voice, timeout: float | None = None, worker: list[str] | None = None
    ) -> None:
        # `worker` replaces the worker command: tests use it to inject a hung or crashing engine.
        self.voice, self.timeout = voice, timeout if timeout is not None else default_timeout()
        self.worker = worker or [sys.executable, "-m", "voiceguide.speech.worker"]
        self._process: subprocess.Popen[str] | None = None
        self._replies = None

    sample_rate = SAMPLE_RATE
    pace = ESPEAK_PACE

    @property
    def identity(self) -> str:
        versions = f"pyttsx3={_version('pyttsx3')},espeakng-loader={_version('espeakng-loader')}"
        return f"pyttsx3|{versions}|{sys.platform}|voice={self.voice.name.lower()}|rate={self.voice.rate}"

    def _start(self, *extra: str) -> dict:
        read_fd, write_fd = os.pipe()
        command = [
            *self.worker,
            # --voice=NAME, so a name that starts with "-" is never read as an option.
            f"--voice={self.voice.name}", f"--rate={self.voice.rate}", f"--reply-fd={write_fd}",
            *extra,
        ]  # fmt: skip
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
                f"the speech engine {what} while trying to {doing} (waited up to {self.timeout:g} s); "
                "run again, and if it persists check that pyttsx3 and espeak-ng work on this machine"
            )
        return json.loads(line)

    def _start_checked(self) -> None:
        """Start the worker and check, by the probe sentence, that it speaks at our rate;
        a worker that does not is replaced, a few times at most."""
        problem = None
        for _attempt in range(STARTS):
            hello = self._start()
            probe = hello.get("probe")
            problem = probe_problem(probe, self.voice.rate) if probe is not None else None
            if problem is None:
                return
            self.close()
        raise MachineError(
            f"the speech engine does not speak at the rate asked for, {self.voice.rate} words "
            f"a minute (a test sentence: {problem}); run again, or try another --rate"
        )

    def synthesize(self, text: str, path: Path) -> None:
        if self._process is None:
            self._start_checked()
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps({"text": text, "path": str(path)}) + "\n")
            self._process.stdin.flush()
        except BrokenPipeError:
            self.close()
            raise MachineError("the speech engine stopped unexpectedly; run again") from None
        reply = self._receive(f"say {text[:40]!r}")
        if "error" in reply:
            if reply.get("errno"):  # writing the clip failed: the caller knows the folder
                raise OSError(reply["errno"], reply["error"], str(path))
            raise MachineError(f"the speech engine failed on {text[:40]!r}: {reply['error']}")

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
    """(id, name) of every voice the engine offers."""
    engine = Pyttsx3Engine(Voice())
    try:
        return [(ident, name) for ident, name in engine._start("--list-voices")["voices"]]
    finally:
        engine.close()
