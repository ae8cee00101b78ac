"""A voice program for `voiceguide build --voice-command`: speaks TEXT into OUT, a 16-bit
mono WAV file, through the espeak-ng library that voiceguide's set-up installs (the
`espeakng-loader` wheel), as any other speech program would, knowing nothing of voiceguide.

    .venv/bin/python examples/say_with_espeak.py [--voice en-gb] [--rate 160] OUT -- TEXT

Copy it as the start of your own: anything that writes a WAV file to OUT can be the voice.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import wave


def speak(text: str, *, voice: str, rate: int) -> tuple[bytes, int]:
    """The phrase's samples (16-bit mono) and their sample rate."""
    import espeakng_loader

    os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
    library = espeakng_loader.get_library_path()
    for candidate in (library + ".1", library):  # pyttsx3's binding asks for the soname
        if os.path.exists(candidate):
            ctypes.CDLL(candidate, mode=ctypes.RTLD_GLOBAL)
            break
    from pyttsx3.drivers import _espeak

    sample_rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, 0)
    chunks: list[bytes] = []

    def collect(wav, count, _events) -> int:
        if count > 0:
            chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    _espeak.SetSynthCallback(collect)
    if _espeak.SetVoiceByName(voice.encode()) != 0:
        raise SystemExit(f"say_with_espeak: no espeak-ng voice {voice!r}")
    _espeak.SetParameter(_espeak.RATE, rate, 0)
    _espeak.Synth(text.encode(), flags=_espeak.ENDPAUSE | _espeak.CHARS_UTF8)
    return b"".join(chunks), sample_rate


def main() -> None:
    parser = argparse.ArgumentParser(description="Speak TEXT into the WAV file OUT.")
    parser.add_argument("--voice", default="en", help="an espeak-ng voice (default: en)")
    parser.add_argument("--rate", type=int, default=160, help="words a minute (default: 160)")
    parser.add_argument("out", help="the WAV file to write")
    parser.add_argument("text", help="what to say")
    args = parser.parse_args()
    pcm, sample_rate = speak(args.text, voice=args.voice, rate=args.rate)
    with wave.open(args.out, "wb") as clip:
        clip.setnchannels(1)
        clip.setsampwidth(2)
        clip.setframerate(sample_rate)
        clip.writeframes(pcm)


if __name__ == "__main__":
    main()
