"""A speech engine run in a worker process, one JSON line per message each way.

Both engines (espeak-ng through pyttsx3, and Piper) live in workers so that a hang, a
crash or their printing stays out of the build. The parent side is `WorkerEngine`; the
worker side is `serve`. Protocol: the parent sends {"text", "path"}; the worker writes the
whole WAV file at `path`, flushes it to disk, and only then answers {"ok": true,
"frames": n}, or {"error": "...", "errno": n|null}, on the descriptor given by --reply-fd.
Its first line is {"ready": true, "version": ..., ...}, {"voices": [[id, name], ...]} for
--list-voices, or {"fatal": "...", "user": bool}.
"""

from __future__ import annotations

import json
import math
import os
import select
import subprocess
import sys
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from ..errors import MachineError, UserError
from .engine import Voice

DEFAULT_TIMEOUT = 30.0  # seconds for one phrase, or for the worker to start


TIMEOUTS = (1.0, 600.0)  # seconds a phrase may take: the bounds of --speech-timeout too


def checked_timeout(value: object, where: str) -> float:
    """Seconds for one phrase from `value`, or a UserError naming `where` it was given."""
    low, high = TIMEOUTS
    try:
        seconds = float(value)  # type: ignore[arg-type]  # anything float() takes
    except (TypeError, ValueError):
        seconds = math.nan
    if not low <= seconds <= high:  # nan fails both comparisons
        raise UserError(
            f"{where} {value!r}: give the seconds a phrase may take, {low:g} to {high:g}"
        )
    return seconds


def default_timeout() -> float:
    """$VOICEGUIDE_SPEECH_TIMEOUT if set, else DEFAULT_TIMEOUT."""
    given = os.environ.get("VOICEGUIDE_SPEECH_TIMEOUT")
    return DEFAULT_TIMEOUT if given is None else checked_timeout(given, "VOICEGUIDE_SPEECH_TIMEOUT")


class WorkerEngine:
    """The parent's side of a worker: started on the first phrase, replaced after a fault.

    Subclasses say which module runs the worker, its arguments, and how to name the
    engine in messages."""

    module = ""  # e.g. "voiceguide.speech.worker"
    label = "the speech engine"  # how messages name it
    advice = "check that the engine works on this machine"  # what to do when it fails

    def __init__(
        self, voice: Voice, timeout: float | None = None, worker: list[str] | None = None
    ) -> None:
        # `worker` replaces the worker command: tests use it to inject a hung or crashing engine.
        self.voice = voice
        self.timeout = default_timeout() if timeout is None else checked_timeout(timeout, "timeout")
        self.worker = worker or [sys.executable, "-m", self.module]
        self._process: subprocess.Popen[str] | None = None
        self._replies: Any = None

    def arguments(self) -> list[str]:
        """The worker's options for this engine's voice and rate."""
        return []

    def start(self, *extra: str) -> dict:
        """Start the worker; return its first message (ready, or voices with --list-voices)."""
        read_fd, write_fd = os.pipe()
        command = [*self.worker, *self.arguments(), f"--reply-fd={write_fd}", *extra]
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

    def voices(self) -> list[tuple[str, str]]:
        """(id, name) of every voice the engine offers, from a worker started to list them."""
        return [(ident, name) for ident, name in self.catalogue()["voices"]]

    def catalogue(self) -> dict:
        """The worker's list of voices: "voices" [(id, name)], and for espeak-ng the
        "languages" and "variants" a name may use."""
        try:
            return self.start("--list-voices")
        finally:
            self.close()

    def started(self) -> None:
        """Called before a phrase when no worker runs: start one (subclasses check it)."""
        self.start()

    def _receive(self, doing: str) -> dict:
        ready, _, _ = select.select([self._replies], [], [], self.timeout)
        line = self._replies.readline() if ready else ""
        if not line:
            self.close()
            what = "did not answer" if not ready else "stopped unexpectedly"
            raise MachineError(
                f"{self.label} {what} while trying to {doing} (waited up to {self.timeout:g} s); "
                f"run again, and if it persists {self.advice}"
            )
        return json.loads(line)

    def synthesize(self, text: str, path: Path) -> None:
        if self._process is None:
            self.started()
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps({"text": text, "path": str(path)}) + "\n")
            self._process.stdin.flush()
        except BrokenPipeError:
            self.close()
            raise MachineError(f"{self.label} stopped unexpectedly; run again") from None
        reply = self._receive(f"say {text[:40]!r}")
        if "error" in reply:
            if reply.get("errno"):  # writing the clip failed: the caller knows the folder
                raise OSError(reply["errno"], reply["error"], str(path))
            raise MachineError(f"{self.label} failed on {text[:40]!r}: {reply['error']}")

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


# The worker's side.


class Speaker(Protocol):
    """What a worker speaks with: 16-bit mono PCM for a text."""

    def speak(self, text: str) -> bytes: ...


def reply_channel(fd: int) -> Callable[[dict[str, Any]], None]:
    """A function that sends one message to the parent; from here on, nothing the engine
    prints reaches the CLI's output."""
    reply = os.fdopen(fd, "w", buffering=1)
    sys.stdout = sys.stderr

    def send(message: dict[str, Any]) -> None:
        reply.write(json.dumps(message) + "\n")

    return send


def report_start_failure(
    send: Callable[[dict[str, Any]], None], err: Exception, *, missing: str, broken: str,
    missing_is_users: bool,
) -> None:  # fmt: skip
    """Tell the parent why the engine could not start, in one line it can show as is.

    `missing` (for an ImportError) and `broken` (anything else) may use {err}. A voice
    that does not exist (LookupError) is the user's mistake; a broken install is not."""
    if isinstance(err, ImportError):
        send({"fatal": missing.format(err=err), "user": missing_is_users})
    elif isinstance(err, LookupError):
        send({"fatal": str(err), "user": True})
    else:
        send({"fatal": broken.format(err=err), "user": False})


def write_wav(path: str, pcm: bytes, rate: int) -> int:
    """The clip as 16-bit mono WAV, flushed to disk before the reply; returns its frames."""
    with open(path, "wb") as raw:
        with wave.open(raw, "wb") as clip:
            clip.setnchannels(1)
            clip.setsampwidth(2)
            clip.setframerate(rate)
            clip.writeframes(pcm)
        raw.flush()
        os.fsync(raw.fileno())
    return len(pcm) // 2


def serve(speaker: Speaker, send: Callable[[dict[str, Any]], None], rate: int) -> None:
    """Answer the parent's phrases, one line each, until it closes our input."""
    for line in sys.stdin:
        request = json.loads(line)
        try:
            pcm = speaker.speak(request["text"])
            send({"ok": True, "frames": write_wav(request["path"], pcm, rate)})
        except OSError as err:
            send({"error": err.strerror or str(err), "errno": err.errno})
        except Exception as err:
            send({"error": str(err), "errno": None})
