"""Timeline + clips + the loudness chain -> the finished track's PCM, block by block."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from ..timeline import Timeline
from .format import Clip
from .mix import render
from .sounds import Prepared, overlaps


class Track:
    """The sounds of a timeline made ready (resampled, gain, limiter) and laid out.

    Sounds that never play together are each limited once, which is much cheaper than
    limiting the whole track; where sounds overlap, their sum must be limited, so the
    chain is left to the encoder (`encoder_filter`). Use as a context manager: the
    sounds are prepared in the background while the track is being encoded.
    """

    def __init__(
        self,
        timeline: Timeline,
        speech: Mapping[str, Clip],
        tones: Mapping[str, Clip],
        chain: str,
        scratch: Path,
    ) -> None:
        self.timeline = timeline
        self.encoder_filter = chain if overlaps(timeline) else None
        sound_filter = None if self.encoder_filter else chain
        # Prepared in the order the track needs them, kept on disk in `scratch`.
        in_order = (e.text for e in timeline.sounds() if e.kind == "speech")
        self._speech = Prepared(speech, sound_filter, order=in_order, folder=scratch)
        self._tones = Prepared(tones, sound_filter, order=())

    def blocks(self) -> Iterator[bytes]:
        """The whole track as consecutive blocks of 16-bit mono PCM at SAMPLE_RATE."""
        return render(self.timeline, self._speech, self._tones)

    def __enter__(self) -> Track:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._speech.close()
        self._tones.close()
