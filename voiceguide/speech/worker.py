"""Speech worker process: the engine lives here so its hangs and its printing stay contained.

Protocol: see process.py. Its first line is {"ready": true, "version": "...",
"probe": seconds|null}, where `probe` is how long a fixed sentence took (see checks.py).
"""

from __future__ import annotations

import argparse
import platform
import wave
from pathlib import Path
from typing import Protocol

from .espeak import SAMPLE_RATE
from .process import reply_channel, report_start_failure, serve


class _Speaker(Protocol):
    def speak(self, text: str) -> bytes: ...
    def probe(self) -> float | None: ...
    def voices(self) -> list[tuple[str, str]]: ...
    def choices(self) -> dict: ...
    def version(self) -> str: ...


class _NativeSpeaker:
    """pyttsx3's own driver (macOS, Windows), which speaks synchronously there."""

    def __init__(self, voice: str, rate: int) -> None:
        import pyttsx3

        from .espeak import pick_voice

        self.engine = pyttsx3.init()
        self.engine.setProperty("voice", pick_voice(self.voices(), voice))
        self.engine.setProperty("rate", rate)

    def voices(self) -> list[tuple[str, str]]:
        return [(str(v.id), str(v.name)) for v in self.engine.getProperty("voices")]

    def choices(self) -> dict:
        return {}  # the system's voices take no variants and name no languages here

    def version(self) -> str:
        return platform.system()

    def probe(self) -> float | None:
        return None  # the probe's figures were measured on espeak-ng

    def speak(self, text: str) -> bytes:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "phrase.wav"
            self.engine.save_to_file(text, str(path))
            self.engine.runAndWait()
            with wave.open(str(path), "rb") as clip:
                if (clip.getnchannels(), clip.getsampwidth(), clip.getframerate()) != (
                    1,
                    2,
                    SAMPLE_RATE,
                ):
                    raise RuntimeError("the system voice did not give 16-bit mono 22.05 kHz audio")
                return clip.readframes(clip.getnframes())


def _make_speaker(voice: str, rate: int) -> _Speaker:
    if platform.system() == "Linux":
        from .espeak import Espeak

        return Espeak(voice, rate)
    return _NativeSpeaker(voice, rate)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--voice", required=True)
    parser.add_argument("--rate", type=int, default=160)
    parser.add_argument("--list-voices", action="store_true")
    parser.add_argument("--reply-fd", type=int, required=True)
    args = parser.parse_args()
    send = reply_channel(args.reply_fd)

    try:
        speaker = _make_speaker(args.voice, args.rate)
    except Exception as err:  # any failure here means the engine cannot run
        report_start_failure(
            send,
            err,
            missing="the speech engine is not installed ({err}); install it with "
            "`pip install pyttsx3 espeakng-loader`, or run scripts/run again",
            missing_is_users=False,
            broken="cannot start the speech engine: {err}; check that pyttsx3 and espeak-ng work here",
        )
        return
    if args.list_voices:
        send({"voices": speaker.voices(), **speaker.choices()})
        return
    try:
        probe = speaker.probe()
    except Exception as err:
        send({"fatal": f"the speech engine cannot speak: {err}", "user": False})
        return
    send({"ready": True, "version": speaker.version(), "probe": probe})
    serve(speaker, send, SAMPLE_RATE)


if __name__ == "__main__":
    main()
