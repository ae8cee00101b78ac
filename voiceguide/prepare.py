"""Each distinct sound made ready for the track once: resampled to the track's rate by
ffmpeg, and put through the gain and limiter.

A track repeats a few dozen distinct sounds hundreds of times with silence between them,
so running the gain and limiter over each distinct sound once costs a fraction of running
them over the finished track, and leaves the encoder nothing to do but encode. (Measured
with two builds at once on two cores: 1.47x faster than one after the other with the
limiter in the encoder, 1.72x without.)

It sounds the same as limiting the whole track wherever sounds do not overlap: sounds sit
at least 150 ms apart and the limiter lets go within its 50 ms release, so each sound
meets it fresh either way. Where sounds overlap, their sum needs the limiter: the caller
then passes no filter here and limits the whole track (see `overlaps`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

from .ffmpeg import ffmpeg_exe, pipe_through
from .layout import SAMPLE_RATE, Timeline
from .mix import SAMPLE_WIDTH, Clip


def overlaps(timeline: Timeline) -> bool:
    """Whether any two sounds of the timeline play at the same time."""
    reach = 0
    for event in timeline.sounds():
        if event.start < reach:
            return True
        reach = max(reach, event.end)
    return False


def prepare(sounds: Mapping[str, Clip], audio_filter: str | None) -> dict[str, bytes]:
    """Every sound through `audio_filter` and at SAMPLE_RATE, as 16-bit mono PCM.

    One ffmpeg run per distinct input rate: the sounds are joined with half a second of
    silence between them (ten release times: nothing carries over) and cut apart again
    at the same sample positions. The filter must keep length and timing, as gain and
    alimiter with latency compensation do.
    """
    ready: dict[str, bytes] = {}
    for rate in sorted({clip.rate for clip in sounds.values()}):
        group = {key: clip for key, clip in sounds.items() if clip.rate == rate}
        ready |= _prepare_group(group, rate, audio_filter)
    return ready


def _prepare_group(
    sounds: Mapping[str, Clip], rate: int, audio_filter: str | None
) -> dict[str, bytes]:
    if rate == SAMPLE_RATE and not audio_filter:
        return {key: clip.pcm for key, clip in sounds.items()}
    # `unit_in` samples at `rate` become exactly `unit_out` at SAMPLE_RATE. Padding every
    # piece to whole units keeps each cut on the sample where its sound begins.
    common = math.gcd(rate, SAMPLE_RATE)
    unit_in, unit_out = rate // common, SAMPLE_RATE // common
    gap = bytes(SAMPLE_WIDTH * unit_in * math.ceil(rate / 2 / unit_in))

    def units(pcm: bytes) -> int:
        return math.ceil(len(pcm) / (SAMPLE_WIDTH * unit_in))

    def padded(pcm: bytes) -> bytes:
        return pcm.ljust(units(pcm) * unit_in * SAMPLE_WIDTH, b"\0")

    def joined() -> Iterator[bytes]:
        for clip in sounds.values():
            yield padded(clip.pcm)
            yield gap

    gap_out = len(gap) // unit_in * unit_out
    sizes = []
    for clip in sounds.values():
        sizes += [units(clip.pcm) * unit_out * SAMPLE_WIDTH, gap_out]
    # Resample first, so the limiter holds the peaks of the samples the track is made of.
    resample = f"aresample={SAMPLE_RATE}" if rate != SAMPLE_RATE else ""
    chain = [f for f in (resample, audio_filter) if f]
    command = [
        ffmpeg_exe(), "-hide_banner", "-loglevel", "error",
        "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0", "-af", ",".join(chain),
        "-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", "1", "pipe:1",
    ]  # fmt: skip
    pieces = pipe_through(command, joined(), sizes)
    ready = {}
    for key, clip in sounds.items():
        ready[key] = next(pieces)[: clip.frames * SAMPLE_WIDTH]
        next(pieces)  # the gap
    for _ in pieces:  # finishes the run: checks ffmpeg's status and the length returned
        pass
    return ready
