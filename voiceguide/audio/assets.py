"""The cue tones and the cover picture shipped in audio_assets/ (how they are made:
scripts/make_tones.py and scripts/make_cover.py).

Their lengths come from the WAV headers alone (the standard library's `wave`), so `plan`
and `list` know them without loading the audio stack; their sound is decoded once a
build needs it.
"""

from __future__ import annotations

import functools
import wave
from importlib import resources

from ..errors import MachineError
from ..timeline import TONES, ToneName
from .format import SAMPLE_RATE, SAMPLE_WIDTH

_ASSETS = "voiceguide.audio_assets"


def tone_lengths() -> dict[ToneName, int]:
    """Each tone's length in frames at SAMPLE_RATE."""
    lengths = {}
    for name in TONES:
        asset = resources.files(_ASSETS) / f"{name}.wav"
        with resources.as_file(asset) as path, wave.open(str(path), "rb") as sound:
            form = (sound.getnchannels(), sound.getsampwidth(), sound.getframerate())
            if form != (1, SAMPLE_WIDTH, SAMPLE_RATE):
                raise MachineError(
                    f"the cue sound {name}.wav is not 16-bit mono at {SAMPLE_RATE} Hz; "
                    "reinstall voiceguide (scripts/make_tones.py makes the sounds)"
                )
            lengths[name] = sound.getnframes()
    return lengths


def load_tones() -> dict[ToneName, bytes]:
    """Each tone as 16-bit mono PCM at SAMPLE_RATE."""
    from .mix import decode_wav  # pydub: only once a build needs the sound itself

    tone_lengths()  # refuses a sound of another format before it is decoded
    tones = {}
    for name in TONES:
        with resources.as_file(resources.files(_ASSETS) / f"{name}.wav") as path:
            tones[name] = decode_wav(path)
    return tones


@functools.cache
def load_cover() -> bytes:
    """The cover picture every track carries, as PNG bytes (read once, then kept)."""
    data = (resources.files(_ASSETS) / "cover.png").read_bytes()
    # A PNG starts with its signature and then its IHDR chunk: size and colour type.
    if not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR" or len(data) < 26:
        raise MachineError(
            "the cover picture cover.png is not a PNG; reinstall voiceguide "
            "(scripts/make_cover.py makes it)"
        )
    return data
