"""The track's sample format: every stage from the layout to the encoder counts in it."""

from __future__ import annotations

from dataclasses import dataclass

SAMPLE_RATE = 44100  # frames a second in the finished track
SAMPLE_WIDTH = 2  # bytes a sample: 16-bit signed, little-endian, one channel


def samples(seconds: float, rate: int = SAMPLE_RATE) -> int:
    """Seconds as a whole number of frames at `rate`."""
    return round(seconds * rate)


def resampled_frames(frames: int, rate: int) -> int:
    """How many frames a clip of `frames` at `rate` has once converted to SAMPLE_RATE."""
    return round(frames * SAMPLE_RATE / rate)


@dataclass(frozen=True)
class Clip:
    """A sound as 16-bit mono PCM at its own rate (speech engines make 22.05 kHz)."""

    pcm: bytes
    rate: int

    @property
    def frames(self) -> int:
        """Its length once converted to SAMPLE_RATE, as the timeline counts it."""
        return resampled_frames(len(self.pcm) // SAMPLE_WIDTH, self.rate)
