"""Timeline + sounds -> PCM, rendered block by block so memory stays flat with length.

Sounds are decoded once (pydub), resampled once (by ffmpeg, with the gain and limiter),
then laid at exact sample positions; blocks are joined by the encoder, never by `+` on a
growing track.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..speech.clips import ClipStore
from ..timeline import Timeline
from .format import SAMPLE_RATE, SAMPLE_WIDTH, Clip

with warnings.catch_warnings():
    # pydub warns at import when no ffmpeg is on PATH (we never ask it to run ffmpeg), and
    # Python 3.11-3.12 warn that audioop is deprecated (audioop-lts takes over on 3.13).
    warnings.simplefilter("ignore", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop  # from audioop-lts on Python 3.13+

    from pydub import AudioSegment

BLOCK_SECONDS = 10


def _mono16(segment: AudioSegment) -> AudioSegment:
    return segment.set_channels(1).set_sample_width(SAMPLE_WIDTH)


class ClipView(Mapping[str, Clip]):
    """A mapping of text -> PCM at one rate (the build's clip store) seen as Clips; each
    read goes to the store, so nothing is held here."""

    def __init__(self, store: ClipStore) -> None:
        self.store, self.rate = store, store.rate

    def __getitem__(self, text: str) -> Clip:
        return Clip(self.store[text], self.rate)

    def __iter__(self) -> Iterator[str]:
        return iter(self.store)

    def __len__(self) -> int:
        return len(self.store)


def decode_wav(path: Path) -> bytes:
    """A WAV file as 16-bit mono PCM at SAMPLE_RATE."""
    return _mono16(AudioSegment.from_wav(str(path))).set_frame_rate(SAMPLE_RATE).raw_data


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
        reach = block_start  # where the sounds laid so far in this block end
        for event in sounds[first:]:
            if event.start >= block_end:
                break
            data = speech[event.text] if event.kind == "speech" else tones[event.text]
            lo, hi = max(event.start, block_start), min(event.end, block_end)
            if hi <= lo:
                continue
            piece: bytes | memoryview = memoryview(data)[
                (lo - event.start) * SAMPLE_WIDTH : (hi - event.start) * SAMPLE_WIDTH
            ]
            at = (lo - block_start) * SAMPLE_WIDTH
            if lo < reach:
                # Sounds rarely overlap; where they do, sum them (audioop clips, never wraps).
                here = bytes(buffer[at : at + len(piece)])
                piece = audioop.add(here, piece, SAMPLE_WIDTH)
            buffer[at : at + len(piece)] = piece
            reach = max(reach, hi)
        yield bytes(buffer)
