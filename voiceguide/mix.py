"""Timeline + sounds -> PCM, rendered block by block so memory stays flat with length.

Sounds are decoded once (pydub), converted to the timeline's format once, then laid at
exact sample positions; blocks are joined by the encoder, never by `+` on a growing track.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path

from .layout import SAMPLE_RATE, Timeline
from .plan import TONES

with warnings.catch_warnings():
    # pydub warns at import when no ffmpeg is on PATH (we never ask it to run ffmpeg), and
    # Python 3.11-3.12 warn that audioop is deprecated (audioop-lts takes over on 3.13).
    warnings.simplefilter("ignore", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop  # from audioop-lts on Python 3.13+

    from pydub import AudioSegment

SAMPLE_WIDTH = 2  # 16-bit mono
BLOCK_SECONDS = 10


def _pcm(segment: AudioSegment, frames: int | None = None) -> bytes:
    """Mono 16-bit at SAMPLE_RATE, padded or cut to exactly `frames` when given."""
    segment = segment.set_channels(1).set_sample_width(SAMPLE_WIDTH).set_frame_rate(SAMPLE_RATE)
    data = segment.raw_data
    if frames is not None:
        data = data[: frames * SAMPLE_WIDTH].ljust(frames * SAMPLE_WIDTH, b"\0")
    return data


def resampled_frames(frames: int, rate: int) -> int:
    """How many frames a clip of `frames` at `rate` has once converted to SAMPLE_RATE."""
    return round(frames * SAMPLE_RATE / rate)


def load_clip(path: Path) -> bytes:
    """A speech clip from the cache, converted to the timeline's format."""
    segment = AudioSegment.from_wav(str(path))
    return _pcm(segment, resampled_frames(int(segment.frame_count()), segment.frame_rate))


def load_tones() -> dict[str, bytes]:
    """The cue sounds shipped in audio_assets/, by name."""
    assets = resources.files("voiceguide.audio_assets")
    tones = {}
    for name in TONES:
        with resources.as_file(assets / f"{name}.wav") as path:
            tones[name] = _pcm(AudioSegment.from_wav(str(path)))
    return tones


def render(
    timeline: Timeline, speech: Mapping[str, bytes], tones: Mapping[str, bytes]
) -> Iterator[bytes]:
    """The whole track as consecutive blocks of raw PCM."""
    block = BLOCK_SECONDS * SAMPLE_RATE
    sounds = timeline.sounds()
    first = 0  # index of the first sound that may still reach the current block
    for block_start in range(0, timeline.length, block):
        block_end = min(block_start + block, timeline.length)
        buffer = bytearray((block_end - block_start) * SAMPLE_WIDTH)
        while first < len(sounds) and sounds[first].end <= block_start:
            first += 1
        for event in sounds[first:]:
            if event.start >= block_end:
                break
            data = speech[event.text] if event.kind == "speech" else tones[event.text]
            lo, hi = max(event.start, block_start), min(event.end, block_end)
            if hi <= lo:
                continue
            piece = data[(lo - event.start) * SAMPLE_WIDTH : (hi - event.start) * SAMPLE_WIDTH]
            at = (lo - block_start) * SAMPLE_WIDTH
            here = bytes(buffer[at : at + len(piece)])
            # Sounds rarely overlap; where they do, sum them (audioop clips, never wraps).
            overlap = bool(here.strip(b"\0"))
            buffer[at : at + len(piece)] = (
                audioop.add(here, piece, SAMPLE_WIDTH) if overlap else piece
            )
        yield bytes(buffer)
